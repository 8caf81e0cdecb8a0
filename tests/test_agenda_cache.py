"""The public agenda's rendered body is kept per worker (eventsapp/agenda/cache.py): a change
shows at once in this process, languages and filters are kept apart, nothing per visitor is
reused, other processes' copies empty when the shared version moves, and expire. (Two apps
sharing Redis: tests/test_shared_state.py.)"""

from eventsapp.agenda import cache
from eventsapp.agenda.models import SpeakerRole
from tests.agenda_helpers import link
from tests.factories import make_person, make_room, make_session, make_speaker


def agenda(client, event, **headers) -> str:
    return client.get(f"/events/{event.slug}/agenda", headers=headers).get_data(as_text=True)


def test_an_edited_session_shows_at_once(client, event, db):
    session = make_session(event, title_en="Opening plenary")
    assert "Opening plenary" in agenda(client, event)
    session.title_en = "Opening plenary (moved)"
    db.session.commit()
    assert "Opening plenary (moved)" in agenda(client, event)
    session.is_published = False
    db.session.commit()
    assert "Opening plenary" not in agenda(client, event)


def test_new_sessions_rooms_and_speaker_names_show_at_once(client, event, db):
    session = make_session(event, title_en="Panel on evidence")
    assert "Panel on evidence" in agenda(client, event)
    make_session(event, hour=11, title_en="Afternoon workshop")
    assert "Afternoon workshop" in agenda(client, event)
    session.room_id = make_room(event, "Sala Juárez").id
    db.session.commit()
    assert "Sala Juárez" in agenda(client, event)
    person = make_person(given_name="Íñigo", family_name="Peña")
    link(session, make_speaker(event, person), SpeakerRole.MODERATOR)
    assert "Íñigo Peña (Moderator)" in agenda(client, event)
    person.family_name = "Peña Ruiz"
    db.session.commit()
    assert "Íñigo Peña Ruiz (Moderator)" in agenda(client, event)


def test_languages_and_filters_are_kept_apart(client, event, db):
    room = make_room(event)
    make_session(event, title_en="In the room", title_es="En la sala", room=room)
    make_session(event, hour=11, title_en="Elsewhere", title_es="En otra parte")
    assert "In the room" in agenda(client, event) and "Elsewhere" in agenda(client, event)
    spanish = agenda(client, event, **{"Accept-Language": "es"})
    assert "En la sala" in spanish and "In the room" not in spanish
    filtered = client.get(f"/events/{event.slug}/agenda?room={room.id}").get_data(as_text=True)
    assert "In the room" in filtered and "Elsewhere" not in filtered


def test_nothing_per_visitor_is_reused(app, client, event, organizer, login, db):
    make_session(event, title_en="Opening plenary")
    anonymous = app.test_client()
    assert "Sign in" in agenda(anonymous, event)
    login(organizer)
    page = agenda(client, event)
    assert "Opening plenary" in page and organizer.email in page and "Sign out" in page
    assert organizer.email not in agenda(anonymous, event)


def test_copies_expire_and_stay_bounded(monkeypatch):
    clock = [100.0]
    monkeypatch.setattr(cache.time, "monotonic", lambda: clock[0])
    renders = []
    kept = cache.RenderCache(5, max_entries=2)

    def render(value):
        renders.append(value)
        return value

    assert kept.get_or_render("a", lambda: render("a1")) == "a1"
    assert kept.get_or_render("a", lambda: render("a2")) == "a1"  # kept
    clock[0] += 6
    assert kept.get_or_render("a", lambda: render("a3")) == "a3"  # expired
    kept.get_or_render("b", lambda: render("b1"))
    kept.get_or_render("c", lambda: render("c1"))
    assert list(kept.entries) == ["b", "c"]  # the least recently used went first
    assert renders == ["a1", "a3", "b1", "c1"]
    assert cache.RenderCache(0).get_or_render("a", lambda: render("x")) == "x"
    assert cache.RenderCache(0).entries == {}


def test_other_workers_see_a_change_through_the_shared_version():
    shared = [1]
    worker = cache.RenderCache(3600, version=lambda: shared[0])
    assert worker.get_or_render("a", lambda: "before") == "before"
    assert worker.get_or_render("a", lambda: "unused") == "before"
    shared[0] += 1  # another process (or host) changed the agenda
    assert worker.get_or_render("a", lambda: "after") == "after"
    assert worker.get_or_render("a", lambda: "unused") == "after"


def test_without_the_shared_version_pages_are_rendered_afresh(app):
    def unreachable():
        raise cache.Unavailable("connection refused")

    worker = cache.RenderCache(3600, version=unreachable)
    assert worker.get_or_render("a", lambda: "first") == "first"
    assert worker.get_or_render("a", lambda: "second") == "second"  # no copy trusted
    assert worker.entries == {}


def test_without_redis_the_version_is_this_process_own(app, event, db):
    from eventsapp.redis_client import redis_client

    assert redis_client(app) is None
    assert cache.page_cache().version is None
    make_session(event, title_en="Opening plenary")  # a commit announces nothing, and fails not


def test_an_anonymous_reader_is_served_the_kept_page_without_queries(client, event, db):
    from sqlalchemy import event as sa_event

    from eventsapp.events.models import EventStatus

    make_session(event, title_en="Kept whole")
    first = agenda(client, event)
    statements = []
    listener = lambda *args: statements.append(args[2])  # noqa: E731
    sa_event.listen(db.engine, "before_cursor_execute", listener)
    try:
        again = agenda(client, event)
    finally:
        sa_event.remove(db.engine, "before_cursor_execute", listener)
    assert again == first and "Kept whole" in again
    assert statements == []
    event.status = EventStatus.DRAFT  # a change to the event empties the kept pages
    db.session.commit()
    assert client.get(f"/events/{event.slug}/agenda").status_code == 404


def test_a_waiting_message_is_not_served_from_the_kept_page(client, event, db):
    make_session(event, title_en="Flash check")
    agenda(client, event)
    with client.session_transaction() as session:
        session["_flashes"] = [("info", "A message for this reader only")]
    assert "A message for this reader only" in agenda(client, event)
    assert "A message for this reader only" not in agenda(client, event)
