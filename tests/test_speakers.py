"""Speakers in the back office: person fields or an existing person, photos, availability."""

import hashlib
import io
import os

import pytest
from PIL import Image

from eventsapp.agenda.models import Speaker, SpeakerAvailability
from eventsapp.audit.models import AuditEntry
from eventsapp.registration.models import Person
from eventsapp.storage.models import StoredFile
from tests.agenda_helpers import image_bytes
from tests.factories import make_event, make_person, make_speaker, make_user


def _post_speaker(client, event, speaker_id=None, photo=None, **fields):
    data = {
        "email": "Ana.Lopez@Example.org",
        "honorific": "Lic.",
        "given_name": "Ana",
        "family_name": "López",
        "position": "Fiscal",
        "affiliation": "FGR",
        "bio_en": "Prosecutor in Mexico City.",
        "bio_es": "Fiscal en la Ciudad de México.",
    }
    data.update(fields)
    if photo is not None:
        data["photo"] = photo
    url = (
        f"/manage/events/{event.slug}/speakers/{speaker_id}/edit"
        if speaker_id
        else f"/manage/events/{event.slug}/speakers/new"
    )
    return client.post(url, data=data, content_type="multipart/form-data")


def test_organizer_creates_speaker_with_new_person(client, login, organizer, event, db):
    login(organizer)
    response = _post_speaker(client, event)
    assert response.status_code == 302
    speaker = db.session.scalar(db.select(Speaker))
    assert speaker.person.email == "ana.lopez@example.org"
    assert speaker.person.full_name == "Ana López"
    assert speaker.bio_es == "Fiscal en la Ciudad de México."
    assert db.session.scalar(db.select(AuditEntry).where(AuditEntry.object_type == "Speaker"))
    page = client.get(f"/manage/events/{event.slug}/speakers/").get_data(as_text=True)
    assert "Ana López" in page and "FGR" in page


def test_speaker_links_existing_person_by_email(client, login, organizer, event, db):
    person = make_person("ana.lopez@example.org", given_name="Ana", family_name="López")
    login(organizer)
    response = _post_speaker(client, event, given_name="", family_name="")
    assert response.status_code == 302
    assert db.session.scalar(db.select(db.func.count(Person.id))) == 1
    assert db.session.scalar(db.select(Speaker)).person_id == person.id


def test_new_person_needs_names(client, login, organizer, event, db):
    login(organizer)
    response = _post_speaker(client, event, given_name="")
    assert response.status_code == 200
    assert "give a given name and a family name" in response.get_data(as_text=True)
    assert db.session.scalar(db.select(Speaker)) is None


def test_same_person_twice_is_refused(client, login, organizer, event, db):
    make_speaker(event, make_person("ana.lopez@example.org"))
    login(organizer)
    response = _post_speaker(client, event)
    assert response.status_code == 200
    assert "already a speaker" in response.get_data(as_text=True)


def test_photo_is_reencoded_resized_and_served(client, login, organizer, event, db, app):
    login(organizer)
    response = _post_speaker(client, event, photo=(io.BytesIO(image_bytes("PNG")), "me.png"))
    assert response.status_code == 302
    speaker = db.session.scalar(db.select(Speaker))
    name = speaker.photo_filename
    assert name.endswith(".jpg") and "me" not in name
    visitor = app.test_client()  # signed-in pages are never cached (eventsapp/security.py)
    served = visitor.get(f"/events/{event.slug}/speakers/photos/{name}")
    assert served.status_code == 200 and served.mimetype == "image/jpeg"
    with Image.open(io.BytesIO(served.data)) as stored:
        assert stored.format == "JPEG"
        assert max(stored.size) == 800
    row = db.session.scalar(db.select(StoredFile).where(StoredFile.key == name))
    assert row.content == served.data and row.size == len(served.data)
    assert row.event_id == event.id and not os.path.exists(app.config["UPLOAD_FOLDER"])
    # A key always names the same bytes: the answer is cached for good, and revalidates
    # to 304 by the bytes' SHA-256.
    assert served.headers["ETag"] == f'"{hashlib.sha256(served.data).hexdigest()}"'
    assert "max-age=31536000" in served.headers["Cache-Control"]
    again = visitor.get(served.request.path, headers={"If-None-Match": served.headers["ETag"]})
    assert again.status_code == 304 and again.data == b""
    assert visitor.get(f"/events/{event.slug}/speakers/photos/{'0' * 64}.jpg").status_code == 404
    back_office = client.get(f"/manage/events/{event.slug}/speakers/photos/{name}")
    assert back_office.data == served.data


def test_webp_and_jpeg_are_accepted(client, login, organizer, event, db):
    login(organizer)
    for fmt, n in (("WEBP", "a.webp"), ("JPEG", "a.jpg")):
        speaker = make_speaker(event)
        response = _post_speaker(
            client,
            event,
            speaker.id,
            email=speaker.person.email,
            photo=(io.BytesIO(image_bytes(fmt, (300, 200))), n),
        )
        assert response.status_code == 302
        db.session.refresh(speaker)
        assert speaker.photo_filename


def _refused(client, event, db, payload, filename, message):
    response = _post_speaker(client, event, photo=(io.BytesIO(payload), filename))
    assert response.status_code == 200
    html = response.get_data(as_text=True)
    assert message in html
    assert 'id="photo-error"' in html
    assert db.session.scalar(db.select(Speaker)) is None


def test_photo_not_an_image_is_refused(client, login, organizer, event, db):
    login(organizer)
    _refused(
        client,
        event,
        db,
        b"<svg xmlns='http://www.w3.org/2000/svg'/>",
        "x.png",
        "Upload a JPEG, PNG or WebP image.",
    )


def test_gif_is_refused(client, login, organizer, event, db):
    login(organizer)
    _refused(
        client,
        event,
        db,
        image_bytes("GIF", (50, 50), "P"),
        "x.gif",
        "Upload a JPEG, PNG or WebP image.",
    )


def test_photo_over_5_mb_is_refused(client, login, organizer, event, db):
    login(organizer)
    _refused(
        client,
        event,
        db,
        image_bytes("PNG", (10, 10)) + b"\0" * (5 * 1024 * 1024),
        "big.png",
        "larger than 5 MB",
    )


@pytest.mark.parametrize("side", [7000, 10000])
def test_photo_with_too_many_pixels_is_refused(client, login, organizer, event, db, side):
    login(organizer)
    # A small file that claims side x side pixels: refused before decoding.
    payload = image_bytes("PNG", (side, side), "1")
    assert len(payload) < 5 * 1024 * 1024
    _refused(client, event, db, payload, "bomb.png", "too many pixels")


def test_remove_photo_deletes_file(client, login, organizer, event, db, app):
    login(organizer)
    _post_speaker(client, event, photo=(io.BytesIO(image_bytes("PNG")), "me.png"))
    speaker = db.session.scalar(db.select(Speaker))
    name = speaker.photo_filename
    _post_speaker(client, event, speaker.id, remove_photo="y")
    db.session.refresh(speaker)
    assert speaker.photo_filename is None
    assert db.session.scalar(db.select(StoredFile).where(StoredFile.key == name)) is None
    assert client.get(f"/events/{event.slug}/speakers/photos/{name}").status_code == 404


def test_a_photo_two_speakers_show_stays_until_neither_does(client, login, organizer, event, db):
    login(organizer)
    first, second = make_speaker(event), make_speaker(event)
    for speaker in (first, second):  # the same picture: one stored file
        _post_speaker(
            client,
            event,
            speaker.id,
            email=speaker.person.email,
            photo=(io.BytesIO(image_bytes("PNG")), "same.png"),
        )
    db.session.refresh(first)
    db.session.refresh(second)
    name = first.photo_filename
    assert second.photo_filename == name
    assert db.session.scalar(db.select(db.func.count()).select_from(StoredFile)) == 1
    _post_speaker(client, event, first.id, email=first.person.email, remove_photo="y")
    assert client.get(f"/events/{event.slug}/speakers/photos/{name}").status_code == 200
    _post_speaker(client, event, second.id, email=second.person.email, remove_photo="y")
    assert db.session.scalar(db.select(db.func.count()).select_from(StoredFile)) == 0


def test_availability_windows(client, login, organizer, event, db):
    speaker = make_speaker(event)
    login(organizer)
    url = f"/manage/events/{event.slug}/speakers/{speaker.id}/availability"
    response = client.post(
        url, data={"window-starts_at": "2027-03-09T08:00", "window-ends_at": "2027-03-09T12:00"}
    )
    assert response.status_code == 302
    window = db.session.scalar(db.select(SpeakerAvailability))
    # 08:00 in Los Angeles on 9 March 2027 (PST, UTC-8) is 16:00 UTC.
    assert window.starts_at.hour == 16
    bad = client.post(
        url,
        data={"window-starts_at": "2027-03-09T12:00", "window-ends_at": "2027-03-09T08:00"},
        follow_redirects=True,
    )
    assert "The end must be after the start." in bad.get_data(as_text=True)
    assert db.session.scalar(db.select(db.func.count(SpeakerAvailability.id))) == 1
    client.post(f"{url}/{window.id}/delete")
    assert db.session.scalar(db.select(SpeakerAvailability)) is None


def test_speaker_delete_and_scoping(client, login, organizer, event, db):
    other_event = make_event("other-summit")
    foreign = make_speaker(other_event)
    mine = make_speaker(event)
    login(organizer)
    assert client.get(f"/manage/events/{event.slug}/speakers/{foreign.id}/edit").status_code == 404
    assert (
        client.post(f"/manage/events/{event.slug}/speakers/{foreign.id}/delete").status_code == 404
    )
    assert client.get(f"/manage/events/{other_event.slug}/speakers/").status_code == 403
    client.post(f"/manage/events/{event.slug}/speakers/{mine.id}/delete")
    assert db.session.get(Speaker, mine.id) is None


def test_speakers_pages_need_sign_in(client, event):
    response = client.get(f"/manage/events/{event.slug}/speakers/")
    assert response.status_code == 302 and "/login" in response.headers["Location"]


def test_speaker_form_refuses_post_without_csrf(client, login, organizer, event, app, db):
    app.config["WTF_CSRF_ENABLED"] = True
    login(organizer)
    response = _post_speaker(client, event)
    assert response.status_code == 400
    assert db.session.scalar(db.select(Speaker)) is None
    user = make_user()
    assert user  # unrelated accounts do not change the outcome
