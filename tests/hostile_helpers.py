"""Helpers for the hostile-input tests: a small event with one of everything, a form
discoverer that reads a page's forms (as a browser would) and fills them, and the checks
every answer must pass (no 500, no unescaped markup)."""

from __future__ import annotations

import io
from dataclasses import dataclass, field
from urllib.parse import urlsplit

import lxml.html
from markupsafe import escape
from pypdf import PdfReader

from eventsapp.auth.models import EventRoleKind
from eventsapp.extensions import db
from eventsapp.registration.links import registration_token
from tests.factories import (
    grant,
    make_delegation,
    make_event,
    make_jurisdiction,
    make_registration,
    make_room,
    make_session,
    make_speaker,
    make_track,
    make_user,
)
from tests.questions_helpers import every_type
from tests.strategies import SCRIPT
from tests.travel_helpers import make_block, make_hotel

# The markup a hostile value carries must never reach a page as markup.
RAW_MARKUP = (SCRIPT, "<img src=x onerror", "<svg/onload", "</textarea><script>")

# Buttons that would take the world apart between examples (or end the session).
SKIP_ACTIONS = ("/delete", "/remove", "/logout", "/language", "/cancel", "/decline", "/undo")


@dataclass
class World:
    event: object
    admin: object
    head: object
    staff: object
    room: object
    track: object
    jurisdiction: object
    delegation: object
    registration: object
    member: object
    speaker: object
    session: object
    token: str
    hotel: object = None
    block: object = None
    questions: dict = field(default_factory=dict)


def make_world() -> World:
    event = make_event(capacity=None)
    admin = make_user("root@example.org", is_admin=True)
    head = make_user("head@example.org")
    staff = make_user("staff@example.org")
    questions = every_type(event)  # the event's own questions, one of each type, on every form
    room = make_room(event, "Hall A")
    track = make_track(event)
    jurisdiction = make_jurisdiction("Oregon")
    delegation = make_delegation(event, jurisdiction, seat_quota=10_000)
    grant(head, event, EventRoleKind.HEAD, delegation)
    grant(staff, event, EventRoleKind.CHECKIN)
    registration = make_registration(event)
    member = make_registration(event, delegation_id=delegation.id)
    delegation.head_person_id = member.person_id
    db.session.commit()
    speaker = make_speaker(event)
    session = make_session(event, room=room, track_id=track.id)
    event.collect_travel = True  # the travel pages exist (issue 16)
    hotel = make_hotel(event, "Hotel Coronado")
    block = make_block(hotel, "Double", event.start_date, event.end_date)
    return World(
        event,
        admin,
        head,
        staff,
        room,
        track,
        jurisdiction,
        delegation,
        registration,
        member,
        speaker,
        session,
        registration_token(registration),
        hotel,
        block,
        questions,
    )


def sign_in(client, user) -> None:
    with client.session_transaction() as session:
        session.clear()
        if user is not None:
            session["_user_id"] = user.session_token
            session["_fresh"] = True


@dataclass
class FormSpec:
    action: str
    method: str
    fields: list  # (name, kind, options, default); default None: not sent


def page_forms(html: str, page_url: str) -> list[FormSpec]:
    """The forms of a page (as a browser would submit them), skipping destructive ones."""
    doc = lxml.html.fromstring(html)
    forms = []
    for form in doc.forms:
        method = (form.get("method") or "get").lower()
        action = form.get("action") or page_url
        path = urlsplit(action).path or urlsplit(page_url).path
        if any(path.rstrip("/").endswith(s) for s in SKIP_ACTIONS):
            continue
        fields = []
        for el in form.inputs:
            name = el.get("name")
            if not name or name == "csrf_token":
                continue
            tag = el.tag
            kind = (el.get("type") or "text").lower() if tag == "input" else tag
            if kind in ("submit", "button", "image", "reset"):
                continue
            options = []
            if tag == "select":
                options = [o.get("value", o.text or "") for o in el.iter("option")]
                default = el.value if not el.multiple else None
            elif kind in ("checkbox", "radio"):
                default = (el.get("value") or "y") if el.checked else None
            elif tag == "textarea":
                default = el.text_content().lstrip("\r\n")
            else:
                default = el.get("value")
            fields.append((name, kind, options, default))
        if fields:
            forms.append(FormSpec(path, method, fields))
    return forms


TEXT_KINDS = ("text", "textarea", "email", "search", "tel", "url", "password", "hidden", "color")


def fill(spec: FormSpec, baseline: dict, draw_text, draw_date, draw_number, rng) -> dict:
    """The page's own values (or a valid baseline), with one to three fields replaced by
    hostile values, so that most submissions get past the other fields' checks."""
    names = [name for name, kind, _o, _d in spec.fields if kind != "file"]
    hostile = set(rng.sample(names, min(len(names), rng.randint(1, 3)))) if names else set()
    data: dict = {}
    for name, kind, options, default in spec.fields:
        if kind == "file":
            data[name] = (io.BytesIO(b"\x00\xff garbage"), "x.csv")
            continue
        value = baseline.get(name, default)
        if name in hostile:
            if kind in ("date", "datetime-local", "time"):
                value = draw_date()
            elif kind == "number":
                value = draw_number()
            elif kind == "select" and options and rng.random() < 0.5:
                value = rng.choice(options)
            elif kind in ("checkbox", "radio"):
                value = None if value is not None else "y"
            else:
                value = draw_text()
        if value is not None and name not in data:
            data[name] = value
    return data


def check_answer(response) -> str:
    """No 500, no raw markup from a hostile value; returns the body text."""
    assert response.status_code < 500, response.status_code
    body = response.get_data(as_text=True) if _is_text(response) else ""
    for raw in RAW_MARKUP:
        assert raw not in body, f"unescaped {raw!r} in {response.request.path}"
    return body


def _is_text(response) -> bool:
    return (response.mimetype or "").startswith(("text/", "application/json"))


def shows_escaped(body: str, value: str) -> bool:
    """The value appears on the page exactly as Jinja/WTForms escape it."""
    return str(escape(value)) in body


def has_form_error(body: str) -> bool:
    return "invalid-feedback" in body or "alert-danger" in body or "is-invalid" in body


def pdf_text(data: bytes) -> str:
    assert data[:5] == b"%PDF-", data[:100]
    return " ".join(
        " ".join((page.extract_text() or "") for page in PdfReader(io.BytesIO(data)).pages).split()
    )
