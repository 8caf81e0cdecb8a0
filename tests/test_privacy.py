"""Issue 11, privacy lifecycle: the notice and consent. Retention, download and erasure are
tested in test_privacy_retention.py and test_privacy_rights.py."""

from __future__ import annotations

from datetime import timedelta

from eventsapp.auth.models import EventRoleKind
from tests.factories import grant, make_delegation, make_event, make_user
from tests.registration_helpers import registration_of, signup_data

SPANISH = {"Accept-Language": "es"}


def test_signing_up_without_consent_is_refused_with_a_message(client, db, event):
    data = signup_data("ana@example.org")
    del data["consent"]
    response = client.post(f"/events/{event.slug}/register", data=data)
    assert response.status_code == 200
    assert "Please accept the privacy notice to register." in response.get_data(as_text=True)
    assert registration_of(event, "ana@example.org") is None


def test_consent_is_recorded_with_the_registration(client, db, event):
    response = client.post(f"/events/{event.slug}/register", data=signup_data("ana@example.org"))
    assert response.status_code == 302
    assert registration_of(event, "ana@example.org").consent_at is not None


def test_the_sign_up_form_links_the_notice_in_spanish(client, db, event):
    page = client.get(f"/events/{event.slug}/register", headers=SPANISH).get_data(as_text=True)
    assert f'href="/events/{event.slug}/privacy"' in page
    assert "He leído el aviso de privacidad" in page


def test_default_notice_names_the_retention_period(client, db):
    event = make_event(contact_email="privacidad@example.org", retention_days=30)
    page = client.get(f"/events/{event.slug}/privacy").get_data(as_text=True)
    kept = event.end_date + timedelta(days=30)
    assert "erased 30 days after the event ends" in page
    assert str(kept.year) in page and "privacidad@example.org" in page
    spanish = client.get(f"/events/{event.slug}/privacy", headers=SPANISH).get_data(as_text=True)
    assert "se borran 30 días después del fin del evento" in spanish


def test_retention_defaults_to_the_setting(app, client, db, event):
    app.config["RETENTION_DAYS_AFTER_EVENT"] = 45
    page = client.get(f"/events/{event.slug}/privacy").get_data(as_text=True)
    assert "erased 45 days after the event ends" in page


def test_the_organizers_notice_in_the_visitors_language_or_the_other(client, db):
    event = make_event(privacy_notice_es="Aviso propio de la Fiscalía.")
    spanish = client.get(f"/events/{event.slug}/privacy", headers=SPANISH).get_data(as_text=True)
    english = client.get(f"/events/{event.slug}/privacy").get_data(as_text=True)
    assert "Aviso propio de la Fiscalía." in spanish and "Aviso propio de la Fiscalía." in english
    assert "The organizers of" not in english


def test_a_drafts_notice_is_not_public(client, db):
    from eventsapp.events.models import EventStatus

    event = make_event(status=EventStatus.DRAFT)
    assert client.get(f"/events/{event.slug}/privacy").status_code == 404


def test_organizer_edits_notice_and_retention_in_settings(client, db, login, organizer, event):
    login(organizer)
    url = f"/manage/events/{event.slug}/settings"
    page = client.get(url).get_data(as_text=True)
    assert "Privacy notice (English; empty: the default text)" in page
    data = {
        "room_conflict_level": "block",
        "speaker_conflict_level": "block",
        "outside_days_conflict_level": "block",
        "availability_conflict_level": "warn",
        "room_capacity_conflict_level": "warn",
        "protocol_order": "jurisdiction",
        "privacy_notice_en": "Our own notice.",
        "privacy_notice_es": "Nuestro aviso.",
        "retention_days": "365",
    }
    assert client.post(url, data=data).status_code == 302
    db.session.expire_all()
    assert (event.privacy_notice_en, event.privacy_notice_es, event.retention_days) == (
        "Our own notice.",
        "Nuestro aviso.",
        365,
    )
    assert "Our own notice." in client.get(f"/events/{event.slug}/privacy").get_data(as_text=True)
    refused = client.post(url, data=data | {"retention_days": "-1"})
    assert refused.status_code == 200
    db.session.expire_all()
    assert event.retention_days == 365


def _member(email: str, **overrides) -> dict:
    data = signup_data(email, preferred_language="en")
    del data["delegation_id"]
    data.update(overrides)
    return data


def test_head_confirms_the_member_was_informed(client, db, login, event):
    delegation = make_delegation(event)
    head = make_user("head@example.org")
    grant(head, event, EventRoleKind.HEAD, delegation)
    login(head)
    url = f"/events/{event.slug}/my-delegation/{delegation.id}/members/new"
    page = client.get(url).get_data(as_text=True)
    assert f'href="/events/{event.slug}/privacy"' in page
    data = _member("m1@example.org")
    del data["consent"]
    refused = client.post(url, data=data)
    assert "Confirm that the member was given the privacy notice." in refused.get_data(as_text=True)
    assert registration_of(event, "m1@example.org") is None
    assert client.post(url, data=_member("m1@example.org")).status_code == 302
    member = registration_of(event, "m1@example.org")
    assert member.consent_at is not None
    # editing a member asks no consent again
    edit = f"/events/{event.slug}/my-delegation/{delegation.id}/members/{member.id}/edit"
    assert "privacy notice" not in client.get(edit).get_data(as_text=True)
