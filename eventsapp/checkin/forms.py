"""Forms of the check-in desk. Each posts with a CSRF token; ids are checked against the
event in the view (``services.event_registration``/``event_session``)."""

from flask_babel import lazy_gettext as _l
from wtforms import HiddenField, SelectField, StringField
from wtforms.validators import DataRequired, Length, Optional

from eventsapp.forms import FlaskForm, IdSelectField


class DeskForm(FlaskForm):
    """Which desk this device is, and whether it admits at the door or records a session."""

    desk = StringField(_l("Desk name"), validators=[DataRequired(), Length(max=60)])
    session_id = IdSelectField(_l("Mode"), validators=[Optional()], blank=_l("Door check-in"))


class ScanForm(FlaskForm):
    token = StringField(_l("Badge code"), validators=[DataRequired(), Length(max=200)])


class RegistrationActionForm(FlaskForm):
    """Check in (from a search), undo or reprint one registration of the event."""

    registration_id = HiddenField(validators=[DataRequired()])


class ReprintForm(RegistrationActionForm):
    layout = SelectField(_l("Badge layout"), choices=[], validators=[DataRequired()])
