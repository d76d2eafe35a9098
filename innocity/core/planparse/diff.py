"""What changed between two parses of a plan: tasks added, removed, renumbered and changed, goals
added and removed. Tasks are matched by section path plus number, then by title (a task that
moved or was renumbered keeps its title).

>>> from innocity.core.planparse import parse_text
>>> old = parse_text("三、主要任务\\n1.建设平台。建成9个加氢站。(责任单位:市工信局)")
>>> new = parse_text("三、主要任务\\n1.建设平台。建成12个加氢站。(责任单位:市工信局、市发改委)")
>>> change = diff_plans(old, new).changed[0]
>>> change.fields, change.units_added, [t.value for t in change.targets_added]
(('text', 'units', 'targets'), (('市发改委', 'responsible'),), [12.0])
"""

from __future__ import annotations

from dataclasses import dataclass

from innocity.core.planparse.model import ParsedPlan, ParsedTask, Target


@dataclass(frozen=True)
class TaskChange:
    """One task in both versions: which fields differ, and how its units and targets changed."""

    old: ParsedTask
    new: ParsedTask
    fields: tuple[str, ...]
    units_added: tuple[tuple[str, str], ...]
    units_removed: tuple[tuple[str, str], ...]
    targets_added: tuple[Target, ...]
    targets_removed: tuple[Target, ...]


@dataclass(frozen=True)
class PlanDiff:
    tasks_added: tuple[ParsedTask, ...]
    tasks_removed: tuple[ParsedTask, ...]
    renumbered: tuple[tuple[ParsedTask, ParsedTask], ...]
    changed: tuple[TaskChange, ...]
    goals_added: tuple[Target, ...]
    goals_removed: tuple[Target, ...]
    title_changed: bool

    @property
    def empty(self) -> bool:
        return not (self.tasks_added or self.tasks_removed or self.renumbered or self.changed
                    or self.goals_added or self.goals_removed or self.title_changed)


def diff_plans(old: ParsedPlan, new: ParsedPlan) -> PlanDiff:
    """Compare a stored plan's parse (`old`) with a revised document's (`new`)."""
    old_by_key = {task.key: task for task in old.tasks}
    new_by_key = {task.key: task for task in new.tasks}
    pairs = [(old_by_key[key], task) for key, task in new_by_key.items() if key in old_by_key]
    old_left = [task for key, task in old_by_key.items() if key not in new_by_key]
    new_left = [task for key, task in new_by_key.items() if key not in old_by_key]
    renumbered = []
    for task in list(new_left):
        twin = next((candidate for candidate in old_left if candidate.title == task.title), None)
        if twin is not None:
            renumbered.append((twin, task))
            old_left.remove(twin)
            new_left.remove(task)
    changes = [change for change in (_task_change(a, b) for a, b in pairs + renumbered) if change.fields]
    goals_added, goals_removed = _target_changes(old.goals, new.goals)
    return PlanDiff(tuple(new_left), tuple(old_left), tuple(renumbered), tuple(changes), goals_added, goals_removed,
                    old.title != new.title)


def _task_change(old: ParsedTask, new: ParsedTask) -> TaskChange:
    old_units = list(dict.fromkeys((u.name, u.role) for u in old.units))
    new_units = list(dict.fromkeys((u.name, u.role) for u in new.units))
    targets_added, targets_removed = _target_changes(old.targets, new.targets)
    fields = tuple(name for name, differs in (
        ("title", old.title != new.title),
        ("text", old.text != new.text),
        ("units", old_units != new_units),
        ("targets", bool(targets_added or targets_removed)),
    ) if differs)
    return TaskChange(old, new, fields,
                      tuple(u for u in new_units if u not in old_units),
                      tuple(u for u in old_units if u not in new_units),
                      targets_added, targets_removed)


def _target_changes(old: tuple[Target, ...], new: tuple[Target, ...]) -> tuple[tuple[Target, ...], tuple[Target, ...]]:
    """Targets only in `new`, and only in `old` (a changed value is one of each)."""
    return tuple(t for t in new if t not in old), tuple(t for t in old if t not in new)
