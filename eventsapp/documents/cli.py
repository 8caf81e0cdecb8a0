"""``flask program SLUG --lang en|es|both [--paper letter|a4] -o FILE``."""

from __future__ import annotations

import click
from flask.cli import with_appcontext

from eventsapp.documents.booklet import render_booklet
from eventsapp.documents.labels import LANG_CHOICES
from eventsapp.documents.queries import booklet_for
from eventsapp.events.services import event_by_slug


@click.command("program")
@click.argument("slug")
@click.option("--lang", type=click.Choice(LANG_CHOICES), default="both", show_default=True)
@click.option("--paper", type=click.Choice(("letter", "a4")), default="letter", show_default=True)
@click.option("-o", "--output", type=click.Path(dir_okay=False, writable=True), required=True)
@with_appcontext
def program(slug: str, lang: str, paper: str, output: str) -> None:
    """Write the event's printed program (PDF booklet) to OUTPUT."""
    event = event_by_slug(slug)
    if event is None:
        raise click.ClickException(f"No event with slug {slug!r}.")
    pdf = render_booklet(booklet_for(event, lang, paper))
    with open(output, "wb") as handle:
        handle.write(pdf)
    click.echo(f"Wrote {output} ({len(pdf) // 1024} KiB).")
