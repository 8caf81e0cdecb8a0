"""The import as a background job: the task reads the stored upload, validates and imports
it in one transaction (all or nothing, unless "only the valid rows"), reporting rows done
of the total, and leaves the line-numbered report on the job (registration/import_report.html).
Started by ``importer.start_import``; the task is listed in eventsapp.jobs.TASK_MODULES."""

from __future__ import annotations

from celery import shared_task
from flask_babel import force_locale
from flask_babel import gettext as _

from eventsapp import storage
from eventsapp.auth.models import User
from eventsapp.errors import DomainError
from eventsapp.events.models import Event
from eventsapp.extensions import db
from eventsapp.jobs.models import Job
from eventsapp.jobs.services import JobResult, report_progress, run_job
from eventsapp.registration import importer

MAX_REPORTED = 1000  # problems listed in the report (all are counted)


@shared_task(
    name=importer.IMPORT_TASK, ignore_result=True, acks_late=True, reject_on_worker_lost=True
)
def import_registrations(job_id: int, only_valid: bool, locale: str = "en") -> None:
    with force_locale(locale):  # the problems read in the language of who uploaded
        run_job(job_id, lambda job: run_import(job, only_valid))


def read_upload(job: Job) -> list[list[str]]:
    stored = storage.get(job.input_key)
    if stored is None:
        raise DomainError(_("The uploaded file is no longer there; upload it again."))
    try:
        return importer.read_rows(job.input_name, storage.read(stored))
    except importer.TooManyRows as error:
        raise DomainError(
            _("An import takes at most %(n)d rows; split the file.", n=importer.MAX_ROWS)
        ) from error
    except importer.FileRefused as error:
        raise DomainError(error.message) from error
    except (ValueError, KeyError, OSError, UnicodeDecodeError) as error:
        raise DomainError(_("This file cannot be read as CSV or XLSX.")) from error


def run_import(job: Job, only_valid: bool) -> JobResult:
    rows = read_upload(job)
    total = max(len(rows) - 1, 0)
    report_progress(job.id, 0, total)
    event = db.session.get_one(Event, job.event_id)  # the job row cascades with its event
    actor = db.session.get(User, job.created_by_id) if job.created_by_id else None
    result = importer.import_rows(
        actor,
        event,
        rows,
        only_valid=only_valid,
        progress=lambda done, _n: report_progress(job.id, done, total),
    )
    imported = not result.problems or only_valid
    if not imported:
        db.session.rollback()  # nothing was written; the job is still ours
        job = db.session.get_one(Job, job.id)
    job.progress_done = job.progress_total = total
    report = {
        "imported": imported,
        "only_valid": only_valid,
        "rows": result.rows,
        "created": result.created,
        "updated": result.updated,
        "skipped": result.skipped,
        "problem_count": len(result.problems),
        "problems": [[p.line, p.column, p.reason] for p in result.problems[:MAX_REPORTED]],
        "warnings": [[p.line, p.column, p.reason] for p in result.warnings[:MAX_REPORTED]],
    }
    if imported:
        message = _(
            "%(created)d created, %(updated)d updated, %(skipped)d skipped.",
            created=result.created,
            updated=result.updated,
            skipped=result.skipped,
        )
    else:
        message = _("Nothing was imported.")
    return JobResult(report=report, message=message)
