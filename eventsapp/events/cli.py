import click
from flask.cli import with_appcontext

from eventsapp.events.models import Event
from eventsapp.extensions import db


@click.command("events")
@with_appcontext
def list_events() -> None:
    """Print one line per event, slug first."""
    for event in db.session.scalars(db.select(Event).order_by(Event.start_date, Event.slug)):
        title = event.title_en or event.title_es
        click.echo(
            f"{event.slug}\t{event.start_date:%Y-%m-%d}..{event.end_date:%Y-%m-%d}"
            f"\t{event.status.value}\t{title}"
        )
