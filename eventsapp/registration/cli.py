"""Command line: import and export registrations."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

import click
from flask.cli import with_appcontext
from werkzeug.exceptions import HTTPException

from eventsapp.events.services import event_by_slug
from eventsapp.extensions import db

if TYPE_CHECKING:
    from eventsapp.events.models import Event


def _event(slug: str) -> Event:
    event = event_by_slug(slug)
    if event is None:
        raise click.ClickException(f"no event with slug {slug!r}")
    return event


@click.command("import-registrations")
@click.argument("slug")
@click.argument("file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--only-valid", is_flag=True, help="Import the good rows, skip the bad ones.")
@with_appcontext
def import_registrations(slug: str, file: Path, only_valid: bool) -> None:
    """Import registrations of SLUG from a CSV or XLSX FILE (validated whole first)."""
    from eventsapp.registration.importer import import_rows, read_rows

    event = _event(slug)
    try:
        rows = read_rows(file.name, file.read_bytes())
    except (ValueError, KeyError, OSError, UnicodeDecodeError) as error:
        raise click.ClickException(f"cannot read {file}: {error}") from error
    result = import_rows(None, event, rows, only_valid=only_valid)
    for problem in result.warnings + result.problems:
        click.echo(str(problem), err=True)
    if result.problems and not only_valid:
        db.session.rollback()
        click.echo(f"{len(result.problems)} problem(s); nothing imported.", err=True)
        raise SystemExit(1)
    db.session.commit()
    click.echo(f"{result.created} created, {result.updated} updated, {result.skipped} skipped.")
    if result.problems:
        raise SystemExit(1)


@click.command("export-registrations")
@click.argument("slug")
@click.option("--format", "fmt", type=click.Choice(["csv", "xlsx"]), default="csv")
@click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path), required=True)
@click.option("--delegation", default="", help="Delegation id, or 'none'.")
@click.option("--role", default="")
@click.option("--status", default="")
@click.option(
    "--language", "lang", type=click.Choice(["en", "es"]), default="en", help="Option labels."
)
@with_appcontext
def export_registrations(
    slug: str, fmt: str, output: Path, delegation: str, role: str, status: str, lang: str
) -> None:
    """Export the registrations of SLUG to a CSV or XLSX file (with the answers to the
    event's questions)."""
    from eventsapp.registration import exporter
    from eventsapp.registration.manage import filtered_registrations

    event = _event(slug)
    args = {"delegation": delegation, "role": role, "status": status}
    try:
        questions = exporter.export_questions(event)
        rows = exporter.export_rows(filtered_registrations(event, args), questions, lang)
    except HTTPException as error:  # abort(400) on a bad filter value
        raise click.ClickException(f"bad filter: {error}") from error
    header = exporter.header(questions)
    if fmt == "xlsx":
        data = exporter.to_xlsx(rows, header=header)
    else:
        data = exporter.to_csv(rows, header=header)
    output.write_bytes(data)
    click.echo(f"{len(rows)} registrations written to {output}.")


@click.command("purge-personal-data")
@click.option("--dry-run", is_flag=True, help="Say what would be blanked; change nothing.")
@with_appcontext
def purge_personal_data(dry_run: bool) -> None:
    """Blank the private details of every event whose retention period is over."""
    from eventsapp.registration.retention import purge_due_events

    results = purge_due_events(dry_run=dry_run)
    for r in results:
        if dry_run:
            verb = "would blank"
        elif r.purged:
            verb = "blanked"
        else:
            verb = "already purged, nothing new:"
        click.echo(
            f"{r.event.slug} (kept until {r.kept_until.isoformat()}): {verb} "
            f"{r.people} people, {r.registrations} registrations, "
            f"{r.audit_entries} audit entries"
        )
    if dry_run:
        db.session.rollback()
        click.echo(f"Dry run: {len(results)} event(s) due; nothing changed.")
    else:
        db.session.commit()
        click.echo(f"{sum(r.purged for r in results)} event(s) purged.")
