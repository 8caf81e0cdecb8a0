"""Password reset by a single-use, expiring link.

Each request stores a ``PasswordReset`` row holding only the digest of a random token. The
link works once, for ``PASSWORD_RESET_MAX_AGE_HOURS``, and a newer request supersedes the
older links of the account.
"""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from flask import current_app
from flask_babel import lazy_gettext as _l
from sqlalchemy import select, update

from eventsapp.audit.services import record
from eventsapp.auth.models import PasswordReset, User, new_link_token, token_digest
from eventsapp.auth.password_policy import check_password_policy
from eventsapp.auth.services import find_user
from eventsapp.auth.signals import reset_link_issued
from eventsapp.db import utcnow
from eventsapp.errors import DomainError
from eventsapp.extensions import db
from eventsapp.urls import external_url

LINK_INVALID = _l("This link is not valid. Ask for a new one below.")
LINK_USED = _l("This link was already used. Ask for a new one below if you need it.")
LINK_SUPERSEDED = _l(
    "A newer link was sent after this one: use the most recent e-mail, or ask for a new link."
)
LINK_EXPIRED = _l("This link has expired. Ask for a new one below.")


def max_age() -> timedelta:
    return timedelta(hours=float(current_app.config.get("PASSWORD_RESET_MAX_AGE_HOURS") or 2))


def issue_reset(user: User) -> str:
    """A new reset link's token for ``user``; older unused links of the user stop working."""
    now = utcnow()
    db.session.execute(
        update(PasswordReset)
        .where(
            PasswordReset.user_id == user.id,
            PasswordReset.used_at.is_(None),
            PasswordReset.superseded_at.is_(None),
        )
        .values(superseded_at=now)
        .execution_options(synchronize_session=False)
    )
    token, digest = new_link_token()
    db.session.add(
        PasswordReset(
            user_id=user.id, token_hash=digest, created_at=now, expires_at=now + max_age()
        )
    )
    db.session.flush()
    return token


def _reset_mail(user: User | None, token: str) -> dict[str, Any]:
    """The reset message's arguments (rendered for unknown addresses too, then dropped)."""
    return dict(
        lang=user.preferred_language if user else "en",
        link=external_url("auth.reset_password", token=token),
        hours=max(1, round(max_age().total_seconds() / 3600)),
    )


def request_reset(email: str) -> bool:
    """Queue a reset e-mail when an active account has this address.

    An unknown or inactive address takes the same steps up to the mail (a token, its digest,
    the rendered message, which is then dropped), so that the answer's time does not tell
    which accounts exist; the caller says the same either way. No password hash runs on
    either path: a dummy hash here would make unknown addresses the slow ones."""
    from flask import render_template

    user = find_user(email)
    if user is None or not user.active:
        token, _digest = new_link_token()
        render_template("mail/password_reset.txt", **_reset_mail(None, token))
        return False
    token = issue_reset(user)
    reset_link_issued.send(user, **_reset_mail(user, token))  # mail queues the message
    return True


def reset_for_token(token: str) -> PasswordReset:
    """The usable reset row of ``token``, or a DomainError saying why the link fails."""
    reset = db.session.scalar(
        select(PasswordReset).where(PasswordReset.token_hash == token_digest(token))
    )
    if reset is None or not reset.user.active:
        raise DomainError(LINK_INVALID)
    if reset.used_at is not None:
        raise DomainError(LINK_USED)
    if reset.superseded_at is not None:
        raise DomainError(LINK_SUPERSEDED)
    if utcnow() >= reset.expires_at:
        raise DomainError(LINK_EXPIRED)
    return reset


def user_for_token(token: str) -> User | None:
    try:
        return reset_for_token(token).user
    except DomainError:
        return None


def reset_password(token: str, password: str) -> User:
    """Set the password of the link's account and use the link up (the row is locked, so
    two submissions of one link cannot both succeed)."""
    reset = reset_for_token(token)
    db.session.refresh(reset, with_for_update=True)
    if reset.used_at is not None:
        raise DomainError(LINK_USED)
    check_password_policy(password)
    user = reset.user
    user.set_password(password)  # also ends every other session (new session token)
    reset.used_at = utcnow()
    db.session.flush()
    record(user, "password_reset", user, summary=user.email)
    return user
