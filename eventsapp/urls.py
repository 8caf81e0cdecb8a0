"""Absolute links to this site, built from configuration only.

Every link that leaves the browser (e-mails, exports, CLI output, QR codes) names the site
configured in ``SERVER_NAME`` with ``PREFERRED_URL_SCHEME`` under ``APPLICATION_ROOT``,
never the request's ``Host`` header or scheme: a request sent with ``Host: attacker.example``
must not make the app mail a genuine token on the attacker's host. Works inside a request
and outside one (CLI, worker) alike.
"""

from __future__ import annotations

from typing import Any
from urllib.parse import quote

from flask import current_app
from werkzeug.routing import MapAdapter


class NoServerName(RuntimeError):
    """SERVER_NAME is not configured, so no absolute link can be built."""


def _adapter() -> MapAdapter:
    config = current_app.config
    server = config.get("SERVER_NAME")
    if not server:
        raise NoServerName(
            "SERVER_NAME must be set (e.g. events.example.org) to build absolute links"
        )
    return current_app.url_map.bind(
        server,
        script_name=config.get("APPLICATION_ROOT") or "/",
        url_scheme=config.get("PREFERRED_URL_SCHEME") or "http",
    )


def site_root() -> str:
    """The site's address with a trailing slash, e.g. ``https://events.example.org/``."""
    adapter = _adapter()
    root = adapter.script_name.rstrip("/")
    return f"{adapter.url_scheme}://{adapter.server_name}{root}/"


def external_url(endpoint: str, **values: Any) -> str:
    """``url_for(endpoint, **values)`` as an absolute link on the configured site.

    ``endpoint`` is a full name (``"registration.manage_link"``); ``_anchor`` and
    ``_method`` work as in ``url_for``; other values become path or query arguments.
    """
    anchor = values.pop("_anchor", None)
    method = values.pop("_method", None)
    values.pop("_external", None)
    values.pop("_scheme", None)
    adapter = _adapter()
    current_app.inject_url_defaults(endpoint, values)
    url = adapter.build(endpoint, values, method=method, force_external=True)
    if anchor is not None:
        url += "#" + quote(anchor, safe="%!#$&'()*+,/:;=?@")
    return url
