"""Several desks scanning the same badge at the same instant, through a real threaded
server: exactly one check-in (or attendance), every other desk told "already"."""

from __future__ import annotations

import json
import threading
import urllib.request

from eventsapp.audit.models import AuditEntry
from eventsapp.checkin.models import SessionAttendance
from eventsapp.extensions import db
from tests.checkin_helpers import make_staff, token_for
from tests.e2e.server import serve, session_cookie
from tests.factories import make_registration, make_session

DESKS = 6


def _race(app, event, user, bodies: list[dict]) -> list[dict]:
    cookie = f"{app.config['SESSION_COOKIE_NAME']}={session_cookie(app, user)}"
    path = f"/api/events/{event.slug}/checkin"
    host = app.config["SERVER_NAME"] or "localhost"
    # End the test's own transaction: on SQLite even a read holds the write lock (BEGIN
    # IMMEDIATE), which would keep every desk waiting.
    db.session.commit()
    barrier = threading.Barrier(len(bodies))
    answers: list[dict] = []
    errors: list[BaseException] = []

    def desk(base: str, body: dict) -> None:
        # Runs in its own thread: only plain values from the enclosing scope.
        request = urllib.request.Request(
            base + path,
            data=json.dumps(body).encode(),
            method="POST",
            headers={
                "Content-Type": "application/json",
                "Cookie": cookie,
                "Host": host,
            },
        )
        try:
            barrier.wait(timeout=30)
            with urllib.request.urlopen(request, timeout=60) as response:
                answers.append(json.load(response))
        except BaseException as error:  # noqa: BLE001  (reported below)
            errors.append(error)

    with serve(app) as base:
        threads = [threading.Thread(target=desk, args=(base, body)) for body in bodies]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(timeout=120)
    assert not errors, errors
    return answers


def test_racing_desks_check_in_once(app, event):
    registration = make_registration(event)
    staff = make_staff(event)
    token = token_for(registration)
    answers = _race(
        app, event, staff, [{"token": token, "desk": f"Desk {i}"} for i in range(DESKS)]
    )
    states = sorted(answer["state"] for answer in answers)
    assert states == ["already_checked_in"] * (DESKS - 1) + ["checked_in"]
    winner = next(a for a in answers if a["state"] == "checked_in")
    db.session.expire_all()
    db.session.refresh(registration)
    assert registration.checkin_desk == winner["desk"]
    assert all(a["desk"] == winner["desk"] for a in answers)
    audits = db.session.scalars(db.select(AuditEntry).where(AuditEntry.action == "checkin")).all()
    assert [(a.desk, a.user_id) for a in audits] == [(winner["desk"], staff.id)]


def test_racing_session_scans_record_one_attendance(app, event):
    registration = make_registration(event)
    session = make_session(event)
    staff = make_staff(event)
    token = token_for(registration)
    bodies = [{"token": token, "desk": f"Door {i}", "session_id": session.id} for i in range(DESKS)]
    answers = _race(app, event, staff, bodies)
    states = sorted(answer["state"] for answer in answers)
    assert states == ["already_attended"] * (DESKS - 1) + ["attended"]
    db.session.expire_all()
    assert len(db.session.scalars(db.select(SessionAttendance)).all()) == 1
