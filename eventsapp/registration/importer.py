"""Import delegates from CSV or XLSX.

Columns (first row, any order, names as below; unknown columns are refused):
honorific, given_name*, family_name*, position, organization, jurisdiction, email*, phone,
language (en|es, default en), role (delegate, speaker, moderator, staff, press, observer,
guest; default delegate), delegation (the name of one of the event's delegations),
needs_interpretation (yes/no, true/false, 1/0, sí/no), dietary, accessibility, and those
only the export writes: organization_other, arrival_date, departure_date (2027-05-16 or
16/05/2027) are read; status and waitlist_position are ignored (the seat rules decide).
(* required.) An organization not in the list is kept as typed (organization_other, for
an organizer to map to a listed one); an unknown jurisdiction or delegation is an error.
Then one column per question of the event, headed by its key (the rules of those columns
are in eventsapp/registration/import_answers.py: a retired question's column is ignored
with a warning, a question without a column is left alone). The export's own file reads
back: CSV in UTF-8 or Windows-1252, separated by commas or semicolons, a neutralising
apostrophe removed (see table_files).

The whole file is validated first; every problem is reported as (line, column, reason),
line 1 being the header. Nothing is written while a row is bad unless ``only_valid``.
A person is matched by lower-cased e-mail, so importing again updates people (and their
registration for this event) instead of duplicating them. New registrations take their
seat by the rule of ``capacity.decide_seat`` (a full delegation or event puts them on the
waiting list); the writing is in eventsapp/registration/import_writer.py (a few queries per
file, not per row).

From the back office an import is a background job (``start_import``; the task is in
eventsapp/registration/import_job.py): the upload is stored, a worker reads, validates and
imports it in one transaction, and the job's page shows the progress and the report. An
XLSX file is a zip archive: ``check_archive`` refuses one that would unpack to more than
MAX_UNPACKED bytes (a "zip bomb") before anything decompresses it.
"""

from __future__ import annotations

import csv
import io
import zipfile
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

from email_validator import EmailNotValidError, validate_email
from flask_babel import gettext as _
from openpyxl import load_workbook
from openpyxl.utils.exceptions import InvalidFileException

from eventsapp import storage
from eventsapp.actor import Actor
from eventsapp.events.models import Event, Jurisdiction, Organization
from eventsapp.extensions import db
from eventsapp.forms import name_error, plain_text_error
from eventsapp.jobs.models import Job
from eventsapp.jobs.services import start_job
from eventsapp.questions.models import Question
from eventsapp.registration import import_answers, import_writer, table_files
from eventsapp.registration.forms import event_delegations
from eventsapp.registration.models import Language, RegistrationRole

COLUMNS = (
    "honorific",
    "given_name",
    "family_name",
    "position",
    "organization",
    "jurisdiction",
    "email",
    "phone",
    "language",
    "role",
    "delegation",
    "needs_interpretation",
    "dietary",
    "accessibility",
)
# Written by the export: read back when present, never required.
OPTIONAL_COLUMNS = ("organization_other", "arrival_date", "departure_date")
IGNORED_COLUMNS = ("status", "waitlist_position")  # the seat rules decide them again
FIXED_COLUMNS = COLUMNS + OPTIONAL_COLUMNS + IGNORED_COLUMNS
DATE_COLUMNS = ("arrival_date", "departure_date")
REQUIRED = ("given_name", "family_name", "email")
LIMITS = {
    "honorific": 40,
    "given_name": 120,
    "family_name": 120,
    "position": 200,
    "phone": 40,
    "organization_other": 200,
}
TRUE = {"yes", "y", "true", "1", "sí", "si", "x"}
FALSE = {"no", "n", "false", "0", ""}


@dataclass
class Problem:
    line: int
    column: str
    reason: str

    def __str__(self) -> str:
        return f"line {self.line}, column {self.column}: {self.reason}"


def question_column(question: Question) -> str:
    """A question's column: its key, or ``q_`` + key when a fixed column has that name."""
    key = question.key
    return f"q_{key}" if key.lower() in FIXED_COLUMNS else key


@dataclass
class ImportResult:
    problems: list[Problem] = field(default_factory=list)
    warnings: list[Problem] = field(default_factory=list)  # nothing refused, but say it
    created: int = 0
    updated: int = 0
    skipped: int = 0
    rows: int = 0

    @property
    def ok(self) -> bool:
        return not self.problems


MAX_ROWS = 20_000  # a summit's whole list fits many times; a zip bomb does not
MAX_COLUMNS = 300  # the fixed columns and one per question


class TooManyRows(ValueError):
    """The file holds more rows than an import takes."""


# An XLSX file is a zip archive. Python's zipfile (openpyxl reads through it) never unpacks
# more of a member than the size the archive declares for it (a lie ends in a CRC error),
# so the declared sizes bound what reading the file can take: 50 MB unpacked holds a
# summit's list many times over, in well under 300 MB of a worker's memory.
MAX_UNPACKED = 50 * 1024 * 1024
MAX_MEMBERS = 200
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
IMPORT_TASK = "eventsapp.registration.import_registrations"


class FileRefused(ValueError):
    """The file is refused before it is read (``message`` says why, for the user)."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


def check_archive(content: bytes) -> None:
    """Refuse an XLSX archive whose members would unpack to more than MAX_UNPACKED bytes,
    or that has more than MAX_MEMBERS members; reads only the archive's directory."""
    try:
        members = zipfile.ZipFile(io.BytesIO(content)).infolist()
    except (zipfile.BadZipFile, OSError) as error:
        raise ValueError(str(error)) from error
    unpacked = sum(member.file_size for member in members)
    if len(members) > MAX_MEMBERS or unpacked > MAX_UNPACKED:
        raise FileRefused(
            _(
                "This Excel file would unpack to %(size)d MB (at most %(limit)d MB); save it "
                "again from Excel or as CSV.",
                size=unpacked // (1024 * 1024),
                limit=MAX_UNPACKED // (1024 * 1024),
            )
        )


def check_upload(filename: str, content: bytes) -> None:
    """What can be refused at once, before the file is stored (FileRefused)."""
    if filename.lower().endswith(".xlsx"):
        try:
            check_archive(content)
        except FileRefused:
            raise
        except ValueError as error:
            raise FileRefused(_("This file cannot be read as CSV or XLSX.")) from error


def start_import(
    actor: Actor, event: Event, filename: str, content: bytes, *, only_valid: bool
) -> Job:
    """Store the upload and start the job that imports it; returns the Job. The caller
    commits (the job runs after the commit)."""
    from flask_babel import get_locale

    is_xlsx = filename.lower().endswith(".xlsx")
    key = storage.put(content, XLSX if is_xlsx else "text/csv", event_id=event.id)
    return start_job(
        actor,
        "registration.import",
        event,
        IMPORT_TASK,
        bool(only_valid),
        str(get_locale() or "en"),
        input_key=key,
        input_name=filename,
    )


def _bounded(rows: Iterable[Sequence[str]]) -> list[list[str]]:
    kept: list[list[str]] = []
    for row in rows:
        if len(kept) > MAX_ROWS:  # the header plus MAX_ROWS rows
            raise TooManyRows(MAX_ROWS)
        kept.append([table_files.restore(cell.strip()) for cell in row[:MAX_COLUMNS]])
    return kept


def read_rows(filename: str, content: bytes) -> list[list[str]]:
    """The file's rows as lists of strings (CSV in UTF-8, with or without BOM, or XLSX).
    A file that cannot be read raises ValueError."""
    try:
        return _read_rows(filename, content)
    except (csv.Error, zipfile.BadZipFile, InvalidFileException) as error:
        raise ValueError(str(error)) from error


def _xlsx_cell(value: object, formula: object) -> str:
    # A formula Excel never computed (a file written by a script) has no cached value: keep
    # its text, as the same cell in a CSV file would give, rather than an empty cell.
    if value is None:
        return formula if isinstance(formula, str) else ""
    return str(value)


def _read_rows(filename: str, content: bytes) -> list[list[str]]:
    if filename.lower().endswith(".xlsx"):
        check_archive(content)
        values = load_workbook(io.BytesIO(content), read_only=True, data_only=True)
        formulas = load_workbook(io.BytesIO(content), read_only=True, data_only=False)
        try:
            rows = zip(
                values.worksheets[0].iter_rows(values_only=True, max_col=MAX_COLUMNS),
                formulas.worksheets[0].iter_rows(values_only=True, max_col=MAX_COLUMNS),
                strict=True,  # the same sheet read twice
            )
            return _bounded(
                [_xlsx_cell(v, f) for v, f in zip(value_row, formula_row, strict=True)]
                for value_row, formula_row in rows
            )
        finally:
            values.close()
            formulas.close()
    return _bounded(table_files.csv_rows(content))


# The event's delegations (a Delegation each: Any, as delegations sits above registration),
# jurisdictions and organizations, by casefolded name (and acronym).
Tables = tuple[dict[str, Any], dict[str, Jurisdiction], dict[str, Organization]]


def _lookup_tables(event: Event) -> Tables:
    delegations = {d.name.casefold(): d for d in event_delegations(event)}
    jurisdictions = {j.name.casefold(): j for j in db.session.scalars(db.select(Jurisdiction))}
    organizations: dict[str, Organization] = {}
    for org in db.session.scalars(db.select(Organization)):
        organizations[org.name.casefold()] = org
        if org.acronym:
            organizations.setdefault(org.acronym.casefold(), org)
    return delegations, jurisdictions, organizations


@dataclass
class Checked:
    """A file checked whole: the good rows (line, values), every problem and warning, and
    the question columns (import_answers)."""

    good: list[tuple[int, dict[str, Any]]] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    warnings: list[Problem] = field(default_factory=list)
    answers: import_answers.AnswerColumns = field(default_factory=import_answers.AnswerColumns)


def validate(event: Event, rows: list[list[str]], tables: Tables | None = None) -> Checked:
    """Check every row (its answers too, into ``values["answers"]``)."""
    if not rows:
        return Checked(problems=[Problem(1, "-", _("The file is empty."))])
    header = [h.strip().lower() for h in rows[0]]
    header = ["" if h in IGNORED_COLUMNS else h for h in header]
    known = COLUMNS + OPTIONAL_COLUMNS
    answers, unknown, warnings = import_answers.read_header(
        event, [h for h in header if h and h not in known]
    )
    checked = Checked(warnings=[Problem(1, c, reason) for c, reason in warnings], answers=answers)
    problems = checked.problems
    problems += [Problem(1, h, _("Unknown column.")) for h in header if h in unknown]
    problems += [Problem(1, c, _("Missing column.")) for c in REQUIRED if c not in header]
    if problems:
        return checked
    delegations, jurisdictions, _organizations = tables or _lookup_tables(event)
    seen: dict[str, int] = {}
    for line, raw in enumerate(rows[1:], start=2):
        if not any(raw):
            continue
        values: dict[str, Any] = {
            name: (raw[i] if i < len(raw) else "") for i, name in enumerate(header) if name
        }
        row_problems = _check_row(line, values, delegations, jurisdictions, seen)
        if answers.present:
            given, answer_problems = import_answers.check_row(
                answers, values, _role_of(values), values.get("email", "")
            )
            row_problems += [Problem(line, c, reason) for c, reason in answer_problems]
            values["answers"] = given
        problems += row_problems
        if not row_problems:
            checked.good.append((line, values))
    return checked


def _role_of(values: dict[str, Any]) -> str:
    role = values.get("role", "").lower() or RegistrationRole.DELEGATE.value
    return role if role in {r.value for r in RegistrationRole} else ""


def _check_row(
    line: int,
    values: dict[str, Any],
    delegations: dict[str, Any],
    jurisdictions: dict[str, Jurisdiction],
    seen: dict[str, int],
) -> list[Problem]:
    problems = []
    for name in FIXED_COLUMNS:
        value = values.get(name, "")
        message = plain_text_error(value, multiline=name in ("dietary", "accessibility"))
        if message is not None:
            problems.append(Problem(line, name, str(message)))
    for name in REQUIRED:
        if not values.get(name):
            problems.append(Problem(line, name, _("This value is required.")))
    for name in ("given_name", "family_name"):
        message = name_error(values.get(name))
        if message is not None:
            problems.append(Problem(line, name, str(message)))
    for name, limit in LIMITS.items():
        if len(values.get(name, "")) > limit:
            problems.append(Problem(line, name, _("At most %(n)d characters.", n=limit)))
    email = values.get("email", "")
    if email:
        try:
            validate_email(email, check_deliverability=False)
        except EmailNotValidError:
            problems.append(Problem(line, "email", _("Not a valid e-mail address.")))
        else:
            key = email.lower()
            if key in seen:
                problems.append(
                    Problem(line, "email", _("Same e-mail as line %(n)d.", n=seen[key]))
                )
            seen.setdefault(key, line)
    if values.get("language", "").lower() not in ("", "en", "es"):
        problems.append(Problem(line, "language", _("Use en or es.")))
    role = values.get("role", "").lower()
    if role and role not in {r.value for r in RegistrationRole}:
        problems.append(Problem(line, "role", _("Unknown role.")))
    if values.get("needs_interpretation", "").lower() not in TRUE | FALSE:
        problems.append(Problem(line, "needs_interpretation", _("Use yes or no.")))
    problems += _date_problems(line, values)
    delegation = values.get("delegation", "")
    if delegation and delegation.casefold() not in delegations:
        problems.append(Problem(line, "delegation", _("No such delegation in this event.")))
    jurisdiction = values.get("jurisdiction", "")
    if jurisdiction and jurisdiction.casefold() not in jurisdictions:
        problems.append(Problem(line, "jurisdiction", _("Unknown jurisdiction.")))
    return problems


def _date_problems(line: int, values: dict[str, Any]) -> list[Problem]:
    problems, dates = [], {}
    for name in DATE_COLUMNS:
        if values.get(name):
            try:
                dates[name] = table_files.parse_date(values[name])
            except ValueError:
                problems.append(Problem(line, name, _("Not a date (2027-05-16 or 16/05/2027).")))
    if len(dates) == 2 and dates["departure_date"] < dates["arrival_date"]:
        problems.append(Problem(line, "departure_date", _("Departure is before arrival.")))
    return problems


def _optional_data(values: dict[str, Any]) -> dict[str, Any]:
    """The export-only columns a file has (a missing column leaves the stored value)."""
    data: dict[str, Any] = {}
    if "organization_other" in values:
        data["organization_other"] = values["organization_other"]
    for name in DATE_COLUMNS:
        if name in values:
            data[name] = table_files.parse_date(values[name]) if values[name] else None
    return data


def _data(
    values: dict[str, Any], delegations: dict[str, Any], jurisdictions: dict[str, Jurisdiction]
) -> dict[str, Any]:
    """A valid row as the fields of a person and registration (the organization by name:
    import_writer creates the unknown ones)."""
    delegation = delegations.get(values.get("delegation", "").casefold())
    jurisdiction = jurisdictions.get(values.get("jurisdiction", "").casefold())
    return {
        "email": values["email"],
        "honorific": values.get("honorific", ""),
        "given_name": values["given_name"],
        "family_name": values["family_name"],
        "position": values.get("position", ""),
        "phone": values.get("phone", ""),
        "organization": values.get("organization", ""),
        "jurisdiction_id": jurisdiction.id if jurisdiction else None,
        "preferred_language": Language(values.get("language", "").lower() or "en"),
        "role": RegistrationRole(values.get("role", "").lower() or "delegate"),
        "delegation_id": delegation.id if delegation else None,
        "needs_interpretation": values.get("needs_interpretation", "").lower() in TRUE,
        "dietary": values.get("dietary", ""),
        "accessibility": values.get("accessibility", ""),
        "answers": values.get("answers", {}),
        **_optional_data(values),
    }


def import_rows(
    actor: Actor | None,
    event: Event,
    rows: list[list[str]],
    *,
    only_valid: bool = False,
    progress: Callable[[int, int], object] | None = None,
) -> ImportResult:
    """Validate ``rows`` and write them, all or nothing (unless ``only_valid``: the good
    rows only). ``progress(done, total)`` is called now and then. The caller commits (or
    rolls back when there are problems and not ``only_valid``)."""
    tables = _lookup_tables(event)
    checked = validate(event, rows, tables)
    problems = checked.problems
    bad_lines = len({p.line for p in problems if p.line > 1})
    result = ImportResult(
        problems=problems, warnings=checked.warnings, rows=len(checked.good) + bad_lines
    )
    if problems and not only_valid:
        return result
    delegations, jurisdictions, _organizations = tables
    rows_data = [_data(values, delegations, jurisdictions) for _line, values in checked.good]
    result.created, result.updated = import_writer.write_rows(
        actor, event, rows_data, progress=progress, questions=checked.answers.questions
    )
    result.skipped = bad_lines
    return result
