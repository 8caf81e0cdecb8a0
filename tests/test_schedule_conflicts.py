"""Sessions in the back office and every conflict rule, at both levels."""

from decimal import Decimal

import pytest

from eventsapp.agenda.conflicts import all_conflicts
from eventsapp.agenda.models import AgendaSession, SpeakerRole
from eventsapp.events.models import ConflictLevel
from tests.agenda_helpers import available, link, session_form
from tests.factories import at, make_event, make_room, make_session, make_speaker, make_track


def _post(client, event, session_id=None, **data):
    url = (
        f"/manage/events/{event.slug}/sessions/{session_id}/edit"
        if session_id
        else f"/manage/events/{event.slug}/sessions/new"
    )
    return client.post(url, data=session_form(event, **data), follow_redirects=True)


def _count(db):
    return db.session.scalar(db.select(db.func.count(AgendaSession.id)))


def _set(db, event, **levels):
    for key, value in levels.items():
        setattr(event, f"{key}_conflict_level", value)
    db.session.commit()


def test_create_session_with_speakers_and_roles(client, login, organizer, event, db):
    room, track = make_room(event, "Sala Juárez"), make_track(event)
    a, b = make_speaker(event), make_speaker(event)
    login(organizer)
    response = _post(
        client,
        event,
        room_id=room.id,
        track_id=track.id,
        capacity="40",
        cle_hours="1.5",
        speaker_ids=[a.id],
        moderator_ids=[b.id],
    )
    assert "Saved." in response.get_data(as_text=True)
    session = db.session.scalar(db.select(AgendaSession))
    assert session.starts_at == at(event, 0, 9) and session.ends_at == at(event, 0, 10)
    assert session.cle_hours == Decimal("1.50") and session.capacity == 40
    assert {(x.speaker_id, x.role) for x in session.speaker_links} == {
        (a.id, SpeakerRole.SPEAKER),
        (b.id, SpeakerRole.MODERATOR),
    }
    assert not session.is_published


def test_edit_and_delete_session(client, login, organizer, event, db):
    session = make_session(event, published=False)
    login(organizer)
    page = client.get(f"/manage/events/{event.slug}/sessions/{session.id}/edit")
    assert session.title_en in page.get_data(as_text=True)
    _post(client, event, session.id, title_en="Renamed", start=(14, 0), end=(15, 30))
    db.session.refresh(session)
    assert session.title_en == "Renamed" and session.duration_minutes == 90
    client.post(f"/manage/events/{event.slug}/sessions/{session.id}/delete")
    assert _count(db) == 0


def test_end_before_start_is_refused(client, login, organizer, event, db):
    login(organizer)
    html = _post(client, event, start=(10, 0), end=(9, 0)).get_data(as_text=True)
    assert "The session must end after it starts." in html
    assert _count(db) == 0


def test_speaker_in_two_roles_is_refused(client, login, organizer, event, db):
    a = make_speaker(event)
    login(organizer)
    html = _post(client, event, speaker_ids=[a.id], panelist_ids=[a.id]).get_data(as_text=True)
    assert "only one role" in html and _count(db) == 0


def test_ids_of_another_event_are_refused(client, login, organizer, event, db):
    other = make_event("other-summit")
    room, speaker = make_room(other), make_speaker(other)
    foreign = make_session(other)
    login(organizer)
    _post(client, event, room_id=room.id)
    _post(client, event, speaker_ids=[speaker.id])
    assert _count(db) == 1  # only the other event's own session
    assert client.get(f"/manage/events/{event.slug}/sessions/{foreign.id}/edit").status_code == 404


def test_publish_one_and_all(client, login, organizer, event, db):
    s1, s2, s3 = (make_session(event, hour=h, published=False) for h in (9, 11, 13))
    login(organizer)
    client.post(f"/manage/events/{event.slug}/sessions/{s1.id}/publish", data={"publish": "1"})
    db.session.expire_all()
    assert [s.is_published for s in (s1, s2, s3)] == [True, False, False]
    client.post(f"/manage/events/{event.slug}/sessions/{s1.id}/publish", data={"publish": "0"})
    db.session.expire_all()
    assert not s1.is_published
    html = client.post(
        f"/manage/events/{event.slug}/sessions/publish-all", follow_redirects=True
    ).get_data(as_text=True)
    assert "3 sessions published." in html
    db.session.expire_all()
    assert all(s.is_published for s in (s1, s2, s3))


# --- rules -----------------------------------------------------------------------------------
def test_room_double_booking_blocks(client, login, organizer, event, db):
    room = make_room(event, "Sala Juárez")
    make_session(event, hour=9, minutes=60, room=room, title_en="Opening")
    login(organizer)
    html = _post(client, event, start=(9, 30), end=(10, 30), room_id=room.id).get_data(as_text=True)
    assert "Sala Juárez already holds &#34;Opening&#34; at that time." in html
    assert _count(db) == 1


def test_identical_start_and_length_conflicts(client, login, organizer, event, db):
    room = make_room(event)
    make_session(event, hour=9, minutes=60, room=room)
    login(organizer)
    _post(client, event, start=(9, 0), end=(10, 0), room_id=room.id)
    assert _count(db) == 1


def test_touching_sessions_do_not_conflict(client, login, organizer, event, db):
    room, speaker = make_room(event), make_speaker(event)
    first = make_session(event, hour=9, minutes=60, room=room)
    link(first, speaker)
    login(organizer)
    html = _post(
        client, event, start=(10, 0), end=(11, 0), room_id=room.id, speaker_ids=[speaker.id]
    ).get_data(as_text=True)
    assert "Saved." in html and "Warning" not in html
    assert _count(db) == 2
    assert all_conflicts(event) == []


def test_room_double_booking_warns_when_set_to_warn(client, login, organizer, event, db):
    room = make_room(event, "Sala Juárez")
    make_session(event, hour=9, minutes=60, room=room)
    _set(db, event, room=ConflictLevel.WARN)
    login(organizer)
    html = _post(client, event, start=(9, 30), end=(10, 30), room_id=room.id).get_data(as_text=True)
    assert "Saved." in html and "Warning: Sala Juárez already holds" in html
    assert _count(db) == 2


def test_same_room_in_different_rooms_is_fine(client, login, organizer, event, db):
    make_session(event, hour=9, minutes=60, room=make_room(event))
    login(organizer)
    _post(client, event, room_id=make_room(event).id)
    assert _count(db) == 2


@pytest.mark.parametrize("role", ["speaker_ids", "moderator_ids", "panelist_ids"])
def test_speaker_double_booking_blocks(client, login, organizer, event, db, role):
    speaker = make_speaker(event)
    other = make_session(event, hour=9, minutes=90, title_en="Opening")
    link(other, speaker, SpeakerRole.MODERATOR)
    login(organizer)
    html = _post(client, event, start=(10, 0), end=(11, 0), **{role: [speaker.id]}).get_data(
        as_text=True
    )
    assert "María José Núñez is already in &#34;Opening&#34; at that time." in html
    assert _count(db) == 1


def test_speaker_double_booking_warns(client, login, organizer, event, db):
    speaker = make_speaker(event)
    link(make_session(event, hour=9), speaker)
    _set(db, event, speaker=ConflictLevel.WARN)
    login(organizer)
    html = _post(client, event, speaker_ids=[speaker.id]).get_data(as_text=True)
    assert "Warning: María José Núñez is already in" in html
    assert _count(db) == 2


def test_outside_event_days_blocks_then_warns(client, login, organizer, event, db):
    login(organizer)
    html = _post(client, event, day=2).get_data(as_text=True)  # the event lasts two days
    assert "outside the event&#39;s days" in html and _count(db) == 0
    html = _post(client, event, day=-1, start=(23, 0), end=(23, 30)).get_data(as_text=True)
    assert "outside the event&#39;s days" in html and _count(db) == 0
    # The last evening up to midnight is inside the event.
    assert "Saved." in _post(client, event, day=1, start=(22, 0), end=(23, 59)).get_data(
        as_text=True
    )
    _set(db, event, outside_days=ConflictLevel.WARN)
    html = _post(client, event, day=2).get_data(as_text=True)
    assert "Warning: The session is outside the event&#39;s days." in html
    assert _count(db) == 2


def test_speaker_outside_availability(client, login, organizer, event, db):
    speaker = make_speaker(event)
    available(speaker, at(event, 0, 8), at(event, 0, 10))
    login(organizer)
    html = _post(client, event, start=(9, 0), end=(10, 0), speaker_ids=[speaker.id]).get_data(
        as_text=True
    )
    assert "Saved." in html and "not available" not in html  # ends exactly at the window end
    html = _post(client, event, start=(9, 30), end=(10, 30), speaker_ids=[speaker.id]).get_data(
        as_text=True
    )
    # Default level is WARN (and here the speaker is also double-booked: that blocks).
    assert "already in" in html
    _set(db, event, speaker=ConflictLevel.WARN)
    html = _post(client, event, day=1, speaker_ids=[speaker.id]).get_data(as_text=True)
    assert "Warning: María José Núñez is not available at that time." in html
    _set(db, event, availability=ConflictLevel.BLOCK)
    html = _post(
        client, event, day=1, start=(14, 0), end=(15, 0), speaker_ids=[speaker.id]
    ).get_data(as_text=True)
    assert "is not available at that time." in html and "Warning" not in html
    assert _count(db) == 2


def test_speaker_without_windows_is_always_available(client, login, organizer, event, db):
    speaker = make_speaker(event)
    _set(db, event, availability=ConflictLevel.BLOCK)
    login(organizer)
    _post(client, event, speaker_ids=[speaker.id])
    assert _count(db) == 1


def test_capacity_above_room(client, login, organizer, event, db):
    room = make_room(event, "Sala Juárez", capacity=30)
    login(organizer)
    html = _post(client, event, room_id=room.id, capacity="50").get_data(as_text=True)
    assert "Warning: The session&#39;s capacity (50) is above the room&#39;s (30)." in html
    _set(db, event, room_capacity=ConflictLevel.BLOCK)
    html = _post(client, event, day=1, room_id=room.id, capacity="31").get_data(as_text=True)
    assert "is above the room" in html and _count(db) == 1
    _post(client, event, day=1, room_id=room.id, capacity="30")
    assert _count(db) == 2


def test_editing_a_session_does_not_conflict_with_itself(client, login, organizer, event, db):
    room = make_room(event)
    session = make_session(event, hour=9, minutes=60, room=room)
    login(organizer)
    _post(client, event, session.id, start=(9, 15), end=(10, 15), room_id=room.id)
    db.session.refresh(session)
    assert session.starts_at == at(event, 0, 9, 15)


def test_conflicts_page_lists_every_conflict_with_links(client, login, organizer, event, db):
    room = make_room(event, "Sala Juárez", capacity=10)
    speaker = make_speaker(event)
    a = make_session(event, hour=9, room=room, title_en="Alpha", capacity=20)
    b = make_session(event, hour=9, room=room, title_en="Beta")
    c = make_session(event, day=5, title_en="Gamma")
    link(a, speaker)
    link(b, speaker)
    make_session(event, hour=10, room=room, title_en="Touching")
    found = all_conflicts(event)
    assert sorted(f.rule for f in found) == ["outside_days", "room", "room_capacity", "speaker"]
    login(organizer)
    html = client.get(f"/manage/events/{event.slug}/conflicts").get_data(as_text=True)
    assert "Sala Juárez already holds &#34;Beta&#34;" in html
    assert f"/sessions/{a.id}/edit" in html and f"/sessions/{b.id}/edit" in html
    assert f"/sessions/{c.id}/edit" in html
    assert "Touching" not in html


def test_conflicts_page_when_clean(client, login, organizer, event):
    login(organizer)
    html = client.get(f"/manage/events/{event.slug}/conflicts").get_data(as_text=True)
    assert "No conflicts" in html
