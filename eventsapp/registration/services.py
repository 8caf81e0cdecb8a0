"""Rules for people and registrations. Services take the acting user (or None for the
public), flush, write the audit entry and raise DomainError; they never commit."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from datetime import date
from typing import Any

from flask_babel import lazy_gettext as _l

from eventsapp.actor import Actor
from eventsapp.audit.services import record, snapshot
from eventsapp.db import flush_or_fail, lock_row, utcnow
from eventsapp.errors import Conflict, DomainError
from eventsapp.events.models import Event
from eventsapp.events.signals import event_capacity_raised
from eventsapp.extensions import db
from eventsapp.inputs import normalize_email
from eventsapp.questions import services as questions
from eventsapp.registration import capacity, notifications
from eventsapp.registration.links import rotate_key
from eventsapp.registration.models import SEAT_HOLDING, Person, Registration, RegistrationStatus
from eventsapp.registration.signals import registration_left

PERSON_FIELDS = (
    "honorific",
    "given_name",
    "family_name",
    "position",
    "organization_id",
    "organization_other",
    "jurisdiction_id",
    "phone",
    "preferred_language",
)
PRIVATE_FIELDS = (
    "passport_number",
    "passport_expiry",
    "date_of_birth",
    "nationality",
    "visa_consulate",
)
REGISTRATION_FIELDS = (
    "role",
    "delegation_id",
    "needs_interpretation",
    "dietary",
    "accessibility",
    "arrival_date",
    "departure_date",
)
# Set only when a registration is made (a request to join a delegation; see joining.py).
JOIN_FIELDS = ("requested_delegation_id",)
ACTIVE = (
    RegistrationStatus.PENDING,
    RegistrationStatus.CONFIRMED,
    RegistrationStatus.WAITLISTED,
)


def find_person(event: Event, email: str) -> Person | None:
    """The person record that ``email`` has at ``event`` (records are per event)."""
    return db.session.scalar(
        db.select(Person).where(Person.event_id == event.id, Person.email == normalize_email(email))
    )


def find_registration(event: Event, email: str) -> Registration | None:
    """The registration of ``email`` at ``event``: the person through the unique
    (event, e-mail) index, then the registration through the unique (event, person) one.
    (Filtered on the e-mail alone, PostgreSQL scanned every registration of the event.)"""
    return db.session.scalar(
        db.select(Registration)
        .join(Person)
        .where(
            Registration.event_id == event.id,
            Person.event_id == event.id,
            Person.email == normalize_email(email),
        )
    )


def find_person_and_registration(
    event: Event, email: str
) -> tuple[Person | None, Registration | None]:
    """``find_person`` and ``find_registration`` in one query (a public sign-up asks both)."""
    row = db.session.execute(
        db.select(Person, Registration)
        .outerjoin(
            Registration,
            (Registration.person_id == Person.id) & (Registration.event_id == event.id),
        )
        .where(Person.event_id == event.id, Person.email == normalize_email(email))
    ).first()
    return (None, None) if row is None else (row[0], row[1])


LOOK_UP: Any = object()  # upsert_person / register: not looked up yet


def check_stay(arrival: date | None, departure: date | None) -> None:
    if arrival and departure and departure < arrival:
        raise DomainError(_l("Departure cannot be before arrival."), field="departure_date")


def upsert_person(
    actor: Actor | None,
    event: Event,
    data: dict[str, Any],
    fields: Iterable[str] = PERSON_FIELDS,
    *,
    overwrite: bool = True,
    found: Person | None = LOOK_UP,
) -> Person:
    """The person record of ``data['email']`` (lower-cased) at ``event``, created or updated.

    Without ``overwrite`` (a head adding a member) an existing record is only completed,
    never replaced: the person changes their own details through their signed link.
    ``found``: the caller's lookup of that record (None: there is none)."""
    email = normalize_email(data["email"])
    person = find_person(event, email) if found is LOOK_UP else found
    is_new = person is None
    before = None if person is None else snapshot(person)
    if person is None:
        person = Person(email=email, event_id=event.id)
    for key in fields:
        if key not in data:
            continue
        if not is_new and not overwrite and getattr(person, key) not in (None, ""):
            continue
        setattr(person, key, data[key] if data[key] is not None or key.endswith("_id") else "")
    db.session.add(person)
    flush_or_fail(_l("Another person already uses this e-mail."))
    after = snapshot(person)
    if is_new or before != after:
        record(
            actor,
            "create" if is_new else "update",
            person,
            summary=person.email,
            before=before,
            after=after,
        )
    return person


def register(
    actor: Actor | None,
    event: Event,
    data: dict[str, Any],
    *,
    approved: bool = False,
    quota_full: str = "refuse",
    notify: bool = True,
    update_person: bool = True,
    link_sent: bool = False,
    found: tuple[Person | None, None] | None = None,
    answers: tuple[Any, ...] | None = None,
) -> Registration:
    """Register ``data['email']`` for ``event``; the seat is decided by ``capacity``.

    An active registration with the same e-mail is a Conflict on the ``email`` field; a
    cancelled or declined one is taken up again. ``link_sent``: the mail sent now carries
    the person's link (their ``link_sent_at``). ``found``: the caller has just found this
    address's person record (or None) and no registration; neither is looked up again.
    ``answers``: ``(questions, values)`` checked by the questions' rules, saved with the
    registration (before its mail, which may name them).

    Locking: sign-ups to one event queue on its row lock from ``decide_seat`` until their
    commit, so a new registration writes its person (and that audit entry) before taking
    it; under the lock it only checks that the same person was not registered meanwhile,
    counts the seats and writes its registration, audit entry and mail. Taking up a
    cancelled registration again decides everything under the lock, as before."""
    check_stay(data.get("arrival_date"), data.get("departure_date"))
    known, registration = found or (LOOK_UP, find_registration(event, data["email"]))
    if registration is not None:
        lock_row(Event, event.id)
        db.session.refresh(registration)  # changed while this transaction waited?
        if registration.status in ACTIVE:
            raise Conflict(_ALREADY_REGISTERED, field="email")
    person = upsert_person(actor, event, data, overwrite=update_person, found=known)
    is_new = registration is None
    before = None if registration is None else snapshot(registration)
    if registration is None:
        # Kept out of the session (no ``.person =``, whose backref would add it) until the
        # seat is decided: one INSERT, with its status.
        registration = Registration(event_id=event.id, person_id=person.id)
        lock_row(Event, event.id)  # one decision at a time per event (also for one e-mail)
        # A person record that existed may have been registered by a request that committed
        # while this one waited (one created just now cannot have been).
        if known is not None and _registered(event, person):
            raise Conflict(_ALREADY_REGISTERED, field="email")
    else:
        registration.status = RegistrationStatus.PENDING
    for key in REGISTRATION_FIELDS + JOIN_FIELDS:
        if key in data:
            setattr(registration, key, data[key] if data[key] is not None else _empty(key))
    if data.get("consent"):  # the privacy notice was accepted on this form
        registration.consent_at = utcnow()
    if link_sent:
        registration.link_sent_at = utcnow()
    registration.event = event
    capacity.decide_seat(registration, approved=approved, quota_full=quota_full)
    record(
        actor,
        "create" if is_new else "update",
        registration,
        summary=f"{person.email}: {registration.status.value}",
        before=before,
        after=snapshot(registration),
    )
    if answers:
        questions.save_answers(actor, registration, *answers, fresh=is_new)
    if notify:
        notifications.notify_received(registration)
    return registration


_ALREADY_REGISTERED = _l("This e-mail is already registered for this event.")


def _registered(event: Event, person: Person) -> bool:
    return (
        db.session.scalar(
            db.select(Registration.id).where(
                Registration.event_id == event.id, Registration.person_id == person.id
            )
        )
        is not None
    )


NULLABLE_FIELDS = ("passport_expiry", "date_of_birth")


def _empty(key: str) -> bool | str | None:
    if key.endswith(("_id", "_date")) or key in NULLABLE_FIELDS:
        return None
    return False if key == "needs_interpretation" else ""


def update_registration(
    actor: Actor | None,
    registration: Registration,
    data: dict[str, Any],
    *,
    person_fields: Iterable[str] = PERSON_FIELDS,
    answers: tuple[Any, ...] | None = None,
) -> Registration:
    """Change a registration and its person (and its ``answers``, as for ``register``). A
    move to another delegation keeps the seat only if that delegation has room; the seat
    freed in the old one goes to the waiting list."""
    event = lock_row(Event, registration.event_id)
    check_stay(data.get("arrival_date"), data.get("departure_date"))
    person = registration.person
    if "email" in data and normalize_email(data["email"]) != person.email:
        other = find_person(event, data["email"])
        if other is not None:
            raise DomainError(_l("Another person already uses this e-mail."), field="email")
        person.email = normalize_email(data["email"])
    person_before = snapshot(person)
    for key in person_fields:
        if key in data:
            setattr(person, key, data[key] if data[key] is not None else _empty(key))
    before = snapshot(registration)
    old_delegation = registration.delegation_id
    for key in REGISTRATION_FIELDS:
        if key in data:
            setattr(registration, key, data[key] if data[key] is not None else _empty(key))
    moved = registration.delegation_id != old_delegation
    if moved and registration.status in SEAT_HOLDING:
        approved = registration.status is RegistrationStatus.CONFIRMED
        capacity.decide_seat(registration, approved=approved, quota_full="refuse")
    flush_or_fail(_l("Another person already uses this e-mail."))
    if person_before != snapshot(person):
        record(
            actor,
            "update",
            person,
            summary=person.email,
            before=person_before,
            after=snapshot(person),
        )
    record(
        actor,
        "update",
        registration,
        summary=person.email,
        before=before,
        after=snapshot(registration),
    )
    if answers:
        questions.save_answers(actor, registration, *answers)
    if moved and old_delegation is not None:
        capacity.fill_free_seats(event.id)
    return registration


def delete_registration(actor: Actor, registration: Registration) -> None:
    capacity.lock_event_of(registration)  # one waiting-list change at a time per event
    event_id = registration.event_id
    held = registration.holds_seat
    waitlisted = registration.status is RegistrationStatus.WAITLISTED
    record(
        actor,
        "delete",
        registration,
        before=snapshot(registration),
        summary=registration.person.email,
    )
    registration_left.send(registration)  # workshop places go before the row does
    questions.release_places(registration)  # so do the places of chosen options
    db.session.delete(registration)
    flush_or_fail(_l("This registration is still in use and cannot be deleted."))
    if held:
        capacity.fill_free_seats(event_id)
    elif waitlisted:
        capacity.renumber_waitlist(event_id)


def cancel(actor: Actor | None, registration: Registration) -> None:
    if registration.status not in ACTIVE:
        raise DomainError(_l("This registration is not active."))
    before = snapshot(registration)
    capacity.leave(registration, RegistrationStatus.CANCELLED)
    registration_left.send(registration)
    questions.release_places(registration)
    rotate_key(registration)  # links sent before stop working
    record(
        actor,
        "cancel",
        registration,
        summary=registration.person.email,
        before=before,
        after=snapshot(registration),
    )
    notifications.notify_cancelled(registration)


def approve(
    actor: Actor, registration: Registration, beyond_capacity_reason: str | None = None
) -> RegistrationStatus:
    """Confirm a pending registration (its seat is already held); a waitlisted, declined or
    cancelled one gets a seat only if one is free, otherwise it waits — unless the organizer
    approves it beyond capacity, with a reason that goes into the audit log."""
    before = snapshot(registration)
    if registration.status is RegistrationStatus.CONFIRMED:
        return registration.status
    reason = (beyond_capacity_reason or "").strip()
    forced = False
    if registration.status is RegistrationStatus.PENDING:
        lock_row(Event, registration.event_id)
        registration.status = RegistrationStatus.CONFIRMED
        registration.decided_at = utcnow()
        db.session.flush()
    elif reason:
        capacity.seat_beyond_capacity(registration)
        forced = True
    else:
        capacity.decide_seat(registration, approved=True, quota_full="waitlist")
    after = snapshot(registration)
    if forced:
        after["beyond_capacity_reason"] = reason
    record(
        actor,
        "approve",
        registration,
        summary=registration.person.email,
        before=before,
        after=after,
    )
    if registration.status is RegistrationStatus.CONFIRMED:
        notifications.notify_approved(registration)
    return registration.status


def decline(actor: Actor, registration: Registration) -> None:
    if registration.status in (RegistrationStatus.DECLINED, RegistrationStatus.CANCELLED):
        return
    before = snapshot(registration)
    capacity.leave(registration, RegistrationStatus.DECLINED)
    registration_left.send(registration)
    questions.release_places(registration)
    record(
        actor,
        "decline",
        registration,
        summary=registration.person.email,
        before=before,
        after=snapshot(registration),
    )
    notifications.notify_declined(registration)


BULK_ACTIONS: dict[str, Callable[[Actor, Registration], object]] = {
    "approve": approve,
    "decline": decline,
    "cancel": cancel,
}


BULK_RESULT = {
    "approve": RegistrationStatus.CONFIRMED,
    "decline": RegistrationStatus.DECLINED,
    "cancel": RegistrationStatus.CANCELLED,
}


def bulk(actor: Actor, event: Event, ids: list[int], action: str) -> tuple[int, int]:
    """Apply ``action`` to the registrations of ``event`` among ``ids``, in list order.
    Returns how many changed to the action's status, and how many of the chosen did not
    (already there, not active, or still waiting for a seat)."""
    if action not in BULK_ACTIONS or not ids:
        raise DomainError(_l("Choose an action and at least one registration."))
    registrations = db.session.scalars(
        db.select(Registration)
        .where(Registration.event_id == event.id, Registration.id.in_(ids))
        .order_by(Registration.created_at, Registration.id)
    ).all()
    done = 0
    for registration in registrations:
        was = registration.status
        if action == "cancel" and registration.status not in ACTIVE:
            continue
        BULK_ACTIONS[action](actor, registration)
        if was is not BULK_RESULT[action] and registration.status is BULK_RESULT[action]:
            done += 1
    return done, len(registrations) - done


def _give_raised_capacity(event: Event, **_kwargs: Any) -> None:
    capacity.fill_free_seats(event.id)  # seats freed by a larger capacity go to the waiting list


event_capacity_raised.connect(_give_raised_capacity)
