"""The Overview's delegations panel: seats used per delegation against its quota (one SQL
statement)."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import and_, func

from eventsapp.delegations.models import Delegation
from eventsapp.events.dashboard import add_dashboard_panel
from eventsapp.events.models import Event, Jurisdiction, Organization
from eventsapp.extensions import db
from eventsapp.places import place_name
from eventsapp.registration.models import SEAT_HOLDING, Registration


def delegations_panel(event: Event, _now: datetime) -> dict[str, Any] | None:
    rows = db.session.execute(
        db.select(
            Delegation.id,
            Jurisdiction.name,
            Organization.name,
            Delegation.seat_quota,
            func.count(Registration.id),
        )
        .outerjoin(Jurisdiction, Jurisdiction.id == Delegation.jurisdiction_id)
        .outerjoin(Organization, Organization.id == Delegation.organization_id)
        .outerjoin(
            Registration,
            and_(
                Registration.delegation_id == Delegation.id,
                Registration.status.in_(SEAT_HOLDING),
            ),
        )
        .where(Delegation.event_id == event.id)
        .group_by(Delegation.id, Jurisdiction.name, Organization.name, Delegation.seat_quota)
    ).all()
    if not rows:
        return None
    delegations = sorted(
        (
            {
                "id": id_,
                "label": place_name(jurisdiction) or organization or "",
                "value": used,
                "total": quota,
            }
            for id_, jurisdiction, organization, quota, used in rows
        ),
        key=lambda d: d["label"].casefold(),
    )
    return {
        "delegations": delegations,
        "used": sum(d["value"] for d in delegations),
        "quota": sum(d["total"] for d in delegations),
        "full": sum(1 for d in delegations if d["value"] >= d["total"]),
    }


add_dashboard_panel("delegations", 20, "delegations/_dashboard.html", delegations_panel)
