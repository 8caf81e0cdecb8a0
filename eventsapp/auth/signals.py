"""What auth tells the domains above it (mail, ...), which must not be imported from here:
they connect to these signals (blinker) and react.

``reset_link_issued`` is sent with the user as sender when a password-reset link was made
for them; its keyword arguments are the reset message's values (``lang``, ``link``,
``hours``). mail connects to it and queues the message; the caller commits."""

from __future__ import annotations

from blinker import Namespace

_signals = Namespace()

reset_link_issued = _signals.signal("reset-link-issued")
