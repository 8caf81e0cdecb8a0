"""Travel and accommodation: the switch, the registrant's page through the personal link,
the head's page for a member, the organizers' page per registration; the rules (dates,
hotel and room type, nights, sharing) and who may read or change what."""

from __future__ import annotations

from datetime import date, time

from eventsapp.audit.models import AuditEntry
from eventsapp.auth.models import EventRoleKind
from eventsapp.registration.links import registration_token
from eventsapp.registration.models import Language, RegistrationStatus
from tests.factories import (
    grant,
    make_delegation,
    make_event,
    make_person,
    make_registration,
    make_user,
)
from tests.travel_helpers import (
    details_of,
    head_url,
    journey,
    link_url,
    make_block,
    make_hotel,
    make_stay,
    manage_url,
    travel_data,
)


def _on(event):
    event.collect_travel = True
    from eventsapp.extensions import db

    db.session.commit()
    return event


def test_organizer_switches_travel_on_and_the_link_page_offers_it(
    client, db, login, organizer, event
):
    registration = make_registration(event)
    page = f"/events/{event.slug}/my-registration/{registration_token(registration)}"
    assert "My travel and accommodation" not in client.get(page).get_data(as_text=True)
    assert client.get(link_url(event, registration)).status_code == 404

    login(organizer)
    response = client.post(manage_url(event), data={"collect_travel": "y"})
    assert response.status_code == 302
    db.session.expire_all()
    assert event.collect_travel is True
    entry = db.session.scalars(db.select(AuditEntry).order_by(AuditEntry.id.desc())).first()
    assert (entry.object_type, entry.after) == ("Event", {"collect_travel": True})

    client.post("/logout")
    html = client.get(page).get_data(as_text=True)
    assert link_url(event, registration) in html
    assert client.get(link_url(event, registration)).status_code == 200


def test_registrant_saves_journey_and_stay(client, db, event):
    _on(event)
    hotel = make_hotel(event)
    block = make_block(hotel, "Double")
    registration = make_registration(event)
    url = link_url(event, registration)
    form = client.get(url).get_data(as_text=True)
    assert "Hotel Coronado: Double" in form
    assert 'name="sharing_with_id"' not in form  # the list of registrants is not theirs

    data = journey(
        hotel_id=hotel.id,
        room_block_id=block.id,
        sharing_with_name="Luis Ortega (spouse)",
        special_requests="Quiet room, high floor",
    )
    response = client.post(url, data=data)
    assert response.status_code == 302, response.get_data(as_text=True)
    db.session.expire_all()
    assert (registration.arrival_date, registration.departure_date) == (
        date(2027, 3, 8),
        date(2027, 3, 11),
    )
    details = details_of(registration)
    assert (details.arrival_time, details.arrival_flight, details.arrival_airport) == (
        time(9, 40),
        "AM 784",
        "TIJ",
    )
    # check-in and check-out left empty: the arrival and departure dates
    assert (details.check_in, details.check_out, details.nights) == (
        date(2027, 3, 8),
        date(2027, 3, 11),
        3,
    )
    assert (details.hotel_id, details.room_block_id) == (hotel.id, block.id)
    assert details.sharing_with_name == "Luis Ortega (spouse)"
    entry = db.session.scalars(db.select(AuditEntry).order_by(AuditEntry.id.desc())).first()
    assert entry.object_type == "Registration" and "arrival_flight" in entry.summary
    assert "AM 784" not in entry.summary and entry.after is None  # names, never values
    shown = client.get(url).get_data(as_text=True)
    assert 'value="AM 784"' in shown and "Quiet room, high floor" in shown


def test_room_type_alone_names_its_hotel(client, db, event):
    _on(event)
    block = make_block(make_hotel(event), "Suite")
    registration = make_registration(event)
    client.post(link_url(event, registration), data=journey(room_block_id=block.id))
    assert details_of(registration).hotel_id == block.hotel_id


def _errors(client, url, data) -> str:
    response = client.post(url, data=data)
    assert response.status_code == 200
    return response.get_data(as_text=True)


def test_bad_journeys_are_refused_next_to_the_field_and_nothing_is_saved(client, db, event):
    _on(event)
    hotel = make_hotel(event)
    block = make_block(hotel)
    other_hotel = make_hotel(event, "Hotel Lucerna")
    make_block(other_hotel, "Twin")
    foreign = make_block(make_hotel(make_event(), "Elsewhere Inn"))
    registration = make_registration(event)
    url = link_url(event, registration)
    cases = [
        (journey(departure_date="2027-03-07"), "departure_date", "Departure cannot be before"),
        (
            journey(departure_date="2027-03-08", departure_time="08:00"),
            "departure_time",
            "departure must be later than arrival",
        ),
        (journey(arrival_date="2027-06-01"), "arrival_date", "Give a date between"),
        (journey(arrival_date="9999-01-01"), "arrival_date", "Give a date between 1900"),
        (journey(arrival_date="2027-02-30"), "arrival_date", "Not a valid date"),
        (journey(arrival_time="25:61"), "arrival_time", "Not a valid time"),
        (travel_data(arrival_time="10:00"), "arrival_date", "Give the date as well"),
        (journey(arrival_flight="AM\x1b784"), "arrival_flight", "control character U+001B"),
        (journey(arrival_carrier="x" * 81), "arrival_carrier", "longer than 80"),
        (journey(special_requests="y" * 2001), "special_requests", "longer than 2000"),
        (journey(hotel_id=foreign.hotel_id), "hotel_id", "Not a valid choice"),
        (journey(room_block_id=foreign.id), "room_block_id", "Not a valid choice"),
        (journey(hotel_id=hotel.id), "room_block_id", "Choose a room type."),
        (
            journey(hotel_id=other_hotel.id, room_block_id=block.id),
            "room_block_id",
            "belongs to another hotel",
        ),
        (
            journey(room_block_id=block.id, check_in="2027-03-10", check_out="2027-03-10"),
            "check_out",
            "at least one night",
        ),
        (
            travel_data(hotel_id=hotel.id, room_block_id=block.id),
            "check_in",
            "Give the check-in date",
        ),
        (journey(check_in="2027-03-08"), "hotel_id", "Choose the hotel of these nights"),
        (journey(sharing_with_id="1"), None, None),  # not a field of theirs: ignored
    ]
    for data, field, message in cases:
        html = _errors(client, url, data) if field else None
        if field is None:
            assert client.post(url, data=data).status_code == 302
            assert details_of(registration).sharing_with_id is None
            continue
        assert f'id="{field}-error"' in html, (field, data)
        assert message in html.split(f'id="{field}-error"', 1)[1][:300], (field, message)
        db.session.expire_all()
        assert details_of(registration) is None or field is None
        assert registration.arrival_date is None


def test_the_link_of_another_registration_or_event_opens_nothing(client, db, event):
    _on(event)
    mine = make_registration(event)
    make_stay(mine, make_block(make_hotel(event)), special_requests="Allergic to feathers")
    other_event = _on(make_event())
    theirs = make_registration(other_event)
    # another event's link on this event's URL, a forged one, a replaced one: 404
    for url in (
        f"/events/{event.slug}/my/{registration_token(theirs)}/travel",
        f"/events/{event.slug}/my/{registration_token(mine)}x/travel",
    ):
        assert client.get(url).status_code == 404
        assert client.post(url, data=journey()).status_code == 404
    old = link_url(event, mine)
    mine.access_key = "rotated"
    db.session.commit()
    assert client.get(old).status_code == 404
    assert client.post(old, data=journey(special_requests="changed")).status_code == 404
    assert details_of(mine).special_requests == "Allergic to feathers"


def test_a_cancelled_registration_cannot_change_its_travel(client, db, event):
    _on(event)
    registration = make_registration(event, status=RegistrationStatus.CANCELLED)
    url = link_url(event, registration)
    assert "no longer active" in client.get(url).get_data(as_text=True)
    client.post(url, data=journey())
    assert details_of(registration) is None


def test_a_full_block_refuses_registrants_and_warns_organizers(client, db, login, organizer, event):
    _on(event)
    hotel = make_hotel(event)
    block = make_block(hotel, "Single", rooms=1)
    make_stay(make_registration(event), block, date(2027, 3, 9), date(2027, 3, 10))
    registration = make_registration(event)
    html = _errors(client, link_url(event, registration), journey(room_block_id=block.id))
    assert "No room of this type is left for the night of Mar 9, 2027" in html
    assert details_of(registration) is None
    # nights that avoid the full one are fine
    client.post(
        link_url(event, registration),
        data=journey(room_block_id=block.id, check_in="2027-03-10", check_out="2027-03-11"),
    )
    assert details_of(registration).check_in == date(2027, 3, 10)

    login(organizer)
    late = make_registration(event)
    url = manage_url(event, f"registrations/{late.id}")
    response = client.post(url, data=journey(room_block_id=block.id), follow_redirects=True)
    html = response.get_data(as_text=True)
    assert (
        "Single at Hotel Coronado is over-booked on the night of Mar 9, 2027, Mar 10, 2027" in html
    )
    assert details_of(late).room_block_id == block.id
    index = client.get(manage_url(event)).get_data(as_text=True)
    assert index.count("Over-booked by 1") == 2  # the nights of 9 and 10 March


def test_sharing_a_room_takes_no_second_room(client, db, login, event):
    _on(event)
    delegation = make_delegation(event)
    head = make_user("head@example.org")
    grant(head, event, EventRoleKind.HEAD, delegation)
    block = make_block(make_hotel(event), "Double", rooms=1)
    first = make_registration(event, delegation_id=delegation.id)
    make_stay(first, block, date(2027, 3, 8), date(2027, 3, 11))
    second = make_registration(event, delegation_id=delegation.id)
    login(head)
    url = head_url(event, delegation, second)
    html = _errors(client, url, journey(room_block_id=block.id))
    assert "No room of this type is left" in html
    response = client.post(url, data=journey(room_block_id=block.id, sharing_with_id=first.id))
    assert response.status_code == 302
    assert details_of(second).sharing_with_id == first.id


def test_head_edits_only_members_of_their_own_delegation(client, db, login, event):
    _on(event)
    hotel = make_hotel(event)
    block = make_block(hotel)
    delegation_a, delegation_b = make_delegation(event), make_delegation(event)
    head_a = make_user("head.a@example.org")
    grant(head_a, event, EventRoleKind.HEAD, delegation_a)
    member_a = make_registration(event, delegation_id=delegation_a.id)
    mate_a = make_registration(
        event, make_person(given_name="Rosa", family_name="Mate"), delegation_id=delegation_a.id
    )
    member_b = make_registration(event, delegation_id=delegation_b.id)
    make_stay(member_b, block, special_requests="B's own")
    outsider = make_registration(event, make_person(given_name="Otto", family_name="Outsider"))
    login(head_a)
    portal = client.get(f"/events/{event.slug}/my-delegation/{delegation_a.id}/").get_data(
        as_text=True
    )
    assert head_url(event, delegation_a, member_a) in portal
    page = client.get(head_url(event, delegation_a, member_a)).get_data(as_text=True)
    assert "Rosa Mate" in page and "Otto Outsider" not in page  # sharing: own members only
    for url in (
        head_url(event, delegation_a, member_b),  # a member of B through A's portal
        head_url(event, delegation_b, member_b),  # B's portal
    ):
        assert client.get(url).status_code == 404
        assert client.post(url, data=journey(special_requests="hacked")).status_code == 404
    assert details_of(member_b).special_requests == "B's own"
    html = _errors(
        client,
        head_url(event, delegation_a, member_a),
        journey(room_block_id=block.id, sharing_with_id=outsider.id),
    )
    assert "Not a valid choice" in html.split('id="sharing_with_id-error"')[1][:200]
    response = client.post(
        head_url(event, delegation_a, member_a),
        data=journey(room_block_id=block.id, sharing_with_id=mate_a.id),
    )
    assert response.status_code == 302
    assert details_of(member_a).sharing_with_id == mate_a.id


def test_other_events_organizer_and_objects(client, db, login, organizer, event):
    _on(event)
    hotel = make_hotel(event)
    block = make_block(hotel)
    registration = make_registration(event)
    make_stay(registration, block, special_requests="Mine")
    other = _on(make_event())
    other_hotel = make_hotel(other, "Other Hotel")
    other_block = make_block(other_hotel)
    other_registration = make_registration(other)
    stranger = make_user("stranger@example.org")
    grant(stranger, other, EventRoleKind.ORGANIZER)

    login(stranger)
    for path in (
        "",
        "travellers",
        f"registrations/{registration.id}",
        "arrivals.xlsx",
        f"hotels/{hotel.id}/edit",
        f"hotels/{hotel.id}/rooming-list.xlsx",
    ):
        assert client.get(manage_url(event, path)).status_code == 403, path
    assert (
        client.post(
            manage_url(event, f"registrations/{registration.id}"), data=journey()
        ).status_code
        == 403
    )
    assert details_of(registration).special_requests == "Mine"

    login(organizer)
    for path in (
        f"registrations/{other_registration.id}",
        f"hotels/{other_hotel.id}/edit",
        f"hotels/{other_hotel.id}/rooming-list.xlsx",
        f"blocks/{other_block.id}/edit",
        f"hotels/{other_hotel.id}/blocks/new",
    ):
        assert client.get(manage_url(event, path)).status_code == 404, path
    assert client.post(manage_url(event, f"hotels/{other_hotel.id}/delete")).status_code == 404
    assert client.post(manage_url(event, f"blocks/{other_block.id}/delete")).status_code == 404
    html = _errors(
        client,
        manage_url(event, f"registrations/{registration.id}"),
        journey(room_block_id=other_block.id, sharing_with_id=other_registration.id),
    )
    assert 'id="room_block_id-error"' in html and 'id="sharing_with_id-error"' in html


def test_switched_off_no_one_edits_travel(client, db, login, organizer, event):
    delegation = make_delegation(event)
    head = make_user("head@example.org")
    grant(head, event, EventRoleKind.HEAD, delegation)
    member = make_registration(event, delegation_id=delegation.id)
    assert client.get(link_url(event, member)).status_code == 404
    login(head)
    assert client.get(head_url(event, delegation, member)).status_code == 404
    portal = client.get(f"/events/{event.slug}/my-delegation/{delegation.id}/")
    assert "/travel" not in portal.get_data(as_text=True)
    login(organizer)
    assert client.get(manage_url(event, f"registrations/{member.id}")).status_code == 404
    assert client.get(manage_url(event)).status_code == 200  # hotels are set up beforehand


def test_travel_page_in_spanish(client, db, event):
    _on(event)
    make_block(make_hotel(event), "Doble")
    registration = make_registration(event, make_person(preferred_language=Language.ES))
    html = client.get(link_url(event, registration)).get_data(as_text=True)
    for words in (
        "Mi viaje y alojamiento",
        "Fecha de llegada",
        "Número de vuelo",
        "Tipo de habitación",
    ):
        assert words in html
    html = _errors(client, link_url(event, registration), journey(departure_date="2027-03-01"))
    assert "La salida no puede ser anterior a la llegada." in html
