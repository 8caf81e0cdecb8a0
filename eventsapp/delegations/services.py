"""Rules for delegations: saving with quotas, head invitations, the head's portal."""

from __future__ import annotations

from typing import Any

from flask_babel import lazy_gettext as _l

from eventsapp.actor import Actor
from eventsapp.audit.services import record, snapshot
from eventsapp.auth import invitations
from eventsapp.auth.models import EventRoleKind
from eventsapp.auth.services import revoke_head_roles
from eventsapp.db import flush_or_fail, lock_row, utcnow
from eventsapp.delegations.models import Delegation, DelegationStatus
from eventsapp.errors import DomainError
from eventsapp.events.branding import branding_for
from eventsapp.events.models import Event
from eventsapp.events.signals import event_cloned
from eventsapp.extensions import db
from eventsapp.i18n import fmt_date_range, localized
from eventsapp.mail.templating import queue_text, render
from eventsapp.registration import capacity
from eventsapp.registration import services as registrations
from eventsapp.registration.models import SEAT_HOLDING, Registration
from eventsapp.urls import external_url

FIELDS = (
    "jurisdiction_id",
    "organization_id",
    "head_person_id",
    "seat_quota",
    "status",
    "protocol_position",
)


def seats_taken(delegation: Delegation) -> int:
    from sqlalchemy import func

    return (
        db.session.scalar(
            db.select(func.count(Registration.id)).where(
                Registration.delegation_id == delegation.id,
                Registration.status.in_(SEAT_HOLDING),
            )
        )
        or 0
    )


def save_delegation(
    actor: Actor, event: Event, delegation: Delegation, data: dict[str, Any]
) -> Delegation:
    """Create or change a delegation. The quota cannot go below the seats already held; a
    raised quota gives the freed seats to the waiting list."""
    is_new = delegation.id is None
    before = None if is_new else snapshot(delegation)
    if not is_new:
        lock_row(Delegation, delegation.id)
    old_quota = delegation.seat_quota if not is_new else 0
    old_head_id = delegation.head_person_id
    for key in FIELDS:
        if key in data:
            setattr(delegation, key, data[key])
    if delegation.jurisdiction_id is None and delegation.organization_id is None:
        raise DomainError(_l("Choose a jurisdiction or an organization."), field="jurisdiction_id")
    delegation.event_id = event.id
    if not is_new:
        # No autoflush: a duplicate jurisdiction must reach flush_or_fail below as a form
        # error, not escape from this count as an IntegrityError.
        with db.session.no_autoflush:
            taken = seats_taken(delegation)
        if delegation.seat_quota < taken:
            raise DomainError(
                _l("%(n)d members already hold a seat; the quota cannot be lower.", n=taken),
                field="seat_quota",
            )
    if delegation.status is DelegationStatus.CONFIRMED and delegation.confirmed_at is None:
        delegation.confirmed_at = utcnow()
    db.session.add(delegation)
    flush_or_fail(_l("This event already has a delegation for this jurisdiction or organization."))
    record(
        actor,
        "create" if is_new else "update",
        delegation,
        summary=delegation.name,
        before=before,
        after=snapshot(delegation),
    )
    if not is_new and delegation.head_person_id != old_head_id:
        _head_replaced(actor, delegation)
    if not is_new and delegation.seat_quota > old_quota:
        capacity.fill_free_seats(event.id)
    return delegation


def _head_replaced(actor: Actor, delegation: Delegation) -> None:
    """The former head loses the portal at once and their pending invitation dies; the
    new head (if they already hold the role) keeps it."""
    head = delegation.head
    email = head.email if head is not None else None
    revoke_head_roles(actor, delegation.id, keep_email=email)
    invitations.revoke_pending(actor, delegation.event_id, EventRoleKind.HEAD, delegation.id)


def delete_delegation(actor: Actor, delegation: Delegation) -> None:
    record(actor, "delete", delegation, summary=delegation.name, before=snapshot(delegation))
    db.session.delete(delegation)
    flush_or_fail(_l("This delegation is still in use and cannot be deleted."))


def invite_head(actor: Actor, delegation: Delegation, data: dict[str, Any]) -> str:
    """Make the person with ``data['email']`` head of ``delegation`` and e-mail them a
    single-use invitation. The former head loses the role at once and any earlier pending
    invitation to lead this delegation stops working. Returns the link's token."""
    event = delegation.event
    person = registrations.upsert_person(
        actor, event, data, fields=("given_name", "family_name", "preferred_language")
    )
    before = snapshot(delegation)
    delegation.head_person_id = person.id
    delegation.invitation_sent_at = utcnow()
    db.session.flush()
    record(
        actor,
        "invite",
        delegation,
        summary=f"{delegation.name}: {person.email}",
        before=before,
        after=snapshot(delegation),
    )
    revoke_head_roles(actor, delegation.id, keep_email=person.email)
    lang = person.preferred_language.value
    invitation, token = invitations.invite(
        actor,
        event.id,
        person.email,
        EventRoleKind.HEAD,
        delegation_id=delegation.id,
        name=person.full_name,
        language=lang,
    )
    title = localized(event, "title", lang)
    values = {
        "given_name": person.given_name,
        "family_name": person.family_name,
        "full_name": person.full_name,
        "honorific": person.honorific,
        "event": title,
        "event_dates": fmt_date_range(event.start_date, event.end_date, lang),
        "organisation": branding_for(event, files=False).name(lang),
        "delegation": delegation.name,
        "link": external_url("auth.accept_invitation", token=token),
        "days": invitations.max_age_days(),
        "inviter": _inviter_name(actor),
    }
    subject, body = render(event.id, "invitation", lang, values)
    queue_text(person.email, subject, body, lang=lang, kind="invitation", event_id=event.id)
    return token


def _inviter_name(actor: Actor) -> str:
    return (getattr(actor, "name", "") or getattr(actor, "email", "")) if actor else ""


def confirm_delegation(actor: Actor, delegation: Delegation) -> None:
    before = snapshot(delegation)
    delegation.status = DelegationStatus.CONFIRMED
    delegation.confirmed_at = utcnow()
    db.session.flush()
    record(
        actor,
        "confirm",
        delegation,
        summary=delegation.name,
        before=before,
        after=snapshot(delegation),
    )


def add_member(
    actor: Actor, delegation: Delegation, data: dict[str, Any], answers: Any = None
) -> Registration:
    """``answers``: to the event's questions, as ``registrations.register`` takes them."""
    if delegation.status is DelegationStatus.WITHDRAWN:
        raise DomainError(_l("This delegation has withdrawn."))
    data = dict(data, delegation_id=delegation.id)
    # A head may add a person already on file, but not rewrite their details.
    return registrations.register(
        actor, delegation.event, data, quota_full="refuse", update_person=False, answers=answers
    )


def member_of(delegation: Delegation, registration_id: int) -> Registration | None:
    registration = db.session.get(Registration, registration_id)
    if registration is None or registration.delegation_id != delegation.id:
        return None
    return registration


def _on_event_cloned(source: Event, *, new: Event, **_copy: Any) -> None:
    """A copied event gets the same delegations with their quotas and protocol order: no
    head, no members, a new join code, waiting to be invited."""
    for delegation in db.session.scalars(
        db.select(Delegation).where(Delegation.event_id == source.id).order_by(Delegation.id)
    ):
        db.session.add(
            Delegation(
                event_id=new.id,
                jurisdiction_id=delegation.jurisdiction_id,
                organization_id=delegation.organization_id,
                seat_quota=delegation.seat_quota,
                protocol_position=delegation.protocol_position,
            )
        )


event_cloned.connect(_on_event_cloned)
