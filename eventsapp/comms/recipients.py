"""Who a message to a group reaches: registrations of one event chosen by status, role,
delegation, workshop (and whether confirmed or waiting there), missing data (passport,
arrival date), checked in or not, the answer to one of the event's questions (comms/answers),
or a hand-picked list of addresses. One query; every condition is "and"; values inside one
condition are "or"."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import Select

from eventsapp.agenda.models import AgendaSession, SessionKind, SignupStatus, WorkshopSignup
from eventsapp.comms import answers
from eventsapp.events.models import Event
from eventsapp.extensions import db
from eventsapp.registration.models import (
    Person,
    Registration,
    RegistrationRole,
    RegistrationStatus,
)

ACTIVE = (
    RegistrationStatus.PENDING,
    RegistrationStatus.CONFIRMED,
    RegistrationStatus.WAITLISTED,
)
SAMPLE_SIZE = 5


@dataclass
class RecipientFilter:
    statuses: list[str] = field(default_factory=list)  # none chosen: every active status
    roles: list[str] = field(default_factory=list)
    delegation_ids: list[int] = field(default_factory=list)
    workshop_ids: list[int] = field(default_factory=list)
    workshop_status: str = ""  # "", "confirmed" or "waitlisted"
    missing_passport: bool = False
    missing_arrival: bool = False
    checked_in: str = ""  # "", "yes" or "no"
    emails: list[str] = field(default_factory=list)
    # The answer to one question: any of these options (holding their place, waiting, or
    # either: answers.PLACES), else this canonical value, else any answer at all.
    question_id: int | None = None
    answer_options: list[int] = field(default_factory=list)
    answer_value: str = ""
    answer_place: str = ""

    def as_dict(self) -> dict[str, Any]:
        return dict(self.__dict__)


def recipients_query(event: Event, chosen: RecipientFilter) -> Select[Any]:
    statuses = [RegistrationStatus(s) for s in chosen.statuses] or list(ACTIVE)
    query = (
        db.select(Registration)
        .join(Registration.person)
        .where(Registration.event_id == event.id, Registration.status.in_(statuses))
    )
    if chosen.roles:
        query = query.where(Registration.role.in_([RegistrationRole(r) for r in chosen.roles]))
    if chosen.delegation_ids:
        query = query.where(Registration.delegation_id.in_(chosen.delegation_ids))
    if chosen.workshop_ids:
        signup_statuses = (
            [SignupStatus(chosen.workshop_status)]
            if chosen.workshop_status
            else [SignupStatus.CONFIRMED, SignupStatus.WAITLISTED]
        )
        signed_up = (
            db.select(WorkshopSignup.registration_id)
            .join(AgendaSession, AgendaSession.id == WorkshopSignup.session_id)
            .where(
                AgendaSession.event_id == event.id,
                WorkshopSignup.session_id.in_(chosen.workshop_ids),
                WorkshopSignup.status.in_(signup_statuses),
            )
        )
        query = query.where(Registration.id.in_(signed_up))
    if chosen.missing_passport:
        query = query.where(Person.passport_number == "")
    if chosen.missing_arrival:
        query = query.where(Registration.arrival_date.is_(None))
    if chosen.checked_in == "yes":
        query = query.where(Registration.checked_in_at.is_not(None))
    elif chosen.checked_in == "no":
        query = query.where(Registration.checked_in_at.is_(None))
    if chosen.emails:
        query = query.where(Person.email.in_([e.lower() for e in chosen.emails]))
    if chosen.question_id is not None:
        matching = answers.answered(
            event,
            chosen.question_id,
            chosen.answer_options,
            chosen.answer_value,
            chosen.answer_place,
        )
        query = query.where(Registration.id.in_(matching))
    return query.order_by(Person.family_name, Person.given_name, Registration.id)


def recipient_ids(event: Event, chosen: RecipientFilter) -> list[int]:
    ids = recipients_query(event, chosen).with_only_columns(Registration.id)
    return list(db.session.scalars(ids))


def sample(event: Event, chosen: RecipientFilter, size: int = SAMPLE_SIZE) -> list[Registration]:
    return list(db.session.scalars(recipients_query(event, chosen).limit(size)))


def workshops(event: Event) -> list[AgendaSession]:
    return list(
        db.session.scalars(
            db.select(AgendaSession)
            .where(AgendaSession.event_id == event.id, AgendaSession.kind == SessionKind.WORKSHOP)
            .order_by(AgendaSession.starts_at, AgendaSession.id)
        )
    )


def unknown_emails(event: Event, emails: list[str]) -> list[str]:
    """The addresses among ``emails`` that have no registration at ``event``."""
    known = set(
        db.session.scalars(
            db.select(Person.email).where(
                Person.event_id == event.id, Person.email.in_([e.lower() for e in emails])
            )
        )
    )
    return [e for e in emails if e.lower() not in known]
