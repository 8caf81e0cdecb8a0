"""Messages to groups (issue 15): recipient filters against the database, the count and a
sample before sending, a job that writes one mail per recipient in their own language with
their own personal link, delivered through a real SMTP server with the right headers, and
the one-click unsubscribe that group messages honour and transactional mails ignore."""

from __future__ import annotations

from datetime import date

from eventsapp.agenda.models import SessionKind, SignupStatus, WorkshopSignup
from eventsapp.comms.recipients import RecipientFilter, recipient_ids
from eventsapp.db import utcnow
from eventsapp.extensions import db as _db
from eventsapp.jobs.models import Job, JobStatus
from eventsapp.mail.models import MailOptOut
from eventsapp.registration.links import registration_token
from eventsapp.registration.models import RegistrationRole, RegistrationStatus
from tests.factories import (
    make_delegation,
    make_event,
    make_person,
    make_registration,
    make_session,
)
from tests.jobs_helpers import scripted_smtp, use_smtp
from tests.registration_helpers import outbox


def _reg(event, email, lang="en", **kw):
    person_kw = {k: kw.pop(k) for k in ("passport_number",) if k in kw}
    person = make_person(email, email.split("@")[0].title(), event=event, **person_kw)
    person.preferred_language = __import__(
        "eventsapp.registration.models", fromlist=["Language"]
    ).Language(lang)
    _db.session.commit()
    return make_registration(event, person, **kw)


def _world(event):
    delegation = make_delegation(event)
    other_delegation = make_delegation(event)
    workshop = make_session(event, kind=SessionKind.WORKSHOP, capacity=10)
    regs = {
        "ana": _reg(event, "ana@example.org", "es", delegation_id=delegation.id),
        "bob": _reg(
            event,
            "bob@example.org",
            "en",
            delegation_id=delegation.id,
            passport_number="X123",
            arrival_date=date(2027, 3, 8),
            checked_in_at=utcnow(),
        ),
        "cy": _reg(
            event,
            "cy@example.org",
            "en",
            delegation_id=other_delegation.id,
            role=RegistrationRole.SPEAKER,
        ),
        "dee": _reg(
            event,
            "dee@example.org",
            "es",
            status=RegistrationStatus.WAITLISTED,
            waitlist_position=1,
        ),
        "eve": _reg(event, "eve@example.org", "en", status=RegistrationStatus.CANCELLED),
    }
    _db.session.add(
        WorkshopSignup(
            session_id=workshop.id,
            registration_id=regs["cy"].id,
            status=SignupStatus.WAITLISTED,
            waitlist_position=1,
        )
    )
    _db.session.add(
        WorkshopSignup(
            session_id=workshop.id, registration_id=regs["bob"].id, status=SignupStatus.CONFIRMED
        )
    )
    _db.session.commit()
    return regs, delegation, workshop


def _names(event, regs, **chosen):
    ids = recipient_ids(event, RecipientFilter(**chosen))
    by_id = {r.id: name for name, r in regs.items()}
    return sorted(by_id[i] for i in ids)


def test_recipient_filters_against_the_database(db, event):
    regs, delegation, workshop = _world(event)
    other_event = make_event()
    make_registration(other_event, make_person("stranger@example.org", event=other_event))
    assert _names(event, regs) == ["ana", "bob", "cy", "dee"]  # active only, this event only
    assert _names(event, regs, statuses=["cancelled"]) == ["eve"]
    assert _names(event, regs, roles=["speaker"]) == ["cy"]
    assert _names(event, regs, delegation_ids=[delegation.id]) == ["ana", "bob"]
    assert _names(event, regs, workshop_ids=[workshop.id]) == ["bob", "cy"]
    assert _names(event, regs, workshop_ids=[workshop.id], workshop_status="waitlisted") == ["cy"]
    assert _names(event, regs, missing_passport=True) == ["ana", "cy", "dee"]
    assert _names(event, regs, missing_arrival=True) == ["ana", "cy", "dee"]
    assert _names(event, regs, checked_in="yes") == ["bob"]
    assert _names(event, regs, checked_in="no") == ["ana", "cy", "dee"]
    assert _names(event, regs, emails=["DEE@example.org", "stranger@example.org"]) == ["dee"]
    assert _names(
        event, regs, delegation_ids=[delegation.id], missing_passport=True, statuses=["confirmed"]
    ) == ["ana"]


def _compose(delegation, action, **extra):
    data = {
        "subject_en": "News for {delegation}",
        "body_en": "Dear {given_name},\nyour link: {link}",
        "subject_es": "Noticias para {delegation}",
        "body_es": "Estimado/a {given_name}:\nsu enlace: {link}",
        "delegations": [str(delegation.id)],
        "checked_in": "",
        "action": action,
    }
    data.update(extra)
    return data


def test_count_and_sample_before_sending(client, db, login, organizer, event):
    regs, delegation, _workshop = _world(event)
    login(organizer)
    response = client.post(
        f"/manage/events/{event.slug}/mail/compose", data=_compose(delegation, "preview")
    )
    page = response.get_data(as_text=True)
    assert "2 recipients" in page and "ana@example.org" in page and "bob@example.org" in page
    assert "cy@example.org" not in page
    assert "Send to 2 people" in page
    assert outbox() == [] and db.session.scalar(db.select(db.func.count(Job.id))) == 0


def test_unknown_placeholder_and_unknown_address_are_refused(client, db, login, organizer, event):
    _regs, delegation, _workshop = _world(event)
    login(organizer)
    page = client.post(
        f"/manage/events/{event.slug}/mail/compose",
        data=_compose(
            delegation, "send", body_es="Hola {nombre}", picked="ana@example.org\nnobody@x.org"
        ),
    ).get_data(as_text=True)
    assert 'id="body_es-error"' in page and "{nombre}" in page
    assert db.session.scalar(db.select(db.func.count(Job.id))) == 0


def test_group_send_reaches_each_in_their_language_with_their_link(
    app, client, db, login, organizer, event
):
    from eventsapp.mail.templating import save_settings

    regs, delegation, _workshop = _world(event)
    save_settings(organizer, event, {"reply_to": "summit@example.org"})
    db.session.add(MailOptOut(event_id=event.id, email="nobody@example.org"))
    db.session.commit()
    login(organizer)
    with scripted_smtp() as (port, smtp):
        use_smtp(app, port)
        response = client.post(
            f"/manage/events/{event.slug}/mail/compose", data=_compose(delegation, "send")
        )
        assert response.status_code == 302 and "/jobs/" in response.headers["Location"]
        status = client.get(response.headers["Location"]).get_data(as_text=True)
    job = db.session.scalar(db.select(Job))
    assert job.status is JobStatus.DONE and job.kind == "comms.group_send"
    assert "2 messages queued" in status
    received = {m["To"]: m for m in smtp.messages}
    assert sorted(received) == ["ana@example.org", "bob@example.org"]
    ana, bob = received["ana@example.org"], received["bob@example.org"]
    assert ana["Subject"].strip() == f"Noticias para {delegation.name}"
    assert bob["Subject"].strip() == f"News for {delegation.name}"
    ana_text = ana.get_body(("plain",)).get_content()
    assert ana_text.startswith("Estimado/a Ana:")
    assert registration_token(regs["ana"]) in ana_text
    assert registration_token(regs["bob"]) not in ana_text
    assert registration_token(regs["bob"]) in bob.get_body(("plain",)).get_content()
    html = ana.get_body(("html",)).get_content()
    assert (
        "Estimado/a Ana:<br>" in html and f'<a href="http://events.test/events/{event.slug}' in html
    )
    # headers: own domain, reply-to, one-click unsubscribe; not marked automatic
    assert ana["Message-ID"].strip().endswith("@events.test>")
    assert ana["Reply-To"] == "summit@example.org"
    assert ana["List-Unsubscribe"].startswith("<http://events.test/mail/unsubscribe/")
    assert ana["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    assert ana["Auto-Submitted"] is None
    assert ana["Content-Language"] == "es"
    # the outbox lists each recipient's delivery state for this message
    group_id = job.report["group_message_id"]
    page = client.get(f"/manage/events/{event.slug}/outbox/?group={group_id}").get_data(
        as_text=True
    )
    assert "ana@example.org" in page and "bob@example.org" in page and "Sent" in page
    assert "cy@example.org" not in page
    listing = client.get(f"/manage/events/{event.slug}/mail/messages/").get_data(as_text=True)
    assert "2 sent, 0 waiting, 0 failed" in listing


def test_one_click_unsubscribe_stops_group_messages_only(app, client, db, login, organizer, event):
    regs, delegation, _workshop = _world(event)
    login(organizer)
    client.post(f"/manage/events/{event.slug}/mail/compose", data=_compose(delegation, "send"))
    [first] = [m for m in outbox("ana@example.org") if m.kind == "group"]
    client.get("/logout")
    # what a mail client does with List-Unsubscribe-Post: a bare POST, no session, no CSRF
    response = client.post(first.unsubscribe_url, data={"List-Unsubscribe": "One-Click"})
    assert response.status_code == 200
    assert db.session.scalar(db.select(MailOptOut.email)) == "ana@example.org"
    login(organizer)
    client.post(f"/manage/events/{event.slug}/mail/compose", data=_compose(delegation, "send"))
    groups = [m.recipient for m in outbox() if m.kind == "group"]
    assert groups.count("ana@example.org") == 1 and groups.count("bob@example.org") == 2
    # a transactional mail (a new link) still reaches her
    client.post(f"/manage/events/{event.slug}/registrations/{regs['ana'].id}/send-link")
    assert [m.kind for m in outbox("ana@example.org")][-1] == "link"
    # a forged address does nothing
    assert client.post("/mail/unsubscribe/forged").status_code == 404


def test_another_events_delegation_cannot_be_chosen(client, db, login, organizer, event):
    _world(event)
    foreign = make_delegation(make_event())
    login(organizer)
    response = client.post(
        f"/manage/events/{event.slug}/mail/compose", data=_compose(foreign, "send")
    )
    assert response.status_code == 200 and outbox() == []
