"""Signed-in sessions: a fresh session at sign-in, sign-out, the idle timeout and the
absolute lifetime (SESSION_ABSOLUTE_HOURS after sign-in, however active).

Sessions are signed cookies; a user is loaded by ``User.session_token`` (Flask-Login's
alternative id), so changing the token ends every session of that user at once. Sign-in
starts from an empty session (only the language choice is kept), so nothing set before
sign-in, such as the CSRF token, carries over into the signed-in session.
"""

from __future__ import annotations

import secrets
import time

from flask import current_app, flash, g, redirect, request, session
from flask_babel import gettext as _
from flask_login import current_user, login_url, login_user, logout_user
from werkzeug.wrappers import Response as WerkzeugResponse

from eventsapp.auth.models import User
from eventsapp.i18n import LANG_SESSION_KEY

LAST_SEEN_KEY = "_last_seen"
SESSION_ID_KEY = "_sid"
STARTED_KEY = "_started"
TOUCH_EVERY_SECONDS = 60  # rewrite the cookie at most once a minute for activity
IDLE_FLAG = "signed_out_idle"


def _fresh_session() -> None:
    lang = session.get(LANG_SESSION_KEY)
    session.clear()
    if lang:
        session[LANG_SESSION_KEY] = lang


def start_session(user: User) -> None:
    """Sign ``user`` in on a new, empty session with a new random identifier."""
    _fresh_session()
    login_user(user)
    session[SESSION_ID_KEY] = secrets.token_urlsafe(16)
    session[LAST_SEEN_KEY] = session[STARTED_KEY] = int(time.time())


def end_session() -> None:
    logout_user()
    _fresh_session()


def idle_limit_seconds() -> int:
    return int(current_app.config.get("IDLE_TIMEOUT_MINUTES") or 0) * 60


def absolute_limit_seconds() -> int:
    return int(float(current_app.config.get("SESSION_ABSOLUTE_HOURS") or 0) * 3600)


def _sign_out(message: str) -> None:
    end_session()
    setattr(g, IDLE_FLAG, True)
    flash(message, "warning")


def check_idle_timeout() -> None:
    """Before each request: sign out a session older than SESSION_ABSOLUTE_HOURS or idle
    for longer than IDLE_TIMEOUT_MINUTES; else note the activity."""
    g.pop(IDLE_FLAG, None)
    if request.endpoint == "static" or not current_user.is_authenticated:
        return
    now = int(time.time())
    started = session.get(STARTED_KEY)
    if not isinstance(started, int):  # signed in before the lifetime existed: count from now
        session[STARTED_KEY] = started = now
    absolute = absolute_limit_seconds()
    if absolute and now - started > absolute:
        _sign_out(
            _(
                "You were signed out %(n)d hours after signing in. Please sign in again.",
                n=max(1, round(absolute / 3600)),
            )
        )
        return
    last_seen = session.get(LAST_SEEN_KEY)
    limit = idle_limit_seconds()
    if limit and isinstance(last_seen, int) and now - last_seen > limit:
        _sign_out(
            _(
                "You were signed out after %(n)d minutes without activity. Please sign in again.",
                n=limit // 60,
            )
        )
    elif not isinstance(last_seen, int) or now - last_seen >= TOUCH_EVERY_SECONDS:
        session[LAST_SEEN_KEY] = now


def unauthorized() -> WerkzeugResponse:
    """Anonymous visitor on a signed-in page: to the sign-in page, back here afterwards.
    After an idle sign-out the idle message alone is shown."""
    if not g.get(IDLE_FLAG):
        flash(_("Please sign in to see this page."), "info")
    return redirect(login_url("auth.login", next_url=request.url))
