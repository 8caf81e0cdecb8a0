"""The public agenda's rendered schedule, kept per worker process.

Rendering the agenda of a large event (hundreds of sessions with rooms, tracks and speakers)
costs tens of milliseconds, while it changes only when an organizer edits the programme.
``page_cache().get_or_render(key, render)`` keeps the rendered HTML per key (event, language,
filters) in the worker:

* any flush or commit that adds, changes or deletes a session, speaker link, speaker, room,
  track or event, or changes an existing person, empties this process's cache at once, and
  its commit rewrites the stamp file (``AGENDA_CACHE_STAMP``, by default
  ``<instance>/agenda-cache.stamp``);
* every worker compares that file's stamp (one ``stat``) on each request and empties its
  cache when it moved, so the other workers of the host see the change at once too;
* a copy lives at most ``AGENDA_CACHE_SECONDS`` (default 60; 0 turns the cache off): the
  bound for servers that do not share the instance folder;
* at most ``MAX_ENTRIES`` keys (the least recently used go first), since the filters come from
  the query string.

Nothing per visitor (sign-in state, CSRF token, flashed messages) is ever cached: only the
page body, which depends on the key alone.
"""

from __future__ import annotations

import os
import threading
import time
from collections import OrderedDict

from flask import current_app, has_app_context
from sqlalchemy import event as sa_event
from sqlalchemy.orm import Session

from eventsapp.agenda.models import AgendaSession, SessionSpeaker, Speaker
from eventsapp.events.models import Event, Room, Track
from eventsapp.registration.models import Person

WATCHED = (AgendaSession, SessionSpeaker, Speaker, Room, Track, Event)
EXTENSION_KEY = "agenda_page_cache"
CHANGED_KEY = "agenda_page_cache_changed"
MAX_ENTRIES = 256
STAMP_FILE = "agenda-cache.stamp"


def _stamp(path: str):
    try:
        found = os.stat(path)
    except OSError:
        return None
    return found.st_mtime_ns, found.st_ino, found.st_size


def stamp_path(app) -> str:
    return app.config.get("AGENDA_CACHE_STAMP") or os.path.join(app.instance_path, STAMP_FILE)


def touch_stamp(path: str) -> None:
    """Tell every worker of this host that the agenda changed (a new file, atomically)."""
    temporary = f"{path}.{os.getpid()}.{threading.get_ident()}"
    try:
        with open(temporary, "w") as handle:
            handle.write(f"{time.time_ns()}\n")
        os.replace(temporary, path)
    except OSError:  # read-only instance folder: the time limit still applies
        pass


class RenderCache:
    def __init__(self, seconds: float, max_entries: int = MAX_ENTRIES, stamp_path: str = ""):
        self.seconds = seconds
        self.stamp_path = stamp_path
        self.stamp = _stamp(stamp_path) if stamp_path else None
        self.max_entries = max_entries
        self.entries: OrderedDict = OrderedDict()
        self.generation = 0
        self.lock = threading.Lock()

    def get_or_render(self, key, render):
        if self.seconds <= 0:
            return render()
        now = time.monotonic()
        stamp = _stamp(self.stamp_path) if self.stamp_path else None
        with self.lock:
            if stamp != self.stamp:  # another process changed the agenda
                self.stamp = stamp
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
    cache = current_app.extensions.get(EXTENSION_KEY)
    if cache is None:
        seconds = float(current_app.config.get("AGENDA_CACHE_SECONDS", 60))
        cache = current_app.extensions.setdefault(
            EXTENSION_KEY, RenderCache(seconds, stamp_path=stamp_path(current_app))
        )
    return cache


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
def _after_flush(session: Session, flush_context) -> None:
    if _touches_agenda(session):
        session.info[CHANGED_KEY] = True
        _clear()


@sa_event.listens_for(Session, "do_orm_execute")
def _bulk(state) -> None:
    if (state.is_update or state.is_delete) and state.bind_mapper is not None and issubclass(
        state.bind_mapper.class_, (*WATCHED, Person)
    ):
        state.session.info[CHANGED_KEY] = True
        _clear()


@sa_event.listens_for(Session, "after_commit")
def _after_commit(session: Session) -> None:
    if session.info.pop(CHANGED_KEY, False):
        _clear()
        if has_app_context():
            touch_stamp(stamp_path(current_app))


@sa_event.listens_for(Session, "after_rollback")
def _after_rollback(session: Session) -> None:
    session.info.pop(CHANGED_KEY, None)
