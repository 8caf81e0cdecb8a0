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
