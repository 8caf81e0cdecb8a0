"""Flask-Login wiring: users are loaded by their session token (the alternative id)."""

from flask_babel import lazy_gettext as _l

from eventsapp.auth.models import User
from eventsapp.extensions import db


def configure_login(app, login_manager) -> None:
    login_manager.login_view = "auth.login"
    login_manager.login_message = _l("Please sign in to see this page.")
    login_manager.login_message_category = "info"
    login_manager.session_protection = "basic"

    @login_manager.user_loader
    def load_user(token: str):
        return db.session.scalar(db.select(User).where(User.session_token == token))
