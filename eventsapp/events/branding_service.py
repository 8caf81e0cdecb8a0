"""Saving branding settings: names, colours, signatory, and the logo and signature images,
checked with Pillow (PNG or JPEG, at most 2 MB, sensible pixel sizes), re-encoded as PNG
with nothing but their pixels, and stored in the database (eventsapp.storage)."""

from __future__ import annotations

import io
import warnings
from typing import Any

from flask_babel import lazy_gettext as _l
from PIL import Image, UnidentifiedImageError

from eventsapp import storage
from eventsapp.actor import Actor
from eventsapp.audit.services import record, snapshot
from eventsapp.errors import DomainError
from eventsapp.events.branding import settings_row
from eventsapp.events.branding_models import BrandingSettings
from eventsapp.events.models import Event
from eventsapp.extensions import db

MAX_BYTES = 2 * 1024 * 1024
MAX_PIXELS = 16_000_000
FORMATS = ["JPEG", "PNG"]
# (min width, min height, max width, max height) in pixels
LIMITS = {"logo": (64, 32, 4000, 4000), "signature": (150, 40, 3000, 1500)}
TEXT_FIELDS = ("name_en", "name_es", "primary_color", "accent_color")
SITE_FIELDS = ("signatory_name", "signatory_title")


def process_image(data: bytes, field: str) -> bytes:
    """The uploaded image re-encoded as PNG (alpha kept, metadata dropped), or a DomainError
    on ``field`` saying what is wrong."""
    if not data:
        raise DomainError(_l("The file is empty."), field=field)
    if len(data) > MAX_BYTES:
        raise DomainError(_l("The image is larger than 2 MB."), field=field)
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            image: Image.Image = Image.open(io.BytesIO(data), formats=FORMATS)
            width, height = image.size
            if width * height > MAX_PIXELS:
                raise DomainError(_l("The image has too many pixels."), field=field)
            image.load()
    except DomainError:
        raise
    except (Image.DecompressionBombError, Image.DecompressionBombWarning):
        raise DomainError(_l("The image has too many pixels."), field=field) from None
    except UnidentifiedImageError:
        raise DomainError(_l("Upload a PNG or JPEG image."), field=field) from None
    except (OSError, ValueError, SyntaxError):
        raise DomainError(_l("The image file is damaged."), field=field) from None
    min_w, min_h, max_w, max_h = LIMITS[field]
    if not (min_w <= width <= max_w and min_h <= height <= max_h):
        raise DomainError(
            _l(
                "The image is %(width)d × %(height)d pixels; it must be between "
                "%(min_w)d × %(min_h)d and %(max_w)d × %(max_h)d.",
                width=width,
                height=height,
                min_w=min_w,
                min_h=min_h,
                max_w=max_w,
                max_h=max_h,
            ),
            field=field,
        )
    image = image.convert("RGBA" if image.mode in ("RGBA", "LA", "P", "PA") else "RGB")
    image.info.clear()
    out = io.BytesIO()
    image.save(out, "PNG", optimize=True)
    return out.getvalue()


def save_branding(
    actor: Actor,
    event: Event | None,
    data: dict[str, Any],
    *,
    logo: bytes | None = None,
    signature: bytes | None = None,
    remove_logo: bool = False,
    remove_signature: bool = False,
) -> BrandingSettings:
    """Save the site's branding (``event`` None) or an event's override; the images are
    checked before anything is written."""
    event_id = getattr(event, "id", None)
    logo_png = process_image(logo, "logo") if logo else None
    signature_png = process_image(signature, "signature") if signature else None
    row = settings_row(event_id)
    if row is None:
        row = BrandingSettings(event_id=event_id)
        db.session.add(row)
    before = snapshot(row) if row.id else {}
    fields = TEXT_FIELDS + (SITE_FIELDS if event_id is None else ())
    for name in fields:
        setattr(row, name, (data.get(name) or "").strip())
    if remove_logo:
        row.logo_key = None
    if remove_signature:
        row.signature_key = None
    if logo_png:
        row.logo_key = storage.put(logo_png, "image/png", event_id)
    if signature_png:
        row.signature_key = storage.put(signature_png, "image/png", event_id)
    db.session.flush()
    record(
        actor,
        "branding.update",
        row,
        event_id=event_id,
        summary="Branding of the site" if event_id is None else "Branding of the event",
        before=before,
        after=snapshot(row),
    )
    return row
