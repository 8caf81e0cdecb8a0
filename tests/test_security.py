"""Security headers everywhere, no-store on private pages, redirects only on this site,
reset links from SERVER_NAME, upload limits and per-address rate limits."""

import re

import pytest

from eventsapp.security import CONTENT_SECURITY_POLICY
from tests.auth_helpers import client_of, last_link, limited_client, reset_path, sign_in
from tests.factories import make_registration, make_user

HEADERS = {
    "Content-Security-Policy": CONTENT_SECURITY_POLICY,
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "same-origin",
    "X-Frame-Options": "DENY",
}


def _assert_security_headers(response):
    for name, value in HEADERS.items():
        assert response.headers.get(name) == value, (name, response.status_code)
    csp = response.headers["Content-Security-Policy"]
    assert "frame-ancestors 'none'" in csp and "script-src 'self'" in csp
    assert "unsafe-inline" not in csp.split("script-src", 1)[1].split(";", 1)[0]


def test_headers_on_pages_errors_and_static_files(app, client, db):
    app.config["PROPAGATE_EXCEPTIONS"] = False

    @app.route("/__boom")
    def boom():
        raise RuntimeError("boom")

    responses = {
        200: client.get("/"),
        404: client.get("/no/such/page"),
        405: client.delete("/login"),
        500: client.get("/__boom"),
    }
    static = client.get("/static/css/app.css")
    assert static.status_code == 200
    responses["static"] = static
    for key, response in responses.items():
        if key != "static":
            assert response.status_code == key
        _assert_security_headers(response)


def test_headers_on_413_and_429(app, db):
    client = limited_client(app)
    too_big = client.post("/login", data={"email": "a@example.org", "password": "x" * (600_000)})
    assert too_big.status_code == 413
    _assert_security_headers(too_big)
    for _ in range(10):
        client.post("/password/forgot", data={"email": "x@example.org"})
    limited = client.post("/password/forgot", data={"email": "x@example.org"})
    assert limited.status_code == 429
    _assert_security_headers(limited)


def test_public_pages_may_be_cached_but_signed_in_pages_may_not(client, db, event, organizer):
    assert "no-store" not in client.get("/").headers.get("Cache-Control", "")
    sign_in(client, "organizer@example.org")
    for path in ("/", "/manage/", f"/manage/events/{event.slug}/", "/account/password"):
        response = client.get(path)
        assert response.status_code == 200, path
        assert response.headers["Cache-Control"] == "no-store", path
    assert "no-store" not in client.get("/static/css/app.css").headers.get("Cache-Control", "")


def test_a_signed_in_write_reads_the_user_once_and_is_not_stored(client, db, event, organizer):
    from sqlalchemy import event as sa_event

    signing_in = sign_in(client, "organizer@example.org")
    assert signing_in.headers["Cache-Control"] == "no-store"
    statements = []

    def note(conn, cursor, statement, *args):
        statements.append(statement)

    sa_event.listen(db.engine, "before_cursor_execute", note)
    try:
        response = client.post(f"/manage/events/{event.slug}/rooms/new", data={"name": "Sala"})
    finally:
        sa_event.remove(db.engine, "before_cursor_execute", note)
    assert response.status_code == 302
    assert response.headers["Cache-Control"] == "no-store"
    # Once, by the sign-in loader: the headers do not reload the row the commit expired.
    assert len([s for s in statements if re.search(r"\bFROM users\b", s)]) == 1, statements


def test_signed_link_pages_are_not_stored(client, db, event):
    from eventsapp.registration.links import registration_token

    token = registration_token(make_registration(event))
    make_user("reset@example.org")
    paths = [
        f"/events/{event.slug}/my-registration/{token}",
        f"/events/{event.slug}/my/{token}/agenda",
        reset_path(client, db, "reset@example.org"),
    ]
    for path in paths:
        response = client.get(path)
        assert response.status_code == 200, path
        assert response.headers["Cache-Control"] == "no-store", path


HOSTILE_NEXT = [
    "//evil.example/",
    "https://evil.example/",
    "http:evil.example",
    "/\\evil.example",
    "\\\\evil.example",
    "/\t/evil.example",
    "/\n/evil.example",
    "javascript:alert(1)",
    "evil.example",
    "///evil.example",
    " //evil.example",
]


@pytest.mark.parametrize("target", HOSTILE_NEXT)
def test_login_never_redirects_off_site(client, db, target):
    make_user("me@example.org")
    response = client.post(
        "/login",
        data={
            "email": "me@example.org",
            "password": "correct horse battery staple",
            "next": target,
        },
    )
    # Refused by the form (control characters) or sent to the default page, never off site.
    assert response.headers.get("Location", "/manage/") == "/manage/"


@pytest.mark.parametrize("target", HOSTILE_NEXT)
def test_safe_next_keeps_only_paths_on_this_site(target):
    from eventsapp.http import safe_next

    assert safe_next(target, "/default") == "/default"


@pytest.mark.parametrize("target", HOSTILE_NEXT)
def test_language_switch_never_redirects_off_site(client, db, target):
    response = client.post("/language", data={"lang": "es", "next": target})
    assert response.headers["Location"] == "/"


def test_next_on_this_site_is_followed(client, db, event):
    make_user("me@example.org")
    page = client.get(f"/manage/events/{event.slug}/")
    assert page.headers["Location"] == f"/login?next=%2Fmanage%2Fevents%2F{event.slug}%2F"
    form = client.get(page.headers["Location"]).get_data(as_text=True)
    assert f'value="/manage/events/{event.slug}/"' in form
    response = client.post(
        "/login",
        data={
            "email": "me@example.org",
            "password": "correct horse battery staple",
            "next": "/manage/?page=2",
        },
    )
    assert response.headers["Location"] == "/manage/?page=2"
    lang = client.post("/language", data={"lang": "es", "next": f"/events/{event.slug}"})
    assert lang.headers["Location"] == f"/events/{event.slug}"


@pytest.mark.parametrize(
    "headers",
    [{"Host": "evil.example"}, {"X-Forwarded-Host": "evil.example", "Host": "evil.example:80"}],
)
def test_reset_link_uses_the_server_name_not_the_host_header(app, db, headers):
    client = client_of(app, TRUSTED_PROXIES=1)  # even X-Forwarded-Host from a proxy
    make_user("me@example.org")
    response = client.post("/password/forgot", data={"email": "me@example.org"}, headers=headers)
    assert response.status_code == 302
    link = last_link(db)
    assert link.startswith("http://events.test/password/reset/")
    assert "evil" not in link


def test_a_too_large_upload_gets_a_clear_413_page(client, login, db, event, organizer):
    login(organizer)
    big = b"x" * (16 * 1024 * 1024 + 1)
    from io import BytesIO

    response = client.post(
        f"/manage/events/{event.slug}/registrations/import",
        data={"file": (BytesIO(big), "people.csv")},
        content_type="multipart/form-data",
    )
    assert response.status_code == 413
    html = response.get_data(as_text=True)
    assert "File too large" in html and "at most 16 MB" in html


def test_too_much_form_text_gets_a_413_page(client, db):
    response = client.post("/login", data={"email": "a@example.org", "password": "x" * 600_000})
    assert response.status_code == 413
    assert "The form sent too much text." in response.get_data(as_text=True)


def test_max_content_length_is_configured():
    from eventsapp.config import Config

    assert Config.MAX_CONTENT_LENGTH == 16 * 1024 * 1024


def test_login_is_rate_limited_per_address(app, db):
    client = limited_client(app)
    address = {"REMOTE_ADDR": "10.9.0.1"}
    codes = [
        client.post(
            "/login",
            data={"email": f"u{i}@example.org", "password": "x" * 12},
            environ_base=address,
        ).status_code
        for i in range(11)
    ]
    assert codes == [200] * 10 + [429]
    elsewhere = client.post(
        "/login",
        data={"email": "u0@example.org", "password": "x" * 12},
        environ_base={"REMOTE_ADDR": "10.9.0.2"},
    )
    assert elsewhere.status_code == 200


def test_forgot_password_is_rate_limited_per_account(app, db):
    client = limited_client(app)
    codes = [
        client.post(
            "/password/forgot",
            data={"email": "me@example.org"},
            environ_base={"REMOTE_ADDR": f"10.8.0.{i}"},
        ).status_code
        for i in range(6)
    ]
    assert codes == [302] * 5 + [429]


def _reset_post(client, path, address):
    return client.post(
        path, data={"password": "short", "confirm": "short"}, environ_base={"REMOTE_ADDR": address}
    )


def test_reset_post_is_rate_limited_per_account(app, db):
    client = limited_client(app)
    make_user("me@example.org")
    path = reset_path(client, db, "me@example.org")
    codes = [_reset_post(client, path, f"10.7.0.{i}").status_code for i in range(6)]
    assert codes == [200] * 5 + [429]
    assert client.get(path).status_code == 200  # reading the form is not counted
    refused = _reset_post(client, path, "10.7.1.1")
    assert "Please wait a moment and try again." in refused.get_data(as_text=True)


def test_reset_post_is_rate_limited_per_address(app, db):
    client = limited_client(app)
    paths = []
    for i in range(4):
        make_user(f"me{i}@example.org")
        paths.append(reset_path(client, db, f"me{i}@example.org"))
    codes = [_reset_post(client, paths[i % 4], "10.6.0.1").status_code for i in range(11)]
    assert codes == [200] * 10 + [429]
    assert _reset_post(client, paths[0], "10.6.0.2").status_code == 200
