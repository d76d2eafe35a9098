"""Organisations, groups, users, roles, enterprise consent to banks, and API tokens.

Every model that people edit keeps its history (django-simple-history): who changed what, when.
"""

from django.contrib.auth.models import AbstractUser
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords


class OrganisationType(models.TextChoices):
    GOVERNMENT = "government", _("City government")
    DEPARTMENT = "department", _("Department")
    COUNTY = "county", _("County, city or district")
    ZONE = "zone", _("Functional zone")
    UNIVERSITY = "university", _("University or research institute")
    STATE_GROUP = "state_group", _("State-owned group")
    ENTERPRISE = "enterprise", _("Enterprise")
    BANK = "bank", _("Bank")


# Organisations that report to the plan office; enterprises and banks are outside the government.
GOVERNMENT_TYPES = (
    OrganisationType.GOVERNMENT,
    OrganisationType.DEPARTMENT,
    OrganisationType.COUNTY,
    OrganisationType.ZONE,
    OrganisationType.UNIVERSITY,
    OrganisationType.STATE_GROUP,
)


class Organisation(models.Model):
    code = models.SlugField(_("code"), max_length=40, unique=True)
    type = models.CharField(_("type"), max_length=20, choices=OrganisationType.choices)
    name = models.CharField(_("full name"), max_length=200, unique=True)
    short_name = models.CharField(_("short name"), max_length=100, unique=True)
    aliases = models.JSONField(_("aliases"), default=list, blank=True)
    parent = models.ForeignKey(
        "self", verbose_name=_("parent"), null=True, blank=True, on_delete=models.PROTECT, related_name="children"
    )
    position = models.PositiveIntegerField(_("position"), default=0)
    is_demo = models.BooleanField(_("demo data"), default=False)
    history = HistoricalRecords()

    class Meta:
        ordering = ["position", "id"]
        verbose_name = _("organisation")
        verbose_name_plural = _("organisations")

    def __str__(self) -> str:
        return self.short_name

    @property
    def is_government(self) -> bool:
        return self.type in GOVERNMENT_TYPES


class OrganisationGroup(models.Model):
    """A name a document uses for several units at once (各县〔市、区〕政府, 驻新高校、科研院所)."""

    code = models.SlugField(_("code"), max_length=40, unique=True)
    name = models.CharField(_("name"), max_length=200, unique=True)
    aliases = models.JSONField(_("aliases"), default=list, blank=True)
    members = models.ManyToManyField(Organisation, verbose_name=_("members"), related_name="groups")
    history = HistoricalRecords(m2m_fields=[members])

    class Meta:
        ordering = ["id"]
        verbose_name = _("organisation group")
        verbose_name_plural = _("organisation groups")

    def __str__(self) -> str:
        return self.name


class Role(models.TextChoices):
    ADMIN = "admin", _("System administrator")
    PLAN_OFFICE = "plan_office", _("Plan office")
    REPORTER = "reporter", _("Unit reporter")
    REVIEWER = "reviewer", _("Unit reviewer")
    LEADER = "leader", _("Leadership viewer")
    ENTERPRISE = "enterprise", _("Enterprise user")
    BANK = "bank", _("Bank user")


class User(AbstractUser):
    organisation = models.ForeignKey(
        Organisation, verbose_name=_("organisation"), null=True, blank=True, on_delete=models.PROTECT,
        related_name="users",
    )
    full_name = models.CharField(_("name"), max_length=100, blank=True)
    password_changed_at = models.DateTimeField(_("password changed"), null=True, blank=True, editable=False)
    # An initial or reset password, set by an administrator: the user changes it at the next login.
    must_change_password = models.BooleanField(_("must change password"), default=False)
    # The password hash and login times are not data changes worth a history row; the date of a
    # password change is (the log then shows who changed whose password, and when).
    history = HistoricalRecords(excluded_fields=["password", "last_login"])

    class Meta:
        verbose_name = _("user")
        verbose_name_plural = _("users")

    def __str__(self) -> str:
        return self.full_name or self.username

    def set_password(self, raw_password):
        """Every way of setting a password (the change page, the admin, the command line) dates it."""
        super().set_password(raw_password)
        self.password_changed_at = timezone.now()

    @property
    def roles(self) -> frozenset[str]:
        """The user's roles, read once per request object."""
        if not hasattr(self, "_roles_cache"):
            self._roles_cache = frozenset(self.role_grants.values_list("role", flat=True)) if self.pk else frozenset()
        return self._roles_cache


class RoleGrant(models.Model):
    user = models.ForeignKey(User, verbose_name=_("user"), on_delete=models.CASCADE, related_name="role_grants")
    role = models.CharField(_("role"), max_length=20, choices=Role.choices)
    history = HistoricalRecords()

    class Meta:
        constraints = [models.UniqueConstraint(fields=["user", "role"], name="role_grant_unique")]
        verbose_name = _("role")
        verbose_name_plural = _("roles")

    def __str__(self) -> str:
        return f"{self.user} · {self.get_role_display()}"


class Consent(models.Model):
    """An enterprise lets a bank see its data (创新积分贷); revocable, never deleted."""

    enterprise = models.ForeignKey(
        Organisation, verbose_name=_("enterprise"), on_delete=models.PROTECT, related_name="consents_given",
        limit_choices_to={"type": OrganisationType.ENTERPRISE},
    )
    bank = models.ForeignKey(
        Organisation, verbose_name=_("bank"), on_delete=models.PROTECT, related_name="consents_received",
        limit_choices_to={"type": OrganisationType.BANK},
    )
    granted_at = models.DateTimeField(_("granted at"))
    revoked_at = models.DateTimeField(_("revoked at"), null=True, blank=True)
    history = HistoricalRecords()

    class Meta:
        constraints = [
            models.CheckConstraint(condition=~Q(enterprise=models.F("bank")), name="consent_two_parties"),
            models.UniqueConstraint(
                fields=["enterprise", "bank"], condition=Q(revoked_at__isnull=True), name="consent_one_active"
            ),
        ]
        verbose_name = _("consent")
        verbose_name_plural = _("consents")

    def __str__(self) -> str:
        return f"{self.enterprise} → {self.bank}"


class ApiToken(models.Model):
    """A token for the API. Only a digest is stored; the token is shown once when created."""

    user = models.ForeignKey(User, verbose_name=_("user"), on_delete=models.CASCADE, related_name="api_tokens")
    name = models.CharField(_("name"), max_length=100)
    prefix = models.CharField(_("prefix"), max_length=8)
    digest = models.CharField(max_length=64, unique=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    last_used_at = models.DateTimeField(_("last used at"), null=True, blank=True)
    revoked_at = models.DateTimeField(_("revoked at"), null=True, blank=True)
    history = HistoricalRecords(excluded_fields=["last_used_at"])

    class Meta:
        verbose_name = _("API token")
        verbose_name_plural = _("API tokens")

    def __str__(self) -> str:
        return f"{self.name} ({self.prefix}…)"
