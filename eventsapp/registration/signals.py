"""What registration tells the domains above it (agenda, badges, ...), which must not be
imported from here: they connect to these signals (blinker) and react.

``registration_left`` is sent with the registration as sender when it stops holding its
place in the event: cancelled, declined, or about to be deleted (sent before the row goes,
inside the same transaction, so that a receiver can still find what hangs on it). Receivers
flush and audit like any service; the caller commits."""

from __future__ import annotations

from blinker import Namespace

_signals = Namespace()

registration_left = _signals.signal("registration-left")
