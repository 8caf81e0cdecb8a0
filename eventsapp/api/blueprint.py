"""How an API v1 resource blueprint is made: token requests carry no cookie, so no CSRF
token; they are counted per token (API_RATE_LIMIT); their errors are problem details."""

from __future__ import annotations

from flask import current_app
from flask_smorest import Blueprint
from werkzeug.exceptions import HTTPException

from eventsapp.api.auth import rate_limit_key
from eventsapp.api.problems import from_domain_error, from_http_exception
from eventsapp.errors import DomainError
from eventsapp.extensions import csrf, limiter

CODES = (400, 403, 404, 405, 409, 412, 413, 422, 428, 429)


def api_blueprint(name: str, import_name: str, path: str, description: str) -> Blueprint:
    blueprint = Blueprint(
        name, import_name, url_prefix=f"/api/v1/events/<slug>{path}", description=description
    )
    csrf.exempt(blueprint)
    limiter.limit(lambda: current_app.config["API_RATE_LIMIT"], key_func=rate_limit_key)(blueprint)
    blueprint.register_error_handler(DomainError, from_domain_error)
    # By code too: Flask prefers the site's handler for a code to a blueprint's handler
    # for HTTPException.
    for code in CODES:
        blueprint.register_error_handler(code, from_http_exception)
    blueprint.register_error_handler(HTTPException, from_http_exception)
    return blueprint
