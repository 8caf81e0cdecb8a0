"""Organizer reports over confirmed registrations: headcount by delegation and role,
interpretation needs, dietary and accessibility lists, arrivals and departures by day.

Each report is a ``Report`` (title, header, rows) so that the page and the CSV download
show the same thing; the answers' report also carries its charts (questions.reports)."""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from flask_babel import gettext as _
from sqlalchemy import Select, func

from eventsapp.events.models import Event
from eventsapp.extensions import db
from eventsapp.i18n import current_language
from eventsapp.places import place_name
from eventsapp.questions import reports as answer_reports
from eventsapp.registration import labels
from eventsapp.registration.delegation_port import delegations
from eventsapp.registration.models import (
    Language,
    Person,
    Registration,
    RegistrationRole,
    RegistrationStatus,
)

NAMES = ("headcount", "interpretation", "needs", "travel", "answers")


@dataclass
class Report:
    name: str
    title: str
    header: list[str]
    rows: list[list[Any]]
    charts: list[Any] = field(default_factory=list)  # questions.reports.QuestionCount


def _confirmed(event: Event) -> Select[tuple[Registration]]:
    return (
        db.select(Registration)
        .join(Registration.person)
        .where(
            Registration.event_id == event.id,
            Registration.status == RegistrationStatus.CONFIRMED,
        )
    )


def headcount(event: Event) -> Report:
    counts = db.session.execute(
        db.select(Registration.delegation_id, Registration.role, func.count(Registration.id))
        .where(
            Registration.event_id == event.id,
            Registration.status == RegistrationStatus.CONFIRMED,
        )
        .group_by(Registration.delegation_id, Registration.role)
    ).all()
    names = {d.id: place_name(d.name) for d in delegations().of_event(event.id)}
    table: dict[str, Counter[RegistrationRole]] = defaultdict(Counter)
    for delegation_id, role, n in counts:
        name = names.get(delegation_id, _("No delegation"))
        table[name][role] += n
    roles = list(RegistrationRole)
    rows = []
    totals: Counter[RegistrationRole] = Counter()
    for name in sorted(table, key=str.casefold):
        row = [table[name][r] for r in roles]
        totals.update(table[name])
        rows.append([name, *row, sum(row)])
    rows.append([_("Total"), *[totals[r] for r in roles], sum(totals.values())])
    header = [_("Delegation"), *[str(labels.ROLE[r]) for r in roles], _("Total")]
    return Report("headcount", _("Headcount by delegation and role"), header, rows)


def interpretation(event: Event) -> Report:
    """A listener who prefers Spanish and needs interpretation listens to English speakers
    in Spanish (EN→ES); one who prefers English needs ES→EN."""
    counts = dict(
        db.session.execute(
            _confirmed(event)
            .where(Registration.needs_interpretation.is_(True))
            .with_only_columns(Person.preferred_language, func.count(Registration.id))
            .group_by(Person.preferred_language)
        )
        .tuples()
        .all()
    )
    rows = [
        [_("English → Spanish"), counts.get(Language.ES, 0)],
        [_("Spanish → English"), counts.get(Language.EN, 0)],
    ]
    return Report(
        "interpretation", _("Interpretation needs"), [_("Direction"), _("Listeners")], rows
    )


def needs(event: Event) -> Report:
    query = (
        _confirmed(event)
        .where((Registration.dietary != "") | (Registration.accessibility != ""))
        .options(*delegations().name_options())
        .order_by(Person.sort_name, Person.id)
    )
    rows = [
        [
            r.person.full_name,
            place_name(r.delegation.name) if r.delegation else "",
            r.dietary,
            r.accessibility,
        ]
        for r in db.session.scalars(query).unique()
    ]
    header = [_("Name"), _("Delegation"), _("Dietary needs"), _("Accessibility needs")]
    return Report("needs", _("Dietary and accessibility needs"), header, rows)


def travel(event: Event) -> Report:
    arrivals: Counter[date] = Counter()
    departures: Counter[date] = Counter()
    for arrival, departure in db.session.execute(
        _confirmed(event).with_only_columns(Registration.arrival_date, Registration.departure_date)
    ):
        if arrival:
            arrivals[arrival] += 1
        if departure:
            departures[departure] += 1
    days = sorted(set(arrivals) | set(departures))
    rows = [[day.isoformat(), arrivals[day], departures[day]] for day in days]
    return Report(
        "travel",
        _("Arrivals and departures by day"),
        [_("Day"), _("Arrivals"), _("Departures")],
        rows,
    )


def answers(event: Event) -> Report:
    """Answers to the event's own questions among the confirmed registrations; a choice's
    places and waiting list whoever holds them."""
    confirmed = db.select(Registration.id).where(
        Registration.event_id == event.id, Registration.status == RegistrationStatus.CONFIRMED
    )
    counts = answer_reports.answer_counts(event.id, confirmed, current_language())
    rows = []
    for count in counts:
        name = count.label + (f" ({_('retired')})" if count.question.is_retired else "")
        rows.append([name, _("Answered"), count.answered, "", "", ""])
        for row in count.rows:
            label = row.label + (f" ({_('retired')})" if row.retired else "")
            capacity = (
                "" if row.held is None else (row.capacity if row.capacity is not None else "—")
            )
            held = "" if row.held is None else row.held
            waiting = "" if row.held is None else row.waiting
            rows.append([name, label, row.value, held, capacity, waiting])
    header = [
        _("Question"),
        _("Answer"),
        _("Registrations"),
        _("Places held"),
        _("Places"),
        _("Waiting list"),
    ]
    charts = [c for c in counts if c.rows and not c.question.is_retired]
    return Report("answers", _("Answers to the questions"), header, rows, charts)


BUILDERS = {
    "headcount": headcount,
    "interpretation": interpretation,
    "needs": needs,
    "travel": travel,
    "answers": answers,
}


def build(event: Event, name: str) -> Report:
    return BUILDERS[name](event)
