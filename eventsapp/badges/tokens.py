"""The short signed token printed in a badge's QR code.

It names a registration and its badge version, nothing personal: ``<id>.<version>.<mac>``
in base-36 with a truncated HMAC, about 20 characters, so the QR code stays at a low
version and scans from a distance. Reissuing a badge bumps the version; old badges then
fail the check. A token made with a former key (SECRET_KEY_FALLBACKS) still passes, so
the key can be rotated without reprinting badges: pass every key to ``parse_badge_token``.
"""

from __future__ import annotations

import hashlib
import hmac
from collections.abc import Sequence
from dataclasses import dataclass

MAC_LENGTH = 10  # base-36 characters of HMAC-SHA256: about 51 bits


def _b36(number: int) -> str:
    digits = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ"
    if number == 0:
        return "0"
    out = []
    while number:
        number, rem = divmod(number, 36)
        out.append(digits[rem])
    return "".join(reversed(out))


def _mac(secret: str, payload: str) -> str:
    digest = hmac.new(secret.encode(), b"badge:" + payload.encode(), hashlib.sha256).digest()
    return _b36(int.from_bytes(digest[:8], "big")).rjust(MAC_LENGTH, "0")[-MAC_LENGTH:]


@dataclass(frozen=True)
class BadgeToken:
    registration_id: int
    version: int


def make_badge_token(secret: str, registration_id: int, version: int) -> str:
    """Upper-case alphanumerics and '.', so the QR code can use its compact modes."""
    payload = f"{_b36(registration_id)}.{_b36(version)}"
    return f"{payload}.{_mac(secret, payload)}"


def parse_badge_token(secret: str | Sequence[str], token: str) -> BadgeToken | None:
    """The token's registration and version, or None when it is malformed or forged.
    ``secret`` is the key or every key that may have made it (current and fallbacks)."""
    token = (token or "").strip().upper()
    parts = token.split(".")
    if len(parts) != 3 or len(token) > 40:
        return None
    payload = f"{parts[0]}.{parts[1]}"
    keys = [secret] if isinstance(secret, str) else list(secret)
    if not any(hmac.compare_digest(_mac(key, payload), parts[2]) for key in keys):
        return None
    try:
        return BadgeToken(int(parts[0], 36), int(parts[1], 36))
    except ValueError:
        return None
