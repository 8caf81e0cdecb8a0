"""Integers read from query strings and forms (issue 11, item 8): a value that is not a
database id (text, zero, negative, beyond the INTEGER range) never reaches a query. A filter
given such a value is ignored, as if absent; a page number beyond any page is an empty
page. Run on SQLite and PostgreSQL (where the overflow answered 500)."""

import pytest

from eventsapp.agenda.models import AgendaSession
from eventsapp.inputs import MAX_ID, id_arg, page_number
from eventsapp.registration.models import Registration
from tests.factories import make_event, make_registration, make_session, make_track, make_user
from tests.hostile_helpers import check_answer, sign_in

HUGE = [
    "99999999999999999999",  # beyond 64 bits
    "9223372036854775808",  # 2**63
    "2147483648",  # 2**31: beyond PostgreSQL's INTEGER
    "-1",
    "0",
    "²",  # str.isdigit() says yes, int() says no
    "1e5",
    " 7",
]


def test_database_id_and_page_number_bounds(app):
    assert id_arg("id", {"id": str(MAX_ID)}) == MAX_ID
    for value in HUGE:
        assert id_arg("id", {"id": value}) is None, value
    with app.test_request_context("/?page=99999999999999999999"):
        assert page_number() == MAX_ID
    with app.test_request_context("/?page=²"):
        assert page_number() == 1
    with app.test_request_context("/?page=3"):
        assert page_number() == 3


def _lists(slug: str) -> list[str]:
    m = f"/manage/events/{slug}"
    return [
        f"{m}/registrations/",
        f"{m}/speakers/",
        f"{m}/sessions/",
        f"{m}/audit/",
        f"{m}/outbox/",
        f"{m}/documents/",
        f"{m}/rooms/",
        f"{m}/tracks/",
        f"{m}/delegations/",
        "/manage/jurisdictions/",
        "/manage/organizations/",
        "/manage/people/",
    ]


@pytest.mark.parametrize("value", HUGE)
def test_query_string_integers_never_answer_500(app, client, db, value):
    event = make_event(capacity=None)
    admin = make_user("root@example.org", is_admin=True)
    track = make_track(event)
    make_session(event, hour=9, title_en="Opening", track_id=track.id)
    registration = make_registration(event)
    db.session.commit()
    slug, m = event.slug, f"/manage/events/{event.slug}"
    # Public agenda: the filter is ignored, every session shown.
    for name in ("track", "room"):
        response = client.get(f"/events/{slug}/agenda", query_string={name: value})
        assert response.status_code == 200 and "Opening" in check_answer(response)
    sign_in(client, admin)
    for url in _lists(slug):
        response = client.get(url, query_string={"page": value})
        assert response.status_code == 200, (url, response.status_code)
        check_answer(response)
    listed = client.get(f"{m}/registrations/", query_string={"delegation": value})
    assert listed.status_code == 200
    assert registration.person.family_name in check_answer(listed)
    export = client.get(
        f"{m}/registrations/export", query_string={"format": "csv", "delegation": value}
    )
    assert export.status_code == 200
    preview = client.get(f"{m}/badges/preview/a6", query_string={"registration_id": value})
    assert preview.status_code == 200 and preview.mimetype == "application/pdf"
    new_session = client.get(
        f"{m}/sessions/new", query_string={"start": "2027-03-09T09:00", "room": value}
    )
    assert new_session.status_code == 200
    check_answer(new_session)


@pytest.mark.parametrize("value", HUGE)
def test_bulk_action_with_a_huge_id_changes_nothing(app, client, db, value):
    event = make_event(capacity=None)
    admin = make_user("root@example.org", is_admin=True)
    registration = make_registration(event)
    status = registration.status
    db.session.commit()
    sign_in(client, admin)
    response = client.post(
        f"/manage/events/{event.slug}/registrations/bulk",
        data={"ids": [value, str(registration.id + 1)], "action": "approve"},
    )
    assert response.status_code < 500
    db.session.expire_all()
    assert db.session.get(Registration, registration.id).status == status
    assert db.session.scalar(db.select(db.func.count()).select_from(AgendaSession)) == 0
