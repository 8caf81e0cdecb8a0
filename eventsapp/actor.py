"""Who acts in a service call, as the services and the audit log see it."""

from __future__ import annotations

from typing import Protocol


class Actor(Protocol):
    """A signed-in user (eventsapp.auth.models.User), or the API's stand-in for a token's
    user (eventsapp.api.auth.ApiActor, which also names the token as ``via``). Core and
    every domain take it without importing auth or api."""

    @property
    def id(self) -> int: ...

    @property
    def email(self) -> str: ...

    @property
    def name(self) -> str: ...

    @property
    def is_admin(self) -> bool: ...
