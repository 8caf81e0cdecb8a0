"""Browser tests: Playwright driving the system's headless Chromium against a live server.

Every test here is marked ``e2e``. Without /usr/bin/chromium they are skipped, unless
REQUIRE_BROWSER=1 (CI, ``make test-e2e``) makes a missing browser a failure. The live
server runs the app on the test database in a threaded werkzeug server with CSRF enabled,
as in production. Playwright never downloads a browser here (no ``playwright install``).
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from eventsapp import create_app
from tests.e2e.server import serve
from tests.factories import PASSWORD

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
HERE = Path(__file__).parent


def pytest_collection_modifyitems(config, items):
    for item in items:
        if HERE in Path(str(item.path)).parents:
            item.add_marker(pytest.mark.e2e)


@pytest.fixture(scope="session")
def browser():
    if not os.path.exists(CHROMIUM):
        if os.environ.get("REQUIRE_BROWSER") == "1":
            pytest.fail(f"REQUIRE_BROWSER=1 but {CHROMIUM} is missing (apt-get install chromium)")
        pytest.skip(f"{CHROMIUM} is not installed")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(
            executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS
        )
        yield chromium
        chromium.close()


class LiveServer:
    def __init__(self, app, url: str):
        self.app = app
        self.url = url

    def __call__(self, path: str = "/") -> str:
        return self.url + path


@pytest.fixture
def live_server(app):
    """The app on the test database, served on a free port, CSRF enabled."""
    config = dict(app.config)
    config.update(WTF_CSRF_ENABLED=True, TESTING=False)
    live_app = create_app(config)
    with serve(live_app) as url:
        live_app.config["SERVER_NAME"] = url.split("://", 1)[1]  # links name the live server
        yield LiveServer(live_app, url)
    with live_app.app_context():
        from eventsapp.extensions import db

        db.engine.dispose()


@pytest.fixture
def logged_in_page(browser, live_server):
    """``logged_in_page(user, path)``: a fresh browser page signed in as ``user`` through
    the real sign-in form, then opened at ``path``."""
    from eventsapp.extensions import db

    contexts = []

    def open_page(user, path: str = "/", locale: str = "en-US"):
        email = user.email
        db.session.commit()  # end the test's transaction: SQLite readers hold the write lock
        context = browser.new_context(locale=locale)
        contexts.append(context)
        page = context.new_page()
        page.set_default_timeout(15000)
        page.goto(live_server("/login"))
        page.fill("input[name=email]", email)
        page.fill("input[name=password]", PASSWORD)
        page.click("form button.w-100")
        page.wait_for_load_state()
        page.goto(live_server(path))
        return page

    yield open_page
    for context in contexts:
        context.close()


SERIOUS = ("serious", "critical")


@pytest.fixture(scope="session")
def axe():
    """``axe(page)``: the serious and critical axe-core violations on the page, as readable
    lines (empty when there are none). axe-core ships inside axe-playwright-python: no
    network."""
    from axe_playwright_python.sync_playwright import Axe

    engine = Axe()

    def check(page) -> list[str]:
        results = engine.run(page)
        return [
            f"{v['id']} ({v['impact']}): {v['help']} -> "
            + "; ".join(", ".join(node["target"]) for node in v["nodes"][:5])
            for v in results.response["violations"]
            if v["impact"] in SERIOUS
        ]

    return check


@pytest.fixture
def anonymous_page(browser, live_server):
    """``anonymous_page(path, locale)``: a fresh, signed-out browser page opened at ``path``."""
    from eventsapp.extensions import db

    contexts = []

    def open_page(path: str = "/", locale: str = "en-US"):
        db.session.commit()  # end the test's transaction: SQLite readers hold the write lock
        context = browser.new_context(locale=locale)
        contexts.append(context)
        page = context.new_page()
        page.set_default_timeout(15000)
        page.goto(live_server(path))
        return page

    yield open_page
    for context in contexts:
        context.close()
