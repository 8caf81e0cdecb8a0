"""Who may have which document, and when: the one place these rules are written.

- A visa invitation letter: only for a confirmed registration with a passport number on
  file. An organizer may override for a pending or waitlisted registration (the override is
  written to the audit log by the caller); never for a declined or cancelled one.
- A certificate of attendance: only for a confirmed registration with a check-in at the door
  or a session attendance record, only once the event has ended (at the event's place), and
  its hours come only from attended sessions that have ended (breaks and meals never count;
  there is no fallback to sign-ups or plenaries).

Each answer is a ``Verdict``: whether the document may be issued, and if not, why (a
translated sentence shown to the person or the organizer).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, time, timedelta
from zoneinfo import ZoneInfo

from flask_babel import lazy_gettext as _l
from sqlalchemy import func

from eventsapp.agenda.models import AgendaSession, SessionKind
from eventsapp.checkin.models import SessionAttendance
from eventsapp.events.models import Event
from eventsapp.extensions import db
from eventsapp.registration.models import Registration, RegistrationStatus

BREAK_KINDS = (SessionKind.BREAK, SessionKind.MEAL)
# The statuses an organizer may override for a visa letter (they may still attend).
LETTER_OVERRIDABLE = (RegistrationStatus.PENDING, RegistrationStatus.WAITLISTED)


@dataclass(frozen=True)
class Verdict:
    ok: bool
    reason: str = ""  # why not, translated
    overridable: bool = False  # an organizer may issue anyway (recorded in the audit log)

    def __bool__(self) -> bool:
        return self.ok


YES = Verdict(True)


def _status_reason(status: RegistrationStatus) -> str:
    return str(
        {
            RegistrationStatus.PENDING: _l("the registration is not confirmed yet"),
            RegistrationStatus.WAITLISTED: _l("the registration is on the waiting list"),
            RegistrationStatus.DECLINED: _l("the registration was declined"),
            RegistrationStatus.CANCELLED: _l("the registration was cancelled"),
        }[status]
    )


def letter_verdict(registration: Registration, *, override: bool = False) -> Verdict:
    """May a visa letter be issued for ``registration`` (``override``: an organizer issues
    it for a pending or waitlisted registration)?"""
    status = registration.status
    if status is not RegistrationStatus.CONFIRMED:
        overridable = status in LETTER_OVERRIDABLE
        if not (override and overridable):
            reason = _l(
                "Visa letters are issued only for confirmed registrations: %(why)s.",
                why=_status_reason(status),
            )
            return Verdict(False, str(reason), overridable)
    if not registration.person.passport_number.strip():
        return Verdict(False, str(_l("No passport number on file.")))
    return YES


def event_ends_at(event: Event) -> datetime:
    """When the event is over: midnight after its last day at the event's place, or earlier,
    when the last published session of that day has ended."""
    zone = ZoneInfo(event.timezone)
    midnight = datetime.combine(event.end_date + timedelta(days=1), time(0), zone)
    last_day_start = datetime.combine(event.end_date, time(0), zone)
    last_session_end = db.session.scalar(
        db.select(func.max(AgendaSession.ends_at)).where(
            AgendaSession.event_id == event.id,
            AgendaSession.is_published.is_(True),
            AgendaSession.ends_at >= last_day_start,
            AgendaSession.ends_at <= midnight,
        )
    )
    return last_session_end if last_session_end is not None else midnight


def attended_sessions(registration: Registration, now: datetime) -> list[AgendaSession]:
    """The sessions with an attendance record for ``registration`` that have ended by
    ``now``, breaks and meals left out, in time order."""
    return list(
        db.session.scalars(
            db.select(AgendaSession)
            .join(SessionAttendance, SessionAttendance.session_id == AgendaSession.id)
            .where(
                SessionAttendance.registration_id == registration.id,
                AgendaSession.event_id == registration.event_id,
                AgendaSession.kind.not_in(BREAK_KINDS),
                AgendaSession.ends_at <= now,
            )
            .order_by(AgendaSession.starts_at, AgendaSession.id)
        )
    )


def has_attendance(registration: Registration) -> bool:
    if registration.checked_in_at is not None:
        return True
    query = db.select(SessionAttendance.id).where(
        SessionAttendance.registration_id == registration.id
    )
    return db.session.scalar(query.limit(1)) is not None


def certificate_verdict(event: Event, registration: Registration, now: datetime) -> Verdict:
    """May a certificate of attendance be issued for ``registration`` at ``now``?"""
    if registration.status is not RegistrationStatus.CONFIRMED:
        reason = _l(
            "Certificates are issued only for confirmed registrations: %(why)s.",
            why=_status_reason(registration.status),
        )
        return Verdict(False, str(reason))
    if now < event_ends_at(event):
        return Verdict(
            False,
            str(_l("Not available yet: certificates are issued once the event has ended.")),
        )
    if not has_attendance(registration):
        return Verdict(
            False,
            str(_l("No attendance recorded: neither a check-in nor a session attendance.")),
        )
    return YES


def certificate_run(
    event: Event, registrations: list[Registration], now: datetime
) -> tuple[list[Registration], list[tuple[Registration, str]]]:
    """(who may have a certificate, [(who may not, why)]) among ``registrations`` of
    ``event``, with one query for attendance instead of one per person."""
    if now < event_ends_at(event):
        reason = str(_l("Not available yet: certificates are issued once the event has ended."))
        return [], [(r, reason) for r in registrations]
    attended = set(
        db.session.scalars(
            db.select(SessionAttendance.registration_id)
            .join(Registration, Registration.id == SessionAttendance.registration_id)
            .where(Registration.event_id == event.id)
        )
    )
    eligible, skipped = [], []
    for registration in registrations:
        if registration.status is not RegistrationStatus.CONFIRMED:
            skipped.append((registration, certificate_verdict(event, registration, now).reason))
        elif registration.checked_in_at is None and registration.id not in attended:
            reason = str(_l("No attendance recorded: neither a check-in nor a session attendance."))
            skipped.append((registration, reason))
        else:
            eligible.append(registration)
    return eligible, skipped
