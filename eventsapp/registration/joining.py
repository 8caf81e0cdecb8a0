"""How a registrant comes into a delegation: with the delegation's join code (the seat is
decided at once, as for any sign-up), or by asking to join without it — a request that holds
none of the delegation's seats until its head or an organizer accepts it.

A wrong code says only that it is wrong: the form never tells which delegations exist
beyond the list the registrant may ask to join."""

from __future__ import annotations

from typing import Any

from flask_babel import lazy_gettext as _l

from eventsapp.actor import Actor
from eventsapp.audit.services import record, snapshot
from eventsapp.db import lock_row
from eventsapp.errors import DomainError
from eventsapp.events.models import Event
from eventsapp.extensions import db
from eventsapp.registration import capacity
from eventsapp.registration.delegation_port import SeatGroup, delegations
from eventsapp.registration.models import SEAT_HOLDING, Registration, RegistrationStatus
from eventsapp.registration.services import ACTIVE


def delegation_for_code(event: Event, code: str | None) -> SeatGroup | None:
    """The open delegation of ``event`` whose join code is ``code`` (as typed)."""
    code = delegations().normalize_code(code)
    if not code:
        return None
    return delegations().for_code(event.id, code)


def resolve_delegation_choice(event: Event, data: dict[str, Any]) -> dict[str, Any]:
    """The public form's delegation answer turned into registration fields.

    ``join_code`` (a valid one) sets ``delegation_id``; ``join_request`` with
    ``requested_delegation_id`` records a request and no delegation; anything else registers
    the person on their own. A wrong code is a DomainError on ``join_code``."""
    data = dict(data)
    code = data.pop("join_code", None)
    asks = data.pop("join_request", False)
    requested = data.pop("requested_delegation_id", None)
    data["delegation_id"] = None
    data["requested_delegation_id"] = None
    if delegations().normalize_code(code):
        delegation = delegation_for_code(event, code)
        if delegation is None:
            raise DomainError(
                _l("This join code is not valid. Check it with your head of delegation."),
                field="join_code",
            )
        data["delegation_id"] = delegation.id
    elif asks and requested is not None:
        delegation = delegations().get(requested)
        if delegation is None or delegation.event_id != event.id or delegation.withdrawn:
            raise DomainError(_l("Choose your delegation."), field="requested_delegation_id")
        data["requested_delegation_id"] = delegation.id
    return data


def pending_requests(delegation: SeatGroup) -> list[Registration]:
    """Active registrations asking to join ``delegation``, oldest first."""
    return list(
        db.session.scalars(
            db.select(Registration)
            .join(Registration.person)
            .where(
                Registration.requested_delegation_id == delegation.id,
                Registration.event_id == delegation.event_id,
                Registration.status.in_(ACTIVE),
            )
            .order_by(Registration.created_at, Registration.id)
        )
    )


def request_of(delegation: SeatGroup, registration_id: int) -> Registration | None:
    """``registration_id`` when it is a pending request to join ``delegation``."""
    registration = db.session.get(Registration, registration_id)
    if (
        registration is None
        or registration.requested_delegation_id != delegation.id
        or registration.event_id != delegation.event_id
    ):
        return None
    return registration


def accept_request(actor: Actor, registration: Registration) -> Registration:
    """Move the registration into the delegation it asked for; the seat is decided by
    ``capacity.decide_seat`` (a full delegation refuses: nobody loses an event seat)."""
    if registration.requested_delegation_id is None or registration.status not in ACTIVE:
        raise DomainError(_l("This request to join is no longer pending."))
    lock_row(Event, registration.event_id)
    delegation = delegations().lock(registration.requested_delegation_id)
    if delegation.withdrawn:
        raise DomainError(_l("This delegation has withdrawn."))
    before = snapshot(registration)
    old_delegation = registration.delegation_id
    registration.delegation_id = delegation.id
    registration.requested_delegation_id = None
    if registration.status in SEAT_HOLDING:
        approved = registration.status is RegistrationStatus.CONFIRMED
        capacity.decide_seat(registration, approved=approved, quota_full="refuse")
    db.session.flush()
    record(
        actor,
        "accept_join",
        registration,
        summary=f"{registration.person.email}: {delegation.name}",
        before=before,
        after=snapshot(registration),
    )
    if old_delegation is not None:
        capacity.fill_free_seats(registration.event_id)
    return registration


def refuse_request(actor: Actor, registration: Registration) -> Registration:
    """The person stays registered on their own; the request is gone."""
    if registration.requested_delegation_id is None:
        raise DomainError(_l("This request to join is no longer pending."))
    delegation = delegations().get(registration.requested_delegation_id)
    before = snapshot(registration)
    registration.requested_delegation_id = None
    db.session.flush()
    record(
        actor,
        "refuse_join",
        registration,
        summary=f"{registration.person.email}: {delegation.name if delegation else ''}",
        before=before,
        after=snapshot(registration),
    )
    return registration
