"""Benchmark: the public agenda, the sign-up POST and the check-in POST over HTTP, each beside
a one-query ceiling measured just before it in the same run.

    .venv/bin/python bench/http.py [--clients 8] [--workers 2] [--seconds 10]
        [--worker-class sync|gthread --threads 4] [--async-commit] [--phases agenda,sign-up]
        [--port 5201]

Creates a temporary PostgreSQL database (BENCH_DATABASE_URL, default
postgresql+psycopg://postgres@127.0.0.1:5432/postgres; dropped at the end), runs
``flask db upgrade`` and ``flask demo``, then adds 5,000 confirmed registrations and 200
published sessions (222 with the demo's, in 10 rooms over 2 days) to the demo summit. It
serves ``bench/http_app.py`` (the app as ``wsgi.py`` builds it, plus ``/__bench/one-query``)
with gunicorn on 127.0.0.1 — sync workers by default, as in the README's production command —
with production settings (``EVENTSAPP_ENV=production``, a random 64-character SECRET_KEY,
CSRF on; ``SESSION_COOKIE_SECURE=0`` because it is plain http) and drives it with wrk
(``apt-get install -y wrk``), ``--clients`` connections, one client per wrk thread:

  ceiling   GET  /__bench/one-query             the full Flask stack and one SQL query
  agenda    GET  /events/wags-2027/agenda        the public agenda page (222 sessions, 149 KB)
  sign-up   POST /events/wags-2027/register      real form posts: each client first GETs the
                                                 form for its own session cookie and CSRF token
  check-in  POST /api/events/wags-2027/checkin   each client signs in as the demo's check-in
                                                 staff and gets the API's CSRF token; badges
                                                 are scanned once each
  api-list  GET  /api/v1/events/wags-2027/registrations?limit=50   API v1 with the demo
                                                 organizer's read token (made by the seed),
                                                 each client following next_cursor through
                                                 the 5,000 registrations and round again

Before each write phase it also times a one-row INSERT + COMMIT on the same database (the
disk's share of every write: sign-ups to one event queue on the event row until their commit).

Bench-only changes to the demo: registration opens now (the demo window is in 2027) and needs
no approval; the event's capacity leaves ``--seats`` seats free, so the sign-ups fill it and
then go on the waiting list; the sign-up rate limit is off (RATELIMIT_ENABLED=0: every client is
127.0.0.1). Each sign-up writes its mail to the outbox and, after the commit, queues the
delivery task in Redis; no worker runs, so nothing is sent. After the run it checks that no
seat was overbooked and that the waiting list is numbered 1..n without gaps.
``--async-commit`` sets synchronous_commit=off on the bench database, to tell the code's
cost from a slow or shared disk. ``AGENDA_CACHE_SECONDS`` in the
environment overrides the agenda cache's time limit (see eventsapp/agenda/cache.py). Redis
(BENCH_REDIS_URL, default redis://127.0.0.1:6379/11, emptied before and after) is the app's
REDIS_URL, as in production: the agenda's version key is read on every request.

Latency is wrk's (client side). Targets on 2 cores at 8 clients: agenda at least 300 requests/s
and at least half the ceiling, p99 at most 50 ms; sign-up at least 100/s with no overbooking;
api-list at least 300 requests/s (issue 17). bench/http_cpu.py gives the CPU each costs.
Asserts nothing about time; other work on the machine moves every figure, hence the ceiling.
"""

from __future__ import annotations

import os
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
# This file is named http.py: keep bench/ off the path so that ``import http`` is the stdlib.
sys.path[:] = [p for p in sys.path if os.path.abspath(p or ".") != HERE]
sys.path.insert(0, ROOT)

import argparse  # noqa: E402
import http.client  # noqa: E402
import json  # noqa: E402
import re  # noqa: E402
import secrets  # noqa: E402
import socket  # noqa: E402
import subprocess  # noqa: E402
import time  # noqa: E402
import uuid  # noqa: E402
from urllib.parse import urlencode  # noqa: E402

from bench.http_seed import ORGANIZER, api_token, enlarge_demo, verify_waitlist  # noqa: E402
from bench.http_wrk import Wrk, workdir  # noqa: E402

DEFAULT_URL = "postgresql+psycopg://postgres@127.0.0.1:5432/postgres"
DEFAULT_REDIS = "redis://127.0.0.1:6379/11"
SLUG = "wags-2027"
STAFF = ("checkin@example.org", "summit-demo-2027")  # the demo's check-in desk account
CSRF_INPUT = re.compile(
    r'name="csrf_token" type="hidden" value="([^"]+)"|'
    r'value="([^"]+)"[^>]*name="csrf_token"'
)


# --- database ---------------------------------------------------------------------------------


def _admin_url(url) -> str:
    return url.set(drivername="postgresql", database="postgres").render_as_string(
        hide_password=False
    )


def create_database(base_url: str) -> str:
    import psycopg
    from sqlalchemy import make_url

    url = make_url(base_url)
    name = f"eventsapp_http_{uuid.uuid4().hex[:10]}"
    with psycopg.connect(_admin_url(url), autocommit=True) as conn:
        conn.execute(f'CREATE DATABASE "{name}"')
    return url.set(database=name).render_as_string(hide_password=False)


def drop_database(database_url: str) -> None:
    import psycopg
    from sqlalchemy import make_url

    url = make_url(database_url)
    with psycopg.connect(_admin_url(url), autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{url.database}" WITH (FORCE)')


def commit_baseline(database_url: str, rows: int = 60) -> tuple[float, float]:
    """p50 and p99 (ms) of a one-row INSERT + COMMIT: the disk's share of every write, which
    sign-ups to one event pay one after another (the event row stays locked until commit)."""
    import psycopg
    from sqlalchemy import make_url

    url = make_url(database_url).set(drivername="postgresql")
    times = []
    with psycopg.connect(url.render_as_string(hide_password=False)) as conn:
        conn.execute("CREATE TABLE bench_commit (x integer)")
        conn.commit()
        for i in range(rows):
            started = time.perf_counter()
            conn.execute("INSERT INTO bench_commit VALUES (%s)", (i,))
            conn.commit()
            times.append((time.perf_counter() - started) * 1000)
        conn.execute("DROP TABLE bench_commit")
        conn.commit()
    times.sort()
    return times[len(times) // 2], times[min(len(times) - 1, round(0.99 * (len(times) - 1)))]


def flask(env: dict, *args: str) -> None:
    command = [os.path.join(os.path.dirname(sys.executable), "flask"), "--app", "wsgi", *args]
    subprocess.run(command, env=env, cwd=ROOT, check=True, stdout=subprocess.DEVNULL)


# --- server and client sessions ---------------------------------------------------------------


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def start_gunicorn(env: dict, port: int, args) -> subprocess.Popen:
    gunicorn = os.path.join(os.path.dirname(sys.executable), "gunicorn")
    command = [
        gunicorn,
        "--chdir",
        ROOT,
        "-w",
        str(args.workers),
        "-k",
        args.worker_class,
        "-b",
        f"127.0.0.1:{port}",
        "--log-level",
        "warning",
        "bench.http_app:app",
    ]
    if args.worker_class == "gthread":
        command[5:5] = ["--threads", str(args.threads)]
    process = subprocess.Popen(command, env=env, stdout=subprocess.DEVNULL)
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise SystemExit("gunicorn exited early")
        try:
            if request(port, "GET", "/__bench/one-query")[0] == 200:
                return process
        except OSError:
            time.sleep(0.2)
    raise SystemExit("gunicorn did not start")


def request(port, method, path, cookie="", body=None, headers=None):
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    all_headers = {"Cookie": cookie} if cookie else {}
    if body is not None:
        all_headers["Content-Type"] = "application/x-www-form-urlencoded"
    all_headers.update(headers or {})
    conn.request(method, path, body=body, headers=all_headers)
    response = conn.getresponse()
    payload = response.read().decode()
    for name, value in response.getheaders():
        if name.lower() == "set-cookie" and value.startswith("session="):
            cookie = value.split(";", 1)[0]
    conn.close()
    return response.status, payload, cookie


def form_session(port: int, path: str, cookie: str = "") -> tuple[str, str]:
    """GET a form: the session cookie and the CSRF token in the page."""
    status, page, cookie = request(port, "GET", path, cookie)
    match = CSRF_INPUT.search(page)
    if status != 200 or match is None:
        raise SystemExit(f"GET {path}: HTTP {status}, no CSRF token")
    return cookie, match.group(1) or match.group(2)


def staff_session(port: int) -> tuple[str, str]:
    """Sign in as the demo's check-in staff, then fetch the API's CSRF token."""
    cookie, token = form_session(port, "/login")
    body = urlencode({"csrf_token": token, "email": STAFF[0], "password": STAFF[1], "next": ""})
    status, _, cookie = request(port, "POST", "/login", cookie, body)
    if status != 302:
        raise SystemExit(f"staff sign-in failed: HTTP {status}")
    status, payload, cookie = request(port, "GET", f"/api/events/{SLUG}/checkin", cookie)
    return cookie, json.loads(payload)["csrf_token"]


# --- report -----------------------------------------------------------------------------------


def line(name: str, result: dict, ceiling: dict) -> str:
    share = result["rate"] / ceiling["rate"] if ceiling["rate"] else 0
    codes = ", ".join(f"{k}×{v}" for k, v in sorted(result["codes"].items()))
    errors = f"  socket errors {result['socket_errors']}" if result["socket_errors"] else ""
    return (
        f"{name:<9} {result['rate']:7.0f} req/s  p50 {result['p50'] / 1000:6.1f} ms  "
        f"p99 {result['p99'] / 1000:6.1f} ms  | ceiling {ceiling['rate']:6.0f} req/s  "
        f"p50 {ceiling['p50'] / 1000:5.1f} ms  p99 {ceiling['p99'] / 1000:5.1f} ms  "
        f"| {share:4.0%} of ceiling  [{codes}]{errors}"
    )


def verdict(ok: bool) -> str:
    return "met" if ok else "MISSED"


def summarize(results: dict, check: dict, seeded: dict) -> None:
    targets = []
    if "agenda" in results:
        agenda, ceiling = results["agenda"], results["agenda/ceiling"]
        targets += [
            f"agenda ≥ 300 req/s {verdict(agenda['rate'] >= 300)}",
            f"≥ half the ceiling {verdict(agenda['rate'] >= ceiling['rate'] / 2)}",
            f"p99 ≤ 50 ms {verdict(agenda['p99'] <= 50_000)}",
        ]
    if "sign-up" in results:
        print(
            f"sign-up check: capacity {check['capacity']}, seats held {check['held']}, "
            f"waiting list {check['waitlisted']} (positions 1..n without gaps: "
            f"{check['contiguous']}), {check['new'] - seeded['before']} new registrations "
            f"for {results['sign-up']['requests']} answered posts"
        )
        ok = check["held"] <= check["capacity"] and check["contiguous"]
        targets += [
            f"sign-up ≥ 100/s {verdict(results['sign-up']['rate'] >= 100)}",
            f"no overbooking {verdict(ok)}",
        ]
    if "api-list" in results:
        targets.append(f"api-list ≥ 300 req/s {verdict(results['api-list']['rate'] >= 300)}")
    if "check-in" in results:
        print(f"check-in check: {check['checked_in']} badges checked in")
    print("targets: " + "; ".join(targets))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--clients", type=int, default=8)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--worker-class", default="sync", choices=("sync", "gthread"))
    parser.add_argument("--threads", type=int, default=2, help="per worker, with gthread")
    parser.add_argument("--seconds", type=int, default=10, help="per phase")
    parser.add_argument("--registrations", type=int, default=5000)
    parser.add_argument("--sessions", type=int, default=200)
    parser.add_argument("--seats", type=int, default=300, help="left free for the sign-ups")
    parser.add_argument("--port", type=int, default=0, help="gunicorn's port (0: a free one)")
    parser.add_argument(
        "--async-commit",
        action="store_true",
        help="synchronous_commit=off for the bench database (no fsync wait)",
    )
    parser.add_argument(
        "--phases",
        default="agenda,sign-up,check-in,api-list",
        help="comma-separated subset of agenda,sign-up,check-in,api-list",
    )
    args = parser.parse_args()

    secret = secrets.token_urlsafe(48)
    database_url = create_database(os.environ.get("BENCH_DATABASE_URL", DEFAULT_URL))
    env = dict(
        os.environ,
        EVENTSAPP_ENV="production",
        SECRET_KEY=secret,
        DATABASE_URL=database_url,
        SESSION_COOKIE_SECURE="0",
        RATELIMIT_ENABLED="0",
        PYTHONPATH=ROOT,
    )
    # Production needs SERVER_NAME and answers 400 to any other Host: the address served.
    port = args.port or free_port()
    env["SERVER_NAME"] = f"127.0.0.1:{port}"
    env["REDIS_URL"] = os.environ.get("BENCH_REDIS_URL", DEFAULT_REDIS)
    empty_redis(env["REDIS_URL"])
    process = None
    try:
        flask(env, "db", "upgrade")
        flask(env, "demo")
        if args.async_commit:
            import psycopg
            from sqlalchemy import make_url

            name = make_url(database_url).database
            with psycopg.connect(_admin_url(make_url(database_url)), autocommit=True) as conn:
                conn.execute(f'ALTER DATABASE "{name}" SET synchronous_commit = off')
        seeded = enlarge_demo(
            database_url, secret, SLUG, args.registrations, args.sessions, args.seats
        )
        api_secret = api_token(database_url, secret, SLUG, ORGANIZER)
        process = start_gunicorn(env, port, args)
        with workdir() as tmp:
            wrk = Wrk(port, args.clients, tmp)
            signups = wrk.write_lines(
                "signups",
                [
                    "\t".join(form_session(port, f"/events/{SLUG}/register"))
                    for _ in range(args.clients)
                ],
            )
            staff = wrk.write_lines(
                "staff", ["\t".join(staff_session(port)) for _ in range(args.clients)]
            )
            tokens = wrk.write_lines("tokens", seeded["tokens"])
            ceiling_path, agenda_path = "/__bench/one-query", f"/events/{SLUG}/agenda"
            wrk.run(ceiling_path, 2)  # warm-up: both workers, connections, templates
            wrk.run(agenda_path, 2)
            phases = [
                ("agenda", agenda_path, "get", ()),
                ("sign-up", f"/events/{SLUG}/register", "signup", (signups, uuid.uuid4().hex[:6])),
                (
                    "check-in",
                    f"/api/events/{SLUG}/checkin",
                    "checkin",
                    (staff, "0", tokens, str(args.clients)),
                ),
                ("api-list", f"/api/v1/events/{SLUG}/registrations", "apilist", (api_secret, "50")),
            ]
            print(
                f"PostgreSQL, gunicorn {args.workers} {args.worker_class} workers"
                f"{f' × {args.threads} threads' if args.worker_class == 'gthread' else ''}, "
                f"wrk {args.clients} clients, {args.seconds} s per phase; "
                f"{seeded['registrations']} registrations, {seeded['sessions']} published "
                f"sessions; synchronous_commit {'off' if args.async_commit else 'on'}; "
                f"load average {os.getloadavg()[0]:.1f}"
            )
            results = {}
            chosen = args.phases.split(",")
            for name, path, script, script_args in (p for p in phases if p[0] in chosen):
                if script in ("signup", "checkin"):  # the write phases
                    p50, p99 = commit_baseline(database_url)
                    print(
                        f"{'':9} one-row INSERT+COMMIT alone: p50 {p50:5.1f} ms  "
                        f"p99 {p99:5.1f} ms (the disk's share of each write)"
                    )
                ceiling = wrk.run(ceiling_path, args.seconds)
                results[name] = wrk.run(path, args.seconds, script, script_args)
                print(line(name, results[name], ceiling), flush=True)
                results[name + "/ceiling"] = ceiling
        summarize(results, verify_waitlist(database_url, SLUG), seeded)
    finally:
        if process is not None:
            process.terminate()
            process.wait(timeout=30)
        drop_database(database_url)
        empty_redis(env["REDIS_URL"])


def empty_redis(url: str) -> None:
    import redis

    client = redis.Redis.from_url(url)
    client.flushdb()
    client.close()


if __name__ == "__main__":
    main()
