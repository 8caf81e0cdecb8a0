"""Events: public pages, back office, validation, permissions."""

from datetime import date

from eventsapp.events.models import Event, EventStatus, Jurisdiction, Room
from tests.factories import make_event, make_room, make_user


def test_public_index_lists_published_not_drafts(client, db):
    make_event("pub-summit", title_en="Published Summit")
    make_event("draft-summit", title_en="Secret Draft", status=EventStatus.DRAFT)
    page = client.get("/").get_data(as_text=True)
    assert "Published Summit" in page
    assert "Secret Draft" not in page


def test_draft_event_page_is_404_for_public(client, db):
    make_event("draft-x", status=EventStatus.DRAFT)
    assert client.get("/events/draft-x").status_code == 404


def test_event_page_in_spanish_by_accept_language(client, event):
    page = client.get(f"/events/{event.slug}", headers={"Accept-Language": "es"})
    html = page.get_data(as_text=True)
    assert "Cumbre de Procuradores Generales del Oeste" in html
    assert 'lang="es"' in html


def test_language_switcher_remembers_choice(client, event):
    response = client.post("/language", data={"lang": "es", "next": f"/events/{event.slug}"})
    assert response.status_code == 302
    assert response.headers["Location"].endswith(f"/events/{event.slug}")
    html = client.get(f"/events/{event.slug}").get_data(as_text=True)
    assert "Cumbre de Procuradores" in html


def test_language_switcher_refuses_offsite_next(client, db):
    response = client.post("/language", data={"lang": "es", "next": "//evil.example/"})
    assert response.headers["Location"] in ("/", "http://events.test/")


def test_bilingual_falls_back_to_other_language(client, db):
    make_event("only-en", title_en="English Only Title", title_es="")
    html = client.get("/events/only-en", headers={"Accept-Language": "es"}).get_data(as_text=True)
    assert "English Only Title" in html


def test_anonymous_is_sent_to_sign_in(client, event):
    response = client.get(f"/manage/events/{event.slug}/")
    assert response.status_code == 302
    assert "/login" in response.headers["Location"]


def test_organizer_of_other_event_is_refused(client, login, organizer, db):
    other = make_event("other-event")
    login(organizer)
    assert client.get(f"/manage/events/{other.slug}/").status_code == 403
    assert client.get(f"/manage/events/{other.slug}/rooms/").status_code == 403


def test_admin_creates_event(client, login, admin, db):
    login(admin)
    response = client.post(
        "/manage/events/new",
        data={
            "slug": "wags-2027",
            "kind": "summit",
            "title_en": "WAGS 2027",
            "title_es": "",
            "start_date": "2027-06-01",
            "end_date": "2027-06-03",
            "timezone": "America/Phoenix",
            "status": "draft",
            "registration_opens_at": "2027-01-10T09:00",
        },
    )
    assert response.status_code == 302
    event = db.session.scalar(db.select(Event).where(Event.slug == "wags-2027"))
    assert event.end_date == date(2027, 6, 3)
    # 09:00 in Phoenix (UTC-7, no DST) is 16:00 UTC.
    assert event.registration_opens_at.hour == 16


def test_event_end_before_start_is_refused_next_to_field(client, login, admin, db):
    login(admin)
    response = client.post(
        "/manage/events/new",
        data={
            "slug": "bad",
            "kind": "summit",
            "title_en": "Bad",
            "start_date": "2027-06-05",
            "end_date": "2027-06-01",
            "timezone": "UTC",
            "status": "draft",
        },
    )
    html = response.get_data(as_text=True)
    assert response.status_code == 200
    assert "The end date cannot be before the start date." in html
    assert 'id="end_date-error"' in html
    assert db.session.scalar(db.select(Event).where(Event.slug == "bad")) is None


def test_duplicate_slug_is_refused(client, login, admin, event):
    login(admin)
    html = client.post(
        "/manage/events/new",
        data={
            "slug": event.slug,
            "kind": "summit",
            "title_en": "Again",
            "start_date": "2027-06-01",
            "end_date": "2027-06-01",
            "timezone": "UTC",
            "status": "draft",
        },
    ).get_data(as_text=True)
    assert "Another event already uses this short name." in html


def test_organizer_cannot_create_events(client, login, organizer):
    login(organizer)
    assert client.get("/manage/events/new").status_code == 403


def test_room_crud_and_audit(client, login, organizer, event, db):
    from eventsapp.audit.models import AuditEntry

    login(organizer)
    response = client.post(
        f"/manage/events/{event.slug}/rooms/new",
        data={"name": "Sala Juárez", "capacity": "120", "position": "1"},
    )
    assert response.status_code == 302
    room = db.session.scalar(db.select(Room).where(Room.event_id == event.id))
    assert room.name == "Sala Juárez" and room.capacity == 120
    client.post(
        f"/manage/events/{event.slug}/rooms/{room.id}/edit",
        data={"name": "Sala Juárez", "capacity": "80", "position": "1"},
    )
    db.session.refresh(room)
    assert room.capacity == 80
    entries = db.session.scalars(db.select(AuditEntry).order_by(AuditEntry.id)).all()
    assert [e.action for e in entries] == ["create", "update"]
    assert entries[1].before == {"capacity": 120} and entries[1].after == {"capacity": 80}
    assert entries[1].user_id == organizer.id
    client.post(f"/manage/events/{event.slug}/rooms/{room.id}/delete")
    assert db.session.get(Room, room.id) is None


def test_room_of_other_event_is_404(client, login, organizer, event, db):
    other = make_event("other")
    room = make_room(other)
    login(organizer)
    url = f"/manage/events/{event.slug}/rooms/{room.id}/edit"
    assert client.get(url).status_code == 404


def test_duplicate_room_name_shows_message(client, login, organizer, event, db):
    make_room(event, "Plenary Hall")
    login(organizer)
    html = client.post(
        f"/manage/events/{event.slug}/rooms/new", data={"name": "Plenary Hall", "capacity": "10"}
    ).get_data(as_text=True)
    assert "conflicts with an existing record" in html


def test_jurisdiction_list_search(client, login, admin, db):
    db.session.add_all(
        [
            Jurisdiction(name="Nuevo León", kind="mexican_state", country="México"),
            Jurisdiction(name="Guam", kind="us_territory", country="United States"),
        ]
    )
    db.session.commit()
    login(admin)  # the shared lists are administrators'
    html = client.get("/manage/jurisdictions/?q=nuevo").get_data(as_text=True)
    assert "Nuevo León" in html and "Guam" not in html


def test_user_without_roles_cannot_see_jurisdictions(client, login, db):
    login(make_user("nobody@example.org"))
    assert client.get("/manage/jurisdictions/").status_code == 403


def test_login_and_logout(client, db):
    make_user("someone@example.org", password="a long enough password")
    response = client.post(
        "/login", data={"email": "Someone@Example.org", "password": "a long enough password"}
    )
    assert response.status_code == 302
    assert client.get("/manage/").status_code == 200
    client.post("/logout")
    assert client.get("/manage/").status_code == 302


def test_login_wrong_password(client, db):
    make_user("someone@example.org")
    html = client.post("/login", data={"email": "someone@example.org", "password": "nope"})
    assert "Unknown e-mail or wrong password." in html.get_data(as_text=True)


def test_post_without_csrf_token_is_refused(app, client, login, organizer, event, db):
    app.config["WTF_CSRF_ENABLED"] = True
    login(organizer)
    response = client.post(f"/manage/events/{event.slug}/rooms/new", data={"name": "X"})
    assert response.status_code == 400
    assert db.session.scalar(db.select(Room)) is None


def test_audit_log_page_shows_changes_of_this_event_only(client, login, organizer, event, db):
    other = make_event("other-audit")
    login(organizer)
    client.post(
        f"/manage/events/{event.slug}/rooms/new", data={"name": "Sala Baja", "capacity": "5"}
    )
    make_room(other, "Hidden Room")
    html = client.get(f"/manage/events/{event.slug}/audit/").get_data(as_text=True)
    assert f"{organizer.email} created room Sala Baja" in html
    assert "Hidden Room" not in html
    assert client.get(f"/manage/events/{other.slug}/audit/").status_code == 403


def test_security_headers(client, login, organizer, event):
    public = client.get(f"/events/{event.slug}")
    csp = public.headers["Content-Security-Policy"]
    assert "script-src 'self'" in csp and "frame-ancestors 'none'" in csp
    assert "unsafe-inline" not in csp.split("script-src")[1].split(";")[0]
    assert public.headers["X-Content-Type-Options"] == "nosniff"
    assert "no-store" not in public.headers.get("Cache-Control", "")
    login(organizer)
    signed_in = client.get(f"/manage/events/{event.slug}/")
    assert signed_in.headers["Cache-Control"] == "no-store"


def test_no_inline_scripts_in_core_templates():
    import re
    from pathlib import Path

    root = Path(__file__).resolve().parent.parent / "templates"
    offenders = [
        str(path)
        for path in root.rglob("*.html")
        if re.search(r"<script(?![^>]*\bsrc=)[^>]*>", path.read_text())
        or re.search(r"\son(click|load|change|submit|input)=", path.read_text())
    ]
    assert not offenders, offenders


def test_raising_capacity_promotes_the_waiting_list(client, login, organizer, db):
    from eventsapp.registration.models import Registration, RegistrationStatus
    from tests.factories import make_registration

    event = make_event("small", capacity=1, title_en="Small")
    from eventsapp.auth.models import EventRoleKind
    from tests.factories import grant

    grant(organizer, event, EventRoleKind.ORGANIZER)
    make_registration(event)
    waiting = make_registration(event, status=RegistrationStatus.WAITLISTED, waitlist_position=1)
    login(organizer)
    response = client.post(
        f"/manage/events/{event.slug}/edit",
        data={
            "slug": "small",
            "kind": "summit",
            "title_en": "Small",
            "start_date": "2027-03-09",
            "end_date": "2027-03-10",
            "timezone": "America/Los_Angeles",
            "status": "published",
            "capacity": "2",
        },
    )
    assert response.status_code == 302
    promoted = db.session.get(Registration, waiting.id)
    db.session.refresh(promoted)
    assert promoted.status is RegistrationStatus.CONFIRMED
    assert promoted.waitlist_position is None


def test_track_colour_marks_sessions_on_agenda_and_grid(client, login, organizer, event, db):
    from tests.factories import make_session, make_track

    track = make_track(event)
    make_session(event, track_id=track.id, title_en="Coloured session")
    agenda = client.get(f"/events/{event.slug}/agenda").get_data(as_text=True)
    assert "border-left: 6px solid #aa3300" in agenda
    login(organizer)
    grid = client.get(f"/manage/events/{event.slug}/schedule").get_data(as_text=True)
    assert "border-left: 6px solid #aa3300" in grid and "Trafficking" in grid


def test_far_future_dates_are_refused_next_to_the_field(client, login, admin, db):
    login(admin)
    html = client.post(
        "/manage/events/new",
        data={
            "slug": "far",
            "kind": "summit",
            "title_en": "Far",
            "start_date": "9999-12-30",
            "end_date": "9999-12-31",
            "timezone": "Pacific/Kiritimati",
            "status": "draft",
            "registration_opens_at": "9999-12-31T23:00",
        },
    ).get_data(as_text=True)
    assert "Give a date between 1900 and 2200." in html
    assert 'id="start_date-error"' in html and 'id="registration_opens_at-error"' in html
    assert db.session.scalar(db.select(Event).where(Event.slug == "far")) is None


def test_language_links_need_no_session_on_public_pages(client, event):
    page = client.get(f"/events/{event.slug}")
    assert "Set-Cookie" not in page.headers  # no token, no session for an anonymous reader
    html = page.get_data(as_text=True)
    assert f"/language?lang=es&amp;next=/events/{event.slug}" in html
    switched = client.get(f"/language?lang=es&next=/events/{event.slug}")
    assert switched.status_code == 302
    assert "Cumbre de Procuradores" in client.get(f"/events/{event.slug}").get_data(as_text=True)
    offsite = client.get("/language?lang=en&next=//evil.example/")
    assert "evil.example" not in offsite.headers["Location"]
