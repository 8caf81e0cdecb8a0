"""The demo works on the day it is loaded, whatever that day is: registration open, the
summit about eight weeks ahead, a smaller workshop on today with arrivals, an account for
each role (listed in the README), honorifics that fit the person."""

from __future__ import annotations

import re
from datetime import date, datetime, time, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from eventsapp.auth.models import EventRole, EventRoleKind, User
from eventsapp.demo import data
from eventsapp.demo.loader import DEMO_PASSWORD, DEMO_SLUG, load_demo
from eventsapp.demo.workshop import WORKSHOP_SLUG
from eventsapp.events.models import Event
from eventsapp.events.services import registration_state
from eventsapp.mail.models import DeliveryStatus, OutboxMessage
from eventsapp.registration.models import Person, Registration

README = Path(__file__).resolve().parent.parent / "README.md"


@pytest.mark.parametrize(
    "today", [date(2026, 12, 1), date(2027, 2, 28), date(2029, 7, 4), date(2031, 12, 31)]
)
def test_registration_is_open_on_the_day_the_demo_is_loaded(db, today):
    assert load_demo(today)
    db.session.commit()
    for slug in (DEMO_SLUG, WORKSHOP_SLUG):
        event = db.session.scalar(db.select(Event).where(Event.slug == slug))
        tz = ZoneInfo(event.timezone)
        for hour in (0, 9, 23):
            now = datetime.combine(today, time(hour, 30), tz)
            assert registration_state(event, now) == "open", (slug, hour)
    summit = db.session.scalar(db.select(Event).where(Event.slug == DEMO_SLUG))
    assert 50 <= (summit.start_date - today).days <= 60
    assert summit.registration_closes_at > datetime.combine(today + timedelta(days=30), time(), tz)


def test_the_demo_has_each_role_and_something_to_show(client, db):
    load_demo()
    db.session.commit()
    roles = {
        (role.user.email, role.role, role.event.slug)
        for role in db.session.scalars(db.select(EventRole))
    }
    assert ("head@example.org", EventRoleKind.HEAD, DEMO_SLUG) in roles
    assert ("checkin@example.org", EventRoleKind.CHECKIN, WORKSHOP_SLUG) in roles
    assert ("workshop@example.org", EventRoleKind.ORGANIZER, WORKSHOP_SLUG) in roles
    for user in db.session.scalars(db.select(User)):
        assert user.check_password(DEMO_PASSWORD), user.email
    passports = db.session.scalar(
        db.select(db.func.count(Person.id)).where(Person.passport_number != "")
    )
    assert passports >= 4
    failed = db.session.scalar(
        db.select(db.func.count(OutboxMessage.id)).where(
            OutboxMessage.status == DeliveryStatus.FAILED
        )
    )
    assert failed == 2
    arrived = db.session.scalar(
        db.select(db.func.count(Registration.id)).where(Registration.checked_in_at.is_not(None))
    )
    assert arrived >= 10


def test_honorifics_fit_the_person(db):
    load_demo(date(2027, 1, 5))
    db.session.commit()
    for person in db.session.scalars(db.select(Person)):
        if person.given_name in data.WOMEN:
            assert person.honorific not in ("Mr.", "Mtro."), person.full_name
        elif person.given_name in data.GIVEN_NAMES:
            assert person.honorific not in ("Ms.", "Mtra.", "Dra."), person.full_name


def test_every_account_in_the_readme_signs_in_where_it_works(client, db):
    load_demo()
    db.session.commit()
    text = README.read_text()
    landings = {}
    for email in (
        "organizer@example.org",
        "checkin@example.org",
        "head@example.org",
        "workshop@example.org",
    ):
        assert email in text
        client.post("/logout")
        answer = client.post("/login", data={"email": email, "password": DEMO_PASSWORD})
        assert answer.status_code == 302, email
        landings[email] = answer.headers["Location"]
    assert landings["checkin@example.org"].endswith(f"/manage/events/{WORKSHOP_SLUG}/checkin/")
    assert landings["head@example.org"].endswith(f"/events/{DEMO_SLUG}/my-delegation/")
    assert re.search(r"/manage/$", landings["organizer@example.org"])
