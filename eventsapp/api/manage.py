"""The back office's API tokens page: make a token (shown once), list and revoke them.

Organizers see and may revoke every token of their event; check-in staff, their own."""

from __future__ import annotations

from flask import Blueprint, abort, flash, redirect, render_template, url_for
from flask.typing import ResponseReturnValue
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_login import current_user

from eventsapp.api import tokens
from eventsapp.api.forms import SCOPE_LABELS, TokenForm
from eventsapp.api.models import ApiToken, Scope
from eventsapp.auth.models import EventRoleKind
from eventsapp.auth.permissions import event_role_required, has_event_role
from eventsapp.errors import DomainError
from eventsapp.events.models import Event
from eventsapp.extensions import db
from eventsapp.forms import form_errors_from
from eventsapp.navigation import add_event_menu_entry

bp = Blueprint("api_manage", __name__, url_prefix="/manage/events/<slug>/api-tokens")
add_event_menu_entry("api_manage.token_list", _l("API tokens"), 62, "onsite", audience="staff")
team_required = event_role_required(EventRoleKind.ORGANIZER, EventRoleKind.CHECKIN)


def _is_organizer(event: Event) -> bool:
    return has_event_role(current_user, event, EventRoleKind.ORGANIZER)


@bp.route("", methods=["GET", "POST"])
@team_required
def token_list(event: Event) -> ResponseReturnValue:
    form = TokenForm()
    allowed = tokens.allowed_scopes(current_user, event)
    form.scopes.choices = [
        (scope.value, label) for scope, label in SCOPE_LABELS.items() if scope in allowed
    ]
    secret = None
    if form.validate_on_submit():
        try:
            scopes = {Scope(value) for value in form.scopes.data or []}
            token, secret = tokens.issue(current_user, event, form.name.data or "", scopes)
        except DomainError as error:
            db.session.rollback()
            form_errors_from(form, error)
        else:
            db.session.commit()
            form = TokenForm(formdata=None)
            form.scopes.choices = [(s.value, SCOPE_LABELS[s]) for s in SCOPE_LABELS if s in allowed]
    rows = tokens.tokens_of(event, None if _is_organizer(event) else current_user)
    return render_template(
        "api/tokens.html",
        event=event,
        form=form,
        rows=rows,
        secret=secret,
        scope_labels={scope.value: label for scope, label in SCOPE_LABELS.items()},
    )


@bp.post("/<int:token_id>/revoke")
@team_required
def token_revoke(event: Event, token_id: int) -> ResponseReturnValue:
    token = db.session.get(ApiToken, token_id)
    if token is None or token.event_id != event.id:
        abort(404)
    if token.user_id != current_user.id and not _is_organizer(event):
        abort(403)
    tokens.revoke(current_user, token)
    db.session.commit()
    flash(_("The token “%(name)s” no longer works.", name=token.name), "success")
    return redirect(url_for("api_manage.token_list", slug=event.slug))
