"""The secret keys that sign things, for rotating SECRET_KEY without killing what is out.

Printed badges carry a QR token and e-mails carry personal links, both signed with
SECRET_KEY. To change the key, put the old one in SECRET_KEY_FALLBACKS (comma-separated,
newest first, as Flask reads it for the session cookie): what it signed still opens,
everything new is signed with SECRET_KEY. Once the old badges and links have expired, drop
the fallback.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from flask import current_app


def signing_keys(config: Mapping[str, Any] | None = None) -> list[str]:
    """Every key to verify with, oldest first and the current key last (the order
    itsdangerous expects: it signs with the last and accepts any)."""
    config = current_app.config if config is None else config
    fallbacks = config.get("SECRET_KEY_FALLBACKS") or []
    if isinstance(fallbacks, str):
        fallbacks = [key.strip() for key in fallbacks.split(",") if key.strip()]
    return [*reversed(list(fallbacks)), config["SECRET_KEY"]]


def current_key(config: Mapping[str, Any] | None = None) -> str:
    config = current_app.config if config is None else config
    key: str = config["SECRET_KEY"]
    return key
