"""A page reached through a personal link or an invitation speaks the person's stored
language, whatever the browser asks, unless the visitor chose one with the switcher; after
a Spanish invitation the head's portal is Spanish."""

from __future__ import annotations

from eventsapp.auth.invitations import invite
from eventsapp.auth.models import EventRoleKind
from eventsapp.registration.links import registration_token
from eventsapp.registration.models import Language
from tests.factories import make_delegation, make_person, make_registration

ENGLISH_BROWSER = {"Accept-Language": "en-US,en;q=0.9"}


def _spanish_delegate(event):
    person = make_person("lucia@example.org", event=event, preferred_language=Language.ES)
    return make_registration(event, person)


def test_personal_link_page_is_in_the_persons_language(client, db, event):
    registration = _spanish_delegate(event)
    url = f"/events/{event.slug}/my-registration/{registration_token(registration)}"
    page = client.get(url, headers=ENGLISH_BROWSER)
    assert page.status_code == 200
    assert '<html lang="es">' in page.get_data(as_text=True)


def test_the_switcher_still_wins(client, db, event):
    registration = _spanish_delegate(event)
    url = f"/events/{event.slug}/my-registration/{registration_token(registration)}"
    with client.session_transaction() as session:
        session["lang"] = "en"
    assert '<html lang="en">' in client.get(url).get_data(as_text=True)


def test_an_english_persons_link_stays_english_for_a_spanish_browser(client, db, event):
    person = make_person("ann@example.org", event=event, preferred_language=Language.EN)
    registration = make_registration(event, person)
    url = f"/events/{event.slug}/my-registration/{registration_token(registration)}"
    page = client.get(url, headers={"Accept-Language": "es-MX,es"})
    assert '<html lang="en">' in page.get_data(as_text=True)


def test_a_forged_link_does_not_switch_the_language(client, db, event):
    page = client.get(f"/events/{event.slug}/my-registration/forged", headers=ENGLISH_BROWSER)
    assert '<html lang="es">' not in page.get_data(as_text=True)


def test_spanish_invitation_then_the_portal_is_spanish(client, db, event):
    delegation = make_delegation(event)
    _invitation, token = invite(
        None,
        event.id,
        "jefa@example.org",
        EventRoleKind.HEAD,
        delegation_id=delegation.id,
        language="es",
    )
    db.session.commit()
    page = client.get(f"/invitation/{token}", headers=ENGLISH_BROWSER)
    assert '<html lang="es">' in page.get_data(as_text=True)
    response = client.post(
        f"/invitation/{token}",
        data={
            "name": "Rosa Peña",
            "password": "a long enough pass 42",
            "confirm": "a long enough pass 42",
        },
        headers=ENGLISH_BROWSER,
    )
    assert response.status_code == 302, response.get_data(as_text=True)[:2000]
    portal = client.get(response.headers["Location"], headers=ENGLISH_BROWSER)
    assert portal.status_code == 200
    assert '<html lang="es">' in portal.get_data(as_text=True)
