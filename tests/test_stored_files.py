"""Stored files (eventsapp/storage): kept in the database, one row per content, and the
migration that moves speaker photos from UPLOAD_FOLDER into it."""

from __future__ import annotations

import hashlib

from flask_migrate import upgrade
from sqlalchemy import text

from eventsapp import create_app, storage
from eventsapp.extensions import db
from eventsapp.storage.models import StoredFile
from tests.factories import make_event
from tests.test_migrations import _insert_event, empty_database_url  # noqa: F401, F811


def test_put_get_delete(app, event):
    key = storage.put(b"%PDF-1.7 booklet", "application/pdf", event.id)
    assert key.endswith(".pdf") and len(key) == 68
    assert storage.put(b"%PDF-1.7 booklet", "application/pdf", event.id) == key  # one row
    other = storage.put(b"%PDF-1.7 booklet", "application/pdf", make_event("other").id)
    assert other != key  # no event's key names another event's file
    db.session.commit()
    stored = storage.get(key)
    assert (stored.content, stored.content_type, stored.size, stored.event_id) == (
        b"%PDF-1.7 booklet",
        "application/pdf",
        16,
        event.id,
    )
    assert stored.sha256 == hashlib.sha256(b"%PDF-1.7 booklet").hexdigest()
    assert db.session.scalar(db.select(db.func.count()).select_from(StoredFile)) == 2
    assert storage.get("../../etc/passwd") is None and storage.get(None) is None
    storage.delete(key)
    db.session.commit()
    assert storage.get(key) is None


def test_upgrade_moves_speaker_photos_into_the_database(
    empty_database_url,  # noqa: F811  (the fixture of test_migrations)
    tmp_path,
    capfd,
):
    uploads = tmp_path / "uploads"
    (uploads / "speakers").mkdir(parents=True)
    jpeg = b"\xff\xd8\xff\xe0 a photo"
    (uploads / "speakers" / f"{'a' * 32}.jpg").write_bytes(jpeg)
    app = create_app(
        {
            "SQLALCHEMY_DATABASE_URI": empty_database_url,
            "TESTING": True,
            "UPLOAD_FOLDER": str(uploads),
        }
    )
    with app.app_context():
        upgrade(revision="0005")
        with db.engine.begin() as connection:
            _insert_event(connection, text, 1)
            for person_id in (1, 2):
                connection.execute(
                    text(
                        "INSERT INTO persons (id, event_id, honorific, given_name, family_name,"
                        " position, email, phone, preferred_language, passport_number,"
                        " nationality, created_at) VALUES (:id, 1, '', 'Ana', 'Ruiz', '',"
                        " :email, '', 'es', '', '', '2026-01-01 00:00:00+00:00')"
                    ),
                    {"id": person_id, "email": f"p{person_id}@example.org"},
                )
            for speaker_id, name in ((1, f"{'a' * 32}.jpg"), (2, f"{'b' * 32}.jpg")):
                connection.execute(
                    text(
                        "INSERT INTO speakers (id, event_id, person_id, affiliation, bio_en,"
                        " bio_es, photo_filename) VALUES (:id, 1, :id, '', '', '', :name)"
                    ),
                    {"id": speaker_id, "name": name},
                )
        upgrade(revision="0006")  # alembic.ini logs to stderr
        with db.engine.connect() as connection:
            photos = dict(connection.execute(text("SELECT id, photo_filename FROM speakers")).all())
            rows = connection.execute(
                text("SELECT key, content, content_type, size, event_id FROM stored_files")
            ).all()
        db.engine.dispose()
    key = storage.key_for(jpeg, "image/jpeg", 1)  # as put() makes it
    assert [tuple(row) for row in rows] == [(key, jpeg, "image/jpeg", len(jpeg), 1)]
    assert photos == {1: key, 2: f"{'b' * 32}.jpg"}  # the missing file: logged and skipped
    assert f"speaker 2: photo {uploads}/speakers/{'b' * 32}.jpg not moved" in capfd.readouterr().err
