"""Stored files in an S3-compatible bucket (STORAGE_S3_BUCKET): the bytes go to the bucket,
the row keeps what listings and ETags need, and a deletion waits for the commit. Run against
moto's in-process S3."""

from __future__ import annotations

import boto3
import pytest
from moto import mock_aws

from eventsapp import storage
from eventsapp.extensions import db
from eventsapp.storage.models import StoredFile
from tests.factories import make_speaker

BUCKET = "eventsapp-files"
JPEG = b"\xff\xd8\xff\xe0" + b"a speaker photo" * 50


@pytest.fixture
def bucket(app, monkeypatch):
    monkeypatch.setenv("AWS_ACCESS_KEY_ID", "testing")
    monkeypatch.setenv("AWS_SECRET_ACCESS_KEY", "testing")
    with mock_aws():
        s3 = boto3.client("s3", region_name="us-east-1")
        s3.create_bucket(Bucket=BUCKET)
        app.config.update(STORAGE_S3_BUCKET=BUCKET, STORAGE_S3_REGION="us-east-1")
        app.extensions.pop("eventsapp.s3", None)
        yield s3
        app.config["STORAGE_S3_BUCKET"] = None
        app.extensions.pop("eventsapp.s3", None)


def _objects(s3) -> list[str]:
    return [item["Key"] for item in s3.list_objects_v2(Bucket=BUCKET).get("Contents", [])]


def test_the_bytes_go_to_the_bucket_and_the_row_keeps_the_rest(bucket, event):
    key = storage.put(b"%PDF-1.7 booklet", "application/pdf", event.id)
    db.session.commit()
    assert _objects(bucket) == [key]
    answer = bucket.get_object(Bucket=BUCKET, Key=key)
    assert answer["Body"].read() == b"%PDF-1.7 booklet"
    assert answer["ContentType"] == "application/pdf"
    row = db.session.scalar(db.select(StoredFile).where(StoredFile.key == key))
    assert (row.content, row.size) == (b"", 16)
    assert storage.read(storage.get(key)) == b"%PDF-1.7 booklet"
    assert storage.contents([key]) == {key: b"%PDF-1.7 booklet"}


def test_a_photo_is_served_from_the_bucket(bucket, client, event):
    key = storage.put(JPEG, "image/jpeg", event.id)
    make_speaker(event, photo_filename=key)
    db.session.commit()
    response = client.get(f"/events/{event.slug}/speakers/photos/{key}")
    assert response.status_code == 200
    assert response.data == JPEG and response.mimetype == "image/jpeg"
    again = client.get(
        f"/events/{event.slug}/speakers/photos/{key}",
        headers={"If-None-Match": f'"{response.headers["ETag"].strip(chr(34))}"'},
    )
    assert again.status_code == 304


def test_a_deletion_reaches_the_bucket_only_when_committed(bucket, event):
    key = storage.put(b"an import file", "text/csv", event.id)
    db.session.commit()
    storage.delete(key)
    db.session.rollback()
    assert _objects(bucket) == [key]  # the transaction that deleted it did not happen
    assert storage.read(storage.get(key)) == b"an import file"
    storage.delete(key)
    db.session.commit()
    assert _objects(bucket) == [] and storage.get(key) is None


def test_deleted_and_stored_again_in_one_transaction_keeps_the_object(bucket, event):
    key = storage.put(b"same bytes", "text/csv", event.id)
    db.session.commit()
    storage.delete(key)
    assert storage.put(b"same bytes", "text/csv", event.id) == key
    db.session.commit()
    assert _objects(bucket) == [key]
    assert storage.read(storage.get(key)) == b"same bytes"


def test_files_stored_in_the_database_stay_readable_after_switching(app, event, bucket):
    app.config["STORAGE_S3_BUCKET"] = None
    key = storage.put(b"kept in the database", "text/csv", event.id)
    db.session.commit()
    app.config["STORAGE_S3_BUCKET"] = BUCKET
    assert storage.read(storage.get(key)) == b"kept in the database"
    assert _objects(bucket) == []


def test_healthz_reports_the_bucket(bucket, client, app):
    assert client.get("/healthz").get_json()["storage"] is True
    app.config["STORAGE_S3_BUCKET"] = "no-such-bucket"
    answer = client.get("/healthz")
    assert answer.status_code == 503 and answer.get_json()["storage"] is False
