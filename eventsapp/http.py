"""Small HTTP pieces shared by every domain's views (no domain rules here)."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from urllib.parse import urlsplit

from flask import Response, request
from flask.typing import ResponseReturnValue
from werkzeug.wrappers import Response as WerkzeugResponse

# A view function, as route decorators and access checks take and give it.
View = Callable[..., ResponseReturnValue]


def safe_next(target: str | None, default: str) -> str:
    """Only a path on this site: no scheme, no host, no protocol-relative '//', no backslash
    and no control character (browsers drop tabs and newlines, turning '/\\t/x' into '//x')."""
    if not target or len(target) > 2000:
        return default
    if any(ord(ch) < 0x20 or ord(ch) == 0x7F or ch == "\\" for ch in target):
        return default
    parts = urlsplit(target)
    if parts.scheme or parts.netloc or not target.startswith("/") or target.startswith("//"):
        return default
    return target


def download(data: bytes, mimetype: str, filename: str, *, inline: bool = True) -> Response:
    """``data`` as a file named ``filename`` (shown by the browser when ``inline``)."""
    disposition = "inline" if inline else "attachment"
    # A type that names its charset is sent as given (``mimetype=`` would add a second one).
    named_charset = ";" in mimetype
    return Response(
        data,
        headers={"Content-Disposition": f'{disposition}; filename="{filename}"'},
        mimetype=None if named_charset else mimetype,
        content_type=mimetype if named_charset else None,
    )


def public_feed(
    data: bytes, mimetype: str, filename: str, last_modified: datetime | None
) -> WerkzeugResponse:
    """A public read-only feed (calendar, schedule): a strong ETag and Last-Modified, so a
    client that holds the current copy gets 304; readable by scripts of any site (CORS *).
    The body follows the visitor's language when no ``lang`` is asked for, hence Vary."""
    response = download(data, mimetype, filename)
    response.add_etag()
    if last_modified is not None:
        response.last_modified = last_modified
    response.cache_control.no_cache = True  # keep a copy, but ask again (cheap: 304)
    response.headers["Access-Control-Allow-Origin"] = "*"
    response.headers["Access-Control-Expose-Headers"] = "ETag, Last-Modified"
    response.vary.update(("Accept-Language", "Cookie"))
    return response.make_conditional(request)
