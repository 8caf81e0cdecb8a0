"""Certificates of attendance for a big event as a background job (issue 12): above
PRINT_JOB_THRESHOLD confirmed people a worker builds them, reports progress every
PROGRESS_EVERY people and leaves the PDF for download for a day (eventsapp/jobs)."""

from __future__ import annotations

from collections.abc import Callable

from flask import current_app
from flask_babel import gettext as _
from sqlalchemy import Select, func
from sqlalchemy.orm import selectinload

from eventsapp.actor import Actor
from eventsapp.db import utcnow
from eventsapp.documents.certificate_pdf import render_certificates
from eventsapp.documents.eligibility import certificate_run
from eventsapp.documents.queries import display_name
from eventsapp.documents.services import Skipped, issue_certificate, skipped_message
from eventsapp.errors import DomainError
from eventsapp.events.branding import branding_for
from eventsapp.events.models import Event
from eventsapp.extensions import db
from eventsapp.jobs.models import Job
from eventsapp.jobs.services import JobResult, report_progress, start_job
from eventsapp.registration.models import Person, Registration, RegistrationStatus

CERTIFICATES_KIND = "documents.certificates"
CERTIFICATES_TASK = "eventsapp.documents.certificates"
PROGRESS_EVERY = 50  # people (a certificate is a page or two)


def _confirmed(event: Event) -> Select[tuple[Registration]]:
    return db.select(Registration).where(
        Registration.event_id == event.id, Registration.status == RegistrationStatus.CONFIRMED
    )


def certificate_count(event: Event) -> int:
    query = _confirmed(event).with_only_columns(func.count(Registration.id))
    return db.session.scalar(query) or 0


def needs_job(count: int) -> bool:
    return count > int(current_app.config["PRINT_JOB_THRESHOLD"])


def certificate_registrations(event: Event) -> list[Registration]:
    return list(
        db.session.scalars(
            _confirmed(event)
            .join(Person, Person.id == Registration.person_id)
            .options(selectinload(Registration.person))
            .order_by(Person.sort_name, Registration.id)
        )
    )


def certificates_pdf(
    event: Event,
    progress: Callable[[int, int], None] | None = None,
    actor: Actor | None = None,
) -> tuple[bytes, int, list[Skipped]]:
    """The certificate of every confirmed person who may have one (eligibility.py), in one
    PDF; how many; and who was skipped and why."""
    now = utcnow()
    registrations, left_out = certificate_run(event, certificate_registrations(event), now)
    skipped = [Skipped(display_name(r.person), reason) for r, reason in left_out]
    if not registrations:
        if skipped:
            raise DomainError(skipped_message(skipped))
        raise DomainError(_("No confirmed registrations yet."))
    data = []
    branding = branding_for(event)
    for done, registration in enumerate(registrations, start=1):
        data += issue_certificate(actor, event, registration, now, branding)
        if progress is not None and done % PROGRESS_EVERY == 0:
            progress(done, len(registrations))
    return render_certificates(data), len(registrations), skipped


def start_certificates_job(actor: Actor, event: Event) -> Job:
    """Queue the certificates of ``event``; the caller commits."""
    if not certificate_count(event):
        raise DomainError(_("No confirmed registrations yet."))
    return start_job(actor, CERTIFICATES_KIND, event, CERTIFICATES_TASK)


def run_certificates_job(job: Job) -> JobResult:
    event = db.session.get_one(Event, job.event_id)  # the job row cascades with its event
    pdf, count, skipped = certificates_pdf(
        event, lambda done, total: report_progress(job.id, done, total), job.created_by
    )
    job.progress_done = job.progress_total = count
    return JobResult(
        data=pdf,
        content_type="application/pdf",
        filename=f"certificates-{event.slug}.pdf",
        message=skipped_message(skipped) if skipped else "",
    )
