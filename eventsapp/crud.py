"""The POST behind a back-office button (delete, publish...) and its empty form: shared by
every domain's views; imports no domain (the audited list/edit pages live in
``eventsapp.events.crud_pages``)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from flask import abort, flash, redirect
from flask_babel import gettext as _
from flask_wtf import FlaskForm
from werkzeug.wrappers import Response as WerkzeugResponse

from eventsapp.errors import DomainError
from eventsapp.extensions import db


class DeleteForm(FlaskForm):
    """An empty form: a POST that carries only the CSRF token."""


def post_action(
    action: Callable[[], Any], target: str | Callable[[], str], done_message: str | None = None
) -> WerkzeugResponse:
    """The POST behind a button (delete, publish...): check the CSRF token, run the
    service, commit once, say what happened, and go back to ``target`` (a URL, or a
    function giving it once the action has run)."""
    if not DeleteForm().validate_on_submit():
        abort(400)
    try:
        action()
    except DomainError as error:
        db.session.rollback()
        flash(error.message, "danger")
    else:
        db.session.commit()
        flash(done_message or _("Deleted."), "success")
    return redirect(target() if callable(target) else target)
