"""Check-in pages and the JSON endpoint: who may use them, what a scan shows, desk, search,
undo, reprint, photo, dashboard and exports."""

from __future__ import annotations

import io

import pytest
from openpyxl import load_workbook

from eventsapp.agenda.models import SessionKind
from eventsapp.audit.models import AuditEntry
from eventsapp.auth.models import EventRoleKind
from eventsapp.checkin.models import SessionAttendance
from eventsapp.registration.models import RegistrationStatus
from tests.checkin_helpers import make_staff, set_desk, token_for
from tests.factories import (
    grant,
    make_delegation,
    make_event,
    make_jurisdiction,
    make_person,
    make_registration,
    make_session,
    make_speaker,
    make_user,
)


@pytest.fixture
def staff(event):
    return make_staff(event, "desk@example.org")


def page_url(event, suffix=""):
    return f"/manage/events/{event.slug}/checkin/{suffix}"


def api_url(event, suffix=""):
    return f"/api/events/{event.slug}/checkin{suffix}"


# --- who may enter -----------------------------------------------------------------------


def test_anonymous_is_sent_to_sign_in(client, event):
    response = client.get(page_url(event))
    assert response.status_code == 302
    assert "/login" in response.headers["Location"]


def test_user_without_role_is_refused(client, login, event):
    login(make_user())
    assert client.get(page_url(event)).status_code == 403
    assert client.get(page_url(event, "dashboard")).status_code == 403


def test_head_of_delegation_is_refused(client, login, event):
    user = make_user()
    grant(user, event, EventRoleKind.HEAD, make_delegation(event))
    login(user)
    assert client.get(page_url(event)).status_code == 403


def test_checkin_staff_of_another_event_is_refused(client, login, event):
    other = make_event()
    login(make_staff(other))
    assert client.get(page_url(event)).status_code == 403


def test_staff_and_organizer_see_the_desk_and_menu_entry(client, login, event, staff, organizer):
    for user in (staff, organizer):
        login(user)
        html = client.get(page_url(event)).get_data(as_text=True)
        assert 'id="scan-token"' in html
        assert f'href="/manage/events/{event.slug}/checkin/"' in html
        assert "js/checkin.js" in html


# --- scanning from the page ----------------------------------------------------------------


def test_scan_form_checks_in_and_shows_person(client, login, event, staff, db):
    delegation = make_delegation(event, make_jurisdiction("Chihuahua"))
    registration = make_registration(
        event, make_person(given_name="Lucía", family_name="Ortega"), delegation_id=delegation.id
    )
    login(staff)
    set_desk(client, event, "Hall B")
    html = client.post(page_url(event), data={"token": token_for(registration)}).get_data(
        as_text=True
    )
    assert 'data-state="checked_in"' in html
    assert "Lucía Ortega" in html
    assert "Chihuahua" in html
    assert "Hall B" in html
    db.session.refresh(registration)
    assert registration.checkin_desk == "Hall B"
    again = client.post(page_url(event), data={"token": token_for(registration)})
    assert 'data-state="already_checked_in"' in again.get_data(as_text=True)


def test_scan_shows_not_admitted_with_reason(client, login, event, staff):
    registration = make_registration(event, status=RegistrationStatus.DECLINED)
    login(staff)
    html = client.post(page_url(event), data={"token": token_for(registration)}).get_data(
        as_text=True
    )
    assert 'data-state="not_admitted"' in html
    assert "declined" in html


def test_scan_in_spanish(client, login, event, staff):
    registration = make_registration(event)
    login(staff)
    html = client.post(
        page_url(event),
        data={"token": token_for(registration)},
        headers={"Accept-Language": "es"},
    ).get_data(as_text=True)
    assert "Llegada registrada" in html


def test_setup_saves_desk_and_session_mode(client, login, event, staff, db):
    session = make_session(event)
    registration = make_registration(event)
    login(staff)
    response = client.post(
        page_url(event, "setup"), data={"desk": "Room 3", "session_id": session.id}
    )
    assert response.status_code == 302
    html = client.post(page_url(event), data={"token": token_for(registration)}).get_data(
        as_text=True
    )
    assert 'data-state="attended"' in html
    row = db.session.scalar(db.select(SessionAttendance))
    assert (row.session_id, row.desk, row.staff_user_id) == (session.id, "Room 3", staff.id)


def test_setup_refuses_session_of_another_event(client, login, event, staff):
    other_session = make_session(make_event())
    login(staff)
    client.post(page_url(event, "setup"), data={"desk": "X", "session_id": other_session.id})
    with client.session_transaction() as session:
        assert str(event.id) not in (session.get("checkin_desk") or {})


def test_search_and_admit_without_badge(client, login, event, staff, db):
    delegation = make_delegation(event, make_jurisdiction("Baja California"))
    registration = make_registration(
        event, make_person(given_name="Tomás", family_name="Ruiz"), delegation_id=delegation.id
    )
    login(staff)
    html = client.get(page_url(event) + "?q=baja").get_data(as_text=True)
    assert "Tomás Ruiz" in html
    result = client.post(page_url(event, "admit"), data={"registration_id": registration.id})
    assert 'data-state="checked_in"' in result.get_data(as_text=True)
    other = make_registration(make_event())
    assert (
        client.post(page_url(event, "admit"), data={"registration_id": other.id}).status_code == 404
    )


def test_undo_from_the_page(client, login, event, staff, db):
    registration = make_registration(event)
    login(staff)
    client.post(page_url(event), data={"token": token_for(registration)})
    html = client.post(page_url(event, "undo"), data={"registration_id": registration.id})
    assert 'data-state="undone"' in html.get_data(as_text=True)
    db.session.refresh(registration)
    assert registration.checked_in_at is None
    again = client.post(page_url(event, "undo"), data={"registration_id": registration.id})
    assert again.status_code == 302  # nothing to undo: a message, not an error page


def test_photo_of_a_speaker(client, login, event, staff, app):
    from eventsapp import storage

    person = make_person()
    key = storage.put(b"\xff\xd8\xff fake jpeg", "image/jpeg", event.id)
    make_speaker(event, person, photo_filename=key)
    registration = make_registration(event, person)
    login(staff)
    answer = client.post(api_url(event), json={"token": token_for(registration)}).get_json()
    assert answer["photo_url"] == page_url(event, f"photo/{registration.id}")
    assert client.get(answer["photo_url"]).data.startswith(b"\xff\xd8")
    plain = make_registration(event)
    assert client.get(page_url(event, f"photo/{plain.id}")).status_code == 404


# --- JSON endpoint -----------------------------------------------------------------------------


def test_api_anonymous_gets_401_json(client, event):
    response = client.post(api_url(event), json={"token": "X"})
    assert response.status_code == 401
    assert "error" in response.get_json()


def test_api_without_role_gets_403_json(client, login, event):
    login(make_user())
    response = client.post(api_url(event), json={"token": "X"})
    assert response.status_code == 403
    assert "error" in response.get_json()


def test_api_checks_in_then_already(client, login, event, staff):
    delegation = make_delegation(event, make_jurisdiction("Nevada"))
    registration = make_registration(event, delegation_id=delegation.id)
    login(staff)
    body = {"token": token_for(registration), "desk": "Kiosk 1"}
    first = client.post(api_url(event), json=body).get_json()
    assert first["state"] == "checked_in"
    assert first["colour"] == "success"
    assert first["delegation"] == "Nevada"
    assert first["role"] == "Delegate"
    second = client.post(api_url(event), json=body | {"desk": "Kiosk 2"}).get_json()
    assert second["state"] == "already_checked_in"
    assert second["desk"] == "Kiosk 1"
    assert "Kiosk 1" in second["message"]


def test_api_forged_and_other_event_tokens(client, login, event, staff, db):
    registration = make_registration(event)
    foreign = make_registration(make_event())
    login(staff)
    token = token_for(registration)
    forged = client.post(api_url(event), json={"token": token[:-2] + "ZZ"}).get_json()
    assert forged["state"] == "unknown"
    other = client.post(api_url(event), json={"token": token_for(foreign)}).get_json()
    assert other["state"] == "unknown"
    assert "another event" in other["message"]
    db.session.refresh(foreign)
    assert foreign.checked_in_at is None
    assert client.post(api_url(event), json={}).status_code == 400
    missing = client.post(api_url(event), json={"registration_id": foreign.id})
    assert missing.status_code == 404


def test_api_in_spanish(client, login, event, staff):
    registration = make_registration(event, status=RegistrationStatus.CANCELLED)
    login(staff)
    answer = client.post(
        api_url(event), json={"token": token_for(registration)}, headers={"Accept-Language": "es"}
    ).get_json()
    assert answer["headline"] == "No admitido"


def test_api_requires_csrf_header_when_enabled(client, login, event, staff, app):
    registration = make_registration(event)
    login(staff)
    app.config["WTF_CSRF_ENABLED"] = True
    refused = client.post(api_url(event), json={"token": token_for(registration)})
    assert refused.status_code == 400
    assert "error" in refused.get_json()
    csrf = client.get(api_url(event)).get_json()["csrf_token"]
    accepted = client.post(
        api_url(event), json={"token": token_for(registration)}, headers={"X-CSRFToken": csrf}
    )
    assert accepted.get_json()["state"] == "checked_in"


def test_api_undo_and_attendance(client, login, event, staff, db):
    workshop = make_session(event, kind=SessionKind.WORKSHOP, capacity=0)
    registration = make_registration(event)
    login(staff)
    answer = client.post(
        api_url(event), json={"token": token_for(registration), "session_id": workshop.id}
    ).get_json()
    assert answer["state"] == "attended"
    assert answer["warning"]
    undone = client.post(
        api_url(event, "/undo"),
        json={"registration_id": registration.id, "session_id": workshop.id},
    )
    assert undone.get_json()["state"] == "undone"
    assert db.session.scalars(db.select(SessionAttendance)).all() == []
    foreign_session = make_session(make_event())
    refused = client.post(
        api_url(event), json={"token": token_for(registration), "session_id": foreign_session.id}
    )
    assert refused.status_code == 400
    nothing = client.post(api_url(event, "/undo"), json={"registration_id": registration.id})
    assert nothing.status_code == 409


def test_api_search(client, login, event, staff):
    make_registration(event, make_person(given_name="Inés", family_name="Lara"))
    login(staff)
    results = client.get(api_url(event, "/search?q=lara")).get_json()["results"]
    assert [r["name"] for r in results] == ["Inés Lara"]


# --- dashboard, exports, reprint -------------------------------------------------------------


def test_dashboard_and_arrivals_json(client, login, event, staff):
    sonora = make_delegation(event, make_jurisdiction("Sonora"))
    arrived = make_registration(event, delegation_id=sonora.id)
    make_registration(event, delegation_id=sonora.id)
    login(staff)
    client.post(api_url(event), json={"token": token_for(arrived)})
    html = client.get(page_url(event, "dashboard")).get_data(as_text=True)
    assert "js/checkin_dashboard.js" in html
    assert "Sonora" in html
    data = client.get(api_url(event, "/arrivals")).get_json()
    assert (data["expected"], data["arrived"]) == (2, 1)
    assert data["delegations_missing"] == [
        {"label": "Sonora", "expected": 2, "arrived": 1, "missing": 1}
    ]


def test_exports(client, login, event, staff):
    registration = make_registration(event, make_person(given_name="+Cmd", family_name="Doe"))
    login(staff)
    client.post(api_url(event), json={"token": token_for(registration), "desk": "D1"})
    response = client.get(page_url(event, "arrivals.csv"))
    assert response.headers["Content-Type"] == "text/csv; charset=utf-8"  # one charset
    csv_text = response.data.decode("utf-8-sig")
    assert "'+Cmd Doe" in csv_text
    xlsx = client.get(page_url(event, "arrivals.xlsx"))
    sheet = load_workbook(io.BytesIO(xlsx.data)).active
    assert sheet["B2"].value == "D1"
    assert client.get(page_url(event, "arrivals.pdf")).status_code == 404


def test_reprint_returns_pdf_and_is_audited(client, login, event, staff, db):
    pytest.importorskip("eventsapp.badges.services")
    registration = make_registration(event)
    login(staff)
    set_desk(client, event, "Reprint desk")
    response = client.post(
        page_url(event, "reprint"), data={"registration_id": registration.id, "layout": "a6"}
    )
    assert response.status_code == 200
    assert response.data.startswith(b"%PDF")
    entry = db.session.scalar(db.select(AuditEntry).where(AuditEntry.action == "checkin.reprint"))
    assert (entry.desk, entry.user_id, entry.object_id) == (
        "Reprint desk",
        staff.id,
        registration.id,
    )
    bad = client.post(
        page_url(event, "reprint"), data={"registration_id": registration.id, "layout": "nope"}
    )
    assert bad.status_code == 400
