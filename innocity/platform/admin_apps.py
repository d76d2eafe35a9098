"""Django admin, with a site whose entry is decided by the permission module.

Kept apart from admin_site.py: an AppConfig module is imported before models may be.
"""

from django.contrib.admin.apps import AdminConfig


class InnocityAdminConfig(AdminConfig):
    default_site = "innocity.platform.admin_site.InnocityAdminSite"
