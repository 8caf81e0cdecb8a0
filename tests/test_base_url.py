"""One configured base URL (issue 11, item 3): every absolute link names SERVER_NAME with
PREFERRED_URL_SCHEME, whatever Host a request claims; production refuses to start without
SERVER_NAME and answers 400 to requests for any other host."""

import re

import pytest

from eventsapp import create_app
from eventsapp.urls import NoServerName, external_url, site_root
from tests.factories import make_session, make_user
from tests.registration_helpers import outbox, signup_data

ATTACKER = {"Host": "attacker.example", "X-Forwarded-Host": "attacker.example"}
LINK = re.compile(r"https?://[^\s\"'<>]+")


def _links(text: str) -> list[str]:
    return LINK.findall(text)


def _assert_only_site_links(text: str) -> None:
    assert "attacker.example" not in text
    links = _links(text)
    assert links, "expected at least one absolute link"
    for url in links:
        if "events.test" in url or "attacker" in url:
            assert url.startswith("https://events.test/"), url


def test_external_url_ignores_the_request_host_and_scheme(app):
    app.config.update(PREFERRED_URL_SCHEME="https")
    with app.test_request_context("/", base_url="http://attacker.example/"):
        assert external_url("events.event_page", slug="s", lang="es") == (
            "https://events.test/events/s?lang=es"
        )


def test_external_url_outside_a_request_honours_application_root(app):
    app.config.update(PREFERRED_URL_SCHEME="https", APPLICATION_ROOT="/summit")
    assert external_url("events.event_page", slug="s", _anchor="top") == (
        "https://events.test/summit/events/s#top"
    )
    assert site_root() == "https://events.test/summit/"


def test_external_url_refuses_to_guess_without_server_name(app):
    app.config["SERVER_NAME"] = None
    with (
        app.test_request_context("/", base_url="http://attacker.example/"),
        pytest.raises(NoServerName),
    ):
        external_url("events.event_page", slug="s")


def test_agenda_exports_name_the_configured_site(app, db, event):
    app.config["PREFERRED_URL_SCHEME"] = "https"
    make_session(event, hour=9, title_en="Opening")
    client = app.test_client()
    for path in ("schedule.xml", "schedule.json", "agenda.ics"):
        response = client.get(f"/events/{event.slug}/{path}", headers=ATTACKER)
        assert response.status_code == 200, path
        _assert_only_site_links(response.get_data(as_text=True))


def test_export_schedule_command_links_name_the_configured_site(app, runner, db, event):
    make_session(event, hour=9, title_en="Opening")
    app.config.update(SERVER_NAME="events.example.org", PREFERRED_URL_SCHEME="https")
    result = runner.invoke(args=["export-schedule", event.slug, "--format", "json"])
    assert result.exit_code == 0, result.output
    assert f'"url": "https://events.example.org/events/{event.slug}"' in result.output
    result = runner.invoke(
        args=[
            "export-schedule",
            event.slug,
            "--format",
            "json",
            "--base-url",
            "http://10.0.0.5:8080/summit",
        ]
    )
    assert f'"url": "http://10.0.0.5:8080/summit/events/{event.slug}"' in result.output
    result = runner.invoke(args=["export-schedule", event.slug, "--base-url", "10.0.0.5"])
    assert result.exit_code != 0 and "--base-url" in result.output


def test_password_reset_mail_names_the_configured_site(app, db):
    make_user("victim@example.org")
    app.config["PREFERRED_URL_SCHEME"] = "https"
    app.test_client().post(
        "/password/forgot", data={"email": "victim@example.org"}, headers=ATTACKER
    )
    (message,) = outbox("victim@example.org")
    _assert_only_site_links(message.body_text)


def test_sign_up_mail_and_page_name_the_configured_site(app, db, event):
    """The attack: an anonymous POST with a forged Host must not put the victim's genuine
    link on the attacker's host (in the mail or on the page)."""
    app.config["PREFERRED_URL_SCHEME"] = "https"
    response = app.test_client().post(
        f"/events/{event.slug}/register",
        headers=ATTACKER,
        data=signup_data("victim@example.org"),
        follow_redirects=True,
    )
    assert "attacker.example" not in response.get_data(as_text=True)
    messages = outbox("victim@example.org")
    assert messages
    for message in messages:
        _assert_only_site_links(message.body_text)


# --- production ------------------------------------------------------------------------------


def _production(app, **config) -> dict:
    return dict(
        app.config,
        ENV_NAME="production",
        SECRET_KEY="p" * 40,
        REDIS_URL="redis://127.0.0.1:6379/13",
        **config,
    )


def test_production_refuses_to_start_without_server_name(app):
    with pytest.raises(RuntimeError, match="SERVER_NAME"):
        create_app(_production(app, SERVER_NAME=None))
    with pytest.raises(RuntimeError, match="SERVER_NAME"):
        create_app(_production(app, SERVER_NAME="https://events.example.org"))


def test_production_answers_400_to_a_foreign_host(app, db):
    production = create_app(_production(app, SERVER_NAME="events.test"))
    client = production.test_client()
    assert client.get("/login", headers={"Host": "events.test"}).status_code == 200
    assert client.get("/login", headers={"Host": "attacker.example"}).status_code == 400
    forged = client.post(
        "/password/forgot",
        data={"email": "victim@example.org"},
        headers={"Host": "attacker.example"},
    )
    assert forged.status_code == 400
    assert production.config["TRUSTED_HOSTS"] == ["events.test"]


def test_production_trusts_extra_hosts_given(app, db):
    production = create_app(
        _production(app, SERVER_NAME="events.test", TRUSTED_HOSTS=["internal.lan"])
    )
    client = production.test_client()
    assert client.get("/login", headers={"Host": "internal.lan"}).status_code == 200
    assert client.get("/login", headers={"Host": "events.test"}).status_code == 200
