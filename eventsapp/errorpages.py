"""Error pages; a DomainError that reaches the top becomes its 4xx page, never a 500."""

from flask import render_template
from flask_wtf.csrf import CSRFError

from eventsapp.errors import DomainError
from eventsapp.extensions import db


def register(app) -> None:
    def render_error(code: int, message: str | None = None):
        return render_template("errors/error.html", code=code, message=message), code

    for code in (400, 403, 404, 405, 409, 413, 429):
        app.register_error_handler(code, lambda e, code=code: render_error(code))

    @app.errorhandler(CSRFError)
    def csrf_error(error):
        return render_error(400, error.description)

    @app.errorhandler(DomainError)
    def domain_error(error: DomainError):
        db.session.rollback()
        return render_error(error.status_code, error.message)

    @app.errorhandler(500)
    def server_error(error):
        db.session.rollback()
        return render_error(500)
