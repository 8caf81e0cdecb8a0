"""``flask program SLUG --lang en|es|both [--paper letter|a4] -o FILE`` and
``flask tent-cards SLUG [--delegation NAME] [--paper letter|a4] -o FILE``."""

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


@click.command("tent-cards")
@click.argument("slug")
@click.option("--delegation", "delegation_name", help="Only this delegation (its name).")
@click.option("--paper", type=click.Choice(("letter", "a4")), default="letter", show_default=True)
@click.option("-o", "--output", type=click.Path(dir_okay=False, writable=True), required=True)
@with_appcontext
def tent_cards_command(slug: str, delegation_name: str | None, paper: str, output: str) -> None:
    """Write folded tent cards for the plenary tables (one per page, protocol order)."""
    from eventsapp.documents.tent_cards import render_tent_cards
    from eventsapp.documents.tent_views import _delegations, tent_cards_for

    event = event_by_slug(slug)
    if event is None:
        raise click.ClickException(f"No event with slug {slug!r}.")
    delegation = None
    if delegation_name:
        wanted = delegation_name.casefold()
        delegation = next((d for d in _delegations(event) if d.name.casefold() == wanted), None)
        if delegation is None:
            raise click.ClickException(f"No delegation {delegation_name!r} at {slug}.")
    cards = tent_cards_for(event, delegation)
    if not cards:
        raise click.ClickException("Nobody to print a tent card for.")
    with open(output, "wb") as handle:
        handle.write(render_tent_cards(cards, paper=paper, title=f"{slug}: tent cards"))
    click.echo(f"{len(cards)} tent card(s) written to {output}.")
