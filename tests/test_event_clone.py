"""Copy to a new event: settings, rooms, tracks, delegations with quotas and the agenda move
to the new dates, each copied (not moved) and pointing at the copies; no registrations,
people, speakers or check-ins (as pretix's event clone tests check)."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest

from eventsapp.agenda.models import AgendaSession
from eventsapp.delegations.models import Delegation
from eventsapp.events.models import ConflictLevel, Event, EventStatus, Room, Track
from eventsapp.registration.models import Person, Registration
from tests.factories import (
    at,
    make_delegation,
    make_event,
    make_jurisdiction,
    make_registration,
    make_room,
    make_session,
    make_speaker,
    make_track,
    make_user,
)


@pytest.fixture
def source(db):
    event = make_event(
        "wags-2027",
        title_en="WAGS Summit 2027",
        title_es="Cumbre WAGS 2027",
        start_date=date(2027, 3, 9),  # before the US change to summer time (14 March)
        capacity=300,
        requires_approval=True,
        room_conflict_level=ConflictLevel.WARN,
        partners="DOJ\nFGR",
        registration_opens_at=datetime(2027, 1, 11, 17, 0, tzinfo=UTC),
    )
    pacific = make_room(event, "Pacific Ballroom", capacity=200)
    track = make_track(event, "Trafficking", "Trata")
    delegation = make_delegation(event, make_jurisdiction("Sonora"), seat_quota=7)
    session = make_session(event, day=1, hour=9, room=pacific)
    session.track_id = track.id
    registration = make_registration(event, delegation_id=delegation.id)
    registration.checked_in_at = datetime(2027, 3, 9, 16, 0, tzinfo=UTC)
    make_speaker(event)
    db.session.commit()
    return event


def _copy(client, login, source, **data):
    login(make_user("root@example.org", is_admin=True))
    form = {"slug": "wags-2028", "title_en": "WAGS 2028", "title_es": "WAGS 2028"}
    form.update(start_date="2028-03-14", **data)
    return client.post(f"/manage/events/{source.slug}/copy", data=form)


def test_the_form_suggests_next_year(client, login, source):
    login(make_user("root@example.org", is_admin=True))
    html = client.get(f"/manage/events/{source.slug}/copy").get_data(as_text=True)
    assert 'value="wags-2028"' in html and 'value="WAGS Summit 2028"' in html
    assert 'value="2028-03-07"' in html  # 52 weeks on: the same weekday


def test_copy_brings_the_set_up_and_moves_the_agenda(client, db, login, source):
    response = _copy(client, login, source)
    assert response.status_code == 302
    copy = db.session.scalar(db.select(Event).where(Event.slug == "wags-2028"))
    assert (copy.start_date, copy.end_date) == (date(2028, 3, 14), date(2028, 3, 15))
    assert copy.status is EventStatus.DRAFT
    assert (copy.capacity, copy.requires_approval, copy.partners) == (300, True, "DOJ\nFGR")
    assert copy.room_conflict_level is ConflictLevel.WARN
    # 2028-03-14 is 371 days after 2027-03-09 (29 February between): so is the opening,
    # at the same 9:00 local time
    assert copy.registration_opens_at.astimezone(UTC) == datetime(2028, 1, 17, 17, 0, tzinfo=UTC)

    def rows(model, event):
        return db.session.scalars(db.select(model).where(model.event_id == event.id)).all()

    for model in (Room, Track, Delegation, AgendaSession):
        assert len(rows(model, source)) == len(rows(model, copy)) == 1  # copied, not moved
    [room], [track] = rows(Room, copy), rows(Track, copy)
    assert (room.name, room.capacity, track.name_es) == ("Pacific Ballroom", 200, "Trata")
    [delegation] = rows(Delegation, copy)
    assert (delegation.name, delegation.seat_quota, delegation.head_person_id) == (
        "Sonora",
        7,
        None,
    )
    assert delegation.join_code != rows(Delegation, source)[0].join_code
    [session] = rows(AgendaSession, copy)
    assert (session.room_id, session.track_id) == (room.id, track.id)  # the copies
    # 9:00 on the second day, in summer time now (UTC-7 instead of UTC-8)
    assert session.starts_at.astimezone(UTC) == at(copy, 1, 9).astimezone(UTC)
    assert session.starts_at.astimezone(UTC).hour == 16
    assert session.speaker_links == []
    for model in (Registration, Person):
        assert rows(model, copy) == []
    assert len(rows(Registration, source)) == 1


def test_a_taken_short_name_is_refused_next_to_the_field(client, db, login, source):
    make_event("wags-2028")
    html = _copy(client, login, source).get_data(as_text=True)
    assert "Another event already uses this short name." in html
    assert db.session.scalar(db.select(db.func.count(Event.id))) == 2


def test_only_an_administrator_copies(client, db, login, source, organizer):
    from eventsapp.auth.models import EventRoleKind
    from tests.factories import grant

    grant(organizer, source, EventRoleKind.ORGANIZER)
    login(organizer)
    response = client.post(
        f"/manage/events/{source.slug}/copy",
        data={"slug": "mine", "title_en": "x", "title_es": "x", "start_date": "2028-01-01"},
    )
    assert response.status_code == 403
    assert db.session.scalar(db.select(Event).where(Event.slug == "mine")) is None


def test_overview_and_event_list_link_the_copy_for_those_who_may_copy(client, login, source):
    login(make_user("root@example.org", is_admin=True))
    copy_url = f"/manage/events/{source.slug}/copy"
    overview = client.get(f"/manage/events/{source.slug}/").get_data(as_text=True)
    assert f'href="{copy_url}"' in overview
    listing = client.get("/manage/").get_data(as_text=True)
    assert f'href="{copy_url}"' in listing
    assert 'aria-label="Copy WAGS Summit 2027 to a new event"' in listing
    assert client.get(copy_url).status_code == 200
    with client.session_transaction() as session:
        session["lang"] = "es"
    listing = client.get("/manage/").get_data(as_text=True)
    assert "Copiar Cumbre WAGS 2027 a un evento nuevo" in listing


def test_an_organizer_who_may_not_copy_sees_no_copy_link(client, login, source, organizer):
    from eventsapp.auth.models import EventRoleKind
    from tests.factories import grant

    grant(organizer, source, EventRoleKind.ORGANIZER)
    login(organizer)
    copy_url = f"/manage/events/{source.slug}/copy"
    for page in (
        f"/manage/events/{source.slug}/",
        "/manage/",
        f"/manage/events/{source.slug}/edit",
    ):
        response = client.get(page)
        assert response.status_code == 200, page
        assert copy_url not in response.get_data(as_text=True), page
    assert client.get(copy_url).status_code == 403
