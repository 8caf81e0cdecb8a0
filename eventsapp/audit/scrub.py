"""Taking personal data out of audit entries that hold it, keeping the entries themselves
(who did what, when, to which object): for the retention purge and for erasing a person."""

from __future__ import annotations

from typing import Any

from sqlalchemy import ColumnElement, or_

from eventsapp.audit.models import AuditEntry
from eventsapp.extensions import db

ERASED = "[erased]"


def _blanked(snapshot: dict[str, Any] | None, keys: tuple[str, ...]) -> dict[str, Any] | None:
    if not snapshot:
        return snapshot
    if not any(snapshot.get(key) not in (None, "") for key in keys):
        return snapshot
    return {k: (None if k in keys else v) for k, v in snapshot.items()}


def blank_keys(
    event_id: int, object_types: tuple[str, ...], keys: tuple[str, ...], *, dry_run: bool = False
) -> int:
    """Set ``keys`` to None in the before/after snapshots of the event's entries about
    ``object_types``; returns how many entries held a value there (and were, unless
    ``dry_run``, changed)."""
    entries = db.session.scalars(
        db.select(AuditEntry).where(
            AuditEntry.event_id == event_id,
            AuditEntry.object_type.in_(object_types),
            or_(AuditEntry.before.is_not(None), AuditEntry.after.is_not(None)),
        )
    )
    changed = 0
    for entry in entries:
        before, after = _blanked(entry.before, keys), _blanked(entry.after, keys)
        if before is entry.before and after is entry.after:
            continue
        changed += 1
        if not dry_run:
            entry.before, entry.after = before, after  # new dicts: the JSON column sees it
    return changed


def erase_entries(event_id: int, objects: dict[str, int], email: str = "") -> int:
    """Replace the snapshots and summary of the event's entries about ``objects``
    ({object type: id}) with an "erased" marker, and the summary of any of its entries that
    names ``email``. Returns the number of entries changed."""
    about: list[ColumnElement[bool]] = [
        (AuditEntry.object_type == kind) & (AuditEntry.object_id == object_id)
        for kind, object_id in objects.items()
    ]
    if email:
        about.append(AuditEntry.summary.contains(email, autoescape=True))
    entries = db.session.scalars(
        db.select(AuditEntry).where(AuditEntry.event_id == event_id, or_(*about))
    ).all()
    for entry in entries:
        if (entry.object_type, entry.object_id) in objects.items():
            entry.before = {"erased": True} if entry.before is not None else None
            entry.after = {"erased": True} if entry.after is not None else None
        entry.summary = ERASED
    db.session.flush()
    return len(entries)
