"""Country names come from CLDR in the visitor's language; jurisdictions whose Spanish name
differs are translated; the jurisdiction list follows the visitor's alphabet."""

from __future__ import annotations

from eventsapp.places import country_name, place_choices, place_name
from tests.factories import make_jurisdiction


def test_country_and_place_names(app):
    with app.test_request_context():
        assert country_name("Mexico", "es") == "México"
        assert country_name("United States", "es") == "Estados Unidos"
        assert country_name("Mexico", "en") == "Mexico"
        assert country_name("Atlantis", "es") == "Atlantis"
        assert place_name("New Mexico", "es") == "Nuevo México"
        assert place_name("Sonora", "es") == "Sonora"
        assert place_name("New Mexico", "en") == "New Mexico"


def test_public_event_page_shows_the_country_in_spanish(client, db, event):
    event.venue_country = "Mexico"
    db.session.commit()
    with client.session_transaction() as s:
        s["lang"] = "es"
    html = client.get(f"/events/{event.slug}").get_data(as_text=True)
    assert "México" in html


def test_jurisdiction_choices_in_spanish_order(app, db):
    for name in ("New Mexico", "Nuevo León", "Nevada", "Ñuble"):
        make_jurisdiction(name)
    from eventsapp.events.models import Jurisdiction

    with app.test_request_context():
        from flask import session

        session["lang"] = "es"
        names = [n for _, n in place_choices(db.session.scalars(db.select(Jurisdiction)))]
    assert names == ["Nevada", "Nuevo León", "Nuevo México", "Ñuble"]


def test_the_delegation_placeholder_is_in_the_recipients_language(app, db, event):
    from eventsapp.registration.models import Language
    from eventsapp.registration.notifications import registrant_values
    from tests.factories import make_delegation, make_person, make_registration

    delegation = make_delegation(event, make_jurisdiction("New Mexico"))
    person = make_person("nm@example.org", event=event, preferred_language=Language.ES)
    registration = make_registration(event, person, delegation_id=delegation.id)
    with app.test_request_context():
        assert registrant_values(registration, "es")["delegation"] == "Nuevo México"
        assert registrant_values(registration, "en")["delegation"] == "New Mexico"
