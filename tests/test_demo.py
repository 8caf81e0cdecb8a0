"""`flask demo`, `flask events`, `flask create-user`."""

import re
from pathlib import Path

from eventsapp.agenda.models import AgendaSession, SessionKind, Speaker
from eventsapp.auth.models import User
from eventsapp.delegations.models import Delegation
from eventsapp.events.models import Event, Jurisdiction, JurisdictionKind, Room
from eventsapp.extensions import db as _db
from eventsapp.registration.models import Person, Registration

README = Path(__file__).resolve().parent.parent / "README.md"


def _counts():
    return {
        model.__name__: _db.session.scalar(_db.select(_db.func.count()).select_from(model))
        for model in (
            Event,
            Jurisdiction,
            Delegation,
            Person,
            Registration,
            Speaker,
            AgendaSession,
            User,
        )
    }


def test_demo_loads_a_realistic_summit_and_is_idempotent(runner, db):
    result = runner.invoke(args=["demo"])
    assert result.exit_code == 0, result.output
    first = _counts()
    assert first["Delegation"] >= 8
    assert first["Registration"] >= 60
    assert first["Speaker"] >= 10
    kinds = {j.kind for j in db.session.scalars(db.select(Jurisdiction))}
    assert {
        JurisdictionKind.US_STATE,
        JurisdictionKind.US_TERRITORY,
        JurisdictionKind.MEXICAN_STATE,
        JurisdictionKind.FEDERAL,
    } <= kinds
    states = db.session.scalar(
        db.select(db.func.count())
        .select_from(Jurisdiction)
        .where(Jurisdiction.kind == JurisdictionKind.US_STATE)
    )
    assert states == 15
    names = " ".join(p.full_name for p in db.session.scalars(db.select(Person)))
    for letter in "éíñü":
        assert letter in names
    speakers = db.session.scalars(db.select(Speaker)).all()
    assert all(s.bio_en and s.bio_es for s in speakers)
    summit = db.session.scalar(db.select(Event).where(Event.slug == "wags-2027"))
    sessions = db.session.scalars(
        db.select(AgendaSession).where(AgendaSession.event_id == summit.id)
    ).all()
    assert len({s.starts_at.date() for s in sessions}) == 2
    assert len({s.room_id for s in sessions if s.room_id}) == 3
    assert {SessionKind.BREAK, SessionKind.MEAL} <= {s.kind for s in sessions}
    assert all(s.title_en and s.title_es for s in sessions)
    rooms = db.select(db.func.count()).select_from(Room).where(Room.event_id == summit.id)
    assert db.session.scalar(rooms) == 3

    again = runner.invoke(args=["demo"])
    assert again.exit_code == 0
    assert "nothing changed" in again.output
    assert _counts() == first


def test_readme_organizer_account_signs_in(runner, client, db):
    runner.invoke(args=["demo"])
    text = README.read_text()
    email = re.search(r"\*\*([^*]+@[^*]+)\*\*", text).group(1)
    password = re.search(r"password \*\*([^*]+)\*\*", text).group(1)
    response = client.post("/login", data={"email": email, "password": password})
    assert response.status_code == 302
    assert "wags-2027" in client.get("/manage/").get_data(as_text=True)


def test_events_command_prints_slug_first(runner, db):
    runner.invoke(args=["demo"])
    result = runner.invoke(args=["events"])
    assert result.exit_code == 0
    lines = result.output.splitlines()
    assert sorted(line.split("\t", 1)[0] for line in lines) == ["binational-workshop", "wags-2027"]


def test_create_user_command(runner, db):
    result = runner.invoke(
        args=["create-user", "New@Example.org", "--password", "a sufficiently long pass", "--admin"]
    )
    assert result.exit_code == 0, result.output
    user = db.session.scalar(db.select(User).where(User.email == "new@example.org"))
    assert user.is_admin and user.check_password("a sufficiently long pass")
    short = runner.invoke(args=["create-user", "x@example.org", "--password", "short"])
    assert short.exit_code != 0
    assert "at least 12 characters" in short.output
