"""The world the access matrix walks: two events, two delegations with their heads, people,
a speaker with a photo, sessions, outbox messages, badge prints; one signed-in client per
role; every URL parameter filled with an object of the right kind (of this event, or of
another event or delegation for the "foreign" variant); the answer reduced to a class."""

from __future__ import annotations

import itertools
import re
from dataclasses import dataclass, field
from datetime import timedelta

from eventsapp import storage
from eventsapp.agenda import photos
from eventsapp.agenda.models import SessionKind, Speaker, SpeakerAvailability, WorkshopSignup
from eventsapp.api import tokens as api_tokens
from eventsapp.api.models import Scope
from eventsapp.auth.models import EventRoleKind, User
from eventsapp.badges.models import BadgePrint
from eventsapp.comms.group_send import unsubscribe_token
from eventsapp.db import utcnow
from eventsapp.events.models import Event, Organization
from eventsapp.extensions import db
from eventsapp.jobs.models import Job, JobStatus
from eventsapp.jobs.services import JobResult, finish_job
from eventsapp.mail.models import DeliveryStatus, OutboxMessage
from eventsapp.questions.models import Question, QuestionOption
from eventsapp.registration.links import registration_token
from eventsapp.registration.models import RegistrationStatus
from eventsapp.travel.models import RoomBlock
from eventsapp.webhooks.models import DeliveryStatus as HookStatus
from eventsapp.webhooks.models import WebhookDelivery
from eventsapp.webhooks.services import add_webhook
from tests.access_matrix import ROLES  # noqa: F401  (the table owns the list of roles)
from tests.agenda_helpers import image_bytes
from tests.auth_helpers import invitation_token_for, reset_token_for
from tests.factories import (
    at,
    grant,
    make_delegation,
    make_event,
    make_jurisdiction,
    make_person,
    make_question,
    make_registration,
    make_room,
    make_session,
    make_speaker,
    make_track,
    make_user,
)
from tests.travel_helpers import make_block, make_hotel, make_stay

_seq = itertools.count(1)
LOGGED_IN = {
    "head_a": "head_a_user",
    "head_b": "head_b_user",
    "checkin": "checkin_user",
    "other_organizer": "other_organizer_user",
    "organizer": "organizer_user",
    "admin": "admin_user",
}


@dataclass
class World:
    """Ids and strings only: every test opens its own database session."""

    ids: dict = field(default_factory=dict)

    def __getattr__(self, name):
        try:
            return self.ids[name]
        except KeyError:
            raise AttributeError(name) from None


def _photo_speaker(event, email: str):
    speaker = make_speaker(event, make_person(email))
    speaker.photo_filename = photos.store_photo(image_bytes(size=(60, 60)), event.id)
    db.session.commit()
    return speaker


def _window(speaker, event) -> SpeakerAvailability:
    row = SpeakerAvailability(
        speaker_id=speaker.id, starts_at=at(event, 0, 8), ends_at=at(event, 0, 18)
    )
    db.session.add(row)
    db.session.commit()
    return row


def _message(event, recipient: str) -> OutboxMessage:
    row = OutboxMessage(
        event_id=event.id,
        recipient=recipient,
        subject="Your registration",
        body_text="Hello",
        status=DeliveryStatus.SENT,
    )
    db.session.add(row)
    db.session.commit()
    return row


def _job(event) -> int:
    """A finished job of ``event`` with a file to download."""
    job = Job(kind="registration.import", event_id=event.id, status=JobStatus.RUNNING)
    db.session.add(job)
    db.session.flush()
    finish_job(
        job,
        JobResult(
            report={"created": 1}, data=b"a,b\n", content_type="text/csv", filename="report.csv"
        ),
    )
    db.session.commit()
    assert storage.get(job.result_key) is not None
    return job.id


def _invitation(event, email: str) -> int:
    from eventsapp.auth.invitations import invite

    invitation, _token = invite(None, event.id, email, EventRoleKind.CHECKIN)
    db.session.commit()
    return invitation.id


def build_world() -> World:
    w: dict = {}
    event = make_event("summit-a", capacity=500)
    other = make_event("summit-b")
    w.update(slug=event.slug, event_id=event.id, other_slug=other.slug, other_event_id=other.id)

    jur_a, jur_b, jur_x = (make_jurisdiction(f"Jurisdiction {n}") for n in "ABX")
    w.update(jurisdiction_id=jur_a.id, jurisdiction_b=jur_b.id)
    organization = Organization(name="Regional Prosecutors Network", acronym="RPN")
    db.session.add(organization)
    db.session.commit()
    w["organization_id"] = organization.id

    deleg_a = make_delegation(event, jur_a, seat_quota=100)
    deleg_b = make_delegation(event, jur_b, seat_quota=10)
    deleg_x = make_delegation(other, jur_x, seat_quota=10)
    w.update(delegation_a=deleg_a.id, delegation_b=deleg_b.id, delegation_x=deleg_x.id)
    # A delegation only the visa-letter case reads: other cases add members (some without a
    # passport) to A, which would make its letters depend on the order cases run in.
    deleg_letters = make_delegation(event, seat_quota=5)
    make_registration(
        event,
        make_person("letters@example.org", passport_number="L1234567", event=event),
        delegation_id=deleg_letters.id,
    )
    w.update(delegation_letters=deleg_letters.id)

    head_a = make_user("head.a@example.org")
    head_b = make_user("head.b@example.org")
    staff = make_user("staff@example.org")
    other_org = make_user("organizer.b@example.org")
    organizer = make_user("organizer.a@example.org")
    admin = make_user("admin@example.org", is_admin=True)
    grant(head_a, event, EventRoleKind.HEAD, deleg_a)
    grant(head_b, event, EventRoleKind.HEAD, deleg_b)
    staff_role = grant(staff, event, EventRoleKind.CHECKIN)
    other_role = grant(other_org, other, EventRoleKind.ORGANIZER)
    grant(organizer, event, EventRoleKind.ORGANIZER)
    w.update(
        head_a_user=head_a.id,
        head_b_user=head_b.id,
        checkin_user=staff.id,
        other_organizer_user=other_org.id,
        organizer_user=organizer.id,
        admin_user=admin.id,
        role_id=staff_role.id,
        other_role_id=other_role.id,
        api_token_id=api_tokens.issue(staff, event, "Desk scanner", {Scope.CHECKIN})[0].id,
        other_api_token_id=api_tokens.issue(other_org, other, "Other", {Scope.READ})[0].id,
    )
    for prefix, owner in (("", event), ("other_", other)):
        hook, delivery = _webhook(owner)
        w.update({f"{prefix}hook_id": hook, f"{prefix}delivery_id": delivery})
    head_person = make_person("head.a@example.org", "Ana", "Head")
    deleg_a.head_person_id = head_person.id
    db.session.commit()
    # An invitation to an address without an account: anyone holding the link sees the
    # form that creates the account (an existing account's owner must sign in instead).
    w["invitation_token"] = invitation_token_for(event, "newcomer@example.org")
    w["reset_token"] = reset_token_for(make_user("forgetful@example.org"))
    w["unsubscribe_token"] = unsubscribe_token(event.id, "reader@example.org")
    w["pending_invitation"] = _invitation(event, "invited.a@example.org")
    w["other_invitation"] = _invitation(other, "invited.b@example.org")

    passport = {"passport_number": "X1234567", "nationality": "Mexican"}
    delegate = make_registration(
        event, make_person("delegate@example.org", "Dana", "Delegate", **passport)
    )
    member_a = make_registration(
        event, make_person("member.a@example.org", **passport), delegation_id=deleg_a.id
    )
    member_b = make_registration(
        event, make_person("member.b@example.org", **passport), delegation_id=deleg_b.id
    )
    # What the other event's people gave it: no page of this event may show any of it.
    other_private = {
        "passport_number": OTHER_EVENT_MARKERS[0],
        "phone": OTHER_EVENT_MARKERS[1],
        "family_name": OTHER_EVENT_MARKERS[2],
    }
    other_reg = make_registration(
        other,
        make_person("other@example.org", event=other, **other_private),
        dietary=OTHER_EVENT_MARKERS[3],
    )
    member_x = make_registration(
        other,
        make_person("member.x@example.org", event=other, **other_private),
        delegation_id=deleg_x.id,
    )
    # Requests to join A and B (no seat held): a head settles only their own delegation's.
    request_a = make_registration(event, requested_delegation_id=deleg_a.id)
    request_b = make_registration(event, requested_delegation_id=deleg_b.id)
    w.update(request_a=request_a.id, request_b=request_b.id)
    w.update(
        registration_id=delegate.id,
        member_a=member_a.id,
        member_b=member_b.id,
        other_registration_id=other_reg.id,
        member_x=member_x.id,
        token=registration_token(delegate),
        other_token=registration_token(other_reg),
    )

    # Both events collect travel; each has a hotel with a block; the delegate has a stay.
    for prefix, owner in (("", event), ("other_", other)):
        owner.collect_travel = True
        hotel = make_hotel(owner, f"Hotel {owner.slug}")
        block = make_block(hotel, "Double", owner.start_date, owner.end_date)
        w.update({f"{prefix}hotel_id": hotel.id, f"{prefix}block_id": block.id})
    make_stay(delegate, db.session.get(RoomBlock, w["block_id"]), event.start_date, event.end_date)
    make_stay(
        other_reg,
        db.session.get(RoomBlock, w["other_block_id"]),
        special_requests=OTHER_EVENT_MARKERS[3],
    )

    room, room_b = make_room(event, "Hall A"), make_room(other, "Hall B")
    track, track_b = make_track(event), make_track(other)
    w.update(room_id=room.id, other_room_id=room_b.id, track_id=track.id, other_track_id=track_b.id)

    speaker = _photo_speaker(event, "speaker.a@example.org")
    speaker_b = _photo_speaker(other, "speaker.b@example.org")
    speaker_reg = make_registration(event, speaker.person)
    w.update(
        speaker_id=speaker.id,
        other_speaker_id=speaker_b.id,
        photo=speaker.photo_filename,
        other_photo=speaker_b.photo_filename,
        speaker_registration_id=speaker_reg.id,
        window_id=_window(speaker, event).id,
        other_window_id=_window(speaker_b, other).id,
    )

    workshop = make_session(event, kind=SessionKind.WORKSHOP, capacity=30, room=room)
    other_session = make_session(other, kind=SessionKind.WORKSHOP, capacity=30, room=room_b)
    db.session.add(WorkshopSignup(session_id=workshop.id, registration_id=delegate.id))
    w.update(session_id=workshop.id, other_session_id=other_session.id)

    w.update(
        message_id=_message(event, "delegate@example.org").id,
        other_message_id=_message(other, "other@example.org").id,
    )
    w.update(job_id=_job(event), other_job_id=_job(other))

    visit, visit_b = _choice_question(event), _choice_question(other)
    w.update(
        question_id=visit.id,
        other_question_id=visit_b.id,
        option_id=visit.options[0].id,
        other_option_id=visit_b.options[0].id,
    )
    db.session.add(BadgePrint(registration_id=delegate.id, printed_by_id=organizer.id, layout="a6"))
    from eventsapp.documents.models import DocumentKind, IssuedDocument

    db.session.add(
        IssuedDocument(
            reference=CONSTANTS["reference"],
            kind=DocumentKind.VISA_LETTER,
            event_id=event.id,
            registration_id=delegate.id,
        )
    )
    db.session.commit()
    return World(w)


def _choice_question(event, key: str = "visit"):
    """A question of ``event`` with two choices (retiring one leaves a live one)."""
    return make_question(event, key, "single_choice", options=["Port", "Museum"])


# --- objects made for one case only (the action destroys or changes them) ---------------
def _webhook(event) -> tuple[int, int]:
    """A webhook of ``event`` with one failed delivery (ids)."""
    hook = add_webhook(None, event, "https://127.0.0.1:9/in", ["checkin.created"])
    delivery = WebhookDelivery(
        webhook_id=hook.id, event_type="checkin.created", payload="{}", status=HookStatus.FAILED
    )
    db.session.add(delivery)
    db.session.commit()
    return hook.id, delivery.id


def fresh(world: World, kind: str):
    """A new object of ``kind`` in the matrix's event, for a destructive action."""
    event = db.session.get(Event, world.event_id)
    if kind == "checked_in":
        return make_registration(event, checked_in_at=utcnow(), checkin_desk="Door").id
    if kind == "registration":
        return make_registration(event, status=RegistrationStatus.PENDING).id
    if kind == "webhook":
        return _webhook(event)[0]
    if kind == "api_token":
        staff = db.session.get(User, world.checkin_user)
        token = api_tokens.issue(staff, event, "Scanner", {Scope.CHECKIN})[0]
        db.session.commit()
        return token.id
    if kind == "join_request":
        return make_registration(event, requested_delegation_id=world.delegation_a).id
    if kind == "member":
        person = make_person(passport_number="X7654321", nationality="Chilean")
        return make_registration(event, person, delegation_id=world.delegation_a).id
    if kind == "token":
        return registration_token(make_registration(event))
    if kind == "room":
        return make_room(event).id
    if kind == "hotel":
        return make_hotel(event, f"Hotel {next(_seq)}").id
    if kind == "block":
        hotel = make_hotel(event, f"Hotel {next(_seq)}")
        return make_block(hotel, "Twin", event.start_date, event.end_date).id
    if kind == "track":
        return make_track(event, f"Track {next(_seq)}").id
    if kind == "question":
        return _choice_question(event, f"q{next(_seq)}").id
    if kind == "option":
        question = db.session.get(Question, world.question_id)
        question.options.append(QuestionOption(label_en=f"Choice {next(_seq)}", position=99))
        db.session.commit()
        return question.options[-1].id
    if kind == "jurisdiction":
        return make_jurisdiction().id
    if kind == "organization":
        row = Organization(name=f"Org {db.session.query(Organization).count() + 1} x")
        db.session.add(row)
        db.session.commit()
        return row.id
    if kind == "speaker":
        return make_speaker(event).id
    if kind == "window":
        return _window(db.session.get(Speaker, world.speaker_id), event).id
    if kind == "session":
        return make_session(event).id
    if kind == "delegation":
        return make_delegation(event).id
    if kind == "invitation":
        return _invitation(event, f"invited{next(_seq)}@example.org")
    if kind == "role":
        return grant(make_user(), event, EventRoleKind.CHECKIN).id
    if kind == "event":
        extra = make_event(start_date=event.start_date + timedelta(days=30))
        grant(db.session.get(User, world.organizer_user), extra, EventRoleKind.ORGANIZER)
        return extra.slug
    raise KeyError(kind)


# --- URL parameters ---------------------------------------------------------------------
OBJECT_PARAMS = {
    # param name -> (world key of this event's object, world key of another's)
    "session_id": ("session_id", "other_session_id"),
    "speaker_id": ("speaker_id", "other_speaker_id"),
    "window_id": ("window_id", "other_window_id"),
    "registration_id": ("registration_id", "other_registration_id"),
    "delegation_id": ("delegation_a", "delegation_x"),
    "role_id": ("role_id", "other_role_id"),
    "invitation_id": ("pending_invitation", "other_invitation"),
    "message_id": ("message_id", "other_message_id"),
    "job_id": ("job_id", "other_job_id"),
    "token_id": ("api_token_id", "other_api_token_id"),
    "hook_id": ("hook_id", "other_hook_id"),
    "question_id": ("question_id", "other_question_id"),
    "option_id": ("option_id", "other_option_id"),
    "delivery_id": ("delivery_id", "other_delivery_id"),
    "hotel_id": ("hotel_id", "other_hotel_id"),
    "block_id": ("block_id", "other_block_id"),
}
# Per endpoint, where the generic choice is not the right kind of object.
ENDPOINT_PARAMS = {
    "agenda.speaker_photo": {"name": ("photo", "other_photo")},
    "agenda_manage.speaker_photo": {"name": ("photo", "other_photo")},
    "checkin.photo": {"registration_id": ("speaker_registration_id", "other_registration_id")},
    # the head portal: another delegation of the SAME event is the foreign one
    "delegations.portal": {"delegation_id": ("delegation_a", "delegation_b")},
    "delegations.member_new": {"delegation_id": ("delegation_a", "delegation_b")},
    "delegations.confirm": {"delegation_id": ("delegation_a", "delegation_b")},
    "delegations.member_edit": {
        "delegation_id": ("delegation_a", "delegation_a"),
        "registration_id": ("member_a", "member_b"),
    },
    "delegations.member_remove": {
        "delegation_id": ("delegation_a", "delegation_a"),
        "registration_id": ("member_a", "member_b"),
    },
    "travel.member_travel": {
        "delegation_id": ("delegation_a", "delegation_a"),
        "registration_id": ("member_a", "member_b"),
    },
    "delegations.rotate_code": {"delegation_id": ("delegation_a", "delegation_b")},
    "delegations.request_accept": {
        "delegation_id": ("delegation_a", "delegation_a"),
        "registration_id": ("request_a", "request_b"),
    },
    "delegations.request_refuse": {
        "delegation_id": ("delegation_a", "delegation_a"),
        "registration_id": ("request_a", "request_b"),
    },
    "events_manage.rooms_edit": {"object_id": ("room_id", "other_room_id")},
    "events_manage.rooms_delete": {"object_id": ("room_id", "other_room_id")},
    "events_manage.tracks_edit": {"object_id": ("track_id", "other_track_id")},
    "events_manage.tracks_delete": {"object_id": ("track_id", "other_track_id")},
    "events_manage.jurisdictions_edit": {"object_id": ("jurisdiction_id", None)},
    "events_manage.jurisdictions_delete": {"object_id": ("jurisdiction_id", None)},
    "events_manage.organizations_edit": {"object_id": ("organization_id", None)},
    "events_manage.organizations_delete": {"object_id": ("organization_id", None)},
    "auth.reset_password": {"token": ("reset_token", None)},
    "auth.accept_invitation": {"token": ("invitation_token", None)},
    "comms.unsubscribe": {"token": ("unsubscribe_token", None)},
}
# the reference of the visa letter issued to the world's delegate (build_world)
CONSTANTS = {
    "layout": "a6",
    "fmt": "csv",
    "name": "headcount",
    "kind": "confirmed",
    "reference": "VL-2345-6789-ABCD",
    "key": "0" * 64 + ".png",
}
PARAM_RE = re.compile(r"<(?:[^:<>]+:)?([^<>]+)>")


def rule_params(rule: str) -> list[str]:
    return PARAM_RE.findall(rule)


# Endpoints whose posted fields (or query) name objects: the foreign variant posts ids of
# another event's objects.
BODY_IDS = {
    "checkin.admit",
    "checkin.undo",
    "checkin.reprint",
    "checkin.setup",
    "checkin_api.scan",
    "checkin_api.undo",
    "registration_manage.registrations_bulk",
    "documents_manage.delegation_visa_letters",
    "badges_manage.preview",
    "comms_manage.compose",
}


def has_foreign(endpoint: str, rule: str) -> bool:
    """Whether the URL (or the body) names an object that can belong to another event or
    delegation."""
    if endpoint in BODY_IDS:
        return True
    for name in rule_params(rule):
        choice = ENDPOINT_PARAMS.get(endpoint, {}).get(name) or OBJECT_PARAMS.get(name)
        if name == "token" and endpoint.startswith(
            ("registration.", "agenda.", "documents.", "travel.")
        ):
            return True
        if choice and choice[1] is not None:
            return True
    return False


def fill(world: World, endpoint: str, rule: str, role: str, foreign: bool, fresh_kinds: dict):
    """The URL for ``rule`` as ``role`` would use it."""
    values = {}
    for name in rule_params(rule):
        if name == "token" and endpoint not in ENDPOINT_PARAMS and role != "delegate":
            values[name] = world.other_token  # they do not hold this link
        elif name in fresh_kinds and not foreign:
            values[name] = fresh(world, fresh_kinds[name])
        elif name == "slug":
            values[name] = world.slug
        elif name == "token" and endpoint not in ENDPOINT_PARAMS:
            # The signed link is held by the delegate only; everybody else tries the link
            # of another event's registration. The delegate's foreign case: a forged link.
            if role == "delegate":
                values[name] = world.token + ("x" if foreign else "")
            else:
                values[name] = world.other_token
        elif name in ENDPOINT_PARAMS.get(endpoint, {}) or name in OBJECT_PARAMS:
            own, other = ENDPOINT_PARAMS.get(endpoint, {}).get(name) or OBJECT_PARAMS[name]
            values[name] = getattr(world, other if foreign and other else own)
        else:
            values[name] = CONSTANTS[name]
    return PARAM_RE.sub(lambda m: str(values[m.group(1)]), rule)


# --- bodies posted (form fields; ids of another event in the foreign variant) ----------
def body(world: World, endpoint: str, foreign: bool, fresh_kinds: dict) -> dict:
    """Form fields (``data``), a JSON body (``json``) or a ``query`` for ``endpoint``."""
    reg = world.other_registration_id if foreign else world.registration_id
    if "registration_id" in fresh_kinds and not foreign:
        reg = fresh(world, fresh_kinds["registration_id"])
    session = world.other_session_id if foreign else world.session_id
    bodies = {
        "checkin.admit": {"data": {"registration_id": reg}},
        "checkin.undo": {"data": {"registration_id": reg}},
        "checkin.reprint": {"data": {"registration_id": reg, "layout": "a6"}},
        "checkin.setup": {"data": {"desk": "Door 1", "session_id": session}},
        "checkin.desk": {"data": {"token": "not-a-badge"}},
        "checkin_api.scan": {"json": {"registration_id": reg}},
        "checkin_api.undo": {"json": {"registration_id": reg}},
        "registration_manage.registrations_bulk": {"data": {"ids": [reg], "action": "approve"}},
        "documents_manage.delegation_visa_letters": {
            "data": {
                "delegation_id": world.delegation_x if foreign else world.delegation_letters,
                "output": "pdf",
            }
        },
        "badges_manage.reprint": {"data": {"layout": "a6"}},
        "comms_manage.compose": {
            "data": {
                "subject_en": "Hello",
                "body_en": "Dear {given_name}",
                "subject_es": "Hola",
                "body_es": "Estimado/a {given_name}",
                "delegations": [world.delegation_x if foreign else world.delegation_a],
                "action": "send",
            }
        },
        "agenda_manage.api_update": {"json": {"capacity": 30}},
        "agenda_manage.api_create": {"json": {}},
        "events.set_language": {"data": {"lang": "es", "next": "/"}},
        "badges_manage.preview": {"query": {"registration_id": reg}},
        "documents_manage.program_pdf": {"query": {"lang": "en", "paper": "letter"}},
        "travel_manage.index": {"data": {"collect_travel": "y"}},  # the switch stays on
    }
    return bodies.get(endpoint, {"data": {}})


# --- clients and answers ----------------------------------------------------------------
def client_for(app, world: World, role: str):
    client = app.test_client()
    if role in LOGGED_IN:
        user = db.session.get(User, getattr(world, LOGGED_IN[role]))
        with client.session_transaction() as session:
            session["_user_id"] = user.session_token
            session["_fresh"] = True
    return client


OTHER_EVENT_MARKERS = ("QX9988776", "+1 555 0199 4242", "Otherevent-Zyx", "Kosher-Zyx")


def visible_text(response) -> str:
    """What a person sees in a response: the text of a page, an export or a PDF."""
    data = response.get_data()
    kind = response.mimetype or ""
    if kind == "application/pdf":
        import io

        from pypdf import PdfReader

        return "\n".join(page.extract_text() or "" for page in PdfReader(io.BytesIO(data)).pages)
    if kind.endswith("spreadsheetml.sheet"):
        import io
        import zipfile

        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            return "\n".join(
                archive.read(name).decode() for name in archive.namelist() if name.endswith(".xml")
            )
    return data.decode("utf-8", "replace")


def answer(response) -> str:
    """The class of an answer: ok, login, redirect, forbidden, missing, or the code."""
    code = response.status_code
    if code == 200:
        return "ok"
    if code in (301, 302, 303, 307, 308):
        location = response.headers.get("Location", "")
        return "login" if "/login" in location else "redirect"
    return {401: "unauthorized", 403: "forbidden", 404: "missing", 400: "bad request"}.get(
        code, str(code)
    )
