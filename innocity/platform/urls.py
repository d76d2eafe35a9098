from django.contrib import admin
from django.contrib.auth.decorators import login_not_required
from django.templatetags.static import static
from django.urls import include, path
from django.views.generic import RedirectView
from django.views.i18n import set_language

from innocity.orgs.views import LoginView, LogoutView, PasswordChangeView
from innocity.platform import views
from innocity.platform.api import api

urlpatterns = [
    path("", views.home, name="home"),
    path("healthz", views.healthz, name="healthz"),
    # Browsers ask for /favicon.ico on pages without an icon link (Django admin's, downloads).
    path("favicon.ico", login_not_required(RedirectView.as_view(url=static("innocity/favicon.svg"), permanent=True)),
         name="favicon"),
    path("accounts/login/", LoginView.as_view(), name="login"),
    path("accounts/logout/", LogoutView.as_view(), name="logout"),
    path("accounts/password/", PasswordChangeView.as_view(), name="password_change"),
    path("i18n/setlang/", login_not_required(set_language), name="set_language"),
    path("admin/", admin.site.urls),
    path("api/", api.urls),
    path("audit/", include("innocity.audit.urls")),
    path("", include("innocity.plans.urls")),
]
