"""WSGI module for bench/http.py: the real app (``create_app()``, configured from the
environment like ``wsgi.py``) plus one bench-only route, ``/__bench/one-query``, the ceiling:
the full Flask stack (sessions, Babel, security headers) and one small SQL query.

Served by gunicorn as ``bench.http_app:app`` from the repository root; never imported by the
app itself, so production has no such route.
"""

from __future__ import annotations

import os

from eventsapp import create_app
from eventsapp.events.models import Event
from eventsapp.extensions import db

app = create_app()
if os.environ.get("AGENDA_CACHE_SECONDS"):  # to compare settings; the default is the app's
    app.config["AGENDA_CACHE_SECONDS"] = float(os.environ["AGENDA_CACHE_SECONDS"])


def one_query():
    """One indexed lookup, a few bytes of text: what any page costs at the least."""
    slug = db.session.scalar(db.select(Event.slug).order_by(Event.id).limit(1))
    return slug or "-", 200, {"Content-Type": "text/plain; charset=utf-8"}


app.add_url_rule("/__bench/one-query", "bench_one_query", one_query)
