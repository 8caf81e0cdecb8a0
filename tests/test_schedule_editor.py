"""The schedule grid and its JSON API: create, move, resize, edit; server re-validation."""

import re

from eventsapp.agenda.models import AgendaSession
from eventsapp.events.models import ConflictLevel
from tests.factories import at, make_event, make_room, make_session


def _api(client, event, session_id=None, headers=None, **changes):
    url = f"/manage/events/{event.slug}/schedule/api/sessions"
    if session_id:
        url += f"/{session_id}"
    return client.post(url, json=changes, headers=headers or {})


def test_grid_shows_rooms_sessions_and_free_slots(client, login, organizer, event, db):
    a, b = make_room(event, "Sala Juárez"), make_room(event, "Salón Hidalgo")
    session = make_session(event, hour=9, room=b, title_en="Opening plenary")
    make_session(event, day=1, hour=9, room=a, title_en="Second day")
    login(organizer)
    html = client.get(f"/manage/events/{event.slug}/schedule").get_data(as_text=True)
    assert "Sala Juárez" in html and "Salón Hidalgo" in html
    assert "Opening plenary" in html and "Second day" not in html
    assert f'data-id="{session.id}"' in html and 'draggable="true"' in html
    # 09:00 is row 8 when the grid starts at 07:00 with 15-minute slots; column 1 is room b.
    assert re.search(rf'data-id="{session.id}" data-row="8" data-span="4" data-col="1"', html)
    assert re.search(rf"/sessions/new\?start=2027-03-09T09(:|%3A)00&amp;room={a.id}\"", html)
    assert "js/schedule.js" in html and "<script>" not in html
    day2 = client.get(f"/manage/events/{event.slug}/schedule?day=2027-03-10").get_data(as_text=True)
    assert "Second day" in day2 and "Opening plenary" not in day2


def test_new_session_page_takes_slot_from_query(client, login, organizer, event, db):
    room = make_room(event)
    login(organizer)
    html = client.get(
        f"/manage/events/{event.slug}/sessions/new?start=2027-03-09T11:15&room={room.id}"
    ).get_data(as_text=True)
    assert 'value="2027-03-09T11:15"' in html
    assert f'<option selected value="{room.id}">' in html


def test_api_creates_session_in_free_slot(client, login, organizer, event, db):
    room = make_room(event)
    login(organizer)
    response = _api(
        client,
        event,
        title_en="Workshop on evidence",
        kind="workshop",
        room_id=str(room.id),
        starts_at="2027-03-09T14:00",
        minutes="90",
    )
    assert response.status_code == 200, response.json
    assert response.json["ok"] is True
    session = db.session.get(AgendaSession, response.json["id"])
    assert session.starts_at == at(event, 0, 14) and session.duration_minutes == 90
    assert session.room_id == room.id and session.kind.value == "workshop"


def test_api_moves_session_to_other_room_and_time_keeping_length(
    client, login, organizer, event, db
):
    a, b = make_room(event), make_room(event)
    session = make_session(
        event, hour=9, minutes=45, room=a, capacity=20, title_es="Sesión de apertura"
    )
    login(organizer)
    response = _api(client, event, session.id, room_id=str(b.id), starts_at="2027-03-10T11:30")
    assert response.json["ok"] is True
    db.session.refresh(session)
    assert session.room_id == b.id
    assert session.starts_at == at(event, 1, 11, 30) and session.duration_minutes == 45
    assert session.capacity == 20 and session.title_es == "Sesión de apertura"


def test_api_resizes_session(client, login, organizer, event, db):
    session = make_session(event, hour=9, minutes=60)
    login(organizer)
    assert _api(client, event, session.id, minutes=120).json["ok"]
    db.session.refresh(session)
    assert session.ends_at == at(event, 0, 11)
    bad = _api(client, event, session.id, minutes=0)
    assert bad.status_code == 400 and "ends_at" in bad.json["errors"]


def test_api_edits_details_in_place(client, login, organizer, event, db):
    session = make_session(event, published=True)
    login(organizer)
    assert _api(client, event, session.id, title_en="New title", capacity="12").json["ok"]
    db.session.refresh(session)
    assert session.title_en == "New title" and session.capacity == 12
    assert session.is_published  # untouched fields keep their values


def test_api_refuses_blocking_conflict_and_reports_warning(client, login, organizer, event, db):
    room = make_room(event, "Sala Juárez")
    make_session(event, hour=9, room=room, title_en="Opening")
    moving = make_session(event, hour=11, room=room)
    login(organizer)
    refused = _api(client, event, moving.id, starts_at="2027-03-09T09:30")
    assert refused.status_code == 409
    assert refused.json["errors"]["room_id"] == [
        'Sala Juárez already holds "Opening" at that time.'
    ]
    db.session.refresh(moving)
    assert moving.starts_at == at(event, 0, 11)
    event.room_conflict_level = ConflictLevel.WARN
    db.session.commit()
    warned = _api(client, event, moving.id, starts_at="2027-03-09T09:30")
    assert warned.json["ok"] and "already holds" in warned.json["warnings"][0]


def test_api_validates_input_again(client, login, organizer, event, db):
    session = make_session(event)
    login(organizer)
    assert _api(client, event, session.id, starts_at="not a date").status_code == 400
    assert _api(client, event, session.id, room_id="999999").status_code == 400
    assert _api(client, event, session.id, kind="party").status_code == 400
    assert _api(client, event, session.id, title_en="", title_es="").status_code == 400
    response = client.post(
        f"/manage/events/{event.slug}/schedule/api/sessions",
        data="[1, 2]",
        content_type="application/json",
    )
    assert response.status_code == 400


def test_api_is_scoped_to_event_and_role(client, login, organizer, event, db):
    other = make_event("other-summit")
    foreign = make_session(other)
    login(organizer)
    assert _api(client, event, foreign.id, minutes=30).status_code == 404
    assert _api(client, other, foreign.id, minutes=30).status_code == 403


def test_api_needs_csrf_header(client, login, organizer, event, db, app):
    session = make_session(event, hour=9)
    login(organizer)
    app.config["WTF_CSRF_ENABLED"] = True
    assert _api(client, event, session.id, minutes=30).status_code == 400
    page = client.get(f"/manage/events/{event.slug}/schedule").get_data(as_text=True)
    token = re.search(r'name="csrf-token" content="([^"]+)"', page).group(1)
    response = _api(client, event, session.id, headers={"X-CSRFToken": token}, minutes=30)
    assert response.status_code == 200 and response.json["ok"]
    db.session.refresh(session)
    assert session.duration_minutes == 30


def test_anonymous_api_call_is_sent_to_sign_in(client, event, db):
    session = make_session(event)
    assert _api(client, event, session.id, minutes=30).status_code == 302


def test_api_refuses_an_absurd_length_without_a_500(client, login, organizer, event, db):
    from tests.factories import make_room, make_session

    room = make_room(event)
    session = make_session(event, room=room)
    login(organizer)
    response = client.post(
        f"/manage/events/{event.slug}/schedule/api/sessions/{session.id}",
        json={"minutes": 4193295240},
    )
    assert response.status_code in (400, 422)
    db.session.refresh(session)
    assert session.duration_minutes == 60
