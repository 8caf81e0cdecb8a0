"""Walk the access matrix (tests/access_matrix.py) with real requests, one case per route,
role and variant (own objects / another event's or delegation's objects), against one data
set built once for the module. Destructive actions work on objects made for their case."""

from __future__ import annotations

import tempfile

import pytest

from eventsapp import create_app
from eventsapp.extensions import db
from tests.access_helpers import (
    OTHER_EVENT_MARKERS,
    ROLES,
    answer,
    body,
    build_world,
    client_for,
    fill,
    has_foreign,
    visible_text,
)
from tests.access_matrix import MATRIX
from tests.conftest import FreshRequestClient, _test_config, _truncate_all

_ROUTES_APP = create_app(_test_config("sqlite://", tempfile.mkdtemp(prefix="eventsapp-routes-")))


def _routes() -> dict[str, str]:
    """'METHOD rule' -> endpoint, for every rule of the app but ``static``."""
    found = {}
    for rule in _ROUTES_APP.url_map.iter_rules():
        if rule.endpoint == "static":
            continue
        for method in sorted(rule.methods - {"HEAD", "OPTIONS"}):
            found[f"{method} {rule.rule}"] = rule.endpoint
    return found


ROUTES = _routes()


def _cases():
    for key, endpoint in sorted(ROUTES.items(), key=lambda kv: kv[0].split(" ", 1)[::-1]):
        if key not in MATRIX:
            continue
        variants = ["own", "foreign"] if has_foreign(endpoint, key.split(" ", 1)[1]) else ["own"]
        for variant in variants:
            for role in ROLES:
                yield pytest.param(key, role, variant, id=f"{key}|{role}|{variant}")


CASES = list(_cases())


def expected(key: str, role: str, variant: str) -> str:
    entry = MATRIX[key]
    own = entry.expect[role]
    if variant == "own" or entry.foreign == "same":
        return own
    answer_ = own if own in ("login", "forbidden", "unauthorized") else "missing"
    return (entry.foreign or {}).get(role, answer_)


@pytest.fixture(scope="module")
def matrix(database_url, _schema, tmp_path_factory):
    app = create_app(_test_config(database_url, tmp_path_factory.mktemp("matrix-uploads")))
    app.test_client_class = FreshRequestClient
    with app.app_context():
        _truncate_all()
        world = build_world()
        db.session.remove()
    yield app, world
    with app.app_context():
        db.session.remove()
        _truncate_all()
        db.engine.dispose()


def request_as(app, world, key: str, role: str, variant: str):
    method, rule = key.split(" ", 1)
    endpoint = ROUTES[key]
    foreign = variant == "foreign"
    url = fill(world, endpoint, rule, role, foreign, MATRIX[key].fresh)
    client = client_for(app, world, role)
    payload = body(world, endpoint, foreign, MATRIX[key].fresh)
    if method == "GET":
        return client.get(url, query_string=payload.get("query"))
    return client.open(url, method=method, data=payload.get("data"), json=payload.get("json"))


def test_every_route_has_a_row():
    missing = sorted(set(ROUTES) - set(MATRIX))
    assert not missing, "routes nobody reviewed; add them to tests/access_matrix.py"
    gone = sorted(set(MATRIX) - set(ROUTES))
    assert not gone, "rows for routes that no longer exist"
    for key, row in MATRIX.items():
        assert set(row.expect) == set(ROLES), key


@pytest.mark.parametrize(("key", "role", "variant"), CASES)
def test_access(matrix, key, role, variant):
    app, world = matrix
    with app.app_context():
        try:
            response = request_as(app, world, key, role, variant)
            got = answer(response)
            assert got == expected(key, role, variant), (
                f"{key} as {role} ({variant}): {response.status_code} "
                f"{response.headers.get('Location', '')}"
            )
            # Whatever the answer, nothing another event's people gave that event shows up
            # here (only a site administrator sees across events).
            if role != "admin" and response.status_code == 200:
                shown = visible_text(response)
                leaked = [marker for marker in OTHER_EVENT_MARKERS if marker in shown]
                assert not leaked, f"{key} as {role} ({variant}) shows another event's {leaked}"
        finally:
            db.session.remove()


# --- forms accept only their own fields, and only ids of their own event ----------------
HOSTILE = {
    "is_admin": "y",
    "event_id": "{other_event_id}",
    "person_id": "1",
    "status": "cancelled",
    "waitlist_position": "7",
    "access_key": "attacker-chosen",
    "badge_token_version": "99",
    "checked_in_at": "2027-03-09T10:00",
    "checkin_desk": "Hacked",
    "decided_at": "2027-03-09T10:00",
    "id": "1",
}


def hostile(world, **fields) -> dict:
    extra = {k: v.format(other_event_id=world.other_event_id) for k, v in HOSTILE.items()}
    return extra | fields


def _person(email: str, event_id: int):
    from eventsapp.registration.models import Person

    return db.session.scalar(
        db.select(Person).where(Person.email == email, Person.event_id == event_id)
    )


def _registration(world, email: str):
    person = _person(email, world.event_id)
    return person.registrations[0] if person and person.registrations else None


def _assert_untouched(registration, event_id):
    from eventsapp.registration.models import RegistrationStatus

    assert registration.event_id == event_id
    assert registration.status is not RegistrationStatus.CANCELLED
    assert registration.waitlist_position is None
    assert registration.access_key != "attacker-chosen"
    assert registration.badge_token_version != 99
    assert registration.checked_in_at is None
    assert registration.checkin_desk == ""
    assert registration.decided_at is None or registration.decided_at.year != 2027


@pytest.fixture
def world_app(matrix):
    app, world = matrix
    with app.app_context():
        yield app, world
        db.session.remove()


def test_public_signup_takes_only_its_fields(world_app):
    from eventsapp.auth.models import User
    from tests.registration_helpers import signup_data

    app, world = world_app
    client = client_for(app, world, "anonymous")
    data = hostile(world, **signup_data("newcomer@example.org"), passport_number="P999")
    response = client.post(f"/events/{world.slug}/register", data=data)
    assert answer(response) == "redirect"
    registration = _registration(world, "newcomer@example.org")
    _assert_untouched(registration, world.event_id)
    assert registration.person.passport_number == ""
    assert db.session.scalar(db.select(User).where(User.email == "newcomer@example.org")) is None

    # the public form takes no delegation id: one posted by hand is ignored (no seat taken)
    data = signup_data("picker@example.org", delegation_id=str(world.delegation_a))
    assert answer(client.post(f"/events/{world.slug}/register", data=data)) == "redirect"
    assert _registration(world, "picker@example.org").delegation_id is None
    # a delegation of another event is not a choice to ask for, nor is its code valid here:
    # refused, nothing written
    from eventsapp.delegations.models import Delegation

    other_code = db.session.get(Delegation, world.delegation_x).join_code
    for extra in (
        {"join_request": "y", "requested_delegation_id": str(world.delegation_x)},
        {"join_code": other_code},
    ):
        data = signup_data("intruder@example.org", **extra)
        response = client.post(f"/events/{world.slug}/register", data=data)
        assert answer(response) == "ok"
        assert _registration(world, "intruder@example.org") is None


def test_head_member_forms_take_only_their_fields(world_app):
    from eventsapp.registration.models import Registration
    from tests.registration_helpers import signup_data

    app, world = world_app
    client = client_for(app, world, "head_a")
    base = f"/events/{world.slug}/my-delegation/{world.delegation_a}/members"
    data = hostile(world, **signup_data("recruit@example.org", preferred_language="en"))
    data["delegation_id"] = str(world.delegation_b)
    response = client.post(f"{base}/new", data=data)
    assert answer(response) == "redirect"
    registration = _registration(world, "recruit@example.org")
    _assert_untouched(registration, world.event_id)
    assert registration.delegation_id == world.delegation_a

    data = hostile(world, **signup_data("member.a@example.org", preferred_language="en"))
    data["delegation_id"] = str(world.delegation_b)
    response = client.post(f"{base}/{world.member_a}/edit", data=data)
    assert answer(response) == "redirect"
    db.session.expire_all()
    member = db.session.get(Registration, world.member_a)
    _assert_untouched(member, world.event_id)
    assert member.delegation_id == world.delegation_a


def test_head_gives_only_the_roles_the_public_may_choose(world_app):
    """A head cannot make a member of their delegation a speaker or staff (their badge
    would say so); a role the organizers gave stays as it is."""
    from eventsapp.registration.models import Registration, RegistrationRole
    from tests.registration_helpers import signup_data

    app, world = world_app
    client = client_for(app, world, "head_a")
    base = f"/events/{world.slug}/my-delegation/{world.delegation_a}/members"
    data = signup_data("not.staff@example.org", preferred_language="en", role="staff")
    assert answer(client.post(f"{base}/new", data=data)) == "ok"
    assert _registration(world, "not.staff@example.org") is None

    data = signup_data("member.a@example.org", preferred_language="en", role="speaker")
    assert answer(client.post(f"{base}/{world.member_a}/edit", data=data)) == "ok"
    db.session.expire_all()
    assert db.session.get(Registration, world.member_a).role is RegistrationRole.DELEGATE


def test_head_cannot_rewrite_a_known_person_by_adding_them(world_app):
    """Adding a member by the e-mail of a person already on file (here a speaker) must not
    let the head replace that person's name and phone."""
    from tests.registration_helpers import signup_data

    app, world = world_app
    client = client_for(app, world, "head_a")
    base = f"/events/{world.slug}/my-delegation/{world.delegation_a}/members"
    data = signup_data(
        "speaker.b@example.org", preferred_language="en", given_name="Renamed", phone="666"
    )
    client.post(f"{base}/new", data=data)
    db.session.expire_all()
    # the speaker's record belongs to the other event: the head's event got its own
    person = _person("speaker.b@example.org", world.other_event_id)
    assert (person.given_name, person.phone) != ("Renamed", "666")


def test_self_edit_takes_only_its_fields(world_app):
    from eventsapp.registration.models import Registration, RegistrationRole
    from tests.registration_helpers import signup_data

    app, world = world_app
    client = client_for(app, world, "delegate")
    data = hostile(world, **signup_data("someone.else@example.org", dietary="Vegetarian"))
    data.update(role="speaker", delegation_id=str(world.delegation_a))
    response = client.post(f"/events/{world.slug}/my-registration/{world.token}", data=data)
    assert answer(response) == "redirect"
    db.session.expire_all()
    registration = db.session.get(Registration, world.registration_id)
    _assert_untouched(registration, world.event_id)
    assert registration.dietary == "Vegetarian"  # its own field is taken
    assert registration.person.email == "delegate@example.org"
    assert registration.role is RegistrationRole.DELEGATE
    assert registration.delegation_id is None


def test_back_office_forms_take_only_their_fields(world_app):
    from eventsapp.auth.models import Invitation, User
    from eventsapp.delegations.models import Delegation
    from eventsapp.events.models import Room
    from eventsapp.registration.models import Registration

    app, world = world_app
    client = client_for(app, world, "organizer")
    manage = f"/manage/events/{world.slug}"
    data = hostile(world, **_registration_form(world, "member.b@example.org"))
    response = client.post(f"{manage}/registrations/{world.member_b}/edit", data=data)
    assert answer(response) == "redirect"
    db.session.expire_all()
    _assert_untouched(db.session.get(Registration, world.member_b), world.event_id)

    response = client.post(
        f"{manage}/rooms/{world.room_id}/edit",
        data=hostile(world, name="Hall A", capacity="80", position="0"),
    )
    assert answer(response) == "redirect"
    db.session.expire_all()
    assert db.session.get(Room, world.room_id).event_id == world.event_id

    response = client.post(
        f"{manage}/delegations/{world.delegation_b}/edit",
        data=hostile(
            world,
            jurisdiction_id=str(world.jurisdiction_b),
            organization_id="",
            head_person_id="",
            seat_quota="10",
            status="invited",
            protocol_position="",
            invitation_sent_at="2027-01-01T00:00",
        ),
    )
    db.session.expire_all()
    delegation = db.session.get(Delegation, world.delegation_b)
    assert delegation.event_id == world.event_id
    assert delegation.invitation_sent_at is None

    response = client.post(
        f"{manage}/team",
        data={
            "email": "new.staff@example.org",
            "role": "checkin",
            "is_admin": "y",
            "event_id": str(world.other_event_id),
        },
    )
    assert answer(response) == "redirect"
    # a new address gets an invitation to this event only; no account, no admin flag
    assert db.session.scalar(db.select(User).where(User.email == "new.staff@example.org")) is None
    invitation = db.session.scalar(
        db.select(Invitation).where(Invitation.email == "new.staff@example.org")
    )
    assert (invitation.event_id, invitation.role.value) == (world.event_id, "checkin")

    # a head role is not given from the team page
    response = client.post(f"{manage}/team", data={"email": "x@example.org", "role": "head"})
    assert answer(response) == "ok"
    assert db.session.scalar(db.select(User).where(User.email == "x@example.org")) is None


def _registration_form(world, email: str) -> dict:
    from tests.registration_helpers import signup_data

    return signup_data(email, delegation_id=str(world.delegation_b), preferred_language="en")


def test_back_office_forms_refuse_ids_of_another_event(world_app):
    from eventsapp.agenda.models import AgendaSession
    from eventsapp.registration.models import Registration, RegistrationStatus
    from tests.agenda_helpers import session_form

    app, world = world_app
    client = client_for(app, world, "organizer")
    manage = f"/manage/events/{world.slug}"

    data = _registration_form(world, "stranger@example.org")
    data["delegation_id"] = str(world.delegation_x)
    assert answer(client.post(f"{manage}/registrations/new", data=data)) == "ok"
    assert _registration(world, "stranger@example.org") is None

    from eventsapp.events.models import Event

    event = db.session.get(Event, world.event_id)
    before = db.session.scalar(db.select(db.func.count(AgendaSession.id)))
    for field, value in (
        ("room_id", world.other_room_id),
        ("track_id", world.other_track_id),
        ("speaker_ids", world.other_speaker_id),
    ):
        data = session_form(event, title_en="Smuggled", **{field: str(value)})
        assert answer(client.post(f"{manage}/sessions/new", data=data)) == "ok", field
    assert db.session.scalar(db.select(db.func.count(AgendaSession.id))) == before

    response = client.post(
        f"{manage}/badges", data={"registration_ids": str(world.other_registration_id)}
    )
    assert answer(response) == "ok" and response.mimetype == "text/html"

    response = client.post(
        f"{manage}/registrations/bulk",
        data={"ids": [str(world.other_registration_id)], "action": "cancel", "confirmed": "1"},
    )
    assert answer(response) == "redirect"
    db.session.expire_all()
    other = db.session.get(Registration, world.other_registration_id)
    assert other.status is RegistrationStatus.CONFIRMED

    response = client.post(
        f"{manage}/delegations/{world.delegation_a}/edit",
        data={
            "jurisdiction_id": str(world.ids["jurisdiction_id"]),
            "organization_id": "",
            "head_person_id": str(other.person_id),
            "seat_quota": "100",
            "status": "invited",
            "protocol_position": "",
        },
    )
    assert answer(response) == "ok"  # a person of another event only is not offered


def test_foreign_checkin_actions_change_nothing(world_app):
    from eventsapp.registration.models import Registration

    app, world = world_app
    for role in ("checkin", "organizer"):
        for key in (
            "POST /manage/events/<slug>/checkin/admit",
            "POST /api/events/<slug>/checkin",
        ):
            request_as(app, world, key, role, "foreign")
    db.session.expire_all()
    assert db.session.get(Registration, world.other_registration_id).checked_in_at is None


def test_delegation_with_a_taken_jurisdiction_is_a_form_error(world_app):
    """Giving delegation B the jurisdiction of delegation A is refused with a message (the
    unique constraint once failed during an autoflush in seats_taken: a 500)."""
    app, world = world_app
    client = client_for(app, world, "organizer")
    response = client.post(
        f"/manage/events/{world.slug}/delegations/{world.delegation_b}/edit",
        data={
            "jurisdiction_id": str(world.jurisdiction_id),
            "organization_id": "",
            "head_person_id": "",
            "seat_quota": "10",
            "status": "invited",
            "protocol_position": "",
        },
    )
    assert answer(response) == "ok"
