# flask-smorest 0.47: only the names eventsapp uses. Its decorators change a view's
# signature (``arguments`` adds the parsed data as the first argument, ``response``
# serialises what the view returns), so they take and give any callable.
from collections.abc import Callable, Mapping
from typing import Any

import flask
from apispec import APISpec
from flask import Flask
from flask.sansio.scaffold import T_route
from werkzeug.exceptions import HTTPException

_Decorator = Callable[[Callable[..., Any]], Callable[..., Any]]

class Blueprint(flask.Blueprint):
    description: str
    def __init__(self, *args: Any, description: str = "", **kwargs: Any) -> None: ...
    def route(
        self, rule: str, *, parameters: list[Any] | None = None, tags: list[str] | None = None,
        **options: Any,
    ) -> Callable[[T_route], T_route]: ...
    def arguments(self, schema: Any, *, location: str = "json", **kwargs: Any) -> _Decorator: ...
    def response(self, status_code: int, schema: Any = None, **kwargs: Any) -> _Decorator: ...
    def alt_response(self, status_code: int, **kwargs: Any) -> _Decorator: ...
    def etag(self, obj: Callable[..., Any]) -> Callable[..., Any]: ...
    def check_etag(self, etag_data: Any, etag_schema: Any = None) -> None: ...

class Api:
    ERROR_SCHEMA: Any
    spec: APISpec
    def __init__(
        self, app: Flask | None = None, *, spec_kwargs: Mapping[str, Any] | None = None,
        config_prefix: str = "",
    ) -> None: ...
    def init_app(self, app: Flask, *, spec_kwargs: Mapping[str, Any] | None = None) -> None: ...
    def register_blueprint(
        self, blp: Blueprint, *, parameters: list[Any] | None = None, **options: Any
    ) -> None: ...
    def handle_http_exception(self, error: HTTPException) -> Any: ...
