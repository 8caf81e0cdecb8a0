"""The schedule editor in a real browser: dragging a session into a room that is already
taken at that time is refused (room conflicts block by default), the organizer reads why,
and the session stays where it was."""

from __future__ import annotations

import pytest

from eventsapp.agenda.models import AgendaSession
from eventsapp.extensions import db
from tests.factories import make_room, make_session

pytestmark = pytest.mark.e2e

# The whole day fits on the screen: a drag that has to scroll the page would start from
# whatever is under the pointer after the scroll.
TALL = {"width": 1280, "height": 1600}


def test_dragging_a_session_into_an_occupied_room_shows_the_conflict(
    logged_in_page, event, organizer
):
    hall = make_room(event, "Hall Baja")
    annex = make_room(event, "Annex Sierra")
    keynote = make_session(event, hour=9, room=hall, title_en="Opening keynote")
    panel = make_session(event, hour=11, room=annex, title_en="Asset recovery panel")
    slug, panel_id, hall_id, annex_id = event.slug, panel.id, hall.id, annex.id
    keynote_id, panel_starts = keynote.id, panel.starts_at
    # From here on only plain values: an ORM read would open a transaction that, on SQLite,
    # holds the lock the live server waits for.
    page = logged_in_page(organizer, f"/manage/events/{slug}/schedule")
    page.set_viewport_size(TALL)
    problems = []
    page.on("pageerror", lambda error: problems.append(str(error)))
    page.evaluate("window.samePage = true")

    block = page.locator(f".schedule-session[data-id='{panel_id}']")
    start_before = block.get_attribute("data-start")
    assert block.get_attribute("data-room") == str(annex_id)
    assert page.locator(f".schedule-session[data-id='{keynote_id}']").is_visible()
    target = page.locator(f".schedule-cell[data-room='{hall_id}'][data-start$='T09:00']")
    assert target.count() == 1
    # Grab the block near its top (its lower edge is the resize handle), drop on 09:00 in
    # the hall, where the keynote is (force: the keynote covers the slot until the drag
    # starts, then lets the pointer through to the slot).
    block.drag_to(target, source_position={"x": 10, "y": 6}, force=True)

    status = page.locator("#schedule-status .alert-danger")
    status.first.wait_for()
    text = page.locator("#schedule-status").inner_text()
    assert "The change was refused:" in text
    assert 'Hall Baja already holds "Opening keynote" at that time.' in text
    # No reload happened, the block is still in its place, and the database agrees.
    assert page.evaluate("window.samePage === true")
    assert block.get_attribute("data-start") == start_before
    assert block.get_attribute("data-room") == str(annex_id)
    db.session.expire_all()
    session = db.session.get(AgendaSession, panel_id)
    assert (session.room_id, session.starts_at) == (annex_id, panel_starts)
    db.session.commit()
    assert problems == []


def test_dragging_a_session_into_a_free_slot_moves_it(logged_in_page, event, organizer):
    hall = make_room(event, "Hall Baja")
    annex = make_room(event, "Annex Sierra")
    panel = make_session(event, hour=11, room=annex, title_en="Asset recovery panel")
    slug, panel_id, hall_id = event.slug, panel.id, hall.id
    page = logged_in_page(organizer, f"/manage/events/{slug}/schedule")
    page.set_viewport_size(TALL)

    block = page.locator(f".schedule-session[data-id='{panel_id}']")
    target = page.locator(f".schedule-cell[data-room='{hall_id}'][data-start$='T14:00']")
    with page.expect_navigation():
        block.drag_to(target, source_position={"x": 10, "y": 6})
    moved = page.locator(f".schedule-session[data-id='{panel_id}']")
    assert moved.get_attribute("data-room") == str(hall_id)
    assert moved.get_attribute("data-start").endswith("T14:00")
    db.session.expire_all()
    assert db.session.get(AgendaSession, panel_id).room_id == hall_id
    db.session.commit()
