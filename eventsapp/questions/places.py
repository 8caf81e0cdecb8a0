"""Places of a choice option with a capacity (the site visit with 40 places), and its own
waiting list.

A chosen option holds a place when its ``AnswerChoice.waitlist_position`` is None; beyond the
capacity the choice waits, numbered 1..n per option without gaps. Every change of a place
locks the event row first (as a seat does, eventsapp.registration.capacity) and then the
option rows, in id order: two registrations choosing the last place queue on the option
row and the second counts the first. Withdrawing a choice that held a place gives it to
the first waiting; a registration that leaves the event gives up its places
(``release``, called by registration through ``services.release_places``).

Who holds a place: every choice row of the option not on its waiting list. A registration
leaving the event loses its choices of options with a capacity (the place is given up);
its other answers stay.
"""

from __future__ import annotations

from collections.abc import Iterable

from sqlalchemy import func

from eventsapp.db import lock_row
from eventsapp.events.models import Event
from eventsapp.extensions import db
from eventsapp.questions.models import AnswerChoice, QuestionOption


def lock_options(event_id: int, option_ids: Iterable[int]) -> dict[int, QuestionOption]:
    """Lock the event row, then each option row in id order (one order everywhere: no
    deadlock between two registrations changing the same options)."""
    lock_row(Event, event_id)
    return {oid: lock_row(QuestionOption, oid) for oid in sorted(set(option_ids))}


def places_taken(option_id: int) -> int:
    return (
        db.session.scalar(
            db.select(func.count(AnswerChoice.id)).where(
                AnswerChoice.option_id == option_id, AnswerChoice.waitlist_position.is_(None)
            )
        )
        or 0
    )


def _last_position(option_id: int) -> int:
    return (
        db.session.scalar(
            db.select(func.max(AnswerChoice.waitlist_position)).where(
                AnswerChoice.option_id == option_id
            )
        )
        or 0
    )


def take(option: QuestionOption) -> int | None:
    """The ``waitlist_position`` of a new choice of ``option``: None (a place) while places
    are free, else the end of the option's waiting list. Ask before the new choice is in
    the session (it would count itself); the caller holds the locks (``lock_options``)
    and flushes every choice of the option before (nothing is flushed here)."""
    if option.capacity is None:
        return None
    with db.session.no_autoflush:  # the new choice's answer may wait for one flush
        if places_taken(option.id) < option.capacity:
            return None
        return _last_position(option.id) + 1


def give_up(option: QuestionOption, choice: AnswerChoice) -> list[tuple[AnswerChoice, int]]:
    """Withdraw ``choice``: a place it held goes to the first waiting, and the waiting list
    closes its gap. The caller holds the locks. Returns what ``fill`` returns."""
    held = choice.waitlist_position is None
    db.session.delete(choice)
    db.session.flush()
    if held:
        return fill(option)
    renumber(option.id)
    return []


def fill(option: QuestionOption) -> list[tuple[AnswerChoice, int]]:
    """Promote waiting choices, in order, while the option has free places (also after its
    capacity was raised; the caller holds the locks). Returns each promoted choice with
    the waiting position it had."""
    if option.capacity is None:
        free = None
    else:
        free = option.capacity - places_taken(option.id)
        if free <= 0:
            return []
    query = (
        db.select(AnswerChoice)
        .where(AnswerChoice.option_id == option.id, AnswerChoice.waitlist_position.is_not(None))
        .order_by(AnswerChoice.waitlist_position, AnswerChoice.id)
    )
    if free is not None:
        query = query.limit(free)
    promoted = [
        (choice, choice.waitlist_position)
        for choice in db.session.scalars(query)
        if choice.waitlist_position is not None  # always so (the query asks for it)
    ]
    for choice, _position in promoted:
        choice.waitlist_position = None
    db.session.flush()
    if promoted:
        renumber(option.id)
    return promoted


def renumber(option_id: int) -> None:
    """The option's waiting list numbered 1..n in its current order."""
    waiting = db.session.scalars(
        db.select(AnswerChoice)
        .where(AnswerChoice.option_id == option_id, AnswerChoice.waitlist_position.is_not(None))
        .order_by(AnswerChoice.waitlist_position, AnswerChoice.id)
    ).all()
    for position, choice in enumerate(waiting, start=1):
        if choice.waitlist_position != position:
            choice.waitlist_position = position
    db.session.flush()


def waiting_count(option_ids: Iterable[int]) -> dict[int, tuple[int, int]]:
    """Option id -> (places held, choices waiting), in one query."""
    ids = list(option_ids)
    if not ids:
        return {}
    rows = db.session.execute(
        db.select(
            AnswerChoice.option_id,
            func.count(AnswerChoice.id).filter(AnswerChoice.waitlist_position.is_(None)),
            func.count(AnswerChoice.waitlist_position),
        )
        .where(AnswerChoice.option_id.in_(ids))
        .group_by(AnswerChoice.option_id)
    )
    return {oid: (held, waiting) for oid, held, waiting in rows}
