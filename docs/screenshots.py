"""Take the README's tour screenshots from a running demo (`make run PORT=5050`):

    .venv/bin/python docs/screenshots.py http://127.0.0.1:5050

Uses the system's Chromium (/usr/bin/chromium) through Playwright; writes docs/tour-*.png."""

from __future__ import annotations

import sys
from pathlib import Path

from playwright.sync_api import sync_playwright

HERE = Path(__file__).resolve().parent
PASSWORD = "summit-demo-2027"


def sign_in(browser, base: str, email: str, width: int, height: int):
    context = browser.new_context(viewport={"width": width, "height": height}, locale="en-US")
    page = context.new_page()
    page.goto(base + "/login")
    page.fill("input[name=email]", email)
    page.fill("input[name=password]", PASSWORD)
    page.click("form button.w-100")
    page.wait_for_load_state()
    return page


def main(base: str) -> None:
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path="/usr/bin/chromium", headless=True)
        page = sign_in(browser, base, "organizer@example.org", 1280, 900)
        page.goto(base + "/manage/events/wags-2027/")
        page.screenshot(path=str(HERE / "tour-overview.png"), full_page=True)
        page = sign_in(browser, base, "checkin@example.org", 390, 844)
        page.screenshot(path=str(HERE / "tour-desk.png"))
        page = sign_in(browser, base, "head@example.org", 390, 844)
        page.screenshot(path=str(HERE / "tour-portal.png"), full_page=True)
        browser.close()


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else "http://127.0.0.1:5000")
