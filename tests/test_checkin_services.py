"""Check-in rules: every scan state, undo, attendance, search, arrivals and exports."""

from __future__ import annotations

import csv
import io

import pytest
from flask import current_app
from openpyxl import load_workbook

from eventsapp.agenda.models import SessionKind, SignupStatus, WorkshopSignup
from eventsapp.audit.models import AuditEntry
from eventsapp.checkin import export, labels, queries, services
from eventsapp.checkin.models import SessionAttendance
from eventsapp.errors import Conflict
from eventsapp.registration.models import RegistrationRole, RegistrationStatus
from tests.checkin_helpers import make_staff, token_for
from tests.factories import (
    make_delegation,
    make_event,
    make_jurisdiction,
    make_person,
    make_registration,
    make_session,
)


@pytest.fixture
def staff(event):
    return make_staff(event)


def scan(event, token, staff, desk="Desk A", session=None):
    result = services.scan(
        event,
        token,
        actor=staff,
        desk=desk,
        secret=current_app.config["SECRET_KEY"],
        session=session,
    )
    from eventsapp.extensions import db

    db.session.commit()
    return result


def test_confirmed_badge_checks_in_and_is_audited(db, event, staff):
    registration = make_registration(event)
    result = scan(event, token_for(registration), staff, desk="North door")
    assert result.state == "checked_in"
    db.session.refresh(registration)
    assert registration.checked_in_at is not None
    assert registration.checkin_desk == "North door"
    entry = db.session.scalar(db.select(AuditEntry).where(AuditEntry.action == "checkin"))
    assert entry.user_id == staff.id
    assert entry.desk == "North door"
    assert entry.object_id == registration.id
    assert entry.event_id == event.id


def test_second_scan_is_already_checked_in_with_first_time_and_desk(db, event, staff):
    registration = make_registration(event)
    first = scan(event, token_for(registration), staff, desk="Desk 1")
    second = scan(event, token_for(registration), staff, desk="Desk 2")
    assert second.state == "already_checked_in"
    assert second.desk == "Desk 1"
    assert second.at == first.at
    db.session.refresh(registration)
    assert registration.checkin_desk == "Desk 1"
    count = db.session.scalar(
        db.select(db.func.count(AuditEntry.id)).where(AuditEntry.action == "checkin")
    )
    assert count == 1


@pytest.mark.parametrize(
    "status",
    [
        RegistrationStatus.PENDING,
        RegistrationStatus.WAITLISTED,
        RegistrationStatus.DECLINED,
        RegistrationStatus.CANCELLED,
    ],
)
def test_not_admitted_statuses(db, event, staff, status):
    extra = {"waitlist_position": 1} if status == RegistrationStatus.WAITLISTED else {}
    registration = make_registration(event, status=status, **extra)
    result = scan(event, token_for(registration), staff)
    assert result.state == "not_admitted"
    assert result.reason == status.value
    db.session.refresh(registration)
    assert registration.checked_in_at is None
    assert str(labels.NOT_ADMITTED_REASON[status])


def test_forged_token_is_unknown(db, event, staff):
    registration = make_registration(event)
    token = token_for(registration)
    forged = token[:-1] + ("A" if token[-1] != "A" else "B")
    assert scan(event, forged, staff).reason == "forged"
    assert scan(event, "hello world", staff).state == "unknown"
    db.session.refresh(registration)
    assert registration.checked_in_at is None


def test_reissued_badge_is_refused(db, event, staff):
    registration = make_registration(event)
    old = token_for(registration)
    registration.badge_token_version = 2
    db.session.commit()
    result = scan(event, old, staff)
    assert (result.state, result.reason) == ("unknown", "reissued")
    assert scan(event, token_for(registration), staff).state == "checked_in"


def test_other_events_badge_is_refused(db, event, staff):
    other = make_event()
    registration = make_registration(other)
    result = scan(event, token_for(registration), staff)
    assert (result.state, result.reason) == ("unknown", "other_event")
    db.session.refresh(registration)
    assert registration.checked_in_at is None


def test_token_of_a_missing_registration(db, event, staff):
    from eventsapp.badges.tokens import make_badge_token

    token = make_badge_token(current_app.config["SECRET_KEY"], 987654, 1)
    assert scan(event, token, staff).reason == "missing"


def test_undo_check_in(db, event, staff):
    registration = make_registration(event)
    scan(event, token_for(registration), staff)
    result = services.undo_check_in(registration, actor=staff, desk="Desk B")
    db.session.commit()
    assert result.state == "undone"
    db.session.refresh(registration)
    assert registration.checked_in_at is None
    entry = db.session.scalar(db.select(AuditEntry).where(AuditEntry.action == "checkin.undo"))
    assert (entry.desk, entry.user_id) == ("Desk B", staff.id)
    with pytest.raises(Conflict):
        services.undo_check_in(registration, actor=staff, desk="Desk B")
    assert scan(event, token_for(registration), staff).state == "checked_in"


def test_session_attendance_recorded_once(db, event, staff):
    registration = make_registration(event)
    session = make_session(event)
    first = scan(event, token_for(registration), staff, desk="Room 1", session=session)
    second = scan(event, token_for(registration), staff, desk="Room 1", session=session)
    assert (first.state, second.state) == ("attended", "already_attended")
    rows = db.session.scalars(db.select(SessionAttendance)).all()
    assert [(r.session_id, r.registration_id, r.desk, r.staff_user_id) for r in rows] == [
        (session.id, registration.id, "Room 1", staff.id)
    ]
    assert not first.workshop_full
    services.undo_attendance(registration, session, actor=staff, desk="Room 1")
    db.session.commit()
    assert db.session.scalars(db.select(SessionAttendance)).all() == []


def test_session_attendance_refuses_unconfirmed(db, event, staff):
    registration = make_registration(event, status=RegistrationStatus.CANCELLED)
    session = make_session(event)
    assert scan(event, token_for(registration), staff, session=session).state == "not_admitted"
    assert db.session.scalars(db.select(SessionAttendance)).all() == []


def _signup(db, session, registration, status=SignupStatus.CONFIRMED):
    db.session.add(
        WorkshopSignup(session_id=session.id, registration_id=registration.id, status=status)
    )
    db.session.commit()


def test_full_workshop_flags_delegate_not_signed_up(db, event, staff):
    workshop = make_session(event, kind=SessionKind.WORKSHOP, capacity=1)
    signed = make_registration(event)
    walk_in = make_registration(event)
    _signup(db, workshop, signed)
    assert not scan(event, token_for(signed), staff, session=workshop).workshop_full
    flagged = scan(event, token_for(walk_in), staff, session=workshop)
    assert flagged.state == "attended"
    assert flagged.workshop_full


def test_workshop_with_room_left_does_not_flag(db, event, staff):
    workshop = make_session(event, kind=SessionKind.WORKSHOP, capacity=2)
    _signup(db, workshop, make_registration(event))
    walk_in = make_registration(event)
    assert not scan(event, token_for(walk_in), staff, session=workshop).workshop_full
    panel = make_session(event, capacity=0)
    assert not scan(event, token_for(walk_in), staff, session=panel).workshop_full


def test_search_by_name_and_delegation(db, event):
    delegation = make_delegation(event, make_jurisdiction("Sonora"))
    ana = make_registration(
        event, make_person(given_name="Ana", family_name="Pérez"), delegation_id=delegation.id
    )
    bob = make_registration(event, make_person(given_name="Bob", family_name="Smith"))
    make_registration(make_event(), make_person(given_name="Ana", family_name="Other"))
    assert queries.search(event, "ana") == [ana]
    assert queries.search(event, "sonora") == [ana]
    assert queries.search(event, "SMITH bob") == [bob]
    assert queries.search(event, "100%") == []
    assert queries.search(event, "  ") == []


def test_arrivals_by_role_and_delegation(db, event, staff):
    sonora = make_delegation(event, make_jurisdiction("Sonora"))
    utah = make_delegation(event, make_jurisdiction("Utah"))
    a = make_registration(event, delegation_id=sonora.id)
    make_registration(event, delegation_id=sonora.id, role=RegistrationRole.SPEAKER)
    b = make_registration(event, delegation_id=utah.id)
    make_registration(event, status=RegistrationStatus.CANCELLED, delegation_id=utah.id)
    for registration in (a, b):
        scan(event, token_for(registration), staff)
    tally = queries.arrivals(event, labels.ROLE, "None")
    assert (tally.total.expected, tally.total.arrived) == (3, 2)
    by_delegation = {t.label: (t.expected, t.arrived) for t in tally.by_delegation}
    assert by_delegation == {"Sonora": (2, 1), "Utah": (1, 1)}
    by_role = {t.label: (t.expected, t.arrived) for t in tally.by_role}
    assert by_role == {"Delegate": (2, 2), "Speaker": (1, 0)}
    assert [t.label for t in tally.delegations_missing] == ["Sonora"]


@pytest.mark.parametrize("text", ["=1+1", "+1", "-1", "@SUM(A1)", "\tx", "\rx"])
def test_safe_cell_neutralises_formulas(text):
    assert export.safe_cell(text) == "'" + text
    assert export.safe_cell("plain") == "plain"


def test_exports_neutralise_person_text(db, event, staff):
    person = make_person(given_name='=HYPERLINK("x")', family_name="Evil")
    registration = make_registration(event, person)
    scan(event, token_for(registration), staff, desk="@desk")
    arrived = queries.arrived_registrations(event)
    rows = list(csv.reader(io.StringIO(export.arrivals_csv(event, arrived).decode("utf-8-sig"))))
    assert rows[1][1] == "'@desk"
    assert rows[1][2].startswith("'=HYPERLINK")
    sheet = load_workbook(io.BytesIO(export.arrivals_xlsx(event, arrived))).active
    assert sheet["C2"].value.startswith("'=HYPERLINK")
    assert sheet["C2"].data_type == "s"
