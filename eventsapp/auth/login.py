"""Flask-Login wiring: users are loaded by their session token (the alternative id)."""

from flask import Flask
from flask_login import LoginManager
from sqlalchemy import select

from eventsapp.auth.models import User
from eventsapp.auth.sessions import check_idle_timeout, unauthorized
from eventsapp.extensions import db


def configure_login(app: Flask, login_manager: LoginManager) -> None:
    login_manager.login_view = "auth.login"
    login_manager.session_protection = "basic"
    login_manager.unauthorized_handler(unauthorized)
    app.before_request(check_idle_timeout)

    @login_manager.user_loader
    def load_user(token: str) -> User | None:
        return db.session.scalar(select(User).where(User.session_token == token))
