"""What one public sign-up asks of the database: a constant number of statements, and under
the event row lock (which every other sign-up to the event waits for until this one
commits) only the seat decision and the rows that depend on it. The person and its audit
entry are written before the lock; the registration is written once, with its status."""

from __future__ import annotations

import re
import threading
import urllib.error
import urllib.parse
import urllib.request

from sqlalchemy import event as sa_event

from eventsapp.delegations.models import DelegationStatus
from eventsapp.events.models import Organization
from eventsapp.registration.models import Registration, RegistrationStatus
from tests.factories import (
    make_delegation,
    make_event,
    make_jurisdiction,
    make_person,
    make_registration,
)
from tests.registration_helpers import outbox, registration_of, served, signup_data

# The event, the address looked up (person and registration in one query), the new person
# and its audit entry (the form's choice lists are built only for a page shown: a posted id
# is checked by one query for it, none when no id is posted);
# then, under the lock, the seat count, the registration, its audit entry and its mail
# (whose text is read there: it follows the decided status).
BEFORE_LOCK = [
    "SELECT events",
    "SELECT persons",
    "INSERT persons",
    "INSERT audit_entries",
]
UNDER_LOCK = [
    "SELECT events",  # SELECT … FOR NO KEY UPDATE on PostgreSQL (SQLite: BEGIN IMMEDIATE)
    "SELECT registrations",  # count(*) of the seats held
    "INSERT registrations",
    "INSERT audit_entries",
    # the mail's text: the organisation that signs it (the site's branding and the event's,
    # one statement), then its mail settings' Reply-To and the event's own template for
    # it, if edited (one statement); read under the lock because the text follows the
    # decided status
    "SELECT branding_settings",
    "SELECT mail_settings",
    "INSERT outbox_messages",
]


def _signup_statements(client, db, event, email: str, data: dict | None = None) -> list[str]:
    """The statements of one sign-up POST up to its commit (mail delivery runs after it),
    without the transaction's own BEGIN and savepoints."""
    url = f"/events/{event.slug}/register"
    db.session.commit()
    statements: list[str] = []
    committed: list[bool] = []

    def on_execute(_conn, _cursor, statement, *_args):
        if not committed:
            statements.append(" ".join(statement.split()))

    def on_commit(_conn):
        committed.append(True)

    sa_event.listen(db.engine, "before_cursor_execute", on_execute)
    sa_event.listen(db.engine, "commit", on_commit)
    try:
        response = client.post(url, data=data or signup_data(email))
    finally:
        sa_event.remove(db.engine, "before_cursor_execute", on_execute)
        sa_event.remove(db.engine, "commit", on_commit)
    assert response.status_code == 302
    assert committed, "the sign-up committed"
    return [s for s in statements if not s.startswith(("BEGIN", "SAVEPOINT", "RELEASE"))]


def _kinds(statements: list[str]) -> list[str]:
    """``SELECT events``, ``INSERT persons`` …: the verb and the first table named."""
    kinds = []
    for statement in statements:
        table = re.search(r"\b(?:FROM|INTO|UPDATE)\s+(\w+)", statement)
        kinds.append(f"{statement.split()[0]} {table.group(1) if table else '?'}")
    return kinds


def test_one_signup_takes_eleven_statements_seven_under_the_event_lock(client, db, event):
    event.capacity = 50
    for _ in range(3):
        make_registration(event)
    first = _signup_statements(client, db, event, "first@example.org")
    for _ in range(20):
        make_registration(event)
    later = _signup_statements(client, db, event, "later@example.org")
    assert len(later) == len(first) == 11
    assert _kinds(later) == _kinds(first) == BEFORE_LOCK + UNDER_LOCK
    lock = later[len(BEFORE_LOCK)]
    if db.engine.dialect.name == "postgresql":
        assert lock.endswith("FOR NO KEY UPDATE")
        assert not any(" FOR " in s for s in later if s is not lock)
    assert "count(registrations.id)" in later[len(BEFORE_LOCK) + 1]
    registration = registration_of(event, "later@example.org")
    assert registration.status is RegistrationStatus.CONFIRMED
    assert registration.link_sent_at is not None
    assert [m.kind for m in outbox("later@example.org")] == ["confirmed"]


def test_a_signup_to_a_full_event_adds_only_the_waiting_list_position(client, db, event):
    event.capacity = 2
    for _ in range(2):
        make_registration(event)
    statements = _signup_statements(client, db, event, "waits@example.org")
    assert (
        _kinds(statements)
        == BEFORE_LOCK
        + UNDER_LOCK[:2]
        + [
            "SELECT registrations",  # max(waitlist_position)
            *UNDER_LOCK[2:],
        ]
    )
    registration = registration_of(event, "waits@example.org")
    assert registration.status is RegistrationStatus.WAITLISTED
    assert registration.waitlist_position == 1
    [message] = outbox("waits@example.org")
    assert "Ocupa el número 1 en la lista de espera" in " ".join(message.body_text.split())


def test_posted_ids_are_checked_by_one_query_and_only_offered_ones_pass(client, db, event):
    organization = Organization(name="Fiscalía General")
    db.session.add(organization)
    jurisdiction = make_jurisdiction()
    delegation = make_delegation(event)
    withdrawn = make_delegation(event)
    withdrawn.status = DelegationStatus.WITHDRAWN
    other_event_delegation = make_delegation(make_event())
    db.session.commit()
    data = signup_data(
        "chosen@example.org",
        organization_id=str(organization.id),
        jurisdiction_id=str(jurisdiction.id),
        join_request="y",
        requested_delegation_id=str(delegation.id),
    )
    statements = _signup_statements(client, db, event, "chosen@example.org", data)
    # the three ids, one query; the lists themselves are not read
    assert _kinds(statements)[:2] == ["SELECT events", "SELECT organizations"]
    assert statements[1].upper().count("EXISTS") == 3
    assert not any("ORDER BY" in s and "organizations.name" in s for s in statements)
    registration = registration_of(event, "chosen@example.org")
    assert registration.person.organization_id == organization.id
    assert registration.person.jurisdiction_id == jurisdiction.id
    for field, refused in [
        ("organization_id", "999999"),
        ("organization_id", "99999999999999"),
        ("organization_id", "x"),
        ("jurisdiction_id", "999999"),
        ("requested_delegation_id", str(withdrawn.id)),
        ("requested_delegation_id", str(other_event_delegation.id)),
    ]:
        email = f"refused-{field}-{refused}@example.org"
        response = client.post(
            f"/events/{event.slug}/register", data={**data, "email": email, field: refused}
        )
        assert response.status_code == 200, (field, refused)
        assert registration_of(event, email) is None
        page = response.get_data(as_text=True)
        assert "Fiscalía General" in page  # the whole lists, for the page shown


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


def test_simultaneous_signups_of_a_known_person_make_one_registration(app, db):
    """The person exists (say, added once and then removed from the event): every sign-up
    finds no registration before the lock, so the one that comes second must see the
    first's under the lock — and answer as for any known address."""
    event = make_event(capacity=10)
    make_person(
        "known@example.org", given_name="Kim", honorific="Dr.", phone="+1 555", position="Judge"
    )
    slug = event.slug
    db.session.commit()  # end the test's own transaction (SQLite: it holds the write lock)
    n = 6
    answers: list = []
    barrier = threading.Barrier(n)
    body = urllib.parse.urlencode(signup_data("known@example.org")).encode()

    def post(url: str) -> None:
        opener = urllib.request.build_opener(_NoRedirect)
        try:
            barrier.wait(timeout=30)
            with opener.open(urllib.request.Request(url, data=body), timeout=120) as response:
                answers.append(response.status)
        except urllib.error.HTTPError as error:
            answers.append(error.code)
        except Exception as error:  # noqa: BLE001  (asserted on below)
            answers.append(repr(error))

    with served(app) as base:
        threads = [
            threading.Thread(target=post, args=(f"{base}/events/{slug}/register",))
            for _ in range(n)
        ]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(timeout=180)
    assert answers == [302] * n
    db.session.expire_all()
    [registration] = db.session.scalars(
        db.select(Registration).where(Registration.event_id == event.id)
    ).all()
    assert registration.status is RegistrationStatus.CONFIRMED
    assert registration.person.given_name == "Kim"  # a sign-up completes, never overwrites
    assert [m.kind for m in outbox("known@example.org")] == ["confirmed"]


def test_a_signup_with_answers_adds_their_rows_and_the_option_lock(client, db, event):
    """An event with questions: the same statements, the questions with the event (their
    options in one more query), and under the lock the answers, their choices and the
    place of a chosen option with places (its row locked after the event's, then counted)."""
    from eventsapp.questions.models import Answer, QuestionType
    from tests.factories import make_question

    event.capacity = 50
    make_question(event, "reception", QuestionType.YES_NO, required=True)
    visit = make_question(
        event, "visit", QuestionType.SINGLE_CHOICE, options=[{"label_en": "Port", "capacity": 5}]
    )
    data = signup_data("asks@example.org", q_reception="yes", q_visit=str(visit.options[0].id))
    statements = _signup_statements(client, db, event, "asks@example.org", data)
    # PostgreSQL inserts both answers in one statement; SQLite one by one (RETURNING)
    answers = ["INSERT answers"] * (1 if db.engine.dialect.name == "postgresql" else 2)
    assert (
        _kinds(statements)
        == (
            BEFORE_LOCK[:1]
            + ["SELECT question_options"]  # the questions came with the event
            + BEFORE_LOCK[1:]
            + UNDER_LOCK[:4]
            + ["SELECT question_options", "SELECT answer_choices"]  # option lock, places held
            + answers
            + ["INSERT answer_choices", "INSERT audit_entries"]
            + UNDER_LOCK[4:]
        )
    )
    assert "JOIN questions" in statements[0]
    if db.engine.dialect.name == "postgresql":
        assert statements[len(BEFORE_LOCK) + 5].endswith("FOR NO KEY UPDATE")
    registration = registration_of(event, "asks@example.org")
    answers = db.session.scalars(
        db.select(Answer).where(Answer.registration_id == registration.id).order_by(Answer.id)
    ).all()
    assert [(a.value, [c.option_id for c in a.choices]) for a in answers] == [
        ("yes", []),
        ("", [visit.options[0].id]),
    ]
