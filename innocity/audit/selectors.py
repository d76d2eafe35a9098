"""The security log: logins (django-axes) and the newest changes to data (django-simple-history)."""

from __future__ import annotations

import heapq
from dataclasses import dataclass
from datetime import datetime

from axes.models import AccessFailureLog, AccessLog
from simple_history.models import registered_models

CHANGE_TYPES = {"+": "created", "~": "changed", "-": "deleted"}


@dataclass(frozen=True)
class Change:
    when: datetime
    who: str
    action: str
    model: str
    record: str
    reason: str


def logins(limit: int = 100):
    return AccessLog.objects.order_by("-attempt_time")[:limit]


def failed_logins(limit: int = 100):
    return AccessFailureLog.objects.order_by("-attempt_time")[:limit]


def changes(limit: int = 200) -> list[Change]:
    """The newest changes across every model with history, newest first."""
    streams = []
    # Models with history (m2m change tables of simple-history have none of their own).
    for model in (m for m in registered_models.values() if hasattr(m, "history")):
        rows = model.history.select_related("history_user").order_by("-history_date")[:limit]
        streams.append(
            Change(r.history_date, str(r.history_user or "—"), CHANGE_TYPES.get(r.history_type, r.history_type),
                   str(model._meta.verbose_name), str(r.instance)[:120], r.history_change_reason or "")
            for r in rows
        )
    return list(heapq.merge(*streams, key=lambda c: c.when, reverse=True))[:limit]
