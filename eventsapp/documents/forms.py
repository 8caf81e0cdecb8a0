"""Forms of the documents page."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from wtforms import BooleanField, SelectField
from wtforms.validators import InputRequired

from eventsapp.forms import FlaskForm, IdSelectField

LANG_LABELS = {"en": _l("English"), "es": _l("Spanish"), "both": _l("Both, side by side")}
PAPER_LABELS = {"letter": _l("Letter"), "a4": _l("A4")}


class BookletForm(FlaskForm):
    """Read-only download options (sent by GET, so no CSRF token)."""

    class Meta:
        csrf = False

    lang = SelectField(_l("Language"), choices=list(LANG_LABELS.items()), default="both")
    paper = SelectField(_l("Paper"), choices=list(PAPER_LABELS.items()), default="letter")


class DelegationLettersForm(FlaskForm):
    delegation_id = IdSelectField(_l("Delegation"), validators=[InputRequired()], blank=None)
    output = SelectField(
        _l("Format"),
        choices=[("pdf", _l("One PDF, one letter per page")), ("zip", _l("ZIP of PDFs"))],
        default="pdf",
    )


class LetterOverrideForm(FlaskForm):
    """Issue one visa letter; ``override``: also for a pending or waitlisted registration
    (recorded in the audit log)."""

    override = BooleanField(_l("Issue although the registration is not confirmed"))
