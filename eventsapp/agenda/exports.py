"""Agenda exports: iCalendar, frab/pretalx schedule.xml and its JSON form.

Published sessions only; titles in the language asked for (falling back to the other).
Identifiers are derived from ids, so they stay the same from one export to the next.
Links are absolute URLs on the configured site (eventsapp/urls.py), in or out of a request."""

from __future__ import annotations

import hashlib
import json
import re
import uuid
import xml.etree.ElementTree as ET  # noqa: N817,S405  (we only write XML here)
from collections import defaultdict
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from flask_babel import force_locale
from flask_babel import gettext as _
from icalendar import Calendar
from icalendar import Event as CalendarEvent

from eventsapp.agenda.models import AgendaSession, SessionLanguage
from eventsapp.agenda.queries import published_sessions, rooms_and_tracks
from eventsapp.events.models import Event, Room, Track
from eventsapp.i18n import localized
from eventsapp.urls import external_url

FORMATS = ("ics", "xml", "json")
# The JSON schema's pattern for time zone names (others are left out, the field is optional).
TZ_PATTERN = re.compile(r"^([A-Z][a-z]+/[A-Z][a-z]+)|UTC$")
MIME_TYPES = {
    "ics": "text/calendar; charset=utf-8",
    "xml": "application/xml; charset=utf-8",
    "json": "application/json",  # always UTF-8 (RFC 8259): no charset parameter
}
LANGUAGE_CODES = {
    SessionLanguage.EN: "en",
    SessionLanguage.ES: "es",
    SessionLanguage.BILINGUAL: "en,es",
}


def session_uid(event: Event, session: AgendaSession) -> str:
    return f"session-{session.id}@{event.slug}.eventsapp"


def calendar_uid(event: Event, session: AgendaSession, lang: str) -> str:
    """One iCalendar UID per session and language: the English and Spanish feeds carry
    different text for the same session, and a calendar that imports both must keep both
    rather than let one replace the other (RFC 5545: a UID names one component)."""
    return f"session-{session.id}-{lang}@{event.slug}.eventsapp"


def session_guid(event: Event, session: AgendaSession) -> str:
    return str(uuid.uuid5(uuid.NAMESPACE_URL, session_uid(event, session)))


def _guid(kind: str, event: Event, key: str | int) -> str:
    return str(uuid.uuid5(uuid.NAMESPACE_URL, f"{kind}-{key}@{event.slug}.eventsapp"))


def acronym(event: Event) -> str:
    """The slug in the character set both schemas accept (at least four characters)."""
    return event.slug.replace("-", "_").ljust(4, "_")


def speaker_names(session: AgendaSession) -> list[str]:
    return [link.speaker.person.full_name for link in session.speaker_links]


def session_url(event: Event, session: AgendaSession) -> str:
    return external_url("agenda.session_page", slug=event.slug, session_id=session.id)


# --- iCalendar -------------------------------------------------------------------------------
def to_ics(event: Event, sessions: list[AgendaSession], lang: str, name: str = "") -> bytes:
    zone = ZoneInfo(event.timezone)
    calendar = Calendar()
    calendar.add("prodid", "-//eventsapp//agenda//EN")
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("x-wr-calname", name or localized(event, "title", lang))
    calendar.add("x-wr-timezone", event.timezone)
    with force_locale(lang):
        speakers_label = _("Speakers")
    for session in sessions:
        item = CalendarEvent()
        item.add("uid", calendar_uid(event, session, lang))
        # A published feed (no METHOD): DTSTAMP is when the session was last revised.
        item.add("dtstamp", session.updated_at)
        item.add("created", session.created_at)
        item.add("last-modified", session.updated_at)
        item.add("sequence", session.revision)
        item.add("dtstart", session.starts_at.astimezone(zone))
        item.add("dtend", session.ends_at.astimezone(zone))
        item.add("summary", localized(session, "title", lang))
        names = speaker_names(session)
        text = localized(session, "description", lang)
        if names:
            text = f"{speakers_label}: {', '.join(names)}" + (f"\n\n{text}" if text else "")
        if text:
            item.add("description", text)
        if session.room:
            item.add("location", session.room.name)
        if session.track:
            item.add("categories", [localized(session.track, "name", lang)])
        # Speakers are named in the description only: ATTENDEE lines would make calendar
        # apps offer to e-mail them invitations and replies.
        item.add("url", session_url(event, session))
        calendar.add_component(item)
    calendar.add_missing_timezones()
    data: bytes = calendar.to_ical()  # icalendar leaves to_ical unannotated
    return data


# --- frab / pretalx schedule -----------------------------------------------------------------
@dataclass
class Day:
    index: int
    date: date
    start: datetime
    end: datetime
    rooms: dict[str, list[AgendaSession]]


def _days(event: Event, sessions: list[AgendaSession], no_room: str) -> list[Day]:
    zone = ZoneInfo(event.timezone)
    dates = {
        event.start_date + timedelta(days=i)
        for i in range((event.end_date - event.start_date).days + 1)
    }
    by_date: dict[date, dict[str, list[Any]]] = defaultdict(lambda: defaultdict(list))
    for session in sessions:
        local = session.starts_at.astimezone(zone).date()
        dates.add(local)
        by_date[local][session.room.name if session.room else no_room].append(session)
    days = []
    for index, day in enumerate(sorted(dates), start=1):
        start = datetime.combine(day, time(0), tzinfo=zone)
        end = datetime.combine(day + timedelta(days=1), time(0), tzinfo=zone)
        days.append(Day(index, day, start, end, by_date.get(day, {})))
    return days


def _duration(session: AgendaSession) -> str:
    minutes = session.duration_minutes
    return f"{minutes // 60:02d}:{minutes % 60:02d}"


def _version(sessions: list[AgendaSession]) -> str:
    digest = hashlib.sha256()
    for s in sessions:
        digest.update(
            f"{s.id}|{s.starts_at.isoformat()}|{s.ends_at.isoformat()}|{s.room_id}|"
            f"{s.title_en}|{s.title_es}|{[link.speaker_id for link in s.speaker_links]}\n".encode()
        )
    return digest.hexdigest()[:12]


def _common(
    event: Event, lang: str
) -> tuple[list[AgendaSession], list[Room], list[Track], str, list[Day]]:
    sessions = published_sessions(event)
    rooms, tracks = rooms_and_tracks(event)
    with force_locale(lang):
        no_room = _("To be announced")
    return sessions, rooms, tracks, no_room, _days(event, sessions, no_room)


def to_xml(event: Event, lang: str) -> bytes:
    sessions, rooms, tracks, no_room, days = _common(event, lang)
    zone = ZoneInfo(event.timezone)
    root = ET.Element("schedule")
    ET.SubElement(root, "generator", name="eventsapp", version="1.0")
    ET.SubElement(root, "url").text = external_url("agenda.schedule_xml", slug=event.slug)
    ET.SubElement(root, "version").text = _version(sessions)
    conference = ET.SubElement(root, "conference")
    for tag, text in (
        ("title", localized(event, "title", lang)),
        ("acronym", acronym(event)),
        ("start", event.start_date.isoformat()),
        ("end", event.end_date.isoformat()),
        ("days", str(len(days))),
        ("timeslot_duration", "00:15"),
        ("base_url", external_url("events.event_page", slug=event.slug)),
        ("time_zone_name", event.timezone),
    ):
        ET.SubElement(conference, tag).text = text
    for track in tracks:
        ET.SubElement(conference, "track", name=localized(track, "name", lang), color=track.color)
    for day in days:
        element = ET.SubElement(
            root,
            "day",
            index=str(day.index),
            date=day.date.isoformat(),
            start=day.start.isoformat(),
            end=day.end.isoformat(),
        )
        for room_name, room_sessions in day.rooms.items():
            room_el = ET.SubElement(
                element, "room", name=room_name, guid=_guid("room", event, room_name)
            )
            for session in room_sessions:
                _xml_event(room_el, event, session, room_name, lang, zone)
    ET.indent(root)
    body: bytes = ET.tostring(root, encoding="utf-8")  # bytes for any encoding but "unicode"
    return b'<?xml version="1.0" encoding="utf-8"?>\n' + body


def _xml_event(
    parent: ET.Element,
    event: Event,
    session: AgendaSession,
    room_name: str,
    lang: str,
    zone: ZoneInfo,
) -> None:
    item = ET.SubElement(parent, "event", id=str(session.id), guid=session_guid(event, session))
    local = session.starts_at.astimezone(zone)
    for tag, text in (
        ("room", room_name),
        ("title", localized(session, "title", lang)),
        ("subtitle", ""),
        ("type", session.kind.value),
        ("date", local.isoformat()),
        ("start", local.strftime("%H:%M")),
        ("duration", _duration(session)),
        ("abstract", localized(session, "description", lang)),
        ("slug", f"{acronym(event)}-{session.id:04d}"),
        ("track", localized(session.track, "name", lang) if session.track else ""),
        ("language", LANGUAGE_CODES[session.language]),
        ("url", session_url(event, session)),
    ):
        ET.SubElement(item, tag).text = text
    persons = ET.SubElement(item, "persons")
    for link in session.speaker_links:
        ET.SubElement(
            persons,
            "person",
            id=str(link.speaker_id),
            guid=_guid("speaker", event, link.speaker_id),
        ).text = link.speaker.person.full_name


def to_json(event: Event, lang: str) -> bytes:
    sessions, rooms, tracks, no_room, days = _common(event, lang)
    zone = ZoneInfo(event.timezone)
    room_names = [room.name for room in rooms]
    if any(session.room is None for session in sessions):
        room_names.append(no_room)
    conference = {
        "acronym": acronym(event),
        "title": localized(event, "title", lang),
        "description": localized(event, "description", lang),
        "start": event.start_date.isoformat(),
        "end": event.end_date.isoformat(),
        "daysCount": len(days),
        "timeslot_duration": "00:15",
        **({"time_zone_name": event.timezone} if TZ_PATTERN.search(event.timezone) else {}),
        "url": external_url("events.event_page", slug=event.slug),
        "tracks": [{"name": localized(t, "name", lang), "color": t.color} for t in tracks],
        "rooms": [{"name": name, "guid": _guid("room", event, name)} for name in room_names],
        "days": [
            {
                "index": day.index,
                "date": day.date.isoformat(),
                "day_start": day.start.isoformat(),
                "day_end": day.end.isoformat(),
                "rooms": {
                    name: [_json_event(event, s, name, lang, zone) for s in items]
                    for name, items in day.rooms.items()
                },
            }
            for day in days
        ],
    }
    document = {
        "$schema": "https://c3voc.de/schedule/schema.json",
        "generator": {"name": "eventsapp", "version": "1.0"},
        "schedule": {
            "version": _version(sessions),
            "base_url": external_url("events.event_page", slug=event.slug),
            "conference": conference,
        },
    }
    return json.dumps(document, ensure_ascii=False, indent=2).encode("utf-8")


def _json_event(
    event: Event, session: AgendaSession, room_name: str, lang: str, zone: ZoneInfo
) -> dict[str, Any]:
    local = session.starts_at.astimezone(zone)
    return {
        "id": session.id,
        "guid": session_guid(event, session),
        "date": local.isoformat(),
        "start": local.strftime("%H:%M"),
        "end": session.ends_at.astimezone(zone).isoformat(),
        "duration": _duration(session),
        "room": room_name,
        "slug": f"{acronym(event)}-{session.id:04d}",
        "url": session_url(event, session),
        "title": localized(session, "title", lang),
        "subtitle": "",
        "track": localized(session.track, "name", lang) if session.track else None,
        "type": session.kind.value,
        "language": LANGUAGE_CODES[session.language],
        "abstract": localized(session, "description", lang),
        "description": "",
        "persons": [
            {
                # pretalx's shape (code + name), plus public_name as pretalx also writes it
                # for frab readers (pyfahrplan, older players); no frab "id", so the c3voc
                # schema's oneOf matches the pretalx person alone.
                "code": f"S{link.speaker_id}",
                "guid": _guid("speaker", event, link.speaker_id),
                "name": link.speaker.person.full_name,
                "public_name": link.speaker.person.full_name,
                "biography": localized(link.speaker, "bio", lang),
            }
            for link in session.speaker_links
        ],
        "links": [],
    }


def last_changed(event: Event, sessions: list[AgendaSession]) -> datetime:
    """The agenda's Last-Modified: its last recorded change, or its newest session."""
    stamps = [event.created_at, *(session.updated_at for session in sessions)]
    if event.agenda_changed_at is not None:
        stamps.append(event.agenda_changed_at)
    return max(stamps)


def export(event: Event, fmt: str, lang: str) -> bytes:
    if fmt == "ics":
        return to_ics(event, published_sessions(event), lang)
    if fmt == "xml":
        return to_xml(event, lang)
    return to_json(event, lang)
