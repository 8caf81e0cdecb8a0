"""Shared reference lists are administrators' (issue 11): organizers only pick from the
jurisdictions and organizations; a registrant's organization that is not listed is typed
as free text, and an organizer maps it to a listed one later."""

from __future__ import annotations

import csv
import io

from eventsapp.audit.models import AuditEntry
from eventsapp.auth.models import EventRoleKind
from eventsapp.events.models import Jurisdiction, Organization
from eventsapp.extensions import db as _db
from tests.factories import grant, make_delegation, make_jurisdiction, make_registration, make_user
from tests.registration_helpers import registration_of, signup_data


def _organization(name="Fiscalía General de Sonora"):
    row = Organization(name=name, acronym="FGS")
    _db.session.add(row)
    _db.session.commit()
    return row


def _signup(client, event, email, **fields):
    data = signup_data(email)
    data.pop("delegation_id")
    data.update(fields)
    return client.post(f"/events/{event.slug}/register", data=data)


def test_an_organizer_cannot_rename_or_delete_shared_lists(client, db, login, organizer):
    jurisdiction = make_jurisdiction("Sonora")
    organization = _organization()
    login(organizer)
    for url in (
        "/manage/jurisdictions/",
        "/manage/organizations/",
        "/manage/jurisdictions/new",
        "/manage/organizations/new",
    ):
        assert client.get(url).status_code == 403, url
    edits = {
        f"/manage/jurisdictions/{jurisdiction.id}/edit": {"name": "Renamed", "kind": "us_state"},
        f"/manage/organizations/{organization.id}/edit": {"name": "Renamed"},
        f"/manage/jurisdictions/{jurisdiction.id}/delete": {},
        f"/manage/organizations/{organization.id}/delete": {},
    }
    for url, data in edits.items():
        assert client.post(url, data=data).status_code == 403, url
    db.session.expire_all()
    assert db.session.get(Jurisdiction, jurisdiction.id).name == "Sonora"
    assert db.session.get(Organization, organization.id).name == "Fiscalía General de Sonora"
    assert "/manage/jurisdictions/" not in client.get("/manage/").get_data(as_text=True)


def test_an_administrator_edits_shared_lists(client, db, login, admin):
    organization = _organization()
    login(admin)
    assert "/manage/organizations/" in client.get("/manage/").get_data(as_text=True)
    response = client.post(
        f"/manage/organizations/{organization.id}/edit",
        data={"name": "Fiscalía de Sonora", "acronym": "FGS", "jurisdiction_id": ""},
    )
    assert response.status_code == 302, response.get_data(as_text=True)
    db.session.expire_all()
    assert organization.name == "Fiscalía de Sonora"


def test_organizers_still_pick_from_the_lists(client, db, login, organizer, event):
    _organization()
    make_jurisdiction("Sonora")
    login(organizer)
    html = client.get(f"/manage/events/{event.slug}/registrations/new").get_data(as_text=True)
    assert "Fiscalía General de Sonora" in html and "Sonora" in html


def test_a_registrant_types_an_organization_not_listed(client, db, event):
    html = client.get(f"/events/{event.slug}/register").get_data(as_text=True)
    assert "My organization is not listed" in html
    assert (
        _signup(
            client, event, "ana@example.org", organization_other="  Fiscalía Municipal de Nogales "
        ).status_code
        == 302
    )
    person = registration_of(event, "ana@example.org").person
    assert (person.organization_id, person.organization_other) == (
        None,
        "Fiscalía Municipal de Nogales",
    )


def test_a_listed_and_a_typed_organization_together_is_an_error(client, db, event):
    organization = _organization()
    html = _signup(
        client,
        event,
        "ana@example.org",
        organization_id=str(organization.id),
        organization_other="Something else",
    ).get_data(as_text=True)
    assert 'id="organization_other-error"' in html
    assert registration_of(event, "ana@example.org") is None


def test_a_head_can_type_a_members_organization(client, db, login, event):
    delegation = make_delegation(event, seat_quota=3)
    head = make_user("head@example.org")
    grant(head, event, EventRoleKind.HEAD, delegation)
    login(head)
    data = signup_data("member@example.org", organization_other="Policía Estatal")
    del data["delegation_id"]
    url = f"/events/{event.slug}/my-delegation/{delegation.id}/members/new"
    assert client.post(url, data=data).status_code == 302
    assert registration_of(event, "member@example.org").person.organization_other == (
        "Policía Estatal"
    )


def test_organizer_sees_the_typed_organization_and_maps_it(client, db, login, organizer, event):
    organization = _organization()
    registration = make_registration(event)
    registration.person.organization_other = "Fiscalia Gral. Sonora"
    db.session.commit()
    login(organizer)
    detail = f"/manage/events/{event.slug}/registrations/{registration.id}"
    html = client.get(detail).get_data(as_text=True)
    assert "Fiscalia Gral. Sonora" in html and "Map to this organization" in html
    export = client.get(f"/manage/events/{event.slug}/registrations/export?format=csv")
    rows = list(csv.DictReader(io.StringIO(export.get_data().decode("utf-8-sig"))))
    assert rows[0]["organization_other"] == "Fiscalia Gral. Sonora"

    assert (
        client.post(
            detail + "/organization", data={"organization_id": str(organization.id)}
        ).status_code
        == 302
    )
    db.session.expire_all()
    person = registration.person
    assert (person.organization_id, person.organization_other) == (organization.id, "")
    entry = db.session.scalars(
        db.select(AuditEntry).where(AuditEntry.action == "map_organization")
    ).one()
    assert (entry.event_id, entry.user_id) == (event.id, organizer.id)
    assert "Fiscalia Gral. Sonora" in entry.summary
    assert "Map to this organization" not in client.get(detail).get_data(as_text=True)


def test_mapping_without_a_choice_changes_nothing(client, db, login, organizer, event):
    registration = make_registration(event)
    registration.person.organization_other = "Typed"
    db.session.commit()
    login(organizer)
    url = f"/manage/events/{event.slug}/registrations/{registration.id}/organization"
    response = client.post(url, data={"organization_id": "999999"}, follow_redirects=True)
    assert "Choose an organization from the list." in response.get_data(as_text=True)
    db.session.expire_all()
    assert (registration.person.organization_id, registration.person.organization_other) == (
        None,
        "Typed",
    )
