"""CPU cost per request of bench/http.py's phases, in one process: what a request costs the
app (its process's CPU time) and PostgreSQL (the CPU time of the database's backends), and
how many SQL statements it runs — figures that another engineer's load on the machine moves
far less than requests per second.

    .venv/bin/python bench/http_cpu.py [--requests 400] [--phases ceiling,agenda,...]
        [--profile sign-up] [--top 40]

Same database, data and settings as bench/http.py (a temporary PostgreSQL database with the
demo and 5,000 more registrations, production settings, Redis as REDIS_URL, rate limits off);
the requests go through the WSGI app in this process (werkzeug's test client, whose own cost
is in every figure: see the ceiling) one after another:

  ceiling   GET  /__bench/one-query                        the full Flask stack, one query
  agenda    GET  /events/wags-2027/agenda                  the public agenda page
  sign-up   POST /events/wags-2027/register                a new address each time
  api-list  GET  /api/v1/events/wags-2027/registrations    50 a page, following next_cursor

``--profile PHASE`` runs that phase's measured requests under cProfile and prints the
functions with the most own time and the most cumulative time.
"""

from __future__ import annotations

import os
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
sys.path[:] = [p for p in sys.path if os.path.abspath(p or ".") != HERE]  # stdlib http first
sys.path.insert(0, ROOT)

import argparse  # noqa: E402
import secrets  # noqa: E402
import time  # noqa: E402
import uuid  # noqa: E402

from bench.http import (  # noqa: E402
    CSRF_INPUT,
    DEFAULT_REDIS,
    DEFAULT_URL,
    SLUG,
    create_database,
    drop_database,
    empty_redis,
    flask,
)
from bench.http_seed import ORGANIZER, api_token, enlarge_demo  # noqa: E402

TICKS = os.sysconf("SC_CLK_TCK")


def backend_seconds(admin, database: str) -> float:
    """CPU seconds (user + system) of the database's server processes so far."""
    pids = [
        row[0]
        for row in admin.execute(
            "SELECT pid FROM pg_stat_activity WHERE datname = %s AND pid <> pg_backend_pid()",
            (database,),
        )
    ]
    total = 0
    for pid in pids:
        try:
            with open(f"/proc/{pid}/stat") as handle:
                fields = handle.read().rsplit(")", 1)[1].split()
        except OSError:
            continue  # not visible here (another host) or gone
        total += int(fields[11]) + int(fields[12])
    return total / TICKS


class Phases:
    """One request of each phase; ``next(name)`` makes one and checks its answer."""

    def __init__(self, client, token: str):
        self.client = client
        self.token = token
        self.counter = 0
        self.run = uuid.uuid4().hex[:6]
        self.cursor = None
        status, page = self._get(f"/events/{SLUG}/register")
        match = CSRF_INPUT.search(page)
        self.csrf = match.group(1) or match.group(2)

    def _get(self, path, **kwargs):
        response = self.client.get(path, **kwargs)
        return response.status_code, response.get_data(as_text=True)

    def ceiling(self):
        assert self._get("/__bench/one-query")[0] == 200

    def agenda(self):
        assert self._get(f"/events/{SLUG}/agenda")[0] == 200

    def sign_up(self):
        self.counter += 1
        data = {
            "csrf_token": self.csrf,
            "given_name": "Bench",
            "family_name": "Client",
            "email": f"cpu-{self.run}-{self.counter}@example.org",
            "role": "delegate",
            "preferred_language": "en",
            "consent": "y",
        }
        for name in ("organization_id", "jurisdiction_id", "join_code", "phone", "position"):
            data[name] = ""
        for name in ("honorific", "dietary", "accessibility", "arrival_date", "departure_date"):
            data[name] = ""
        response = self.client.post(f"/events/{SLUG}/register", data=data)
        assert response.status_code == 302, response.status_code

    def api_list(self):
        query = {"limit": 50} | ({"cursor": self.cursor} if self.cursor else {})
        response = self.client.get(
            f"/api/v1/events/{SLUG}/registrations",
            query_string=query,
            headers={"Authorization": f"Bearer {self.token}"},
        )
        assert response.status_code == 200, response.get_data(as_text=True)
        page = response.get_json()
        assert len(page["results"]) == 50 or page["next_cursor"] is None
        self.cursor = page["next_cursor"]


def measure(phases: Phases, name: str, count: int, admin, database: str, engine, profile):
    step = getattr(phases, name.replace("-", "_"))
    for _ in range(max(5, count // 10)):  # warm-up: templates, caches, connections
        step()
    statements = []

    def on_execute(*_args):
        statements.append(1)

    from sqlalchemy import event as sa_event

    sa_event.listen(engine, "before_cursor_execute", on_execute)
    backend = backend_seconds(admin, database)
    cpu, wall = time.process_time(), time.perf_counter()
    if profile is not None:
        profile.enable()
    for _ in range(count):
        step()
    if profile is not None:
        profile.disable()
    cpu, wall = time.process_time() - cpu, time.perf_counter() - wall
    backend = backend_seconds(admin, database) - backend
    sa_event.remove(engine, "before_cursor_execute", on_execute)
    return {
        "app": cpu / count * 1000,
        "db": backend / count * 1000,
        "wall": wall / count * 1000,
        "statements": len(statements) / count,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--requests", type=int, default=400, help="measured, per round")
    parser.add_argument("--rounds", type=int, default=3, help="per phase; the least is shown")
    parser.add_argument("--registrations", type=int, default=5000)
    parser.add_argument("--sessions", type=int, default=200)
    parser.add_argument("--phases", default="ceiling,agenda,sign-up,api-list")
    parser.add_argument("--profile", default="", help="a phase to run under cProfile")
    parser.add_argument("--top", type=int, default=40)
    parser.add_argument("--profile-out", default="", help="also save the profile (pstats)")
    parser.add_argument(
        "--database",
        default="",
        help="a database this script prepared with --keep (reused, not dropped)",
    )
    parser.add_argument("--keep", action="store_true", help="keep the database; print its URL")
    args = parser.parse_args()

    import psycopg
    from sqlalchemy import make_url

    secret = secrets.token_urlsafe(48)
    database_url = args.database or create_database(
        os.environ.get("BENCH_DATABASE_URL", DEFAULT_URL)
    )
    server_name = "127.0.0.1:5201"
    os.environ.update(
        EVENTSAPP_ENV="production",
        SECRET_KEY=secret,
        DATABASE_URL=database_url,
        SESSION_COOKIE_SECURE="0",
        RATELIMIT_ENABLED="0",
        SERVER_NAME=server_name,
        REDIS_URL=os.environ.get("BENCH_REDIS_URL", DEFAULT_REDIS),
        PYTHONPATH=ROOT,
    )
    empty_redis(os.environ["REDIS_URL"])
    url = make_url(database_url)
    try:
        if not args.database:
            flask(dict(os.environ), "db", "upgrade")
            flask(dict(os.environ), "demo")
            enlarge_demo(database_url, secret, SLUG, args.registrations, args.sessions, 300)
        token = api_token(database_url, secret, SLUG, ORGANIZER)
        from bench.http_app import app
        from eventsapp.extensions import db

        admin_url = url.set(drivername="postgresql", database="postgres")
        with (
            psycopg.connect(
                admin_url.render_as_string(hide_password=False), autocommit=True
            ) as admin,
            app.app_context(),
        ):
            engine = db.engine
            client = app.test_client()
            client.environ_base["HTTP_HOST"] = server_name
            phases = Phases(client, token)
            print(
                f"in-process, PostgreSQL, {args.requests} requests a round, the least of "
                f"{args.rounds} rounds; load average {os.getloadavg()[0]:.1f}"
            )
            for name in args.phases.split(","):
                profile = None
                if name == args.profile:
                    import cProfile

                    profile = cProfile.Profile(time.process_time)  # CPU, not waits
                rounds = [
                    measure(phases, name, args.requests, admin, url.database, engine, profile)
                    for _ in range(args.rounds)
                ]
                least = {key: min(r[key] for r in rounds) for key in rounds[0]}
                spread = "/".join(f"{r['app']:.2f}" for r in rounds)
                print(
                    f"{name:<9} CPU per request: app {least['app']:6.2f} ms ({spread}) + "
                    f"PostgreSQL {least['db']:5.2f} ms; wall {least['wall']:6.2f} ms; "
                    f"{least['statements']:.1f} statements",
                    flush=True,
                )
                if profile is not None:
                    import pstats

                    for order in ("tottime", "cumulative"):
                        pstats.Stats(profile).sort_stats(order).print_stats(args.top)
                    if args.profile_out:
                        profile.dump_stats(args.profile_out)
            db.engine.dispose()
    finally:
        if args.keep or args.database:
            print(f"database kept: {database_url}")
        else:
            drop_database(database_url)
        empty_redis(os.environ["REDIS_URL"])


if __name__ == "__main__":
    main()
