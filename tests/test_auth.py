"""Sign-in, password reset, team accounts, rate limits."""

import re

import pytest

from eventsapp.auth.models import EventRole, User
from eventsapp.mail.models import OutboxMessage
from tests.factories import PASSWORD, make_user


def _last_link(db) -> str:
    message = db.session.scalars(db.select(OutboxMessage).order_by(OutboxMessage.id.desc())).first()
    return re.search(r"https?://\S+", message.body_text).group(0)


def test_password_reset_flow_is_single_use(client, db):
    user = make_user("reset@example.org", password="the old password 1")
    response = client.post("/password/forgot", data={"email": "reset@example.org"})
    assert response.status_code == 302
    link = _last_link(db)
    assert link.startswith("http://events.test/password/reset/")
    path = link.split("events.test", 1)[1]
    form = client.get(path)
    assert "Set a new password" in form.get_data(as_text=True)
    done = client.post(
        path, data={"password": "the new password 22", "confirm": "the new password 22"}
    )
    assert done.status_code == 302
    db.session.refresh(user)
    assert user.check_password("the new password 22")
    again = client.post(
        path, data={"password": "another password 333", "confirm": "another password 333"}
    )
    assert again.status_code == 302 and "/password/forgot" in again.headers["Location"]
    db.session.refresh(user)
    assert user.check_password("the new password 22")


def test_reset_refuses_short_password_next_to_field(client, db):
    make_user("short@example.org")
    client.post("/password/forgot", data={"email": "short@example.org"})
    path = _last_link(db).split("events.test", 1)[1]
    html = client.post(path, data={"password": "tooshort", "confirm": "tooshort"}).get_data(
        as_text=True
    )
    assert "Use at least 12 characters." in html


def test_forgot_password_says_the_same_for_unknown_address(client, db):
    response = client.post(
        "/password/forgot", data={"email": "nobody@example.org"}, follow_redirects=True
    )
    assert "If an account exists for this address" in response.get_data(as_text=True)
    assert db.session.scalar(db.select(OutboxMessage)) is None


def test_forged_reset_token_is_refused(client, db):
    response = client.get("/password/reset/not-a-token")
    assert response.status_code == 302


def test_new_team_member_gets_an_invitation_naming_event_role_and_inviter(
    client, login, organizer, event, db
):
    organizer.name = "Olga Organizer"
    db.session.commit()
    login(organizer)
    response = client.post(
        f"/manage/events/{event.slug}/team",
        data={"email": "desk1@example.org", "role": "checkin", "name": "Desk"},
    )
    assert response.status_code == 302
    # No account until the invitation is accepted, and no "reset your password" mail.
    assert db.session.scalar(db.select(User).where(User.email == "desk1@example.org")) is None
    message = db.session.scalars(db.select(OutboxMessage)).one()
    assert message.recipient == "desk1@example.org"
    assert "/password/reset/" not in message.body_text
    assert (
        "Olga Organizer invites you to the team of Western Attorneys General Summit as "
        "Check-in staff." in message.body_text
    )
    path = _last_link(db).split("events.test", 1)[1]
    assert path.startswith("/invitation/")
    client.post("/logout")
    done = client.post(path, data={"name": "Desk One", "password": PASSWORD, "confirm": PASSWORD})
    assert done.status_code == 302
    user = db.session.scalar(db.select(User).where(User.email == "desk1@example.org"))
    assert user.check_password(PASSWORD) and user.name == "Desk One"
    grant = db.session.scalar(db.select(EventRole).where(EventRole.user_id == user.id))
    assert grant.role.value == "checkin" and grant.event_id == event.id


def test_existing_account_added_to_the_team_is_told_by_whom(client, login, organizer, event, db):
    make_user("desk2@example.org")
    login(organizer)
    client.post(
        f"/manage/events/{event.slug}/team",
        data={"email": "desk2@example.org", "role": "organizer", "name": ""},
    )
    message = db.session.scalars(db.select(OutboxMessage)).one()
    assert (
        "organizer@example.org added you to the team of Western Attorneys General "
        "Summit as Organizer." in message.body_text
    )
    assert "/invitation/" not in message.body_text and "/password/" not in message.body_text


def test_login_is_rate_limited_per_account(app, db):
    from eventsapp import create_app

    limited = create_app(dict(app.config, RATELIMIT_ENABLED=True))
    limited.test_client_class = app.test_client_class
    client = limited.test_client()
    make_user("target@example.org")

    def attempt(address):
        return client.post(
            "/login",
            data={"email": "target@example.org", "password": "x" * 12},
            environ_base={"REMOTE_ADDR": address},
        )

    codes = [attempt(f"10.0.0.{i}").status_code for i in range(6)]
    assert codes == [200] * 5 + [429]
    refused = attempt("10.0.1.1")
    assert refused.status_code == 429
    assert "Please wait a moment and try again." in refused.get_data(as_text=True)


@pytest.fixture
def hasher_calls(monkeypatch):
    """Every password-hash check, wherever it runs (the user model and the services)."""
    from werkzeug import security

    from eventsapp.auth import models, services

    calls = []

    def spy(pwhash, password):
        calls.append(pwhash)
        return security.check_password_hash(pwhash, password)

    monkeypatch.setattr(models, "check_password_hash", spy)
    monkeypatch.setattr(services, "check_password_hash", spy)
    return calls


@pytest.mark.parametrize("case", ["unknown", "inactive", "no password", "wrong password"])
def test_sign_in_runs_one_password_hash_whatever_the_account(client, db, hasher_calls, case):
    user = make_user("known@example.org")
    if case == "inactive":
        user.active = False
    if case == "no password":
        user.password_hash = ""
    db.session.commit()
    email = "nobody@example.org" if case == "unknown" else "known@example.org"
    response = client.post("/login", data={"email": email, "password": "wrong password 123"})
    assert "Unknown e-mail or wrong password." in response.get_data(as_text=True)
    assert len(hasher_calls) == 1


def test_forgot_password_takes_the_same_steps_for_unknown_addresses(client, db, monkeypatch):
    """No password hash on either path (a dummy one would make unknown addresses the slow
    ones); both draw a token and render the message, only a known one stores and sends it."""
    from eventsapp.auth import models, passwords

    make_user("known@example.org")
    steps = []
    real_token, real_render = models.new_link_token, passwords.external_url
    monkeypatch.setattr(passwords, "new_link_token", lambda: steps.append("token") or real_token())
    monkeypatch.setattr(
        passwords, "external_url", lambda *a, **k: steps.append("link") or real_render(*a, **k)
    )
    for email in ("known@example.org", "nobody@example.org"):
        steps.clear()
        client.post("/password/forgot", data={"email": email})
        assert steps == ["token", "link"], email
    assert db.session.scalar(db.select(db.func.count(OutboxMessage.id))) == 1
