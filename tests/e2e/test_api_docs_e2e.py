"""The API documentation page in a real browser: Swagger UI (vendored) renders our OpenAPI
document under the site's Content-Security-Policy, with no script error and no CSP
violation."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.e2e


def test_the_api_documentation_renders_under_the_csp(anonymous_page):
    page = anonymous_page("/api/v1/docs")
    problems: list[str] = []
    page.on("pageerror", lambda error: problems.append(str(error)))
    page.on(
        "console",
        lambda message: (
            problems.append(message.text)
            if "Content Security Policy" in message.text
            or (message.type == "error" and "Failed to load resource" not in message.text)
            else None
        ),
    )
    # Resources that fail to load, named (the browser's own favicon.ico request aside).
    page.on(
        "response",
        lambda response: (
            problems.append(f"{response.status} {response.url}")
            if response.status >= 400 and not response.url.endswith("/favicon.ico")
            else None
        ),
    )
    page.reload()
    page.wait_for_selector(".swagger-ui .opblock", timeout=20000)
    operations = page.locator(".swagger-ui .opblock-summary-path").all_inner_texts()
    assert any("/registrations" in text for text in operations)
    assert page.locator(".swagger-ui .info .title").inner_text().startswith("eventsapp")
    assert problems == []
