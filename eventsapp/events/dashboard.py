"""The event Overview's dashboard: panels that higher domains add (registrations, seats by
delegation, workshops, arrivals), each read with a fixed number of SQL statements whatever
the event's size, and drawn by its own template (numbers linking to the filtered lists,
charts as server-side SVG, templates/macros/charts.html).

A panel's loader takes the event and the current instant and returns what its template
needs, or None to leave the panel out."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from eventsapp.events.models import Event


@dataclass(frozen=True)
class Panel:
    name: str
    order: int
    template: str
    load: Callable[[Any, datetime], dict[str, Any] | None]


PANELS: list[Panel] = []


def add_dashboard_panel(
    name: str, order: int, template: str, load: Callable[[Any, datetime], dict[str, Any] | None]
) -> None:
    if all(panel.name != name for panel in PANELS):
        PANELS.append(Panel(name, order, template, load))
        PANELS.sort(key=lambda panel: panel.order)


def dashboard_panels(event: Event, now: datetime) -> list[tuple[Panel, dict[str, Any]]]:
    loaded = ((panel, panel.load(event, now)) for panel in PANELS)
    return [(panel, data) for panel, data in loaded if data is not None]
