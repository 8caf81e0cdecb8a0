"""Tent cards for plenary tables: who gets one, in what order, and the back-office download.

Protocol order, the same as the printed program's participant list (queries.py): the
delegations in the event's protocol order (alphabetical by jurisdiction or organization,
or the organizers' manual positions); within a delegation its head first, then by role
and family name; people without a delegation last. Cards go to confirmed registrations
except staff and press, who sit at no plenary table.
"""

from __future__ import annotations

from typing import Any

from flask import Blueprint, abort, request
from flask.typing import ResponseReturnValue
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from sqlalchemy.orm import selectinload
from wtforms import SelectField

from eventsapp.auth.permissions import event_object_or_404, organizer_required
from eventsapp.delegations.models import Delegation
from eventsapp.documents.forms import PAPER_LABELS
from eventsapp.documents.queries import (
    ROLE_ORDER,
    _delegation_key,
    display_name,
    name_key,
    plain,
)
from eventsapp.documents.tent_cards import TentCard, render_tent_cards
from eventsapp.documents.views import pdf_response
from eventsapp.events.models import Event
from eventsapp.extensions import db
from eventsapp.forms import FlaskForm, IdSelectField
from eventsapp.i18n import current_language, localized
from eventsapp.places import place_choices, place_name
from eventsapp.registration.models import (
    Person,
    Registration,
    RegistrationRole,
    RegistrationStatus,
)

bp = Blueprint("tent_cards_manage", __name__, url_prefix="/manage/events/<slug>/documents")

NO_TABLE_ROLES = (RegistrationRole.STAFF, RegistrationRole.PRESS)


class TentCardsForm(FlaskForm):
    """Read-only download options (sent by GET, so no CSRF token)."""

    class Meta:
        csrf = False

    delegation_id = IdSelectField(_l("Delegation"), blank=_l("All delegations"))
    paper = SelectField(_l("Paper"), choices=list(PAPER_LABELS.items()), default="letter")


def _delegations(event: Event) -> list[Delegation]:
    items = db.session.scalars(
        db.select(Delegation)
        .where(Delegation.event_id == event.id)
        .options(selectinload(Delegation.jurisdiction), selectinload(Delegation.organization))
    ).all()
    return sorted(items, key=lambda d: plain(d.name))


def tent_cards_form(event: Event, formdata: Any = None) -> TentCardsForm:
    form = TentCardsForm(formdata=formdata)
    form.delegation_id.set_choices(place_choices(_delegations(event)))
    return form


def tent_cards_for(event: Event, delegation: Delegation | None = None) -> list[TentCard]:
    """One card per confirmed registration (staff and press excepted), protocol order."""
    query = (
        db.select(Registration)
        .where(
            Registration.event_id == event.id,
            Registration.status == RegistrationStatus.CONFIRMED,
            Registration.role.not_in(NO_TABLE_ROLES),
        )
        .options(
            selectinload(Registration.person).selectinload(Person.organization),
            selectinload(Registration.delegation).selectinload(Delegation.jurisdiction),
            selectinload(Registration.delegation).selectinload(Delegation.organization),
        )
    )
    if delegation is not None:
        query = query.where(Registration.delegation_id == delegation.id)

    delegation_key = _delegation_key(event)

    def order(r: Registration) -> tuple[Any, ...]:
        d = r.delegation
        return (
            d is None,
            delegation_key(d) if d else (False, 0, ""),
            d is None or r.person_id != d.head_person_id,
            ROLE_ORDER[r.role],
            name_key(r.person),
            r.id,
        )

    cards = []
    for registration in sorted(db.session.scalars(query), key=order):
        person = registration.person
        organization = getattr(person.organization, "name", "")
        detail = (
            place_name(registration.delegation.name) if registration.delegation else organization
        )
        cards.append(TentCard(display_name(person), detail or ""))
    return cards


@bp.app_context_processor
def _inject_form() -> dict[str, Any]:
    return {"tent_cards_form": tent_cards_form}


@bp.route("/tent-cards.pdf")
@organizer_required
def tent_cards_pdf(event: Event) -> ResponseReturnValue:
    form = tent_cards_form(event, request.args)
    if not form.validate():
        abort(400)
    delegation = None
    if form.delegation_id.data:
        delegation = event_object_or_404(Delegation, event, form.delegation_id.data)
    cards = tent_cards_for(event, delegation)
    title = _("Tent cards: %(event)s", event=localized(event, "title"))
    pdf = render_tent_cards(cards, paper=form.paper.data, title=title, lang=current_language())
    stem = f"tent-cards-{event.slug}" + (f"-{delegation.id}" if delegation else "")
    return pdf_response(pdf, f"{stem}.pdf")
