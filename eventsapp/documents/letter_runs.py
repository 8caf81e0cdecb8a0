"""A delegation's visa letters and the printed program as background jobs (issue 12's
print threshold): above PRINT_JOB_THRESHOLD people a worker makes the file and leaves it
for download for a day (eventsapp/jobs); smaller runs stay immediate (documents/manage.py).
The parameters travel as JSON (a broker carries them)."""

from __future__ import annotations

from typing import Any

from flask_babel import gettext as _
from sqlalchemy import func

from eventsapp.actor import Actor
from eventsapp.delegations.models import Delegation
from eventsapp.documents import services
from eventsapp.documents.booklet import render_booklet
from eventsapp.documents.letters import render_visa_letters
from eventsapp.documents.queries import booklet_for
from eventsapp.errors import DomainError
from eventsapp.events.models import Event
from eventsapp.extensions import db
from eventsapp.jobs.models import Job
from eventsapp.jobs.services import JobResult, start_job
from eventsapp.registration.models import Registration, RegistrationStatus

LETTERS_KIND = "documents.visa_letters"
LETTERS_TASK = "eventsapp.documents.visa_letters"
BOOKLET_KIND = "documents.booklet"
BOOKLET_TASK = "eventsapp.documents.booklet"


def participant_count(event: Event) -> int:
    """How many people the booklet lists (its participant pages grow with them)."""
    query = db.select(func.count(Registration.id)).where(
        Registration.event_id == event.id, Registration.status == RegistrationStatus.CONFIRMED
    )
    return db.session.scalar(query) or 0


def start_letters_job(actor: Actor, event: Event, delegation: Delegation, output: str) -> Job:
    """Queue the letters of ``delegation``; the caller commits."""
    params = {"delegation_id": delegation.id, "output": output}
    return start_job(actor, LETTERS_KIND, event, LETTERS_TASK, params, input_name=delegation.name)


def run_letters_job(job: Job, params: dict[str, Any]) -> JobResult:
    event = db.session.get_one(Event, job.event_id)
    delegation = db.session.get(Delegation, params["delegation_id"])
    if delegation is None or delegation.event_id != event.id:
        raise DomainError(_("This delegation no longer exists."))
    registrations = services.delegation_members(event, delegation)
    run = services.issue_visa_letters(
        job.created_by, event, registrations, via="back office, delegation, background job"
    )
    job.progress_done = job.progress_total = len(run.registrations)
    stem = f"visa-letters-{services.file_stem(delegation.name)}"
    message = services.skipped_message(run.skipped) if run.skipped else ""
    if params["output"] == "zip":
        data = services.visa_letters_zip(run)
        return JobResult(
            data=data, content_type="application/zip", filename=f"{stem}.zip", message=message
        )
    skipped = [(s.name, s.reason) for s in run.skipped]
    pdf = render_visa_letters(services.flat(run), skipped=(_("Letters not issued"), skipped))
    return JobResult(
        data=pdf, content_type="application/pdf", filename=f"{stem}.pdf", message=message
    )


def start_booklet_job(actor: Actor, event: Event, lang: str, paper: str) -> Job:
    params = {"lang": lang, "paper": paper}
    return start_job(actor, BOOKLET_KIND, event, BOOKLET_TASK, params)


def run_booklet_job(job: Job, params: dict[str, Any]) -> JobResult:
    event = db.session.get_one(Event, job.event_id)
    pdf = render_booklet(booklet_for(event, params["lang"], params["paper"]))
    name = f"program-{event.slug}-{params['lang']}.pdf"
    return JobResult(data=pdf, content_type="application/pdf", filename=name)
