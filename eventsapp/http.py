"""Small HTTP pieces shared by every domain's views (no domain rules here)."""

from __future__ import annotations

from urllib.parse import urlsplit

from flask import Response


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
    return Response(
        data,
        mimetype=mimetype,
        headers={"Content-Disposition": f'{disposition}; filename="{filename}"'},
    )
