"""The check-in desk in a real browser: a scanner types a badge code and Enter."""

from __future__ import annotations

import pytest

from eventsapp.extensions import db
from tests.checkin_helpers import make_staff, token_for
from tests.factories import make_delegation, make_jurisdiction, make_person, make_registration

pytestmark = pytest.mark.e2e


def test_scanner_field_checks_in_and_shows_the_result(logged_in_page, event):
    delegation = make_delegation(event, make_jurisdiction("Coahuila"))
    registration = make_registration(
        event, make_person(given_name="Elena", family_name="Vidal"), delegation_id=delegation.id
    )
    token = token_for(registration)
    registration_id = registration.id
    staff = make_staff(event)
    page = logged_in_page(staff, f"/manage/events/{event.slug}/checkin/")
    problems = []
    page.on("console", lambda message: message.type == "error" and problems.append(message.text))
    page.on("pageerror", lambda error: problems.append(str(error)))
    page.evaluate("window.samePage = true")

    field = page.locator("#scan-token")
    assert field.evaluate("node => node === document.activeElement")
    field.type(token)
    field.press("Enter")
    result = page.locator("#scan-result .scan-result[data-state=checked_in]")
    result.wait_for()
    assert "Elena Vidal" in result.inner_text()
    assert "Coahuila" in result.inner_text()
    # The page did not reload (the script answered in place) and the field is ready again.
    assert page.evaluate("window.samePage === true")
    assert field.input_value() == ""
    assert field.evaluate("node => node === document.activeElement")

    field.type(token)
    field.press("Enter")
    page.locator("#scan-result .scan-result[data-state=already_checked_in]").wait_for()

    page.locator("#scan-result .scan-undo").click()
    page.locator("#scan-result .scan-result[data-state=undone]").wait_for()
    db.session.expire_all()
    from eventsapp.registration.models import Registration

    assert db.session.get(Registration, registration_id).checked_in_at is None
    db.session.commit()
    assert problems == []


def test_forged_code_shows_unknown_in_spanish(logged_in_page, event):
    staff = make_staff(event)
    page = logged_in_page(staff, f"/manage/events/{event.slug}/checkin/", locale="es-MX")
    page.locator("#scan-token").type("1.1.AAAAAAAAAA")
    page.locator("#scan-token").press("Enter")
    result = page.locator("#scan-result .scan-result[data-state=unknown]")
    result.wait_for()
    assert "Gafete desconocido" in result.inner_text()


def test_reprint_form_follows_the_scanned_person(logged_in_page, event):
    registration = make_registration(event)
    token, registration_id = token_for(registration), registration.id
    page = logged_in_page(make_staff(event), f"/manage/events/{event.slug}/checkin/")
    reprint = page.locator("#reprint-form")
    assert not reprint.is_visible()
    page.locator("#scan-token").type(token)
    page.locator("#scan-token").press("Enter")
    page.locator("#scan-result .scan-result[data-state=checked_in]").wait_for()
    assert reprint.is_visible()
    hidden = reprint.locator("input[name=registration_id]")
    assert hidden.input_value() == str(registration_id)


def test_dashboard_refreshes_without_reload(logged_in_page, event):
    from playwright.sync_api import expect

    from eventsapp.checkin import services

    staff = make_staff(event)
    registration = make_registration(event)
    page = logged_in_page(staff, f"/manage/events/{event.slug}/checkin/dashboard")
    page.evaluate("window.samePage = true")
    assert page.locator("#total-arrived").inner_text() == "0"
    services.check_in(registration, actor=staff, desk="Side door")
    db.session.commit()
    expect(page.locator("#total-arrived")).to_have_text("1", timeout=15000)
    assert page.evaluate("window.samePage === true")
    db.session.commit()
