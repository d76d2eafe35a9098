"""Template filters for plan pages; they format, the computation lives in innocity.core."""

from django import template

from innocity.core.targetfmt import describe

register = template.Library()


@register.filter
def target_value(target) -> str:
    """`≥ 1.3万家` for a Target."""
    return describe(target.comparator, target.value, target.value_max, target.unit)


@register.filter
def parsed_target_value(target: dict) -> str:
    """The same for a target of an import's working document (a dict)."""
    return describe(target["comparator"], target["value"], target.get("value_max"), target.get("unit") or "")
