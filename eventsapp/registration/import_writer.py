"""Writing a validated import: thousands of rows in a few queries, not a dozen per row.

The event's people (with their registration), and the organizations, are read once into
dicts; an organization not in the list is kept as typed (organization_other) for an
organizer to map; every seat is decided under the event
lock by ``capacity.SeatLedger`` (the rule of ``decide_seat``, counted once, running totals);
rows are flushed in batches, each followed by its audit entries and then the rows' answers
to the event's questions (``questions.services.save_answers``: a choice of an option with a
capacity takes a place or waits, under that option's lock). The same rules as
``services.register`` / ``update_registration`` (an active registration is updated; a
cancelled or declined one is taken up again; a seat-holding registration that moves to
another delegation goes through ``update_registration``, which may refuse or promote). The
caller commits.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from typing import Any

from eventsapp.actor import Actor
from eventsapp.audit.services import record, snapshot
from eventsapp.events.models import Event, Organization
from eventsapp.extensions import db
from eventsapp.inputs import normalize_email
from eventsapp.questions.models import Question
from eventsapp.questions.services import save_answers
from eventsapp.registration import capacity, services
from eventsapp.registration.models import SEAT_HOLDING, Person, Registration

BATCH = 500  # rows per flush (and per progress report)


def _organizations() -> dict[str, Organization]:
    """Every listed organization by casefolded name and acronym (one query). A name not in
    the list is not created: it is kept as the person's organization_other, for an
    organizer to map to a listed one (registration.organizations)."""
    known: dict[str, Organization] = {}
    for org in db.session.scalars(db.select(Organization)):
        known[org.name.casefold()] = org
        if org.acronym:
            known.setdefault(org.acronym.casefold(), org)
    return known


def _people(event: Event) -> dict[str, tuple[Person, Registration | None]]:
    """The event's people by e-mail, each with their registration (one query)."""
    rows = db.session.execute(
        db.select(Person, Registration)
        .outerjoin(
            Registration,
            (Registration.person_id == Person.id) & (Registration.event_id == event.id),
        )
        .where(Person.event_id == event.id)
    )
    return {person.email: (person, registration) for person, registration in rows}


def _set(obj: object, data: dict[str, Any], fields: Iterable[str]) -> None:
    for key in fields:
        if key in data:
            setattr(obj, key, data[key])


def write_rows(
    actor: Actor | None,
    event: Event,
    rows: list[dict[str, Any]],
    *,
    progress: Callable[[int, int], object] | None = None,
    questions: Sequence[Question] = (),
) -> tuple[int, int]:
    """Write ``rows`` (validated, see importer._data); returns (created, updated).
    ``questions``: the event's live questions (``data["answers"]`` names some of them).
    ``progress(done, total)`` is called after each batch."""
    ledger = capacity.SeatLedger(event.id)  # locks the event and its delegations
    organizations = _organizations()
    people = _people(event)
    created = updated = 0
    audits: list[tuple[Any, ...]] = []  # (action, obj, before) recorded after the batch's flush
    answers: list[tuple[Any, ...]] = []  # (registration, values) saved after the batch's flush

    def flush_batch() -> None:
        _record(actor, audits)
        for registration, values in answers:
            save_answers(actor, registration, questions, values)
        answers.clear()

    for done, data in enumerate(rows, start=1):
        email = normalize_email(data["email"])
        name = data["organization"]
        org = organizations.get(name.casefold()) if name else None
        data = {**data, "email": email, "organization_id": org.id if org else None}
        if name and org is None:  # not in the list: typed, to be mapped
            data["organization_other"] = name[:200]
        elif org is not None:
            data["organization_other"] = ""
        person, registration = people.get(email, (None, None))
        if registration is not None and registration.status in services.ACTIVE:
            updated += 1
            moved = data["delegation_id"] != registration.delegation_id
            if data.get("answers"):
                answers.append((registration, data["answers"]))
            if moved and registration.status in SEAT_HOLDING:
                flush_batch()  # (flushed first) the services count from the rows
                services.update_registration(actor, registration, data)
                ledger.recount()
                continue
            audits.append(("update", person, snapshot(person)))
            audits.append(("update", registration, snapshot(registration)))
            _set(person, data, services.PERSON_FIELDS)
            _set(registration, data, services.REGISTRATION_FIELDS)
        else:
            created += 1
            if person is None:
                person = Person(email=email, event_id=event.id)
                db.session.add(person)
                audits.append(("create", person, None))
            else:
                audits.append(("update", person, snapshot(person)))
            _set(person, data, services.PERSON_FIELDS)
            if registration is None:
                registration = Registration(event_id=event.id, person=person)
                db.session.add(registration)
                audits.append(("create", registration, None))
            else:  # cancelled or declined: taken up again
                audits.append(("update", registration, snapshot(registration)))
            _set(registration, data, services.REGISTRATION_FIELDS)
            registration.event = event
            ledger.place(registration, approved=True, quota_full="waitlist")
            people[email] = (person, registration)
            if data.get("answers"):
                answers.append((registration, data["answers"]))
        if done % BATCH == 0 or done == len(rows):
            flush_batch()
            if progress is not None:
                progress(done, len(rows))
    flush_batch()
    return created, updated


def _record(actor: Actor | None, audits: list[tuple[Any, ...]]) -> None:
    """Flush, then write the audit entries of the flushed changes (ids known now)."""
    db.session.flush()
    for action, obj, before in audits:
        after = snapshot(obj)
        if action == "update" and before == after:
            continue
        if isinstance(obj, Registration):
            summary = f"{obj.person.email}: {obj.status.value}"
        else:
            summary = obj.email
        record(actor, action, obj, summary=summary, before=before, after=after)
    audits.clear()
