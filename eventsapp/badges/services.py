"""Badge rules: which registrations get a badge and in what order, what each badge shows,
recording prints, and reissuing a badge's QR token."""

from __future__ import annotations

import io
import os
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import datetime
from typing import IO, Any, TypeVar

from flask import current_app, g
from flask_babel import force_locale
from flask_babel import gettext as _
from reportlab.lib.utils import ImageReader
from sqlalchemy import Select, func
from sqlalchemy.orm import aliased, joinedload

from eventsapp import collation
from eventsapp.actor import Actor
from eventsapp.audit.services import record, snapshot
from eventsapp.badges.answer_line import answer_lines
from eventsapp.badges.content import BadgeData
from eventsapp.badges.layouts import LAYOUTS, Layout
from eventsapp.badges.models import BadgePrint
from eventsapp.badges.render import CROP_REACH, render_badges, render_badges_pdf
from eventsapp.badges.tokens import make_badge_token
from eventsapp.db import utcnow
from eventsapp.delegations.models import Delegation
from eventsapp.errors import DomainError
from eventsapp.events.branding import branding_for
from eventsapp.events.models import Event, Jurisdiction, Organization
from eventsapp.extensions import db
from eventsapp.i18n import fmt_date_range, localized
from eventsapp.places import place_name
from eventsapp.registration.labels import gender_of
from eventsapp.registration.models import (
    Person,
    Registration,
    RegistrationRole,
    RegistrationStatus,
)
from eventsapp.signing import current_key

ORDER_DELEGATION = "delegation"
ORDER_FAMILY = "family"
LOAD_CHUNK = 200  # registrations loaded (and then forgotten) at a time in a batch

RowT = TypeVar("RowT", bound=tuple[Any, ...])  # the rows of a query over registrations


@dataclass
class BadgeFilter:
    delegation_id: int | None = None
    role: RegistrationRole | None = None
    statuses: tuple[RegistrationStatus, ...] = (RegistrationStatus.CONFIRMED,)
    unprinted: bool = False
    registration_ids: list[int] = field(default_factory=list)  # hand-picked; empty = all
    order: str = ORDER_DELEGATION
    search: str = ""  # part of a given name, family name or e-mail


def layout_or_error(name: str) -> Layout:
    if name not in LAYOUTS:
        raise DomainError(_("Unknown badge layout %(name)s.", name=name), field="layout")
    return LAYOUTS[name]


def check_print_options(layout_name: str, start_at: int, crop_marks: bool = False) -> Layout:
    layout = layout_or_error(layout_name)
    if crop_marks and not layout.crop_marks_fit(CROP_REACH):
        raise DomainError(
            _(
                "Crop marks need a margin around the badges; %(layout)s has none. "
                "Print without crop marks.",
                layout=layout.name,
            ),
            field="crop_marks",
        )
    if not 1 <= start_at <= layout.per_page:
        raise DomainError(
            _("Start at a badge between 1 and %(count)d.", count=layout.per_page),
            field="start_at",
        )
    return layout


def _with_badge_relations(query: Select[tuple[Registration]]) -> Select[tuple[Registration]]:
    return query.options(
        joinedload(Registration.person).joinedload(Person.organization),
        joinedload(Registration.person).joinedload(Person.jurisdiction),
        joinedload(Registration.delegation).joinedload(Delegation.jurisdiction),
        joinedload(Registration.delegation).joinedload(Delegation.organization),
    )


def _filtered(query: Select[RowT], event: Event, flt: BadgeFilter) -> Select[RowT]:
    """``query`` (over registrations) narrowed to ``flt`` and put in print order."""
    party_j = aliased(Jurisdiction)
    party_o = aliased(Organization)
    delegation_name = func.coalesce(party_j.name, party_o.name, "")
    query = (
        query.join(Registration.person)
        .outerjoin(Delegation, Registration.delegation_id == Delegation.id)
        .outerjoin(party_j, Delegation.jurisdiction_id == party_j.id)
        .outerjoin(party_o, Delegation.organization_id == party_o.id)
        .where(Registration.event_id == event.id)
    )
    if flt.statuses:
        query = query.where(Registration.status.in_(flt.statuses))
    if flt.delegation_id is not None:
        query = query.where(Registration.delegation_id == flt.delegation_id)
    if flt.role is not None:
        query = query.where(Registration.role == flt.role)
    if flt.unprinted:
        query = query.where(Registration.badge_printed_at.is_(None))
    if flt.registration_ids:
        query = query.where(Registration.id.in_(flt.registration_ids))
    if (
        flt.search
        and (matches := collation.contains_words(Person.search_key, flt.search)) is not None
    ):
        query = query.where(matches)
    by_name = (Person.sort_name, Registration.id)
    if flt.order == ORDER_DELEGATION:
        # People without a delegation come last.
        return query.order_by(Registration.delegation_id.is_(None), delegation_name, *by_name)
    return query.order_by(*by_name)


def badge_query(event: Event, flt: BadgeFilter) -> Select[tuple[Registration]]:
    """The registrations to print, in print order, with everything a badge needs loaded."""
    return _with_badge_relations(_filtered(db.select(Registration), event, flt))


def select_registrations(event: Event, flt: BadgeFilter) -> list[Registration]:
    return list(db.session.scalars(badge_query(event, flt)).unique())


def select_registration_ids(event: Event, flt: BadgeFilter) -> list[int]:
    """Only the ids, in print order: a big batch is then loaded a chunk at a time."""
    return list(db.session.scalars(_filtered(db.select(Registration.id), event, flt)))


def count_registrations(event: Event, flt: BadgeFilter) -> int:
    ids = _filtered(db.select(Registration.id), event, flt).order_by(None).subquery()
    return db.session.scalar(db.select(func.count()).select_from(ids)) or 0


def _load_in_chunks(ids: list[int]) -> Iterator[list[Registration]]:
    """The registrations of ``ids`` in that order, ``LOAD_CHUNK`` at a time."""
    for start in range(0, len(ids), LOAD_CHUNK):
        chunk = ids[start : start + LOAD_CHUNK]
        query = _with_badge_relations(db.select(Registration).where(Registration.id.in_(chunk)))
        by_id = {r.id: r for r in db.session.scalars(query).unique()}
        yield [by_id[i] for i in chunk]


def logo_path(event: Event) -> ImageReader | None:
    """The event's branding logo (eventsapp.storage) as an ImageReader that drawImage takes
    in place of a path, or None; read once per event and application context."""
    cache: dict[int, ImageReader | None] = g.setdefault("badge_logos", {})
    if event.id not in cache:
        logo = branding_for(event).logo
        cache[event.id] = ImageReader(io.BytesIO(logo)) if logo else None
    return cache[event.id]


def badge_data(
    registration: Registration, event: Event, lang: str = "en", answer_line: str = ""
) -> BadgeData:
    person = registration.person
    if person.organization is not None:
        affiliation = person.organization.name
    else:
        affiliation = place_name(person.jurisdiction.name, lang) if person.jurisdiction else ""
    secret = current_key()  # new badges: the current key (eventsapp/signing.py)
    with force_locale(lang):
        dates = fmt_date_range(event.start_date, event.end_date, lang=lang)
    return BadgeData(
        registration_id=registration.id,
        given_name=person.given_name,
        family_name=person.family_name,
        honorific=person.honorific if event.badge_show_honorific else "",
        position=person.position,
        affiliation=affiliation,
        delegation=place_name(registration.delegation.name, lang)
        if registration.delegation
        else "",
        role=registration.role,
        event_name=localized(event, "title", lang),
        event_dates=dates,
        qr_token=make_badge_token(secret, registration.id, registration.badge_token_version),
        logo_path=logo_path(event),
        back_lines=tuple(line for line in (event.venue_name, event.venue_city) if line),
        feminine=gender_of(person.honorific) == "feminine",
        answer_line=answer_line,
    )


def _mark_printed(
    actor: Actor | None, registrations: list[Registration], layout: str, now: datetime
) -> None:
    for registration in registrations:
        registration.badge_printed_at = now
        db.session.add(
            BadgePrint(
                registration_id=registration.id,
                printed_at=now,
                printed_by_id=getattr(actor, "id", None),
                layout=layout,
            )
        )
    db.session.flush()


def _audit_prints(
    actor: Actor | None, event: Event, registration_ids: list[int], layout: str
) -> None:
    record(
        actor,
        "badges.print",
        event,
        event_id=event.id,
        summary=f"{len(registration_ids)} badge(s) on {layout}",
        after={"registration_ids": registration_ids, "layout": layout},
    )


def print_badges(
    actor: Actor | None,
    event: Event,
    flt: BadgeFilter,
    layout_name: str,
    out: str | os.PathLike[str] | IO[bytes],
    *,
    lang: str = "en",
    crop_marks: bool = False,
    start_at: int = 1,
    duplex: bool = False,
    progress: Callable[[int, int], None] | None = None,
    progress_every: int = 100,
) -> int:
    """Render the filtered badges into ``out`` and record who printed them; the count.
    ``progress(done, total)`` is called after every ``progress_every`` badges."""
    layout = check_print_options(layout_name, start_at, crop_marks)
    ids = select_registration_ids(event, flt)
    if not ids:
        raise DomainError(_("No registrations match these filters."))
    now = utcnow()

    def badges() -> Iterator[BadgeData]:
        # Each chunk is marked and flushed, so its objects can go once its badges are drawn.
        done = 0
        for registrations in _load_in_chunks(ids):
            _mark_printed(actor, registrations, layout.name, now)
            lines = answer_lines(event, [r.id for r in registrations], lang)
            for registration in registrations:
                yield badge_data(registration, event, lang, lines.get(registration.id, ""))
                done += 1
                if progress is not None and done % progress_every == 0:
                    progress(done, len(ids))

    render_badges(badges(), layout, out, crop_marks=crop_marks, start_at=start_at, duplex=duplex)
    _audit_prints(actor, event, ids, layout.name)
    return len(ids)


def single_badge_pdf(
    registration: Registration, layout_name: str = "a6", actor: Actor | None = None
) -> bytes:
    """One badge as a PDF (a reprint), recorded as printed by ``actor``."""
    layout = layout_or_error(layout_name)
    event = registration.event
    line = answer_lines(event, [registration.id], "en").get(registration.id, "")
    pdf = render_badges_pdf([badge_data(registration, event, answer_line=line)], layout)
    _mark_printed(actor, [registration], layout.name, utcnow())
    _audit_prints(actor, event, [registration.id], layout.name)
    return pdf


def preview_pdf(event: Event, layout_name: str, registration: Registration | None) -> bytes:
    """One badge on the layout, not recorded: a real registration or a sample person."""
    layout = layout_or_error(layout_name)
    if registration is not None:
        line = answer_lines(event, [registration.id], "en").get(registration.id, "")
        data = badge_data(registration, event, answer_line=line)
    else:
        with force_locale("en"):
            dates = fmt_date_range(event.start_date, event.end_date, lang="en")
        data = BadgeData(
            registration_id=0,
            given_name="María José",
            family_name="Núñez Castillo",
            position=_("Deputy Attorney General"),
            affiliation=_("Office of the Attorney General"),
            event_name=localized(event, "title", "en"),
            event_dates=dates,
            qr_token=make_badge_token(current_app.config["SECRET_KEY"], 0, 1),
            logo_path=logo_path(event),
        )
    return render_badges_pdf([data], layout)


def reissue_badge(actor: Actor, registration: Registration) -> int:
    """Bump the badge token version: badges printed before no longer check in."""
    before = snapshot(registration)
    registration.badge_token_version += 1
    registration.badge_printed_at = None
    db.session.flush()
    record(
        actor,
        "badges.reissue",
        registration,
        summary=f"{registration.person.full_name}: badge v{registration.badge_token_version}",
        before=before,
        after=snapshot(registration),
    )
    return registration.badge_token_version
