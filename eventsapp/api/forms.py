"""The form that makes an API token."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import SelectMultipleField, StringField, widgets
from wtforms.validators import DataRequired, Length

from eventsapp.api.models import Scope

SCOPE_LABELS = {
    Scope.READ: _l("Read: event, agenda, registrations, delegations, check-ins"),
    Scope.WRITE: _l("Write: create, change and cancel registrations"),
    Scope.CHECKIN: _l("Check-in: scan badges and read check-ins"),
}


class TokenForm(FlaskForm):
    name = StringField(
        _l("Name"),
        validators=[DataRequired(), Length(max=100)],
        description=_l("Say what uses it, e.g. “Ministry dashboard”."),
    )
    scopes = SelectMultipleField(
        _l("Permissions"),
        choices=[(scope.value, label) for scope, label in SCOPE_LABELS.items()],
        validators=[DataRequired(message=_l("Choose at least one permission."))],
        widget=widgets.ListWidget(prefix_label=False),
        option_widget=widgets.CheckboxInput(),
    )
