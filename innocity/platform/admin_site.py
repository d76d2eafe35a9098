from django.contrib.admin import AdminSite
from django.utils.translation import gettext_lazy as _

from innocity.orgs import permissions


class InnocityAdminSite(AdminSite):
    site_header = _("innocity administration")
    site_title = _("innocity administration")
    index_title = _("Plans, organisations and users")

    def has_permission(self, request):
        return permissions.can_use_admin(request.user)

