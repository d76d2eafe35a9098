from django.urls import path

from innocity.plans import import_views, views

app_name = "plans"
urlpatterns = [
    path("plans/", views.plan_list, name="list"),
    path("plans/<int:plan_id>/", views.plan_detail, name="detail"),
    path("plans/<int:plan_id>/breakdown.xlsx", views.plan_breakdown_xlsx, name="breakdown"),
    path("plans/<int:plan_id>/tasks/<int:task_id>/", views.task_detail, name="task"),
    path("plans/<int:plan_id>/publish", import_views.publish, name="publish"),
    path("plans/<int:plan_id>/delete", import_views.delete, name="delete"),
    path("plans/<int:plan_id>/export.yaml", views.plan_export_yaml, name="export"),
    path("plans/import/", import_views.upload, name="import_upload"),
    path("plans/import/<int:import_id>/", import_views.review, name="import_review"),
    path("plans/import/<int:import_id>/edit", import_views.edit, name="import_edit"),
    path("plans/import/<int:import_id>/commit", import_views.commit, name="import_commit"),
    path("plans/import/<int:import_id>/discard", import_views.discard, name="import_discard"),
    path("orgs/", views.organisation_list, name="organisations"),
    path("orgs/<slug:code>/", views.organisation_detail, name="organisation"),
    path("orgs/<slug:code>/responsibilities.xlsx", views.organisation_breakdown_xlsx, name="organisation_xlsx"),
]
