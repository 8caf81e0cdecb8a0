"""Back office: import and export of registrations, and the organizer's reports."""

from flask import Response, abort, redirect, render_template, request, url_for
from flask.typing import ResponseReturnValue
from flask_babel import lazy_gettext as _l
from flask_login import current_user

from eventsapp.auth.permissions import organizer_required
from eventsapp.events.models import Event
from eventsapp.extensions import db
from eventsapp.forms import add_error
from eventsapp.i18n import current_language
from eventsapp.navigation import add_event_menu_entry
from eventsapp.registration import exporter, importer, labels, reports
from eventsapp.registration.forms import ExportForm, ImportForm, event_delegations
from eventsapp.registration.manage import bp, filtered_registrations
from eventsapp.registration.models import RegistrationRole, RegistrationStatus

add_event_menu_entry("registration_manage.reports", _l("Reports"), 85, "records")

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def download(data: bytes, filename: str, mimetype: str) -> Response:
    return Response(
        data,
        mimetype=mimetype,
        headers={"Content-Disposition": f'attachment; filename="{filename}"'},
    )


@bp.route("/events/<slug>/registrations/import", methods=["GET", "POST"])
@organizer_required
def registrations_import(event: Event) -> ResponseReturnValue:
    """The upload is stored and imported by a job; its page shows progress and report."""
    form = ImportForm()
    if form.validate_on_submit():
        upload = form.file.data
        content = upload.read()
        try:
            importer.check_upload(upload.filename, content)
        except importer.FileRefused as error:
            add_error(form.file, error.message)
        else:
            job = importer.start_import(
                current_user, event, upload.filename, content, only_valid=form.only_valid.data
            )
            db.session.commit()
            return redirect(url_for("jobs_manage.status", slug=event.slug, job_id=job.id))
    return render_template(
        "registration/import.html",
        event=event,
        form=form,
        columns=importer.COLUMNS,
        required=importer.REQUIRED,
        question_columns=[
            importer.question_column(q)
            for q in exporter.export_questions(event)
            if not q.is_retired
        ],
    )


@bp.route("/events/<slug>/registrations/import-template.<fmt>")
@organizer_required
def import_template(event: Event, fmt: str) -> ResponseReturnValue:
    """An empty file with the columns the import reads (the export's own columns too, and
    one per live question)."""
    live = [q for q in exporter.export_questions(event) if not q.is_retired]
    header = [*importer.COLUMNS, *importer.OPTIONAL_COLUMNS]
    header += [importer.question_column(q) for q in live]
    name = f"{event.slug}-import-template.{fmt}"
    if fmt == "xlsx":
        return download(exporter.to_xlsx([], header=header), name, XLSX)
    if fmt != "csv":
        abort(404)
    return download(exporter.to_csv([], header=header), name, "text/csv")


@bp.route("/events/<slug>/registrations/export")
@organizer_required
def registrations_export(event: Event) -> ResponseReturnValue:
    form = ExportForm(request.args)
    if "format" not in request.args:
        return render_template(
            "registration/export.html",
            event=event,
            form=form,
            labels=labels,
            delegations=event_delegations(event),
            Status=RegistrationStatus,
            Role=RegistrationRole,
        )
    if not form.validate():
        abort(400)
    questions = exporter.export_questions(event)
    rows = exporter.export_rows(filtered_registrations(event), questions, current_language())
    header = exporter.header(questions)
    if form.format.data == "xlsx":
        data = exporter.to_xlsx(rows, header=header)
        return download(data, f"{event.slug}-registrations.xlsx", XLSX)
    data = exporter.to_csv(rows, header=header)
    return download(data, f"{event.slug}-registrations.csv", "text/csv")


@bp.route("/events/<slug>/reports/", endpoint="reports")
@organizer_required
def reports_page(event: Event) -> ResponseReturnValue:
    return render_template(
        "registration/reports.html",
        event=event,
        reports=[reports.build(event, name) for name in reports.NAMES],
    )


@bp.route("/events/<slug>/reports/<name>.csv")
@organizer_required
def report_csv(event: Event, name: str) -> ResponseReturnValue:
    if name not in reports.NAMES:
        abort(404)
    report = reports.build(event, name)
    return download(
        exporter.to_csv(report.rows, header=report.header), f"{event.slug}-{name}.csv", "text/csv"
    )
