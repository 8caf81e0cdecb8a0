"""Flask-Login wiring: users are loaded by their session token (the alternative id)."""

from eventsapp.auth.models import User
from eventsapp.auth.sessions import check_idle_timeout, unauthorized
from eventsapp.extensions import db


def configure_login(app, login_manager) -> None:
    login_manager.login_view = "auth.login"
    login_manager.session_protection = "basic"
    login_manager.unauthorized_handler(unauthorized)
    app.before_request(check_idle_timeout)

    @login_manager.user_loader
    def load_user(token: str):
        return db.session.scalar(db.select(User).where(User.session_token == token))
