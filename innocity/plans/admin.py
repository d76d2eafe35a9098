from django.contrib import admin

from innocity.orgs.admin import GuardedAdmin, GuardedInline
from innocity.plans.models import Plan, Responsibility, Section, Target, Task


class ResponsibilityInline(GuardedInline, admin.TabularInline):
    model = Responsibility
    extra = 0
    autocomplete_fields = ["organisation"]


class TargetInline(GuardedInline, admin.StackedInline):
    model = Target
    extra = 0
    fk_name = "task"
    exclude = ["plan", "section", "is_goal"]


@admin.register(Plan)
class PlanAdmin(GuardedAdmin):
    list_display = ["title", "issuer", "period_start", "period_end", "status"]
    list_filter = ["status"]


@admin.register(Section)
class SectionAdmin(GuardedAdmin):
    list_display = ["__str__", "plan", "kind"]
    list_filter = ["plan", "kind"]


@admin.register(Task)
class TaskAdmin(GuardedAdmin):
    list_display = ["number", "title", "section", "plan"]
    list_filter = ["plan"]
    search_fields = ["title", "text"]
    inlines = [ResponsibilityInline, TargetInline]


@admin.register(Target)
class TargetAdmin(GuardedAdmin):
    list_display = ["indicator", "comparator", "value", "unit", "deadline", "is_goal", "task"]
    list_filter = ["plan", "is_goal", "comparator"]
    search_fields = ["indicator", "text"]
