"""Bearer-token authentication for API v1, scope checks and the acting user's stand-in.

``token_required(scope)`` wraps a view that takes ``slug``: it answers 401 without a valid
token, 404 when the token belongs to another event (nothing of this event is reached, and
its existence is not confirmed), and 403 when the token lacks the scope."""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any

from flask import Response, g, request
from flask.typing import ResponseReturnValue

from eventsapp.api import tokens
from eventsapp.api.models import ApiToken, Scope
from eventsapp.api.problems import problem
from eventsapp.auth.models import User, token_digest
from eventsapp.extensions import db
from eventsapp.http import View


class ApiActor:
    """The token's user as services see the actor, with the token named in the audit log."""

    def __init__(self, user: User, token: ApiToken) -> None:
        self._user = user
        self.via = f"API token “{token.name}”"

    def __getattr__(self, name: str) -> Any:
        return getattr(self._user, name)


def bearer() -> str:
    header = request.headers.get("Authorization", "")
    kind, _, secret = header.partition(" ")
    return secret.strip() if kind.lower() == "bearer" else ""


def rate_limit_key() -> str:
    """Requests are counted per token (a digest, never the token), else per address."""
    secret = bearer()
    return f"api-token:{token_digest(secret)}" if secret else f"api-ip:{request.remote_addr}"


def _unauthorized(detail: str) -> Response:
    return problem(401, "Unauthorized", detail, headers={"WWW-Authenticate": 'Bearer realm="api"'})


def token_required(scope: Scope, *also: Scope) -> Callable[[View], View]:
    """The token must hold ``scope`` (or one of ``also``)."""

    def decorator(view: View) -> View:
        @wraps(view)
        def wrapped(*args: Any, slug: str, **kwargs: Any) -> ResponseReturnValue:
            found = tokens.authenticate(bearer())
            if found is None:
                return _unauthorized("Send a valid API token: Authorization: Bearer <token>.")
            token, scopes = found
            if db.session.is_modified(token):  # last use stamped: its own short transaction
                db.session.commit()
            # The token's event is loaded already (its scopes follow the role there): the
            # slug must name it, else nothing answers (slugs are unique; no second lookup).
            event = token.event
            if event.slug != slug:
                return problem(404, "Not Found", "No such event for this token.")
            if not scopes & {scope, *also}:
                return problem(403, "Forbidden", f"This token lacks the {scope.value} scope.")
            g.api_token = token
            g.api_actor = ApiActor(token.user, token)
            return view(*args, event=event, **kwargs)

        return wrapped

    return decorator


def actor() -> ApiActor:
    api_actor: ApiActor = g.api_actor
    return api_actor
