"""A registrant's organization that is not in the shared list: typed by them
(``Person.organization_other``), mapped by an organizer to a listed one later."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l

from eventsapp.actor import Actor
from eventsapp.audit.services import record, snapshot
from eventsapp.errors import DomainError
from eventsapp.events.models import Organization
from eventsapp.extensions import db
from eventsapp.registration.models import Registration


def map_organization(actor: Actor, registration: Registration, organization_id: int) -> None:
    """The person's typed organization becomes the listed ``organization_id``."""
    organization = db.session.get(Organization, organization_id)
    if organization is None:
        raise DomainError(_l("Choose an organization from the list."), field="organization_id")
    person = registration.person
    before = snapshot(person)
    typed = person.organization_other
    person.organization_id = organization.id
    person.organization_other = ""
    db.session.flush()
    record(
        actor,
        "map_organization",
        person,
        summary=f"{typed} -> {organization.name}",
        before=before,
        after=snapshot(person),
    )
