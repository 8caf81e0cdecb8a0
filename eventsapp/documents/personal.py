"""One registration's documents as dataclasses: personal agenda, visa letter, certificate."""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal

from babel.numbers import format_decimal
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
from eventsapp.documents import visa
from eventsapp.documents.data import (
    AgendaLine,
    Certificate,
    CertificateLine,
    Letterhead,
    PersonalAgenda,
)
from eventsapp.documents.eligibility import attended_sessions
from eventsapp.documents.labels import page_of
from eventsapp.documents.models import IssuedDocument
from eventsapp.documents.queries import display_name, time_span
from eventsapp.events.branding import branding_for
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


def letterhead(event: Event, lang: str) -> Letterhead:
    return visa.letterhead(event, branding_for(event), lang)


def reference_line(document) -> str:
    return _(
        "Reference %(reference)s · verify at %(url)s",
        reference=document.reference,
        url=visa.verify_url(document),
    )


def _in(lang: str, produce):
    """``produce()`` with gettext answering in ``lang``."""
    with force_locale(lang):
        return produce()


def _hours(value: Decimal | float, lang: str) -> str:
    return format_decimal(value, "0.##", locale=lang)


def certificate(
    event: Event, registration: Registration, document: IssuedDocument, now: datetime
) -> Certificate:
    """The certificate's content: only attended sessions that have ended by ``now`` (who
    may have one at all is decided in eligibility.py)."""
    lang = language_of(registration)
    sessions = attended_sessions(registration, now)
    total_hours = sum((Decimal(s.duration_minutes) / 60 for s in sessions), Decimal(0))
    total_cle = sum((s.cle_hours or Decimal(0) for s in sessions), Decimal(0))
    name = display_name(registration.person)

    def build() -> Certificate:
        return Certificate(
            letterhead=letterhead(event, lang),
            heading=_("Certificate of attendance"),
            statement=_(
                "This is to certify that %(name)s attended %(event)s, %(dates)s, "
                "and took part in the sessions listed below.",
                name=name,
                event=localized(event, "title", lang),
                dates=fmt_date_range(event.start_date, event.end_date, lang),
            ),
            columns=(_("Date"), _("Session"), _("Hours"), _("CLE hours")),
            lines=[
                CertificateLine(
                    date=fmt_date(s.starts_at, "medium", event.timezone, lang),
                    title=localized(s, "title", lang),
                    hours=_hours(Decimal(s.duration_minutes) / 60, lang),
                    cle_hours=_hours(s.cle_hours, lang) if s.cle_hours is not None else "—",
                )
                for s in sessions
            ],
            totals=(_("Total"), _hours(total_hours, lang), _hours(total_cle, lang)),
            source_note=_("Attendance source: check-in records at each session."),
            empty_text=_("No sessions recorded."),
            signatory_name=event.signatory_name,
            signatory_title=event.signatory_title,
            page_of=page_of(),
            reference=document.reference,
            issued_on=fmt_date(event.local_date(document.issued_at), "long", lang=lang),
            verify_url=visa.verify_url(document),
            reference_line=reference_line(document),
        )

    return _in(lang, build)
