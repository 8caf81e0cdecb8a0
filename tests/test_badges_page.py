"""The badges page with many registrations: 50 a page with a pager, a search by name or
e-mail, filters kept across pages and into the print, and a constant number of queries."""

from __future__ import annotations

import re
from contextlib import contextmanager

from sqlalchemy import event as sa_event

from eventsapp.registration.models import Person, Registration, RegistrationStatus
from tests.badges_helpers import all_texts
from tests.factories import make_delegation, make_jurisdiction


def add_registrations(db, event, count: int, start: int = 0, delegations=()) -> None:
    """``count`` confirmed registrations in one commit (people "Given0001 Family0001"...)."""
    people = [
        Person(
            event_id=event.id,
            email=f"p{i:04d}@example.org",
            given_name=f"Given{i:04d}",
            family_name=f"Family{i:04d}",
        )
        for i in range(start, start + count)
    ]
    db.session.add_all(people)
    db.session.flush()
    db.session.add_all(
        Registration(
            event_id=event.id,
            person_id=person.id,
            status=RegistrationStatus.CONFIRMED,
            delegation_id=delegations[n % len(delegations)].id if delegations else None,
        )
        for n, person in enumerate(people)
    )
    db.session.commit()


@contextmanager
def counted_queries(db):
    statements: list[str] = []

    def before(conn, cursor, statement, *args):
        if statement.lstrip().upper().startswith(("SELECT", "INSERT", "UPDATE", "DELETE")):
            statements.append(statement)

    engine = db.engine
    sa_event.listen(engine, "before_cursor_execute", before)
    try:
        yield statements
    finally:
        sa_event.remove(engine, "before_cursor_execute", before)


def _rows(html: str) -> list[str]:
    return re.findall(r'name="registration_ids" value="(\d+)"', html)


def test_a_page_shows_50_registrations_and_a_pager(client, login, organizer, event, db):
    add_registrations(db, event, 300)
    login(organizer)
    url = f"/manage/events/{event.slug}/badges"
    first = client.get(url)
    assert first.status_code == 200
    assert len(_rows(first.text)) == 50
    assert "Given0000 Family0000" in first.text and "Family0050" not in first.text
    assert 'aria-label="Pages"' in first.text and "page=6" in first.text
    assert "(300)" in first.text
    last = client.get(f"{url}?page=6")
    assert len(_rows(last.text)) == 50 and "Given0299 Family0299" in last.text
    assert len(_rows(client.get(f"{url}?page=7").text)) == 0


def test_the_number_of_queries_does_not_grow_with_the_registrations(
    client, login, organizer, event, db
):
    delegations = [make_delegation(event, make_jurisdiction(f"State {n}")) for n in range(3)]
    add_registrations(db, event, 60, delegations=delegations)
    login(organizer)
    url = f"/manage/events/{event.slug}/badges"
    client.get(url)  # warm up (first-request work)
    db.session.expire_all()
    with counted_queries(db) as small:
        assert client.get(url).status_code == 200
    add_registrations(db, event, 240, start=60, delegations=delegations)
    db.session.expire_all()
    with counted_queries(db) as large:
        page = client.get(f"{url}?page=3")
    assert len(_rows(page.text)) == 50
    assert len(large) == len(small), (small, large)


def test_search_by_name_or_email_and_the_filters_travel_with_the_pager(
    client, login, organizer, event, db
):
    add_registrations(db, event, 120)
    login(organizer)
    url = f"/manage/events/{event.slug}/badges"
    by_name = client.get(f"{url}?q=given011")
    assert len(_rows(by_name.text)) == 10 and "Given0110 Family0110" in by_name.text
    by_mail = client.get(f"{url}?q=P0042@EXAMPLE")
    assert len(_rows(by_mail.text)) == 1 and "Given0042 Family0042" in by_mail.text
    # The pager keeps the search; the print form carries it as a hidden field.
    wide = client.get(f"{url}?q=family00")
    assert "(100)" in wide.text and "q=family00" in wide.text and "page=2" in wide.text
    assert re.search(r'type="hidden" name="q" value="family00"', wide.text)
    assert client.get(f"{url}?role=nope").status_code == 400


def test_print_what_the_search_shows_or_the_people_ticked(client, login, organizer, event, db):
    add_registrations(db, event, 60)
    login(organizer)
    url = f"/manage/events/{event.slug}/badges"
    form = {
        "layout": "a6",
        "role": "",
        "status": "confirmed",
        "order": "family",
        "start_at": "1",
        "language": "en",
    }
    searched = client.post(url, data={**form, "q": "given005"})
    assert searched.mimetype == "application/pdf"
    family = sorted(t for t in all_texts(searched.data) if t.startswith("Family"))
    assert family == [f"Family{i:04d}" for i in range(50, 60)]
    picked_ids = [r.id for r in db.session.scalars(db.select(Registration).limit(60))][55:57]
    picked = client.post(url, data={**form, "registration_ids": [str(i) for i in picked_ids]})
    family = sorted(t for t in all_texts(picked.data) if t.startswith("Family"))
    assert len(family) == 2
