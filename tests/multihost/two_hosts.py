"""The two-host check (issue 12), run by .ci/run as a script (pytest does not collect it):

    .venv/bin/python tests/multihost/two_hosts.py [--ports 5101,5102] [--redis-db 14]

Two gunicorn instances ("hosts" A and B) on two ports, each with an instance folder of its
own, both serving one site name (SERVER_NAME, sent as ``Host`` as a load balancer would),
one Celery worker with its scheduler (``celery --app wsgi:celery worker --beat``), a fresh
PostgreSQL database (TWO_HOSTS_DATABASE_URL's server, created here and dropped at the end)
and a Redis database number of its own (emptied before and after). The data: the schema
(Alembic, as ``flask db upgrade``), the demo summit (``load_demo``, as ``flask demo``) and
5,000 more confirmed registrations (bench/http_seed.py).

Checks, each printed PASS or FAIL with its time; the exit status is 1 if any failed:

  a  failed sign-ins for one account alternate between A and B: the 6th is refused (429),
     the per-account limit being 5 a minute, counted once for both hosts
  b  a session's title edited through A shows on B's public agenda within 1 s (B had the
     old page cached)
  c  a speaker photo uploaded through A is served by B byte for byte
  d  with nothing listening on the SMTP port a sign-up through B answers in under 1 s; an
     aiosmtpd server then comes up on that port and the mail arrives exactly once
  e  a 5,000-badge print job: its worker is killed with SIGKILL mid-run, a new worker is
     started, the job completes once (each badge recorded printed once, the second attempt's
     result) and its PDF downloads through B

Settings that make it quick: mail retries start after MAIL_RETRY_FIRST_SECONDS=2; a running
job beats every second and is taken up again after 5 s of silence (the sweep runs every
second). Needs PostgreSQL on 127.0.0.1:5432 and Redis on 127.0.0.1:6379.
"""

from __future__ import annotations

import os
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
sys.path[:] = [p for p in sys.path if os.path.abspath(p or ".") != HERE]
sys.path.insert(0, ROOT)

import argparse  # noqa: E402
import io  # noqa: E402
import re  # noqa: E402
import secrets  # noqa: E402
import shutil  # noqa: E402
import signal  # noqa: E402
import socket  # noqa: E402
import subprocess  # noqa: E402
import tempfile  # noqa: E402
import time  # noqa: E402
import uuid  # noqa: E402

from tests.multihost.http_client import Browser, form_fields, replace_field  # noqa: E402

SITE = "events.test"
SLUG = "wags-2027"
ORGANIZER = ("organizer@example.org", "summit-demo-2027")  # the demo's organizer
TARGET = "checkin@example.org"  # the demo's check-in desk: the account under attack in (a)
DEFAULT_DATABASE = "postgresql+psycopg://postgres@127.0.0.1:5432/postgres"
BIN = os.path.dirname(sys.executable)
results: list[tuple[str, bool, float, str]] = []


def check(label: str, ok: bool, seconds: float, detail: str) -> bool:
    results.append((label, ok, seconds, detail))
    print(f"{'PASS' if ok else 'FAIL'}  ({label}) {seconds:7.2f} s  {detail}", flush=True)
    return ok


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


# --- the database, Redis and the processes ----------------------------------------------------


def create_database(base_url: str) -> str:
    import psycopg
    from sqlalchemy import make_url

    url = make_url(base_url)
    name = f"eventsapp_two_hosts_{uuid.uuid4().hex[:10]}"
    admin = url.set(drivername="postgresql", database="postgres")
    with psycopg.connect(admin.render_as_string(hide_password=False), autocommit=True) as conn:
        conn.execute(f'CREATE DATABASE "{name}"')
    return url.set(database=name).render_as_string(hide_password=False)


def drop_database(database_url: str) -> None:
    import psycopg
    from sqlalchemy import make_url

    url = make_url(database_url)
    admin = url.set(drivername="postgresql", database="postgres")
    with psycopg.connect(admin.render_as_string(hide_password=False), autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{url.database}" WITH (FORCE)')


def empty_redis(url: str) -> None:
    import redis

    client = redis.Redis.from_url(url)
    client.flushdb()
    client.close()


class Processes:
    """The hosts and workers started here, each in a process group of its own, its output in
    a log file (shown when a check fails)."""

    def __init__(self, folder: str):
        self.folder = folder
        self.running: dict[str, subprocess.Popen] = {}

    def start(self, name: str, command: list[str], env: dict) -> subprocess.Popen:
        log = open(os.path.join(self.folder, f"{name}.log"), "wb")  # noqa: SIM115
        process = subprocess.Popen(
            command, env=env, cwd=ROOT, stdout=log, stderr=subprocess.STDOUT, start_new_session=True
        )
        self.running[name] = process
        return process

    def kill(self, name: str, sig=signal.SIGKILL) -> None:
        process = self.running.pop(name)
        os.killpg(process.pid, sig)
        process.wait(timeout=30)

    def stop_all(self) -> None:
        for name in list(self.running):
            try:
                self.kill(name, signal.SIGTERM)
            except (ProcessLookupError, subprocess.TimeoutExpired):
                self.kill(name, signal.SIGKILL)

    def tail(self, name: str, lines: int = 30) -> str:
        with open(os.path.join(self.folder, f"{name}.log"), "rb") as log:
            return b"\n".join(log.read().splitlines()[-lines:]).decode("utf-8", "replace")


def host_env(base: dict, folder: str, name: str) -> dict:
    instance = os.path.join(folder, name)
    os.makedirs(instance, exist_ok=True)
    return dict(base, INSTANCE_PATH=instance)


def start_host(procs: Processes, name: str, port: int, env: dict) -> None:
    procs.start(
        name,
        [
            os.path.join(BIN, "gunicorn"),
            "-w",
            "2",
            "-b",
            f"127.0.0.1:{port}",
            "--log-level",
            "warning",
            "wsgi:app",
        ],
        env,
    )


def start_worker(procs: Processes, name: str, env: dict) -> None:
    procs.start(
        name,
        [
            os.path.join(BIN, "celery"),
            "--app",
            "wsgi:celery",
            "worker",
            "--beat",
            "--pool",
            "threads",
            "--concurrency",
            "4",
            "--loglevel",
            "WARNING",
            "--hostname",
            f"{name}@%h",
        ],
        env,
    )


def wait_healthy(browser: Browser, port: int, timeout: float = 90, after: float = 0) -> bool:
    """/healthz answers 200: the database and Redis answer, a worker's heartbeat is fresh
    (written less than ``time.perf_counter() - after`` seconds ago, with ``after``)."""
    import json

    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            answer = browser.get(port, "/healthz")
            age = json.loads(answer.body).get("worker_heartbeat_age")
            fresh = not after or (age is not None and age < time.perf_counter() - after)
            if answer.status == 200 and fresh:
                return True
        except OSError:
            pass
        time.sleep(0.3)
    return False


# --- the checks -------------------------------------------------------------------------------


def csrf(browser: Browser, port: int, path: str) -> str:
    page = browser.get(port, path)
    match = re.search(r'name="csrf_token" type="hidden" value="([^"]+)"', page.text)
    if page.status != 200 or match is None:
        raise RuntimeError(f"GET {path}: HTTP {page.status}, no CSRF token")
    return match.group(1)


def sign_in(browser: Browser, port: int, email: str, password: str) -> int:
    token = csrf(browser, port, "/login")
    return browser.post(
        port, "/login", {"csrf_token": token, "email": email, "password": password, "next": ""}
    ).status


def check_rate_limit(a: int, b: int) -> bool:
    started = time.perf_counter()
    browser = Browser(SITE)
    statuses = []
    for attempt in range(8):
        port = (a, b)[attempt % 2]
        statuses.append(sign_in(browser, port, TARGET, "not-the-password"))
        if statuses[-1] == 429:
            break
    first = statuses.index(429) + 1 if 429 in statuses else None
    return check(
        "a",
        first == 6,
        time.perf_counter() - started,
        f"failed sign-ins A,B,A,…: HTTP {statuses}; refused at attempt {first} "
        "(limit 5 a minute per account, counted across hosts)",
    )


def check_agenda(organizer: Browser, a: int, b: int, session_id: int) -> bool:
    visitor = Browser(SITE)
    agenda = f"/events/{SLUG}/agenda"
    visitor.get(b, agenda)  # B's workers have the page cached now
    visitor.get(b, agenda)
    edit = f"/manage/events/{SLUG}/sessions/{session_id}/edit"
    title = f"Two-host check {uuid.uuid4().hex[:8]}"
    fields = replace_field(form_fields(organizer.get(a, edit).text, "title_en"), "title_en", title)
    saved = organizer.post(a, edit, fields)
    started = time.perf_counter()
    seen = False
    while time.perf_counter() - started < 5:
        if title in visitor.get(b, agenda).text:
            seen = True
            break
        time.sleep(0.02)
    elapsed = time.perf_counter() - started
    return check(
        "b",
        saved.status == 302 and seen and elapsed <= 1.0,
        elapsed,
        f"title edited through A (HTTP {saved.status}) on B's public agenda after "
        f"{elapsed * 1000:.0f} ms (limit 1,000 ms)" + ("" if seen else ": NOT SEEN within 5 s"),
    )


def png(seed: int) -> bytes:
    from PIL import Image

    image = Image.new("RGB", (320, 240), ((seed * 37) % 256, (seed * 91) % 256, 120))
    for x in range(0, 320, 8):
        image.putpixel((x, (x * seed) % 240), (255, 255, 255))
    out = io.BytesIO()
    image.save(out, format="PNG")
    return out.getvalue()


def check_photo(organizer: Browser, a: int, b: int, speaker_id: int) -> bool:
    started = time.perf_counter()
    edit = f"/manage/events/{SLUG}/speakers/{speaker_id}/edit"
    fields = form_fields(organizer.get(a, edit).text, "given_name")
    saved = organizer.post_multipart(
        a, edit, fields, {"photo": ("portrait.png", "image/png", png(speaker_id))}
    )
    page = organizer.get(a, edit).text
    match = re.search(r"/speakers/photos/([^\"']+)\"", page)
    if saved.status != 302 or match is None:
        return check("c", False, time.perf_counter() - started, f"upload HTTP {saved.status}")
    path = f"/events/{SLUG}/speakers/photos/{match.group(1)}"
    visitor = Browser(SITE)
    from_a, from_b = visitor.get(a, path), visitor.get(b, path)
    same = from_a.status == from_b.status == 200 and from_a.body == from_b.body
    return check(
        "c",
        same and len(from_b.body) > 0,
        time.perf_counter() - started,
        f"photo uploaded through A; B answers HTTP {from_b.status} with {len(from_b.body)} "
        f"bytes, {'identical to' if same else 'DIFFERENT from'} A's {len(from_a.body)}",
    )


class Mailbox:
    """An aiosmtpd handler that keeps every message it accepts."""

    def __init__(self):
        self.recipients: list[str] = []

    async def handle_DATA(self, server, session, envelope):  # noqa: N802 (aiosmtpd API)
        self.recipients.extend(envelope.rcpt_tos)
        return "250 OK"


def sign_up(port: int, email: str):
    visitor = Browser(SITE)
    data = {
        "csrf_token": csrf(visitor, port, f"/events/{SLUG}/register"),
        "honorific": "Lic.",
        "given_name": "Ana",
        "family_name": "Muñoz",
        "email": email,
        "phone": "+52 55 1234",
        "position": "Fiscal",
        "preferred_language": "es",
        "role": "delegate",
        "consent": "y",
    }
    return visitor.post(port, f"/events/{SLUG}/register", data)


def check_mail(b: int, smtp_port: int, outbox) -> bool:
    from aiosmtpd.controller import Controller

    # B's two gunicorn workers take their first sign-up (templates, first queries) first.
    warm = [sign_up(b, f"warm-{uuid.uuid4().hex[:8]}@example.org") for _ in range(2)]
    email = f"two-hosts-{uuid.uuid4().hex[:8]}@example.org"
    answer = sign_up(b, email)
    fast = check(
        "d1",
        answer.status == 302 and answer.seconds < 1.0,
        answer.seconds,
        f"sign-up through B with SMTP refusing connections: HTTP {answer.status} in "
        f"{answer.seconds * 1000:.0f} ms (limit 1,000 ms; the two before it, warming B's "
        f"workers: {', '.join(f'{w.seconds * 1000:.0f}' for w in warm)} ms)",
    )
    waited = time.perf_counter()  # the worker's first attempt meets the closed port
    while outbox(email)["attempts"] < 1 and time.perf_counter() - waited < 30:
        time.sleep(0.1)
    refused = outbox(email)
    mailbox = Mailbox()
    controller = Controller(mailbox, hostname="127.0.0.1", port=smtp_port)
    controller.start()
    started = time.perf_counter()
    try:
        while time.perf_counter() - started < 60 and email not in mailbox.recipients:
            time.sleep(0.05)
        arrived = time.perf_counter() - started
        time.sleep(5)  # long enough for a duplicate (retries are 2, 4, 8 s apart) to show
    finally:
        controller.stop()
    count = mailbox.recipients.count(email)
    final = outbox(email)
    return (
        check(
            "d2",
            count == 1 and refused["status"] == "queued" and final["status"] == "sent",
            arrived,
            f"first attempt refused ({refused['error'][:40]!r}), then aiosmtpd up on that port: "
            f"the confirmation arrived {count} time(s), {arrived:.1f} s after the server came "
            f"up (none more within 5 s); outbox row {final['status']} after "
            f"{final['attempts']} attempts",
        )
        and fast
    )


def job_state(browser: Browser, port: int, job_url: str) -> dict:
    import json

    answer = browser.get(port, job_url + ".json")
    return json.loads(answer.body) if answer.status == 200 else {"status": f"HTTP {answer.status}"}


def check_badge_job(organizer: Browser, procs: Processes, env: dict, a: int, b: int, db) -> bool:
    badges = f"/manage/events/{SLUG}/badges"
    token = csrf(organizer, a, badges)
    form = {
        "csrf_token": token,
        "layout": "avery-5392",
        "role": "",
        "status": "confirmed",
        "order": "family",
        "start_at": "1",
        "language": "en",
    }
    started = time.perf_counter()
    answer = organizer.post(a, badges, form)
    match = re.search(r"/manage/events/[^/]+/jobs/(\d+)$", answer.location)
    if answer.status != 302 or match is None:
        return check("e", False, 0, f"print: HTTP {answer.status}, no job")
    job_url = f"/manage/events/{SLUG}/jobs/{match.group(1)}"
    state: dict = {}
    while time.perf_counter() - started < 120:
        state = job_state(organizer, b, job_url)
        if state.get("status") == "running" and state.get("done", 0) > 0:
            break
        time.sleep(0.05)
    procs.kill("worker-1")  # SIGKILL to the whole worker: no acknowledgement, no clean-up
    killed_at = time.perf_counter()
    at_kill = f"{state.get('done')}/{state.get('total')}"
    time.sleep(0.5)
    stuck = job_state(organizer, b, job_url).get("status")
    start_worker(procs, "worker-2", env)
    healthy = time.perf_counter() if wait_healthy(organizer, b, after=killed_at) else None
    retaken = None
    while time.perf_counter() - killed_at < 180:
        state = job_state(organizer, b, job_url)
        if retaken is None and db(int(match.group(1)))["attempts"] >= 2:
            retaken = time.perf_counter()
        if state.get("status") in ("done", "failed"):
            break
        time.sleep(0.2)
    recovered = time.perf_counter() - killed_at
    facts = db(int(match.group(1)))
    phases = (
        f"new worker's heartbeat after {(healthy or killed_at) - killed_at:.1f} s, job taken up "
        f"again after {(retaken or killed_at) - killed_at:.1f} s, "
    )
    download = organizer.get(b, state.get("download_url") or job_url + "/download")
    pages = 0
    if download.status == 200 and download.body.startswith(b"%PDF"):
        from pypdf import PdfReader

        pages = len(PdfReader(io.BytesIO(download.body)).pages)
    total = facts["registrations"]
    ok = (
        state.get("status") == "done"
        and stuck == "running"
        and facts["attempts"] == 2
        and facts["printed"] == facts["distinct"] == total
        and pages == -(-total // 6)
    )
    return check(
        "e",
        ok,
        time.perf_counter() - started,
        f"{total} badges: worker SIGKILLed at {at_kill} (job then {stuck!r}); new worker: "
        + phases
        + f"job {state.get('status')} {recovered:.1f} s after the kill, attempts "
        f"{facts['attempts']}, {facts['printed']} badge prints for {facts['distinct']} people; "
        f"PDF through B HTTP {download.status}, {pages} pages, {len(download.body) // 1024} KiB",
    )


# --- reading the database (the checks' facts) -------------------------------------------------


def reader(database_url: str, secret: str):
    """An app on the check's database (for reads), and the ids and facts the checks need."""
    from eventsapp import create_app

    return create_app({"SQLALCHEMY_DATABASE_URI": database_url, "SECRET_KEY": secret})


def seed(app) -> None:
    from flask_migrate import upgrade

    from eventsapp.demo.loader import load_demo
    from eventsapp.extensions import db

    with app.app_context():
        upgrade()
        load_demo()
        db.session.commit()
        db.session.remove()


def ids_for_checks(app) -> tuple[int, int]:
    from eventsapp.agenda.models import AgendaSession, Speaker
    from eventsapp.events.models import Event
    from eventsapp.extensions import db

    with app.app_context():
        event = db.session.scalar(db.select(Event).where(Event.slug == SLUG))
        session_id = db.session.scalar(
            db.select(AgendaSession.id)
            .where(AgendaSession.event_id == event.id, AgendaSession.is_published.is_(True))
            .order_by(AgendaSession.id)
            .limit(1)
        )
        speaker_id = db.session.scalar(
            db.select(Speaker.id).where(Speaker.event_id == event.id).order_by(Speaker.id).limit(1)
        )
        db.session.remove()
    return session_id, speaker_id


def outbox_facts(app):
    from eventsapp.extensions import db
    from eventsapp.mail.models import OutboxMessage

    def facts(email: str) -> dict:
        with app.app_context():
            row = db.session.scalar(
                db.select(OutboxMessage).where(OutboxMessage.recipient == email).limit(1)
            )
            result = (
                {"attempts": row.attempts, "status": row.status.value, "error": row.error}
                if row is not None
                else {"attempts": 0, "status": "none", "error": ""}
            )
            db.session.remove()
        return result

    return facts


def job_facts(app):
    from sqlalchemy import func

    from eventsapp.badges.models import BadgePrint
    from eventsapp.extensions import db
    from eventsapp.jobs.models import Job
    from eventsapp.registration.models import Registration, RegistrationStatus

    def facts(job_id: int) -> dict:
        with app.app_context():
            job = db.session.get_one(Job, job_id)
            printed = db.session.execute(
                db.select(
                    func.count(BadgePrint.id), func.count(BadgePrint.registration_id.distinct())
                )
                .join(Registration, Registration.id == BadgePrint.registration_id)
                .where(Registration.event_id == job.event_id)
            ).one()
            registrations = db.session.scalar(
                db.select(func.count(Registration.id)).where(
                    Registration.event_id == job.event_id,
                    Registration.status == RegistrationStatus.CONFIRMED,
                )
            )
            result = {
                "attempts": job.attempts,
                "printed": printed[0],
                "distinct": printed[1],
                "registrations": registrations,
            }
            db.session.remove()
        return result

    return facts


# --- main -------------------------------------------------------------------------------------


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--ports", default="", help="A,B (default: two free ports)")
    parser.add_argument("--redis-db", type=int, default=14)
    parser.add_argument("--registrations", type=int, default=5000)
    args = parser.parse_args()
    a, b = (int(p) for p in args.ports.split(",")) if args.ports else (free_port(), free_port())
    smtp_port = free_port()
    folder = tempfile.mkdtemp(prefix="eventsapp-two-hosts-")
    os.environ["INSTANCE_PATH"] = os.path.join(folder, "driver")  # the seeding app's folder
    secret = secrets.token_urlsafe(48)
    redis_url = f"redis://127.0.0.1:6379/{args.redis_db}"
    database_url = create_database(os.environ.get("TWO_HOSTS_DATABASE_URL", DEFAULT_DATABASE))
    base = dict(
        os.environ,
        EVENTSAPP_ENV="production",
        SECRET_KEY=secret,
        DATABASE_URL=database_url,
        REDIS_URL=redis_url,
        SERVER_NAME=SITE,
        SESSION_COOKIE_SECURE="0",  # plain http here
        MAIL_SERVER="127.0.0.1",
        MAIL_PORT=str(smtp_port),
        MAIL_TIMEOUT="2",
        MAIL_RETRY_FIRST_SECONDS="2",
        JOB_HEARTBEAT_SECONDS="1",
        JOB_STALE_SECONDS="5",
        JOB_SWEEP_SECONDS="1",
        WORKER_HEARTBEAT_MAX_AGE="60",
        PYTHONPATH=ROOT,
    )
    procs = Processes(folder)
    empty_redis(redis_url)
    started = time.perf_counter()
    try:
        app = reader(database_url, secret)
        seed(app)  # what `flask db upgrade` and `flask demo` do, in this process
        print(f"schema and demo in {time.perf_counter() - started:.1f} s", flush=True)
        from bench.http_seed import enlarge_demo

        enlarge_demo(database_url, secret, SLUG, args.registrations, 0, 50)
        session_id, speaker_id = ids_for_checks(app)
        print(f"seeded in {time.perf_counter() - started:.1f} s", flush=True)

        worker_env = host_env(base, folder, "worker")
        start_worker(procs, "worker-1", worker_env)
        start_host(procs, "host-a", a, host_env(base, folder, "host-a"))
        start_host(procs, "host-b", b, host_env(base, folder, "host-b"))
        probe = Browser(SITE)
        if not (wait_healthy(probe, a) and wait_healthy(probe, b)):
            print("hosts or worker did not become healthy", file=sys.stderr)
            return 1
        print(
            f"hosts A :{a} and B :{b} ({SITE}), one worker, PostgreSQL "
            f"{database_url.rsplit('/', 1)[1]}, "
            f"Redis db {args.redis_db}; up after {time.perf_counter() - started:.1f} s",
            flush=True,
        )

        check_rate_limit(a, b)
        organizer = Browser(SITE)
        if sign_in(organizer, a, *ORGANIZER) != 302:
            check("sign-in", False, 0, "the organizer could not sign in through A")
        else:
            check_agenda(organizer, a, b, session_id)
            check_photo(organizer, a, b, speaker_id)
            check_mail(b, smtp_port, outbox_facts(app))
            check_badge_job(organizer, procs, worker_env, a, b, job_facts(app))
    except Exception as error:  # a step broke: say which, fail
        import traceback

        traceback.print_exc()
        check("run", False, 0, f"{type(error).__name__}: {error}")
    finally:
        procs.stop_all()
        failed = [r for r in results if not r[1]]
        if failed:
            for name in ("host-a", "host-b", "worker-1", "worker-2"):
                if os.path.exists(os.path.join(folder, f"{name}.log")):
                    print(f"--- {name}.log (last lines)\n{procs.tail(name)}")
        drop_database(database_url)
        empty_redis(redis_url)
        shutil.rmtree(folder, ignore_errors=True)
    total = time.perf_counter() - started
    print(
        f"two-host check: {len(results) - len(failed)} passed, {len(failed)} failed "
        f"in {total:.0f} s"
    )
    return 1 if failed or not results else 0


if __name__ == "__main__":
    sys.exit(main())
