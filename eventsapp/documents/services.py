"""Issuing documents: who gets which letter, with an audit entry for each issuance.

What may be issued is decided in eligibility.py; a run over many people issues what it can
and names who was skipped and why (one member without a passport number never stops a
delegation's letters)."""

from __future__ import annotations

import io
import re
import unicodedata
import zipfile
from dataclasses import dataclass, field
from datetime import datetime

from flask_babel import gettext as _
from sqlalchemy.orm import selectinload

from eventsapp.actor import Actor
from eventsapp.audit.services import record
from eventsapp.delegations.models import Delegation
from eventsapp.documents import issued
from eventsapp.documents.certificate import certificates
from eventsapp.documents.data import Certificate, VisaLetter
from eventsapp.documents.eligibility import letter_verdict
from eventsapp.documents.letters import render_visa_letters
from eventsapp.documents.models import DocumentKind
from eventsapp.documents.queries import display_name, name_key
from eventsapp.documents.visa import visa_letters
from eventsapp.errors import DomainError
from eventsapp.events.branding import Branding
from eventsapp.events.models import Event
from eventsapp.extensions import db
from eventsapp.registration.models import Person, Registration, RegistrationStatus

# A delegation run looks at every member who may still come; eligibility decides.
MEMBER_STATUSES = (
    RegistrationStatus.CONFIRMED,
    RegistrationStatus.PENDING,
    RegistrationStatus.WAITLISTED,
)


@dataclass(frozen=True)
class Skipped:
    name: str
    reason: str


@dataclass
class LetterRun:
    letters: list[list[VisaLetter]] = field(default_factory=list)  # per person, per language
    registrations: list[Registration] = field(default_factory=list)
    skipped: list[Skipped] = field(default_factory=list)


def delegation_members(event: Event, delegation: Delegation) -> list[Registration]:
    """The delegation's registrations that may still come, head first, then by family
    name."""
    registrations = db.session.scalars(
        db.select(Registration)
        .where(
            Registration.event_id == event.id,
            Registration.delegation_id == delegation.id,
            Registration.status.in_(MEMBER_STATUSES),
        )
        .options(selectinload(Registration.person).selectinload(Person.organization))
    ).all()
    return sorted(
        registrations,
        key=lambda r: (r.person_id != delegation.head_person_id, name_key(r.person)),
    )


def issue_visa_letters(
    actor: Actor | None,
    event: Event,
    registrations: list[Registration],
    *,
    via: str,
    override: bool = False,
) -> LetterRun:
    """The letters that may be issued (one per registration), each audited; the others
    are listed as skipped with the reason. ``override``: an organizer issues letters for
    pending or waitlisted registrations too (said so in the audit entry).

    A DomainError when nothing can be issued (the reasons in its message)."""
    if not registrations:
        raise DomainError(_("Nobody to issue a letter for."), field="delegation_id")
    if any(r.event_id != event.id for r in registrations):
        raise DomainError(_("Registration not found."))
    run = LetterRun()
    for registration in registrations:
        verdict = letter_verdict(registration, override=override)
        if not verdict:
            run.skipped.append(Skipped(display_name(registration.person), verdict.reason))
            continue
        overridden = registration.status is not RegistrationStatus.CONFIRMED
        document, _new = issued.issue(actor, registration, DocumentKind.VISA_LETTER)
        run.letters.append(visa_letters(event, registration, document))
        run.registrations.append(registration)
        summary = (
            f"Visa invitation letter {document.reference} issued ({via}) for "
            f"{display_name(registration.person)}"
        )
        if overridden:
            summary += f"; organizer override of status {registration.status.value}"
        record(
            actor,
            "documents.visa_letter_override" if overridden else "documents.visa_letter_issued",
            registration,
            summary=summary,
        )
    if not run.letters:
        raise DomainError(skipped_message(run.skipped), field="delegation_id")
    db.session.flush()
    return run


def flat(run: LetterRun) -> list[VisaLetter]:
    return [letter for letters in run.letters for letter in letters]


def issue_certificate(
    actor: Actor | None,
    event: Event,
    registration: Registration,
    now: datetime,
    branding: Branding | None = None,
) -> list[Certificate]:
    """The certificate of a registration that may have one (the caller asked
    eligibility.py): its serial is found again on every download; the first is audited."""
    document, new = issued.issue(actor, registration, DocumentKind.CERTIFICATE)
    if new:
        record(
            actor,
            "documents.certificate_issued",
            registration,
            summary=f"Certificate of attendance {document.reference} issued for "
            f"{display_name(registration.person)}",
        )
    return certificates(event, registration, document, now, branding)


def skipped_message(skipped: list[Skipped]) -> str:
    lines = "; ".join(f"{s.name}: {s.reason}" for s in skipped)
    return _("Skipped (%(count)d): %(lines)s", count=len(skipped), lines=lines)


def file_stem(text: str) -> str:
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return re.sub(r"[^A-Za-z0-9]+", "-", ascii_text).strip("-").lower() or "document"


def visa_letters_zip(run: LetterRun) -> bytes:
    """One PDF per letter in a ZIP, named after the person; SKIPPED.txt lists who was left
    out and why."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for letter, registration in zip(run.letters, run.registrations, strict=True):
            name = f"visa-letter-{file_stem(registration.person.family_name)}-{registration.id}.pdf"
            archive.writestr(name, render_visa_letters(letter))
        if run.skipped:
            text = "\n".join(f"{s.name}: {s.reason}" for s in run.skipped) + "\n"
            archive.writestr("SKIPPED.txt", text)
    return buffer.getvalue()
