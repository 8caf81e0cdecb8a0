"""Error pages; a DomainError that reaches the top becomes its 4xx page, never a 500."""

from flask import Flask, Response, render_template, request
from flask_babel import format_decimal
from flask_babel import gettext as _
from flask_wtf.csrf import CSRFError
from werkzeug.exceptions import HTTPException, SecurityError

from eventsapp.errors import DomainError
from eventsapp.extensions import db


def register(app: Flask) -> None:
    def render_error(code: int, message: str | None = None) -> tuple[str, int]:
        return render_template("errors/error.html", code=code, message=message), code

    for code in (400, 403, 404, 405, 409, 429):
        app.register_error_handler(code, lambda e, code=code: render_error(code))

    @app.errorhandler(SecurityError)
    def untrusted_host(error: SecurityError) -> Response:
        # A Host outside TRUSTED_HOSTS: no URL adapter exists, so no page that links.
        return Response(_("Bad request: unknown host."), 400, mimetype="text/plain")

    @app.errorhandler(413)
    def too_large(error: HTTPException) -> tuple[str, int]:
        limit = app.config.get("MAX_CONTENT_LENGTH") or 0
        if limit and (request.content_length or 0) > limit:
            message = _(
                "The upload is too large: a form may send at most %(mb)s MB. "
                "Please send a smaller file.",
                mb=format_decimal(round(limit / 2**20, 1)),
            )
        else:  # form text beyond MAX_FORM_MEMORY_SIZE, or too many fields
            message = _("The form sent too much text. Please shorten it and try again.")
        return render_error(413, message)

    @app.errorhandler(CSRFError)
    def csrf_error(error: CSRFError) -> tuple[str, int]:
        return render_error(400, error.description)

    @app.errorhandler(DomainError)
    def domain_error(error: DomainError) -> tuple[str, int]:
        db.session.rollback()
        return render_error(error.status_code, error.message)

    @app.errorhandler(500)
    def server_error(error: HTTPException) -> tuple[str, int]:
        db.session.rollback()
        return render_error(500)
