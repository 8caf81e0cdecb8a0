"""Security headers on every response, session cookies, and the proxies we trust."""

from typing import Any

from flask import Flask, Response, g, has_request_context, request, session
from flask.sessions import SecureCookieSessionInterface
from flask_login import current_user, user_accessed, user_logged_in, user_logged_out
from werkzeug.middleware.proxy_fix import ProxyFix

CONTENT_SECURITY_POLICY = "; ".join(
    [
        "default-src 'self'",
        "script-src 'self'",
        "style-src 'self' 'unsafe-inline'",  # track colours are inline styles; no inline scripts
        "img-src 'self' data: blob:",
        "media-src 'self' blob:",
        "connect-src 'self'",
        "object-src 'none'",
        "base-uri 'self'",
        "form-action 'self'",
        "frame-ancestors 'none'",
    ]
)

# Path parameters that carry a secret: a page reached through a signed link (a delegate's
# registration, personal agenda, documents; an invitation; a password reset).
SECRET_VIEW_ARGS = ("token",)

# Our own mark on ``g``: Flask-Login has loaded (or set) this request's user.
USER_KNOWN = "security_user_known"


class SessionInterface(SecureCookieSessionInterface):
    """The session cookie is Secure when configured so (production) or whenever the request
    itself came over HTTPS (directly or, with TRUSTED_PROXIES, through the proxy)."""

    def get_cookie_secure(self, app: Flask) -> bool:
        if app.config["SESSION_COOKIE_SECURE"]:
            return True
        return has_request_context() and request.is_secure


def is_private_page() -> bool:
    """A page meant for one person: a signed-in user's, or one behind a signed link."""
    if request.endpoint == "static":
        return False
    view_args = request.view_args or {}
    if any(name in view_args for name in SECRET_VIEW_ARGS):
        return True
    if g.get(USER_KNOWN):
        # Flask-Login keeps the loaded user for the request, so current_user costs no query.
        # is_anonymous reads no column: after the view's commit the row is expired, and
        # is_authenticated (is_active) would reload it (one query per signed-in write).
        return not current_user.is_anonymous
    return "_user_id" in session  # never loaded: do not load it just for a header


def _note_user_known(sender: object, **extra: Any) -> None:
    setattr(g, USER_KNOWN, True)


def register_security_headers(app: Flask) -> None:
    """Headers on every response (pages, errors, static files), the session cookie's
    Secure flag, and X-Forwarded-* from TRUSTED_PROXIES proxies."""
    proxies = int(app.config.get("TRUSTED_PROXIES") or 0)
    if proxies:
        # Flask documents wrapping wsgi_app so; mypy sees a method assigned.
        app.wsgi_app = ProxyFix(  # type: ignore[method-assign]
            app.wsgi_app, x_for=proxies, x_proto=proxies
        )
    app.session_interface = SessionInterface()
    # Flask-Login's signals: the user is loaded (user_accessed), or set by sign-in/sign-out.
    for signal in (user_accessed, user_logged_in, user_logged_out):
        signal.connect(_note_user_known, app)

    @app.after_request
    def _headers(response: Response) -> Response:
        response.headers.setdefault("Content-Security-Policy", CONTENT_SECURITY_POLICY)
        response.headers.setdefault("X-Content-Type-Options", "nosniff")
        response.headers.setdefault("Referrer-Policy", "same-origin")
        response.headers.setdefault("X-Frame-Options", "DENY")
        response.headers.setdefault("Permissions-Policy", "camera=(self), microphone=()")
        if request.is_secure:
            response.headers.setdefault(
                "Strict-Transport-Security", "max-age=31536000; includeSubDomains"
            )
        # Private pages must stay in no cache, shared or the browser's own (back button).
        if is_private_page():
            response.headers["Cache-Control"] = "no-store"
            response.headers.pop("Expires", None)
        return response
