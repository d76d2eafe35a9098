"""Every view goes through the permission module (innocity.orgs.permissions.guard)."""

from django.urls import URLPattern, URLResolver, get_resolver

# Views that must work without a login, each for a stated reason.
PUBLIC = {
    "login": "the login page itself",
    "healthz": "monitoring probes the server without an account",
    "favicon": "browsers ask for the site's icon before anyone logs in",
    "set_language": "the language can be chosen before logging in",
    "logout": "logging out ends a session; it needs no permission",
}


def _views(resolver, prefix=""):
    for entry in resolver.url_patterns:
        if isinstance(entry, URLResolver):
            if str(entry.pattern) in {"admin/", "api/"}:
                continue  # admin: InnocityAdminSite.has_permission; api: checked per endpoint below
            yield from _views(entry, prefix + str(entry.pattern))
        elif isinstance(entry, URLPattern):
            yield entry.name, entry.callback


def test_every_page_view_carries_a_permission_check():
    unguarded = [name for name, view in _views(get_resolver())
                 if not hasattr(view, "permission_check") and name not in PUBLIC]
    assert not unguarded


def test_the_admin_site_asks_the_permission_module():
    from django.contrib import admin

    from innocity.orgs.admin import GuardedAdmin
    from innocity.platform.admin_site import InnocityAdminSite

    assert isinstance(admin.site, InnocityAdminSite)
    unguarded = [m.__name__ for m, a in admin.site._registry.items()
                 if not isinstance(a, GuardedAdmin) and m._meta.app_label.startswith(("orgs", "plans"))]
    assert not unguarded


def test_every_api_operation_calls_authorize():
    """Each endpoint function calls permissions.authorize (read from its source)."""
    import inspect

    from innocity.platform.api import api

    for _prefix, router in api._routers:
        for path_view in router.path_operations.values():
            for operation in path_view.operations:
                source = inspect.getsource(operation.view_func)
                assert "permissions.authorize(" in source, operation.view_func.__name__
