"""Security headers on every response, session cookies, and the proxies we trust."""

from flask import Flask, g, has_request_context, request, session
from flask.sessions import SecureCookieSessionInterface
from flask_login import AnonymousUserMixin
from werkzeug.middleware.proxy_fix import ProxyFix

CONTENT_SECURITY_POLICY = "; ".join([
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
])

# Path parameters that carry a secret: a page reached through a signed link (a delegate's
# registration, personal agenda, documents; an invitation; a password reset).
SECRET_VIEW_ARGS = ("token",)


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
    # Read the loaded user without touching its attributes: after the view's commit they
    # are expired, and is_authenticated would reload the row (one query per response).
    user = g.get("_login_user")
    if user is not None:
        return not isinstance(user, AnonymousUserMixin)
    return "_user_id" in session


def register_security_headers(app: Flask) -> None:
    """Headers on every response (pages, errors, static files), the session cookie's
    Secure flag, and X-Forwarded-* from TRUSTED_PROXIES proxies."""
    proxies = int(app.config.get("TRUSTED_PROXIES") or 0)
    if proxies:
        app.wsgi_app = ProxyFix(app.wsgi_app, x_for=proxies, x_proto=proxies)
    app.session_interface = SessionInterface()

    @app.after_request
    def _headers(response):
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
