"""What events tell the domains above it (registration, ...), which must not be imported
from here: they connect to these signals (blinker) and react.

``event_capacity_raised`` is sent with the event as sender when a saved event's capacity
grew (or became unlimited), inside the same transaction; receivers flush and audit like any
service, the caller commits.

``event_timezone_changed`` is sent with the event as sender and ``old``/``new`` zone names
when an organizer moves the event to another zone and chose that planned times keep their
clock times: receivers move their instants (a DomainError refuses the change).

``event_cloned`` is sent with the source event as sender and ``new`` (the copy, flushed),
``rooms`` and ``tracks`` (source id -> the copy's row), ``days`` (how far the dates move)
and ``actor``: receivers copy what they own that is set-up, never people (see
events.cloning)."""

from __future__ import annotations

from blinker import Namespace

_signals = Namespace()

event_capacity_raised = _signals.signal("event-capacity-raised")
event_timezone_changed = _signals.signal("event-timezone-changed")
event_cloned = _signals.signal("event-cloned")
