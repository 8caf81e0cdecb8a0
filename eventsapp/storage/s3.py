"""The bytes of stored files in an S3-compatible bucket (AWS S3, MinIO, Ceph, Garage…),
when ``STORAGE_S3_BUCKET`` is set; the database keeps each file's row (key, type, size,
SHA-256) either way, so listings, ETags and access checks never reach the bucket.

Keys are content-addressed, so an upload before the commit is safe to repeat and a rolled
back transaction leaves at most an object nobody names. A deletion waits for the commit:
a transaction that rolls back must still find its bytes. Credentials come from the usual
AWS environment variables or instance role (boto3's own chain), never from the settings.
"""

from __future__ import annotations

import logging
from typing import Any

# boto3 and botocore ship no types (pyproject.toml's mypy overrides): the client is Any here.
import boto3
from botocore.exceptions import BotoCoreError, ClientError
from flask import current_app
from sqlalchemy import event
from sqlalchemy.orm import Session

from eventsapp.extensions import db

_PENDING_DELETES = "storage_s3_deletes"
log = logging.getLogger(__name__)


def enabled() -> bool:
    return bool(current_app.config.get("STORAGE_S3_BUCKET"))


def _client() -> Any:  # a boto3 S3 client
    clients = current_app.extensions.setdefault("eventsapp.s3", {})
    if "client" not in clients:
        config = current_app.config
        clients["client"] = boto3.client(
            "s3",
            endpoint_url=config.get("STORAGE_S3_ENDPOINT_URL") or None,
            region_name=config.get("STORAGE_S3_REGION") or None,
        )
    return clients["client"]


def _object_name(key: str) -> str:
    prefix: str = current_app.config.get("STORAGE_S3_PREFIX", "")
    return prefix + key


def upload(key: str, data: bytes, content_type: str) -> None:
    _client().put_object(
        Bucket=current_app.config["STORAGE_S3_BUCKET"],
        Key=_object_name(key),
        Body=data,
        ContentType=content_type,
    )


def download(key: str) -> bytes:
    answer = _client().get_object(
        Bucket=current_app.config["STORAGE_S3_BUCKET"], Key=_object_name(key)
    )
    data: bytes = answer["Body"].read()
    return data


def reachable() -> bool:
    """Whether the bucket answers (for /healthz)."""
    try:
        _client().head_bucket(Bucket=current_app.config["STORAGE_S3_BUCKET"])
        return True
    except (BotoCoreError, ClientError):
        log.exception("healthz: bucket unreachable")
        return False


def delete_after_commit(key: str) -> None:
    db.session.info.setdefault(_PENDING_DELETES, set()).add(key)


def keep(key: str) -> None:
    db.session.info.get(_PENDING_DELETES, set()).discard(key)


@event.listens_for(Session, "after_commit")
def _delete_committed(session: Session) -> None:
    keys = session.info.pop(_PENDING_DELETES, None)
    if not keys:
        return
    bucket = current_app.config["STORAGE_S3_BUCKET"]
    client = _client()
    for key in sorted(keys):
        try:
            client.delete_object(Bucket=bucket, Key=_object_name(key))
        except (BotoCoreError, ClientError):
            # The rows are gone; an object nobody names is only space (a bucket lifecycle
            # rule or a later run can remove it). The request that deleted it succeeded.
            log.warning("could not delete %s from the bucket", key, exc_info=True)


@event.listens_for(Session, "after_rollback")
def _forget_deletes(session: Session) -> None:
    session.info.pop(_PENDING_DELETES, None)
