"""A registrant's rights over what they gave one event: a copy of it (JSON, through their
personal link) and erasure (by an organizer of that event)."""

from __future__ import annotations

import enum
from collections.abc import Iterable
from datetime import date, datetime
from typing import Any

from flask_babel import lazy_gettext as _l

from eventsapp.actor import Actor
from eventsapp.audit.scrub import erase_entries
from eventsapp.audit.services import record
from eventsapp.db import flush_or_fail
from eventsapp.errors import DomainError
from eventsapp.extensions import db
from eventsapp.registration.models import Person, Registration
from eventsapp.registration.services import delete_registration

# What the person gave (or was given) at this event; never internal keys (access_key,
# badge_token_version, ids of other rows).
PERSON_KEYS = (
    "honorific",
    "given_name",
    "family_name",
    "email",
    "phone",
    "position",
    "organization_other",
    "preferred_language",
    "passport_number",
    "passport_expiry",
    "date_of_birth",
    "nationality",
    "visa_consulate",
    "created_at",
)
REGISTRATION_KEYS = (
    "role",
    "status",
    "waitlist_position",
    "needs_interpretation",
    "dietary",
    "accessibility",
    "arrival_date",
    "departure_date",
    "consent_at",
    "checked_in_at",
    "created_at",
    "updated_at",
)


def _plain(value: object) -> object:
    if isinstance(value, enum.Enum):
        return value.value
    if isinstance(value, (date, datetime)):
        return value.isoformat()
    return value


def _values(obj: object, keys: Iterable[str]) -> dict[str, Any]:
    return {key: _plain(getattr(obj, key)) for key in keys if hasattr(obj, key)}


def personal_data(registration: Registration) -> dict[str, Any]:
    """Everything this registration holds about its person, at its event only."""
    person, event = registration.person, registration.event
    data = {
        "event": {
            "slug": event.slug,
            "title_en": event.title_en,
            "title_es": event.title_es,
            "start_date": event.start_date.isoformat(),
            "end_date": event.end_date.isoformat(),
        },
        "person": _values(person, PERSON_KEYS),
        "registration": _values(registration, REGISTRATION_KEYS),
    }
    data["person"]["organization"] = person.organization.name if person.organization else None
    data["person"]["jurisdiction"] = person.jurisdiction.name if person.jurisdiction else None
    data["registration"]["delegation"] = (
        registration.delegation.name if registration.delegation else None
    )
    return data


def _other_uses(person: Person) -> int:
    """Rows besides registrations that name the person (a speaker profile, a delegation
    they head), found through the schema so this domain imports none of theirs."""
    uses = 0
    for table in db.metadata.sorted_tables:
        if table.name == Registration.__tablename__:
            continue
        for fk in table.foreign_keys:
            if fk.column.table.name == Person.__tablename__:
                query = db.select(db.func.count()).select_from(table).where(fk.parent == person.id)
                uses += db.session.scalar(query) or 0  # a count: never None
    return uses


def erase_person(actor: Actor, registration: Registration) -> None:
    """Delete the registration (seats and waiting list as for any deletion), the event's
    record of its person, and the personal data in that event's audit entries about them.
    A speaker or head of delegation is refused: that role is taken away first."""
    event_id, person = registration.event_id, registration.person
    if _other_uses(person):
        raise DomainError(
            _l("This person is also a speaker or the head of a delegation: change that first.")
        )
    objects = {"Registration": registration.id, "Person": person.id}
    email = person.email
    delete_registration(actor, registration)
    db.session.delete(person)
    flush_or_fail(_l("This registration is still in use and cannot be deleted."))
    erased = erase_entries(event_id, objects, email)
    record(
        actor,
        "erase",
        person,
        event_id=event_id,
        summary=f"registration {objects['Registration']} and its person erased",
        after={"audit_entries": erased},
    )
