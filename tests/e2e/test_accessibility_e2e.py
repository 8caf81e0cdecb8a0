"""axe-core in the browser: no serious or critical accessibility violation on the public
pages, the registration form (fresh and with errors), the signed-link page, the delegation
portal and the check-in desk, in English and in Spanish."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from eventsapp.auth.models import EventRoleKind
from eventsapp.extensions import db
from eventsapp.mail.models import OutboxMessage
from tests.agenda_helpers import link
from tests.checkin_helpers import make_staff
from tests.factories import (
    grant,
    make_delegation,
    make_jurisdiction,
    make_person,
    make_registration,
    make_room,
    make_session,
    make_speaker,
    make_track,
    make_user,
)

pytestmark = pytest.mark.e2e


@pytest.fixture
def scene(event):
    """An event with rooms, a track, a session with a speaker, a delegation with a head and a
    member, and check-in staff."""
    room = make_room(event, "Sala Juárez")
    track = make_track(event)
    session = make_session(event, room=room, track_id=track.id, description_en="About it.")
    make_session(event, hour=11, room=make_room(event, "Pacific Room"))
    speaker = make_speaker(event, make_person(given_name="Ana", family_name="Ruiz"))
    link(session, speaker)
    delegation = make_delegation(event, make_jurisdiction("Sonora"), seat_quota=3)
    head = make_user("head@example.org")
    grant(head, event, EventRoleKind.HEAD, delegation)
    make_registration(event, delegation_id=delegation.id)
    values = {
        "slug": event.slug,
        "session": session.id,
        "delegation": delegation.id,
        "head": head,
        "staff": make_staff(event),
    }
    # Plain values only from here on: an ORM read in the test would open a transaction that,
    # on SQLite, holds the lock the live server's requests wait for.
    db.session.commit()
    return values


PUBLIC = {
    "index": "/",
    "event": "/events/{slug}",
    "agenda": "/events/{slug}/agenda",
    "session": "/events/{slug}/agenda/sessions/{session}",
    "speakers": "/events/{slug}/speakers",
    "register": "/events/{slug}/register",
}


@pytest.mark.parametrize("locale", ["en-US", "es-MX"])
def test_public_pages_have_no_serious_violation(
    anonymous_page, live_server, axe, event, scene, locale
):
    found = {}
    page = anonymous_page("/", locale=locale)
    for name, path in PUBLIC.items():
        page.goto(live_server(path.format(slug=scene["slug"], session=scene["session"])))
        assert page.locator("h1").count() >= 1, name
        assert page.locator("html").get_attribute("lang") == locale[:2], name
        if violations := axe(page):
            found[name] = violations
    assert found == {}


def test_registration_form_with_errors_and_signed_link_page(anonymous_page, axe, event, scene):
    page = anonymous_page(f"/events/{scene['slug']}/register")
    page.get_by_role("button", name="Register").click()
    page.wait_for_load_state()
    # Each error is tied to its field, so a screen reader reads it with the field.
    given_name = page.get_by_label("Given name")
    expect(given_name).to_have_attribute("aria-invalid", "true")
    expect(given_name).to_have_accessible_description("This field is required.")
    assert axe(page) == []

    page.get_by_label("Given name").fill("Lucía")
    page.get_by_label("Family name").fill("Herrera")
    page.get_by_label("E-mail").fill("lucia@example.org")
    page.get_by_label("I have read the privacy notice").check()
    page.get_by_role("button", name="Register").click()
    page.wait_for_url("**/register/check-your-email")
    assert axe(page) == []
    # The link travels only by e-mail: open the one in the outbox.
    db.session.expire_all()
    body = (
        db.session.scalars(
            db.select(OutboxMessage).where(OutboxMessage.recipient == "lucia@example.org")
        )
        .one()
        .body_text
    )
    db.session.commit()
    page.goto(re.search(r"https?://\S+/my-registration/\S+", body).group(0))
    assert axe(page) == []


def test_delegation_portal_has_no_serious_violation(logged_in_page, axe, event, scene):
    base = f"/events/{scene['slug']}/my-delegation/{scene['delegation']}/"
    page = logged_in_page(scene["head"], base)
    assert "Sonora" in page.locator("h1").inner_text()
    assert axe(page) == []
    page.goto(page.url + "members/new")
    assert axe(page) == []


def test_checkin_page_has_no_serious_violation(logged_in_page, axe, event, scene):
    page = logged_in_page(scene["staff"], f"/manage/events/{scene['slug']}/checkin/")
    page.locator("#scan-token").wait_for()
    assert axe(page) == []
    page.locator("#scan-token").type("1.1.AAAAAAAAAA")
    page.locator("#scan-token").press("Enter")
    page.locator("#scan-result .scan-result[data-state=unknown]").wait_for()
    assert axe(page) == []


def test_the_check_finds_a_violation_when_there_is_one(anonymous_page, axe, scene):
    """The checker itself works offline and reports what it should: an unlabelled field and
    an image without text, added to an otherwise clean page."""
    page = anonymous_page(f"/events/{scene['slug']}/register")
    assert axe(page) == []
    page.evaluate(
        """() => {
          const main = document.querySelector("main");
          main.insertAdjacentHTML("beforeend", '<input type="text" name="x">');
          main.insertAdjacentHTML("beforeend", '<img src="/static/none.png">');
        }"""
    )
    found = " ".join(axe(page))
    assert "label (critical)" in found
    assert "image-alt (critical)" in found
