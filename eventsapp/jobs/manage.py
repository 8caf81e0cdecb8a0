"""The status page of a background job (organizers of its event): a progress bar that
polls the JSON endpoint (eventsapp/static/js/job_progress.js; a meta refresh without
script), then the result: a download link for a file, or the report rendered with the
kind's template ("<domain>/<action>_report.html", e.g. registration/import_report.html)."""

from flask import Blueprint, abort, jsonify, render_template, url_for
from flask.typing import ResponseReturnValue
from flask_babel import lazy_gettext as _l

from eventsapp import storage
from eventsapp.auth.permissions import Event, event_object_or_404, organizer_required
from eventsapp.jobs.models import Job, JobStatus

bp = Blueprint("jobs_manage", __name__, url_prefix="/manage")

STATUS_LABELS = {
    JobStatus.QUEUED: _l("Waiting for a worker"),
    JobStatus.RUNNING: _l("Running"),
    JobStatus.DONE: _l("Done"),
    JobStatus.FAILED: _l("Failed"),
}


def report_template(job: Job) -> str:
    domain, _dot, action = job.kind.partition(".")
    return f"{domain}/{action}_report.html"


@bp.route("/events/<slug>/jobs/<int:job_id>")
@organizer_required
def status(event: Event, job_id: int) -> ResponseReturnValue:
    job = event_object_or_404(Job, event, job_id)
    return render_template(
        "jobs/status.html",
        event=event,
        job=job,
        status_label=STATUS_LABELS[job.status],
        report_templates=[report_template(job), "jobs/report.html"],
    )


@bp.route("/events/<slug>/jobs/<int:job_id>.json")
@organizer_required
def status_json(event: Event, job_id: int) -> ResponseReturnValue:
    job = event_object_or_404(Job, event, job_id)
    response = jsonify(
        id=job.id,
        kind=job.kind,
        status=job.status.value,
        status_label=str(STATUS_LABELS[job.status]),
        done=job.progress_done,
        total=job.progress_total,
        percent=job.percent,
        finished=job.finished,
        error=job.error,
        download_url=(
            url_for("jobs_manage.download", slug=event.slug, job_id=job.id)
            if job.result_key
            else None
        ),
    )
    response.headers["Cache-Control"] = "no-store"
    return response


@bp.route("/events/<slug>/jobs/<int:job_id>/download")
@organizer_required
def download(event: Event, job_id: int) -> ResponseReturnValue:
    job = event_object_or_404(Job, event, job_id)
    stored = storage.get(job.result_key) if job.result_key else None
    if stored is None:
        abort(404)
    return storage.send(stored, download_name=job.result_name or None, private=True)
