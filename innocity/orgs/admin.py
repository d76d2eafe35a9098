from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin
from django.contrib.auth.forms import AdminPasswordChangeForm
from django.utils.translation import gettext_lazy as _
from simple_history.admin import SimpleHistoryAdmin

from innocity.orgs import permissions
from innocity.orgs.models import ApiToken, Consent, Organisation, OrganisationGroup, RoleGrant, User


class GuardedAdmin(SimpleHistoryAdmin):
    """Admin pages ask the permission module, and show each record's history."""

    def has_module_permission(self, request):
        return permissions.can_administer_model(request.user, self.model)

    def has_view_permission(self, request, obj=None):
        return permissions.can_administer_model(request.user, self.model)

    def has_add_permission(self, request, *args):
        return permissions.can_administer_model(request.user, self.model)

    def has_change_permission(self, request, obj=None):
        return permissions.can_administer_model(request.user, self.model)

    def has_delete_permission(self, request, obj=None):
        return permissions.can_administer_model(request.user, self.model)


@admin.register(Organisation)
class OrganisationAdmin(GuardedAdmin):
    list_display = ["short_name", "name", "type", "parent", "is_demo"]
    list_filter = ["type", "is_demo"]
    search_fields = ["name", "short_name", "code"]


@admin.register(OrganisationGroup)
class OrganisationGroupAdmin(GuardedAdmin):
    list_display = ["name", "code"]
    filter_horizontal = ["members"]


class AdminSetPasswordForm(AdminPasswordChangeForm):
    """A password an administrator sets for someone is known to the administrator: the user changes
    it at the next login."""

    def save(self, commit=True):
        user = super().save(commit=False)
        user.must_change_password = True
        if commit:
            user.save()
        return user


class GuardedInline:
    """Inline rows ask the permission module too (Django would ask model permissions)."""

    def has_view_permission(self, request, obj=None):
        return permissions.can_administer_model(request.user, self.model)

    has_add_permission = has_change_permission = has_delete_permission = has_view_permission


class RoleGrantInline(GuardedInline, admin.TabularInline):
    model = RoleGrant
    extra = 1


@admin.register(User)
class UserAdmin(GuardedAdmin, DjangoUserAdmin):
    list_display = ["username", "full_name", "organisation", "is_active", "last_login"]
    list_filter = ["is_active", "organisation__type"]
    search_fields = ["username", "full_name", "organisation__short_name"]
    inlines = [RoleGrantInline]
    fieldsets = (
        (None, {"fields": ("username", "password")}),
        (_("Person"), {"fields": ("full_name", "email", "organisation")}),
        (_("Status"), {"fields": ("is_active", "must_change_password", "password_changed_at", "last_login",
                                  "date_joined")}),
    )
    add_fieldsets = ((None, {"classes": ("wide",), "fields": ("username", "full_name", "organisation",
                                                               "password1", "password2")}),)
    readonly_fields = ["password_changed_at", "last_login", "date_joined"]
    change_password_form = AdminSetPasswordForm

    def save_model(self, request, obj, form, change):
        if not change:
            obj.must_change_password = True  # an initial password, known to the administrator
        super().save_model(request, obj, form, change)


@admin.register(Consent)
class ConsentAdmin(GuardedAdmin):
    list_display = ["enterprise", "bank", "granted_at", "revoked_at"]


@admin.register(ApiToken)
class ApiTokenAdmin(GuardedAdmin):
    list_display = ["name", "user", "prefix", "created_at", "last_used_at", "revoked_at"]
    readonly_fields = ["prefix", "digest", "created_at", "last_used_at"]
