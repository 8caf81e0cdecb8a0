"""The import part of bench/jobs.py: a 20,000-row import run as a job on PostgreSQL, beside
a baseline in the same run (reading and validating the same file, writing nothing), and the
peak memory of refusing an XLSX shared-strings bomb (ru_maxrss of a subprocess that reads
it the way the worker does). Prints figures; asserts nothing."""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
import time

TARGET_SECONDS = 60
MEMORY_LIMIT_MB = 300

# Peak memory: VmHWM (reset by exec; ru_maxrss would carry over the parent's high-water mark).
_BOMB_READER = r"""
import sys, time


def hwm_mb():
    for line in open("/proc/self/status"):
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024


sys.path.insert(0, sys.argv[2])
from eventsapp import create_app
from eventsapp.registration import importer
app = create_app({"SQLALCHEMY_DATABASE_URI": "sqlite://"})
data = open(sys.argv[1], "rb").read()
before = hwm_mb()
start = time.perf_counter()
with app.app_context():
    try:
        importer.read_rows("bomb.xlsx", data)
        outcome = "read (NOT refused)"
    except importer.FileRefused as error:
        outcome = "refused: " + error.message
elapsed = time.perf_counter() - start
peak = hwm_mb()
print(f"{elapsed:.3f} {before:.0f} {peak:.0f} {outcome}")
"""


def _world(n: int):
    from eventsapp.auth.models import EventRoleKind
    from eventsapp.extensions import db
    from tests.factories import grant, make_delegation, make_event, make_jurisdiction, make_user

    event = make_event("bench-import")
    make_delegation(event, make_jurisdiction("Sonora"), seat_quota=n)
    organizer = make_user("organizer@example.org")
    grant(organizer, event, EventRoleKind.ORGANIZER)
    db.session.commit()
    return event, organizer


def import_part(database_url: str, rows: int) -> None:
    from eventsapp import create_app
    from eventsapp.extensions import db
    from eventsapp.jobs.models import Job
    from eventsapp.jobs.queue import run_ready
    from eventsapp.registration import importer
    from eventsapp.registration.models import Registration
    from tests.import_helpers import big_csv

    app = create_app({"SQLALCHEMY_DATABASE_URI": database_url, "REDIS_URL": None})
    content = big_csv(rows, organizations=500, jurisdiction="Sonora", delegation="Sonora")
    with app.test_request_context():
        db.create_all()
        event, organizer = _world(rows)
        start = time.perf_counter()
        parsed = importer.read_rows("people.csv", content)
        checked = importer.validate(event, parsed)
        good, problems = checked.good, checked.problems
        baseline = time.perf_counter() - start
        db.session.rollback()
        assert not problems and len(good) == rows

        start = time.perf_counter()
        job = importer.start_import(organizer, event, "people.csv", content, only_valid=False)
        db.session.commit()
        run_ready()  # in-process, as a worker would run it: read, validate, write, commit
        elapsed = time.perf_counter() - start
        job = db.session.get(Job, job.id)
        count = db.session.scalar(db.select(db.func.count(Registration.id)))
        db.session.remove()
        db.engine.dispose()
    print(f"import: {rows} rows ({len(content) / 1e6:.1f} MB CSV), PostgreSQL")
    print(
        f"baseline, read + validate, nothing written:  {baseline:6.2f} s "
        f"{rows / baseline:8.0f} rows/s"
    )
    print(
        f"import job, upload stored to job done:       {elapsed:6.2f} s "
        f"{rows / elapsed:8.0f} rows/s (target <= {TARGET_SECONDS} s; "
        f"{elapsed / baseline:.1f}x the baseline)"
    )
    print(f"job {job.status.value}: {job.message}; registrations in the database: {count}")


def bomb_part(unpacked_mb: int = 400) -> None:
    from tests.import_helpers import shared_strings_bomb

    bomb = shared_strings_bomb(unpacked_mb)
    with tempfile.NamedTemporaryFile(suffix=".xlsx", delete=False) as f:
        f.write(bomb)
    try:
        root = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
        out = subprocess.run(
            [sys.executable, "-c", _BOMB_READER, f.name, root],
            capture_output=True,
            text=True,
            check=True,
        ).stdout.split(" ", 3)
    finally:
        os.unlink(f.name)
    elapsed, before, peak, outcome = float(out[0]), int(out[1]), int(out[2]), out[3].strip()
    print(
        f"XLSX bomb: {len(bomb) / 1e6:.2f} MB archive, sharedStrings.xml {unpacked_mb} MB "
        f"unpacked: {outcome}"
    )
    print(
        f"  in {elapsed * 1000:.0f} ms; worker process peak RSS {peak} MB "
        f"(app loaded: {before} MB; limit {MEMORY_LIMIT_MB} MB)"
    )
