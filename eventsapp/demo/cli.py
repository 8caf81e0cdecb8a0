import click
from flask.cli import with_appcontext

from eventsapp.extensions import db


@click.command("demo")
@with_appcontext
def demo() -> None:
    """Load the demo summit (idempotent: running it twice changes nothing)."""
    from eventsapp.demo.loader import load_demo

    created = load_demo()
    db.session.commit()
    click.echo(
        "Demo summit loaded." if created else "Demo summit already present; nothing changed."
    )
