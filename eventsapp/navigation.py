"""The back office's per-event menu. Each domain adds its own entries when imported, so
the menu never links to a page that does not exist."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class NavEntry:
    endpoint: str
    label: Any
    order: int


EVENT_MENU: list[NavEntry] = []


def add_event_menu_entry(endpoint: str, label: Any, order: int) -> None:
    if all(entry.endpoint != endpoint for entry in EVENT_MENU):
        EVENT_MENU.append(NavEntry(endpoint, label, order))
        EVENT_MENU.sort(key=lambda entry: entry.order)


def register_menu(app) -> None:
    app.context_processor(
        lambda: {"event_menu": EVENT_MENU, "event_public_links": event_public_links}
    )


PUBLIC_LINKS: list[NavEntry] = []


def add_public_link(endpoint: str, label: Any, order: int) -> None:
    """A button on the public event page (agenda, sign-up, speakers...)."""
    if all(entry.endpoint != endpoint for entry in PUBLIC_LINKS):
        PUBLIC_LINKS.append(NavEntry(endpoint, label, order))
        PUBLIC_LINKS.sort(key=lambda entry: entry.order)


def event_public_links(event) -> list[dict]:
    from flask import url_for

    return [
        {"url": url_for(entry.endpoint, slug=event.slug), "label": entry.label}
        for entry in PUBLIC_LINKS
    ]
