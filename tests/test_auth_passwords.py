"""Password rules (length, common passwords) on every path that sets one, and the
change-password page."""

import re

import pytest

from eventsapp.auth.models import User
from eventsapp.auth.password_policy import common_passwords, is_common
from eventsapp.auth.services import create_user
from eventsapp.errors import DomainError
from tests.auth_helpers import limited_client, reset_path, sign_in, signed_in
from tests.factories import PASSWORD, make_delegation, make_user

COMMON_MESSAGE = "This password is too common and easy to guess."
NEW = "a brand new passphrase 7"


def test_the_shipped_list_is_large_and_lowercase():
    words = common_passwords()
    assert len(words) > 10_000
    assert "password" in words and "qwerty123456" in words
    assert all(word == word.lower() for word in words)


@pytest.mark.parametrize(
    "password",
    [
        "qwerty123456",  # on the list as it is
        "QWERTY123456",  # case does not matter
        "1q2w3e4r5t6y",
        "password123!",  # a listed password with digits and punctuation around it
        "!!!monkey2024",
        "passwordpassword",  # a listed password repeated
        "dragondragondragon",
        "aaaaaaaaaaaaaaaa",  # too few distinct characters
        "abababababab",
    ],
)
def test_common_passwords_are_refused(db, password):
    assert is_common(password)
    with pytest.raises(DomainError) as refused:
        create_user("someone@example.org", password)
    assert refused.value.field == "password"
    assert COMMON_MESSAGE in str(refused.value.message)


@pytest.mark.parametrize(
    "password", [PASSWORD, "summit-demo-2027", "Tr0ub4dor&3-horse", "the old password 1"]
)
def test_uncommon_passwords_pass(db, password):
    assert not is_common(password)
    assert create_user("someone@example.org", password).check_password(password)


@pytest.mark.parametrize(
    ("password", "message"),
    [("x7#kq9!z", "Use at least 12 characters."), ("x7#kq9!z" * 17, "Use at most 128")],
)
def test_length_limits(db, password, message):
    with pytest.raises(DomainError, match=message):
        create_user("someone@example.org", password)
    assert db.session.scalar(db.select(User)) is None


def test_password_of_exactly_12_and_128_characters_is_accepted(db):
    assert create_user("a@example.org", "x7#kq9!zM2p$")
    assert create_user("b@example.org", ("x7#kq9!zM2p$" * 11)[:128])


def test_reset_refuses_a_common_password_next_to_the_field(client, db):
    user = make_user("reset@example.org")
    path = reset_path(client, db, "reset@example.org")
    html = client.post(path, data={"password": "qwerty123456", "confirm": "qwerty123456"})
    text = html.get_data(as_text=True)
    assert html.status_code == 200 and COMMON_MESSAGE in text
    assert 'id="password-error"' in text
    db.session.refresh(user)
    assert user.check_password(PASSWORD)


def test_invitation_refuses_a_common_password(client, db, login, organizer, event):
    from tests.test_delegations import _invite, _link, outbox

    delegation = make_delegation(event)
    login(organizer)
    _invite(client, event, delegation)
    link = _link(outbox("head@example.org")[0])
    client.post("/logout")
    response = client.post(
        link, data={"name": "Jesús", "password": "iloveyou1234", "confirm": "iloveyou1234"}
    )
    assert response.status_code == 200
    page = response.get_data(as_text=True)
    # The invitation page speaks the invitation's language (here Spanish).
    expected = {"en": COMMON_MESSAGE, "es": "Esta contraseña es demasiado común"}
    assert expected[re.search(r'<html lang="(\w+)"', page).group(1)] in page
    assert db.session.scalar(db.select(User).where(User.email == "head@example.org")) is None


def _change(client, current=PASSWORD, new=NEW, confirm=None):
    return client.post(
        "/account/password",
        data={"current_password": current, "password": new, "confirm": confirm or new},
    )


def test_change_password_page_needs_sign_in(client, db):
    response = client.get("/account/password")
    assert response.status_code == 302 and "/login" in response.headers["Location"]


def test_change_password_keeps_this_session_and_ends_the_others(app, client, db):
    user = make_user("me@example.org")
    other = app.test_client()
    sign_in(client, "me@example.org")
    sign_in(other, "me@example.org")
    assert signed_in(client) and signed_in(other)
    page = client.get("/account/password").get_data(as_text=True)
    assert "Current password" in page
    response = _change(client)
    assert response.status_code == 302
    db.session.refresh(user)
    assert user.check_password(NEW)
    assert signed_in(client)
    assert not signed_in(other)
    follow = client.get("/manage/")
    assert follow.status_code == 200


@pytest.mark.parametrize(
    ("current", "new", "confirm", "message", "field"),
    [
        ("not my password 00", NEW, NEW, "This is not your current password.", "current_password"),
        (PASSWORD, "qwerty123456", "qwerty123456", COMMON_MESSAGE, "password"),
        (PASSWORD, "short one", "short one", "Use at least 12 characters.", "password"),
        (PASSWORD, PASSWORD, PASSWORD, "different from the current one", "password"),
        (PASSWORD, NEW, NEW + "x", "The passwords differ.", "confirm"),
    ],
)
def test_change_password_refusals_are_shown_next_to_the_field(
    client, db, current, new, confirm, message, field
):
    user = make_user("me@example.org")
    sign_in(client, "me@example.org")
    response = _change(client, current, new, confirm)
    html = response.get_data(as_text=True)
    assert response.status_code == 200
    error = html.split(f'id="{field}-error"', 1)[1].split("</div>", 1)[0]
    assert message in error
    db.session.refresh(user)
    assert user.check_password(PASSWORD)
    assert signed_in(client)


def test_change_password_is_rate_limited_per_account(app, db):
    make_user("me@example.org")
    client = limited_client(app)
    sign_in(client, "me@example.org", environ_base={"REMOTE_ADDR": "10.1.0.1"})

    def attempt(address):
        return client.post(
            "/account/password",
            data={"current_password": "wrong guess 0000", "password": NEW, "confirm": NEW},
            environ_base={"REMOTE_ADDR": address},
        )

    codes = [attempt(f"10.2.0.{i}").status_code for i in range(6)]
    assert codes == [200] * 5 + [429]
    assert "Please wait a moment and try again." in attempt("10.3.0.1").get_data(as_text=True)
