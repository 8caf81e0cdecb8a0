"""API v1's registration list, written without marshmallow objects per row: the same JSON
as the response schema's dump, a constant number of statements per page, and an ETag that
follows every field shown (the person's too)."""

from datetime import UTC, date, datetime

from flask import jsonify
from sqlalchemy import event as sa_event

from eventsapp.api import schemas
from eventsapp.api.registration_views import as_dict
from eventsapp.questions.models import QuestionType
from eventsapp.registration.models import Language, Registration, RegistrationRole
from eventsapp.registration.models import RegistrationStatus as Status
from tests.api_helpers import bearer, organizer_token, url
from tests.factories import (
    make_delegation,
    make_jurisdiction,
    make_person,
    make_question,
    make_registration,
)


def _varied_registrations(event) -> list[Registration]:
    delegation = make_delegation(event, make_jurisdiction("Sonora"))
    spanish = make_person(
        "ana@example.org",
        "Ána",
        "Ñúñez",
        event=event,
        honorific="Dra.",
        position="Fiscal «especial»",
        phone="+52 55 1234",
        preferred_language=Language.ES,
        jurisdiction_id=delegation.jurisdiction_id,
    )
    return [
        make_registration(
            event,
            spanish,
            role=RegistrationRole.DELEGATE,
            delegation_id=delegation.id,
            needs_interpretation=True,
            dietary="Sin gluten\nni lactosa",
            arrival_date=date(2027, 3, 1),
            departure_date=date(2027, 3, 4),
            checked_in_at=datetime(2027, 3, 2, 8, 30, 15, 123456, tzinfo=UTC),
        ),
        make_registration(event, status=Status.WAITLISTED, waitlist_position=1),
        make_registration(event, status=Status.CANCELLED),
    ]


def test_the_list_writes_what_the_response_schema_writes(app, client, event, db):
    made = _varied_registrations(event)
    db.session.commit()
    secret = organizer_token(event)
    answer = client.get(url(event, "/registrations?limit=2"), headers=bearer(secret))
    assert answer.status_code == 200
    with app.test_request_context():
        expected = jsonify(
            schemas.RegistrationPageSchema().dump(
                {
                    "results": [as_dict(r) for r in made[:2]],
                    "next_cursor": answer.get_json()["next_cursor"],
                }
            )
        )
    assert answer.data == expected.data
    assert answer.get_json()["results"][0]["checked_in_at"] == "2027-03-02T08:30:15.123456+00:00"
    assert answer.get_json()["next_cursor"] is not None


def _statements(db, request) -> tuple[int, object]:
    seen: list[str] = []

    def count(_conn, _cursor, statement, *_args):
        seen.append(statement)

    sa_event.listen(db.engine, "before_cursor_execute", count)
    try:
        answer = request()
    finally:
        sa_event.remove(db.engine, "before_cursor_execute", count)
    return len(seen), answer


def test_a_page_is_the_same_statements_whatever_its_size(client, event, db):
    secret = organizer_token(event)
    client.get(url(event), headers=bearer(secret))  # its first use is stamped (a commit)
    sizes, made = {}, 0
    for registrations, limit in ((12, 2), (12, 10), (42, 2), (42, 40)):
        for _ in range(registrations - made):
            make_registration(event)
        made = registrations
        db.session.commit()
        path = url(event, f"/registrations?limit={limit}")
        sizes[registrations, limit], answer = _statements(
            db, lambda path=path: client.get(path, headers=bearer(secret))
        )
        assert len(answer.get_json()["results"]) == limit
    # the token with its user and event, the user's role there, the page (registrations
    # joined to their people, and whether the event asks questions): the same whatever the
    # page's size and the event's size
    assert set(sizes.values()) == {3}, sizes
    # with a question: the questions, their options and the answers of the whole page
    make_question(event, "visit", QuestionType.SHORT_TEXT)
    db.session.commit()
    for limit in (2, 40):
        path = url(event, f"/registrations?limit={limit}")
        count, _ = _statements(db, lambda path=path: client.get(path, headers=bearer(secret)))
        assert count == 6, limit


def test_the_etag_follows_the_persons_fields_too(client, event, db):
    registration = make_registration(event)
    db.session.commit()
    secret = organizer_token(event)
    path = url(event, "/registrations")
    first = client.get(path, headers=bearer(secret))
    etag = first.headers["ETag"]
    again = client.get(path, headers={**bearer(secret), "If-None-Match": etag})
    assert again.status_code == 304
    registration.person.family_name = "Otero"
    db.session.commit()
    changed = client.get(path, headers={**bearer(secret), "If-None-Match": etag})
    assert changed.status_code == 200 and changed.headers["ETag"] != etag
    assert changed.get_json()["results"][0]["family_name"] == "Otero"
