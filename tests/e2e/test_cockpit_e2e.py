"""Each role from sign-in on the demo (staff reach the desk and heads their portal in one
click, the sign-in button), the organizer's dashboard against the database, a confirmation
dialog, phone-width pages, and axe over every back-office page."""

from __future__ import annotations

import pytest

from eventsapp.demo.loader import DEMO_PASSWORD, DEMO_SLUG, load_demo
from eventsapp.demo.workshop import WORKSHOP_SLUG
from eventsapp.events.models import Event
from eventsapp.extensions import db
from eventsapp.registration.models import Registration, RegistrationStatus

pytestmark = pytest.mark.e2e

PHONE = {"width": 390, "height": 844}


@pytest.fixture
def demo(app):
    load_demo()
    db.session.commit()
    summit = db.session.scalar(db.select(Event).where(Event.slug == DEMO_SLUG))
    values = {
        "summit": summit.id,
        "pending": db.session.scalar(
            db.select(db.func.count(Registration.id)).where(
                Registration.event_id == summit.id,
                Registration.status == RegistrationStatus.PENDING,
            )
        ),
        "pending_id": db.session.scalar(
            db.select(Registration.id)
            .where(
                Registration.event_id == summit.id,
                Registration.status == RegistrationStatus.PENDING,
            )
            .order_by(Registration.id)
            .limit(1)
        ),
    }
    db.session.commit()
    return values


@pytest.fixture
def sign_in(browser, live_server):
    contexts = []

    def open_page(email: str, viewport=None):
        db.session.commit()
        context = browser.new_context(
            locale="en-US", viewport=viewport or {"width": 1280, "height": 900}
        )
        contexts.append(context)
        page = context.new_page()
        page.set_default_timeout(15000)
        page.goto(live_server("/login"))
        page.fill("input[name=email]", email)
        page.fill("input[name=password]", DEMO_PASSWORD)
        page.click("form button.w-100")  # the one click
        page.wait_for_load_state()
        return page

    yield open_page
    for context in contexts:
        context.close()


def _fits(page) -> bool:
    return page.evaluate("() => document.documentElement.scrollWidth") <= PHONE["width"]


def test_staff_land_on_the_desk_with_the_scan_field_first(sign_in, demo):
    page = sign_in("checkin@example.org", PHONE)
    assert page.url.endswith(f"/manage/events/{WORKSHOP_SLUG}/checkin/")
    scan = page.locator("#scan-token")
    assert scan.is_visible()
    scan_top = scan.bounding_box()["y"]
    assert scan_top < page.locator("details.card").bounding_box()["y"]
    assert scan_top < page.locator("nav[aria-label='Event menu']").bounding_box()["y"]
    assert _fits(page)


def test_head_lands_on_the_portal_which_fits_a_phone(sign_in, demo):
    page = sign_in("head@example.org", PHONE)
    assert "/my-delegation/" in page.url
    assert "Delegation Arizona" in page.locator("h1").inner_text()
    assert _fits(page)


def test_organizer_dashboard_and_a_confirmation_dialog(sign_in, live_server, demo):
    page = sign_in("organizer@example.org")
    page.get_by_role(
        "link", name="Alliance Summit on Human Trafficking and Money Laundering", exact=True
    ).click()  # exact: the row's "Copy … to a new event" link names the event too
    pending = page.locator("[data-stat=pending] .stat-number")
    assert int(pending.inner_text()) == demo["pending"]
    assert page.locator("svg[role=img]").count() >= 2
    page.locator("[data-stat=pending]").click()
    assert f"({demo['pending']})" in page.locator("h1").inner_text()

    page.goto(live_server(f"/manage/events/{DEMO_SLUG}/registrations/{demo['pending_id']}"))
    page.get_by_role("button", name="Decline").click()
    dialog = page.locator("#confirm-dialog")
    assert dialog.is_visible()
    assert "their seat goes to the waiting list" in dialog.inner_text()
    dialog.get_by_role("button", name="Go back").click()
    assert not dialog.is_visible()
    db.session.expire_all()
    assert db.session.get(Registration, demo["pending_id"]).status is RegistrationStatus.PENDING
    db.session.commit()
    page.get_by_role("button", name="Decline").click()
    dialog.locator("#confirm-dialog-ok").click()
    page.wait_for_load_state()
    assert "Registration declined." in page.locator("main").inner_text()
    db.session.expire_all()
    assert db.session.get(Registration, demo["pending_id"]).status is RegistrationStatus.DECLINED
    db.session.commit()


def test_badges_page_fits_a_phone(sign_in, live_server, demo):
    page = sign_in("organizer@example.org", PHONE)
    page.goto(live_server(f"/manage/events/{DEMO_SLUG}/badges"))
    assert _fits(page)


BACK_OFFICE = [
    "/manage/",
    "/manage/events/{slug}/",
    "/manage/events/{slug}/edit",
    "/manage/events/{slug}/settings",
    "/manage/events/{slug}/team",
    "/manage/events/{slug}/rooms/",
    "/manage/events/{slug}/tracks/",
    "/manage/events/{slug}/registrations/",
    "/manage/events/{slug}/registrations/new",
    "/manage/events/{slug}/registrations/{reg}",
    "/manage/events/{slug}/registrations/{reg}/decline",
    "/manage/events/{slug}/registrations/import",
    "/manage/events/{slug}/registrations/export",
    "/manage/events/{slug}/delegations/",
    "/manage/events/{slug}/delegations/new",
    "/manage/events/{slug}/reports/",
    "/manage/events/{slug}/speakers/",
    "/manage/events/{slug}/speakers/new",
    "/manage/events/{slug}/sessions/",
    "/manage/events/{slug}/sessions/new",
    "/manage/events/{slug}/schedule",
    "/manage/events/{slug}/conflicts",
    "/manage/events/{slug}/badges",
    "/manage/events/{slug}/documents/",
    "/manage/events/{slug}/checkin/",
    "/manage/events/{slug}/checkin/dashboard",
    "/manage/events/{slug}/outbox/",
    "/manage/events/{slug}/audit/",
    "/manage/events/{slug}/delete",
    "/manage/jurisdictions/",
    "/manage/organizations/",
    "/manage/people/",
]


def test_back_office_pages_have_no_serious_violation(sign_in, live_server, axe, demo):
    page = sign_in("organizer@example.org")
    found = {}
    for path in BACK_OFFICE:
        url = path.format(slug=DEMO_SLUG, reg=demo["pending_id"])
        answer = page.goto(live_server(url))
        assert answer.status == 200, url
        if violations := axe(page):
            found[url] = violations
    assert found == {}
