"""An organizer writes one bilingual message to one delegation, previews the count, a
sample and both texts, sends it, and watches the job's progress bar move from waiting to
half-way (the worker held after the first of two recipients) to done — in a real browser;
each member then has the mail in their own language with their own link."""

from __future__ import annotations

import threading

import pytest
from playwright.sync_api import expect

from eventsapp.comms import group_send
from eventsapp.extensions import db
from eventsapp.jobs import queue
from eventsapp.jobs.services import report_progress
from eventsapp.mail.models import OutboxMessage
from eventsapp.registration.links import registration_token
from eventsapp.registration.models import Language
from tests.factories import make_delegation, make_jurisdiction, make_person, make_registration

pytestmark = pytest.mark.e2e


class HeldWorker:
    """The worker that sends the group message, run from the test: the live server's
    in-process run of the task is held back, then run in a thread of its own, one recipient
    per chunk, halting once the first chunk's progress is stored until ``release()``."""

    def __init__(self, app, monkeypatch):
        self.app, self.calls, self.error = app, [], None
        self._go, self._waiting = threading.Event(), threading.Event()
        self._run = queue.enqueue
        self._thread = threading.Thread(target=self._work, daemon=True)
        monkeypatch.setattr(queue, "enqueue", self._enqueue)
        monkeypatch.setattr(group_send, "CHUNK", 1)
        monkeypatch.setattr(group_send, "report_progress", self._progress)

    def _enqueue(self, name, *args, **kwargs):
        if name == group_send.GROUP_TASK:
            self.calls.append((args, kwargs))
        else:
            self._run(name, *args, **kwargs)

    def _progress(self, job_id, done, total):
        report_progress(job_id, done, total)
        if 0 < done < total:
            self._waiting.set()
            assert self._go.wait(30), "the test never released the worker"

    def _work(self):
        try:
            [(args, kwargs)] = self.calls
            with self.app.app_context():
                self._run(group_send.GROUP_TASK, *args, **kwargs)
        except BaseException as error:  # seen by join()
            self.error = error

    def start(self):
        self._thread.start()
        assert self._waiting.wait(30), "the worker never reported the first chunk"

    def release(self):
        self._go.set()

    def join(self):
        self._thread.join(30)
        assert not self._thread.is_alive() and self.error is None, self.error


def test_compose_preview_send_and_watch_the_progress_bar(
    logged_in_page, live_server, monkeypatch, organizer, event
):
    worker = HeldWorker(live_server.app, monkeypatch)
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
    # The job has not started: the page shows it waiting, the bar empty, and polls.
    assert page.locator("#job-progress").get_attribute("data-finished") == "false"
    assert page.locator("#job-status").inner_text() == "Waiting for a worker"
    assert page.locator("#job-bar").get_attribute("value") == "0"
    worker.start()  # one recipient per chunk; it halts after the first until released
    expect(page.locator("#job-bar")).to_have_attribute("value", "50")  # polled, not reloaded
    expect(page.locator("#job-status")).to_have_text("Running")
    expect(page.locator("#job-count")).to_have_text("· 1 / 2")
    worker.release()
    expect(page.locator("#job-status")).to_have_text("Done")
    expect(page.locator("#job-bar")).to_have_attribute("value", "100")
    assert "2 messages queued" in page.locator("main").inner_text()
    worker.join()

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
