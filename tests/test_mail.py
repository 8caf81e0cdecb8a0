"""Mail: a real local SMTP server receives messages in the recipient's language; without
MAIL_SERVER messages are printed; every message is kept in the outbox with its status."""

from __future__ import annotations

from eventsapp.mail.models import DeliveryStatus
from eventsapp.registration.links import registration_token
from tests.factories import make_delegation, make_event, make_person, make_registration
from tests.registration_helpers import free_port, outbox, registration_of, signup_data, smtp_server


def _use_smtp(app, port):
    app.config.update(
        MAIL_SERVER="127.0.0.1", MAIL_PORT=port, MAIL_USE_TLS=False, MAIL_USE_SSL=False
    )


def test_signup_mail_in_english_and_spanish_over_smtp(app, client, db, event):
    with smtp_server() as (port, received):
        _use_smtp(app, port)
        client.post(
            f"/events/{event.slug}/register",
            data=signup_data("en@example.org", preferred_language="en"),
        )
        client.post(
            f"/events/{event.slug}/register",
            data=signup_data("es@example.org", preferred_language="es"),
        )
    by_recipient = {m["To"]: m for m in received}
    english, spanish = by_recipient["en@example.org"], by_recipient["es@example.org"]
    assert english["Subject"] == "Registration confirmed: Western Attorneys General Summit"
    assert "is confirmed" in english.get_body(("plain",)).get_content()
    assert (
        spanish["Subject"] == "Inscripción confirmada: Cumbre de Procuradores Generales del Oeste"
    )
    body = spanish.get_body(("plain",)).get_content()
    assert "está confirmada" in body
    token = registration_token(registration_of(event, "es@example.org"))
    assert f"http://events.test/events/{event.slug}/my-registration/{token}" in body
    assert spanish["Content-Language"] == "es"
    assert {m.status for m in outbox()} == {DeliveryStatus.SENT}


def test_promotion_and_decline_mails_over_smtp(app, client, db, login, organizer):
    from eventsapp.auth.models import EventRoleKind
    from eventsapp.registration.models import RegistrationStatus
    from tests.factories import grant

    event = make_event(capacity=1, requires_approval=True)
    grant(organizer, event, EventRoleKind.ORGANIZER)
    pending = make_registration(
        event,
        make_person("p@example.org", preferred_language="en"),
        status=RegistrationStatus.PENDING,
    )
    make_registration(
        event,
        make_person("w@example.org", preferred_language="es"),
        status=RegistrationStatus.WAITLISTED,
        waitlist_position=1,
    )
    login(organizer)
    with smtp_server() as (port, received):
        _use_smtp(app, port)
        client.post(f"/manage/events/{event.slug}/registrations/{pending.id}/decline")
    subjects = {m["To"]: m["Subject"].strip() for m in received}
    assert subjects["p@example.org"].startswith("Registration declined")
    # Promoted but still to be approved: not "a seat is yours" (the seat is not confirmed).
    assert subjects["w@example.org"].startswith("Fuera de la lista de espera")
    promoted = next(m for m in received if m["To"] == "w@example.org")
    assert "revisarán" in promoted.get_body(("plain",)).get_content()


def test_invitation_mail_over_smtp_in_spanish(app, client, db, login, organizer, event):
    delegation = make_delegation(event)
    login(organizer)
    with smtp_server() as (port, received):
        _use_smtp(app, port)
        client.post(
            f"/manage/events/{event.slug}/delegations/{delegation.id}/invite",
            data={
                "email": "jefa@example.org",
                "given_name": "Inés",
                "family_name": "Peña",
                "preferred_language": "es",
            },
        )
    [message] = received
    assert message["To"] == "jefa@example.org"
    assert "Invitación" in message["Subject"]
    assert "http://events.test/invitation/" in message.get_body(("plain",)).get_content()


def test_without_mail_server_messages_are_printed(app, client, db, event, capsys):
    app.config["MAIL_SERVER"] = None
    client.post(f"/events/{event.slug}/register", data=signup_data("print@example.org"))
    [message] = outbox("print@example.org")
    assert message.status is DeliveryStatus.PRINTED
    printed = capsys.readouterr().out
    assert "To: print@example.org" in printed


def test_unreachable_server_keeps_the_message_queued_without_error_page(app, client, db, event):
    _use_smtp(app, free_port())  # nothing listens there
    response = client.post(f"/events/{event.slug}/register", data=signup_data("f@example.org"))
    assert response.status_code == 302
    [message] = outbox("f@example.org")
    assert message.status is DeliveryStatus.QUEUED  # tried again later: test_mail_delivery.py
    assert "Connection refused" in message.error and message.next_attempt_at
    assert registration_of(event, "f@example.org") is not None


def test_rolled_back_message_is_never_sent(app, client, db, event):
    from eventsapp.mail.services import deliver_queued
    from eventsapp.registration.notifications import notify_cancelled

    registration = make_registration(event)
    with smtp_server() as (port, received):
        _use_smtp(app, port)
        notify_cancelled(registration)
        db.session.rollback()
        assert deliver_queued() == 0
    assert received == []
    assert outbox() == []
