import click
from flask.cli import with_appcontext

from eventsapp.auth.services import create_user as create_user_service
from eventsapp.errors import DomainError
from eventsapp.extensions import db


@click.command("create-user")
@click.argument("email")
@click.option("--password", prompt=True, hide_input=True, confirmation_prompt=True)
@click.option("--admin", is_flag=True, help="Give the account every right.")
@click.option("--name", default="")
@with_appcontext
def create_user(email: str, password: str, admin: bool, name: str) -> None:
    """Create a user account."""
    try:
        user = create_user_service(email, password, name=name, is_admin=admin)
    except DomainError as error:
        raise click.ClickException(str(error.message)) from None
    db.session.commit()
    click.echo(f"Created {user.email}{' (admin)' if admin else ''}")
