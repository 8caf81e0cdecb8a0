"""The API v1 extension (flask-smorest), its OpenAPI 3.1 document and documentation page.

The document is generated from the views' schemas. Errors are RFC 9457 problem details:
every error response the generator documents is served as ``application/problem+json``, so
the document says so too. The documentation page is Swagger UI, vendored, under our CSP."""

from __future__ import annotations

import copy
from typing import Any

from flask import Blueprint, Flask, Response, jsonify, render_template, request
from flask.typing import ResponseReturnValue
from flask_smorest import Api
from werkzeug.exceptions import HTTPException

from eventsapp.api.problems import PROBLEM_TYPE, from_http_exception
from eventsapp.api.schemas import ProblemSchema

PREFIX = "/api/v1"


class RestApi(Api):
    ERROR_SCHEMA = ProblemSchema

    def handle_http_exception(self, error: HTTPException) -> Response | HTTPException:
        """Problem details under /api/v1; the site's own pages elsewhere."""
        if request.path.startswith(PREFIX + "/"):
            return from_http_exception(error)
        return error


api = RestApi()
docs = Blueprint("api_docs", __name__, url_prefix=PREFIX)


def configure(app: Flask) -> None:
    app.config.setdefault("API_RATE_LIMIT", "600/minute")
    app.config.setdefault("API_TITLE", "eventsapp")
    app.config.setdefault("API_VERSION", "1")
    app.config.setdefault("OPENAPI_VERSION", "3.1.0")
    app.config.setdefault(
        "API_SPEC_OPTIONS",
        {
            "info": {
                "description": "Events, agenda, registrations, delegations and check-ins of "
                "one event, for a personal API token of that event (Authorization: Bearer "
                "<token>; make one on the event's API tokens page). Errors are RFC 9457 "
                "problem details. Lists are paged with an opaque next_cursor.",
            },
            "security": [{"bearer": []}],
        },
    )
    api.init_app(app)
    api.spec.components.security_scheme("bearer", {"type": "http", "scheme": "bearer"})


def document() -> dict[str, Any]:
    """The generated document, with error bodies typed as problem details."""
    spec = copy.deepcopy(api.spec.to_dict())
    for response in spec.get("components", {}).get("responses", {}).values():
        content = response.get("content", {})
        if "application/json" in content and _is_problem(content["application/json"]):
            content[PROBLEM_TYPE] = content.pop("application/json")
    return spec


def _is_problem(media: dict[str, Any]) -> bool:
    ref: str = media.get("schema", {}).get("$ref", "")
    return ref.endswith("/Problem")


@docs.get("/openapi.json")
def openapi_json() -> ResponseReturnValue:
    response = jsonify(document())
    response.headers["Access-Control-Allow-Origin"] = "*"
    return response


@docs.get("/docs")
def docs_page() -> ResponseReturnValue:
    return render_template("api/docs.html")
