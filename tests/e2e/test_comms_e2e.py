"""An organizer writes one bilingual message to one delegation, previews the count, a
sample and both texts, sends it, and watches the job's progress bar finish — in a real
browser; each member then has the mail in their own language with their own link."""

from __future__ import annotations

import pytest

from eventsapp.extensions import db
from eventsapp.mail.models import OutboxMessage
from eventsapp.registration.links import registration_token
from eventsapp.registration.models import Language
from tests.factories import make_delegation, make_jurisdiction, make_person, make_registration

pytestmark = pytest.mark.e2e


def test_compose_preview_send_and_watch_the_progress_bar(logged_in_page, organizer, event):
    sonora = make_delegation(event, make_jurisdiction("Sonora"), seat_quota=10)
    texas = make_delegation(event, make_jurisdiction("Texas"), seat_quota=10)
    lucia = make_person("lucia@example.org", "Lucía", event=event, preferred_language=Language.ES)
    john = make_person("john@example.org", "John", event=event, preferred_language=Language.EN)
    lucia_reg = make_registration(event, lucia, delegation_id=sonora.id)
    john_reg = make_registration(event, john, delegation_id=sonora.id)
    make_registration(event, make_person("tex@example.org", event=event), delegation_id=texas.id)
    tokens = {
        "lucia@example.org": registration_token(lucia_reg),
        "john@example.org": registration_token(john_reg),
    }

    name = sonora.name  # read now: the test must hold no transaction while the server works
    page = logged_in_page(organizer, f"/manage/events/{event.slug}/mail/compose")
    page.get_by_label("Subject (English)").fill("Briefing for {delegation}")
    page.get_by_label("Text (English)").fill("Dear {given_name},\nyour agenda: {link}")
    page.get_by_label("Subject (Spanish)").fill("Reunión para {delegation}")
    page.get_by_label("Text (Spanish)").fill("Estimada {given_name}:\nsu agenda: {link}")
    page.get_by_label("Delegation").select_option(label=name)
    page.get_by_role("button", name="Count and preview").click()
    page.wait_for_load_state()
    assert page.locator("#recipient-count").inner_text() == "2 recipients"
    sample = page.locator("#recipient-sample").inner_text()
    assert "lucia@example.org" in sample and "john@example.org" in sample
    assert "tex@example.org" not in sample
    subjects = page.locator(".preview-subject").all_inner_texts()
    assert subjects == [f"Briefing for {name}", f"Reunión para {name}"]

    page.get_by_role("button", name="Send to 2 people").click()
    page.wait_for_url("**/jobs/*")
    bar = page.locator("#job-bar")
    page.wait_for_function("document.getElementById('job-bar').value == 100")
    assert bar.get_attribute("value") == "100"
    page.wait_for_function("document.getElementById('job-status').textContent.trim() == 'Done'")
    assert "2 messages queued" in page.locator("main").inner_text()

    db.session.expire_all()
    mails = {
        m.recipient: m
        for m in db.session.scalars(db.select(OutboxMessage).where(OutboxMessage.kind == "group"))
    }
    assert sorted(mails) == ["john@example.org", "lucia@example.org"]
    assert mails["lucia@example.org"].language == "es"
    assert mails["lucia@example.org"].body_text.startswith("Estimada Lucía:")
    assert mails["john@example.org"].subject == f"Briefing for {name}"
    for email, token in tokens.items():
        assert token in mails[email].body_text
    db.session.commit()
