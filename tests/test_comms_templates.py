"""Editable mail texts (issue 15): placeholders checked on save, the saved wording used by
the automatic mail in the registrant's language, preview with a real registrant (link
masked), a test to oneself, reset to default, and the promoted mail that says what it means."""

from __future__ import annotations

from eventsapp.mail.models import MailTemplate
from eventsapp.mail.templating import fill, placeholder_errors
from eventsapp.registration.models import RegistrationStatus
from tests.factories import make_delegation, make_person, make_registration
from tests.registration_helpers import outbox, signup_data


def _texts(**overrides) -> dict:
    data = {
        "subject_en": "Confirmed: {event}",
        "body_en": "Hello {given_name}, your seat: {seat_status}\n{link}",
        "subject_es": "Confirmada: {event}",
        "body_es": "Hola {given_name}, su plaza: {seat_status}\n{link}",
    }
    data.update(overrides)
    return data


def test_placeholders_are_checked_and_filled():
    assert placeholder_errors("Hi {given_name} {event}", ("given_name", "event")) == []
    [error] = placeholder_errors("Hi {nombre} {given_name} {x.__class__}", ("given_name",))
    assert "{nombre}" in error and "{x.__class__}" in error and "{given_name}" in error
    assert fill("Hi {given_name} {0} {unknown}", {"given_name": "Ana"}) == "Hi Ana {0} {unknown}"


def test_an_unknown_placeholder_is_an_error_next_to_its_field(client, db, login, organizer, event):
    login(organizer)
    url = f"/manage/events/{event.slug}/mail/templates/confirmed"
    response = client.post(url, data=_texts(body_es="Hola {nombre}"))
    page = response.get_data(as_text=True)
    assert response.status_code == 200
    assert 'id="body_es-error"' in page and "{nombre}" in page
    assert 'id="body_en-error"' not in page
    assert db.session.scalar(db.select(db.func.count(MailTemplate.id))) == 0


def test_saved_wording_goes_out_in_each_registrants_language(client, db, login, organizer, event):
    login(organizer)
    url = f"/manage/events/{event.slug}/mail/templates/confirmed"
    assert client.post(url, data=_texts()).status_code == 302
    client.get("/logout")
    for email, lang in (("en@example.org", "en"), ("es@example.org", "es")):
        client.post(
            f"/events/{event.slug}/register", data=signup_data(email, preferred_language=lang)
        )
    [english] = outbox("en@example.org")
    [spanish] = outbox("es@example.org")
    assert english.subject == "Confirmed: Western Attorneys General Summit"
    assert english.body_text.startswith("Hello Ana, your seat: Your registration for")
    assert spanish.subject == "Confirmada: Cumbre de Procuradores Generales del Oeste"
    assert spanish.body_text.startswith("Hola Ana, su plaza: Su inscripción en")
    assert f"/events/{event.slug}/my-registration/" in spanish.body_text


def test_preview_uses_a_real_registrant_with_the_link_masked(client, db, login, organizer, event):
    delegation = make_delegation(event)
    registration = make_registration(
        event,
        make_person("ines@example.org", "Inés", "Peña", event=event),
        delegation_id=delegation.id,
    )
    login(organizer)
    response = client.post(
        f"/manage/events/{event.slug}/mail/templates/confirmed",
        data=_texts(body_en="{given_name} of {delegation}: {link}", sample_id=registration.id)
        | {"action": "preview"},
    )
    page = response.get_data(as_text=True)
    assert f"Inés of {delegation.name}: " in page
    assert "my-registration/XXXXXX" in page
    assert db.session.scalar(db.select(db.func.count(MailTemplate.id))) == 0  # not saved


def test_a_test_goes_to_oneself_in_both_languages(client, db, login, organizer, event):
    registration = make_registration(event, make_person("ines@example.org", "Inés", event=event))
    login(organizer)
    client.post(
        f"/manage/events/{event.slug}/mail/templates/link",
        data=_texts(sample_id=registration.id) | {"action": "test"},
    )
    mails = outbox(organizer.email)
    assert sorted(m.language for m in mails) == ["en", "es"]
    assert all(m.subject.startswith("[TEST] ") for m in mails)
    assert outbox("ines@example.org") == []


def test_reset_brings_the_default_back(client, db, login, organizer, event):
    login(organizer)
    url = f"/manage/events/{event.slug}/mail/templates/confirmed"
    client.post(url, data=_texts())
    assert db.session.scalar(db.select(db.func.count(MailTemplate.id))) == 2
    client.post(f"{url}/reset")
    assert db.session.scalar(db.select(db.func.count(MailTemplate.id))) == 0
    page = client.get(url).get_data(as_text=True)
    assert "Registration confirmed: {event}" in page and "Inscripción confirmada: {event}" in page


def test_another_events_organizer_cannot_touch_the_texts(client, db, login, event):
    from eventsapp.auth.models import EventRoleKind
    from tests.factories import grant, make_event, make_user

    intruder = make_user("other@example.org")
    grant(intruder, make_event(), EventRoleKind.ORGANIZER)
    login(intruder)
    url = f"/manage/events/{event.slug}/mail/templates/confirmed"
    assert client.post(url, data=_texts()).status_code == 403
    assert client.post(f"{url}/reset").status_code == 403
    assert db.session.scalar(db.select(db.func.count(MailTemplate.id))) == 0


def test_promoted_to_a_confirmed_seat_and_to_review_say_different_things(app, db, event):
    from eventsapp.registration.notifications import notify_promoted

    confirmed = make_registration(event, make_person("c@example.org", event=event))
    pending = make_registration(
        event, make_person("p@example.org", event=event), status=RegistrationStatus.PENDING
    )
    notify_promoted(confirmed)
    notify_promoted(pending)
    db.session.commit()
    [yours] = outbox("c@example.org")
    [review] = outbox("p@example.org")
    assert yours.subject.startswith("A seat is yours") and "is confirmed" in yours.body_text
    assert "review" not in yours.body_text
    assert review.subject.startswith("Off the waiting list")
    assert "will now review" in review.body_text and "is yours" not in review.body_text
