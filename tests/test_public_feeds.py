"""Public feeds as calendar and schedule clients read them: revisions that move when a session
changes, one UID per session and language, one charset, ETag/Last-Modified with 304 answers,
CORS, and the speakers' public_name in schedule.json."""

from datetime import UTC, datetime, timedelta

import pytest
from icalendar import Calendar

from eventsapp.agenda.models import AgendaSession
from eventsapp.events.models import Event
from tests.agenda_helpers import link
from tests.factories import make_person, make_room, make_session, make_speaker


@pytest.fixture
def plenary(event, db):
    room = make_room(event, "Pacific Ballroom")
    session = make_session(event, hour=9, room=room, title_en="Opening", title_es="Apertura")
    link(session, make_speaker(event, make_person(given_name="Íñigo", family_name="Peña")))
    return session


def _backdate(db, event, when=datetime(2026, 1, 1, tzinfo=UTC)):
    """Stamps have whole seconds in the feeds: move the existing ones into the past (a Core
    UPDATE, which the revision listener does not see)."""
    db.session.execute(
        db.update(AgendaSession).where(AgendaSession.event_id == event.id).values(updated_at=when)
    )
    db.session.execute(
        db.update(Event).where(Event.id == event.id).values(created_at=when, agenda_changed_at=None)
    )
    db.session.commit()
    db.session.expire_all()


def _vevents(client, url):
    response = client.get(url)
    assert response.status_code == 200
    return {str(e["SUMMARY"]): e for e in Calendar.from_ical(response.data).walk("VEVENT")}


def test_a_moved_session_gets_new_dtstamp_last_modified_and_sequence(client, event, plenary, db):
    url = f"/events/{event.slug}/agenda.ics"
    _backdate(db, event)
    before = _vevents(client, url)["Opening"]
    assert before.decoded("DTSTAMP") == before.decoded("LAST-MODIFIED")

    plenary.starts_at += timedelta(hours=2)
    plenary.ends_at += timedelta(hours=2)
    db.session.commit()
    after = _vevents(client, url)["Opening"]

    assert str(after["UID"]) == str(before["UID"])
    assert int(after["SEQUENCE"]) == int(before["SEQUENCE"]) + 1
    assert after.decoded("DTSTAMP") > before.decoded("DTSTAMP")
    assert after.decoded("LAST-MODIFIED") > before.decoded("LAST-MODIFIED")
    assert after.decoded("DTSTART").hour == 11


def test_a_new_speaker_revises_the_session(client, event, plenary, db):
    url = f"/events/{event.slug}/agenda.ics"
    before = int(_vevents(client, url)["Opening"]["SEQUENCE"])
    zoe = make_speaker(event, make_person(given_name="Zoë", family_name="Muñoz"))
    link(plenary, zoe, position=1)
    item = _vevents(client, url)["Opening"]
    assert int(item["SEQUENCE"]) == before + 1 and "Zoë Muñoz" in str(item["DESCRIPTION"])
    assert "ATTENDEE" not in item


def test_english_and_spanish_feeds_never_share_a_uid(client, event, plenary):
    english = _vevents(client, f"/events/{event.slug}/agenda.ics?lang=en")["Opening"]
    spanish = _vevents(client, f"/events/{event.slug}/agenda.ics?lang=es")["Apertura"]
    assert str(english["UID"]) != str(spanish["UID"])


@pytest.mark.parametrize(
    ("path", "content_type"),
    [
        ("agenda.ics", "text/calendar; charset=utf-8"),
        ("schedule.xml", "application/xml; charset=utf-8"),
        ("schedule.json", "application/json"),
    ],
)
def test_feeds_name_their_charset_once_and_allow_any_origin(
    client, event, plenary, path, content_type
):
    response = client.get(f"/events/{event.slug}/{path}")
    assert response.headers["Content-Type"] == content_type
    assert response.headers["Access-Control-Allow-Origin"] == "*"
    assert "ETag" in response.headers["Access-Control-Expose-Headers"]


@pytest.mark.parametrize("path", ["agenda.ics", "schedule.xml", "schedule.json"])
def test_an_unchanged_feed_answers_304_and_a_changed_one_200(client, event, plenary, db, path):
    url = f"/events/{event.slug}/{path}?lang=en"
    _backdate(db, event)
    first = client.get(url)
    etag, modified = first.headers["ETag"], first.headers["Last-Modified"]
    assert etag.startswith('"')

    same = client.get(url, headers={"If-None-Match": etag})
    assert same.status_code == 304 and same.data == b""
    assert client.get(url, headers={"If-Modified-Since": modified}).status_code == 304

    plenary.title_en = "Opening plenary"
    db.session.commit()
    changed = client.get(url, headers={"If-None-Match": etag})
    assert changed.status_code == 200 and changed.headers["ETag"] != etag
    assert b"Opening plenary" in changed.data


def test_deleting_a_session_moves_last_modified(client, event, plenary, db):
    url = f"/events/{event.slug}/schedule.json?lang=en"
    other = make_session(event, hour=14, title_en="Closing")
    _backdate(db, event)
    modified = client.get(url).headers["Last-Modified"]
    assert client.get(url, headers={"If-Modified-Since": modified}).status_code == 304

    db.session.delete(db.session.get(AgendaSession, other.id))
    db.session.commit()
    response = client.get(url, headers={"If-Modified-Since": modified})
    assert response.status_code == 200 and b"Closing" not in response.data


def test_schedule_json_gives_speakers_a_public_name(client, event, plenary):
    document = client.get(f"/events/{event.slug}/schedule.json").get_json()
    rooms = document["schedule"]["conference"]["days"][0]["rooms"]
    person = rooms["Pacific Ballroom"][0]["persons"][0]
    assert person["public_name"] == person["name"] == "Íñigo Peña"
