"""Writing audit entries. Services call ``record`` after they flush a change."""

from __future__ import annotations

import enum
from datetime import date, datetime
from decimal import Decimal
from typing import Any

from sqlalchemy import inspect

from eventsapp.actor import Actor
from eventsapp.audit.models import AuditEntry
from eventsapp.extensions import db


def _jsonable(value: Any) -> Any:
    if isinstance(value, enum.Enum):
        return value.value
    if isinstance(value, (datetime, date)):
        return value.isoformat()
    if isinstance(value, Decimal):
        return str(value)
    return value


# Never in the log: secrets, and the private details a person gives for a visa letter (the
# log outlives the retention period of those details).
UNLOGGED_KEYS = (
    "password_hash",
    "session_token",
    "access_key",
    "passport_number",
    "passport_expiry",
    "date_of_birth",
    # derived from the name and e-mail (eventsapp.collation), which are logged themselves
    "search_key",
    "sort_name",
)


def snapshot(obj: Any, exclude: tuple[str, ...] = UNLOGGED_KEYS) -> dict[str, Any]:
    """The column values of a mapped object as JSON-ready data (secrets left out)."""
    mapper = inspect(obj).mapper
    return {
        attr.key: _jsonable(getattr(obj, attr.key))
        for attr in mapper.column_attrs
        if attr.key not in exclude
    }


def changed(before: dict[str, Any], after: dict[str, Any]) -> tuple[dict[str, Any], dict[str, Any]]:
    """Only the keys whose values differ, for a compact before/after."""
    keys = [k for k in after if before.get(k) != after.get(k)]
    return {k: before.get(k) for k in keys}, {k: after[k] for k in keys}


def record(
    actor: Actor | None,
    action: str,
    obj: Any,
    *,
    event_id: int | None = None,
    summary: str = "",
    before: dict[str, Any] | None = None,
    after: dict[str, Any] | None = None,
    desk: str = "",
) -> AuditEntry:
    """Add an audit entry for ``action`` on ``obj`` by ``actor`` (a User or None)."""
    if before is not None and after is not None:
        before, after = changed(before, after)
    entry = AuditEntry(
        user_id=getattr(actor, "id", None),
        event_id=event_id if event_id is not None else getattr(obj, "event_id", None),
        action=action,
        object_type=type(obj).__name__,
        object_id=getattr(obj, "id", None),
        summary=summary[:300],
        before=before,
        after=after,
        desk=desk,
        via=str(getattr(actor, "via", ""))[:120],
    )
    db.session.add(entry)
    return entry
