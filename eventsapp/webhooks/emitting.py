"""What happened to registrations in a transaction becomes webhook deliveries in it.

Every path that registers, changes, cancels or checks someone in (forms, head portal,
import, API, check-in desk) writes the Registration row, so the flush is watched here rather
than each service: after each flush the changes are noted; just before the commit, each active
hook of the event that wants that kind of change gets a delivery row (written in the same
transaction: a rolled-back change is never announced), and after the commit the worker sends
them."""

from __future__ import annotations

import json
import uuid
from typing import Any

from sqlalchemy import event as sa_event
from sqlalchemy import inspect, select
from sqlalchemy.orm import Session, UOWTransaction

from eventsapp.api.registration_views import as_dict
from eventsapp.api.schemas import RegistrationSchema
from eventsapp.audit.models import AuditEntry
from eventsapp.db import utcnow
from eventsapp.jobs.queue import enqueue_batch_after_commit
from eventsapp.registration.models import Registration, RegistrationStatus
from eventsapp.webhooks.models import Webhook, WebhookDelivery

NOTED = "webhook_changes"
DELIVER_TASK = "eventsapp.webhooks.deliver"
SCHEMA = RegistrationSchema()


def _history_changed(obj: Registration, key: str) -> tuple[bool, Any, Any]:
    history = inspect(obj).attrs[key].history
    return history.has_changes(), (history.deleted or [None])[0], (history.added or [None])[0]


def _kinds(session: Session, registration: Registration) -> list[str]:
    if registration in session.new:
        return ["registration.created"]
    if not session.is_modified(registration):
        return []
    kinds = []
    changed, before, after = _history_changed(registration, "checked_in_at")
    if changed and before is None and after is not None:
        kinds.append("checkin.created")
    changed, before, after = _history_changed(registration, "status")
    if changed and after is RegistrationStatus.CANCELLED:
        kinds.append("registration.cancelled")
    elif not kinds:
        kinds.append("registration.updated")
    return kinds


@sa_event.listens_for(Session, "after_flush")
def _note(session: Session, flush_context: UOWTransaction) -> None:
    noted = session.info.setdefault(NOTED, [])
    for obj in list(session.new) + list(session.dirty):
        if isinstance(obj, Registration):
            noted.extend((kind, obj) for kind in _kinds(session, obj))
        elif _is_checkin_entry(obj) and obj.object_id is not None:
            # The desk checks in with a compare-and-set UPDATE (two desks, one check-in),
            # which the ORM does not see; its audit entry is the trace.
            registration = session.get(Registration, obj.object_id)
            if registration is not None:
                noted.append(("checkin.created", registration))


def _is_checkin_entry(obj: object) -> bool:
    return (
        isinstance(obj, AuditEntry)
        and obj.action == "checkin"
        and obj.object_type == Registration.__name__
    )


@sa_event.listens_for(Session, "before_commit")
def _deliveries(session: Session) -> None:
    if not session.info.get(NOTED) and not any(
        isinstance(obj, Registration) for obj in (*session.new, *session.dirty)
    ):
        return
    session.flush()  # changes not yet flushed are noted too
    noted = session.info.pop(NOTED, None)
    if not noted:
        return
    # The registration's event is loaded already on every path that changes a seat.
    noted = [(kind, r) for kind, r in noted if r.event is not None and r.event.has_webhooks]
    if not noted:
        return
    event_ids = {registration.event_id for _, registration in noted}
    hooks = session.scalars(
        select(Webhook).where(Webhook.event_id.in_(event_ids), Webhook.active.is_(True))
    ).all()
    if not hooks:
        return
    seen: set[tuple[str, int]] = set()
    for kind, registration in noted:
        if (kind, registration.id) in seen:
            continue
        seen.add((kind, registration.id))
        body = _payload(kind, registration)
        for hook in hooks:
            if hook.event_id == registration.event_id and kind in hook.types:
                delivery = WebhookDelivery(webhook_id=hook.id, event_type=kind, payload=body)
                session.add(delivery)
                enqueue_batch_after_commit(DELIVER_TASK, delivery)


def _payload(kind: str, registration: Registration) -> str:
    data = SCHEMA.dump(as_dict(registration))
    return json.dumps(
        {
            "id": str(uuid.uuid4()),
            "type": kind,
            "created_at": utcnow().isoformat(),
            "event": registration.event.slug,
            "data": data,
        },
        ensure_ascii=False,
        sort_keys=True,
    )


@sa_event.listens_for(Session, "after_rollback")
def _forget(session: Session) -> None:
    session.info.pop(NOTED, None)
