"""Speaker photos: checked, re-encoded and resized with Pillow (pixels only, every piece of
metadata dropped), stored in eventsapp.storage (the database: every host serves them) under
a key made of the JPEG's SHA-256.

Only JPEG, PNG and WebP are accepted, at most 5 MB and MAX_PIXELS pixels. The pixel count
is read from the header before any decoding, so a decompression bomb is refused cheaply.
"""

from __future__ import annotations

import io
import warnings

from flask_babel import lazy_gettext as _l
from PIL import Image, ImageCms, ImageOps, UnidentifiedImageError

from eventsapp import storage
from eventsapp.agenda.models import Speaker
from eventsapp.errors import DomainError
from eventsapp.extensions import db

MAX_BYTES = 5 * 1024 * 1024
MAX_PIXELS = 40_000_000
MAX_SIDE = 800
ALLOWED_FORMATS = {"JPEG", "PNG", "WEBP"}
NAME_PATTERN = storage.KEY_PATTERN
CONTENT_TYPE = "image/jpeg"
FIELD = "photo"


def _refuse(message: str) -> DomainError:
    return DomainError(message, field=FIELD)


def process_photo(data: bytes) -> bytes:
    """Check an uploaded image and return it re-encoded as a JPEG of at most MAX_SIDE px."""
    if len(data) > MAX_BYTES:
        raise _refuse(_l("The photo is larger than 5 MB."))
    if not data:
        raise _refuse(_l("The photo file is empty."))
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            image: Image.Image = Image.open(io.BytesIO(data), formats=sorted(ALLOWED_FORMATS))
            width, height = image.size
            if width * height > MAX_PIXELS:
                raise _refuse(_l("The photo has too many pixels."))
            image.load()
    except DomainError:
        raise
    except (Image.DecompressionBombError, Image.DecompressionBombWarning):
        raise _refuse(_l("The photo has too many pixels.")) from None
    except UnidentifiedImageError:
        raise _refuse(_l("Upload a JPEG, PNG or WebP image.")) from None
    except (OSError, ValueError, SyntaxError):
        raise _refuse(_l("The image file is damaged or not a JPEG, PNG or WebP image.")) from None
    image = _in_srgb(ImageOps.exif_transpose(image))
    if image.mode in ("RGBA", "LA", "P"):
        image = image.convert("RGBA")
        background = Image.new("RGB", image.size, (255, 255, 255))
        background.paste(image, mask=image.getchannel("A"))
        image = background
    else:
        image = image.convert("RGB")
    image.thumbnail((MAX_SIDE, MAX_SIDE))
    # Nothing of the upload but its pixels: no EXIF (GPS, camera), comment, XMP, ICC profile
    # or PNG text (Pillow would otherwise carry the JPEG comment over from the source).
    image.info.clear()
    out = io.BytesIO()
    image.save(out, "JPEG", quality=85, optimize=True)
    return out.getvalue()


def _in_srgb(image: Image.Image) -> Image.Image:
    """The image converted to sRGB when it embeds another colour profile (so its colours
    survive dropping the profile); unchanged when it has none or the profile is unreadable."""
    profile = image.info.get("icc_profile")
    if not profile or image.mode not in ("RGB", "RGBA", "CMYK", "L"):
        return image
    try:
        source = ImageCms.ImageCmsProfile(io.BytesIO(profile))
        mode = "RGBA" if image.mode == "RGBA" else "RGB"
        converted = ImageCms.profileToProfile(
            image, source, ImageCms.createProfile("sRGB"), outputMode=mode
        )
    except (ImageCms.PyCMSError, OSError, ValueError, TypeError):
        return image
    # None only when converting in place (inPlace=True), which this call does not ask for.
    return converted if converted is not None else image


def store_photo(data: bytes, event_id: int | None = None) -> str:
    """Process and store a photo (in the caller's transaction); returns its key."""
    return storage.put(process_photo(data), CONTENT_TYPE, event_id=event_id)


def remove_photo(name: str | None) -> None:
    """Delete a photo no speaker shows any more (the same picture may serve two)."""
    if not name:
        return
    still_used = db.session.scalar(
        db.select(Speaker.id).where(Speaker.photo_filename == name).limit(1)
    )
    if still_used is None:
        storage.delete(name)
