"""Registration: public sign-up, the signed link, the back office, approval, audit."""

from __future__ import annotations

from datetime import timedelta

from sqlalchemy import event as sa_event

from eventsapp.audit.models import AuditEntry
from eventsapp.db import utcnow
from eventsapp.events.models import EventStatus
from eventsapp.registration.links import registration_token
from eventsapp.registration.models import Person, Registration, RegistrationStatus
from tests.factories import (
    make_delegation,
    make_event,
    make_person,
    make_registration,
    make_user,
)
from tests.registration_helpers import outbox, registration_of, signup_data


def _reg_data(email="new@example.org", **overrides):
    data = signup_data(email, preferred_language="en")
    data.update(overrides)
    return data


# --- public sign-up --------------------------------------------------------------------


def test_event_page_links_to_signup(client, event):
    html = client.get(f"/events/{event.slug}").get_data(as_text=True)
    assert f"/events/{event.slug}/register" in html


def test_signup_confirms_and_mails_signed_link(client, db, event):
    response = client.post(f"/events/{event.slug}/register", data=signup_data())
    assert response.status_code == 302
    page = client.get(response.headers["Location"]).get_data(as_text=True)
    assert "We have e-mailed a link" in page
    registration = registration_of(event, "ANA@example.org")
    assert registration.status is RegistrationStatus.CONFIRMED
    assert registration.person.given_name == "Ana"
    [message] = outbox("ana@example.org")
    assert message.language == "es"
    assert registration_token(registration) in message.body_text


def test_signup_closed_and_draft_events(client, db):
    closed = make_event(status=EventStatus.CLOSED)
    html = client.get(f"/events/{closed.slug}/register").get_data(as_text=True)
    assert "Registration is closed." in html
    client.post(f"/events/{closed.slug}/register", data=signup_data())
    assert registration_of(closed, "ana@example.org") is None
    later = make_event(registration_opens_at=utcnow() + timedelta(days=3))
    assert "Registration opens on" in client.get(f"/events/{later.slug}/register").get_data(
        as_text=True
    )
    draft = make_event(status=EventStatus.DRAFT)
    assert client.get(f"/events/{draft.slug}/register").status_code == 404


def test_same_email_twice_gets_the_same_answer_and_changes_nothing(client, db, event):
    first = client.post(f"/events/{event.slug}/register", data=signup_data("x@example.org"))
    second = client.post(
        f"/events/{event.slug}/register", data=signup_data("X@Example.org", given_name="Other")
    )
    assert first.status_code == second.status_code == 302
    assert first.headers["Location"] == second.headers["Location"]
    # The first mail carried a link minutes ago: no second mail yet (one per 10 minutes).
    assert [m.kind for m in outbox("x@example.org")] == ["confirmed"]
    assert registration_of(event, "x@example.org").person.given_name == "Ana"


def test_each_event_keeps_its_own_record_of_a_person(client, db, event):
    other = make_event()
    client.post(f"/events/{event.slug}/register", data=signup_data("p@example.org"))
    client.post(
        f"/events/{other.slug}/register", data=signup_data("P@example.org", given_name="Paz")
    )
    assert db.session.scalar(db.select(db.func.count(Person.id))) == 2
    assert registration_of(event, "p@example.org").person.given_name == "Ana"
    assert registration_of(other, "p@example.org").person.given_name == "Paz"


def test_signup_departure_before_arrival_error_next_to_field(client, db, event):
    response = client.post(
        f"/events/{event.slug}/register",
        data=signup_data(arrival_date="2027-03-09", departure_date="2027-03-08"),
    )
    html = response.get_data(as_text=True)
    assert 'id="departure_date-error"' in html
    assert registration_of(event, "ana@example.org") is None


def test_signed_link_view_edit_cancel(client, db, event):
    registration = make_registration(event, make_person("me@example.org"))
    token = registration_token(registration)
    url = f"/events/{event.slug}/my-registration/{token}"
    html = client.get(url).get_data(as_text=True)
    assert "me@example.org" in html
    assert "Passport number" in html
    data = _reg_data(passport_number="X1234567", nationality="Mexicana", dietary="Vegan")
    del data["email"]
    assert client.post(url, data=data).status_code == 302
    db.session.expire_all()
    assert registration.person.passport_number == "X1234567"
    assert registration.dietary == "Vegan"
    cancelled = client.post(f"{url}/cancel")
    assert "has been cancelled" in cancelled.get_data(as_text=True)
    db.session.expire_all()
    assert registration.status is RegistrationStatus.CANCELLED
    assert client.get(url).status_code == 410  # the link died with the registration


def test_signed_link_forged_or_other_event_is_404(client, db, event):
    registration = make_registration(event)
    other = make_event()
    token = registration_token(registration)
    assert client.get(f"/events/{other.slug}/my-registration/{token}").status_code == 404
    assert client.get(f"/events/{event.slug}/my-registration/{token}x").status_code == 404


def test_passport_not_shown_on_public_pages(client, db, event):
    person = make_person("secret@example.org", passport_number="P-998877")
    make_registration(event, person)
    response = client.post(f"/events/{event.slug}/register", data=signup_data("secret@example.org"))
    page = client.get(response.headers["Location"]).get_data(as_text=True)
    assert "P-998877" not in page
    assert "secret@example.org" not in page


# --- back office ---------------------------------------------------------------------


def test_list_search_filter_and_paginate(client, db, login, organizer, event):
    delegation = make_delegation(event)
    for i in range(60):
        make_registration(
            event,
            make_person(f"bulk{i}@example.org", given_name=f"Given{i}", family_name="Bulk"),
        )
    make_registration(
        event,
        make_person("zoe@example.org", given_name="Zoë", family_name="Ávila"),
        delegation_id=delegation.id,
        status=RegistrationStatus.PENDING,
    )
    login(organizer)
    base = f"/manage/events/{event.slug}/registrations/"
    html = client.get(base).get_data(as_text=True)
    assert "(61)" in html
    assert "page=2" in html
    assert "zoe@example.org" in client.get(base + "?q=ZOE").get_data(as_text=True)
    assert "bulk1@" not in client.get(base + "?q=zoe").get_data(as_text=True)
    filtered = client.get(base + f"?status=pending&delegation={delegation.id}&role=delegate")
    assert "zoe@example.org" in filtered.get_data(as_text=True)
    assert "bulk1@" not in filtered.get_data(as_text=True)
    assert client.get(base + "?status=bogus").status_code == 400


def _statements_for(client, db, url) -> list[str]:
    statements = []

    def count(conn, cursor, statement, *args):
        statements.append(statement)

    sa_event.listen(db.engine, "before_cursor_execute", count)
    try:
        assert client.get(url).status_code == 200
    finally:
        sa_event.remove(db.engine, "before_cursor_execute", count)
    return statements


def test_list_page_queries_do_not_grow_with_rows(client, db, login, organizer, event):
    delegation = make_delegation(event)
    login(organizer)
    url = f"/manage/events/{event.slug}/registrations/"
    for _ in range(3):
        make_registration(event, delegation_id=delegation.id)
    few = _statements_for(client, db, url)
    for _ in range(40):
        make_registration(event, delegation_id=delegation.id)
    many = _statements_for(client, db, url)
    assert len(many) == len(few)
    # one count and one page of rows (person and delegation joined in)
    assert len([s for s in many if "FROM registrations" in s or "JOIN registrations" in s]) <= 2


def test_create_edit_delete_registration_with_audit(client, db, login, organizer, event):
    login(organizer)
    response = client.post(
        f"/manage/events/{event.slug}/registrations/new", data=_reg_data("Mixed@Example.org")
    )
    assert response.status_code == 302, response.get_data(as_text=True)
    registration = registration_of(event, "mixed@example.org")
    assert registration.person.email == "mixed@example.org"
    detail = client.get(f"/manage/events/{event.slug}/registrations/{registration.id}").get_data(
        as_text=True
    )
    assert "mixed@example.org" in detail
    response = client.post(
        f"/manage/events/{event.slug}/registrations/{registration.id}/edit",
        data=_reg_data("mixed@example.org", family_name="Peña", role="speaker"),
    )
    assert response.status_code == 302
    db.session.expire_all()
    assert registration.person.family_name == "Peña"
    assert registration.role.value == "speaker"
    client.post(f"/manage/events/{event.slug}/registrations/{registration.id}/delete")
    assert registration_of(event, "mixed@example.org") is None
    actions = {
        (a.object_type, a.action)
        for a in db.session.scalars(db.select(AuditEntry).where(AuditEntry.user_id == organizer.id))
    }
    assert {
        ("Registration", "create"),
        ("Registration", "update"),
        ("Registration", "delete"),
    } <= actions


def test_validation_errors_next_to_fields(client, db, login, organizer, event):
    delegation = make_delegation(event, seat_quota=1)
    make_registration(event, make_person("taken@example.org"), delegation_id=delegation.id)
    login(organizer)
    url = f"/manage/events/{event.slug}/registrations/new"
    duplicate = client.post(url, data=_reg_data("TAKEN@example.org")).get_data(as_text=True)
    assert 'id="email-error"' in duplicate and "already registered" in duplicate
    over = client.post(url, data=_reg_data(delegation_id=str(delegation.id))).get_data(as_text=True)
    assert 'id="delegation_id-error"' in over and "no seat left" in over
    stay = client.post(
        url, data=_reg_data(arrival_date="2027-03-10", departure_date="2027-03-01")
    ).get_data(as_text=True)
    assert 'id="departure_date-error"' in stay
    assert registration_of(event, "new@example.org") is None


def test_other_event_registration_is_404(client, db, login, organizer, event):
    other = make_event()
    foreign = make_registration(other)
    login(organizer)
    assert client.get(f"/manage/events/{event.slug}/registrations/{foreign.id}").status_code == 404
    assert (
        client.post(f"/manage/events/{event.slug}/registrations/{foreign.id}/delete").status_code
        == 404
    )
    assert client.get(f"/manage/events/{other.slug}/registrations/").status_code == 403


def test_approval_one_and_bulk_mail_each_person(client, db, login, organizer):
    from eventsapp.auth.models import EventRoleKind
    from tests.factories import grant

    event = make_event(requires_approval=True)
    grant(organizer, event, EventRoleKind.ORGANIZER)
    regs = [make_registration(event, status=RegistrationStatus.PENDING) for _ in range(3)]
    login(organizer)
    client.post(f"/manage/events/{event.slug}/registrations/{regs[0].id}/approve")
    client.post(
        f"/manage/events/{event.slug}/registrations/bulk",
        data={"ids": [str(regs[1].id), str(regs[2].id)], "action": "decline", "confirmed": "1"},
    )
    db.session.expire_all()
    assert [r.status for r in regs] == [
        RegistrationStatus.CONFIRMED,
        RegistrationStatus.DECLINED,
        RegistrationStatus.DECLINED,
    ]
    assert [m.kind for m in outbox(regs[0].person.email)] == ["confirmed"]
    assert [m.kind for m in outbox(regs[2].person.email)] == ["declined"]


def test_people_list_admin_only(client, db, login, organizer, admin):
    make_person("global@example.org", given_name="Íñigo")
    login(organizer)
    assert client.get("/manage/people/").status_code == 403
    login(admin)
    html = client.get("/manage/people/?q=igo").get_data(as_text=True)
    assert "global@example.org" in html


def test_anonymous_and_csrf(client, app, db, login, organizer, event):
    assert client.get(f"/manage/events/{event.slug}/registrations/").status_code == 302
    login(organizer)
    app.config["WTF_CSRF_ENABLED"] = True
    response = client.post(f"/manage/events/{event.slug}/registrations/new", data=_reg_data())
    assert response.status_code in (200, 400)
    assert registration_of(event, "new@example.org") is None


def test_registration_pages_in_spanish(client, db, event):
    html = client.get(f"/events/{event.slug}/register", headers={"Accept-Language": "es"}).get_data(
        as_text=True
    )
    assert "Necesito interpretación simultánea" in html


def test_outbox_page_lists_event_messages(client, db, login, organizer, event):
    client.post(f"/events/{event.slug}/register", data=signup_data("o@example.org"))
    other = make_event()
    client.post(f"/events/{other.slug}/register", data=signup_data("elsewhere@example.org"))
    login(organizer)
    html = client.get(f"/manage/events/{event.slug}/outbox/").get_data(as_text=True)
    assert "o@example.org" in html
    assert "elsewhere@example.org" not in html
    user = make_user()
    login(user)
    assert client.get(f"/manage/events/{event.slug}/outbox/").status_code == 403


def test_registration_count_unchanged_on_error(db, event):
    assert db.session.scalar(db.select(db.func.count(Registration.id))) == 0


def test_optional_links_to_other_domains(app, client, db, login, organizer, event):
    """The agenda PDF link and the badge reprint button appear when those endpoints exist."""
    if "documents.personal_agenda_pdf" not in app.view_functions:
        app.add_url_rule(
            "/t/<slug>/agenda/<token>.pdf", "documents.personal_agenda_pdf", lambda **kw: ""
        )
    if "badges_manage.reprint" not in app.view_functions:
        app.add_url_rule(
            "/t/<slug>/badges/<int:registration_id>/reprint",
            "badges_manage.reprint",
            lambda **kw: "",
            methods=["POST"],
        )
    registration = make_registration(event)
    token = registration_token(registration)
    from flask import url_for

    page = client.get(f"/events/{event.slug}/my-registration/{token}").get_data(as_text=True)
    assert (
        url_for("documents.personal_agenda_pdf", slug=event.slug, token=token, _external=False)
        in page
    )
    login(organizer)
    detail = client.get(f"/manage/events/{event.slug}/registrations/{registration.id}").get_data(
        as_text=True
    )
    reprint = url_for(
        "badges_manage.reprint", slug=event.slug, registration_id=registration.id, _external=False
    )
    assert f'action="{reprint}"' in detail


def test_anonymous_signup_does_not_overwrite_a_known_person(client, db, event):
    other = make_event()
    known = make_person("known@example.org", given_name="Real", family_name="Name", phone="123")
    client.post(
        f"/events/{other.slug}/register",
        data=signup_data("known@example.org", given_name="Fake", phone="666", position="Boss"),
    )
    db.session.expire_all()
    assert (known.given_name, known.phone) == ("Real", "123")
    assert known.position == "Boss"  # blank fields are completed
    assert registration_of(other, "known@example.org") is not None
