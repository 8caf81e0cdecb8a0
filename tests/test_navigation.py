"""Role-aware navigation: each role lands where it works after signing in, and no link a
role's pages show answers 403 (every back-office page a role can reach, walked from its
landing page)."""

from __future__ import annotations

import re
from collections import deque
from urllib.parse import urldefrag, urlsplit

import pytest

from eventsapp import create_app
from eventsapp.extensions import db
from tests.access_helpers import build_world
from tests.conftest import FreshRequestClient, _test_config, _truncate_all
from tests.factories import PASSWORD

LINK = re.compile(r'<a\b[^>]*\bhref="([^"#][^"]*)"')
SKIP_SUFFIXES = (".pdf", ".csv", ".xlsx", ".ics", ".json", ".xml", ".png", ".jpg")
MAX_PAGES = 120

EMAILS = {
    "head_a": "head.a@example.org",
    "checkin": "staff@example.org",
    "other_organizer": "organizer.b@example.org",
    "organizer": "organizer.a@example.org",
    "admin": "admin@example.org",
}


@pytest.fixture(scope="module")
def world_app(database_url, _schema, tmp_path_factory):
    app = create_app(_test_config(database_url, tmp_path_factory.mktemp("nav-uploads")))
    app.test_client_class = FreshRequestClient
    with app.app_context():
        _truncate_all()
        world = build_world()
        db.session.remove()
        yield app, world
        db.session.remove()
        _truncate_all()
        db.engine.dispose()


def _sign_in(app, role):
    client = app.test_client()
    answer = client.post("/login", data={"email": EMAILS[role], "password": PASSWORD})
    assert answer.status_code == 302, answer.get_data(as_text=True)[:500]
    return client, urlsplit(answer.headers["Location"]).path


def test_each_role_lands_where_it_works(world_app):
    app, world = world_app
    landings = {role: _sign_in(app, role)[1] for role in EMAILS}
    assert landings["checkin"] == f"/manage/events/{world.slug}/checkin/"
    assert landings["head_a"] == f"/events/{world.slug}/my-delegation/"
    assert landings["organizer"] == "/manage/"
    assert landings["admin"] == "/manage/"
    client, _ = _sign_in(app, "head_a")
    portal = client.get(landings["head_a"])
    assert portal.status_code == 302
    assert portal.headers["Location"].endswith(f"/my-delegation/{world.delegation_a}/")


def _links(html: str) -> set[str]:
    found = set()
    for href in LINK.findall(html):
        href = urldefrag(href.replace("&amp;", "&"))[0]
        parts = urlsplit(href)
        if parts.netloc and parts.netloc != "events.test":
            continue
        path = parts.path
        if not path.startswith(("/manage", "/events/")) or path.endswith(SKIP_SUFFIXES):
            continue
        found.add(path + (f"?{parts.query}" if parts.query else ""))
    return found


def _walk(client, start: str) -> dict[str, int]:
    seen: dict[str, int] = {}
    queue = deque([start])
    while queue and len(seen) < MAX_PAGES:
        url = queue.popleft()
        if url in seen:
            continue
        answer = client.get(url)
        seen[url] = answer.status_code
        if answer.status_code == 302:
            queue.extend(_links(f'<a href="{answer.headers["Location"]}">'))
        if answer.status_code == 200 and answer.mimetype == "text/html":
            queue.extend(sorted(_links(answer.get_data(as_text=True)) - set(seen)))
    return seen


@pytest.mark.parametrize("role", sorted(EMAILS))
def test_no_link_a_role_sees_answers_403(world_app, role):
    app, _world = world_app
    client, landing = _sign_in(app, role)
    answers = _walk(client, landing)
    forbidden = sorted(url for url, status in answers.items() if status == 403)
    assert not forbidden, f"{role} is shown links that answer 403: {forbidden}"
    assert len(answers) > 1


def test_staff_menu_shows_only_the_desk_arrivals_and_their_tokens(world_app):
    app, world = world_app
    client, landing = _sign_in(app, "checkin")
    html = client.get(landing).get_data(as_text=True)
    menu = html[html.index('aria-label="Event menu"') :]
    menu = menu[: menu.index("</nav>")]
    assert "Check-in desk" in menu and "Arrivals" in menu
    assert "API tokens" in menu  # a scanner's token (check-in scope only)
    assert "Webhooks" not in menu
    assert "Registrations" not in menu and "Overview" not in menu
    assert "On site" in menu and "Setup" not in menu


def test_organizer_menu_is_grouped(world_app):
    app, world = world_app
    client, _ = _sign_in(app, "organizer")
    html = client.get(f"/manage/events/{world.slug}/").get_data(as_text=True)
    menu = html[html.index('aria-label="Event menu"') :]
    positions = [menu.index(group) for group in ("Setup", "People", "Programme", "On site")]
    assert positions == sorted(positions)
    assert "Records" in menu


def test_admin_is_shown_the_people_directory(world_app):
    app, _world = world_app
    client, landing = _sign_in(app, "admin")
    assert "/manage/people/" in client.get(landing).get_data(as_text=True)
    client, landing = _sign_in(app, "organizer")
    assert "/manage/people/" not in client.get(landing).get_data(as_text=True)
