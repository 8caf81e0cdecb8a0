"""What a member of the public does without an account: sign up, ask for their link, edit
or cancel through it, register again after a cancellation.

Nothing here tells the submitter whether an address is already registered, and nothing
they submit reaches a record they did not create: for a known address the only effect is a
fresh link mailed to that address, at most once per LINK_MAIL_INTERVAL.
"""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any

from flask_babel import lazy_gettext as _l

from eventsapp.actor import Actor
from eventsapp.audit.services import record
from eventsapp.db import lock_row, utcnow
from eventsapp.errors import DomainError
from eventsapp.events.models import Event
from eventsapp.extensions import db
from eventsapp.registration import joining, notifications
from eventsapp.registration.links import rotate_key
from eventsapp.registration.models import Registration, RegistrationStatus
from eventsapp.registration.services import (
    PERSON_FIELDS,
    PRIVATE_FIELDS,
    find_person_and_registration,
    find_registration,
    register,
    update_registration,
)

LINK_MAIL_INTERVAL = timedelta(minutes=10)


def send_link(actor: Actor | None, registration: Registration, now: datetime | None = None) -> bool:
    """Revoke the registration's links and mail a new one to the address on file. False
    (nothing done) when a link went to that address less than LINK_MAIL_INTERVAL ago."""
    now = now or utcnow()
    sent = registration.link_sent_at
    if sent is not None and now - sent < LINK_MAIL_INTERVAL:
        return False
    rotate_key(registration)
    registration.link_sent_at = now
    db.session.flush()
    record(actor, "send_link", registration, summary=registration.person.email)
    notifications.notify_link(registration)
    return True


def resend_link(actor: Actor, registration: Registration) -> None:
    """An organizer's "send a new link": like ``send_link``, but says when it was too soon."""
    if registration.status not in (
        RegistrationStatus.PENDING,
        RegistrationStatus.CONFIRMED,
        RegistrationStatus.WAITLISTED,
    ):
        raise DomainError(_l("This registration is not active."))
    if not send_link(actor, registration):
        raise DomainError(
            _l("A link went to this address less than 10 minutes ago. Try again later.")
        )


def sign_up(
    event: Event, data: dict[str, Any], answers: tuple[Any, ...] | None = None
) -> Registration | None:
    """A public sign-up. A new address is registered (its link is mailed to it); for an
    address the event already knows nothing changes and the link goes to that address.
    The caller answers both the same way. A delegation is joined only with its join code
    (a wrong one is a DomainError on ``join_code``) or asked for (see joining.py).
    ``answers`` (the event's own questions) are saved only with a new registration."""
    data = joining.resolve_delegation_choice(event, data)
    person, existing = find_person_and_registration(event, data["email"])
    if existing is None:
        try:
            return register(
                None,
                event,
                data,
                quota_full="waitlist",
                update_person=False,
                link_sent=True,
                found=(person, None),
                answers=answers,
            )
        except DomainError:
            # The same address was signed up by a request that committed while this one
            # waited (its person or registration came first): answer as for a known one.
            db.session.rollback()
            existing = find_registration(event, data["email"])
            if existing is None:
                raise
    send_link(None, lock_row(Registration, existing.id))
    return None


def request_link(event: Event, email: str) -> None:
    """The public "e-mail me my link" form: the same answer whether or not ``email`` is
    registered; only its owner's mailbox learns anything."""
    registration = find_registration(event, email)
    if registration is not None:
        send_link(None, registration)


def update_own_registration(
    registration: Registration, data: dict[str, Any], answers: tuple[Any, ...] | None = None
) -> Registration:
    """The person edits their own registration through the signed link (and their answers,
    until the cut-off: the caller passes none after it)."""
    return update_registration(
        None, registration, data, person_fields=PERSON_FIELDS + PRIVATE_FIELDS, answers=answers
    )


def register_again(registration: Registration) -> Registration:
    """A person who cancelled takes their registration up again through their (new) link;
    the seat is decided as for any sign-up. A declined registration stays declined."""
    if registration.status is not RegistrationStatus.CANCELLED:
        raise DomainError(_l("Only a cancelled registration can be taken up again."))
    return register(
        None,
        registration.event,
        {"email": registration.person.email},
        quota_full="waitlist",
        update_person=False,
    )


def send_links(actor: Actor, event: Event, ids: list[int]) -> int:
    """An organizer's "e-mail a new link" to several registrations (active ones of
    ``event``; an address mailed less than 10 minutes ago is skipped). How many went."""
    registrations = db.session.scalars(
        db.select(Registration)
        .where(Registration.event_id == event.id, Registration.id.in_(ids))
        .order_by(Registration.id)
    ).all()
    active = (
        RegistrationStatus.PENDING,
        RegistrationStatus.CONFIRMED,
        RegistrationStatus.WAITLISTED,
    )
    return sum(1 for r in registrations if r.status in active and send_link(actor, r))
