"""Site-wide middleware: security headers Django does not set, and the login requirement."""

from django.conf import settings
from django.contrib.auth.middleware import LoginRequiredMiddleware as _LoginRequired
from django.http import HttpResponse, JsonResponse
from django.middleware.locale import LocaleMiddleware as _DjangoLocale
from django.shortcuts import redirect
from django.urls import reverse
from django.utils import translation
from django.utils.http import urlencode

from innocity.orgs.passwords import password_state

# Features no page of ours uses; denying them limits what injected content could do.
PERMISSIONS_POLICY = "camera=(), microphone=(), geolocation=(), payment=(), usb=(), interest-cohort=()"


class SecurityHeadersMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        response.setdefault("Permissions-Policy", PERMISSIONS_POLICY)
        # Pages behind a login carry government data: no shared or browser caching of them.
        if getattr(request, "user", None) is not None and request.user.is_authenticated:
            if not request.path.startswith("/static/"):
                response.setdefault("Cache-Control", "no-store")
        return response


class LoginRequiredMiddleware(_LoginRequired):
    """Every page needs a login, except those marked login_not_required. The API answers for
    itself (session or token, 401 as JSON), so it is not redirected to the login page."""

    def process_view(self, request, view_func, view_args, view_kwargs):
        if request.path_info.startswith("/api/"):
            return None
        return super().process_view(request, view_func, view_args, view_kwargs)


class PasswordChangeRequiredMiddleware:
    """A signed-in user whose password is due (set by an administrator, or older than the maximum age)
    reaches only the password change page, logging out and the language switch until it is changed."""

    OPEN_PATHS = ("/static/", "/healthz", "/i18n/", "/favicon.ico")

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = getattr(request, "user", None)
        if user is None or not user.is_authenticated or request.path_info.startswith(self.OPEN_PATHS):
            return self.get_response(request)
        # Kept on the request: the page's reminder banner reads it too.
        request.password_status = status = password_state(user)
        change_url = reverse("password_change")
        if not status.due or request.path_info in (change_url, reverse("logout")):
            return self.get_response(request)
        if request.path_info.startswith("/api/"):
            return JsonResponse({"detail": "须先修改密码 (the password must be changed first)"}, status=403)
        target = f"{change_url}?{urlencode({'next': request.get_full_path()})}"
        if request.headers.get("HX-Request"):
            response = HttpResponse(status=204)
            response["HX-Redirect"] = target
            return response
        return redirect(target)


class LocaleMiddleware(_DjangoLocale):
    """Simplified Chinese unless the user chose another language with the switch (a cookie).

    Django's own middleware would follow the browser's Accept-Language; a bureau's staff expect
    Chinese whatever browser or operating system the office installed.
    """

    def process_request(self, request):
        code = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME)
        if code not in dict(settings.LANGUAGES):
            code = settings.LANGUAGE_CODE
        translation.activate(code)
        request.LANGUAGE_CODE = translation.get_language()
