"""Command line: send the reminders due now (what the worker's beat does every hour)."""

import click
from flask.cli import with_appcontext


@click.command("send-reminders")
@with_appcontext
def send_reminders_command() -> None:
    from eventsapp.comms.reminders import run_reminders

    for kind, n in run_reminders().items():
        click.echo(f"{kind}: {n}")
