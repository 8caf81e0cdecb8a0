# Flask-Login 0.6: only the names eventsapp uses.
from collections.abc import Callable
from datetime import timedelta
from typing import Any, ParamSpec, TypeVar

from blinker import NamedSignal
from flask import Flask
from flask.typing import ResponseReturnValue

_P = ParamSpec("_P")
_R = TypeVar("_R")
_C = TypeVar("_C", bound=Callable[..., Any])

# The user of the request: whatever the app's user_loader returned, or the anonymous user
# (AnonymousUserMixin); the library cannot know the app's class, so it is Any.
current_user: Any

class UserMixin:
    @property
    def is_active(self) -> bool: ...
    @property
    def is_authenticated(self) -> bool: ...
    @property
    def is_anonymous(self) -> bool: ...
    def get_id(self) -> str: ...

class LoginManager:
    login_view: str | None
    session_protection: str | None
    def __init__(self, app: Flask | None = None, add_context_processor: bool = True) -> None: ...
    def init_app(self, app: Flask, add_context_processor: bool = True) -> None: ...
    def unauthorized(self) -> ResponseReturnValue: ...
    def user_loader(self, callback: _C) -> _C: ...
    def unauthorized_handler(self, callback: _C) -> _C: ...

def login_required(func: Callable[_P, _R]) -> Callable[_P, _R]: ...
def login_user(
    user: Any,
    remember: bool = False,
    duration: timedelta | None = None,
    force: bool = False,
    fresh: bool = True,
) -> bool: ...
def logout_user() -> bool: ...
def login_url(login_view: str, next_url: str | None = None, next_field: str = "next") -> str: ...

user_logged_in: NamedSignal
user_logged_out: NamedSignal
user_accessed: NamedSignal
