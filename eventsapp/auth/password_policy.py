"""What makes a password acceptable: 12 to 128 characters and not a common password.

The list of common passwords ships beside this module (``common_passwords.txt``; source and
licence in ``common_passwords.LICENSE``). A password is refused when, lowercased, it is on the
list, is a listed password with digits or punctuation added around it (``qwerty123456``), is
a listed password repeated (``passwordpassword``), or uses fewer than four distinct characters.
"""

from __future__ import annotations

import string
from functools import cache
from pathlib import Path

from flask_babel import lazy_gettext as _l

from eventsapp.errors import DomainError

MIN_PASSWORD_LENGTH = 12
MAX_PASSWORD_LENGTH = 128
MIN_DISTINCT_CHARACTERS = 4
COMMON_PASSWORDS_FILE = Path(__file__).with_name("common_passwords.txt")
_DECORATION = string.digits + string.punctuation + string.whitespace


@cache
def common_passwords() -> frozenset[str]:
    with COMMON_PASSWORDS_FILE.open(encoding="utf-8") as lines:
        return frozenset(line.strip() for line in lines if line.strip())


def _repeated_unit(text: str) -> str:
    """The shortest piece that ``text`` repeats ('abcabc' -> 'abc'), or ``text`` itself."""
    for size in range(1, len(text) // 2 + 1):
        if len(text) % size == 0 and text[:size] * (len(text) // size) == text:
            return text[:size]
    return text


def is_common(password: str) -> bool:
    lowered = password.strip().lower()
    if len(set(lowered)) < MIN_DISTINCT_CHARACTERS:
        return True
    candidates = {lowered, lowered.strip(_DECORATION), _repeated_unit(lowered)}
    listed = common_passwords()
    return any(candidate in listed for candidate in candidates if candidate)


def check_password_policy(password: str) -> None:
    """Raise a DomainError for the ``password`` field when the password is not acceptable."""
    if len(password) < MIN_PASSWORD_LENGTH:
        raise DomainError(
            _l("Use at least %(n)d characters.", n=MIN_PASSWORD_LENGTH), field="password"
        )
    if len(password) > MAX_PASSWORD_LENGTH:
        raise DomainError(
            _l("Use at most %(n)d characters.", n=MAX_PASSWORD_LENGTH), field="password"
        )
    if is_common(password):
        raise DomainError(
            _l(
                "This password is too common and easy to guess. Choose another one, "
                "for example a few unrelated words."
            ),
            field="password",
        )
