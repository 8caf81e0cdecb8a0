"""Invitations and reset links as an attacker would try them: an organizer of another event
inviting the administrator's address, reading the outbox, replaying links; a replaced head
of delegation keeping the portal; the team page taking roles away."""

from __future__ import annotations

import re
from datetime import timedelta

import pytest

from eventsapp.auth.models import EventRole, EventRoleKind, Invitation, InvitationState, User
from eventsapp.db import utcnow
from eventsapp.mail.models import OutboxMessage
from tests.auth_helpers import client_of, last_link, sign_in, signed_in
from tests.factories import (
    PASSWORD,
    grant,
    make_delegation,
    make_event,
    make_person,
    make_registration,
    make_user,
)

ATTACKER_PASSWORD = "attacker chose this 42"


@pytest.fixture
def event_b(db):
    return make_event("summit-b")


@pytest.fixture
def organizer_b(db, event_b):
    user = make_user("organizer.b@example.org")
    grant(user, event_b, EventRoleKind.ORGANIZER)
    return user


def _invite_head(client, event, delegation, email, lang="en"):
    return client.post(
        f"/manage/events/{event.slug}/delegations/{delegation.id}/invite",
        data={
            "email": email,
            "given_name": "Ana",
            "family_name": "Head",
            "preferred_language": lang,
        },
    )


def _path(link: str) -> str:
    return link.split("events.test", 1)[1]


def _roles(db, user) -> list[EventRole]:
    db.session.expire_all()
    return list(db.session.scalars(db.select(EventRole).where(EventRole.user_id == user.id)))


def _portal(event, delegation) -> str:
    return f"/events/{event.slug}/my-delegation/{delegation.id}/"


# --- the takeover: another event's organizer invites the administrator --------------------
def test_invitation_to_an_existing_account_never_sets_its_password(
    client, db, login, admin, event_b, organizer_b
):
    delegation = make_delegation(event_b)
    login(organizer_b)
    assert _invite_head(client, event_b, delegation, "admin@example.org").status_code == 302
    link = _path(last_link(db))
    client.post("/logout")
    page = client.get(link).get_data(as_text=True)
    assert "already has an account" in page and 'name="password"' not in page
    client.post(
        link, data={"name": "x", "password": ATTACKER_PASSWORD, "confirm": ATTACKER_PASSWORD}
    )
    db.session.expire_all()
    assert admin.check_password(PASSWORD) and not admin.check_password(ATTACKER_PASSWORD)
    assert _roles(db, admin) == []
    assert sign_in(client, "admin@example.org", ATTACKER_PASSWORD).status_code == 200
    assert not signed_in(client)


def test_invitation_to_an_existing_account_is_refused_to_another_signed_in_user(
    client, db, login, admin, event_b, organizer_b
):
    delegation = make_delegation(event_b)
    login(organizer_b)
    _invite_head(client, event_b, delegation, "admin@example.org")
    link = _path(last_link(db))
    page = client.get(link).get_data(as_text=True)
    assert "You are signed in as organizer.b@example.org" in page
    client.post(link)
    assert _roles(db, admin) == []
    assert db.session.scalar(db.select(Invitation)).state is InvitationState.PENDING


def test_the_owner_accepts_by_signing_in_and_the_link_then_dies(
    client, db, login, admin, event_b, organizer_b
):
    delegation = make_delegation(event_b)
    login(organizer_b)
    _invite_head(client, event_b, delegation, "admin@example.org")
    link = _path(last_link(db))
    client.post("/logout")
    page = client.get(link).get_data(as_text=True)
    assert f'href="/login?next={link}"' in page or "next=%2Finvitation" in page
    response = client.post(
        "/login", data={"email": "admin@example.org", "password": PASSWORD, "next": link}
    )
    assert response.headers["Location"] == link
    assert "Accept the invitation" in client.get(link).get_data(as_text=True)
    response = client.post(link)
    assert response.headers["Location"].endswith(_portal(event_b, delegation))
    [role] = _roles(db, admin)
    assert (role.role, role.delegation_id) == (EventRoleKind.HEAD, delegation.id)
    assert admin.check_password(PASSWORD)
    again = client.get(link)
    assert again.status_code == 400 and "already accepted" in again.get_data(as_text=True)


# --- new addresses: the password is chosen once, the link is single-use and expires ------
def test_a_new_address_chooses_its_password_once(client, db, login, organizer, event):
    delegation = make_delegation(event)
    login(organizer)
    _invite_head(client, event, delegation, "new.head@example.org")
    link = _path(last_link(db))
    client.post("/logout")
    data = {"name": "New Head", "password": PASSWORD, "confirm": PASSWORD}
    assert client.post(link, data=data).status_code == 302
    assert client.get(_portal(event, delegation)).status_code == 200  # signed in
    db.session.rollback()  # end this session's read before another app writes (SQLite)
    other = client_of(client.application)
    replay = other.post(
        link, data=dict(data, password=ATTACKER_PASSWORD, confirm=ATTACKER_PASSWORD)
    )
    assert replay.status_code == 400
    user = db.session.scalar(db.select(User).where(User.email == "new.head@example.org"))
    db.session.refresh(user)
    assert user.check_password(PASSWORD)


def test_an_expired_invitation_creates_nothing(client, db, login, organizer, event):
    delegation = make_delegation(event)
    login(organizer)
    _invite_head(client, event, delegation, "late@example.org")
    link = _path(last_link(db))
    invitation = db.session.scalar(db.select(Invitation))
    assert invitation.expires_at - invitation.created_at == timedelta(days=7)
    invitation.expires_at = utcnow() - timedelta(minutes=1)
    db.session.commit()
    client.post("/logout")
    response = client.post(link, data={"name": "L", "password": PASSWORD, "confirm": PASSWORD})
    assert response.status_code == 400 and "expired" in response.get_data(as_text=True)
    assert db.session.scalar(db.select(User).where(User.email == "late@example.org")) is None


def test_invitation_lifetime_is_a_setting(app, client, db, login, organizer, event):
    app.config["INVITATION_MAX_AGE_DAYS"] = 2
    login(organizer)
    _invite_head(client, event, make_delegation(event), "soon@example.org")
    invitation = db.session.scalar(db.select(Invitation))
    assert invitation.expires_at - invitation.created_at == timedelta(days=2)
    assert "for 2 days" in db.session.scalar(db.select(OutboxMessage)).body_text


def test_only_the_digest_of_the_token_is_stored(client, db, login, organizer, event):
    import hashlib

    login(organizer)
    _invite_head(client, event, make_delegation(event), "digest@example.org")
    token = last_link(db).rsplit("/", 1)[1]
    invitation = db.session.scalar(db.select(Invitation))
    assert invitation.token_hash == hashlib.sha256(token.encode()).hexdigest()
    assert token not in invitation.token_hash


# --- the outbox shows that a link was sent, never the link --------------------------------
def test_the_outbox_page_masks_invitation_links(client, db, login, admin, event_b, organizer_b):
    delegation = make_delegation(event_b)
    login(organizer_b)
    _invite_head(client, event_b, delegation, "admin@example.org")
    link = last_link(db)
    token = link.rsplit("/", 1)[1]
    message = db.session.scalar(db.select(OutboxMessage))
    html = client.get(f"/manage/events/{event_b.slug}/outbox/{message.id}").get_data(as_text=True)
    assert token not in html
    assert "http://events.test/invitation/••••••" in html


def test_masking_covers_every_personal_link(app):
    from eventsapp.mail.manage import mask_personal_links

    body = (
        "https://events.test/events/summit-1/my-registration/AbC.dEf-123_x\n"
        "https://events.test/events/summit-1/my/AbC.dEf-123_x/visa-letter.pdf\n"
        "https://events.test/password/reset/Zz9_-xyz\n"
        "https://events.test/invitation/Qq1-2_3\n"
        "https://events.test/events/summit-1/agenda?token=abc123&lang=es\n"
        "https://events.test/events/summit-1/agenda\n"
    )
    masked = mask_personal_links(body)
    for secret in ("AbC.dEf-123_x", "Zz9_-xyz", "Qq1-2_3", "abc123"):
        assert secret not in masked
    assert "/events/summit-1/my-registration/••••••" in masked
    assert "/events/summit-1/my/••••••/visa-letter.pdf" in masked
    assert "https://events.test/events/summit-1/agenda\n" in masked  # not a personal link


# --- role changes take effect at once ---------------------------------------------------
def _delegation_with_head(event, email="old.head@example.org"):
    delegation = make_delegation(event)
    delegation.head_person_id = make_person(email, event=event).id
    user = make_user(email)
    grant(user, event, EventRoleKind.HEAD, delegation)
    return delegation, user


def test_a_replaced_head_loses_the_portal_at_once(app, client, db, login, organizer, event):
    delegation, old_head = _delegation_with_head(event)
    head_client = client_of(app)
    with head_client.session_transaction() as session:
        session["_user_id"] = old_head.session_token
    portal = _portal(event, delegation)
    db.session.rollback()  # end this session's read before another app opens one (SQLite)
    assert head_client.get(portal).status_code == 200
    new_person = make_registration(event).person
    login(organizer)
    response = client.post(
        f"/manage/events/{event.slug}/delegations/{delegation.id}/edit",
        data={
            "jurisdiction_id": str(delegation.jurisdiction_id),
            "organization_id": "",
            "head_person_id": str(new_person.id),
            "seat_quota": "5",
            "status": "invited",
            "protocol_position": "",
        },
    )
    assert response.status_code == 302, response.get_data(as_text=True)
    assert _roles(db, old_head) == []
    db.session.rollback()
    assert head_client.get(portal).status_code in (403, 404)


def test_inviting_another_head_removes_the_former_heads_role(client, db, login, organizer, event):
    delegation, old_head = _delegation_with_head(event)
    login(organizer)
    _invite_head(client, event, delegation, "first.invitee@example.org")
    first_link = _path(last_link(db))
    assert _roles(db, old_head) == []
    _invite_head(client, event, delegation, "second.invitee@example.org")
    client.post("/logout")
    replaced = client.get(first_link)
    assert replaced.status_code == 400 and "replaced" in replaced.get_data(as_text=True)


def test_team_page_lists_heads_and_revokes_a_head_after_confirmation(
    app, client, db, login, organizer, event
):
    delegation, head = _delegation_with_head(event)
    login(organizer)
    html = client.get(f"/manage/events/{event.slug}/team").get_data(as_text=True)
    assert "old.head@example.org" in html and delegation.name in html
    assert "Head of delegation" in html
    [role] = _roles(db, head)
    url = f"/manage/events/{event.slug}/team/{role.id}/remove"
    confirm = client.get(url).get_data(as_text=True)
    assert "will lose the role Head of delegation" in confirm
    assert _roles(db, head) != []  # the GET asked, nothing changed
    assert client.post(url).status_code == 302
    assert _roles(db, head) == []
    login(head)
    assert client.get(_portal(event, delegation)).status_code in (403, 404)


def test_removing_a_role_needs_the_csrf_token(app, client, db, login, organizer, event):
    _delegation, head = _delegation_with_head(event)
    [role] = _roles(db, head)
    app.config["WTF_CSRF_ENABLED"] = True
    login(organizer)
    response = client.post(f"/manage/events/{event.slug}/team/{role.id}/remove")
    assert response.status_code == 400
    assert _roles(db, head) != []


def test_an_organizer_of_b_cannot_revoke_a_role_of_a(client, db, login, event, organizer_b):
    _delegation, head = _delegation_with_head(event)
    [role] = _roles(db, head)
    login(organizer_b)
    response = client.post(f"/manage/events/{event.slug}/team/{role.id}/remove")
    assert response.status_code == 403
    assert _roles(db, head) != []


def test_pending_team_invitation_is_listed_and_withdrawn(client, db, login, organizer, event):
    login(organizer)
    client.post(
        f"/manage/events/{event.slug}/team",
        data={"email": "desk9@example.org", "role": "checkin", "name": ""},
    )
    link = _path(last_link(db))
    html = client.get(f"/manage/events/{event.slug}/team").get_data(as_text=True)
    assert "desk9@example.org" in html and "Invitations not yet accepted" in html
    invitation = db.session.scalar(db.select(Invitation))
    client.post(f"/manage/events/{event.slug}/team/invitations/{invitation.id}/withdraw")
    client.post("/logout")
    response = client.get(link)
    assert response.status_code == 400 and "withdrawn" in response.get_data(as_text=True)


# --- password-reset links: single use, superseded, expiring --------------------------------
def _reset_link(client, db, email):
    client.post("/password/forgot", data={"email": email})
    return _path(last_link(db))


def _flash_after(client, path) -> str:
    response = client.get(path, follow_redirects=True)
    return response.get_data(as_text=True)


def test_a_used_reset_link_says_so(client, db):
    make_user("r1@example.org")
    link = _reset_link(client, db, "r1@example.org")
    new = "a brand new password 7"
    assert client.post(link, data={"password": new, "confirm": new}).status_code == 302
    assert "This link was already used." in _flash_after(client, link)


def test_a_newer_reset_link_supersedes_the_older(client, db):
    user = make_user("r2@example.org")
    first = _reset_link(client, db, "r2@example.org")
    _reset_link(client, db, "r2@example.org")
    client.post(first, data={"password": ATTACKER_PASSWORD, "confirm": ATTACKER_PASSWORD})
    db.session.refresh(user)
    assert user.check_password(PASSWORD)
    assert "A newer link was sent after this one" in _flash_after(client, first)


def test_an_expired_reset_link_says_so(client, db):
    from eventsapp.auth.models import PasswordReset

    make_user("r3@example.org")
    link = _reset_link(client, db, "r3@example.org")
    reset = db.session.scalar(db.select(PasswordReset))
    assert reset.expires_at - reset.created_at == timedelta(hours=2)
    reset.expires_at = utcnow() - timedelta(seconds=1)
    db.session.commit()
    assert "This link has expired." in _flash_after(client, link)
    assert re.fullmatch(r"[0-9a-f]{64}", reset.token_hash)
