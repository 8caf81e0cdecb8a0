"""How raw request input is read, so that no hostile value reaches the database as a crash.

- Ids in URLs (``<int:...>``) stay within the database's integer range: a larger number is a
  404, not an overflow (SQLite) or "integer out of range" (PostgreSQL) 500.
- ``database_id`` does the same for an id read from JSON or a form; ``id_arg`` for a query
  string filter (an invalid one is ignored, as if absent) and ``page_number`` for ``?page=``
  (every ``db.paginate`` reads it, see eventsapp/extensions.py).
- JSON nested deeper than the parser's stack is refused like any malformed JSON.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from flask import Flask, request
from flask.json.provider import DefaultJSONProvider
from werkzeug.routing import IntegerConverter, Map

MAX_ID = 2**31 - 1  # PostgreSQL's INTEGER


class IdConverter(IntegerConverter):
    """``<int:...>`` with a ceiling at the largest database id."""

    def __init__(
        self,
        map: Map,
        fixed_digits: int = 0,
        min: int | None = None,
        max: int = MAX_ID,
        signed: bool = False,
    ) -> None:  # noqa: A002
        super().__init__(map, fixed_digits=fixed_digits, min=min, max=max, signed=signed)


class JSONProvider(DefaultJSONProvider):
    def loads(self, s: str | bytes, **kwargs: Any) -> Any:
        try:
            return super().loads(s, **kwargs)
        except RecursionError as error:  # "[[[[…" deeper than the stack
            raise ValueError("JSON nested too deeply") from error


def database_id(value: Any) -> int | None:
    """An id posted by hand (any JSON value) as an int in the database's range, else None."""
    if isinstance(value, bool):
        return None
    try:
        number = int(value)
    except (TypeError, ValueError, OverflowError):
        return None
    return number if 0 < number <= MAX_ID else None


def id_arg(name: str, args: Mapping[str, str] | None = None) -> int | None:
    """An id from the query string (or ``args``): None when absent or not an id in the
    database's range (text, zero, negative, huge), so such a filter is simply ignored."""
    value = (args if args is not None else request.args).get(name)
    if not (isinstance(value, str) and value.isascii() and value.isdigit()):
        return None
    return database_id(value)


def page_number() -> int:
    """The query string's ``page``: 1 when absent or not a number, at most MAX_ID (beyond
    the last page the list is empty; an offset that large never overflows)."""
    value = request.args.get("page", "")
    if not (value.isascii() and value.isdigit()):
        return 1
    return max(1, min(int(value), MAX_ID))


def register_input_readers(app: Flask) -> None:
    """Call before the blueprints are registered (rules bind their converters then)."""
    app.url_map.converters["int"] = IdConverter
    app.json = JSONProvider(app)


def normalize_email(email: str | None) -> str:
    """An e-mail address as stored and compared: trimmed, lower case (accounts and people
    alike, so one address is one account and one person per event)."""
    return (email or "").strip().lower()
