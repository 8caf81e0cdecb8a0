"""Export registrations as CSV or XLSX, in columns the importer reads back (a round trip).
CSV cells that a spreadsheet would run as a formula get a leading apostrophe, which the
importer removes; XLSX cells are text cells (see table_files).

After the fixed columns, one column per question of the event, headed by its key (``q_`` +
key for a key that is also the name of a fixed column), retired questions included (their
answers stay in exports; the import ignores their columns). An answer is written as the
import reads it: its canonical text (``eventsapp.questions.values``: 2027-05-16, 14:30, yes,
MX...), the chosen options by their label in the language of the export, separated by "; ".
"""

from __future__ import annotations

from collections.abc import Sequence

from sqlalchemy import Select

from eventsapp.csv_files import DANGEROUS_START, neutralise  # noqa: F401
from eventsapp.csv_files import to_csv as _to_csv
from eventsapp.events.models import Event
from eventsapp.extensions import db
from eventsapp.questions.models import Answer, Question
from eventsapp.questions.services import CHOICE_SEPARATOR, answers_by_registration
from eventsapp.registration import table_files
from eventsapp.registration.importer import COLUMNS, question_column
from eventsapp.registration.models import Registration

EXPORT_COLUMNS = COLUMNS + (
    "status",
    "waitlist_position",
    "arrival_date",
    "departure_date",
    "organization_other",  # an organization not in the list, until an organizer maps it
)
ANSWER_CHUNK = 500  # registrations whose answers are read in one query


def export_questions(event: Event) -> list[Question]:
    """Every question of ``event`` with a column: the live ones in their order, then the
    retired ones."""
    return list(
        db.session.scalars(
            db.select(Question)
            .where(Question.event_id == event.id)
            .order_by(Question.retired_at.is_not(None), Question.position, Question.id)
        )
    )


def header(questions: Sequence[Question] = ()) -> list[str]:
    return list(EXPORT_COLUMNS) + [question_column(q) for q in questions]


def answer_cell(question: Question, answer: Answer | None, lang: str = "en") -> str:
    """An answer as the import reads it back (see the module's docstring)."""
    if answer is None:
        return ""
    if question.type.has_options:
        return CHOICE_SEPARATOR.join(c.option.label(lang) for c in answer.choices)
    return answer.value


def registration_row(registration: Registration) -> list[str]:
    person = registration.person
    delegation = registration.delegation
    values = {
        "honorific": person.honorific,
        "given_name": person.given_name,
        "family_name": person.family_name,
        "position": person.position,
        "organization": person.organization.name if person.organization else "",
        "organization_other": person.organization_other,
        "jurisdiction": person.jurisdiction.name if person.jurisdiction else "",
        "email": person.email,
        "phone": person.phone,
        "language": person.preferred_language.value,
        "role": registration.role.value,
        "delegation": delegation.name if delegation else "",
        "needs_interpretation": "yes" if registration.needs_interpretation else "no",
        "dietary": registration.dietary,
        "accessibility": registration.accessibility,
        "status": registration.status.value,
        "waitlist_position": registration.waitlist_position or "",
        "arrival_date": registration.arrival_date.isoformat() if registration.arrival_date else "",
        "departure_date": registration.departure_date.isoformat()
        if registration.departure_date
        else "",
    }
    return [str(values[c]) for c in EXPORT_COLUMNS]


def export_rows(
    query: Select[tuple[Registration]], questions: Sequence[Question] = (), lang: str = "en"
) -> list[list[str]]:
    """The rows of the registrations of ``query``, with a cell per question of
    ``questions`` (see ``export_questions``), choices labelled in ``lang``."""
    from sqlalchemy.orm import contains_eager

    from eventsapp.registration.models import Person

    # ``query`` already joins Person (see manage.filtered_registrations).
    query = query.options(
        contains_eager(Registration.person).joinedload(Person.organization),
        contains_eager(Registration.person).joinedload(Person.jurisdiction),
    )
    registrations = list(db.session.scalars(query).unique())
    if not questions:
        return [registration_row(r) for r in registrations]
    rows = []
    for start in range(0, len(registrations), ANSWER_CHUNK):
        chunk = registrations[start : start + ANSWER_CHUNK]
        answers = answers_by_registration(r.id for r in chunk)
        for registration in chunk:
            given = answers.get(registration.id, {})
            rows.append(
                registration_row(registration)
                + [answer_cell(q, given.get(q.id), lang) for q in questions]
            )
    return rows


def to_csv(rows: list[list[str]], header: Sequence[str] = EXPORT_COLUMNS) -> bytes:
    return _to_csv(rows, header)


def to_xlsx(
    rows: list[list[str]], header: Sequence[str] = EXPORT_COLUMNS, title: str = "Registrations"
) -> bytes:
    return table_files.to_xlsx(rows, header, title)
