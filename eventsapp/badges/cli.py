"""Badges from the command line: list the stocks, print an event's badges to a file."""

from __future__ import annotations

import os

import click
from flask.cli import with_appcontext

from eventsapp.badges.layouts import DEFAULT_LAYOUT, LAYOUTS
from eventsapp.errors import DomainError
from eventsapp.extensions import db
from eventsapp.registration.models import RegistrationRole


@click.command("badge-layouts")
def badge_layouts() -> None:
    """List the badge layouts (stocks): name, badges per page, badge size, page size."""
    for layout in LAYOUTS.values():
        click.echo(
            f"{layout.name}\t{layout.columns}x{layout.rows}\t"
            f"badge {layout.badge_width / 72 * 25.4:.1f}x{layout.badge_height / 72 * 25.4:.1f} mm"
            f"\tpage {layout.page_width / 72 * 25.4:.1f}x{layout.page_height / 72 * 25.4:.1f} mm"
            f"\t{layout.description}"
        )


@click.command("badges")
@click.argument("slug")
@click.option("--layout", "layout_name", default=DEFAULT_LAYOUT, type=click.Choice(list(LAYOUTS)))
@click.option("-o", "--output", required=True, type=click.Path(dir_okay=False, writable=True))
@click.option("--role", type=click.Choice([r.value for r in RegistrationRole]))
@click.option(
    "--delegation", "delegation_name", help="Delegation name (jurisdiction or organization)."
)
@click.option("--unprinted", is_flag=True, help="Only badges not printed yet.")
@click.option(
    "--start-at", default=1, show_default=True, type=int, help="First free badge on the sheet."
)
@click.option("--crop-marks", is_flag=True)
@click.option("--duplex", is_flag=True, help="Add mirrored back pages for long-edge duplex.")
@click.option("--order", type=click.Choice(["delegation", "family"]), default="delegation")
@click.option("--lang", type=click.Choice(["en", "es"]), default="en")
@with_appcontext
def print_badges_command(
    slug: str,
    layout_name: str,
    output: str,
    role: str | None,
    delegation_name: str | None,
    unprinted: bool,
    start_at: int,
    crop_marks: bool,
    duplex: bool,
    order: str,
    lang: str,
) -> None:
    """Print SLUG's confirmed registrations' badges to a PDF file and record the prints."""
    from eventsapp.badges.services import BadgeFilter, print_badges
    from eventsapp.delegations.models import Delegation
    from eventsapp.events.services import event_by_slug

    event = event_by_slug(slug)
    if event is None:
        raise click.ClickException(f"No event {slug!r}.")
    flt = BadgeFilter(
        role=RegistrationRole(role) if role else None, unprinted=unprinted, order=order
    )
    if delegation_name:
        matches = [
            d
            for d in db.session.scalars(
                db.select(Delegation).where(Delegation.event_id == event.id)
            )
            if d.name.casefold() == delegation_name.casefold()
        ]
        if not matches:
            raise click.ClickException(f"No delegation {delegation_name!r} at {slug}.")
        flt.delegation_id = matches[0].id
    try:
        with open(output, "wb") as out:
            count = print_badges(
                None,
                event,
                flt,
                layout_name,
                out,
                lang=lang,
                crop_marks=crop_marks,
                start_at=start_at,
                duplex=duplex,
            )
    except DomainError as error:
        db.session.rollback()
        os.remove(output)
        raise click.ClickException(error.message) from None
    db.session.commit()
    click.echo(f"{count} badge(s) written to {output} ({layout_name}).")
