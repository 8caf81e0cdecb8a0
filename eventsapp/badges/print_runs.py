"""Big badge runs as background jobs (issue 12): more than PRINT_JOB_THRESHOLD people are
printed by a worker, which reports its progress every few pages and leaves the PDF for
download (kept for a day, eventsapp/jobs). Smaller runs stay immediate (badges/manage.py).

The job's parameters travel as JSON (a broker carries them), so the filter is written as
plain values and read back here.
"""

from __future__ import annotations

import tempfile
from typing import Any

from flask import current_app
from flask_babel import gettext as _

from eventsapp.actor import Actor
from eventsapp.badges import services
from eventsapp.badges.services import BadgeFilter
from eventsapp.errors import DomainError
from eventsapp.events.models import Event
from eventsapp.extensions import db
from eventsapp.jobs.models import Job
from eventsapp.jobs.services import JobResult, report_progress, start_job
from eventsapp.registration.models import RegistrationRole, RegistrationStatus

KIND = "badges.print"
TASK = "eventsapp.badges.print"
PROGRESS_PAGES = 10  # the status page hears from the worker every this many pages


def needs_job(count: int) -> bool:
    threshold: int = current_app.config["PRINT_JOB_THRESHOLD"]
    return count > threshold


def filter_to_json(flt: BadgeFilter) -> dict[str, Any]:
    return {
        "delegation_id": flt.delegation_id,
        "role": flt.role.value if flt.role else None,
        "statuses": [s.value for s in flt.statuses],
        "unprinted": flt.unprinted,
        "registration_ids": list(flt.registration_ids),
        "order": flt.order,
        "search": flt.search,
    }


def filter_from_json(data: dict[str, Any]) -> BadgeFilter:
    return BadgeFilter(
        delegation_id=data["delegation_id"],
        role=RegistrationRole(data["role"]) if data["role"] else None,
        statuses=tuple(RegistrationStatus(s) for s in data["statuses"]),
        unprinted=data["unprinted"],
        registration_ids=list(data["registration_ids"]),
        order=data["order"],
        search=data["search"],
    )


def start_badge_job(
    actor: Actor, event: Event, flt: BadgeFilter, layout_name: str, **options: Any
) -> Job:
    """Check the options now (the organizer sees a mistake on the form, not on the job
    page), then queue the run; ``options`` as for ``services.print_badges``. The caller
    commits."""
    services.check_print_options(
        layout_name, options.get("start_at", 1), options.get("crop_marks", False)
    )
    if not services.count_registrations(event, flt):
        raise DomainError(_("No registrations match these filters."))
    params = {"filter": filter_to_json(flt), "layout": layout_name, **options}
    return start_job(actor, KIND, event, TASK, params)


def run_badge_job(job: Job, params: dict[str, Any]) -> JobResult:
    """The work of a badge job: the same print as an immediate one, into a file."""
    event = db.session.get_one(Event, job.event_id)  # the job row cascades with its event
    layout = services.layout_or_error(params["layout"])
    options = {k: params[k] for k in ("lang", "crop_marks", "start_at", "duplex") if k in params}
    with tempfile.TemporaryFile() as spool:
        count = services.print_badges(
            job.created_by,
            event,
            filter_from_json(params["filter"]),
            layout.name,
            spool,
            progress=lambda done, total: report_progress(job.id, done, total),
            progress_every=PROGRESS_PAGES * layout.per_page,
            **options,
        )
        spool.seek(0)
        data = spool.read()
    job.progress_done = job.progress_total = count
    return JobResult(
        data=data,
        content_type="application/pdf",
        filename=f"badges-{event.slug}-{layout.name}-{count}.pdf",
    )
