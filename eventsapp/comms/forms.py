"""Forms of the communications pages: a mail's wording in both languages, the mail
settings, and a message to a group (its text and who receives it)."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from flask_babel import lazy_gettext as _l
from wtforms import (
    BooleanField,
    IntegerField,
    SelectField,
    SelectMultipleField,
    StringField,
    TextAreaField,
)
from wtforms.validators import DataRequired, Email, Length, NumberRange, Optional

from eventsapp.forms import FlaskForm, IdSelectField, optional_id
from eventsapp.mail.templating import placeholder_errors
from eventsapp.questions.models import Question


class BilingualTextForm(FlaskForm):
    subject_en = StringField(_l("Subject (English)"), [DataRequired(), Length(max=300)])
    body_en = TextAreaField(_l("Text (English)"), [DataRequired(), Length(max=20000)])
    subject_es = StringField(_l("Subject (Spanish)"), [DataRequired(), Length(max=300)])
    body_es = TextAreaField(_l("Text (Spanish)"), [DataRequired(), Length(max=20000)])
    sample_id = IdSelectField(_l("Preview with"))

    TEXT_FIELDS = ("subject_en", "body_en", "subject_es", "body_es")

    def check_placeholders(self, allowed: Iterable[str]) -> bool:
        """Unknown placeholders become errors next to their field."""
        ok = True
        for name in self.TEXT_FIELDS:
            field = getattr(self, name)
            errors = placeholder_errors(field.data or "", allowed)
            if errors:
                field.errors = list(field.errors) + errors
                ok = False
        return ok

    def texts(self) -> dict[str, tuple[str, str]]:
        return {
            # Called after validation: DataRequired leaves no field empty.
            "en": ((self.subject_en.data or "").strip(), self.body_en.data or ""),
            "es": ((self.subject_es.data or "").strip(), self.body_es.data or ""),
        }


class MailSettingsForm(FlaskForm):
    reply_to = StringField(
        _l("Reply-to address"),
        [Optional(), Email(), Length(max=254)],
        filters=[lambda v: (v or "").strip()],
    )
    closing_days = IntegerField(
        _l("Remind this many days before registration closes"),
        [DataRequired(), NumberRange(min=1, max=60)],
    )
    remind_closing = BooleanField(
        _l("Remind those entered by the organizers who have not confirmed yet")
    )
    remind_passport = BooleanField(
        _l("Remind those whose passport details are missing (visa letters)")
    )
    remind_day_before = BooleanField(_l("Send the personal agenda the day before the event"))
    remind_after_event = BooleanField(_l("Send the certificate link after the event"))


class MultiIdField(SelectMultipleField):
    """A multiple select of ids; only offered ids validate."""

    def __init__(
        self,
        label: str | None = None,
        validators: list[Any] | tuple[Any, ...] | None = None,
        **kwargs: Any,
    ) -> None:
        super().__init__(label, validators, coerce=optional_id, choices=[], **kwargs)

    def set_choices(self, pairs: Iterable[tuple[int, str]]) -> None:
        self.choices = [(i, text) for i, text in pairs]


class GroupMessageForm(BilingualTextForm):
    questions: list[Question]  # the event's questions, set by the view that builds the form

    statuses = SelectMultipleField(_l("Status"), choices=[])
    roles = SelectMultipleField(_l("Role"), choices=[])
    delegations = MultiIdField(_l("Delegation"))
    workshops = MultiIdField(_l("Workshop"))
    missing_passport = BooleanField(_l("Only those without passport details"))
    missing_arrival = BooleanField(_l("Only those without an arrival date"))
    checked_in = SelectField(
        _l("Checked in"),
        choices=[("", _l("Either")), ("yes", _l("Checked in")), ("no", _l("Not checked in"))],
        default="",
    )
    picked = TextAreaField(
        _l("Or only these addresses (one per line)"), [Optional(), Length(max=100000)]
    )
    question_id = IdSelectField(_l("Answer to the question"), blank=_l("Any answers"))
    answer = StringField(_l("Answer"), [Optional(), Length(max=500)])
    answer_place = SelectField(
        _l("For a choice with limited places"),
        choices=[
            ("", _l("Holding a place or waiting")),
            ("holding", _l("Holding a place")),
            ("waiting", _l("On the option's waiting list")),
        ],
        default="",
    )
