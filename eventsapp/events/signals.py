"""What events tell the domains above it (registration, ...), which must not be imported
from here: they connect to these signals (blinker) and react.

``event_capacity_raised`` is sent with the event as sender when a saved event's capacity
grew (or became unlimited), inside the same transaction; receivers flush and audit like any
service, the caller commits."""

from __future__ import annotations

from blinker import Namespace

_signals = Namespace()

event_capacity_raised = _signals.signal("event-capacity-raised")
