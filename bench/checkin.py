"""Benchmark: the check-in scan endpoint on PostgreSQL, beside a trivial baseline endpoint.

    .venv/bin/python bench/checkin.py [--people 2000] [--clients 4] [--workers 4] [--threads 1]

Creates a temporary PostgreSQL database (dropped at the end), loads one event with
``--people`` confirmed registrations in 50 delegations and a check-in staff member, then
serves the app with gunicorn (gthread workers, production settings, CSRF on) and measures,
over keep-alive connections from ``--clients`` threads:

  baseline  GET  /bench/ping                 (the full Flask stack, no database)
  check-in  POST /api/events/<slug>/checkin  every badge once (the write path)
  already   POST /api/events/<slug>/checkin  every badge again ("already checked in")

Server time is measured around the WSGI call inside the worker and sent back in a
response header; the figures are requests/s and p50/p99 of server time. Target: p99 of
the scan at most 20 ms. Asserts nothing. PostgreSQL from BENCH_DATABASE_URL (default
postgresql+psycopg://postgres@127.0.0.1:5432/postgres).
"""

from __future__ import annotations

import argparse
import json
import os
import secrets
import socket
import statistics
import subprocess
import sys
import threading
import time
import uuid
from datetime import date

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
# bench/http.py would shadow the standard library's http package: keep bench/ off the path.
sys.path[:] = [p for p in sys.path if os.path.abspath(p or ".") != HERE]
sys.path.insert(0, ROOT)

import http.client  # noqa: E402

TARGET_P99_MS = 20.0
TIMING_HEADER = "X-Server-Time-Ms"
DEFAULT_URL = "postgresql+psycopg://postgres@127.0.0.1:5432/postgres"


def timed_app():
    """Gunicorn factory (``checkin:timed_app()``): the app plus a ping route, wrapped so
    every response carries the time the worker spent on it."""
    from eventsapp import create_app

    app = create_app()
    app.add_url_rule("/bench/ping", "bench_ping", lambda: "ok")

    def middleware(environ, start_response):
        started = time.perf_counter()
        captured = {}

        def capture(status, headers, exc_info=None):
            captured["status"], captured["headers"] = status, headers
            return lambda data: None

        iterable = app(environ, capture)
        try:
            body = b"".join(iterable)
        finally:
            if hasattr(iterable, "close"):
                iterable.close()
        elapsed = (time.perf_counter() - started) * 1000
        headers = list(captured["headers"]) + [(TIMING_HEADER, f"{elapsed:.3f}")]
        start_response(captured["status"], headers)
        return [body]

    return middleware


# --- database ---------------------------------------------------------------------------------


def create_database(base_url: str) -> str:
    import psycopg
    from sqlalchemy import make_url

    url = make_url(base_url)
    name = f"eventsapp_bench_{uuid.uuid4().hex[:10]}"
    admin = url.set(drivername="postgresql", database="postgres")
    with psycopg.connect(admin.render_as_string(hide_password=False), autocommit=True) as conn:
        conn.execute(f'CREATE DATABASE "{name}"')
    return url.set(database=name).render_as_string(hide_password=False)


def drop_database(test_url: str) -> None:
    import psycopg
    from sqlalchemy import make_url

    url = make_url(test_url)
    admin = url.set(drivername="postgresql", database="postgres")
    with psycopg.connect(admin.render_as_string(hide_password=False), autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{url.database}" WITH (FORCE)')


def seed(database_url: str, secret: str, people: int) -> dict:
    """One event, ``people`` confirmed registrations, one check-in user. Returns what the
    clients need: slug, tokens and a signed session cookie."""
    from eventsapp import create_app
    from eventsapp.auth.models import EventRole, EventRoleKind, User
    from eventsapp.badges.tokens import make_badge_token
    from eventsapp.delegations.models import Delegation
    from eventsapp.events.models import (
        Event,
        EventKind,
        EventStatus,
        Jurisdiction,
        JurisdictionKind,
    )
    from eventsapp.extensions import db
    from eventsapp.registration.models import Person, Registration, RegistrationStatus

    app = create_app(
        {"SQLALCHEMY_DATABASE_URI": database_url, "SECRET_KEY": secret, "TESTING": True}
    )
    with app.app_context():
        db.create_all()
        event = Event(
            slug="bench-summit",
            kind=EventKind.SUMMIT,
            title_en="Bench Summit",
            start_date=date(2027, 3, 9),
            end_date=date(2027, 3, 10),
            timezone="America/Los_Angeles",
            status=EventStatus.PUBLISHED,
        )
        db.session.add(event)
        db.session.flush()
        delegations = []
        for i in range(50):
            jurisdiction = Jurisdiction(
                name=f"State {i:02d}", kind=JurisdictionKind.US_STATE, country="United States"
            )
            db.session.add(jurisdiction)
            db.session.flush()
            delegation = Delegation(
                event_id=event.id, jurisdiction_id=jurisdiction.id, seat_quota=100
            )
            db.session.add(delegation)
            delegations.append(delegation)
        db.session.flush()
        registrations = []
        for i in range(people):
            person = Person(
                event_id=event.id,
                given_name=f"Given{i}",
                family_name=f"Family{i}",
                email=f"p{i}@x.org",
            )
            db.session.add(person)
            db.session.flush()
            registration = Registration(
                event_id=event.id,
                person_id=person.id,
                status=RegistrationStatus.CONFIRMED,
                delegation_id=delegations[i % 50].id,
            )
            db.session.add(registration)
            registrations.append(registration)
        user = User(email="desk@example.org")
        user.set_password(secrets.token_urlsafe(12))
        db.session.add(user)
        db.session.flush()
        db.session.add(EventRole(user_id=user.id, event_id=event.id, role=EventRoleKind.CHECKIN))
        db.session.commit()
        tokens = [make_badge_token(secret, r.id, r.badge_token_version) for r in registrations]
        serializer = app.session_interface.get_signing_serializer(app)
        cookie = serializer.dumps({"_user_id": user.session_token, "_fresh": True})
        db.engine.dispose()
    return {"slug": "bench-summit", "tokens": tokens, "cookie": cookie}


# --- load -------------------------------------------------------------------------------------


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def wait_for(port: int, process: subprocess.Popen, seconds: float = 60) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise SystemExit("gunicorn exited early")
        try:
            conn = http.client.HTTPConnection("127.0.0.1", port, timeout=2)
            conn.request("GET", "/bench/ping")
            if conn.getresponse().status == 200:
                return
        except OSError:
            time.sleep(0.2)
    raise SystemExit("gunicorn did not start")


class Client:
    def __init__(self, port: int, cookie: str):
        self.port = port
        self.cookie = cookie
        self.csrf = ""

    def connect(self) -> http.client.HTTPConnection:
        return http.client.HTTPConnection("127.0.0.1", self.port, timeout=30)

    def login(self, slug: str) -> None:
        """Fetch the CSRF token; the answer's cookie carries the session half of it."""
        conn = self.connect()
        conn.request("GET", f"/api/events/{slug}/checkin", headers={"Cookie": self.cookie})
        response = conn.getresponse()
        data = json.loads(response.read())
        for header, value in response.getheaders():
            if header.lower() == "set-cookie" and value.startswith("session="):
                self.cookie = value.split(";", 1)[0]
        self.csrf = data["csrf_token"]
        conn.close()


def run_phase(client: Client, clients: int, requests: list[tuple[str, str, bytes | None]]):
    """Send ``requests`` from ``clients`` threads; returns (seconds, server ms, states)."""
    chunks = [requests[i::clients] for i in range(clients)]
    server_ms: list[float] = []
    states: list[str] = []
    lock = threading.Lock()
    barrier = threading.Barrier(clients + 1)

    def worker(chunk):
        conn = client.connect()
        mine, my_states = [], []
        barrier.wait()
        for method, path, body in chunk:
            headers = {"Cookie": client.cookie, "X-CSRFToken": client.csrf}
            if body is not None:
                headers["Content-Type"] = "application/json"
            conn.request(method, path, body=body, headers=headers)
            response = conn.getresponse()
            payload = response.read()
            if response.status != 200:
                raise SystemExit(f"{path}: HTTP {response.status} {payload[:200]!r}")
            mine.append(float(response.getheader(TIMING_HEADER)))
            if body is not None:
                my_states.append(json.loads(payload)["state"])
        conn.close()
        with lock:
            server_ms.extend(mine)
            states.extend(my_states)

    threads = [threading.Thread(target=worker, args=(chunk,)) for chunk in chunks]
    for thread in threads:
        thread.start()
    barrier.wait()
    started = time.perf_counter()
    for thread in threads:
        thread.join()
    return time.perf_counter() - started, server_ms, states


def percentile(values: list[float], pct: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(pct / 100 * (len(ordered) - 1))))]


def report(name: str, seconds: float, server_ms: list[float]) -> float:
    p99 = percentile(server_ms, 99)
    print(
        f"{name:<10} {len(server_ms):>6} req  {len(server_ms) / seconds:>8.0f} req/s  "
        f"server p50 {statistics.median(server_ms):6.2f} ms  p99 {p99:6.2f} ms"
    )
    return p99


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--people", type=int, default=2000)
    parser.add_argument("--clients", type=int, default=4)
    parser.add_argument("--workers", type=int, default=4)
    parser.add_argument("--threads", type=int, default=1)
    args = parser.parse_args()

    secret = secrets.token_urlsafe(48)
    database_url = create_database(os.environ.get("BENCH_DATABASE_URL", DEFAULT_URL))
    process = None
    try:
        data = seed(database_url, secret, args.people)
        port = free_port()
        env = dict(
            os.environ,
            EVENTSAPP_ENV="production",
            SECRET_KEY=secret,
            DATABASE_URL=database_url,
            RATELIMIT_ENABLED="0",
            PYTHONPATH=ROOT,
            # production needs Redis (eventsapp/config.py); a database of its own
            REDIS_URL=os.environ.get("BENCH_REDIS_URL", "redis://127.0.0.1:6379/10"),
        )
        gunicorn = os.path.join(os.path.dirname(sys.executable), "gunicorn")
        process = subprocess.Popen(
            [
                gunicorn,
                "--chdir",
                os.path.dirname(os.path.abspath(__file__)),
                "-w",
                str(args.workers),
                "-k",
                "gthread",
                "--threads",
                str(args.threads),
                "-b",
                f"127.0.0.1:{port}",
                "--log-level",
                "warning",
                "checkin:timed_app()",
            ],
            env=env,
        )
        wait_for(port, process)
        client = Client(port, f"session={data['cookie']}")
        client.login(data["slug"])
        scan_path = f"/api/events/{data['slug']}/checkin"
        scans = [("POST", scan_path, json.dumps({"token": t}).encode()) for t in data["tokens"]]
        pings = [("GET", "/bench/ping", None)] * len(scans)
        run_phase(client, args.clients, pings[:200] + scans[:0])  # warm-up
        print(
            f"PostgreSQL, gunicorn {args.workers} workers × {args.threads} threads, "
            f"{args.clients} keep-alive clients, {args.people} registrations"
        )
        seconds, server_ms, _ = run_phase(client, args.clients, pings)
        report("baseline", seconds, server_ms)
        seconds, server_ms, states = run_phase(client, args.clients, scans)
        p99_checkin = report("check-in", seconds, server_ms)
        assert_states = {s: states.count(s) for s in set(states)}
        seconds, server_ms, states_again = run_phase(client, args.clients, scans)
        p99_already = report("already", seconds, server_ms)
        print(
            f"states: first pass {assert_states}, second pass "
            f"{ {s: states_again.count(s) for s in set(states_again)} }"
        )
        worst = max(p99_checkin, p99_already)
        verdict = "within" if worst <= TARGET_P99_MS else "OVER"
        print(f"scan p99 {worst:.2f} ms: {verdict} the {TARGET_P99_MS:.0f} ms target")
    finally:
        if process is not None:
            process.terminate()
            process.wait(timeout=30)
        drop_database(database_url)


if __name__ == "__main__":
    main()
