"""Log in, log out, the own password change, and the page shown when an account is locked."""

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_not_required
from django.shortcuts import render
from django.urls import reverse_lazy
from django.utils.decorators import method_decorator
from django.utils.translation import gettext as _

from innocity.orgs import permissions
from innocity.orgs.forms import OwnPasswordChangeForm
from innocity.orgs.passwords import password_state


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


@method_decorator(permissions.guard(permissions.is_signed_in), name="dispatch")
class PasswordChangeView(auth_views.RedirectURLMixin, auth_views.PasswordChangeView):
    """Every user's own password change; the only page open to a user whose password is due. After
    the change the user goes on to the page that was asked for (`next`, checked to be on this site)."""

    form_class = OwnPasswordChangeForm
    template_name = "orgs/password_change.html"
    next_page = reverse_lazy("home")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["status"] = password_state(self.request.user)
        context["max_age_days"] = settings.PASSWORD_MAX_AGE_DAYS
        context["next"] = self.get_redirect_url()
        return context

    def form_valid(self, form):
        response = super().form_valid(form)
        messages.success(self.request, _("Your password has been changed."))
        return response
