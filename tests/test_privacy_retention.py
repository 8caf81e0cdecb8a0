"""Issue 11, privacy lifecycle: `flask purge-personal-data` blanks the private details of
events whose retention period is over, in the rows and in the audit snapshots, and keeps
what reports count."""

from __future__ import annotations

import json
from datetime import date, timedelta

from eventsapp.audit.models import AuditEntry
from eventsapp.db import utcnow
from eventsapp.registration import services
from eventsapp.registration.models import Person, Registration, RegistrationRole
from tests.factories import make_delegation, make_event, make_person, make_registration

PRIVATE = {
    "phone": "+52 55 5555 0199",
    "passport_number": "G7777777",
    "passport_expiry": date(2031, 5, 1),
    "date_of_birth": date(1980, 2, 3),
    "nationality": "Mexicana",
}
NEEDS = {
    "dietary": "Sin gluten",
    "accessibility": "Silla de ruedas",
    "arrival_date": date(2020, 1, 5),
    "departure_date": date(2020, 1, 9),
}
SECRETS = ("+52 55 5555 0199", "G7777777", "Mexicana", "Sin gluten", "Silla de ruedas")


def _attendee(db, event, email="valeria@example.org"):
    """A checked-in delegate with every private detail, and audit entries that hold them."""
    delegation = make_delegation(event)
    person = make_person(email, "Valeria", "Vega", event=event, **(PRIVATE | {"phone": "1"}))
    registration = make_registration(
        event,
        person,
        role=RegistrationRole.SPEAKER,
        delegation_id=delegation.id,
        checked_in_at=utcnow(),
    )
    services.update_registration(None, registration, {"phone": "+52 55 5555 0199", **NEEDS})
    # An entry written before passport numbers were kept out of the log.
    db.session.add(
        AuditEntry(
            event_id=event.id,
            action="update",
            object_type="Person",
            object_id=person.id,
            before={"passport_number": "", "nationality": "", "given_name": "Valeria"},
            after={
                "passport_number": "G7777777",
                "nationality": "Mexicana",
                "given_name": "Valeria",
            },
        )
    )
    db.session.commit()
    return registration


def _log_text(db, event) -> str:
    entries = db.session.scalars(db.select(AuditEntry).where(AuditEntry.event_id == event.id))
    return json.dumps([[e.before, e.after] for e in entries])


def _ended(days_ago: int, **kw):
    start = date.today() - timedelta(days=days_ago + 1)
    return make_event(start_date=start, **kw)  # ends the day after it starts


def test_dry_run_says_what_would_go_and_changes_nothing(runner, db):
    event = _ended(200)
    registration = _attendee(db, event)
    entries = db.session.scalar(db.select(db.func.count(AuditEntry.id)))
    result = runner.invoke(args=["purge-personal-data", "--dry-run"])
    assert result.exit_code == 0, result.output
    assert f"{event.slug} " in result.output
    assert "would blank 1 people, 1 registrations, 3 audit entries" in result.output
    db.session.expire_all()
    assert registration.person.passport_number == "G7777777"
    assert registration.dietary == "Sin gluten"
    assert all(s in _log_text(db, event) for s in SECRETS)
    assert event.personal_data_purged_at is None
    assert db.session.scalar(db.select(db.func.count(AuditEntry.id))) == entries


def test_purge_blanks_exactly_the_private_details_and_keeps_counts(runner, db):
    event = _ended(200)
    registration = _attendee(db, event)
    delegation_id, checked_in = registration.delegation_id, registration.checked_in_at
    result = runner.invoke(args=["purge-personal-data"])
    assert result.exit_code == 0, result.output
    assert "blanked 1 people, 1 registrations, 3 audit entries" in result.output
    db.session.expire_all()
    person = registration.person
    assert (person.phone, person.passport_number, person.nationality) == ("", "", "")
    assert (person.passport_expiry, person.date_of_birth) == (None, None)
    assert (registration.dietary, registration.accessibility) == ("", "")
    assert (registration.arrival_date, registration.departure_date) == (None, None)
    # what reports count stays
    assert (person.given_name, person.family_name, person.email) == (
        "Valeria",
        "Vega",
        "valeria@example.org",
    )
    assert registration.role is RegistrationRole.SPEAKER
    assert registration.delegation_id == delegation_id
    assert registration.checked_in_at == checked_in
    assert db.session.scalar(db.select(db.func.count(Registration.id))) == 1
    assert db.session.scalar(db.select(db.func.count(Person.id))) == 1
    # the audit snapshots no longer hold the details; the entries stay
    log = _log_text(db, event)
    assert not any(s in log for s in SECRETS), log
    assert "Valeria" in log
    [entry] = db.session.scalars(
        db.select(AuditEntry).where(AuditEntry.action == "purge_personal_data")
    ).all()
    assert entry.event_id == event.id
    assert entry.after == {"people": 1, "registrations": 1, "audit_entries": 3}
    assert event.personal_data_purged_at is not None


def test_purging_again_changes_nothing(runner, db):
    event = _ended(200)
    _attendee(db, event)
    runner.invoke(args=["purge-personal-data"])
    purged_at = db.session.get(type(event), event.id).personal_data_purged_at
    result = runner.invoke(args=["purge-personal-data"])
    assert "already purged, nothing new" in result.output and "0 event(s) purged" in result.output
    db.session.expire_all()
    assert event.personal_data_purged_at == purged_at
    count = db.select(db.func.count(AuditEntry.id)).where(
        AuditEntry.action == "purge_personal_data"
    )
    assert db.session.scalar(count) == 1


def test_an_event_within_its_retention_period_is_untouched(runner, db):
    recent = _ended(30)  # default: 90 days
    kept_long = _ended(200, retention_days=365)
    future = make_event(start_date=date.today() + timedelta(days=30))
    registrations = [
        _attendee(db, e, f"p{i}@example.org") for i, e in enumerate((recent, kept_long, future))
    ]
    result = runner.invoke(args=["purge-personal-data"])
    assert "0 event(s) purged" in result.output
    db.session.expire_all()
    for registration in registrations:
        assert registration.person.passport_number == "G7777777"
        assert registration.dietary == "Sin gluten"
        assert all(s in _log_text(db, registration.event) for s in SECRETS)
        assert registration.event.personal_data_purged_at is None


def test_the_period_ends_on_the_events_own_day(app, db):
    from datetime import UTC, datetime

    from eventsapp.registration.retention import events_due

    app.config["RETENTION_DAYS_AFTER_EVENT"] = 10
    start = date(2020, 1, 1)  # ends 2020-01-02: kept until 2020-01-12
    kiritimati = make_event(start_date=start, timezone="Pacific/Kiritimati")  # UTC+14
    los_angeles = make_event(start_date=start, timezone="America/Los_Angeles")
    now = datetime(2020, 1, 12, 20, 0, tzinfo=UTC)  # the 13th in Kiritimati, the 12th in LA
    assert events_due(now) == [kiritimati]
    assert events_due(now + timedelta(hours=12)) == [kiritimati, los_angeles]


def test_one_events_purge_leaves_another_events_record_of_the_same_person(runner, db):
    old = _ended(200)
    current = make_event(start_date=date.today() + timedelta(days=30))
    _attendee(db, old, "same@example.org")
    later = _attendee(db, current, "same@example.org")
    runner.invoke(args=["purge-personal-data"])
    db.session.expire_all()
    assert later.person.passport_number == "G7777777" and later.dietary == "Sin gluten"


def test_the_worker_purges_every_day(app, db):
    """The scheduler's table runs the purge daily; the task purges what the command does."""
    from eventsapp.jobs import BEAT_SCHEDULE
    from eventsapp.registration.tasks import PURGE_TASK

    assert any(entry["task"] == PURGE_TASK for entry in BEAT_SCHEDULE.values())
    past = make_event(start_date=date(2020, 1, 6), end_date=date(2020, 1, 8))
    registration = _attendee(db, past)
    assert app.extensions["celery"].tasks[PURGE_TASK].apply().get() == 1
    db.session.expire_all()
    assert registration.person.passport_number == "" and registration.dietary == ""
    assert app.extensions["celery"].tasks[PURGE_TASK].apply().get() == 0  # done already
