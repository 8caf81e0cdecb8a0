"""A scan result as the desk shows it: state, colour, headline and text in the staff
member's language, plus the person's details. The same dict feeds the page and the JSON."""

from __future__ import annotations

from typing import Any

from flask import url_for
from flask_babel import gettext as _

from eventsapp.checkin import labels
from eventsapp.checkin.queries import speaker_photo
from eventsapp.checkin.services import ScanResult
from eventsapp.events.models import Event
from eventsapp.i18n import fmt_datetime, localized
from eventsapp.places import place_name

UNDOABLE = ("checked_in", "already_checked_in", "attended", "already_attended")


def describe(result: ScanResult, event: Event) -> dict[str, Any]:
    registration = result.registration
    data: dict[str, Any] = {
        "state": result.state,
        "colour": labels.COLOUR[result.state],
        "headline": str(labels.HEADLINE[result.state]),
        "message": _message(result, event),
        "warning": "",
        "registration_id": None,
        "name": "",
        "delegation": "",
        "role": "",
        "status": "",
        "photo_url": None,
        "at": result.at.isoformat() if result.at else None,
        "at_local": fmt_datetime(result.at, event.timezone, "short") if result.at else "",
        "desk": result.desk,
        "session": localized(result.session, "title") if result.session else "",
        "session_id": result.session.id if result.session else None,
        "can_undo": result.state in UNDOABLE,
    }
    if result.workshop_full:
        data["warning"] = _("Not signed up for this workshop, which is full.")
    if registration is not None:
        delegation = registration.delegation
        data.update(
            registration_id=registration.id,
            name=registration.person.full_name,
            delegation=place_name(delegation.name) if delegation is not None else "",
            role=labels.role_label(registration.role, registration.person),
            status=str(labels.STATUS[registration.status]),
        )
        if result.state in UNDOABLE and speaker_photo(registration):
            data["photo_url"] = url_for(
                "checkin.photo", slug=event.slug, registration_id=registration.id
            )
    return data


def _message(result: ScanResult, event: Event) -> str:
    when = fmt_datetime(result.at, event.timezone, "short") if result.at else ""
    desk = result.desk or _("unnamed desk")
    if result.state == "checked_in":
        return _("Welcome. Checked in at desk %(desk)s.", desk=desk)
    if result.state == "already_checked_in":
        return _("Already checked in on %(when)s at desk %(desk)s.", when=when, desk=desk)
    if result.state == "not_admitted" and result.registration is not None:
        return str(labels.NOT_ADMITTED_REASON.get(result.registration.status, ""))
    if result.state == "unknown":
        return str(labels.UNKNOWN_REASON.get(result.reason, labels.UNKNOWN_REASON["missing"]))
    if result.state == "attended":
        return _("Attendance recorded at %(session)s.", session=localized(result.session, "title"))
    if result.state == "already_attended":
        return _(
            "Already recorded at %(session)s on %(when)s.",
            session=localized(result.session, "title"),
            when=when,
        )
    if result.state == "undone":
        return _("The check-in was taken back.")
    return ""
