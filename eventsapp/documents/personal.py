"""One registration's documents as dataclasses: personal agenda, visa letter, certificate."""

from __future__ import annotations

from collections.abc import Callable
from typing import TypeVar

from flask_babel import force_locale
from flask_babel import gettext as _
from sqlalchemy import or_

from eventsapp.agenda.labels import SESSION_KIND
from eventsapp.agenda.models import (
    AgendaSession,
    SessionKind,
    SessionSpeaker,
    SignupStatus,
    Speaker,
    WorkshopSignup,
)
from eventsapp.documents.data import (
    AgendaLine,
    PersonalAgenda,
)
from eventsapp.documents.labels import page_of
from eventsapp.documents.queries import display_name, time_span
from eventsapp.events.models import Event
from eventsapp.extensions import db
from eventsapp.i18n import fmt_date, fmt_date_range, localized
from eventsapp.registration.models import Registration


def kind_label(kind: SessionKind) -> str:
    """The agenda's label of ``kind``, in the current locale."""
    return str(SESSION_KIND[kind])


def language_of(registration: Registration) -> str:
    return registration.person.preferred_language.value


def agenda_sessions(registration: Registration) -> list[AgendaSession]:
    """Published plenaries, the confirmed workshop sign-ups, and the sessions the person
    speaks in or moderates, in time order."""
    signed_up = db.select(WorkshopSignup.session_id).where(
        WorkshopSignup.registration_id == registration.id,
        WorkshopSignup.status == SignupStatus.CONFIRMED,
    )
    speaking = (
        db.select(SessionSpeaker.session_id)
        .join(Speaker, Speaker.id == SessionSpeaker.speaker_id)
        .where(Speaker.person_id == registration.person_id)
    )
    query = (
        db.select(AgendaSession)
        .where(
            AgendaSession.event_id == registration.event_id,
            AgendaSession.is_published.is_(True),
            or_(
                AgendaSession.kind == SessionKind.PLENARY,
                AgendaSession.id.in_(signed_up),
                AgendaSession.id.in_(speaking),
            ),
        )
        .order_by(AgendaSession.starts_at, AgendaSession.id)
    )
    return list(db.session.scalars(query))


def personal_agenda(event: Event, registration: Registration, lang: str) -> PersonalAgenda:
    tz = event.timezone
    lines = [
        AgendaLine(
            date=fmt_date(s.starts_at, "medium", tz, lang),
            time=time_span(s, tz, lang),
            title=localized(s, "title", lang),
            room=s.room.name if s.room else "",
            kind=_in(lang, lambda s=s: kind_label(s.kind)),
        )
        for s in agenda_sessions(registration)
    ]
    return PersonalAgenda(
        heading=_in(lang, lambda: _("My agenda")),
        event_title=localized(event, "title", lang),
        dates=fmt_date_range(event.start_date, event.end_date, lang),
        person_name=display_name(registration.person),
        lines=lines,
        empty_text=_in(lang, lambda: _("No sessions yet.")),
        columns=_in(lang, lambda: (_("Date"), _("Time"), _("Session"), _("Room"))),
        page_of=_in(lang, page_of),
    )


_T = TypeVar("_T")


def _in(lang: str, produce: Callable[..., _T]) -> _T:
    """``produce()`` with gettext answering in ``lang``."""
    with force_locale(lang):
        return produce()
