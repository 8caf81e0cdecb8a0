"""Every Flask extension, created unbound here and initialised in create_app."""

from typing import TYPE_CHECKING, Any

import sqlalchemy
from flask import has_request_context
from flask_babel import Babel
from flask_limiter import Limiter
from flask_limiter.util import get_remote_address
from flask_login import LoginManager
from flask_migrate import Migrate
from flask_sqlalchemy import SQLAlchemy
from flask_sqlalchemy.pagination import Pagination
from flask_wtf.csrf import CSRFProtect
from sqlalchemy import Select

from eventsapp.db import Base


class _SQLAlchemy(SQLAlchemy):
    if TYPE_CHECKING:
        # Flask-SQLAlchemy hands out SQLAlchemy's names through __getattr__ (typed Any): the
        # ones we call, with SQLAlchemy's own types (instance attributes, so none is bound).
        def __init__(self, **kwargs: Any) -> None:
            super().__init__(**kwargs)
            self.select = sqlalchemy.select
            self.delete = sqlalchemy.delete
            self.func = sqlalchemy.func

    def paginate(
        self, select: Select[Any], *, page: int | None = None, **kwargs: Any
    ) -> Pagination:
        """Flask-SQLAlchemy's paginate with ``?page=`` read within bounds (a huge number
        overflowed the OFFSET on PostgreSQL)."""
        if page is None and has_request_context():
            from eventsapp.inputs import page_number

            page = page_number()
        return super().paginate(select, page=page, **kwargs)


db = _SQLAlchemy(model_class=Base)

# The base class of every model. At run time it is db.Model (Base with Flask-SQLAlchemy's
# table-name rule); a type checker cannot take an attribute of ``db`` as a base class, so it
# sees the same two classes combined.
# A relationship to a model of a higher layer, or across the registration <-> delegations
# loop, is Mapped[Any] with the real type in a comment ("upward link: Event"): importing the
# class, even under TYPE_CHECKING, would be an edge tests/test_import_graph.py refuses.
if TYPE_CHECKING:
    from flask_sqlalchemy.model import Model as _FlaskModel

    class Model(_FlaskModel, Base):
        __abstract__ = True

else:
    Model = db.Model
migrate = Migrate()
login_manager = LoginManager()
csrf = CSRFProtect()
babel = Babel()
limiter = Limiter(key_func=get_remote_address, default_limits=[])
