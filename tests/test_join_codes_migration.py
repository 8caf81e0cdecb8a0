"""Migration 0004 carries existing data: every delegation gets its own join code, people
keep their organization with an empty free-text one, and downgrading removes the columns."""

from __future__ import annotations

import re

from flask_migrate import downgrade, upgrade

from eventsapp import create_app
from eventsapp.extensions import db
from tests.test_migrations import _insert_event, empty_database_url  # noqa: F401 (fixture)


def test_existing_delegations_get_distinct_join_codes(empty_database_url):  # noqa: F811
    from sqlalchemy import text

    app = create_app({"SQLALCHEMY_DATABASE_URI": empty_database_url, "TESTING": True})
    with app.app_context():
        upgrade(revision="0003")
        with db.engine.begin() as connection:
            _insert_event(connection, text, 1)
            for jurisdiction_id in (1, 2, 3):
                connection.execute(
                    text(
                        "INSERT INTO jurisdictions (id, name, kind, country, membership)"
                        " VALUES (:id, :name, 'mexican_state', 'Mexico', 'member')"
                    ),
                    {"id": jurisdiction_id, "name": f"State {jurisdiction_id}"},
                )
                connection.execute(
                    text(
                        "INSERT INTO delegations (id, event_id, jurisdiction_id, seat_quota,"
                        " status, created_at) VALUES (:id, 1, :id, 5, 'invited',"
                        " '2026-01-01 00:00:00+00:00')"
                    ),
                    {"id": jurisdiction_id},
                )
            connection.execute(
                text(
                    "INSERT INTO persons (id, event_id, honorific, given_name, family_name,"
                    " position, email, phone, preferred_language, passport_number, nationality,"
                    " created_at) VALUES (1, 1, '', 'Ana', 'Ruiz', '', 'ana@example.org', '',"
                    " 'es', '', '', '2026-01-01 00:00:00+00:00')"
                )
            )
        upgrade(revision="0004")
        with db.engine.connect() as connection:
            codes = connection.execute(text("SELECT join_code FROM delegations")).scalars().all()
            other = connection.execute(text("SELECT organization_other FROM persons")).scalar()
        downgrade(revision="0003")
        with db.engine.connect() as connection:
            columns = {c["name"] for c in db.inspect(connection).get_columns("delegations")}
        db.engine.dispose()
    assert len(codes) == len(set(codes)) == 3
    assert all(re.fullmatch(r"[A-HJ-NP-Z2-9]{8}", code) for code in codes)
    assert other == ""
    assert "join_code" not in columns
