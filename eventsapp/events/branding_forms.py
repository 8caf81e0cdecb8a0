"""The branding forms: the site's (administrators) and an event's override (organizers)."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from flask_wtf.file import FileField
from wtforms import BooleanField, StringField
from wtforms.validators import Length, Optional, Regexp

from eventsapp.forms import FlaskForm

COLOUR = Regexp(r"^#[0-9a-fA-F]{6}$", message=_l("A colour such as #1f3a5f."))


class EventBrandingForm(FlaskForm):
    name_en = StringField(_l("Organisation name (English)"), validators=[Length(max=200)])
    name_es = StringField(_l("Organisation name (Spanish)"), validators=[Length(max=200)])
    primary_color = StringField(_l("Main colour (e.g. #1f3a5f)"), validators=[Optional(), COLOUR])
    accent_color = StringField(_l("Accent colour (e.g. #b08d57)"), validators=[Optional(), COLOUR])
    logo = FileField(_l("Logo (PNG or JPEG, at most 2 MB, 64 to 4000 pixels wide)"))
    remove_logo = BooleanField(_l("Remove the logo"))
    signature = FileField(
        _l("Signature image (PNG or JPEG, at most 2 MB, 150 to 3000 pixels wide)")
    )
    remove_signature = BooleanField(_l("Remove the signature image"))


class SiteBrandingForm(EventBrandingForm):
    signatory_name = StringField(
        _l("Letters are signed by (unless an event names its own)"),
        validators=[Length(max=200)],
    )
    signatory_title = StringField(_l("Signatory's title"), validators=[Length(max=200)])
