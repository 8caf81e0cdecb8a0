"""`flask db upgrade` builds the schema from empty, and models and migrations agree."""

import os

import pytest
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from flask_migrate import upgrade

from eventsapp import create_app
from eventsapp.extensions import db
from tests.conftest import _create_pg_database, _drop_pg_database


@pytest.fixture
def empty_database_url(tmp_path):
    base = os.environ.get("TEST_DATABASE_URL", "")
    if base.startswith("postgresql"):
        url = _create_pg_database(base)
        yield url
        _drop_pg_database(url)
    else:
        yield f"sqlite:///{tmp_path / 'migrated.sqlite'}"


def _ignore_sqlite_noise(diff):
    return [d for d in diff if not (isinstance(d, tuple) and d[0] == "remove_table")]


def test_upgrade_from_empty_matches_models(empty_database_url):
    app = create_app({"SQLALCHEMY_DATABASE_URI": empty_database_url, "TESTING": True})
    with app.app_context():
        upgrade()
        with db.engine.connect() as connection:
            context = MigrationContext.configure(
                connection, opts={"compare_type": True, "render_as_batch": True}
            )
            diff = compare_metadata(context, db.metadata)
        tables = set(db.inspect(db.engine).get_table_names())
        db.engine.dispose()
    assert _ignore_sqlite_noise(diff) == [], f"models and migrations drift: {diff}"
    assert {"events", "registrations", "agenda_sessions", "alembic_version"} <= tables


def test_cli_db_upgrade(empty_database_url):
    app = create_app({"SQLALCHEMY_DATABASE_URI": empty_database_url, "TESTING": True})
    result = app.test_cli_runner().invoke(args=["db", "upgrade"])
    assert result.exit_code == 0, result.output
    with app.app_context():
        assert "events" in db.inspect(db.engine).get_table_names()
        db.engine.dispose()


def _insert_event(connection, text, event_id: int) -> None:
    connection.execute(
        text(
            "INSERT INTO events (id, slug, kind, title_en, title_es, description_en,"
            " description_es, start_date, end_date, timezone, venue_name, venue_address,"
            " venue_city, venue_country,"
            " status, requires_approval, contact_email, room_conflict_level,"
            " speaker_conflict_level,"
            " outside_days_conflict_level, availability_conflict_level,"
            " room_capacity_conflict_level, badge_show_honorific, welcome_en, welcome_es, partners,"
            " protocol_order, signatory_name, signatory_title, created_at) VALUES (:id, :slug,"
            " 'summit', 'T', 'T', '', '', '2027-05-17', '2027-05-19', 'UTC', '', '', '', '',"
            " 'published', false, '', 'block', 'block', 'block', 'warn', 'warn', false, '', '', '',"
            " 'jurisdiction', '', '', '2026-01-01 00:00:00+00:00')"
        ),
        {"id": event_id, "slug": f"e{event_id}"},
    )


def test_upgrade_gives_each_event_its_own_copy_of_a_shared_person(empty_database_url):
    """Data in the old shape (one person row shared by two events, plus an unused row)
    arrives in the new one: one record per event, nothing lost, nothing shared."""
    from sqlalchemy import text

    app = create_app({"SQLALCHEMY_DATABASE_URI": empty_database_url, "TESTING": True})
    with app.app_context():
        upgrade(revision="0001")
        with db.engine.begin() as connection:
            for event_id in (1, 2):
                _insert_event(connection, text, event_id)
            for person_id, email in ((1, "shared@example.org"), (2, "unused@example.org")):
                connection.execute(
                    text(
                        "INSERT INTO persons (id, honorific, given_name, family_name, position,"
                        " email, phone, preferred_language, passport_number, nationality,"
                        " created_at) VALUES (:id, '', 'Ana', 'Ruiz', '', :email, '+1 555',"
                        " 'es', 'P123', 'Chilean', '2026-01-01 00:00:00+00:00')"
                    ),
                    {"id": person_id, "email": email},
                )
            for reg_id, event_id in ((1, 1), (2, 2)):
                connection.execute(
                    text(
                        "INSERT INTO registrations (id, event_id, person_id, role, status,"
                        " needs_interpretation, dietary, accessibility, access_key,"
                        " badge_token_version, checkin_desk, created_at, updated_at) VALUES"
                        " (:id, :event_id, 1, 'delegate', 'confirmed', false, '', '', 'k', 1, '',"
                        " '2026-01-01 00:00:00+00:00', '2026-01-01 00:00:00+00:00')"
                    ),
                    {"id": reg_id, "event_id": event_id},
                )
            connection.execute(
                text(
                    "INSERT INTO speakers (id, event_id, person_id, affiliation, bio_en, bio_es)"
                    " VALUES (1, 2, 1, '', '', '')"
                )
            )
            if connection.dialect.name == "postgresql":  # rows above were given their ids
                connection.execute(text("SELECT setval('persons_id_seq', 10)"))
        upgrade()
        with db.engine.connect() as connection:
            people = connection.execute(
                text("SELECT id, event_id, email, passport_number FROM persons ORDER BY event_id")
            ).all()
            regs = dict(
                connection.execute(text("SELECT event_id, person_id FROM registrations")).all()
            )
            speaker_person = connection.execute(text("SELECT person_id FROM speakers")).scalar()
        db.engine.dispose()
    assert [(p.event_id, p.email, p.passport_number) for p in people] == [
        (1, "shared@example.org", "P123"),
        (2, "shared@example.org", "P123"),
    ]
    by_event = {p.event_id: p.id for p in people}
    assert regs == {1: by_event[1], 2: by_event[2]}
    assert speaker_person == by_event[2]
