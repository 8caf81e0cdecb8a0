"""Fixtures as in Flask's tutorial (app, client, runner) plus db and login helpers.

SQLite by default (a file per test session, so threads share it); PostgreSQL when
TEST_DATABASE_URL is set: a fresh database is created for the session (one per xdist
worker) and dropped afterwards. Each test starts from empty tables.
"""

from __future__ import annotations

import os
import uuid

import pytest
from flask import g
from flask.testing import FlaskClient
from hypothesis import settings
from sqlalchemy import make_url, text

from eventsapp import create_app
from eventsapp.extensions import db as _db

# CI runs the property-based tests on a fixed sequence of examples, so a run is repeatable;
# developers' runs explore new examples each time.
settings.register_profile("ci", derandomize=True, deadline=None, print_blob=True)
if os.environ.get("CI"):
    settings.load_profile("ci")


def _create_pg_database(base_url: str) -> str:
    import psycopg

    url = make_url(base_url)
    name = f"eventsapp_test_{uuid.uuid4().hex[:10]}"
    admin = url.set(drivername="postgresql", database="postgres")
    conninfo = admin.render_as_string(hide_password=False)
    with psycopg.connect(conninfo, autocommit=True) as conn:
        conn.execute(f'CREATE DATABASE "{name}"')
    return url.set(database=name).render_as_string(hide_password=False)


def _drop_pg_database(test_url: str) -> None:
    import psycopg

    url = make_url(test_url)
    admin = url.set(drivername="postgresql", database="postgres")
    with psycopg.connect(admin.render_as_string(hide_password=False), autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{url.database}" WITH (FORCE)')


@pytest.fixture(scope="session", autouse=True)
def _compiled_catalogs():
    """Compile the Spanish catalogs when run outside `make test` (which compiles them)."""
    from pathlib import Path

    from babel.messages.mofile import write_mo
    from babel.messages.pofile import read_po

    root = Path(__file__).resolve().parent.parent / "eventsapp"
    for po in root.glob("**/translations/es/LC_MESSAGES/messages.po"):
        mo = po.with_suffix(".mo")
        if not mo.exists() or mo.stat().st_mtime < po.stat().st_mtime:
            with po.open("rb") as f:
                catalog = read_po(f, locale="es")
            with mo.open("wb") as f:
                write_mo(f, catalog)


@pytest.fixture(scope="session")
def database_url(tmp_path_factory):
    base = os.environ.get("TEST_DATABASE_URL", "")
    if base.startswith("postgresql"):
        url = _create_pg_database(base)
        yield url
        _drop_pg_database(url)
    else:
        yield f"sqlite:///{tmp_path_factory.mktemp('db') / 'test.sqlite'}"


@pytest.fixture(scope="session", autouse=True)
def _instance_outside_the_repository(tmp_path_factory):
    """Apps built without an explicit INSTANCE_PATH (``create_app()`` in config tests,
    migration tests) use a temporary folder too: the suite never writes the repository's
    instance/."""
    previous = os.environ.get("INSTANCE_PATH")
    os.environ["INSTANCE_PATH"] = str(tmp_path_factory.mktemp("session") / "instance")
    yield
    if previous is None:
        os.environ.pop("INSTANCE_PATH", None)
    else:
        os.environ["INSTANCE_PATH"] = previous


@pytest.fixture(scope="session")
def _schema(database_url, tmp_path_factory):
    app = create_app(_test_config(database_url, tmp_path_factory.mktemp("schema")))
    with app.app_context():
        _db.create_all()
        _db.engine.dispose()
    return True


def _test_config(database_url: str, folder) -> dict:
    """Settings of a test app whose files (instance folder, uploads) all live under
    ``folder``, a temporary directory of its own: no two apps share
    a file, and nothing is written into the repository."""
    from pathlib import Path

    from eventsapp.config import TestingConfig

    config = {k: getattr(TestingConfig, k) for k in dir(TestingConfig) if k.isupper()}
    config.update(
        SQLALCHEMY_DATABASE_URI=database_url,
        WTF_CSRF_ENABLED=False,
        SERVER_NAME="events.test",
        INSTANCE_PATH=str(Path(folder) / "instance"),
        UPLOAD_FOLDER=str(Path(folder) / "uploads"),
    )
    return config


class FreshRequestClient(FlaskClient):
    """Each request starts with an empty ``g``, as on a server, where every request pushes
    an app context of its own.

    Here the test's app context stays pushed during requests (so that tests and views share
    db.session), and Flask reuses it, ``g`` included: whatever a request kept on ``g`` (the
    signed-in user, the locale, the CSRF token) would leak into the next one. Pushing a
    fresh app context per request would give the request a db.session of its own, and
    hundreds of tests read the rows a request wrote through theirs. So ``g`` is emptied
    through its documented namespace interface (iteration, ``pop``), naming no library's
    keys."""

    def open(self, *args, **kwargs):
        for name in list(g):
            g.pop(name)
        return super().open(*args, **kwargs)


@pytest.fixture
def app(database_url, _schema, tmp_path):
    app = create_app(_test_config(database_url, tmp_path / "app"))
    app.test_client_class = FreshRequestClient
    with app.app_context():
        yield app
        _db.session.remove()
        _truncate_all()
        _db.engine.dispose()


def _truncate_all() -> None:
    tables = list(reversed(_db.metadata.sorted_tables))
    with _db.engine.begin() as conn:
        if conn.dialect.name == "postgresql":
            names = ", ".join(f'"{t.name}"' for t in tables)
            conn.execute(text(f"TRUNCATE {names} RESTART IDENTITY CASCADE"))
        else:
            for table in tables:
                conn.execute(table.delete())


@pytest.fixture
def db(app):
    return _db


@pytest.fixture
def client(app):
    return app.test_client()


@pytest.fixture
def runner(app):
    return app.test_cli_runner()


@pytest.fixture
def login(client):
    """``login(user)`` signs ``user`` in on the test client."""

    def _login(user):
        with client.session_transaction() as session:
            session["_user_id"] = user.session_token
            session["_fresh"] = True
        return user

    return _login


@pytest.fixture
def admin(db):
    from tests.factories import make_user

    return make_user("admin@example.org", is_admin=True)


@pytest.fixture
def event(db):
    from tests.factories import make_event

    return make_event()


@pytest.fixture
def organizer(db, event):
    from eventsapp.auth.models import EventRoleKind
    from tests.factories import grant, make_user

    user = make_user("organizer@example.org")
    grant(user, event, EventRoleKind.ORGANIZER)
    return user
