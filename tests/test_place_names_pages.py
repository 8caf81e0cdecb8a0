"""Country and jurisdiction names in Spanish on every page (issue 14): the access matrix's
pages, walked in Spanish by each role that may open them, show "Nuevo México" and "Estados
Unidos", never the stored English names (exports, the API and PDFs keep what is stored or
have their own language)."""

from __future__ import annotations

import re
from html import unescape

import pytest

from eventsapp import create_app
from eventsapp.events.models import Event, Jurisdiction
from eventsapp.extensions import db
from eventsapp.registration.models import Registration
from tests.access_helpers import answer, build_world, client_for, fill
from tests.access_matrix import MATRIX
from tests.conftest import FreshRequestClient, _test_config, _truncate_all

ROLES = ("organizer", "admin", "head_a", "delegate", "checkin")
# Pages that show the jurisdiction, its delegation, the venue's country or a nationality.
SHOWN_IN_SPANISH = {
    "GET /",
    "GET /events/<slug>",
    "GET /events/<slug>/my-delegation/<int:delegation_id>/",
    "GET /events/<slug>/my-registration/<token>",
    "GET /manage/events/<slug>/",
    "GET /manage/events/<slug>/badges",
    "GET /manage/events/<slug>/checkin/dashboard",
    "GET /manage/events/<slug>/delegations/",
    "GET /manage/events/<slug>/documents/",
    "GET /manage/events/<slug>/mail/compose",
    "GET /manage/events/<slug>/registrations/",
    "GET /manage/events/<slug>/registrations/<int:registration_id>",
    "GET /manage/events/<slug>/reports/",
    "GET /manage/events/<slug>/team",
    "GET /manage/jurisdictions/",
    "GET /manage/people/",
}
_TAGS = re.compile(r"<script\b.*?</script>|<style\b.*?</style>|<[^>]+>", re.S)


def _shown(html: str) -> str:
    """The text a visitor reads: tags dropped (an input's stored value is not text)."""
    return " ".join(unescape(_TAGS.sub(" ", html)).split())


@pytest.fixture(scope="module")
def spanish_world(database_url, _schema, tmp_path_factory):
    app = create_app(_test_config(database_url, tmp_path_factory.mktemp("places-uploads")))
    app.test_client_class = FreshRequestClient
    with app.app_context():
        _truncate_all()
        world = build_world()
        jurisdiction = db.session.get(Jurisdiction, world.jurisdiction_id)
        jurisdiction.name, jurisdiction.country = "New Mexico", "United States"
        db.session.get(Event, world.event_id).venue_country = "United States"
        for registration_id in (world.registration_id, world.member_a):
            person = db.session.get(Registration, registration_id).person
            person.jurisdiction_id = jurisdiction.id
            person.nationality = "United States"
        db.session.commit()
        db.session.remove()
    yield app, world
    with app.app_context():
        db.session.remove()
        _truncate_all()
        db.engine.dispose()


def _pages():
    from tests.test_access_matrix import ROUTES

    for key, endpoint in sorted(ROUTES.items()):
        method, rule = key.split(" ", 1)
        if method != "GET" or key not in MATRIX:
            continue
        for role in ROLES:
            if MATRIX[key].expect[role] == "ok":
                yield key, endpoint, rule, role


def test_every_page_names_places_in_spanish(spanish_world):
    app, world = spanish_world
    found, english = {}, []
    with app.app_context():
        for key, endpoint, rule, role in _pages():
            try:
                client = client_for(app, world, role)
                with client.session_transaction() as session:
                    session["lang"] = "es"
                response = client.get(fill(world, endpoint, rule, role, False, MATRIX[key].fresh))
                if answer(response) != "ok" or response.mimetype != "text/html":
                    continue
                text = _shown(response.get_data(as_text=True))
                found[key] = text
                english += [
                    f"{key} as {role}: {name}"
                    for name in ("New Mexico", "United States")
                    if name in text
                ]
            finally:
                db.session.remove()
    assert not english, english
    spanish = {k for k, t in found.items() if "Nuevo México" in t or "Estados Unidos" in t}
    assert spanish >= SHOWN_IN_SPANISH, SHOWN_IN_SPANISH - spanish
    for key in ("GET /manage/events/<slug>/", "GET /manage/events/<slug>/registrations/<int:"
                "registration_id>", "GET /manage/jurisdictions/"):  # fmt: skip
        assert "Estados Unidos" in found[key], key


def test_the_export_keeps_the_stored_names(spanish_world):
    app, world = spanish_world
    with app.app_context():
        client = client_for(app, world, "organizer")
        with client.session_transaction() as session:
            session["lang"] = "es"
        url = f"/manage/events/{world.slug}/registrations/export?format=csv"
        exported = client.get(url).get_data().decode("utf-8-sig")
        db.session.remove()
    assert "New Mexico" in exported and "Nuevo México" not in exported


def test_badges_name_the_place_in_the_badge_language(spanish_world):
    from eventsapp.badges.services import badge_data

    app, world = spanish_world
    with app.test_request_context():
        registration = db.session.get(Registration, world.member_a)
        event = db.session.get(Event, world.event_id)
        spanish, english = badge_data(registration, event, "es"), badge_data(registration, event)
        db.session.remove()
    assert spanish.delegation == "Nuevo México" and english.delegation == "New Mexico"


def test_the_desk_finds_and_shows_the_delegation_by_its_spanish_name(spanish_world):
    app, world = spanish_world
    with app.app_context():
        client = client_for(app, world, "checkin")
        with client.session_transaction() as session:
            session["lang"] = "es"
        for q in ("nuevo mexico", "new mexico"):
            response = client.get(f"/manage/events/{world.slug}/checkin/?q={q}")
            html = response.get_data(as_text=True)
            assert response.status_code == 200
            assert "<td>Nuevo México</td>" in html, q  # the found member's delegation cell
            assert "New Mexico" not in _shown(html), q
        db.session.remove()
