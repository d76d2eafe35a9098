"""The plan as data: Plan → Section (nested) → Task → Responsibility, and Targets.

A Target belongs to the plan and to the section that states it; task targets also to their task.
Goals (发展目标) are the targets of the plan's goals section (is_goal).
"""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from innocity.orgs.models import Organisation


class PlanStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    PUBLISHED = "published", _("Published")


class Plan(models.Model):
    title = models.CharField(_("title"), max_length=300)
    issuer = models.CharField(_("issuer"), max_length=200, blank=True)
    document_number = models.CharField(_("document number"), max_length=100, blank=True)
    issued_on = models.DateField(_("issue date"), null=True, blank=True)
    period_start = models.PositiveSmallIntegerField(_("first year"))
    period_end = models.PositiveSmallIntegerField(_("last year"))
    status = models.CharField(_("status"), max_length=20, choices=PlanStatus.choices, default=PlanStatus.DRAFT)
    preamble = models.TextField(_("preamble"), blank=True)
    source = models.CharField(_("source"), max_length=300, blank=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["-period_end", "-id"]
        constraints = [
            models.CheckConstraint(condition=Q(period_start__lte=models.F("period_end")), name="plan_period_order"),
        ]
        verbose_name = _("plan")
        verbose_name_plural = _("plans")

    def __str__(self) -> str:
        return self.title

    @property
    def is_published(self) -> bool:
        return self.status == PlanStatus.PUBLISHED


class SectionKind(models.TextChoices):
    TEXT = "text", _("Text")
    GOALS = "goals", _("Goals")
    TASKS = "tasks", _("Tasks")
    SAFEGUARDS = "safeguards", _("Safeguards")


class Section(models.Model):
    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="sections", verbose_name=_("plan"))
    parent = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.CASCADE, related_name="children", verbose_name=_("parent")
    )
    number = models.CharField(_("number"), max_length=20)
    title = models.CharField(_("title"), max_length=300)
    text = models.TextField(_("text"), blank=True)
    kind = models.CharField(_("kind"), max_length=20, choices=SectionKind.choices, default=SectionKind.TEXT)
    position = models.PositiveIntegerField(_("position"))
    history = HistoricalRecords()

    class Meta:
        ordering = ["position"]
        constraints = [models.UniqueConstraint(fields=["plan", "position"], name="section_position_unique")]
        verbose_name = _("section")
        verbose_name_plural = _("sections")

    def __str__(self) -> str:
        separator = "" if self.number.endswith(")") else "、"
        return f"{self.number}{separator}{self.title}"


class Task(models.Model):
    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="tasks", verbose_name=_("plan"))
    section = models.ForeignKey(Section, on_delete=models.CASCADE, related_name="tasks", verbose_name=_("section"))
    number = models.CharField(_("number"), max_length=20)
    title = models.CharField(_("title"), max_length=300)
    text = models.TextField(_("text"), blank=True)
    position = models.PositiveIntegerField(_("position"))
    history = HistoricalRecords()

    class Meta:
        ordering = ["position"]
        constraints = [
            # Numbers may restart in every sub-section: a task is its section plus its number.
            models.UniqueConstraint(fields=["section", "number"], name="task_number_unique_in_section"),
        ]
        verbose_name = _("task")
        verbose_name_plural = _("tasks")

    def __str__(self) -> str:
        return f"{self.number}. {self.title}"


class ResponsibilityRole(models.TextChoices):
    LEAD = "lead", _("Lead")
    RESPONSIBLE = "responsible", _("Responsible")
    COOPERATING = "cooperating", _("Cooperating")


class Responsibility(models.Model):
    task = models.ForeignKey(Task, on_delete=models.CASCADE, related_name="responsibilities", verbose_name=_("task"))
    # Empty while a draft names a unit the registry does not know (yet); a plan is published only
    # when every unit is resolved.
    organisation = models.ForeignKey(
        Organisation, on_delete=models.PROTECT, related_name="responsibilities", verbose_name=_("organisation"),
        null=True, blank=True,
    )
    role = models.CharField(_("role"), max_length=20, choices=ResponsibilityRole.choices)
    # As the document writes it: a group (各县〔市、区〕政府) or a form like 牧野区人民政府.
    written_as = models.CharField(_("as written"), max_length=200, blank=True)
    position = models.PositiveIntegerField(_("position"))
    history = HistoricalRecords()

    class Meta:
        ordering = ["position"]
        constraints = [
            models.UniqueConstraint(fields=["task", "organisation"], name="responsibility_unique"),
            models.CheckConstraint(
                condition=Q(organisation__isnull=False) | ~Q(written_as=""), name="responsibility_names_a_unit"
            ),
        ]
        verbose_name = _("responsibility")
        verbose_name_plural = _("responsibilities")

    def __str__(self) -> str:
        return f"{self.task.number} · {self.organisation or self.written_as}"

    @property
    def unit_name(self) -> str:
        """The registry's short name, or the name as written while unresolved."""
        return self.organisation.short_name if self.organisation_id else self.written_as


class Comparator(models.TextChoices):
    GT = ">", _("more than")
    GE = ">=", _("at least")
    EQ = "=", _("equal to")
    LE = "<=", _("at most")
    LT = "<", _("less than")
    APPROX = "~", _("about")
    RANGE = "range", _("between")


class Recurrence(models.TextChoices):
    YEARLY = "yearly", _("every year")


class Target(models.Model):
    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="targets", verbose_name=_("plan"))
    section = models.ForeignKey(Section, on_delete=models.CASCADE, related_name="targets", verbose_name=_("section"))
    task = models.ForeignKey(
        Task, null=True, blank=True, on_delete=models.CASCADE, related_name="targets", verbose_name=_("task")
    )
    is_goal = models.BooleanField(_("goal"), default=False)
    position = models.PositiveIntegerField(_("position"))
    text = models.CharField(_("text"), max_length=500)
    indicator = models.CharField(_("indicator"), max_length=200)
    comparator = models.CharField(_("comparator"), max_length=8, choices=Comparator.choices)
    value = models.DecimalField(_("value"), max_digits=20, decimal_places=6)
    value_max = models.DecimalField(_("upper value"), max_digits=20, decimal_places=6, null=True, blank=True)
    unit = models.CharField(_("unit"), max_length=30, blank=True)
    deadline = models.CharField(_("deadline"), max_length=10, blank=True, help_text=_("A period code, e.g. 2024."))
    recurring = models.CharField(_("recurring"), max_length=10, choices=Recurrence.choices, blank=True)
    aspiration = models.BooleanField(_("aspiration (力争)"), default=False)
    baseline_value = models.DecimalField(_("baseline"), max_digits=20, decimal_places=6, null=True, blank=True)
    baseline_unit = models.CharField(_("baseline unit"), max_length=30, blank=True)
    baseline_period = models.CharField(_("baseline period"), max_length=10, blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["position"]
        constraints = [
            models.UniqueConstraint(fields=["plan", "position"], name="target_position_unique"),
            models.CheckConstraint(
                condition=Q(comparator="range", value_max__isnull=False)
                | (~Q(comparator="range") & Q(value_max__isnull=True)),
                name="target_range_has_upper_value",
            ),
            models.CheckConstraint(condition=~Q(is_goal=True, task__isnull=False), name="goal_is_not_a_task_target"),
        ]
        verbose_name = _("target")
        verbose_name_plural = _("targets")

    def __str__(self) -> str:
        return self.text

    @property
    def approximate(self) -> bool:
        return self.comparator == Comparator.APPROX


class ImportStatus(models.TextChoices):
    OPEN = "open", _("Under review")
    IMPORTED = "imported", _("Imported")
    DISCARDED = "discarded", _("Discarded")


class PlanImport(models.Model):
    """A document uploaded for import: the file as received, and the working document (the parse,
    as corrected by the reviewer) until it is imported as a draft plan or discarded."""

    filename = models.CharField(_("file name"), max_length=255)
    content = models.BinaryField(_("file"))
    sha256 = models.CharField(max_length=64)
    document = models.JSONField(_("working document"))
    status = models.CharField(_("status"), max_length=20, choices=ImportStatus.choices, default=ImportStatus.OPEN)
    plan = models.ForeignKey(
        Plan, null=True, blank=True, on_delete=models.SET_NULL, related_name="imports", verbose_name=_("plan")
    )
    # Empty for imports from the command line (`innocity plan import`), which has no platform user.
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="plan_imports", verbose_name=_("uploaded by"),
        null=True, blank=True,
    )
    created_at = models.DateTimeField(_("uploaded at"), auto_now_add=True)
    history = HistoricalRecords(excluded_fields=["content"])

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("document import")
        verbose_name_plural = _("document imports")

    def __str__(self) -> str:
        return self.filename

    @property
    def title(self) -> str:
        return self.document.get("title") or self.filename
