"""Issued documents: the reference a letter or certificate carries, found again on every
download, revoked when the registration leaves, looked up by the verification page."""

from __future__ import annotations

import re
import secrets
from typing import Any

from sqlalchemy.exc import IntegrityError

from eventsapp.actor import Actor
from eventsapp.db import utcnow
from eventsapp.documents.models import DocumentKind, IssuedDocument
from eventsapp.extensions import db
from eventsapp.registration.models import Registration, RegistrationStatus
from eventsapp.registration.signals import registration_left

# Crockford-like: no 0/O, 1/I/L or U, so that a reference read aloud or typed is unambiguous.
ALPHABET = "23456789ABCDEFGHJKMNPQRSTVWXYZ"
PREFIX = {DocumentKind.VISA_LETTER: "VL", DocumentKind.CERTIFICATE: "CA"}
_GROUP = "[2-9A-HJKMNP-TV-Z]{4}"
REFERENCE = re.compile(rf"^(VL|CA)-{_GROUP}-{_GROUP}-{_GROUP}$")


def new_reference(kind: DocumentKind) -> str:
    """``VL-7K3F-9QPM-2XHD``: 60 random bits, guessed at 30 a minute by nobody."""
    body = "".join(secrets.choice(ALPHABET) for _ in range(12))
    return f"{PREFIX[kind]}-{body[:4]}-{body[4:8]}-{body[8:]}"


def active_document(registration: Registration, kind: DocumentKind) -> IssuedDocument | None:
    return db.session.scalar(
        db.select(IssuedDocument).where(
            IssuedDocument.registration_id == registration.id,
            IssuedDocument.kind == kind,
            IssuedDocument.revoked_at.is_(None),
        )
    )


def issue(
    actor: Actor | None, registration: Registration, kind: DocumentKind
) -> tuple[IssuedDocument, bool]:
    """(the registration's valid document of ``kind``, whether it is new): the same one on
    every download; a new reference only after a revocation."""
    existing = active_document(registration, kind)
    if existing is not None:
        return existing, False
    document = IssuedDocument(
        reference=new_reference(kind),
        kind=kind,
        event_id=registration.event_id,
        registration_id=registration.id,
        issued_by_id=getattr(actor, "id", None),
    )
    try:
        with db.session.begin_nested():  # a concurrent first download issued it
            db.session.add(document)
    except IntegrityError:
        found = active_document(registration, kind)
        if found is None:
            raise
        return found, False
    return document, True


def normalized(reference: str) -> str:
    cleaned = re.sub(r"[\s-]+", "", reference.upper())
    if len(cleaned) != 14:
        return ""
    return f"{cleaned[:2]}-{cleaned[2:6]}-{cleaned[6:10]}-{cleaned[10:]}"


def by_reference(reference: str) -> IssuedDocument | None:
    """The document a (typed or scanned) reference names, or None."""
    wanted = normalized(reference)
    if not REFERENCE.match(wanted):
        return None
    return db.session.scalar(db.select(IssuedDocument).where(IssuedDocument.reference == wanted))


def revoke_all(registration: Registration, reason: str) -> int:
    """Revoke every valid document of ``registration``; how many."""
    documents = db.session.scalars(
        db.select(IssuedDocument).where(
            IssuedDocument.registration_id == registration.id,
            IssuedDocument.revoked_at.is_(None),
        )
    ).all()
    now = utcnow()
    for document in documents:
        document.revoked_at = now
        document.revoke_reason = reason
    db.session.flush()
    return len(documents)


def _on_registration_left(registration: Registration, **_extra: Any) -> None:
    """Cancelled, declined or about to be deleted: what it was issued no longer holds."""
    status = registration.status
    left = status in (RegistrationStatus.CANCELLED, RegistrationStatus.DECLINED)
    revoke_all(registration, status.value if left else "deleted")


registration_left.connect(_on_registration_left)
