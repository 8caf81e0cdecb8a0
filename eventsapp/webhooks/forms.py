"""The form that adds a webhook."""

from __future__ import annotations

from flask import current_app
from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import Field, SelectMultipleField, StringField, widgets
from wtforms.form import BaseForm
from wtforms.validators import DataRequired, Length, ValidationError

from eventsapp.forms import PlainText
from eventsapp.webhooks.models import EVENT_TYPES

TYPE_LABELS = {
    "registration.created": _l("A registration is made"),
    "registration.updated": _l("A registration changes"),
    "registration.cancelled": _l("A registration is cancelled"),
    "checkin.created": _l("Someone is checked in"),
}


STATE_LABELS = {
    "pending": _l("Waiting"),
    "sending": _l("Sending"),
    "delivered": _l("Delivered"),
    "failed": _l("Failed"),
}


def https_address(form: BaseForm, field: Field) -> None:
    schemes = (
        ("https://", "http://") if current_app.config["WEBHOOKS_ALLOW_HTTP"] else ("https://",)
    )
    if not (field.data or "").startswith(schemes):
        raise ValidationError(_l("Give an address that starts with https://"))


class WebhookForm(FlaskForm):
    url = StringField(
        _l("Address (URL)"),
        validators=[DataRequired(), Length(max=500), PlainText(), https_address],
        description=_l("Where the notices are sent, e.g. https://dashboard.example.gov/hooks"),
    )
    event_types = SelectMultipleField(
        _l("Send a notice when"),
        choices=[(kind, TYPE_LABELS[kind]) for kind in EVENT_TYPES],
        validators=[DataRequired(message=_l("Choose at least one."))],
        widget=widgets.ListWidget(prefix_label=False),
        option_widget=widgets.CheckboxInput(),
    )
