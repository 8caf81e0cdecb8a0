"""The race for an option's places (the site visit with 10 places): 50 people send the
public sign-up form at the same instant, through a real threaded server, all choosing the
option. Every place decision locks the event row and then the option row (questions/places.py),
so exactly 10 hold a place and the 40 others wait for that option at 1..40 without gaps,
while every one of them is registered. A race between row locks needs PostgreSQL (run with
TEST_DATABASE_URL); SQLite serialises writers, so the test is skipped there."""

from __future__ import annotations

import os
import threading
import urllib.error
import urllib.parse
import urllib.request

import pytest

from eventsapp.questions.models import Answer, AnswerChoice
from eventsapp.registration.links import registration_token
from eventsapp.registration.models import Registration, RegistrationStatus
from tests.e2e.server import serve
from tests.factories import make_question, make_registration
from tests.registration_helpers import signup_data

CLIENTS, PLACES = 50, 10

pytestmark = pytest.mark.skipif(
    not os.environ.get("TEST_DATABASE_URL", "").startswith("postgresql"),
    reason="a race between row locks needs PostgreSQL (TEST_DATABASE_URL)",
)


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


def _post(base: str, path: str, host: str, data: dict) -> int | str:
    body = urllib.parse.urlencode(data, doseq=True).encode()
    request = urllib.request.Request(
        base + path,
        data=body,
        method="POST",
        headers={"Content-Type": "application/x-www-form-urlencoded", "Host": host},
    )
    try:
        with urllib.request.build_opener(_NoRedirect).open(request, timeout=120) as response:
            return response.status
    except urllib.error.HTTPError as error:
        return error.code
    except Exception as error:  # noqa: BLE001  (asserted on below)
        return repr(error)


def _race(app, posts: list[tuple[str, dict]]) -> list:
    host = app.config["SERVER_NAME"] or "localhost"
    barrier = threading.Barrier(len(posts))
    answers: list = []

    def person(base: str, path: str, data: dict) -> None:
        barrier.wait(timeout=60)
        answers.append(_post(base, path, host, data))

    with serve(app) as base:
        threads = [threading.Thread(target=person, args=(base, *post)) for post in posts]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(timeout=300)
    return answers


def _site_visit(app, event, db):
    visit = make_question(
        event,
        "visit",
        "single_choice",
        required=True,
        options=[{"label_en": "Port", "capacity": PLACES}, {"label_en": "Museum"}],
    )
    event.capacity = None  # seats for all: the race is for the option's places
    app.config["RATELIMIT_ENABLED"] = False
    db.session.commit()
    return visit.id, visit.options[0].id  # (read before the threads: no session there)


def test_fifty_sign_ups_for_ten_places_of_an_option(app, event, db):
    visit_id, port_id = _site_visit(app, event, db)
    path = f"/events/{event.slug}/register"
    posts = [
        (path, signup_data(f"visitor{n}@example.org", q_visit=str(port_id))) for n in range(CLIENTS)
    ]
    assert _race(app, posts) == [302] * CLIENTS
    db.session.expire_all()
    registered = db.session.scalars(
        db.select(Registration.status).where(Registration.event_id == event.id)
    ).all()
    assert registered == [RegistrationStatus.CONFIRMED] * CLIENTS
    _assert_places(db, visit_id, port_id)


def test_fifty_people_change_their_answer_to_an_option_with_ten_places(app, event, db):
    """Through the personal link: no seat is taken, only the option's lock decides."""
    visit_id, port_id = _site_visit(app, event, db)
    posts = []
    for _ in range(CLIENTS):
        registration = make_registration(event)
        path = f"/events/{event.slug}/my-registration/{registration_token(registration)}"
        posts.append((path, {"given_name": "Ana", "family_name": "Ruiz", "q_visit": str(port_id)}))
    db.session.commit()
    assert _race(app, posts) == [302] * CLIENTS
    _assert_places(db, visit_id, port_id)


def _assert_places(db, visit_id: int, port_id: int) -> None:
    db.session.expire_all()
    positions = db.session.scalars(
        db.select(AnswerChoice.waitlist_position)
        .join(Answer)
        .where(AnswerChoice.option_id == port_id, Answer.question_id == visit_id)
    ).all()
    assert len(positions) == CLIENTS
    assert positions.count(None) == PLACES
    assert sorted(p for p in positions if p is not None) == list(range(1, CLIENTS - PLACES + 1))
