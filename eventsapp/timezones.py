"""Wall-clock times at an event's place and the instants they name.

Instants are stored in UTC; forms show and take wall times in the event's time zone. A wall
time that the clocks skip (spring forward) names no instant, and one they repeat (fall
back) names two: both are refused with a message instead of being guessed.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import overload
from zoneinfo import ZoneInfo

from flask_babel import lazy_gettext as _l

from eventsapp.errors import DomainError


@overload
def to_utc(wall: datetime, tz_name: str, field: str | None = None) -> datetime: ...
@overload
def to_utc(wall: None, tz_name: str, field: str | None = None) -> None: ...
def to_utc(wall: datetime | None, tz_name: str, field: str | None = None) -> datetime | None:
    """The instant that the naive wall time ``wall`` names in ``tz_name``; an aware value is
    returned as it is. A DomainError on ``field`` when the wall time does not exist there or
    is ambiguous."""
    if wall is None or wall.tzinfo is not None:
        return wall
    zone = ZoneInfo(tz_name)
    early = wall.replace(tzinfo=zone, fold=0)
    late = wall.replace(tzinfo=zone, fold=1)
    if early.utcoffset() == late.utcoffset():
        return early.astimezone(UTC)
    # The offsets differ: the wall time falls in a transition. In a gap neither reading
    # comes back to the same wall time; in an overlap both do.
    if early.astimezone(UTC).astimezone(zone).replace(tzinfo=None) != wall:
        raise DomainError(
            _l(
                "%(time)s does not exist in %(zone)s: the clocks skip it (daylight saving "
                "time starts). Choose another time.",
                time=wall.strftime("%Y-%m-%d %H:%M"),
                zone=tz_name,
            ),
            field=field,
        )
    raise DomainError(
        _l(
            "%(time)s happens twice in %(zone)s (daylight saving time ends). Choose a time "
            "outside the repeated hour.",
            time=wall.strftime("%Y-%m-%d %H:%M"),
            zone=tz_name,
        ),
        field=field,
    )


@overload
def to_wall(instant: datetime, tz_name: str) -> datetime: ...
@overload
def to_wall(instant: None, tz_name: str) -> None: ...
def to_wall(instant: datetime | None, tz_name: str) -> datetime | None:
    """The naive wall time at ``tz_name`` of the aware ``instant``."""
    if instant is None:
        return None
    return instant.astimezone(ZoneInfo(tz_name)).replace(tzinfo=None)


def shift_days(instant: datetime | None, tz_name: str, days: int) -> datetime | None:
    """``instant`` moved by ``days`` calendar days at the same wall-clock time in
    ``tz_name`` (9:00 stays 9:00 across a daylight-saving change; a time the clocks skip
    on the new day reads as the time after the gap)."""
    if instant is None:
        return None
    wall = to_wall(instant, tz_name).replace(tzinfo=None) + timedelta(days=days)
    return wall.replace(tzinfo=ZoneInfo(tz_name), fold=0).astimezone(UTC)
