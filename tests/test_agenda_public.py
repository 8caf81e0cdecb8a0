"""Public agenda, session and speakers pages: published only, filters, languages, and a
constant number of SQL queries."""

from contextlib import contextmanager

from flask_babel import refresh
from sqlalchemy import event as sa_event

from eventsapp.agenda.models import SessionKind, SessionLanguage, SpeakerRole
from eventsapp.events.models import EventStatus
from tests.agenda_helpers import link
from tests.factories import (
    make_event,
    make_person,
    make_room,
    make_session,
    make_speaker,
    make_track,
)


def test_agenda_shows_published_sessions_by_day(client, event, db):
    room = make_room(event, "Sala Juárez")
    speaker = make_speaker(event, make_person(given_name="Íñigo", family_name="Peña"))
    opening = make_session(event, hour=9, room=room, title_en="Opening plenary")
    link(opening, speaker, SpeakerRole.MODERATOR)
    make_session(event, day=1, hour=10, title_en="Second day panel")
    make_session(event, hour=11, title_en="Secret draft", published=False)
    html = client.get(f"/events/{event.slug}/agenda").get_data(as_text=True)
    assert "Opening plenary" in html and "Second day panel" in html
    assert "Secret draft" not in html
    assert "Sala Juárez" in html and "Íñigo Peña (Moderator)" in html
    assert html.count('role="tab"') == 2
    assert "9:00" in html  # shown in the event's time zone


def test_event_page_links_to_agenda_and_speakers(client, event):
    html = client.get(f"/events/{event.slug}").get_data(as_text=True)
    assert f"/events/{event.slug}/agenda" in html and f"/events/{event.slug}/speakers" in html


def test_draft_event_agenda_is_404(client, db):
    draft = make_event("draft-summit", status=EventStatus.DRAFT)
    session = make_session(draft)
    for path in (
        "agenda",
        f"agenda/sessions/{session.id}",
        "speakers",
        "agenda.ics",
        "schedule.xml",
        "schedule.json",
    ):
        assert client.get(f"/events/draft-summit/{path}").status_code == 404, path


def test_filters_by_track_room_and_language(client, event, db):
    track, room = make_track(event, "Cybercrime", "Ciberdelito"), make_room(event)
    make_session(event, hour=9, title_en="Tracked", track_id=track.id)
    make_session(event, hour=10, title_en="Roomed", room=room)
    make_session(event, hour=11, title_en="In Spanish", language=SessionLanguage.ES)
    base = f"/events/{event.slug}/agenda"
    html = client.get(f"{base}?track={track.id}").get_data(as_text=True)
    assert "Tracked" in html and "Roomed" not in html and "In Spanish" not in html
    html = client.get(f"{base}?room={room.id}").get_data(as_text=True)
    assert "Roomed" in html and "Tracked" not in html
    html = client.get(f"{base}?language=es").get_data(as_text=True)
    assert "In Spanish" in html and "Tracked" not in html
    html = client.get(f"{base}?language=xx&track=abc").get_data(as_text=True)
    assert "Tracked" in html and "Roomed" in html


def test_agenda_in_spanish_with_fallback(client, event, db):
    make_session(event, title_en="Money laundering", title_es="Lavado de dinero")
    make_session(event, hour=11, title_en="English only", title_es="")
    html = client.get(f"/events/{event.slug}/agenda", headers={"Accept-Language": "es"}).get_data(
        as_text=True
    )
    assert "Lavado de dinero" in html and "Money laundering" not in html
    assert "English only" in html
    assert "Ponentes" in html and "Todas las salas" in html and "Filtrar" in html


def test_session_page_with_speakers_and_bios(client, event, db):
    speaker = make_speaker(event, bio_en="Prosecutor from Sonora.", bio_es="Fiscal de Sonora.")
    session = make_session(event, title_en="Asset recovery", description_en="Tools & cases.")
    link(session, speaker)
    draft = make_session(event, hour=13, published=False)
    html = client.get(f"/events/{event.slug}/agenda/sessions/{session.id}").get_data(as_text=True)
    assert "Asset recovery" in html and "Tools &amp; cases." in html
    assert "Prosecutor from Sonora." in html and "María José Núñez" in html
    refresh()  # the test keeps one app context: forget the locale of the last request
    es = client.get(
        f"/events/{event.slug}/agenda/sessions/{session.id}", headers={"Accept-Language": "es"}
    ).get_data(as_text=True)
    assert "Fiscal de Sonora." in es
    assert client.get(f"/events/{event.slug}/agenda/sessions/{draft.id}").status_code == 404
    other = make_event("other-summit")
    assert client.get(f"/events/{other.slug}/agenda/sessions/{session.id}").status_code == 404


def test_speakers_page_lists_only_speakers_of_published_sessions(client, event, db):
    shown = make_speaker(event, make_person(given_name="Zoë", family_name="Muñoz"))
    hidden = make_speaker(event, make_person(given_name="Hidden", family_name="Person"))
    link(make_session(event, title_en="Public talk"), shown)
    link(make_session(event, hour=12, title_en="Draft talk", published=False), hidden)
    html = client.get(f"/events/{event.slug}/speakers").get_data(as_text=True)
    assert "Zoë Muñoz" in html and "Public talk" in html
    assert "Hidden Person" not in html and "Draft talk" not in html


def test_user_text_is_escaped(client, event, db):
    make_session(event, title_en="<script>alert(1)</script>")
    html = client.get(f"/events/{event.slug}/agenda").get_data(as_text=True)
    assert "<script>alert(1)</script>" not in html and "&lt;script&gt;" in html


@contextmanager
def count_queries(engine):
    statements = []

    def before(conn, cursor, statement, parameters, context, executemany):
        statements.append(statement)

    sa_event.listen(engine, "before_cursor_execute", before)
    try:
        yield statements
    finally:
        sa_event.remove(engine, "before_cursor_execute", before)


def _populate(event, count):
    rooms = [make_room(event) for _ in range(3)]
    tracks = [make_track(event, f"Track {i}", f"Tema {i}") for i in range(2)]
    speakers = [make_speaker(event) for _ in range(max(2, count // 4))]
    from eventsapp.extensions import db
    from tests.factories import at

    objects = []
    for i in range(count):
        from eventsapp.agenda.models import AgendaSession, SessionSpeaker

        starts = at(event, i % 2, 8 + (i % 10))
        session = AgendaSession(
            event_id=event.id,
            title_en=f"Session {i}",
            title_es=f"Sesión {i}",
            kind=SessionKind.PANEL,
            starts_at=starts,
            ends_at=starts.replace(minute=45),
            room_id=rooms[i % 3].id,
            track_id=tracks[i % 2].id,
            is_published=True,
        )
        session.speaker_links = [
            SessionSpeaker(speaker_id=speakers[(i + k) % len(speakers)].id, position=k)
            for k in range(2)
        ]
        objects.append(session)
    db.session.add_all(objects)
    db.session.commit()


def _queries_for(client, app, slug):
    from eventsapp.extensions import db

    db.session.remove()  # start from an empty identity map, as a fresh request would
    with count_queries(db.engine) as statements:
        response = client.get(f"/events/{slug}/agenda")
    assert response.status_code == 200
    return len(statements), response.get_data(as_text=True)


def test_agenda_runs_constant_number_of_queries(client, app, db):
    few, many = make_event("few-sessions"), make_event("many-sessions")
    _populate(few, 3)
    _populate(many, 200)
    few_count, _ = _queries_for(client, app, "few-sessions")
    many_count, html = _queries_for(client, app, "many-sessions")
    assert html.count("agenda-session") >= 200
    assert few_count == many_count
    assert many_count <= 12
