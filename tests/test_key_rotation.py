"""SECRET_KEY rotated: with the former key in SECRET_KEY_FALLBACKS, printed badges still scan
and e-mailed personal links still open; anything new is signed with the new key; a token
signed with a key the site never had opens nothing."""

from __future__ import annotations

import pytest
from itsdangerous import URLSafeSerializer

from eventsapp.badges.services import badge_data
from eventsapp.badges.tokens import make_badge_token, parse_badge_token
from eventsapp.registration.links import SALT, registration_token
from eventsapp.signing import signing_keys
from tests.checkin_helpers import make_staff
from tests.factories import make_person, make_registration

OLD = "the-key-the-badges-were-printed-with-0001"
NEW = "the-new-key-after-the-rotation-000000002"
STRANGER = "a-key-this-site-never-had-00000000000003"


@pytest.fixture
def rotated(app):
    app.config.update(SECRET_KEY=NEW, SECRET_KEY_FALLBACKS=[OLD])
    return app


def scan(client, event, token: str) -> dict:
    return client.post(f"/api/events/{event.slug}/checkin", json={"token": token}).get_json()


def test_a_badge_printed_with_the_old_key_still_scans(rotated, client, login, event, db):
    registration = make_registration(event, make_person(given_name="Marisol"))
    printed = make_badge_token(OLD, registration.id, registration.badge_token_version)
    forged = make_badge_token(STRANGER, registration.id, registration.badge_token_version)
    login(make_staff(event, "desk@example.org"))
    refused = scan(client, event, forged)
    assert refused["state"] == "unknown"
    admitted = scan(client, event, printed)
    assert admitted["state"] == "checked_in" and "Marisol" in str(admitted)


def test_new_badges_are_signed_with_the_current_key(rotated, event):
    registration = make_registration(event)
    token = badge_data(registration, event).qr_token
    assert parse_badge_token(NEW, token) is not None
    assert parse_badge_token(OLD, token) is None


def test_a_personal_link_mailed_before_the_rotation_still_opens(rotated, client, event, db):
    registration = make_registration(event, make_person(given_name="Marisol"))
    payload = [registration.id, registration.access_key]
    mailed = URLSafeSerializer(OLD, salt=SALT).dumps(payload)
    forged = URLSafeSerializer(STRANGER, salt=SALT).dumps(payload)
    opened = client.get(f"/events/{event.slug}/my-registration/{mailed}")
    assert opened.status_code == 200 and "Marisol" in opened.get_data(as_text=True)
    refused = client.get(f"/events/{event.slug}/my-registration/{forged}")
    assert refused.status_code != 200 and "Marisol" not in refused.get_data(as_text=True)
    # A link sent now is signed with the new key alone.
    fresh = registration_token(registration)
    assert URLSafeSerializer(NEW, salt=SALT).loads(fresh) == payload
    with pytest.raises(Exception, match="Signature"):
        URLSafeSerializer(OLD, salt=SALT).loads(fresh)


def test_fallbacks_come_from_a_comma_separated_setting(monkeypatch):
    import importlib

    import eventsapp.config as config_module

    monkeypatch.setenv("SECRET_KEY_FALLBACKS", f" {OLD} , older-key ,")
    reloaded = importlib.reload(config_module)
    try:
        assert reloaded.Config.SECRET_KEY_FALLBACKS == [OLD, "older-key"]
    finally:
        monkeypatch.delenv("SECRET_KEY_FALLBACKS")
        importlib.reload(config_module)
    # itsdangerous signs with the last key and accepts any: the current key goes last.
    assert signing_keys({"SECRET_KEY": NEW, "SECRET_KEY_FALLBACKS": [OLD, "older-key"]}) == [
        "older-key",
        OLD,
        NEW,
    ]
