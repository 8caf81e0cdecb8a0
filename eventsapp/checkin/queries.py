"""Read-only questions the desk and the dashboard ask: search, arrival counts, arrivals list."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

from sqlalchemy import ColumnElement, case, func, or_, select
from sqlalchemy.orm import selectinload

from eventsapp import collation
from eventsapp.agenda.models import Speaker
from eventsapp.delegations.models import Delegation
from eventsapp.events.models import Event, Jurisdiction, Organization
from eventsapp.extensions import db
from eventsapp.forms import search_text
from eventsapp.places import place_name
from eventsapp.registration.models import (
    Person,
    Registration,
    RegistrationRole,
    RegistrationStatus,
)

SEARCH_LIMIT = 25


def _named_ids(
    model: type[Jurisdiction] | type[Organization], words: list[str]
) -> dict[str, list[int]]:
    """For each word, the ids of the (shared, short) list's entries whose name contains it,
    as stored or as shown in Spanish ("nuevo" finds New Mexico)."""
    names = [
        (i, collation.fold(f"{name} {place_name(name, 'es')}"))
        for i, name in db.session.execute(select(model.id, model.name))
    ]
    return {w: [i for i, folded in names if w in folded] for w in words}


def search(event: Event, text: str, limit: int = SEARCH_LIMIT) -> list[Registration]:
    """Registrations of the event whose name, e-mail or delegation contains every word of
    ``text``, case and accents ignored ("gomez" finds Gómez), in Spanish name order."""
    words = collation.query_words(search_text(text), limit=5)
    if not words:
        return []
    query = (
        select(Registration)
        .join(Person, Registration.person_id == Person.id)
        .outerjoin(Delegation, Registration.delegation_id == Delegation.id)
        .where(Registration.event_id == event.id)
        .options(selectinload(Registration.person), selectinload(Registration.delegation))
        .order_by(Person.sort_name, Registration.id)
        .limit(limit)
    )
    jurisdictions = _named_ids(Jurisdiction, words)
    organizations = _named_ids(Organization, words)
    for word in words:
        matches = collation.contains_words(Person.search_key, word)
        assert matches is not None  # None only for a text without words; a word is one
        query = query.where(
            or_(
                matches,
                Delegation.jurisdiction_id.in_(jurisdictions[word]),
                Delegation.organization_id.in_(organizations[word]),
            )
        )
    return list(db.session.scalars(query))


def speaker_photo(registration: Registration) -> str | None:
    return db.session.scalar(
        select(Speaker.photo_filename).where(
            Speaker.event_id == registration.event_id,
            Speaker.person_id == registration.person_id,
            Speaker.photo_filename.is_not(None),
        )
    )


@dataclass
class Tally:
    label: str
    expected: int = 0
    arrived: int = 0

    @property
    def missing(self) -> int:
        return self.expected - self.arrived


@dataclass
class Arrivals:
    total: Tally
    by_role: list[Tally] = field(default_factory=list)
    by_delegation: list[Tally] = field(default_factory=list)

    @property
    def delegations_missing(self) -> list[Tally]:
        return [t for t in self.by_delegation if t.missing > 0]


def _delegation_label() -> ColumnElement[str]:
    return func.coalesce(Jurisdiction.name, Organization.name, "")


def arrivals(
    event: Event, role_labels: Mapping[RegistrationRole, object], no_delegation: str
) -> Arrivals:
    """Expected (confirmed) versus arrived (checked in), overall, by role and by delegation."""
    arrived = func.sum(case((Registration.checked_in_at.is_not(None), 1), else_=0))
    expected = (
        Registration.event_id == event.id,
        Registration.status == RegistrationStatus.CONFIRMED,
    )
    total_expected, total_arrived = db.session.execute(
        select(func.count(Registration.id), arrived).where(*expected)
    ).one()
    result = Arrivals(Tally("", total_expected or 0, total_arrived or 0))
    for role, count, came in db.session.execute(
        select(Registration.role, func.count(Registration.id), arrived)
        .where(*expected)
        .group_by(Registration.role)
    ):
        result.by_role.append(Tally(str(role_labels.get(role, role.value)), count, came or 0))
    result.by_role.sort(key=lambda t: t.label.casefold())
    label = _delegation_label()
    rows = db.session.execute(
        select(label, func.count(Registration.id), arrived)
        .select_from(Registration)
        .outerjoin(Delegation, Registration.delegation_id == Delegation.id)
        .outerjoin(Jurisdiction, Delegation.jurisdiction_id == Jurisdiction.id)
        .outerjoin(Organization, Delegation.organization_id == Organization.id)
        .where(*expected)
        .group_by(label)
    )
    for name, count, came in rows:
        result.by_delegation.append(Tally(place_name(name) or str(no_delegation), count, came or 0))
    result.by_delegation.sort(key=lambda t: t.label.casefold())
    return result


def arrived_registrations(event: Event) -> list[Registration]:
    """Everyone checked in, in order of arrival, with person and delegation loaded."""
    return list(
        db.session.scalars(
            select(Registration)
            .where(Registration.event_id == event.id, Registration.checked_in_at.is_not(None))
            .options(selectinload(Registration.person), selectinload(Registration.delegation))
            .order_by(Registration.checked_in_at, Registration.id)
        )
    )
