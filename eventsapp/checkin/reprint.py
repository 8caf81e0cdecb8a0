"""Reprinting one badge at the desk: the badges module draws it, the desk audits it."""

from __future__ import annotations

from eventsapp.actor import Actor
from eventsapp.audit.services import record
from eventsapp.checkin.services import clean_desk
from eventsapp.registration.models import Registration


def reprint_badge(
    registration: Registration, layout_name: str, *, actor: Actor, desk: str
) -> bytes:
    from eventsapp.badges.services import single_badge_pdf

    pdf = single_badge_pdf(registration, layout_name, actor)
    record(
        actor,
        "checkin.reprint",
        registration,
        summary=f"{registration.person.full_name} ({layout_name})",
        desk=clean_desk(desk),
    )
    return pdf
