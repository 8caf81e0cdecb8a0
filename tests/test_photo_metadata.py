"""Uploaded photos are re-encoded with every piece of metadata dropped (issue 11, item 8):
no EXIF (GPS position, camera), no JPEG comment, no XMP, no ICC profile, no PNG text."""

import io

import pytest
from PIL import Image, ImageCms
from PIL.PngImagePlugin import PngInfo

from eventsapp.agenda.models import Speaker

SECRET = b"home-address-of-the-speaker"
GPS_IFD = 0x8825


def _exif() -> Image.Exif:
    exif = Image.Exif()
    exif[0x010F] = "SpyCam"  # Make
    exif[0x0131] = SECRET.decode()  # Software
    exif.get_ifd(GPS_IFD).update({1: "N", 2: (19.0, 25.0, 56.0), 3: "W", 4: (99.0, 7.0, 59.0)})
    return exif


def _srgb_profile() -> bytes:
    return ImageCms.ImageCmsProfile(ImageCms.createProfile("sRGB")).tobytes()


def _jpeg() -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (1200, 900), (40, 120, 200)).save(
        out,
        "JPEG",
        exif=_exif(),
        comment=SECRET,
        icc_profile=_srgb_profile(),
        xmp=b"<x:xmpmeta xmlns:x='adobe:ns:meta/'>" + SECRET + b"</x:xmpmeta>",
    )
    data = out.getvalue()
    with Image.open(io.BytesIO(data)) as image:
        assert image.info.get("comment") == SECRET
        assert image.getexif().get_ifd(GPS_IFD)
    return data


def _png() -> bytes:
    text = PngInfo()
    text.add_text("Comment", SECRET.decode())
    text.add_itxt("GPS", SECRET.decode())
    out = io.BytesIO()
    Image.new("RGBA", (300, 200), (10, 20, 30, 128)).save(out, "PNG", pnginfo=text, exif=_exif())
    return out.getvalue()


def _markers(jpeg: bytes) -> list[int]:
    """The JPEG's segment markers up to the start of the scan."""
    markers, at = [], 2
    while at + 4 <= len(jpeg) and jpeg[at] == 0xFF:
        marker = jpeg[at + 1]
        markers.append(marker)
        if marker == 0xDA:
            break
        at += 2 + int.from_bytes(jpeg[at + 2 : at + 4], "big")
    return markers


def _upload(client, event, data: bytes, filename: str):
    return client.post(
        f"/manage/events/{event.slug}/speakers/new",
        data={
            "email": "ana@example.org",
            "given_name": "Ana",
            "family_name": "López",
            "photo": (io.BytesIO(data), filename),
        },
        content_type="multipart/form-data",
    )


@pytest.mark.parametrize(("make", "filename"), [(_jpeg, "me.jpg"), (_png, "me.png")])
def test_stored_photo_keeps_no_metadata(client, login, organizer, event, db, app, make, filename):
    login(organizer)
    response = _upload(client, event, make(), filename)
    assert response.status_code == 302
    name = db.session.scalar(db.select(Speaker)).photo_filename
    stored = client.get(f"/events/{event.slug}/speakers/photos/{name}").data
    assert SECRET not in stored and b"SpyCam" not in stored
    assert not {0xFE, 0xE1, 0xE2} & set(_markers(stored))  # no COM, APP1 (EXIF/XMP), APP2 (ICC)
    assert b"Exif\x00\x00" not in stored and b"http://ns.adobe.com/xap/1.0/" not in stored
    assert b"ICC_PROFILE" not in stored
    with Image.open(io.BytesIO(stored)) as image:
        assert image.format == "JPEG"
        assert "comment" not in image.info and "exif" not in image.info
        assert "icc_profile" not in image.info and "xmp" not in image.info
        assert not image.getexif()
        assert max(image.size) <= 800
