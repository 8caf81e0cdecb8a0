"""The delegations as registration sees them: a seat quota, a name, a join code.

delegations sits above registration (its heads register members through registration's
services) and must not be imported from here. It fills this port in when its models are
imported (eventsapp.delegations.seats, imported by eventsapp.models like every mapper-level
hook), the way the domains above registration connect to its signals."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Protocol

from sqlalchemy import Select
from sqlalchemy.orm.interfaces import ORMOption


class SeatGroup(Protocol):
    """One delegation: ``seat_quota`` seats for its members, ``withdrawn`` when it left."""

    @property
    def id(self) -> int: ...
    @property
    def event_id(self) -> int: ...
    @property
    def seat_quota(self) -> int: ...
    @property
    def name(self) -> str: ...
    @property
    def withdrawn(self) -> bool: ...


class Delegations(Protocol):
    def get(self, delegation_id: int) -> SeatGroup | None:
        """The delegation, unlocked (None when there is none)."""

    def lock(self, delegation_id: int) -> SeatGroup:
        """The delegation, locked until the transaction ends (``db.lock_row``)."""

    def lock_event(self, event_id: int) -> Sequence[SeatGroup]:
        """The event's delegations, locked in id order (what ``decide_seat`` locks)."""

    def of_event(self, event_id: int, *, open_only: bool = False) -> Sequence[SeatGroup]:
        """The event's delegations (without the withdrawn ones when ``open_only``), their
        names loaded in the same query."""

    def normalize_code(self, text: str | None) -> str:
        """A typed join code as stored (empty when nothing was typed)."""

    def for_code(self, event_id: int, code: str) -> SeatGroup | None:
        """The event's open delegation whose join code is ``code`` (normalized)."""

    def name_options(self) -> Sequence[ORMOption]:
        """Loader options that load ``Registration.delegation`` with its name."""

    def open_one(self, event_id: int, delegation_id: int) -> Select[tuple[int]]:
        """A query of the id of the event's open delegation ``delegation_id`` (for an
        EXISTS among other checks in one statement)."""


_delegations: list[Delegations] = []


def register_delegations(provider: Delegations) -> None:
    _delegations[:] = [provider]


def delegations() -> Delegations:
    if not _delegations:
        raise RuntimeError("eventsapp.delegations.seats is not imported (eventsapp.models)")
    return _delegations[0]
