"""The public agenda's rendered schedule, kept per worker process, told of changes by Redis.

Rendering the agenda of a large event (hundreds of sessions with rooms, tracks and speakers)
costs tens of milliseconds, while it changes only when an organizer edits the programme.
``page_cache().get_or_render(key, render)`` keeps the rendered HTML per key (event, language,
filters) in the worker:

* any flush or commit that adds, changes or deletes a session, speaker link, speaker, room,
  track or event, or changes an existing person, empties this process's cache at once, and
  its commit moves the agenda's version: a counter in Redis (``REDIS_URL``) that every
  worker of every host reads (one GET) on each request, emptying its cache when it moved, so
  a change made on one host is served by every host at once;
* without REDIS_URL (development, tests) the version is this process's own: a change shows
  at once in the process that made it, and elsewhere when the copies expire;
* a copy lives at most ``AGENDA_CACHE_SECONDS`` (default 60; 0 turns the cache off);
* at most ``MAX_ENTRIES`` keys (the least recently used go first), since the filters come from
  the query string;
* when Redis does not answer, pages are rendered afresh (never served from a copy that may be
  stale) and a warning is logged.

Nothing per visitor (sign-in state, CSRF token, flashed messages) is ever cached: only the
page body, which depends on the key alone.
"""

from __future__ import annotations

import threading
import time
from collections import OrderedDict
from collections.abc import Callable, Hashable

import redis
from flask import current_app, has_app_context
from redis.exceptions import RedisError
from sqlalchemy import event as sa_event
from sqlalchemy.orm import ORMExecuteState, Session, UOWTransaction

from eventsapp.agenda.models import AgendaSession, SessionSpeaker, Speaker
from eventsapp.events.models import Event, Room, Track
from eventsapp.redis_client import redis_client
from eventsapp.registration.models import Person

WATCHED = (AgendaSession, SessionSpeaker, Speaker, Room, Track, Event)
EXTENSION_KEY = "agenda_page_cache"
CHANGED_KEY = "agenda_page_cache_changed"
MAX_ENTRIES = 256
VERSION_KEY = "eventsapp:agenda:version"


class Unavailable(Exception):
    """The shared version could not be read: do not trust any kept copy."""


class RedisVersion:
    """The agenda's version shared by every host: a counter in Redis."""

    def __init__(self, client: redis.Redis, key: str = VERSION_KEY) -> None:
        self.client = client
        self.key = key

    def __call__(self) -> object:
        try:
            return self.client.get(self.key)
        except (RedisError, OSError) as error:
            raise Unavailable(str(error)) from error

    def move(self) -> None:
        self.client.incr(self.key)


class RenderCache:
    def __init__(
        self,
        seconds: float,
        max_entries: int = MAX_ENTRIES,
        version: Callable[[], object] | None = None,
    ) -> None:
        self.seconds = seconds
        self.version = version  # the shared version, read on every request; None: per process
        self.seen: object = None  # the shared version the kept entries belong to
        self.max_entries = max_entries
        self.entries: OrderedDict[Hashable, tuple[float, str]] = OrderedDict()
        self.generation = 0
        self.lock = threading.Lock()

    def get_or_render(self, key: Hashable, render: Callable[[], str]) -> str:
        if self.seconds <= 0:
            return render()
        now = time.monotonic()
        try:
            seen = self.version() if self.version is not None else None
        except Unavailable as error:
            current_app.logger.warning("Agenda cache bypassed, Redis unavailable: %s", error)
            self.clear()
            return render()
        with self.lock:
            if seen != self.seen:  # another process (or host) changed the agenda
                self.seen = seen
                self.generation += 1
                self.entries.clear()
            hit = self.entries.get(key)
            if hit is not None and hit[0] > now:
                self.entries.move_to_end(key)
                return hit[1]
            generation = self.generation
        value = render()
        with self.lock:
            if generation == self.generation:  # nothing changed while rendering
                self.entries[key] = (now + self.seconds, value)
                self.entries.move_to_end(key)
                while len(self.entries) > self.max_entries:
                    self.entries.popitem(last=False)
        return value

    def clear(self) -> None:
        with self.lock:
            self.generation += 1
            self.entries.clear()


def page_cache() -> RenderCache:
    cache: RenderCache | None = current_app.extensions.get(EXTENSION_KEY)
    if cache is None:
        seconds = float(current_app.config.get("AGENDA_CACHE_SECONDS", 60))
        client = redis_client(current_app)
        version = RedisVersion(client) if client is not None else None
        cache = current_app.extensions.setdefault(
            EXTENSION_KEY, RenderCache(seconds, version=version)
        )
    return cache


def announce_change() -> None:
    """Tell every worker of every host that the agenda changed (nothing to do without Redis:
    this process emptied its own copies already)."""
    client = redis_client(current_app)
    if client is None:
        return
    try:
        RedisVersion(client).move()
    except (RedisError, OSError) as error:  # the commit is done; copies still expire
        current_app.logger.warning("Agenda change not announced, Redis unavailable: %s", error)


def _clear() -> None:
    if has_app_context():
        cache = current_app.extensions.get(EXTENSION_KEY)
        if cache is not None:
            cache.clear()


def _touches_agenda(session: Session) -> bool:
    if any(isinstance(obj, WATCHED) for obj in session.new):
        return True
    if any(isinstance(obj, (*WATCHED, Person)) for obj in session.deleted):
        return True
    return any(
        isinstance(obj, (*WATCHED, Person)) and session.is_modified(obj, include_collections=False)
        for obj in session.dirty
    )


@sa_event.listens_for(Session, "after_flush")
def _after_flush(session: Session, flush_context: UOWTransaction) -> None:
    if _touches_agenda(session):
        session.info[CHANGED_KEY] = True
        _clear()


@sa_event.listens_for(Session, "do_orm_execute")
def _bulk(state: ORMExecuteState) -> None:
    if (
        (state.is_update or state.is_delete)
        and state.bind_mapper is not None
        and issubclass(state.bind_mapper.class_, (*WATCHED, Person))
    ):
        state.session.info[CHANGED_KEY] = True
        _clear()


@sa_event.listens_for(Session, "after_commit")
def _after_commit(session: Session) -> None:
    if session.info.pop(CHANGED_KEY, False):
        _clear()
        if has_app_context():
            announce_change()


@sa_event.listens_for(Session, "after_rollback")
def _after_rollback(session: Session) -> None:
    session.info.pop(CHANGED_KEY, None)
