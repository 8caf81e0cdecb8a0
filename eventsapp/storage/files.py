"""put / get / delete stored files, and serve one with a strong ETag.

The database holds the bytes by default (an S3-compatible bucket when STORAGE_S3_BUCKET is
set: eventsapp/storage/s3.py; the row stays, its ``content`` empty), so a file written
through one host is read by every other (an instance folder is one host's disk). Keys are
content-addressed within an event: ``<sha256 of the event's id and the bytes>.<ext>``, so
a key always names the same bytes (its responses can be cached for good; the ETag is the
bytes' own SHA-256), storing the same bytes twice for one event gives one row, and no
event's key ever names another event's file. Callers that share a key (two speakers with
one photo) check that nothing else names it before they delete it.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterable

from flask import Response, request
from sqlalchemy import select
from sqlalchemy.exc import IntegrityError

from eventsapp.db import rowcount
from eventsapp.extensions import db
from eventsapp.storage import s3
from eventsapp.storage.models import StoredFile

KEY_PATTERN = re.compile(r"^[0-9a-f]{64}\.[a-z0-9]{1,8}$")
EXTENSIONS = {
    "image/jpeg": "jpg",
    "image/png": "png",
    "image/webp": "webp",
    "application/pdf": "pdf",
    "text/csv": "csv",
    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet": "xlsx",
    "application/zip": "zip",
}
ONE_YEAR = 365 * 24 * 3600


def key_for(data: bytes, content_type: str, event_id: int | None = None) -> str:
    scope = f"event:{event_id}\n".encode() if event_id is not None else b"site\n"
    digest = hashlib.sha256(scope + data).hexdigest()
    return f"{digest}.{EXTENSIONS.get(content_type, 'bin')}"


def put(data: bytes, content_type: str, event_id: int | None = None) -> str:
    """Store ``data`` (in the caller's transaction) and return its key."""
    key = key_for(data, content_type, event_id)
    in_bucket = s3.enabled()
    if in_bucket:
        s3.keep(key)  # deleted earlier in this transaction, stored again: keep the object
    if _find(key) is not None:
        return key
    if in_bucket:
        s3.upload(key, data, content_type)
    row = StoredFile(
        key=key,
        content=b"" if in_bucket else data,
        content_type=content_type,
        size=len(data),
        sha256=hashlib.sha256(data).hexdigest(),
        event_id=event_id,
    )
    try:
        with db.session.begin_nested():  # the same bytes stored by a concurrent request
            db.session.add(row)
    except IntegrityError:
        pass
    return key


def get(key: str | None) -> StoredFile | None:
    """The stored file, or None; its bytes are ``read(stored)``."""
    if not key or not KEY_PATTERN.match(key):
        return None
    return _find(key)


def contents(keys: Iterable[str | None]) -> dict[str, bytes]:
    """The bytes of every stored key among ``keys`` (one query), by key."""
    wanted = {key for key in keys if key and KEY_PATTERN.match(key)}
    if not wanted:
        return {}
    rows = db.session.execute(
        db.select(StoredFile.key, StoredFile.content, StoredFile.size).where(
            StoredFile.key.in_(wanted)
        )
    )
    return {key: _bytes(key, content, size) for key, content, size in rows}


def read(stored: StoredFile) -> bytes:
    """The bytes of ``stored``, from the database or the bucket."""
    return _bytes(stored.key, stored.content, stored.size)


def _bytes(key: str, content: bytes, size: int) -> bytes:
    # A row with no bytes of a non-empty file: they are in the bucket.
    return s3.download(key) if size and not content else content


def delete(key: str | None) -> None:
    if key and KEY_PATTERN.match(key):
        deleted = db.session.execute(db.delete(StoredFile).where(StoredFile.key == key))
        if rowcount(deleted) and s3.enabled():
            s3.delete_after_commit(key)


def _find(key: str) -> StoredFile | None:
    return db.session.scalar(select(StoredFile).where(StoredFile.key == key))


def send(
    stored: StoredFile, *, download_name: str | None = None, private: bool = False
) -> Response:
    """The file as a response: strong ETag (its SHA-256), cached for a year (a key never
    names other bytes; ``private``: by the browser only, for pages behind a sign-in), 304
    without reading the bytes when the client has them."""
    scope = "private" if private else "public"
    cache_control = f"{scope}, max-age={ONE_YEAR}, immutable"
    if request.if_none_match.contains(stored.sha256):
        response = Response(status=304)
    else:
        response = Response(read(stored), mimetype=stored.content_type)
    response.set_etag(stored.sha256)
    response.headers["Cache-Control"] = cache_control
    response.headers["X-Content-Type-Options"] = "nosniff"
    if download_name:
        response.headers["Content-Disposition"] = f'attachment; filename="{download_name}"'
    return response
