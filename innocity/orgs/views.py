"""Log in, log out, and the page shown when an account is locked."""

from django.conf import settings
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_not_required
from django.shortcuts import render
from django.utils.decorators import method_decorator


def _lockout_minutes() -> int:
    return int(settings.AXES_COOLOFF_TIME.total_seconds() // 60)


@method_decorator(login_not_required, name="dispatch")
class LoginView(auth_views.LoginView):
    template_name = "registration/login.html"
    redirect_authenticated_user = True

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["failure_limit"] = settings.AXES_FAILURE_LIMIT
        context["lockout_minutes"] = _lockout_minutes()
        return context


class LogoutView(auth_views.LogoutView):
    """POST only (Django's rule): a link cannot log a user out behind their back."""


def lockout(request, original_response=None, credentials=None):
    """django-axes calls this when an account is locked after repeated failed logins."""
    context = {"minutes": _lockout_minutes(), "failure_limit": settings.AXES_FAILURE_LIMIT}
    return render(request, "orgs/lockout.html", context, status=429)
