"""Exports: iCalendar (whole event and personal), schedule.xml against the frab XSD,
schedule.json against its JSON Schema; the export-schedule command."""

import json
from pathlib import Path

import jsonschema
import pytest
from icalendar import Calendar
from lxml import etree

from eventsapp.agenda.models import SessionKind, SpeakerRole
from eventsapp.registration.links import registration_token
from tests.agenda_helpers import link
from tests.factories import (
    make_person,
    make_registration,
    make_room,
    make_session,
    make_speaker,
    make_track,
)

DATA = Path(__file__).parent / "data"


@pytest.fixture
def schedule(event, db):
    room = make_room(event, "Sala Juárez")
    track = make_track(event, "Cybercrime", "Ciberdelito")
    speaker = make_speaker(event, make_person(given_name="Íñigo", family_name="Peña"))
    moderator = make_speaker(event, make_person(given_name="Zoë", family_name="Muñoz"))
    plenary = make_session(
        event,
        hour=9,
        minutes=90,
        room=room,
        track_id=track.id,
        kind=SessionKind.PLENARY,
        title_en="Opening plenary",
        title_es="Plenaria inaugural",
        description_en="Welcome & goals.",
    )
    link(plenary, speaker)
    link(plenary, moderator, SpeakerRole.MODERATOR, 1)
    no_room = make_session(event, day=1, hour=15, title_en="Closing", title_es="")
    workshop = make_session(
        event,
        day=1,
        hour=10,
        kind=SessionKind.WORKSHOP,
        capacity=5,
        room=room,
        title_en="Evidence workshop",
    )
    make_session(event, hour=11, title_en="Draft session", published=False)
    return {"plenary": plenary, "no_room": no_room, "workshop": workshop}


def test_ics_export(client, event, schedule):
    response = client.get(f"/events/{event.slug}/agenda.ics")
    assert response.status_code == 200 and response.mimetype == "text/calendar"
    calendar = Calendar.from_ical(response.data)
    events = {str(e["SUMMARY"]): e for e in calendar.walk("VEVENT")}
    assert set(events) == {"Opening plenary", "Closing", "Evidence workshop"}
    plenary = events["Opening plenary"]
    assert str(plenary["UID"]) == f"session-{schedule['plenary'].id}-en@{event.slug}.eventsapp"
    assert plenary["DTSTART"].params["TZID"] == "America/Los_Angeles"
    assert plenary.decoded("DTSTART").hour == 9 and plenary.decoded("DTEND").minute == 30
    assert str(plenary["LOCATION"]) == "Sala Juárez"
    assert "Íñigo Peña, Zoë Muñoz" in str(plenary["DESCRIPTION"])
    assert "ATTENDEE" not in plenary  # speakers are not invited by calendar apps
    zones = [str(z["TZID"]) for z in calendar.walk("VTIMEZONE")]
    assert zones == ["America/Los_Angeles"]
    # UIDs are stable from one export to the next.
    again = Calendar.from_ical(client.get(f"/events/{event.slug}/agenda.ics").data)
    assert sorted(str(e["UID"]) for e in again.walk("VEVENT")) == sorted(
        str(e["UID"]) for e in events.values()
    )


def test_ics_language_parameter(client, event, schedule):
    calendar = Calendar.from_ical(client.get(f"/events/{event.slug}/agenda.ics?lang=es").data)
    titles = {str(e["SUMMARY"]) for e in calendar.walk("VEVENT")}
    assert "Plenaria inaugural" in titles and "Closing" in titles  # falls back to English


def test_personal_ics_holds_plenaries_and_confirmed_workshops(client, event, schedule, db):
    registration = make_registration(event)
    token = registration_token(registration)
    url = f"/events/{event.slug}/my/{token}/agenda.ics"
    titles = {str(e["SUMMARY"]) for e in Calendar.from_ical(client.get(url).data).walk("VEVENT")}
    assert titles == {"Opening plenary"}
    client.post(f"/events/{event.slug}/my/{token}/agenda/{schedule['workshop'].id}/signup")
    titles = {str(e["SUMMARY"]) for e in Calendar.from_ical(client.get(url).data).walk("VEVENT")}
    assert titles == {"Opening plenary", "Evidence workshop"}
    assert client.get(f"/events/{event.slug}/my/forged/agenda.ics").status_code == 404


def _xsd():
    return etree.XMLSchema(etree.parse(str(DATA / "schedule.xml.xsd")))


def test_schedule_xml_is_valid(client, event, schedule):
    response = client.get(f"/events/{event.slug}/schedule.xml")
    assert response.status_code == 200
    document = etree.fromstring(response.data)
    _xsd().assertValid(document)
    events = document.findall("day/room/event")
    assert sorted(e.findtext("title") for e in events) == [
        "Closing",
        "Evidence workshop",
        "Opening plenary",
    ]
    plenary = document.find(f"day/room/event[@id='{schedule['plenary'].id}']")
    assert plenary.findtext("start") == "09:00" and plenary.findtext("duration") == "01:30"
    assert plenary.findtext("date") == "2027-03-09T09:00:00-08:00"
    assert plenary.findtext("room") == "Sala Juárez"
    assert [p.text for p in plenary.findall("persons/person")] == ["Íñigo Peña", "Zoë Muñoz"]
    assert len(document.findall("day")) == 2
    again = etree.fromstring(client.get(f"/events/{event.slug}/schedule.xml").data)
    assert [e.get("guid") for e in again.findall("day/room/event")] == [
        e.get("guid") for e in events
    ]


def test_schedule_xml_in_spanish_and_empty_event_are_valid(client, event, schedule, db):
    document = etree.fromstring(client.get(f"/events/{event.slug}/schedule.xml?lang=es").data)
    _xsd().assertValid(document)
    assert "Plenaria inaugural" in [e.findtext("title") for e in document.iter("event")]
    from tests.factories import make_event

    empty = make_event("abc")  # shorter than the schema's acronym minimum
    _xsd().assertValid(etree.fromstring(client.get("/events/abc/schedule.xml").data))
    assert empty.slug == "abc"


def _json_schema():
    return json.loads((DATA / "schedule.schema.json").read_text())


def test_schedule_json_is_valid(client, event, schedule):
    response = client.get(f"/events/{event.slug}/schedule.json?lang=es")
    assert response.status_code == 200
    document = response.get_json()
    jsonschema.validate(
        document, _json_schema(), format_checker=jsonschema.Draft7Validator.FORMAT_CHECKER
    )
    conference = document["schedule"]["conference"]
    assert conference["daysCount"] == 2 and conference["time_zone_name"] == "America/Los_Angeles"
    day1 = conference["days"][0]["rooms"]["Sala Juárez"]
    assert day1[0]["title"] == "Plenaria inaugural"
    assert day1[0]["persons"][0]["name"] == "Íñigo Peña"
    titles = [e["title"] for d in conference["days"] for r in d["rooms"].values() for e in r]
    assert "Draft session" not in titles and len(titles) == 3


def test_export_schedule_command(runner, event, schedule, tmp_path):
    for fmt in ("ics", "xml", "json"):
        out = tmp_path / f"schedule.{fmt}"
        result = runner.invoke(
            args=["export-schedule", event.slug, "--format", fmt, "-o", str(out)]
        )
        assert result.exit_code == 0, result.output
        data = out.read_bytes()
        if fmt == "xml":
            _xsd().assertValid(etree.fromstring(data))
        elif fmt == "json":
            jsonschema.validate(json.loads(data), _json_schema())
        else:
            assert len(Calendar.from_ical(data).walk("VEVENT")) == 3
    result = runner.invoke(args=["export-schedule", "nope", "--format", "xml"])
    assert result.exit_code != 0 and "No event" in result.output
