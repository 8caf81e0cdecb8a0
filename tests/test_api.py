"""API v1: tokens and scopes, what each resource answers, writes through the same rules as
the forms, problem details, ETags, cursors, the audit trail and the per-token limit."""

import pytest

from eventsapp.api.models import ApiToken, Scope
from eventsapp.audit.models import AuditEntry
from eventsapp.auth.models import EventRole, token_digest
from eventsapp.registration.models import Registration, RegistrationStatus
from tests.api_helpers import bearer, organizer_token, url
from tests.factories import make_delegation, make_event, make_person, make_registration


def test_a_token_reaches_its_own_event(client, event, db):
    secret = organizer_token(event)
    answer = client.get(url(event), headers=bearer(secret))
    assert answer.status_code == 200 and answer.get_json()["slug"] == event.slug


def test_no_token_or_a_wrong_one_is_401_problem(client, event, db):
    for headers in ({}, bearer("eva_not-a-token"), {"Authorization": "Basic x"}):
        answer = client.get(url(event, "/registrations"), headers=headers)
        assert answer.status_code == 401
        assert answer.content_type == "application/problem+json"
        assert answer.get_json()["status"] == 401
        assert answer.headers["WWW-Authenticate"].startswith("Bearer")


def test_a_token_of_event_b_reaches_nothing_of_event_a(client, event, db):
    other = make_event()
    make_registration(event, make_person(email="secret@example.org", event=event))
    secret = organizer_token(other)
    for path in ("", "/registrations", "/delegations", "/checkins", "/sessions"):
        answer = client.get(url(event, path), headers=bearer(secret))
        assert answer.status_code == 404, path
        assert b"secret@example.org" not in answer.data


def test_scopes_limit_what_a_token_does(client, event, db):
    reader = organizer_token(event, {Scope.READ})
    assert client.get(url(event, "/registrations"), headers=bearer(reader)).status_code == 200
    refused = client.post(
        url(event, "/registrations"),
        json={"email": "a@example.org", "given_name": "Ana", "family_name": "Ruiz"},
        headers=bearer(reader),
    )
    assert refused.status_code == 403 and "write" in refused.get_json()["detail"]
    assert db.session.scalar(db.select(Registration.id)) is None
    scanner = organizer_token(event, {Scope.CHECKIN})
    assert client.get(url(event, "/registrations"), headers=bearer(scanner)).status_code == 403
    assert client.get(url(event, "/checkins"), headers=bearer(scanner)).status_code == 200


def test_a_revoked_token_and_a_lost_role_stop_at_once(client, event, db):
    secret = organizer_token(event)
    token = db.session.scalar(db.select(ApiToken))
    db.session.delete(db.session.scalar(db.select(EventRole)))
    db.session.commit()
    assert client.get(url(event, "/registrations"), headers=bearer(secret)).status_code == 403

    from eventsapp.api import tokens

    tokens.revoke(None, token)
    db.session.commit()
    assert client.get(url(event, "/registrations"), headers=bearer(secret)).status_code == 401


def test_only_a_digest_of_the_token_is_stored(event, db):
    secret = organizer_token(event)
    token = db.session.scalar(db.select(ApiToken))
    assert token.digest == token_digest(secret) and secret not in (token.prefix, token.digest)


def test_check_in_staff_may_hold_only_the_checkin_scope(event, db):
    from eventsapp.api import tokens
    from eventsapp.auth.models import EventRoleKind
    from eventsapp.errors import PermissionDenied
    from tests.factories import grant, make_user

    staff = make_user()
    grant(staff, event, EventRoleKind.CHECKIN)
    with pytest.raises(PermissionDenied):
        tokens.issue(staff, event, "Reader", {Scope.READ})
    token, _ = tokens.issue(staff, event, "Scanner", {Scope.CHECKIN})
    assert token.scopes == "checkin"


def test_registrations_page_with_a_cursor_and_filters(client, event, db):
    delegation = make_delegation(event)
    made = [make_registration(event) for _ in range(5)]
    made[3].delegation_id = delegation.id
    made[4].status = RegistrationStatus.CANCELLED
    db.session.commit()
    secret = organizer_token(event)
    first = client.get(url(event, "/registrations?limit=2"), headers=bearer(secret)).get_json()
    assert [r["id"] for r in first["results"]] == [made[0].id, made[1].id]
    rest = client.get(
        url(event, f"/registrations?limit=10&cursor={first['next_cursor']}"),
        headers=bearer(secret),
    ).get_json()
    assert [r["id"] for r in rest["results"]] == [r.id for r in made[2:]]
    assert rest["next_cursor"] is None
    by_delegation = client.get(
        url(event, f"/registrations?delegation_id={delegation.id}"), headers=bearer(secret)
    ).get_json()
    assert [r["id"] for r in by_delegation["results"]] == [made[3].id]
    cancelled = client.get(
        url(event, "/registrations?status=cancelled"), headers=bearer(secret)
    ).get_json()
    assert [r["status"] for r in cancelled["results"]] == ["cancelled"]
    bad = client.get(url(event, "/registrations?cursor=forged"), headers=bearer(secret))
    assert bad.status_code == 400 and bad.content_type == "application/problem+json"


def test_create_through_the_capacity_rules_and_audit_with_the_token_name(client, event, db):
    event.capacity = 1
    db.session.commit()
    secret = organizer_token(event, name="Ministry dashboard")
    body = {"given_name": "Ana", "family_name": "Ruiz", "preferred_language": "es"}
    first = client.post(
        url(event, "/registrations"),
        json={**body, "email": "ana@example.org"},
        headers=bearer(secret),
    )
    second = client.post(
        url(event, "/registrations"),
        json={**body, "email": "eva@example.org"},
        headers=bearer(secret),
    )
    assert first.status_code == 201 and first.get_json()["status"] == "confirmed"
    assert second.status_code == 201 and second.get_json()["status"] == "waitlisted"
    assert second.get_json()["waitlist_position"] == 1
    again = client.post(
        url(event, "/registrations"),
        json={**body, "email": "ana@example.org"},
        headers=bearer(secret),
    )
    assert again.status_code == 409 and "email" in again.get_json()["errors"]
    entry = db.session.scalar(
        db.select(AuditEntry).where(AuditEntry.object_type == "Registration").limit(1)
    )
    assert entry.via == "API token “Ministry dashboard”"


def test_invalid_fields_are_listed_by_name(client, event, db):
    secret = organizer_token(event)
    answer = client.post(
        url(event, "/registrations"),
        json={"email": "not-an-address", "given_name": "", "role": "king"},
        headers=bearer(secret),
    )
    assert answer.status_code == 422
    assert {"email", "given_name", "family_name", "role"} <= set(answer.get_json()["errors"])
    assert db.session.scalar(db.select(Registration.id)) is None


def test_an_id_beyond_any_row_is_a_field_error_not_a_crash(client, event, db):
    # schemathesis sent 2**63 as delegation_id: SQLite cannot even bind it (was a 500)
    secret = organizer_token(event)
    body = {"email": "ana@example.org", "given_name": "Ana", "family_name": "Pérez"}
    for key in ("delegation_id", "organization_id", "jurisdiction_id"):
        answer = client.post(
            url(event, "/registrations"), json={**body, key: 2**63}, headers=bearer(secret)
        )
        assert answer.status_code == 422, key
        assert key in answer.get_json()["errors"]
    assert db.session.scalar(db.select(Registration.id)) is None


def test_update_needs_the_current_etag(client, event, db):
    registration = make_registration(event)
    secret = organizer_token(event)
    path = url(event, f"/registrations/{registration.id}")
    current = client.get(path, headers=bearer(secret))
    etag = current.headers["ETag"]
    assert client.get(path, headers={**bearer(secret), "If-None-Match": etag}).status_code == 304
    change = {"dietary": "Vegetarian"}
    assert client.patch(path, json=change, headers=bearer(secret)).status_code == 428
    stale = client.patch(path, json=change, headers={**bearer(secret), "If-Match": '"stale"'})
    assert stale.status_code == 412
    done = client.patch(path, json=change, headers={**bearer(secret), "If-Match": etag})
    assert done.status_code == 200 and done.get_json()["dietary"] == "Vegetarian"
    assert done.headers["ETag"] != etag


def test_cancel_gives_the_seat_to_the_waiting_list(client, event, db):
    event.capacity = 1
    db.session.commit()
    holder = make_registration(event)
    waiting = make_registration(event, status=RegistrationStatus.WAITLISTED, waitlist_position=1)
    secret = organizer_token(event)
    answer = client.post(url(event, f"/registrations/{holder.id}/cancel"), headers=bearer(secret))
    assert answer.status_code == 200 and answer.get_json()["status"] == "cancelled"
    db.session.refresh(waiting)
    assert waiting.status is not RegistrationStatus.WAITLISTED


def test_checkins_by_id_and_since_a_cursor(client, event, db):
    first, second = make_registration(event), make_registration(event)
    secret = organizer_token(event, {Scope.CHECKIN})
    scan = client.post(
        url(event, "/checkins"),
        json={"registration_id": first.id, "desk": "Door A"},
        headers=bearer(secret),
    )
    assert scan.status_code == 200 and scan.get_json()["state"] == "checked_in"
    page = client.get(url(event, "/checkins?limit=1"), headers=bearer(secret)).get_json()
    assert [c["registration_id"] for c in page["results"]] == [first.id]
    client.post(
        url(event, "/checkins"), json={"registration_id": second.id}, headers=bearer(secret)
    )
    later = client.get(
        url(event, f"/checkins?cursor={page['next_cursor'] or ''}"), headers=bearer(secret)
    ).get_json()
    assert second.id in [c["registration_id"] for c in later["results"]]
    forged = client.post(url(event, "/checkins"), json={"token": "forged"}, headers=bearer(secret))
    assert forged.get_json()["state"] == "unknown"


def test_delegations_show_seats_used(client, event, db):
    delegation = make_delegation(event, seat_quota=3)
    make_registration(event, delegation_id=delegation.id)
    make_registration(event, delegation_id=delegation.id, status=RegistrationStatus.CANCELLED)
    secret = organizer_token(event, {Scope.READ})
    rows = client.get(url(event, "/delegations"), headers=bearer(secret)).get_json()
    assert rows == [
        {
            "id": delegation.id,
            "name": delegation.name,
            "status": delegation.status.value,
            "seat_quota": 3,
            "seats_used": 1,
            "head_person_id": None,
        }
    ]


def test_requests_are_limited_per_token(app, event, db):
    from tests.auth_helpers import limited_client

    client = limited_client(app, API_RATE_LIMIT="3/minute")
    one, two = organizer_token(event), organizer_token(event)
    path = url(event)
    db.session.commit()  # the other app's requests write (SQLite: one writer at a time)
    codes = [client.get(path, headers=bearer(one)).status_code for _ in range(4)]
    assert codes == [200, 200, 200, 429]
    limited = client.get(path, headers=bearer(one))
    assert limited.content_type == "application/problem+json"
    assert client.get(path, headers=bearer(two)).status_code == 200


def test_the_openapi_document_is_served(client):
    document = client.get("/api/v1/openapi.json").get_json()
    assert document["openapi"] == "3.1.0"
    assert "/api/v1/events/{slug}/registrations" in document["paths"]
    assert document["components"]["securitySchemes"]["bearer"]["scheme"] == "bearer"
    page = client.get("/api/v1/docs")
    assert page.status_code == 200 and b"swagger-ui-bundle.js" in page.data


def test_every_api_route_refuses_a_token_of_another_event(app, client, event, db):
    """The access matrix for tokens: every API v1 route of event A, with ids of A's objects,
    answers 404 to a token (with every scope) of event B, and changes nothing."""
    registration = make_registration(event)
    outsider = organizer_token(make_event())
    values = {"slug": event.slug, "registration_id": registration.id}
    routes = [
        (method, rule.rule)
        for rule in app.url_map.iter_rules()
        if rule.rule.startswith("/api/v1/events/")
        for method in sorted((rule.methods or set()) - {"HEAD", "OPTIONS"})
    ]
    assert len(routes) == 17
    for method, rule in routes:
        path = rule
        for name, value in values.items():
            path = path.replace(f"<{name}>", str(value)).replace(f"<int:{name}>", str(value))
        answer = client.open(path, method=method, json={}, headers=bearer(outsider))
        assert answer.status_code == 404, (method, rule, answer.status_code)
    db.session.refresh(registration)
    assert registration.status is RegistrationStatus.CONFIRMED
    assert registration.checked_in_at is None
