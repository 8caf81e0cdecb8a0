"""Issuing documents: who gets which letter, with an audit entry for each issuance."""

from __future__ import annotations

import io
import re
import unicodedata
import zipfile
from datetime import date

from flask_babel import gettext as _
from sqlalchemy.orm import selectinload

from eventsapp.audit.services import record
from eventsapp.delegations.models import Delegation
from eventsapp.documents.data import VisaLetter
from eventsapp.documents.letters import render_visa_letters
from eventsapp.documents.personal import visa_letter
from eventsapp.documents.queries import display_name, name_key
from eventsapp.errors import DomainError
from eventsapp.events.models import Event
from eventsapp.extensions import db
from eventsapp.registration.models import Person, Registration, RegistrationStatus

LETTER_STATUSES = (RegistrationStatus.CONFIRMED, RegistrationStatus.PENDING)


def delegation_members(event: Event, delegation: Delegation) -> list[Registration]:
    """The delegation's registrations that hold a seat, head first, then by family name."""
    registrations = db.session.scalars(
        db.select(Registration)
        .where(
            Registration.event_id == event.id,
            Registration.delegation_id == delegation.id,
            Registration.status.in_(LETTER_STATUSES),
        )
        .options(selectinload(Registration.person).selectinload(Person.organization))
    ).all()
    return sorted(
        registrations,
        key=lambda r: (r.person_id != delegation.head_person_id, name_key(r.person)),
    )


def issue_visa_letters(
    actor, event: Event, registrations: list[Registration], *, today: date, via: str
) -> list[VisaLetter]:
    """The letters (one per registration, each in the person's language), audited.

    Refused when a registration is of another event, or has no passport number."""
    if not registrations:
        raise DomainError(_("Nobody to issue a letter for."))
    if any(r.event_id != event.id for r in registrations):
        raise DomainError(_("Registration not found."))
    missing = [display_name(r.person) for r in registrations if not r.person.passport_number]
    if missing:
        raise DomainError(
            _("No passport number on file for: %(names)s", names=", ".join(missing)),
            field="delegation_id",
        )
    letters = []
    for registration in registrations:
        letters.append(visa_letter(event, registration, today))
        record(
            actor,
            "documents.visa_letter_issued",
            registration,
            summary=f"Visa invitation letter issued ({via}) for "
            f"{display_name(registration.person)}",
        )
    db.session.flush()
    return letters


def file_stem(text: str) -> str:
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return re.sub(r"[^A-Za-z0-9]+", "-", ascii_text).strip("-").lower() or "document"


def visa_letters_zip(letters: list[VisaLetter], registrations: list[Registration]) -> bytes:
    """One PDF per letter in a ZIP, named after the person."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for letter, registration in zip(letters, registrations, strict=True):
            name = f"visa-letter-{file_stem(registration.person.family_name)}-{registration.id}.pdf"
            archive.writestr(name, render_visa_letters([letter]))
    return buffer.getvalue()
