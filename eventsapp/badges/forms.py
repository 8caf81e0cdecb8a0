"""The badge printing form: filters, order and sheet options."""

from __future__ import annotations

from typing import Any

from flask_babel import lazy_gettext as _l
from wtforms import BooleanField, IntegerField, SelectField, SelectMultipleField, StringField
from wtforms.validators import Length, NumberRange, Optional

from eventsapp.badges.layouts import DEFAULT_LAYOUT, LAYOUTS
from eventsapp.badges.services import ORDER_DELEGATION, ORDER_FAMILY
from eventsapp.forms import FlaskForm, IdSelectField, search_text
from eventsapp.registration.labels import ROLE, STATUS
from eventsapp.registration.models import RegistrationStatus

ALL = ""


class PrintBadgesForm(FlaskForm):
    layout = SelectField(
        _l("Layout"), choices=[(name, name) for name in LAYOUTS], default=DEFAULT_LAYOUT
    )
    delegation_id = IdSelectField(_l("Delegation"), blank=_l("All delegations"))
    role = SelectField(_l("Role"), choices=[], default=ALL)
    status = SelectField(_l("Status"), choices=[], default=RegistrationStatus.CONFIRMED.value)
    unprinted = BooleanField(_l("Only badges not yet printed"))
    q = StringField(_l("Name or e-mail"), filters=[search_text])
    # Ticked on the page shown; ids of another event simply match nothing (the print is
    # scoped to the event), so they are not checked against a list of every registration.
    registration_ids = SelectMultipleField(
        _l("Only these people"), coerce=int, choices=[], validate_choice=False
    )
    order = SelectField(
        _l("Order"),
        choices=[
            (ORDER_DELEGATION, _l("By delegation, then family name")),
            (ORDER_FAMILY, _l("By family name")),
        ],
        default=ORDER_DELEGATION,
    )
    start_at = IntegerField(
        _l("Start at badge"), default=1, validators=[Optional(), NumberRange(min=1, max=99)]
    )
    crop_marks = BooleanField(_l("Crop marks"))
    duplex = BooleanField(_l("Back side (long-edge duplex)"))
    language = SelectField(
        _l("Language of the event name and dates"),
        choices=[("en", _l("English")), ("es", _l("Spanish"))],
        default="en",
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.role.choices = [(ALL, _l("All roles"))] + [
            (r.value, label) for r, label in ROLE.items()
        ]
        self.status.choices = [(ALL, _l("Any status"))] + [
            (s.value, label) for s, label in STATUS.items()
        ]


class ReprintForm(FlaskForm):
    layout = SelectField(_l("Layout"), choices=[(name, name) for name in LAYOUTS], default="a6")


class BadgeSettingsForm(FlaskForm):
    question_id = IdSelectField(_l("Line from the answer to"), blank=_l("No such line"))
    caption_en = StringField(_l("Caption (English)"), [Optional(), Length(max=60)])
    caption_es = StringField(_l("Caption (Spanish)"), [Optional(), Length(max=60)])
