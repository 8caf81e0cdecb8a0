"""delegations' side of registration's port (eventsapp.registration.delegation_port): the
delegation rows that registration's seat rules, forms, join codes and reports read.
Imported by eventsapp.models, so that every process (web, worker, CLI) has it."""

from __future__ import annotations

from collections.abc import Sequence

from sqlalchemy import Select
from sqlalchemy.orm import joinedload
from sqlalchemy.orm.interfaces import ORMOption

from eventsapp.db import lock_row
from eventsapp.delegations.models import Delegation, DelegationStatus, normalize_join_code
from eventsapp.extensions import db
from eventsapp.registration.delegation_port import register_delegations
from eventsapp.registration.models import Registration


class DelegationRows:
    def get(self, delegation_id: int) -> Delegation | None:
        return db.session.get(Delegation, delegation_id)

    def lock(self, delegation_id: int) -> Delegation:
        return lock_row(Delegation, delegation_id)

    def lock_event(self, event_id: int) -> list[Delegation]:
        return list(
            db.session.scalars(
                db.select(Delegation)
                .where(Delegation.event_id == event_id)
                .order_by(Delegation.id)
                .with_for_update(key_share=True)
            )
        )

    def of_event(self, event_id: int, *, open_only: bool = False) -> list[Delegation]:
        query = (
            db.select(Delegation)
            .where(Delegation.event_id == event_id)
            .options(joinedload(Delegation.jurisdiction), joinedload(Delegation.organization))
        )
        if open_only:
            query = query.where(Delegation.status != DelegationStatus.WITHDRAWN)
        return list(db.session.scalars(query))

    def normalize_code(self, text: str | None) -> str:
        return normalize_join_code(text)

    def for_code(self, event_id: int, code: str) -> Delegation | None:
        return db.session.scalar(
            db.select(Delegation).where(
                Delegation.event_id == event_id,
                Delegation.join_code == code,
                Delegation.status != DelegationStatus.WITHDRAWN,
            )
        )

    def name_options(self) -> Sequence[ORMOption]:
        return (
            joinedload(Registration.delegation).joinedload(Delegation.jurisdiction),
            joinedload(Registration.delegation).joinedload(Delegation.organization),
        )

    def open_one(self, event_id: int, delegation_id: int) -> Select[tuple[int]]:
        return db.select(Delegation.id).where(
            Delegation.id == delegation_id,
            Delegation.event_id == event_id,
            Delegation.status != DelegationStatus.WITHDRAWN,
        )


register_delegations(DelegationRows())
