"""The retention purge: once an event's retention period is over (its end date plus
``retention_days``, on the event's own calendar), the private details its people and
registrations gave are blanked, in the rows and in the audit snapshots that hold them.
Names, e-mail addresses, roles, statuses, delegations and check-ins stay, so reports still
count. Running it again changes nothing more (unless new details were entered since)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from sqlalchemy import Select, or_, update

from eventsapp.audit.scrub import blank_keys
from eventsapp.audit.services import record
from eventsapp.db import utcnow
from eventsapp.events.models import Event
from eventsapp.events.privacy import kept_until, purge_due
from eventsapp.extensions import db
from eventsapp.registration.models import Person, Registration

# What is blanked: the value each column gets.
PERSON_PRIVATE = {
    "phone": "",
    "passport_number": "",
    "passport_expiry": None,
    "date_of_birth": None,
    "nationality": "",
    "visa_consulate": "",
}
REGISTRATION_PRIVATE = {
    "dietary": "",
    "accessibility": "",
    "arrival_date": None,
    "departure_date": None,
}
PURGED_KEYS = tuple(PERSON_PRIVATE) + tuple(REGISTRATION_PRIVATE)


@dataclass(frozen=True)
class PurgeResult:
    event: Event
    kept_until: date
    people: int  # person records that held a private detail
    registrations: int
    audit_entries: int
    purged: bool  # False: a dry run, or nothing to do at an event purged before

    def counts(self) -> dict[str, Any]:
        return {
            "people": self.people,
            "registrations": self.registrations,
            "audit_entries": self.audit_entries,
        }


def _holding(
    model: type[Person] | type[Registration], event_id: int, private: dict[str, Any]
) -> Select[tuple[int]]:
    """Rows of the event with at least one private column not yet blank."""
    columns = [getattr(model, name) for name in private]
    held = [c.is_not(None) if private[c.key] is None else c != "" for c in columns]
    return db.select(db.func.count(model.id)).where(model.event_id == event_id, or_(*held))


def events_due(now: datetime | None = None) -> list[Event]:
    """Events whose retention period is over on their own calendar day."""
    now = now or utcnow()
    events = db.session.scalars(db.select(Event).order_by(Event.end_date, Event.id))
    return [e for e in events if purge_due(e, e.local_date(now))]


def purge_event(event: Event, *, dry_run: bool = False, now: datetime | None = None) -> PurgeResult:
    """Blank the private details of ``event`` (see the module); with ``dry_run`` only count."""
    # Counts: never None.
    people = db.session.scalar(_holding(Person, event.id, PERSON_PRIVATE)) or 0
    registrations = db.session.scalar(_holding(Registration, event.id, REGISTRATION_PRIVATE)) or 0
    entries = blank_keys(event.id, ("Person", "Registration"), PURGED_KEYS, dry_run=True)
    nothing_left = not (people or registrations or entries)
    result = PurgeResult(
        event,
        kept_until(event),
        people,
        registrations,
        entries,
        purged=not dry_run and not (nothing_left and event.personal_data_purged_at),
    )
    if not result.purged:
        return result
    db.session.execute(
        update(Person).where(Person.event_id == event.id).values(**PERSON_PRIVATE),
        execution_options={"synchronize_session": False},
    )
    db.session.execute(
        update(Registration)
        .where(Registration.event_id == event.id)
        .values(**REGISTRATION_PRIVATE),
        execution_options={"synchronize_session": False},
    )
    blank_keys(event.id, ("Person", "Registration"), PURGED_KEYS)
    event.personal_data_purged_at = now or utcnow()
    db.session.flush()
    db.session.expire_all()  # loaded people and registrations read the blanked values
    record(
        None,
        "purge_personal_data",
        event,
        event_id=event.id,
        summary=(
            f"{people} people, {registrations} registrations, {entries} audit entries "
            f"(kept until {result.kept_until.isoformat()})"
        ),
        after=result.counts(),
    )
    return result


def purge_due_events(*, dry_run: bool = False, now: datetime | None = None) -> list[PurgeResult]:
    return [purge_event(e, dry_run=dry_run, now=now) for e in events_due(now)]
