"""flask export-schedule SLUG --format ics|xml|json -o FILE"""

from __future__ import annotations

import click
from flask import current_app
from flask.cli import with_appcontext

from eventsapp.agenda import exports
from eventsapp.events.services import event_by_slug


@click.command("export-schedule")
@click.argument("slug")
@click.option("--format", "fmt", type=click.Choice(exports.FORMATS), default="xml",
              show_default=True)
@click.option("-o", "--output", type=click.File("wb"), default="-",
              help="File to write (default: standard output).")
@click.option("--lang", type=click.Choice(["en", "es"]), default="en", show_default=True)
@click.option("--base-url", default=None,
              help="Site address for links (default: SERVER_NAME or http://localhost).")
@with_appcontext
def export_schedule(slug: str, fmt: str, output, lang: str, base_url: str | None) -> None:
    """Export an event's published agenda as iCalendar, schedule.xml or JSON."""
    event = event_by_slug(slug)
    if event is None:
        raise click.ClickException(f"No event with the short name {slug!r}.")
    if base_url is None:
        server = current_app.config.get("SERVER_NAME")
        scheme = current_app.config.get("PREFERRED_URL_SCHEME", "http")
        base_url = f"{scheme}://{server}" if server else "http://localhost"
    with current_app.test_request_context("/", base_url=base_url):
        output.write(exports.export(event, fmt, lang))
