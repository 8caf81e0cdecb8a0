"""Wall times at the event's place across daylight-saving changes (issue 18, item 7): the
spring gap and the autumn overlap are refused with a message, everything else converts."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest

from eventsapp.agenda.models import AgendaSession
from eventsapp.errors import DomainError
from eventsapp.timezones import to_utc, to_wall
from tests.factories import make_event

LA = "America/Los_Angeles"
MEXICO = "America/Mexico_City"  # no daylight saving time since 2022


@pytest.mark.parametrize(
    ("wall", "zone", "utc"),
    [
        (datetime(2027, 3, 13, 9, 0), LA, datetime(2027, 3, 13, 17, 0, tzinfo=UTC)),  # PST
        (datetime(2027, 3, 15, 9, 0), LA, datetime(2027, 3, 15, 16, 0, tzinfo=UTC)),  # PDT
        (datetime(2027, 11, 6, 9, 0), LA, datetime(2027, 11, 6, 16, 0, tzinfo=UTC)),
        (datetime(2027, 11, 8, 9, 0), LA, datetime(2027, 11, 8, 17, 0, tzinfo=UTC)),
        (datetime(2027, 3, 14, 3, 0), LA, datetime(2027, 3, 14, 10, 0, tzinfo=UTC)),
        # Mexico City keeps UTC-6 all year: the hours LA skips or repeats are plain here.
        (datetime(2027, 3, 14, 2, 30), MEXICO, datetime(2027, 3, 14, 8, 30, tzinfo=UTC)),
        (datetime(2027, 4, 4, 2, 30), MEXICO, datetime(2027, 4, 4, 8, 30, tzinfo=UTC)),
        (datetime(2027, 10, 31, 1, 30), MEXICO, datetime(2027, 10, 31, 7, 30, tzinfo=UTC)),
        (datetime(2027, 11, 7, 1, 30), MEXICO, datetime(2027, 11, 7, 7, 30, tzinfo=UTC)),
    ],
)
def test_wall_times_round_trip(wall, zone, utc):
    assert to_utc(wall, zone) == utc
    assert to_wall(utc, zone) == wall


def test_a_wall_time_the_clocks_skip_is_refused(app):
    with pytest.raises(DomainError, match="does not exist") as error:
        to_utc(datetime(2027, 3, 14, 2, 30), LA, field="starts_at")
    assert error.value.field == "starts_at"


def test_a_wall_time_the_clocks_repeat_is_refused(app):
    with pytest.raises(DomainError, match="happens twice"):
        to_utc(datetime(2027, 11, 7, 1, 30), LA)


def _session_form(event, starts: str, ends: str) -> dict:
    from tests.agenda_helpers import session_form

    return session_form(event, starts_at=starts, ends_at=ends)


def test_a_session_in_the_spring_gap_gets_a_message_next_to_its_start(client, db, login, organizer):
    event = make_event(start_date=date(2027, 3, 13), end_date=date(2027, 3, 15))
    from eventsapp.auth.models import EventRoleKind
    from tests.factories import grant

    grant(organizer, event, EventRoleKind.ORGANIZER)
    login(organizer)
    url = f"/manage/events/{event.slug}/sessions/new"
    page = client.post(url, data=_session_form(event, "2027-03-14T02:30", "2027-03-14T04:00"))
    html = page.get_data(as_text=True)
    assert page.status_code == 200
    assert 'id="starts_at-error"' in html and "does not exist" in html
    assert db.session.scalar(db.select(db.func.count(AgendaSession.id))) == 0
    # The same wall time on either side of the change lands on the right instant.
    client.post(url, data=_session_form(event, "2027-03-15T09:00", "2027-03-15T10:00"))
    saved = db.session.scalars(db.select(AgendaSession)).one()
    assert saved.starts_at == datetime(2027, 3, 15, 16, 0, tzinfo=UTC)


def test_registration_opening_in_the_autumn_overlap_is_refused(client, db, login, organizer, event):
    login(organizer)
    data = {
        "slug": event.slug,
        "kind": "summit",
        "title_en": "Summit",
        "start_date": "2027-11-20",
        "end_date": "2027-11-21",
        "timezone": LA,
        "status": "published",
        "registration_opens_at": "2027-11-07T01:30",
    }
    html = client.post(f"/manage/events/{event.slug}/edit", data=data).get_data(as_text=True)
    assert 'id="registration_opens_at-error"' in html and "happens twice" in html
    db.session.refresh(event)
    assert event.registration_opens_at is None


def test_an_event_is_upcoming_until_its_own_last_day_ends(app, db):
    from eventsapp.events.services import upcoming_public_events

    honolulu = make_event(
        start_date=date(2027, 3, 9), end_date=date(2027, 3, 10), timezone="Pacific/Honolulu"
    )
    tokyo = make_event(
        start_date=date(2027, 3, 9), end_date=date(2027, 3, 10), timezone="Asia/Tokyo"
    )
    # 05:00 UTC on the 11th: still the 10th in Honolulu (19:00), already the 11th in Tokyo.
    now = datetime(2027, 3, 11, 5, 0, tzinfo=UTC)
    assert [e.id for e in upcoming_public_events(now)] == [honolulu.id]
    earlier = datetime(2027, 3, 10, 12, 0, tzinfo=UTC)
    assert {e.id for e in upcoming_public_events(earlier)} == {honolulu.id, tokyo.id}


def _edit_form(event, **overrides) -> dict:
    data = {
        "slug": event.slug,
        "kind": "summit",
        "title_en": "Summit",
        "start_date": event.start_date.isoformat(),
        "end_date": event.end_date.isoformat(),
        "timezone": event.timezone,
        "status": "published",
        "timezone_change": "",
    }
    data.update(overrides)
    return data


def _nine_am_session(event):
    from tests.factories import make_session

    return make_session(event, day=0, hour=9)  # 9:00 in Los Angeles


def test_moving_an_event_to_another_zone_asks_about_planned_times(
    client, db, login, organizer, event
):
    session = _nine_am_session(event)
    before = session.starts_at
    login(organizer)
    url = f"/manage/events/{event.slug}/edit"
    html = client.post(url, data=_edit_form(event, timezone=MEXICO)).get_data(as_text=True)
    assert 'id="timezone_change-error"' in html
    db.session.expire_all()
    assert event.timezone == LA and session.starts_at == before


def test_planned_times_keep_their_clock_times_in_the_new_zone(client, db, login, organizer, event):
    session = _nine_am_session(event)
    login(organizer)
    client.post(
        f"/manage/events/{event.slug}/edit",
        data=_edit_form(event, timezone=MEXICO, timezone_change="wall"),
    )
    db.session.expire_all()
    assert event.timezone == MEXICO
    assert to_wall(session.starts_at, MEXICO) == datetime(2027, 3, 9, 9, 0)


def test_planned_times_keep_their_moment_when_asked(client, db, login, organizer, event):
    session = _nine_am_session(event)
    before = session.starts_at
    login(organizer)
    client.post(
        f"/manage/events/{event.slug}/edit",
        data=_edit_form(event, timezone=MEXICO, timezone_change="instant"),
    )
    db.session.expire_all()
    assert event.timezone == MEXICO and session.starts_at == before
    assert to_wall(session.starts_at, MEXICO) == datetime(2027, 3, 9, 11, 0)  # PST -> CST
