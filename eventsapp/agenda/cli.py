"""flask export-schedule SLUG --format ics|xml|json -o FILE"""

from __future__ import annotations

from typing import IO
from urllib.parse import urlsplit

import click
from flask import current_app
from flask.cli import with_appcontext

from eventsapp.agenda import exports
from eventsapp.events.services import event_by_slug


@click.command("export-schedule")
@click.argument("slug")
@click.option(
    "--format", "fmt", type=click.Choice(exports.FORMATS), default="xml", show_default=True
)
@click.option(
    "-o",
    "--output",
    type=click.File("wb"),
    default="-",
    help="File to write (default: standard output).",
)
@click.option("--lang", type=click.Choice(["en", "es"]), default="en", show_default=True)
@click.option(
    "--base-url",
    default=None,
    help="Site address for links, e.g. https://events.example.org "
    "(default: PREFERRED_URL_SCHEME://SERVER_NAME).",
)
@with_appcontext
def export_schedule(
    slug: str, fmt: str, output: IO[bytes], lang: str, base_url: str | None
) -> None:
    """Export an event's published agenda as iCalendar, schedule.xml or JSON."""
    event = event_by_slug(slug)
    if event is None:
        raise click.ClickException(f"No event with the short name {slug!r}.")
    if base_url is not None:
        site = urlsplit(base_url)
        if site.scheme not in ("http", "https") or not site.netloc:
            raise click.BadParameter(
                "give a full address, e.g. https://events.example.org", param_hint="--base-url"
            )
        current_app.config.update(
            SERVER_NAME=site.netloc,
            PREFERRED_URL_SCHEME=site.scheme,
            APPLICATION_ROOT=site.path or "/",
        )
    output.write(exports.export(event, fmt, lang))
