from django.urls import path

from innocity.plans import views

app_name = "plans"
urlpatterns = [
    path("plans/", views.plan_list, name="list"),
    path("plans/<int:plan_id>/", views.plan_detail, name="detail"),
    path("plans/<int:plan_id>/breakdown.xlsx", views.plan_breakdown_xlsx, name="breakdown"),
    path("plans/<int:plan_id>/tasks/<int:task_id>/", views.task_detail, name="task"),
    path("orgs/", views.organisation_list, name="organisations"),
    path("orgs/<slug:code>/", views.organisation_detail, name="organisation"),
    path("orgs/<slug:code>/responsibilities.xlsx", views.organisation_breakdown_xlsx, name="organisation_xlsx"),
]
