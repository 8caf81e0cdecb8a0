"""Declarative base with a constraint naming convention, and shared column types."""

from __future__ import annotations

import enum
from datetime import UTC, datetime
from typing import Any, TypeVar, cast

from sqlalchemy import (
    Connection,
    CursorResult,
    DateTime,
    Dialect,
    Engine,
    Enum,
    MetaData,
    Result,
    TypeDecorator,
)
from sqlalchemy.orm import DeclarativeBase

NAMING_CONVENTION = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING_CONVENTION)


class UTCDateTime(TypeDecorator[datetime]):
    """An aware datetime stored as UTC; SQLite gets it back aware as well."""

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError("naive datetime given to a UTC column")
        value = value.astimezone(UTC)
        return value.replace(tzinfo=None) if dialect.name == "sqlite" else value

    def process_result_value(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            return value.replace(tzinfo=UTC)
        return value.astimezone(UTC)


def utcnow() -> datetime:
    return datetime.now(UTC)


def enum_column(enum_cls: type[enum.Enum], name: str) -> Enum:
    """Store an enum by its value, as a VARCHAR with a CHECK (portable, easy to migrate)."""
    return Enum(
        enum_cls,
        name=name,
        native_enum=False,
        create_constraint=True,
        length=max(len(m.value) for m in enum_cls),
        values_callable=lambda cls: [m.value for m in cls],
        validate_strings=True,
    )


def configure_sqlite(engine: Engine) -> None:
    """SQLite: enforce foreign keys and start every transaction with BEGIN IMMEDIATE.

    SQLite serialises writers; a deferred transaction that read first and writes later can
    fail with "database is locked" instead of waiting. Taking the write lock at BEGIN makes
    concurrent requests queue (busy_timeout) and keeps capacity decisions exact. SQLite is
    the embedded default for one office; production runs PostgreSQL with row locks."""
    from sqlalchemy import event

    if engine.dialect.name != "sqlite":
        return

    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection: Any, _record: Any) -> None:
        dbapi_connection.isolation_level = None  # pysqlite: no implicit BEGIN
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.execute("PRAGMA busy_timeout=60000")
        if engine.url.database and engine.url.database != ":memory:":
            cursor.execute("PRAGMA journal_mode=WAL")
        cursor.close()

    @event.listens_for(engine, "begin")
    def _on_begin(connection: Connection) -> None:
        connection.exec_driver_sql("BEGIN IMMEDIATE")


LOCKED_ROWS = "locked_rows"
_Row = TypeVar("_Row", bound="Base")


def lock_row(model: type[_Row], row_id: int) -> _Row:
    """Load one row and lock it until the transaction ends (SELECT ... FOR NO KEY UPDATE on
    PostgreSQL; on SQLite the transaction already holds the write lock).

    NO KEY UPDATE: lockers wait for each other (and for any UPDATE or DELETE of the row),
    but rows that merely point at it may be inserted meanwhile. Such an insert holds a
    KEY SHARE lock on the row until its commit, which FOR UPDATE would wait for: a sign-up
    that wrote its person before taking the event lock would deadlock with another one
    that did the same.

    A row this transaction has locked already is returned without a query: nobody else can
    have changed it since (a sign-up, its seat decision and its audit would otherwise lock
    the event row three times while every other sign-up waits). Outside savepoints only: a
    savepoint rolled back releases the locks taken in it."""
    from sqlalchemy import select

    from eventsapp.extensions import db

    session = db.session()
    plain = session.get_nested_transaction() is None
    root = session.get_transaction()
    held = session.info.get(LOCKED_ROWS)
    if plain and held is not None and held[0] is root and (model, row_id) in held[1]:
        row = session.get(model, row_id)
        if row is not None:
            return row
    query = (
        select(model)
        .filter_by(id=row_id)
        .with_for_update(key_share=True)
        .execution_options(populate_existing=True)
    )
    row = session.execute(query).scalar_one()
    if plain:
        root = session.get_transaction()  # begun by the query when none was open
        if held is None or held[0] is not root:
            held = session.info[LOCKED_ROWS] = (root, set[tuple[type[Base], int]]())
        held[1].add((model, row_id))
    return row


def rowcount(result: Result[Any]) -> int:
    """The rows an UPDATE or DELETE matched: Session.execute gives a CursorResult for those,
    typed as any Result."""
    return cast("CursorResult[Any]", result).rowcount


def flush_or_fail(message: str) -> None:
    """Flush in a savepoint; a constraint the database refuses becomes a DomainError."""
    from sqlalchemy.exc import IntegrityError

    from eventsapp.errors import DomainError
    from eventsapp.extensions import db

    try:
        with db.session.begin_nested():
            db.session.flush()
    except IntegrityError as error:
        raise DomainError(message) from error
