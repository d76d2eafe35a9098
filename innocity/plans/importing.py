"""Importing a plan document: upload → parse → review and correct → import as a draft plan.

The parse and the corrections are the core's (innocity.core.planparse: parse_file, editing,
convert); this module stores the upload and its working document, and turns the corrected
document into a draft plan through the same validator and loader as the reviewed data files.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass

from django.db import transaction

from innocity.core.datafile import DataFileError, Problem
from innocity.core.plandata import read_plan_data_mapping
from innocity.core.planparse import DocumentError, PlanDiff, diff_plans, editing, parse_file, to_json
from innocity.core.planparse.convert import from_json, from_plan_data, to_plan_data
from innocity.orgs.selectors import organisation_directory, short_names
from innocity.plans.exporting import plan_data_of
from innocity.plans.models import ImportStatus, Plan, PlanImport, PlanStatus
from innocity.plans.services import plan_load

MAX_UPLOAD_BYTES = 20 * 1024 * 1024

__all__ = ["MAX_UPLOAD_BYTES", "DocumentError", "ImportReview", "plan_import_commit", "plan_import_create",
           "plan_import_discard", "plan_import_edit", "plan_import_review"]


@transaction.atomic
def plan_import_create(*, user, filename: str, content: bytes) -> PlanImport:
    """Parse an uploaded document against the registry and keep it for review.

    Raises DocumentError (a reason in Chinese) when the file cannot be read as a plan."""
    if len(content) > MAX_UPLOAD_BYTES:
        raise DocumentError(f"文件超过 {MAX_UPLOAD_BYTES // 1024 // 1024} MB / the file is too large")
    parsed = parse_file(content, filename, directory=organisation_directory())
    document = to_json(parsed)
    document["meta"] = {"issuer": "", "document_number": None, "issued": None, "source": filename}
    return PlanImport.objects.create(
        filename=filename[:255], content=content, sha256=hashlib.sha256(content).hexdigest(),
        document=document, created_by=user,
    )


# Edit actions of the review page, each a pure function of the working document (core.editing).
def _edit_meta(document, fields, known):
    return editing.set_meta(document, fields)


def _edit_task_title(document, fields, known):
    return editing.set_task_title(document, _index(fields, "task"), fields.get("title", ""))


def _edit_unit(document, fields, known):
    return editing.set_unit_org(document, _index(fields, "task"), fields.get("name", ""),
                                fields.get("org") or None, known)


def _edit_target(document, fields, known):
    return editing.update_target(document, fields.get("owner", ""), _index(fields, "owner_index"),
                                 _index(fields, "target"), fields)


def _delete_target(document, fields, known):
    return editing.delete_target(document, fields.get("owner", ""), _index(fields, "owner_index"),
                                 _index(fields, "target"))


EDITS = {
    "meta": _edit_meta, "task_title": _edit_task_title, "unit": _edit_unit,
    "target": _edit_target, "delete_target": _delete_target,
}


def _index(fields, key: str) -> int:
    value = str(fields.get(key, "")).strip()
    return int(value) if value.isdigit() else -1


@transaction.atomic
def plan_import_edit(plan_import: PlanImport, action: str, fields) -> list[str]:
    """Apply one correction; returns the problems (nothing is saved when there are any)."""
    if plan_import.status != ImportStatus.OPEN:
        return ["该导入已结束, 不能再修改 / this import is closed"]
    edit = EDITS.get(action)
    if edit is None:
        return [f"未知操作 {action} / unknown action"]
    document = plan_import.document
    try:
        problems = edit(document, fields, short_names().__contains__)
    except (IndexError, KeyError):
        problems = ["要修改的条目不存在 / the item to change does not exist"]
    if not problems:
        plan_import.document = document
        plan_import.save(update_fields=["document"])
    return problems


def stored_plan_of(plan_import: PlanImport) -> Plan | None:
    """The stored plan the document revises: the one with the same title."""
    title = plan_import.document.get("title")
    return Plan.objects.filter(title=title).first() if title else None


@dataclass
class ImportReview:
    plan_import: PlanImport
    flags: list[dict]
    stored: Plan | None
    diff: PlanDiff | None


def plan_import_review(plan_import: PlanImport) -> ImportReview:
    """What the review page shows: the flags still open, and the changes against a stored plan."""
    stored = stored_plan_of(plan_import)
    diff = None
    if stored is not None:
        new = from_json(plan_import.document)
        # `like`: headings are rebuilt from number and title; the new parse tells how it writes them.
        diff = diff_plans(from_plan_data(plan_data_of(stored), like=new), new)
    return ImportReview(plan_import, editing.current_flags(plan_import.document), stored, diff)


@transaction.atomic
def plan_import_commit(plan_import: PlanImport, *, replace: bool = False) -> Plan:
    """Import the corrected document as a draft plan (all or nothing).

    A plan of the same title is replaced only when asked; problems are raised as DataFileError."""
    if plan_import.status != ImportStatus.OPEN:
        raise DataFileError([Problem(plan_import.filename, None, "该导入已结束 / this import is closed")])
    parsed = from_json(plan_import.document)
    data = read_plan_data_mapping(
        to_plan_data(parsed, plan_import.document.get("meta")), plan_import.filename,
        short_names().__contains__, draft=True,
    )
    plan = plan_load(data, source=plan_import.filename, replace=replace, status=PlanStatus.DRAFT)
    plan_import.status = ImportStatus.IMPORTED
    plan_import.plan = plan
    plan_import.save(update_fields=["status", "plan"])
    return plan


@transaction.atomic
def plan_import_discard(plan_import: PlanImport) -> None:
    if plan_import.status == ImportStatus.OPEN:
        plan_import.status = ImportStatus.DISCARDED
        plan_import.save(update_fields=["status"])


# --- what the review page shows -------------------------------------------------------------------


@dataclass
class UnitView:
    name: str
    role: str
    orgs: list[str]
    method: str | None

    @property
    def status(self) -> str:
        """resolved, fuzzy (check it), unresolved, or group (several units: fix the registry)."""
        if len(self.orgs) > 1:
            return "group"
        if not self.orgs:
            return "unresolved"
        return "fuzzy" if self.method == "fuzzy" else "resolved"


@dataclass
class TaskView:
    index: int
    task: dict
    units: list[UnitView]
    flags: list[dict]


def review_tasks(document: dict, flags: list[dict]) -> list[TaskView]:
    """Each task with its units grouped by written name (a group reference is one row)."""
    views = []
    for index, task in enumerate(document.get("tasks", [])):
        grouped: dict[tuple[str, str], UnitView] = {}
        for unit in task.get("units", []):
            view = grouped.setdefault((unit["name"], unit["role"]),
                                      UnitView(unit["name"], unit["role"], [], unit.get("method")))
            if unit.get("org"):
                view.orgs.append(unit["org"])
            if unit.get("method") == "fuzzy":
                view.method = "fuzzy"
        own = [f for f in flags if f.get("task") == task["number"]
               and list(f.get("section_path") or []) == list(task["section_path"])]
        views.append(TaskView(index, task, list(grouped.values()), own))
    return views


def describe_diff(diff: PlanDiff) -> list[str]:
    """The changes as lines of text (the command line's report)."""
    if diff.empty:
        return ["任务、责任单位、量化目标与发展目标均无变化 / no change"]
    lines = [f"新增任务 {t.number}. {t.title}" for t in diff.tasks_added]
    lines += [f"删除任务 {t.number}. {t.title}" for t in diff.tasks_removed]
    lines += [f"任务重新编号 {old.number} → {new.number}. {new.title}" for old, new in diff.renumbered]
    for change in diff.changed:
        parts = []
        if "title" in change.fields:
            parts.append(f"标题 {change.old.title} → {change.new.title}")
        if "text" in change.fields:
            parts.append("正文有改动")
        parts += [f"+{name}" for name, _ in change.units_added] + [f"−{name}" for name, _ in change.units_removed]
        parts += [f"+目标 {t.text}" for t in change.targets_added] + [f"−目标 {t.text}" for t in change.targets_removed]
        lines.append(f"任务 {change.new.number}. {change.new.title}: " + "; ".join(parts))
    lines += [f"新增发展目标 {t.text}" for t in diff.goals_added]
    lines += [f"删除发展目标 {t.text}" for t in diff.goals_removed]
    if diff.title_changed:
        lines.append("标题有改动")
    return lines
