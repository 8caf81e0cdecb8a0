"""Reminders on a schedule (issue 15): each kind reaches the right people on the right day,
never reaches one person twice however often the schedule runs, can be switched off per
event, shows in the outbox, and the day-before mail carries the personal agenda as a PDF
made by the worker."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from eventsapp.agenda.models import SessionKind
from eventsapp.comms.models import ReminderDelivery
from eventsapp.comms.reminders import run_reminders
from eventsapp.jobs import BEAT_SCHEDULE
from eventsapp.mail.models import DeliveryStatus
from eventsapp.mail.services import deliver_queued
from eventsapp.mail.templating import save_settings
from eventsapp.registration.links import registration_token
from eventsapp.registration.models import RegistrationStatus
from tests.factories import (
    make_delegation,
    make_jurisdiction,
    make_person,
    make_registration,
    make_session,
)
from tests.jobs_helpers import scripted_smtp, use_smtp
from tests.registration_helpers import outbox

DAY_BEFORE = datetime(2027, 3, 8, 18, 0, tzinfo=UTC)  # 10:00 in Los Angeles, event on 9 March


def _kinds(email):
    return [m.kind for m in outbox(email)]


def test_the_schedule_runs_the_reminders_hourly():
    assert BEAT_SCHEDULE["mail-reminders"]["task"] == "eventsapp.comms.reminders"
    assert BEAT_SCHEDULE["mail-reminders"]["schedule"] == timedelta(hours=1)


def test_closing_reminder_goes_once_to_those_entered_but_not_registered(db, event):
    event.registration_closes_at = DAY_BEFORE - timedelta(days=10)
    db.session.commit()
    entered = make_registration(event, make_person("entered@example.org", event=event))
    signed_up = make_registration(
        event, make_person("self@example.org", event=event), consent_at=DAY_BEFORE
    )
    now = event.registration_closes_at - timedelta(days=3)
    too_early = event.registration_closes_at - timedelta(days=8)
    assert run_reminders(too_early)["reminder_closing"] == 0
    assert run_reminders(now)["reminder_closing"] == 1
    assert run_reminders(now + timedelta(hours=1))["reminder_closing"] == 0  # run again
    assert _kinds("entered@example.org") == ["reminder_closing"]
    assert _kinds(signed_up.person.email) == []
    [mail] = outbox("entered@example.org")
    assert registration_token(entered) in mail.body_text
    assert "closes on" in mail.subject and mail.automatic


def test_passport_reminder_to_foreign_seat_holders_without_a_passport(db, event):
    mexico = make_jurisdiction("Sonora", country="Mexico")
    delegation = make_delegation(event, mexico)
    make_registration(
        event, make_person("sin@example.org", event=event), delegation_id=delegation.id
    )
    make_registration(
        event,
        make_person("con@example.org", event=event, passport_number="G123"),
        delegation_id=delegation.id,
    )
    make_registration(event, make_person("local@example.org", event=event))  # no jurisdiction
    make_registration(
        event,
        make_person("waiting@example.org", event=event, jurisdiction_id=mexico.id),
        status=RegistrationStatus.WAITLISTED,
        waitlist_position=1,
    )
    now = DAY_BEFORE - timedelta(days=20)
    run_reminders(now)
    run_reminders(now)
    assert _kinds("sin@example.org") == ["reminder_passport"]
    assert _kinds("con@example.org") == _kinds("local@example.org") == []
    assert _kinds("waiting@example.org") == []


def test_a_reminder_switched_off_does_not_go(db, organizer, event):
    make_registration(event, make_person("agenda@example.org", event=event))
    save_settings(organizer, event, {"remind_day_before": False})
    db.session.commit()
    assert run_reminders(DAY_BEFORE)["reminder_day_before"] == 0
    assert outbox("agenda@example.org") == []


def test_day_before_carries_the_personal_agenda_pdf(app, db, event):
    registration = make_registration(event, make_person("agenda@example.org", event=event))
    make_registration(
        event,
        make_person("cancelled@example.org", event=event),
        status=RegistrationStatus.CANCELLED,
    )
    make_session(event, title_en="Opening plenary", kind=SessionKind.PLENARY)
    with scripted_smtp() as (port, smtp):
        use_smtp(app, port)
        assert run_reminders(DAY_BEFORE - timedelta(days=1))["reminder_day_before"] == 0
        assert run_reminders(DAY_BEFORE)["reminder_day_before"] == 1
        assert run_reminders(DAY_BEFORE + timedelta(hours=2))["reminder_day_before"] == 0
        deliver_queued()  # what the worker does once the reminders' transaction commits
    [mail] = smtp.messages
    assert mail["To"] == "agenda@example.org" and mail["Auto-Submitted"] == "auto-generated"
    [pdf] = [part for part in mail.iter_attachments()]
    assert pdf.get_content_type() == "application/pdf"
    assert pdf.get_filename() == f"agenda-{event.slug}.pdf"
    assert pdf.get_content().startswith(b"%PDF")
    [row] = outbox("agenda@example.org")
    assert row.status is DeliveryStatus.SENT and row.attachment_key  # kept for a retry
    assert row.registration_id == registration.id
    assert outbox("cancelled@example.org") == []


def test_after_the_event_the_certificate_link_goes_to_those_who_came(
    client, db, login, organizer, event
):
    came = make_registration(
        event, make_person("came@example.org", event=event), checked_in_at=DAY_BEFORE
    )
    make_registration(event, make_person("absent@example.org", event=event))
    after = DAY_BEFORE + timedelta(days=3)
    run_reminders(after)
    run_reminders(after + timedelta(days=1))
    [mail] = outbox("came@example.org")
    assert mail.kind == "reminder_after_event"
    assert f"/my/{registration_token(came)}/certificate.pdf" in mail.body_text
    assert outbox("absent@example.org") == []
    assert db.session.scalar(db.select(db.func.count(ReminderDelivery.id))) == 1
    assert run_reminders(after + timedelta(days=30))["reminder_after_event"] == 0  # too late
    login(organizer)  # it shows in the organizers' outbox, the link masked
    page = client.get(f"/manage/events/{event.slug}/outbox/").get_data(as_text=True)
    assert "came@example.org" in page and "Your certificate of attendance" in page


def test_the_unique_record_stops_a_second_reminder_even_without_the_check(db, event):
    """Two runs at once: the second one's insert fails on the unique record and its mails
    roll back with it."""
    import pytest
    from sqlalchemy.exc import IntegrityError

    registration = make_registration(event, make_person("twice@example.org", event=event))
    db.session.add(
        ReminderDelivery(
            event_id=event.id, registration_id=registration.id, kind="reminder_day_before"
        )
    )
    db.session.commit()
    db.session.add(
        ReminderDelivery(
            event_id=event.id, registration_id=registration.id, kind="reminder_day_before"
        )
    )
    with pytest.raises(IntegrityError):
        db.session.commit()
    db.session.rollback()


def test_after_the_event_the_certificate_is_attached_for_those_entitled_only(
    app, db, event, monkeypatch
):
    """Issue 15: the entitled (confirmed, checked in, event over) get their certificate PDF
    attached; a registrant who came but was cancelled since gets the mail without one."""
    from eventsapp.comms import attachments
    from eventsapp.documents.models import DocumentKind, IssuedDocument

    came = make_registration(
        event, make_person("entitled@example.org", event=event), checked_in_at=DAY_BEFORE
    )
    make_registration(
        event,
        make_person("left@example.org", event=event),
        checked_in_at=DAY_BEFORE,
        status=RegistrationStatus.CANCELLED,
    )
    after = DAY_BEFORE + timedelta(days=3)
    monkeypatch.setattr(attachments, "utcnow", lambda: after)  # the worker runs then too
    with scripted_smtp() as (port, smtp):
        use_smtp(app, port)
        assert run_reminders(after)["reminder_after_event"] == 2
        [entitled] = outbox("entitled@example.org")
        [other] = outbox("left@example.org")
        assert entitled.attachment_kind == "certificate" and other.attachment_kind == ""
        deliver_queued()
    mails = {mail["To"]: mail for mail in smtp.messages}
    [pdf] = list(mails["entitled@example.org"].iter_attachments())
    assert pdf.get_content_type() == "application/pdf"
    assert pdf.get_filename() == f"certificate-{event.slug}.pdf"
    assert pdf.get_content().startswith(b"%PDF")
    assert list(mails["left@example.org"].iter_attachments()) == []
    db.session.expire_all()
    [entitled] = outbox("entitled@example.org")
    [other] = outbox("left@example.org")
    assert entitled.status is DeliveryStatus.SENT and entitled.attachment_key  # kept for a retry
    assert other.status is DeliveryStatus.SENT and other.attachment_key is None
    [document] = db.session.scalars(db.select(IssuedDocument)).all()  # the serial it carries
    assert document.registration_id == came.id and document.kind is DocumentKind.CERTIFICATE


def test_a_certificate_attachment_is_not_made_once_the_registrant_is_no_longer_entitled(
    app, db, event, monkeypatch
):
    from eventsapp.comms import attachments

    registration = make_registration(
        event, make_person("cancelled.later@example.org", event=event), checked_in_at=DAY_BEFORE
    )
    after = DAY_BEFORE + timedelta(days=3)
    monkeypatch.setattr(attachments, "utcnow", lambda: after)
    run_reminders(after)
    [message] = outbox("cancelled.later@example.org")
    assert message.attachment_kind == "certificate"
    registration.status = RegistrationStatus.CANCELLED  # before the worker sends it
    db.session.commit()
    assert attachments.certificate_pdf(message) is None
