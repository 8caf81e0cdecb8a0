"""The audit log reads as sentences with names (not ids), in the event's time, translated,
filtered by action in words, searchable by person (accents ignored), and as a CSV file."""

from __future__ import annotations

import csv
import io
from datetime import UTC, datetime

from eventsapp.audit.models import AuditEntry
from eventsapp.audit.services import record
from eventsapp.auth.models import EventRoleKind
from tests.factories import (
    grant,
    make_delegation,
    make_event,
    make_person,
    make_registration,
    make_room,
    make_session,
    make_user,
)


def _log(client, event, query="", lang="en"):
    with client.session_transaction() as session:
        session["lang"] = lang
    return client.get(f"/manage/events/{event.slug}/audit/{query}").get_data(as_text=True)


def _entries(db, event):
    ana = make_user("ana@example.org")
    ana.name = "Ana Ruiz"
    inaki = make_registration(
        event, make_person(given_name="Iñaki", family_name="Cortés", event=event)
    )
    other = make_registration(event, make_person(given_name="Olga", family_name="Paz", event=event))
    pacific, coronado = make_room(event, "Pacific Ballroom"), make_room(event, "Coronado Room")
    session = make_session(event, room=pacific)
    at = datetime(2027, 3, 9, 17, 5, tzinfo=UTC)  # 9:05 in Los Angeles (PST)
    record(ana, "checkin", inaki, summary="x", desk="Front desk A").at = at
    record(
        ana,
        "update",
        session,
        before={"room_id": pacific.id},
        after={"room_id": coronado.id},
    ).at = at
    record(
        ana,
        "badges.print",
        event,
        event_id=event.id,
        after={"registration_ids": [inaki.id, other.id], "layout": "a6"},
    ).at = at
    db.session.commit()
    return ana, inaki, other


def test_sentences_name_people_rooms_and_desks_in_local_time(client, db, login, organizer, event):
    _entries(db, event)
    login(organizer)
    html = _log(client, event)
    assert "Ana Ruiz checked in Iñaki Cortés at Front desk A" in html
    assert "Room: Pacific Ballroom → Coronado Room" in html
    assert "Iñaki Cortés, Olga Paz" in html
    assert "9:05\u202fAM" in html or "9:05 AM" in html
    assert "17:05" not in html
    assert "room_id" not in html and "#" + "1" not in html.split("<tbody>")[1].split("</tbody>")[0]
    es = _log(client, event, lang="es")
    assert "Ana Ruiz registró la llegada de Iñaki Cortés en Front desk A" in es
    assert "Sala: Pacific Ballroom → Coronado Room" in es


def test_filter_by_action_in_words_and_search_by_person(client, db, login, organizer, event):
    _entries(db, event)
    login(organizer)
    html = _log(client, event)
    assert '<option value="checkin" >Checked in</option>' in html.replace("  ", " ")
    assert ">checkin<" not in html and "AgendaSession" not in html
    only = _log(client, event, "?action=checkin")
    assert "checked in Iñaki" in only and "Coronado Room" not in only
    found = _log(client, event, "?q=INAKI+cortes")
    assert "checked in Iñaki Cortés" in found and "Coronado Room" not in found
    nobody = _log(client, event, "?q=zzz")
    assert "Nothing recorded yet." in nobody


def test_csv_export_is_neutralised_and_follows_the_filter(client, db, login, organizer, event):
    ana, inaki, _other = _entries(db, event)
    ana.name = "=cmd|' /C calc'!A0"
    db.session.commit()
    login(organizer)
    response = client.get(f"/manage/events/{event.slug}/audit/log.csv?action=checkin")
    assert response.status_code == 200
    assert "attachment" in response.headers["Content-Disposition"]
    rows = list(csv.reader(io.StringIO(response.get_data().decode("utf-8-sig"))))
    assert rows[0] == ["When", "Who", "Desk", "What", "Changes"]
    assert len(rows) == 2
    assert rows[1][1].startswith("'=cmd")
    assert "checked in Iñaki Cortés at Front desk A" in rows[1][3]


def test_another_events_organizer_cannot_read_or_export(client, db, login, event):
    _entries(db, event)
    stranger = make_user()
    grant(stranger, make_event(), EventRoleKind.ORGANIZER)
    login(stranger)
    assert client.get(f"/manage/events/{event.slug}/audit/log.csv").status_code == 403


def test_a_page_is_named_in_a_constant_number_of_queries(client, db, login, organizer, event):
    from sqlalchemy import event as sa_event

    delegation = make_delegation(event)
    for i in range(30):
        registration = make_registration(
            event, make_person(given_name=f"P{i}", family_name="Núñez", event=event)
        )
        record(None, "approve", registration, after={"delegation_id": delegation.id})
    db.session.commit()
    login(organizer)
    statements = []
    engine = db.engine
    listener = lambda *args: statements.append(args[2])  # noqa: E731
    sa_event.listen(engine, "before_cursor_execute", listener)
    try:
        html = _log(client, event)
    finally:
        sa_event.remove(engine, "before_cursor_execute", listener)
    assert html.count("approved the registration of P") == 30
    assert len(statements) < 20, statements
    assert db.session.scalar(db.select(db.func.count(AuditEntry.id))) >= 30
