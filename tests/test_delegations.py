"""Delegations: back office CRUD, head invitations, the head's portal and its isolation."""

from __future__ import annotations

import re

from eventsapp.auth.models import EventRole, EventRoleKind, User
from eventsapp.delegations.models import Delegation, DelegationStatus
from eventsapp.registration.models import RegistrationStatus
from tests.factories import (
    PASSWORD,
    grant,
    make_delegation,
    make_event,
    make_jurisdiction,
    make_person,
    make_registration,
    make_user,
)
from tests.registration_helpers import outbox, registration_of, signup_data


def _delegation_data(jurisdiction_id="", **overrides):
    data = {
        "jurisdiction_id": str(jurisdiction_id),
        "organization_id": "",
        "head_person_id": "",
        "seat_quota": "3",
        "status": "invited",
        "protocol_position": "",
    }
    data.update(overrides)
    return data


def _member_data(email, **overrides):
    data = signup_data(email, preferred_language="en")
    del data["delegation_id"]
    data.update(overrides)
    return data


def test_organizer_creates_edits_deletes_delegation(client, db, login, organizer, event):
    sonora = make_jurisdiction("Sonora")
    login(organizer)
    url = f"/manage/events/{event.slug}/delegations/"
    response = client.post(url + "new", data=_delegation_data(sonora.id, protocol_position="2"))
    assert response.status_code == 302, response.get_data(as_text=True)
    delegation = db.session.scalar(db.select(Delegation).where(Delegation.event_id == event.id))
    assert (delegation.name, delegation.seat_quota, delegation.protocol_position) == (
        "Sonora",
        3,
        2,
    )
    assert "Sonora" in client.get(url).get_data(as_text=True)
    client.post(url + f"{delegation.id}/edit", data=_delegation_data(sonora.id, status="confirmed"))
    db.session.expire_all()
    assert delegation.status is DelegationStatus.CONFIRMED
    client.post(url + f"{delegation.id}/delete")
    assert db.session.get(Delegation, delegation.id) is None


def test_delegation_needs_a_party_and_is_unique(client, db, login, organizer, event):
    existing = make_delegation(event)
    login(organizer)
    url = f"/manage/events/{event.slug}/delegations/new"
    html = client.post(url, data=_delegation_data("")).get_data(as_text=True)
    assert 'id="jurisdiction_id-error"' in html
    html = client.post(url, data=_delegation_data(existing.jurisdiction_id)).get_data(as_text=True)
    assert "already has a delegation" in html


def test_quota_cannot_go_below_members(client, db, login, organizer, event):
    delegation = make_delegation(event, seat_quota=3)
    for _ in range(2):
        make_registration(event, delegation_id=delegation.id)
    login(organizer)
    html = client.post(
        f"/manage/events/{event.slug}/delegations/{delegation.id}/edit",
        data=_delegation_data(delegation.jurisdiction_id, seat_quota="1"),
    ).get_data(as_text=True)
    assert 'id="seat_quota-error"' in html
    db.session.expire_all()
    assert delegation.seat_quota == 3


def _invite(client, event, delegation, email="head@example.org", lang="es"):
    return client.post(
        f"/manage/events/{event.slug}/delegations/{delegation.id}/invite",
        data={
            "email": email,
            "given_name": "Jesús",
            "family_name": "Ibáñez",
            "preferred_language": lang,
        },
    )


def _link(message) -> str:
    return re.search(r"http://events\.test(/invitation/\S+)", message.body_text).group(1)


def test_invitation_sets_password_and_grants_head_role(client, db, login, organizer, event):
    delegation = make_delegation(event)
    login(organizer)
    assert _invite(client, event, delegation).status_code == 302
    [message] = outbox("head@example.org")
    assert message.language == "es"
    link = _link(message)
    client.post("/logout")
    html = client.get(link).get_data(as_text=True)
    assert "head@example.org" in html
    response = client.post(link, data={"name": "Jesús", "password": PASSWORD, "confirm": PASSWORD})
    assert response.status_code == 302
    assert f"/my-delegation/{delegation.id}/" in response.headers["Location"]
    user = db.session.scalar(db.select(User).where(User.email == "head@example.org"))
    assert user.check_password(PASSWORD)
    role = db.session.scalar(db.select(EventRole).where(EventRole.user_id == user.id))
    assert (role.role, role.delegation_id) == (EventRoleKind.HEAD, delegation.id)
    db.session.expire_all()
    assert delegation.head.email == "head@example.org"


def test_invitation_expired_or_forged(client, db, login, organizer, event, app):
    from datetime import timedelta

    from eventsapp.auth.models import Invitation
    from eventsapp.db import utcnow

    delegation = make_delegation(event)
    login(organizer)
    _invite(client, event, delegation)
    link = _link(outbox("head@example.org")[0])
    assert client.get(link + "x").status_code == 400
    invitation = db.session.scalar(db.select(Invitation))
    invitation.expires_at = utcnow() - timedelta(seconds=1)
    db.session.commit()
    response = client.get(link)
    assert response.status_code == 400
    assert "expired" in response.get_data(as_text=True)


def test_invitation_for_replaced_head_is_invalid(client, db, login, organizer, event):
    delegation = make_delegation(event)
    login(organizer)
    _invite(client, event, delegation, "first@example.org")
    old_link = _link(outbox("first@example.org")[0])
    _invite(client, event, delegation, "second@example.org")
    assert client.get(old_link).status_code == 400


def _head_of(delegation, event, email):
    user = make_user(email)
    grant(user, event, EventRoleKind.HEAD, delegation)
    return user


def test_head_portal_add_edit_remove_confirm(client, db, login, event):
    delegation = make_delegation(event, seat_quota=2)
    head = _head_of(delegation, event, "head@example.org")
    login(head)
    base = f"/events/{event.slug}/my-delegation/{delegation.id}/"
    assert client.get(f"/events/{event.slug}/my-delegation/").status_code == 302
    assert client.post(base + "members/new", data=_member_data("m1@example.org")).status_code == 302
    assert client.post(base + "members/new", data=_member_data("m2@example.org")).status_code == 302
    html = client.post(base + "members/new", data=_member_data("m3@example.org")).get_data(
        as_text=True
    )
    assert "no seat left" in html
    assert registration_of(event, "m3@example.org") is None
    m1 = registration_of(event, "m1@example.org")
    assert (m1.delegation_id, m1.status) == (delegation.id, RegistrationStatus.CONFIRMED)
    page = client.get(base).get_data(as_text=True)
    assert "m1@example.org" in page and "2 of 2" in page
    client.post(
        base + f"members/{m1.id}/edit", data=_member_data("m1@example.org", family_name="Ortíz")
    )
    db.session.expire_all()
    assert m1.person.family_name == "Ortíz"
    client.post(base + f"members/{m1.id}/remove")
    db.session.expire_all()
    assert m1.status is RegistrationStatus.CANCELLED
    client.post(base + "confirm")
    db.session.expire_all()
    assert delegation.status is DelegationStatus.CONFIRMED
    from eventsapp.audit.models import AuditEntry

    actions = {
        a.action
        for a in db.session.scalars(db.select(AuditEntry).where(AuditEntry.user_id == head.id))
    }
    assert {"create", "update", "cancel", "confirm"} <= actions


def test_head_of_a_cannot_touch_b_nor_back_office(client, db, login, event):
    a = make_delegation(event)
    b = make_delegation(event)
    member_b = make_registration(event, make_person("b1@example.org"), delegation_id=b.id)
    head_a = _head_of(a, event, "heada@example.org")
    login(head_a)
    base_b = f"/events/{event.slug}/my-delegation/{b.id}/"
    assert client.get(base_b).status_code == 404
    assert (
        client.post(base_b + "members/new", data=_member_data("x@example.org")).status_code == 404
    )
    assert client.get(base_b + f"members/{member_b.id}/edit").status_code == 404
    assert client.post(base_b + f"members/{member_b.id}/remove").status_code == 404
    assert client.post(base_b + "confirm").status_code == 404
    # B's member through A's portal
    base_a = f"/events/{event.slug}/my-delegation/{a.id}/"
    assert client.get(base_a + f"members/{member_b.id}/edit").status_code == 404
    assert client.post(base_a + f"members/{member_b.id}/remove").status_code == 404
    assert "b1@example.org" not in client.get(base_a).get_data(as_text=True)
    db.session.expire_all()
    assert member_b.status is RegistrationStatus.CONFIRMED
    assert b.status is DelegationStatus.INVITED
    for path in (
        f"/manage/events/{event.slug}/",
        f"/manage/events/{event.slug}/registrations/",
        f"/manage/events/{event.slug}/registrations/{member_b.id}",
        f"/manage/events/{event.slug}/delegations/",
        f"/manage/events/{event.slug}/reports/",
        f"/manage/events/{event.slug}/outbox/",
        f"/manage/events/{event.slug}/registrations/export?format=csv",
    ):
        assert client.get(path).status_code == 403, path
    # a head of another event's delegation has no portal here
    other = make_event()
    assert client.get(f"/events/{other.slug}/my-delegation/").status_code == 403


def test_portal_requires_sign_in(client, db, event):
    delegation = make_delegation(event)
    response = client.get(f"/events/{event.slug}/my-delegation/{delegation.id}/")
    assert response.status_code == 302 and "/login" in response.headers["Location"]


def test_every_page_renders(client, db, login, organizer, event):
    delegation = make_delegation(event)
    registration = make_registration(event, delegation_id=delegation.id)
    login(organizer)
    _invite(client, event, delegation, "invitee@example.org")
    head = _head_of(delegation, event, "pages-head@example.org")  # after: inviting replaces
    message_id = outbox("invitee@example.org")[0].id
    for path in (
        f"/manage/events/{event.slug}/registrations/new",
        f"/manage/events/{event.slug}/registrations/{registration.id}/edit",
        f"/manage/events/{event.slug}/registrations/import",
        f"/manage/events/{event.slug}/registrations/export",
        f"/manage/events/{event.slug}/reports/",
        f"/manage/events/{event.slug}/delegations/new",
        f"/manage/events/{event.slug}/delegations/{delegation.id}/edit",
        f"/manage/events/{event.slug}/delegations/{delegation.id}/invite",
        f"/manage/events/{event.slug}/outbox/",
        f"/manage/events/{event.slug}/outbox/{message_id}",
        f"/manage/events/{event.slug}/outbox/?status=printed&q=invitee",
    ):
        response = client.get(path, headers={"Accept-Language": "es"})
        assert response.status_code == 200, path
    login(head)
    base = f"/events/{event.slug}/my-delegation/{delegation.id}/"
    for path in (base, base + "members/new", base + f"members/{registration.id}/edit"):
        assert client.get(path).status_code == 200, path
