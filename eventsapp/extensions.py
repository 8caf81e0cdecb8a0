"""Every Flask extension, created unbound here and initialised in create_app."""

from flask import has_request_context
from flask_babel import Babel
from flask_limiter import Limiter
from flask_limiter.util import get_remote_address
from flask_login import LoginManager
from flask_migrate import Migrate
from flask_sqlalchemy import SQLAlchemy
from flask_wtf.csrf import CSRFProtect

from eventsapp.db import Base


class _SQLAlchemy(SQLAlchemy):
    def paginate(self, select, *, page=None, **kwargs):
        """Flask-SQLAlchemy's paginate with ``?page=`` read within bounds (a huge number
        overflowed the OFFSET on PostgreSQL)."""
        if page is None and has_request_context():
            from eventsapp.inputs import page_number

            page = page_number()
        return super().paginate(select, page=page, **kwargs)


db = _SQLAlchemy(model_class=Base)
migrate = Migrate()
login_manager = LoginManager()
csrf = CSRFProtect()
babel = Babel()
limiter = Limiter(key_func=get_remote_address, default_limits=[])
