"""The back office's per-event menu. Each domain adds its own entries when imported, so
the menu never links to a page that does not exist.

Entries are grouped (Setup · People · Programme · On site · Records) and each names who may
open it (``audience``): "organizer" (the event's organizers and admins) or "staff" (check-in
staff too). The menu shows a user only the entries of their audiences, which the app
assembly tells through ``register_menu(app, audiences_of)`` (core knows no roles)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from flask import Flask
from flask_babel import lazy_gettext as _l

GROUPS: dict[str, Any] = {
    "setup": _l("Setup"),
    "people": _l("People"),
    "programme": _l("Programme"),
    "onsite": _l("On site"),
    "records": _l("Records"),
}


@dataclass(frozen=True)
class NavEntry:
    endpoint: str
    label: Any
    order: int
    group: str = "setup"
    audience: str = "organizer"
    show: Callable[[Any], bool] | None = None  # public links: shown for this event?


EVENT_MENU: list[NavEntry] = []


def add_event_menu_entry(
    endpoint: str, label: Any, order: int, group: str = "setup", audience: str = "organizer"
) -> None:
    assert group in GROUPS, group
    if all(entry.endpoint != endpoint for entry in EVENT_MENU):
        EVENT_MENU.append(NavEntry(endpoint, label, order, group, audience))
        EVENT_MENU.sort(key=lambda entry: entry.order)


def menu_groups(entries: list[NavEntry], audiences: set[str]) -> list[tuple[Any, list[NavEntry]]]:
    """The entries ``audiences`` may open, by group, in the groups' order (empty groups left
    out)."""
    visible = [entry for entry in entries if entry.audience in audiences]
    return [
        (label, [entry for entry in visible if entry.group == key])
        for key, label in GROUPS.items()
        if any(entry.group == key for entry in visible)
    ]


def register_menu(app: Flask, audiences_of: Callable[[Any, Any], set[str]]) -> None:
    """``audiences_of(user, event)``: the audiences (see NavEntry) ``user`` belongs to on
    ``event``."""

    def event_menu(event: Any) -> list[tuple[Any, list[NavEntry]]]:
        from flask import g
        from flask_login import current_user

        cache: dict[int, list[tuple[Any, list[NavEntry]]]] = g.setdefault("_event_menu", {})
        if event.id not in cache:
            cache[event.id] = menu_groups(EVENT_MENU, audiences_of(current_user, event))
        return cache[event.id]

    app.context_processor(
        lambda: {"event_menu": event_menu, "event_public_links": event_public_links}
    )


PUBLIC_LINKS: list[NavEntry] = []


def add_public_link(
    endpoint: str, label: Any, order: int, show: Callable[[Any], bool] | None = None
) -> None:
    """A button on the public event page (agenda, sign-up, speakers...); ``show(event)``,
    when given, says whether the visitor is shown it (a link they could not open is not)."""
    if all(entry.endpoint != endpoint for entry in PUBLIC_LINKS):
        PUBLIC_LINKS.append(NavEntry(endpoint, label, order, show=show))
        PUBLIC_LINKS.sort(key=lambda entry: entry.order)


def event_public_links(event: Any) -> list[dict[str, Any]]:
    from flask import url_for

    return [
        {"url": url_for(entry.endpoint, slug=event.slug), "label": entry.label}
        for entry in PUBLIC_LINKS
        if entry.show is None or entry.show(event)
    ]
