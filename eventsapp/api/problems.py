"""Errors of API v1 as RFC 9457 problem details (``application/problem+json``)."""

from __future__ import annotations

from typing import Any

from flask import Response, json
from werkzeug.exceptions import HTTPException

from eventsapp.errors import DomainError
from eventsapp.extensions import db

PROBLEM_TYPE = "application/problem+json"
# A problem with no more specific type than its status (RFC 9457, 4.2.1).
ABOUT_BLANK = "about:blank"


def problem(
    status: int,
    title: str,
    detail: str = "",
    *,
    errors: dict[str, Any] | None = None,
    headers: dict[str, str] | None = None,
) -> Response:
    body: dict[str, Any] = {"type": ABOUT_BLANK, "title": title, "status": status}
    if detail:
        body["detail"] = detail
    if errors:
        body["errors"] = errors
    return Response(json.dumps(body), status, headers=headers, content_type=PROBLEM_TYPE)


def from_http_exception(error: HTTPException) -> Response:
    """Werkzeug's and flask-smorest's aborts (422 carries webargs' field errors)."""
    data = getattr(error, "data", None) or {}
    errors = data.get("errors") or data.get("messages")
    if isinstance(errors, dict) and set(errors) <= {"json", "query", "headers", "path"}:
        errors = {field: msgs for location in errors.values() for field, msgs in location.items()}
    headers = dict(data.get("headers") or {})
    if error.code == 405 and error.valid_methods:  # type: ignore[attr-defined]
        headers["Allow"] = ", ".join(error.valid_methods)  # type: ignore[attr-defined]
    detail = str(data.get("message") or error.description or "")
    return problem(error.code or 500, error.name, detail, errors=errors, headers=headers)


def from_domain_error(error: DomainError) -> Response:
    db.session.rollback()
    errors = {error.field: [str(error.message)]} if error.field else None
    title = {400: "Bad Request", 403: "Forbidden", 404: "Not Found", 409: "Conflict"}
    return problem(
        error.status_code, title.get(error.status_code, "Error"), str(error.message), errors=errors
    )
