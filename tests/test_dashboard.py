"""The event Overview's dashboard: its numbers are the database's, each links to the list
that shows them, the charts are accessible SVG, and it costs the same number of SQL
statements whatever the event's size."""

from __future__ import annotations

import re
from datetime import timedelta

from sqlalchemy import event as sa_event

from eventsapp.agenda.models import SessionKind, WorkshopSignup
from eventsapp.db import utcnow
from eventsapp.delegations.models import Delegation
from eventsapp.mail.models import DeliveryStatus, OutboxMessage
from eventsapp.registration.models import Registration, RegistrationStatus
from tests.factories import (
    make_delegation,
    make_jurisdiction,
    make_registration,
    make_session,
)

STAT = re.compile(
    r'<a class="stat[^"]*" href="([^"]+)" data-stat="([^"]+)"><span class="stat-number">(\d+)<'
)


def _stats(html: str) -> dict[str, tuple[int, str]]:
    return {name: (int(n), href.replace("&amp;", "&")) for href, name, n in STAT.findall(html)}


def _populate(db, event, n: int, tag: str) -> None:
    """``n`` of each kind of thing the dashboard counts."""
    delegation = make_delegation(event, make_jurisdiction(f"Jurisdiction {tag}"), seat_quota=n + 1)
    workshop = make_session(event, kind=SessionKind.WORKSHOP, capacity=2 * n)
    statuses = [
        RegistrationStatus.CONFIRMED,
        RegistrationStatus.PENDING,
        RegistrationStatus.DECLINED,
        RegistrationStatus.CANCELLED,
    ]
    for i in range(n):
        for status in statuses:
            make_registration(event, status=status, delegation_id=delegation.id)
        waiting = db.session.scalar(
            db.select(db.func.count(Registration.id)).where(
                Registration.event_id == event.id,
                Registration.status == RegistrationStatus.WAITLISTED,
            )
        )
        make_registration(
            event, status=RegistrationStatus.WAITLISTED, waitlist_position=waiting + 1
        )
        arrived = make_registration(event, checked_in_at=utcnow() - timedelta(minutes=i))
        db.session.add(WorkshopSignup(session_id=workshop.id, registration_id=arrived.id))
        db.session.add(
            OutboxMessage(
                event_id=event.id,
                recipient=f"x{tag}{i}@example.org",
                subject="s",
                body_text="b",
                status=DeliveryStatus.FAILED,
            )
        )
    db.session.commit()


def _count(db, event, *conditions, model=Registration) -> int:
    return db.session.scalar(
        db.select(db.func.count(model.id)).where(model.event_id == event.id, *conditions)
    )


def test_numbers_are_the_database_and_link_to_their_lists(client, db, login, organizer, event):
    _populate(db, event, 3, "A")
    login(organizer)
    html = client.get(f"/manage/events/{event.slug}/").get_data(as_text=True)
    stats = _stats(html)
    status = Registration.status
    assert stats["total"][0] == _count(db, event)
    assert stats["pending"][0] == _count(db, event, status == RegistrationStatus.PENDING) == 3
    assert stats["waitlisted"][0] == _count(db, event, status == RegistrationStatus.WAITLISTED)
    failed = _count(db, event, OutboxMessage.status == DeliveryStatus.FAILED, model=OutboxMessage)
    assert stats["failed_mail"][0] == failed == 3
    assert stats["arrived_today"][0] == _count(db, event, Registration.checked_in_at.is_not(None))
    # each number opens the list holding exactly those
    listed = client.get(stats["pending"][1]).get_data(as_text=True)
    assert "(3)" in listed
    outbox = client.get(stats["failed_mail"][1])
    assert outbox.status_code == 200
    # seats per delegation against quota: confirmed and pending hold seats
    delegation = db.session.scalars(db.select(Delegation)).one()
    assert f"Jurisdiction A: 6/{delegation.seat_quota}" in html
    assert "3 of 6 places taken" in html
    # charts: SVG described for screen readers, with their values as text
    assert html.count('role="img"') >= 3
    assert '<title id="chart-arrivals-title">' in html
    assert '<desc id="chart-delegations-desc">' in html
    assert "Jurisdiction A: 6 / 4 seats" in html


def _statements(client, db, url, seen: list | None = None) -> int:
    statements = seen if seen is not None else []

    def count(_conn, _cursor, statement, *_args):
        statements.append(statement)

    sa_event.listen(db.engine, "before_cursor_execute", count)
    try:
        assert client.get(url).status_code == 200
    finally:
        sa_event.remove(db.engine, "before_cursor_execute", count)
    return len(statements)


def test_a_constant_number_of_statements_whatever_the_size(client, db, login, organizer, event):
    login(organizer)
    url = f"/manage/events/{event.slug}/"
    _populate(db, event, 1, "A")
    small = _statements(client, db, url)
    _populate(db, event, 12, "B")
    _populate(db, event, 5, "C")
    assert _statements(client, db, url) == small
    # the panels' counts, the menu's roles and the header's branding (site and event)
    seen: list = []
    assert _statements(client, db, url, seen) <= 16, "\n".join(
        s.split(" FROM ")[-1][:60] for s in seen
    )
