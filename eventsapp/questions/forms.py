"""The organizer's forms for questions, their choices, their order and the answers' cut-off."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from flask_babel import lazy_gettext as _l
from wtforms import (
    BooleanField,
    DateTimeLocalField,
    Field,
    IntegerField,
    SelectField,
    SelectMultipleField,
    StringField,
    TextAreaField,
    widgets,
)
from wtforms.validators import DataRequired, Length, NumberRange, Optional, Regexp, ValidationError

from eventsapp.forms import EnumSelectField, FlaskForm
from eventsapp.questions import labels
from eventsapp.questions.manage_services import (
    KEY_MAX,
    OPTION_LABEL_MAX,
    QuestionData,
)
from eventsapp.questions.models import Question, QuestionForm, QuestionType

LABEL_MAX = 500
HELP_MAX = 2000
CAPACITY_MAX = 100_000
NEW_OPTIONS_MAX = 100


class CheckboxesField(SelectMultipleField):
    widget = widgets.ListWidget(prefix_label=False)
    option_widget = widgets.CheckboxInput()


def _option_lines(text: str) -> list[tuple[str, str]]:
    """ "Museum | Museo" lines -> (English, Spanish) pairs; blank lines skipped."""
    pairs = []
    for line in (text or "").splitlines():
        english, _bar, spanish = line.partition("|")
        if english.strip() or spanish.strip():
            pairs.append((english.strip(), spanish.strip()))
    return pairs


class QuestionEditForm(FlaskForm):
    type = EnumSelectField(_l("Type of answer"), enum=QuestionType, labels=labels.TYPE)
    label_en = StringField(
        _l("Question (English)"), validators=[DataRequired(), Length(max=LABEL_MAX)]
    )
    label_es = StringField(_l("Question (Spanish)"), validators=[Length(max=LABEL_MAX)])
    help_en = TextAreaField(_l("Help text (English)"), validators=[Length(max=HELP_MAX)])
    help_es = TextAreaField(_l("Help text (Spanish)"), validators=[Length(max=HELP_MAX)])
    key = StringField(
        _l("Key"),
        validators=[
            Optional(),
            Length(max=KEY_MAX),
            Regexp(
                r"^[a-z][a-z0-9_]*\Z",
                message=_l("Use lower-case letters, digits and _ only, starting with a letter."),
            ),
        ],
        description=_l(
            "The column of this question in exports and imports, and its placeholder in "
            "e-mails ({q_key}). Empty: made from the English question. It cannot change "
            "once there are answers."
        ),
    )
    required = BooleanField(_l("An answer is required"))
    roles = CheckboxesField(
        _l("For these roles (none ticked: everyone)"), choices=[], validate_choice=True
    )
    forms = CheckboxesField(
        _l("Asked on"),
        choices=[(str(form.value), label) for form, label in labels.FORM.items()],
        validators=[DataRequired(message=_l("Choose at least one form."))],
        default=[str(form.value) for form in labels.FORM],  # a new question: asked everywhere
    )
    condition = SelectField(_l("Shown"), choices=[], validate_choice=True)
    new_options = TextAreaField(
        _l("Choices"),
        validators=[Length(max=NEW_OPTIONS_MAX * 2 * (OPTION_LABEL_MAX + 2))],
        description=_l(
            "One per line, English and Spanish separated by | (for example: Museum | Museo). "
            "Places per choice are set once the question is saved."
        ),
    )

    def __init__(
        self,
        *args: Any,
        condition_choices: Iterable[tuple[str, str]] = (),
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        self.roles.choices = [(value, label) for value, label in labels.ROLES.items()]
        self.condition.choices = list(condition_choices)

    def prefill(self, question: Question, condition: str) -> None:
        """Show ``question``'s stored values (on a GET)."""
        self.roles.data = sorted(question.role_values)
        self.forms.data = [str(f.value) for f in labels.FORM if f in question.form_flags]
        self.condition.data = condition

    def validate_new_options(self, field: Field) -> None:
        pairs = _option_lines(field.data)
        if len(pairs) > NEW_OPTIONS_MAX:
            raise ValidationError(_l("At most %(count)d choices at once.", count=NEW_OPTIONS_MAX))
        for english, spanish in pairs:
            if not english:
                raise ValidationError(_l("Give every choice an English text before the |."))
            if len(english) > OPTION_LABEL_MAX or len(spanish) > OPTION_LABEL_MAX:
                raise ValidationError(
                    _l("A choice has at most %(count)d characters.", count=OPTION_LABEL_MAX)
                )

    def data_for_service(self) -> QuestionData:
        flags = QuestionForm(0)
        for value in self.forms.data or []:
            flags |= QuestionForm(int(value))
        return QuestionData(
            type=self.type.data,
            key=self.key.data or "",
            label_en=self.label_en.data or "",
            label_es=self.label_es.data or "",
            help_en=self.help_en.data or "",
            help_es=self.help_es.data or "",
            required=bool(self.required.data),
            roles=list(self.roles.data or []),
            forms=flags.value,
            condition=self.condition.data or "",
            new_options=_option_lines(self.new_options.data or ""),
        )

    def validate_type(self, field: Field) -> None:
        if field.data is None:
            raise ValidationError(_l("Choose a type from the list."))


class OptionForm(FlaskForm):
    """A choice's texts and places (one form per choice on the page: give ``prefix``)."""

    label_en = StringField(
        _l("Choice (English)"), validators=[DataRequired(), Length(max=OPTION_LABEL_MAX)]
    )
    label_es = StringField(_l("Choice (Spanish)"), validators=[Length(max=OPTION_LABEL_MAX)])
    capacity = IntegerField(
        _l("Places (empty: no limit)"),
        validators=[Optional(), NumberRange(min=0, max=CAPACITY_MAX)],
    )


class MoveForm(FlaskForm):
    direction = SelectField(choices=[("up", _l("Up")), ("down", _l("Down"))])

    @property
    def step(self) -> int:
        return -1 if self.direction.data == "up" else 1


class OrderForm(FlaskForm):
    """The order set by dragging: question ids, comma-separated, top first."""

    order = StringField(
        validators=[DataRequired(), Length(max=20_000), Regexp(r"^\d{1,12}(,\d{1,12})*\Z")]
    )

    @property
    def ids(self) -> list[int]:
        return [int(part) for part in (self.order.data or "").split(",")]


class CutoffForm(FlaskForm):
    answers_editable_until = DateTimeLocalField(
        _l("Answers can be changed through the personal link until (event time)"),
        validators=[Optional()],
        format=["%Y-%m-%dT%H:%M", "%Y-%m-%dT%H:%M:%S", "%Y-%m-%d %H:%M", "%Y-%m-%d %H:%M:%S"],
        description=_l("Empty: as long as the registration itself can be changed."),
    )
