"""The capacity race through API v1: many clients register at the same instant for fewer
seats, through a real threaded server. Exactly the seats are confirmed, the rest wait at
positions 1..n without gaps, and every client gets its answer (on PostgreSQL, run with
TEST_DATABASE_URL: 200 clients for 50 seats, a race between row locks; SQLite serialises
writers, so fewer)."""

from __future__ import annotations

import json
import threading
import urllib.error
import urllib.request

from eventsapp.registration.models import Registration, RegistrationStatus
from tests.api_helpers import organizer_token
from tests.e2e.server import serve


def _post(base: str, path: str, host: str, secret: str, email: str) -> int | str:
    body = json.dumps({"email": email, "given_name": "Ana", "family_name": "Ruiz"}).encode()
    request = urllib.request.Request(
        base + path,
        data=body,
        method="POST",
        headers={
            "Authorization": f"Bearer {secret}",
            "Content-Type": "application/json",
            "Host": host,
        },
    )
    try:
        with urllib.request.urlopen(request, timeout=120) as response:  # noqa: S310
            return response.status
    except urllib.error.HTTPError as error:
        return error.code
    except Exception as error:  # noqa: BLE001  (asserted on below)
        return repr(error)


def test_no_overbooking_through_the_api(app, event, db):
    postgres = db.engine.dialect.name == "postgresql"
    clients, seats = (200, 50) if postgres else (40, 10)
    event.capacity = seats
    secret = organizer_token(event)
    path = f"/api/v1/events/{event.slug}/registrations"
    host = app.config["SERVER_NAME"] or "localhost"
    db.session.commit()  # end the test's transaction (SQLite: it would hold the write lock)
    barrier = threading.Barrier(clients)
    answers: list = []

    def client(base: str, number: int) -> None:
        barrier.wait(timeout=60)
        answers.append(_post(base, path, host, secret, f"racer{number}@example.org"))

    with serve(app) as base:
        threads = [threading.Thread(target=client, args=(base, n)) for n in range(clients)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(timeout=300)

    assert answers == [201] * clients
    db.session.expire_all()
    rows = db.session.execute(
        db.select(Registration.status, Registration.waitlist_position).where(
            Registration.event_id == event.id
        )
    ).all()
    confirmed = [r for r in rows if r.status is RegistrationStatus.CONFIRMED]
    waiting = sorted(r.waitlist_position for r in rows if r.status is RegistrationStatus.WAITLISTED)
    assert len(confirmed) == seats
    assert waiting == list(range(1, clients - seats + 1))
