"""A head of delegation signs in, fills the delegation to its quota in the portal, and is
refused one more member (a second tab still showed the form)."""

from __future__ import annotations

import pytest

from eventsapp.auth.models import EventRoleKind
from eventsapp.extensions import db
from eventsapp.registration.models import Registration
from tests.factories import (
    grant,
    make_delegation,
    make_jurisdiction,
    make_person,
    make_registration,
    make_user,
)

pytestmark = pytest.mark.e2e


def _add_member(page, given: str, family: str, email: str) -> None:
    page.get_by_label("Given name", exact=True).fill(given)
    page.get_by_label("Family name", exact=True).fill(family)
    page.get_by_label("E-mail", exact=True).fill(email)
    page.get_by_label("I have given this person the event's privacy notice").check()
    page.get_by_role("button", name="Save").click()
    page.wait_for_load_state()


def test_head_fills_the_delegation_to_its_quota_and_is_refused_one_more(logged_in_page, event):
    delegation = make_delegation(event, make_jurisdiction("Chihuahua"), seat_quota=2)
    head = make_user("head.chihuahua@example.org")
    grant(head, event, EventRoleKind.HEAD, delegation)
    make_registration(
        event, make_person(given_name="Raúl", family_name="Ortega"), delegation_id=delegation.id
    )
    slug, delegation_id = event.slug, delegation.id

    # The head signs in and reaches the portal from the event's page.
    page = logged_in_page(head, f"/events/{slug}")
    page.get_by_role("link", name="Delegation portal").click()
    page.wait_for_url(f"**/my-delegation/{delegation_id}/")
    main = page.locator("main")
    assert "Delegation Chihuahua" in page.locator("h1").inner_text()
    assert "Seats used: 1 of 2" in main.inner_text()

    # A second tab opens the form while a seat is still free.
    late_tab = page.context.new_page()
    late_tab.goto(page.url + "members/new")

    page.get_by_role("link", name="Add a member").click()
    _add_member(page, "Sofía", "Campos", "sofia.campos@example.org")
    assert "Saved." in main.inner_text()
    assert "Seats used: 2 of 2" in main.inner_text()
    assert "Sofía Campos" in main.inner_text()
    assert page.get_by_role("link", name="Add a member").count() == 0

    _add_member(late_tab, "Tomás", "Lira", "tomas.lira@example.org")
    assert "/members/new" in late_tab.url
    assert "This delegation has no seat left (quota 2)." in late_tab.locator("main").inner_text()

    db.session.expire_all()
    members = db.session.scalars(
        db.select(Registration).where(Registration.delegation_id == delegation_id)
    ).all()
    assert sorted(r.person.family_name for r in members) == ["Campos", "Ortega"]
    db.session.commit()
