"""Sessions: a fresh one at sign-in, sign-out ends every session of the user, the idle
timeout, and the session cookie's flags."""

import time

import pytest
from flask import g

from eventsapp.auth.sessions import LAST_SEEN_KEY, SESSION_ID_KEY, STARTED_KEY
from tests.auth_helpers import client_of, sign_in, signed_in
from tests.factories import make_user


def _session(client) -> dict:
    with client.session_transaction() as session:
        return dict(session)


def test_sign_in_starts_a_new_session_keeping_only_the_language(client, db):
    make_user("me@example.org")
    client.post("/language", data={"lang": "es", "next": "/"})
    with client.session_transaction() as session:
        session["planted"] = "by someone else"  # e.g. a fixated session
        session["csrf_token"] = "known-token"
    assert sign_in(client, "me@example.org").status_code == 302
    after = _session(client)
    assert "planted" not in after and after.get("csrf_token") != "known-token"
    assert after["lang"] == "es"
    first_id = after[SESSION_ID_KEY]
    client.post("/logout")
    sign_in(client, "me@example.org")
    assert _session(client)[SESSION_ID_KEY] != first_id


def test_sign_in_with_csrf_on_gives_a_new_csrf_token(app, client, db):
    make_user("me@example.org")
    app.config["WTF_CSRF_ENABLED"] = True
    anonymous_token = _form_token(client, "/login")
    before = _session(client)["csrf_token"]
    response = client.post(
        "/login",
        data={
            "email": "me@example.org",
            "password": "correct horse battery staple",
            "csrf_token": anonymous_token,
        },
    )
    assert response.status_code == 302
    new_token = _form_token(client, "/account/password")
    assert _session(client).get("csrf_token") not in (None, before)
    data = {"current_password": "x", "password": "y", "confirm": "y"}
    stale = client.post("/account/password", data=dict(data, csrf_token=anonymous_token))
    assert stale.status_code == 400
    fresh = client.post("/account/password", data=dict(data, csrf_token=new_token))
    assert fresh.status_code == 200


def _form_token(client, path):
    g.pop("csrf_token", None)
    html = client.get(path).get_data(as_text=True)
    return html.split('name="csrf_token" type="hidden" value="', 1)[1].split('"', 1)[0]


def test_sign_out_ends_the_other_sessions_of_the_user(app, client, db):
    user = make_user("me@example.org")
    laptop, phone = client, app.test_client()
    bystander = app.test_client()
    make_user("other@example.org")
    for c, email in (
        (laptop, "me@example.org"),
        (phone, "me@example.org"),
        (bystander, "other@example.org"),
    ):
        sign_in(c, email)
        assert signed_in(c)
    token = user.session_token
    response = laptop.post("/logout", follow_redirects=True)
    assert "Signed out." in response.get_data(as_text=True)
    db.session.refresh(user)
    assert user.session_token != token
    assert not signed_in(laptop)
    assert not signed_in(phone)
    assert signed_in(bystander)
    sign_in(phone, "me@example.org")
    assert signed_in(phone)


def test_sign_out_keeps_the_language(client, db):
    make_user("me@example.org")
    client.post("/language", data={"lang": "es", "next": "/"})
    sign_in(client, "me@example.org")
    client.post("/logout")
    session = _session(client)
    assert session["lang"] == "es"
    assert "_user_id" not in session and SESSION_ID_KEY not in session


def _idle_for(client, seconds):
    with client.session_transaction() as session:
        session[LAST_SEEN_KEY] = int(time.time()) - seconds


def test_idle_session_is_signed_out_with_a_clear_message(client, db):
    make_user("me@example.org")
    sign_in(client, "me@example.org")
    _idle_for(client, 61 * 60)
    response = client.get("/manage/")
    assert response.status_code == 302
    assert response.headers["Location"].startswith("/login?next=")
    page = client.get(response.headers["Location"]).get_data(as_text=True)
    assert "You were signed out after 60 minutes without activity." in page
    assert "Please sign in to see this page." not in page
    assert "_user_id" not in _session(client)
    assert not signed_in(client)


def test_idle_timeout_on_a_public_page_signs_out_and_says_so(client, db):
    make_user("me@example.org")
    sign_in(client, "me@example.org")
    _idle_for(client, 61 * 60)
    page = client.get("/").get_data(as_text=True)
    assert "You were signed out after 60 minutes without activity." in page
    assert not signed_in(client)


def test_activity_within_the_limit_keeps_the_session_and_is_noted(client, db):
    make_user("me@example.org")
    sign_in(client, "me@example.org")
    _idle_for(client, 59 * 60)
    assert signed_in(client)
    last_seen = _session(client)[LAST_SEEN_KEY]
    assert int(time.time()) - last_seen < 59 * 60
    _idle_for(client, 59 * 60)
    assert signed_in(client)


def test_idle_timeout_is_configurable(app, client, db):
    app.config["IDLE_TIMEOUT_MINUTES"] = 5
    make_user("me@example.org")
    sign_in(client, "me@example.org")
    _idle_for(client, 6 * 60)
    client.get("/manage/")
    page = client.get("/login").get_data(as_text=True)
    assert "after 5 minutes without activity" in page


def _cookie_header(response, name="session") -> str:
    cookies = [c for c in response.headers.getlist("Set-Cookie") if c.startswith(name + "=")]
    assert cookies, response.headers
    return cookies[-1]


def test_session_cookie_is_httponly_and_lax_and_not_secure_over_http(client, db):
    make_user("me@example.org")
    response = sign_in(client, "me@example.org")
    cookie = _cookie_header(response)
    assert "HttpOnly" in cookie and "SameSite=Lax" in cookie
    assert "Secure" not in cookie
    assert not any(c.startswith("remember_token") for c in response.headers.getlist("Set-Cookie"))


def test_session_cookie_is_secure_over_https(client, db):
    make_user("me@example.org")
    response = sign_in(client, "me@example.org", base_url="https://events.test")
    cookie = _cookie_header(response)
    assert "Secure" in cookie and "HttpOnly" in cookie and "SameSite=Lax" in cookie
    assert "Strict-Transport-Security" in response.headers


def test_session_cookie_is_secure_when_configured(app, client, db):
    app.config["SESSION_COOKIE_SECURE"] = True
    make_user("me@example.org")
    assert "Secure" in _cookie_header(sign_in(client, "me@example.org"))


@pytest.mark.parametrize(("proxies", "secure"), [(0, False), (1, True)])
def test_forwarded_proto_is_trusted_only_behind_configured_proxies(app, db, proxies, secure):
    client = client_of(app, TRUSTED_PROXIES=proxies)
    make_user("me@example.org")
    forwarded = {"X-Forwarded-Proto": "https", "X-Forwarded-For": "1.2.3.4"}
    response = sign_in(client, "me@example.org", headers=forwarded)
    assert ("Secure" in _cookie_header(response)) is secure


def test_production_defaults_secure_cookies_and_idle_timeout():
    from eventsapp.config import ProductionConfig

    assert ProductionConfig.SESSION_COOKIE_SECURE is True
    assert ProductionConfig.REMEMBER_COOKIE_SECURE is True
    assert ProductionConfig.SESSION_COOKIE_HTTPONLY is True
    assert ProductionConfig.SESSION_COOKIE_SAMESITE == "Lax"
    assert ProductionConfig.IDLE_TIMEOUT_MINUTES == 60


def _started_ago(client, seconds):
    with client.session_transaction() as session:
        session[STARTED_KEY] = int(time.time()) - seconds


def test_an_active_session_ends_12_hours_after_sign_in(client, db):
    make_user("me@example.org")
    sign_in(client, "me@example.org")
    _started_ago(client, 12 * 3600 - 60)
    assert signed_in(client)  # active all along, still within 12 hours
    _started_ago(client, 12 * 3600 + 60)
    _idle_for(client, 10)  # active a moment ago: the lifetime counts from sign-in anyway
    response = client.get("/manage/")
    assert response.status_code == 302 and response.headers["Location"].startswith("/login")
    page = client.get(response.headers["Location"]).get_data(as_text=True)
    assert "You were signed out 12 hours after signing in." in page
    assert "_user_id" not in _session(client)
    assert not signed_in(client)


def test_session_lifetime_is_configurable(app, client, db):
    app.config["SESSION_ABSOLUTE_HOURS"] = 1
    make_user("me@example.org")
    sign_in(client, "me@example.org")
    _started_ago(client, 3600 + 5)
    assert not signed_in(client)


def test_sign_in_notes_when_the_session_started(client, db):
    make_user("me@example.org")
    sign_in(client, "me@example.org")
    assert int(time.time()) - _session(client)[STARTED_KEY] < 5


def test_absolute_lifetime_defaults_to_12_hours():
    from eventsapp.config import Config

    assert Config.SESSION_ABSOLUTE_HOURS == 12
