"""Back office: import and export of registrations, and the organizer's reports."""

from flask import Response, abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_login import current_user

from eventsapp.auth.permissions import organizer_required
from eventsapp.extensions import db
from eventsapp.navigation import add_event_menu_entry
from eventsapp.registration import exporter, importer, labels, reports
from eventsapp.registration.forms import ExportForm, ImportForm, event_delegations
from eventsapp.registration.manage import bp, filtered_registrations
from eventsapp.registration.models import RegistrationRole, RegistrationStatus

add_event_menu_entry("registration_manage.reports", _l("Reports"), 22)

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def download(data: bytes, filename: str, mimetype: str) -> Response:
    return Response(
        data,
        mimetype=mimetype,
        headers={"Content-Disposition": f'attachment; filename="{filename}"'},
    )


@bp.route("/events/<slug>/registrations/import", methods=["GET", "POST"])
@organizer_required
def registrations_import(event):
    form = ImportForm()
    result = None
    if form.validate_on_submit():
        upload = form.file.data
        try:
            rows = importer.read_rows(upload.filename, upload.read())
        except importer.TooManyRows:
            form.file.errors.append(
                _("An import takes at most %(n)d rows; split the file.", n=importer.MAX_ROWS)
            )
        except (ValueError, KeyError, OSError, UnicodeDecodeError):
            form.file.errors.append(_("This file cannot be read as CSV or XLSX."))
        else:
            result = importer.import_rows(
                current_user, event, rows, only_valid=form.only_valid.data
            )
            if result.problems and not form.only_valid.data:
                db.session.rollback()
            else:
                db.session.commit()
                flash(
                    _(
                        "%(created)d created, %(updated)d updated, %(skipped)d skipped.",
                        created=result.created,
                        updated=result.updated,
                        skipped=result.skipped,
                    ),
                    "success",
                )
                if not result.problems:
                    return redirect(
                        url_for("registration_manage.registrations_list", slug=event.slug)
                    )
    return render_template(
        "registration/import.html",
        event=event,
        form=form,
        result=result,
        columns=importer.COLUMNS,
        required=importer.REQUIRED,
    )


@bp.route("/events/<slug>/registrations/export")
@organizer_required
def registrations_export(event):
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
    rows = exporter.export_rows(filtered_registrations(event))
    if form.format.data == "xlsx":
        return download(exporter.to_xlsx(rows), f"{event.slug}-registrations.xlsx", XLSX)
    return download(exporter.to_csv(rows), f"{event.slug}-registrations.csv", "text/csv")


@bp.route("/events/<slug>/reports/", endpoint="reports")
@organizer_required
def reports_page(event):
    return render_template(
        "registration/reports.html",
        event=event,
        reports=[reports.build(event, name) for name in reports.NAMES],
    )


@bp.route("/events/<slug>/reports/<name>.csv")
@organizer_required
def report_csv(event, name: str):
    if name not in reports.NAMES:
        abort(404)
    report = reports.build(event, name)
    rows = [[exporter.neutralise(cell) for cell in row] for row in report.rows]
    return download(
        exporter.to_csv(rows, header=report.header), f"{event.slug}-{name}.csv", "text/csv"
    )
