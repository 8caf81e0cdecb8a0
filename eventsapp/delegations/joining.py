"""A delegation's join code: shown to its head and the organizers, given by the head to the
members, rotated by either (the old code stops working at once)."""

from __future__ import annotations

from eventsapp.actor import Actor
from eventsapp.audit.services import record
from eventsapp.db import lock_row
from eventsapp.delegations.models import Delegation, new_join_code
from eventsapp.extensions import db


def _unused_code() -> str:
    while True:
        code = new_join_code()
        taken = db.session.scalar(db.select(Delegation.id).where(Delegation.join_code == code))
        if taken is None:
            return code


def rotate_join_code(actor: Actor, delegation: Delegation) -> str:
    """Give ``delegation`` a new join code; the audit entry names the delegation, not the
    codes (the log is read by more people than the head)."""
    delegation = lock_row(Delegation, delegation.id)
    delegation.join_code = _unused_code()
    db.session.flush()
    record(actor, "rotate_join_code", delegation, summary=delegation.name)
    return delegation.join_code
