"""Workshop sign-ups through the signed registration link: seats, waiting list, promotion,
and no overbooking under concurrent requests."""

import threading

import pytest
from werkzeug.serving import make_server

from eventsapp.agenda.models import SessionKind, SignupStatus, WorkshopSignup
from eventsapp.registration.links import registration_token
from eventsapp.registration.models import RegistrationStatus
from tests.factories import make_event, make_registration, make_session


def _workshop(event, capacity=2, **kw):
    return make_session(event, kind=SessionKind.WORKSHOP, capacity=capacity, hour=14, **kw)


def _signups(db, session):
    return db.session.scalars(
        db.select(WorkshopSignup)
        .where(WorkshopSignup.session_id == session.id)
        .order_by(WorkshopSignup.id)
    ).all()


def _post(client, event, registration, session, action="signup"):
    token = registration_token(registration)
    return client.post(
        f"/events/{event.slug}/my/{token}/agenda/{session.id}/{action}", follow_redirects=True
    )


def test_personal_agenda_shows_plenaries_and_my_workshops(client, event, db):
    registration = make_registration(event)
    make_session(event, kind=SessionKind.PLENARY, title_en="Opening plenary", hour=9)
    make_session(event, kind=SessionKind.PANEL, title_en="A panel", hour=10)
    mine = _workshop(event, title_en="Evidence workshop")
    _workshop(event, title_en="Other workshop", day=1)
    make_session(event, kind=SessionKind.PLENARY, title_en="Draft plenary", published=False)
    html = _post(client, event, registration, mine).get_data(as_text=True)
    assert "You have a seat in this workshop." in html
    agenda = html.split("Workshops</h2>")[0]
    assert "Opening plenary" in agenda and "Evidence workshop" in agenda
    assert "A panel" not in agenda and "Other workshop" not in agenda
    assert "Draft plenary" not in html
    assert "Cancel my place" in html and "1 of 2 seats taken" in html


def test_waiting_list_and_promotion(client, event, db):
    workshop = _workshop(event, capacity=1)
    first, second, third = (make_registration(event) for _ in range(3))
    _post(client, event, first, workshop)
    html = _post(client, event, second, workshop).get_data(as_text=True)
    assert "you are number 1 on the waiting list" in html
    _post(client, event, third, workshop)
    statuses = [(s.status, s.waitlist_position) for s in _signups(db, workshop)]
    assert statuses == [
        (SignupStatus.CONFIRMED, None),
        (SignupStatus.WAITLISTED, 1),
        (SignupStatus.WAITLISTED, 2),
    ]
    html = _post(client, event, first, workshop, "cancel").get_data(as_text=True)
    assert "Your place in the workshop is cancelled." in html
    db.session.expire_all()
    statuses = [(s.status, s.waitlist_position) for s in _signups(db, workshop)]
    assert statuses == [
        (SignupStatus.CANCELLED, None),
        (SignupStatus.CONFIRMED, None),
        (SignupStatus.WAITLISTED, 1),
    ]  # numbered without gaps
    # Signing up again after cancelling joins the end of the waiting list.
    _post(client, event, first, workshop)
    db.session.expire_all()
    assert _signups(db, workshop)[0].waitlist_position == 2


def test_signing_up_twice_keeps_one_place(client, event, db):
    workshop = _workshop(event, capacity=5)
    registration = make_registration(event)
    _post(client, event, registration, workshop)
    _post(client, event, registration, workshop)
    assert len(_signups(db, workshop)) == 1


def test_only_confirmed_registrations_sign_up(client, event, db):
    workshop = _workshop(event)
    pending = make_registration(event, status=RegistrationStatus.PENDING)
    html = _post(client, event, pending, workshop).get_data(as_text=True)
    assert "Only confirmed registrations can sign up for workshops." in html
    assert _signups(db, workshop) == []
    token = registration_token(pending)
    page = client.get(f"/events/{event.slug}/my/{token}/agenda").get_data(as_text=True)
    assert "once your registration is confirmed" in page


def test_only_published_workshops_of_the_event(client, event, db):
    registration = make_registration(event)
    panel = make_session(event, kind=SessionKind.PANEL, capacity=10)
    draft = _workshop(event, published=False)
    other = _workshop(make_event("other-summit"))
    for session in (panel, draft, other):
        assert _post(client, event, registration, session).status_code == 404
    assert _signups(db, panel) == [] and _signups(db, draft) == []


def test_bad_or_foreign_token_is_404(client, event, db):
    other = make_event("other-summit")
    registration = make_registration(other)
    token = registration_token(registration)
    assert client.get(f"/events/{event.slug}/my/{token}/agenda").status_code == 404
    assert client.get(f"/events/{event.slug}/my/forged/agenda").status_code == 404
    registration.access_key = "rotated"
    db.session.commit()
    assert client.get(f"/events/{other.slug}/my/{token}/agenda").status_code == 404


def test_cancel_without_signup_is_refused(client, event, db):
    workshop = _workshop(event)
    html = _post(client, event, make_registration(event), workshop, "cancel").get_data(as_text=True)
    assert "You are not signed up for this workshop." in html


@pytest.fixture
def live_server(app):
    server = make_server("127.0.0.1", 0, app, threaded=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_port}"
    server.shutdown()
    thread.join()


def test_no_overbooking_under_concurrent_signups(live_server, event, db):
    import http.client
    from urllib.parse import urlparse

    workshop = _workshop(event, capacity=10)
    tokens = [registration_token(make_registration(event)) for _ in range(30)]
    url = urlparse(live_server)
    path = f"/events/{event.slug}/my/{{}}/agenda/{workshop.id}/signup"
    db.session.commit()  # end this thread's transaction (SQLite: release the write lock)
    start = threading.Barrier(len(tokens))
    statuses = []

    def sign_up(token):
        conn = http.client.HTTPConnection(url.hostname, url.port, timeout=120)
        start.wait()
        conn.request("POST", path.format(token), headers={"Host": "events.test"})
        statuses.append(conn.getresponse().status)
        conn.close()

    threads = [threading.Thread(target=sign_up, args=(t,)) for t in tokens]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert statuses == [302] * 30
    db.session.expire_all()
    rows = _signups(db, workshop)
    confirmed = [r for r in rows if r.status is SignupStatus.CONFIRMED]
    waiting = sorted(r.waitlist_position for r in rows if r.status is SignupStatus.WAITLISTED)
    assert len(rows) == 30 and len(confirmed) == 10
    assert waiting == list(range(1, 21))
