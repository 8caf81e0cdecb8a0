"""Our public feeds read by programs people use: khal (a calendar that keeps events by UID)
imports the agenda, a session moves, khal imports it again and holds one event, moved;
pyfahrplan (a frab/pretalx schedule reader) shows each talk's speakers.

Both live in .venv-clients (make install-dev; requirements-clients.txt says why apart)."""

import os
import subprocess
from datetime import timedelta
from pathlib import Path

import pytest

from tests.agenda_helpers import link
from tests.factories import make_person, make_room, make_session, make_speaker

CLIENTS = Path(os.environ.get("CLIENTS_VENV", Path(__file__).parents[1] / ".venv-clients"))


@pytest.fixture(scope="module")
def clients() -> Path:
    if not (CLIENTS / "bin" / "khal").exists():
        if os.environ.get("CI"):
            pytest.fail(f"{CLIENTS} is missing: make install-dev builds it")
        pytest.skip(f"{CLIENTS} is missing (make install-dev)")
    return CLIENTS / "bin"


@pytest.fixture
def plenary(event, db):
    session = make_session(
        event, hour=9, room=make_room(event, "Pacific Ballroom"), title_en="Opening plenary"
    )
    link(session, make_speaker(event, make_person(given_name="Íñigo", family_name="Peña")))
    return session


def _khal(bin_dir: Path, config: Path, *args: str) -> str:
    result = subprocess.run(
        [str(bin_dir / "khal"), "-c", str(config), *args],
        capture_output=True,
        text=True,
        timeout=60,
        env={**os.environ, "TZ": "America/Los_Angeles"},
    )
    assert result.returncode == 0, result.stderr
    return result.stdout


def test_khal_keeps_one_event_and_moves_it(clients, client, event, plenary, db, tmp_path):
    calendar_dir = tmp_path / "calendar"
    calendar_dir.mkdir()
    config = tmp_path / "khal.conf"
    config.write_text(
        f"[calendars]\n[[summit]]\npath = {calendar_dir}/\ntype = calendar\n"
        "[locale]\ntimeformat = %H:%M\ndateformat = %Y-%m-%d\nlongdateformat = %Y-%m-%d\n"
        "datetimeformat = %Y-%m-%d %H:%M\nlongdatetimeformat = %Y-%m-%d %H:%M\n"
        "default_timezone = America/Los_Angeles\nlocal_timezone = America/Los_Angeles\n"
    )
    day = plenary.starts_at.date().isoformat()
    feed = f"/events/{event.slug}/agenda.ics?lang=en"

    def import_feed(name: str) -> None:
        path = tmp_path / name
        path.write_bytes(client.get(feed).data)
        _khal(clients, config, "import", "--batch", "-a", "summit", str(path))

    def listed() -> list[str]:
        out = _khal(clients, config, "list", "--format", "{start-time} {title}", day, "1d")
        return [line for line in out.splitlines() if "Opening" in line]

    import_feed("first.ics")
    assert listed() == ["09:00 Opening plenary"]

    plenary.starts_at += timedelta(hours=2)
    plenary.ends_at += timedelta(hours=2)
    db.session.commit()
    import_feed("second.ics")
    assert listed() == ["11:00 Opening plenary"]
    assert len(list(calendar_dir.glob("*.ics"))) == 1


READ_SCHEDULE = """
import json, sys
from pyfahrplan.lib import Fahrplan
plan = Fahrplan.__new__(Fahrplan)  # its constructor downloads the CCC schedules
plan.fahrplans = [json.load(open(sys.argv[1]))["schedule"]]
plan.flatten_fahrplans()
for talk in plan.flat_plans:
    print(talk["title"], "|", talk["speakers"])
"""


def test_pyfahrplan_shows_the_speakers(clients, client, event, plenary, tmp_path):
    schedule = tmp_path / "schedule.json"
    schedule.write_bytes(client.get(f"/events/{event.slug}/schedule.json?lang=en").data)
    result = subprocess.run(
        [str(clients / "python"), "-c", READ_SCHEDULE, str(schedule)],
        capture_output=True,
        text=True,
        timeout=60,
        cwd=tmp_path,
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines() == ["Opening plenary | Íñigo Peña"]
