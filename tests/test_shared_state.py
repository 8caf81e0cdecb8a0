"""Several hosts behind one address: two apps (two ``create_app``, each with its own instance
and upload folder, like two hosts) on one database and one Redis share rate limits, the
public agenda's version and stored files.

Redis on 127.0.0.1:6379, database 14 (15 for the second xdist worker; the jobs tests use 13),
emptied around each test; skipped without Redis, except in CI where a missing Redis is a failure.
"""

from __future__ import annotations

import io
import os

import pytest

from eventsapp import create_app
from eventsapp.agenda.models import Speaker
from tests.agenda_helpers import image_bytes, session_form
from tests.factories import make_session, make_speaker, make_user

REDIS = os.environ.get("TEST_REDIS_URL", "redis://127.0.0.1:6379")


@pytest.fixture
def redis_url(worker_id):
    import redis

    number = 14 + (int(worker_id[2:]) % 2 if worker_id.startswith("gw") else 0)
    url = f"{REDIS}/{number}"
    client = redis.Redis.from_url(url, socket_connect_timeout=1)
    try:
        client.ping()
    except redis.ConnectionError:
        if os.environ.get("CI"):
            raise
        pytest.skip("no Redis on 127.0.0.1:6379")
    client.flushdb()
    yield url
    client.flushdb()
    client.close()


def host(app, tmp_path, name: str, **config):
    """Another app on the test database, with its own instance and upload folders (and the
    rate-limit store chosen afresh: the test app's holds its resolved ``memory://``)."""
    settings = dict(
        app.config,
        INSTANCE_PATH=str(tmp_path / name / "instance"),
        UPLOAD_FOLDER=str(tmp_path / name / "uploads"),
        RATELIMIT_STORAGE_URI=None,
    )
    other = create_app(dict(settings, **config))
    other.test_client_class = app.test_client_class
    return other


def sign_in(client, user) -> None:
    with client.session_transaction() as cookie:
        cookie["_user_id"] = user.session_token
        cookie["_fresh"] = True


def test_failed_sign_ins_spread_over_two_hosts_share_one_limit(app, db, tmp_path, redis_url):
    make_user("target@example.org")
    a = host(app, tmp_path, "a", REDIS_URL=redis_url, RATELIMIT_ENABLED=True).test_client()

    def attempt(client, address):
        return client.post(
            "/login",
            data={"email": "target@example.org", "password": "x" * 12},
            environ_base={"REMOTE_ADDR": address},
        ).status_code

    codes = [attempt(a, "10.0.0.1"), attempt(a, "10.0.0.2"), attempt(a, "10.0.0.3")]
    # Host B starts after A counted three: a per-process store would start again from zero.
    b = host(app, tmp_path, "b", REDIS_URL=redis_url, RATELIMIT_ENABLED=True).test_client()
    codes += [attempt(b, "10.0.1.1"), attempt(b, "10.0.1.2")]
    assert codes == [200] * 5  # the per-account limit is 5 a minute
    refused = b.post(
        "/login",
        data={"email": "target@example.org", "password": "x" * 12},
        environ_base={"REMOTE_ADDR": "10.0.2.1"},
    )
    assert refused.status_code == 429
    assert "Please wait a moment and try again." in refused.get_data(as_text=True)
    assert attempt(a, "10.0.3.1") == 429


def test_start_up_fails_loudly_when_the_configured_store_does_not_answer(app, tmp_path):
    with pytest.raises(RuntimeError, match="does not answer"):
        host(
            app,
            tmp_path,
            "a",
            RATELIMIT_ENABLED=True,
            RATELIMIT_STORAGE_URI="redis://127.0.0.1:1/0",
        )


def test_the_explicit_store_overrides_redis_url(app, tmp_path, redis_url):
    from eventsapp.ratelimits import storage_uri

    assert storage_uri({"REDIS_URL": redis_url}) == redis_url
    assert storage_uri({"REDIS_URL": redis_url, "RATELIMIT_STORAGE_URI": "memory://"}) == (
        "memory://"
    )
    assert storage_uri({}) == "memory://"


def test_an_agenda_edit_through_host_a_is_served_by_host_b_at_once(
    app, db, event, organizer, login, tmp_path, redis_url
):
    session = make_session(event, title_en="Opening plenary")
    a = host(app, tmp_path, "a", REDIS_URL=redis_url).test_client()
    b = host(app, tmp_path, "b", REDIS_URL=redis_url).test_client()
    sign_in(a, organizer)
    page = f"/events/{event.slug}/agenda"
    edit = f"/manage/events/{event.slug}/sessions/{session.id}/edit"
    form = session_form(
        event, title_en="Opening plenary, moved to the Sala Juárez", is_published="y"
    )
    db.session.rollback()  # end the test's read (SQLite: BEGIN IMMEDIATE) before hosts write
    assert "Opening plenary" in b.get(page).get_data(as_text=True)  # kept by B
    assert "Opening plenary" in b.get(page).get_data(as_text=True)
    edited = a.post(edit, data=form)
    assert edited.status_code == 302
    assert "Opening plenary, moved to the Sala Juárez" in b.get(page).get_data(as_text=True)


def test_a_photo_uploaded_through_host_a_is_served_by_host_b_byte_for_byte(
    app, db, event, organizer, tmp_path
):
    speaker = make_speaker(event)
    a = host(app, tmp_path, "a").test_client()
    b = host(app, tmp_path, "b").test_client()
    sign_in(a, organizer)
    edit = f"/manage/events/{event.slug}/speakers/{speaker.id}/edit"
    email = speaker.person.email
    db.session.rollback()  # end the test's read (SQLite: BEGIN IMMEDIATE) before hosts write
    uploaded = a.post(
        edit,
        data={
            "email": email,
            "given_name": "",
            "family_name": "",
            "honorific": "",
            "position": "",
            "affiliation": "",
            "bio_en": "",
            "bio_es": "",
            "photo": (io.BytesIO(image_bytes("PNG")), "me.png"),
        },
        content_type="multipart/form-data",
    )
    assert uploaded.status_code == 302
    name = db.session.scalar(db.select(Speaker.photo_filename).where(Speaker.id == speaker.id))
    photo = f"/events/{event.slug}/speakers/photos/{name}"
    db.session.rollback()
    from_a, from_b = a.get(photo), b.get(photo)
    assert from_a.status_code == from_b.status_code == 200
    assert from_b.data == from_a.data and from_b.data.startswith(b"\xff\xd8")
    assert from_b.headers["ETag"] == from_a.headers["ETag"]
    assert not os.path.exists(tmp_path / "a" / "uploads")  # nothing on A's disk
