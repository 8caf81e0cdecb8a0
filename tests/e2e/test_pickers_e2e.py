"""Searchable pickers in a real browser: typing "gomez" in the session form's speakers box
offers Gómez (accents ignored) and Enter picks it with the keyboard; the time zone is
searchable; a new event's short name follows its English title until edited. No page error
under the CSP (no inline script)."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from tests.factories import make_person, make_speaker, make_user

pytestmark = pytest.mark.e2e


def test_speaker_picker_searches_without_accents_and_works_with_the_keyboard(
    logged_in_page, event, organizer
):
    speaker = make_speaker(event, make_person(given_name="María", family_name="Gómez"))
    make_speaker(event, make_person(given_name="Jorge", family_name="Ibarra"))
    slug, speaker_id = event.slug, speaker.id
    page = logged_in_page(organizer, f"/manage/events/{slug}/sessions/new")
    problems = []
    page.on("pageerror", lambda error: problems.append(str(error)))
    page.on("console", lambda m: problems.append(m.text) if m.type == "error" else None)
    page.reload()
    box = page.locator("#speaker_ids-ts-control")
    box.click()
    box.type("gomez")
    option = page.locator("#speaker_ids-ts-dropdown .option", has_text="Gómez")
    option.first.wait_for()
    expect(page.locator("#speaker_ids-ts-dropdown .option", has_text="Ibarra")).to_have_count(0)
    box.press("Enter")
    chosen = page.eval_on_selector(
        "#speaker_ids", "s => Array.from(s.selectedOptions).map(o => o.value)"
    )
    assert chosen == [str(speaker_id)]
    assert problems == []


def test_time_zone_picker_and_slug_from_title(logged_in_page, db):
    admin = make_user("root@example.org", is_admin=True)
    page = logged_in_page(admin, "/manage/events/new")
    page.fill("#title_en", "Border Summit 2028: Año Nuevo")
    assert page.input_value("#slug") == "border-summit-2028-ano-nuevo"
    page.fill("#slug", "mine")
    page.fill("#title_en", "Other")
    assert page.input_value("#slug") == "mine"  # edited: no longer follows
    box = page.locator("#timezone-ts-control")
    box.focus()  # from the keyboard, as a Tab would
    page.keyboard.type("tijuana")
    expect(page.locator("#timezone-ts-dropdown .option")).to_have_count(1)
    page.keyboard.press("Enter")
    assert page.input_value("#timezone") == "America/Tijuana"
