"""Helpers for the agenda tests: speakers on sessions, availability, tokens, images."""

from __future__ import annotations

import io

from PIL import Image

from eventsapp.agenda.models import SessionSpeaker, SpeakerAvailability, SpeakerRole
from eventsapp.extensions import db


def link(session, speaker, role=SpeakerRole.SPEAKER, position=0):
    row = SessionSpeaker(session_id=session.id, speaker_id=speaker.id, role=role, position=position)
    db.session.add(row)
    db.session.commit()
    return row


def available(speaker, starts, ends):
    row = SpeakerAvailability(speaker_id=speaker.id, starts_at=starts, ends_at=ends)
    db.session.add(row)
    db.session.commit()
    return row


def image_bytes(fmt="PNG", size=(1200, 900), mode="RGB") -> bytes:
    out = io.BytesIO()
    Image.new(mode, size, (200, 30, 30) if mode == "RGB" else None).save(out, fmt)
    return out.getvalue()


def local(event, day: int, hour: int, minute: int = 0) -> str:
    """A datetime-local form value on day ``day`` of the event."""
    from datetime import timedelta

    d = event.start_date + timedelta(days=day)
    return f"{d.isoformat()}T{hour:02d}:{minute:02d}"


def session_form(event, day=0, start=(9, 0), end=(10, 0), **overrides) -> dict:
    data = {
        "title_en": "Countering trafficking",
        "title_es": "Combate a la trata",
        "description_en": "",
        "description_es": "",
        "kind": "panel",
        "starts_at": local(event, day, *start),
        "ends_at": local(event, day, *end),
        "room_id": "",
        "track_id": "",
        "language": "en",
        "capacity": "",
        "cle_hours": "",
    }
    data.update(overrides)
    return data
