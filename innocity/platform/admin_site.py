from django.contrib.admin import AdminSite
from django.shortcuts import redirect
from django.utils.translation import gettext_lazy as _

from innocity.orgs import permissions


class InnocityAdminSite(AdminSite):
    site_header = _("innocity administration")
    site_title = _("innocity administration")
    index_title = _("Plans, organisations and users")

    def has_permission(self, request):
        return permissions.can_use_admin(request.user)

    def password_change(self, request, extra_context=None):
        """One page changes one's own password, with all its rules: the site's, not the admin's copy."""
        return redirect("password_change")
