"""Organizers changing the waiting list at the same instant, through a real threaded server:
every change waits for the event lock, so none fails and the list stays numbered 1..n
(on PostgreSQL, run with TEST_DATABASE_URL, this is a race between row locks; SQLite
serialises writers)."""

from __future__ import annotations

import threading
import urllib.error
import urllib.request

from eventsapp.extensions import db
from eventsapp.registration.models import Registration, RegistrationStatus
from tests.e2e.server import serve, session_cookie
from tests.factories import make_registration

ORGANIZERS = 6


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


def _race(app, user, paths: list[str]) -> list:
    cookie = f"{app.config['SESSION_COOKIE_NAME']}={session_cookie(app, user)}"
    host = app.config["SERVER_NAME"] or "localhost"
    db.session.commit()  # end the test's transaction (SQLite: it would hold the write lock)
    barrier = threading.Barrier(len(paths))
    answers: list = []

    def organizer(base: str, path: str) -> None:
        request = urllib.request.Request(
            base + path, data=b"", method="POST", headers={"Cookie": cookie, "Host": host}
        )
        opener = urllib.request.build_opener(_NoRedirect)
        try:
            barrier.wait(timeout=30)
            with opener.open(request, timeout=120) as response:
                answers.append(response.status)
        except urllib.error.HTTPError as error:
            answers.append(error.code)
        except Exception as error:  # noqa: BLE001  (asserted on below)
            answers.append(repr(error))

    with serve(app) as base:
        threads = [threading.Thread(target=organizer, args=(base, p)) for p in paths]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(timeout=180)
    return answers


def _waiting_list(event) -> list[tuple[int, int]]:
    db.session.expire_all()
    return list(
        db.session.execute(
            db.select(Registration.id, Registration.waitlist_position)
            .where(
                Registration.event_id == event.id,
                Registration.status == RegistrationStatus.WAITLISTED,
            )
            .order_by(Registration.waitlist_position)
        ).tuples()
    )


def _waiting(event, n: int) -> list[Registration]:
    return [
        make_registration(event, status=RegistrationStatus.WAITLISTED, waitlist_position=i)
        for i in range(1, n + 1)
    ]


def test_simultaneous_deletions_of_waiting_registrations_all_succeed(app, event, organizer):
    event.capacity = 0
    queue = _waiting(event, ORGANIZERS + 2)
    doomed, kept = queue[1 : ORGANIZERS + 1], [queue[0], queue[-1]]
    base = f"/manage/events/{event.slug}/registrations"
    answers = _race(app, organizer, [f"{base}/{r.id}/delete" for r in doomed])
    assert sorted(map(str, answers)) == ["302"] * ORGANIZERS
    assert _waiting_list(event) == [(kept[0].id, 1), (kept[1].id, 2)]


def test_simultaneous_cancellations_and_deletions_keep_the_list_numbered(app, event, organizer):
    event.capacity = 0
    queue = _waiting(event, ORGANIZERS + 1)
    base = f"/manage/events/{event.slug}/registrations"
    paths = [
        f"{base}/{r.id}/{'delete' if n % 2 else 'cancel'}" for n, r in enumerate(queue[:ORGANIZERS])
    ]
    answers = _race(app, organizer, paths)
    assert sorted(map(str, answers)) == ["302"] * ORGANIZERS
    assert _waiting_list(event) == [(queue[-1].id, 1)]
