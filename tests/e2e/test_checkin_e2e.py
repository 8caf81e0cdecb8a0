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
