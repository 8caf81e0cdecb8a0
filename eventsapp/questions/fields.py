"""The questions of a form as WTForms fields (``q_<key>``), in the visitor's language.

The fields only carry what the browser sent and show it again: the rules are the server's
(``services.parse_answers``, run by ``check``), so no field has validators of its own and a
choice field accepts any value until the rules look at it. Every type is a text the rules
parse (a date is a text input of type "date", and so on), so that a hand-made POST meets
exactly the same checks as the form.

A view: ``form = with_questions(SomeForm, questions, answers)(...)``; on GET
``fill(form, questions, answers)``; on POST ``values = check(form, questions, role,
answers)`` (None: errors are on the fields) and hand ``(questions, values)`` to the service;
the template renders ``items(form, questions)`` with macros/questions.html, whose data
attributes static/js/questions.js reads to hide a conditional question (without JS every
question shows, and the server ignores the hidden ones).
"""

from __future__ import annotations

import enum
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any, TypeVar, cast

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import (
    BooleanField,
    Field,
    RadioField,
    SelectField,
    SelectMultipleField,
    StringField,
    TextAreaField,
)
from wtforms.widgets import (
    CheckboxInput,
    DateInput,
    EmailInput,
    ListWidget,
    NumberInput,
    TelInput,
    TimeInput,
)

from eventsapp.events.models import Event
from eventsapp.i18n import current_language
from eventsapp.questions.models import Answer, Question, QuestionForm, QuestionType
from eventsapp.questions.rules import Value, field_name, parse_answers
from eventsapp.questions.services import (
    answer_text,
    answers_by_registration,
    event_questions,
    for_role,
    questions_for,
)
from eventsapp.questions.values import LONG_TEXT_MAX, SHORT_TEXT_MAX, countries

Answers = Mapping[int, Answer]
F = TypeVar("F", bound=FlaskForm)
TEXT_WIDGETS = {
    QuestionType.NUMBER: NumberInput(step="any"),
    QuestionType.DATE: DateInput(),
    QuestionType.TIME: TimeInput(),
    QuestionType.EMAIL: EmailInput(),
    QuestionType.PHONE: TelInput(),
}


def _choices(question: Question, answer: Answer | None, lang: str) -> list[tuple[str, str]]:
    """Live options, and a retired one this answer still holds (it is never lost)."""
    held = {c.option_id for c in answer.choices} if answer else set()
    return [
        (str(o.id), o.label(lang)) for o in question.options if not o.is_retired or o.id in held
    ]


def make_field(question: Question, answer: Answer | None, lang: str) -> Field:
    """An unbound field for ``question``: label and help in ``lang``, no validators."""
    label, kind = question.label(lang), question.type
    kw: dict[str, Any] = {"description": question.help(lang)}
    if kind is QuestionType.SINGLE_CHOICE:
        return RadioField(
            label, choices=_choices(question, answer, lang), validate_choice=False, **kw
        )
    if kind is QuestionType.MULTIPLE_CHOICE:
        return SelectMultipleField(
            label,
            choices=_choices(question, answer, lang),
            validate_choice=False,
            widget=ListWidget(prefix_label=False),
            option_widget=CheckboxInput(),
            **kw,
        )
    if kind is QuestionType.YES_NO:
        choices = [("yes", _l("Yes")), ("no", _l("No"))]
        return RadioField(label, choices=choices, validate_choice=False, **kw)
    if kind is QuestionType.CONSENT:
        return BooleanField(label, **kw)
    if kind is QuestionType.COUNTRY:
        names = sorted(countries(lang).items(), key=lambda item: item[1])
        choices = [("", _l("Choose…")), *names]
        return SelectField(label, choices=choices, validate_choice=False, **kw)
    if kind is QuestionType.LONG_TEXT:
        return TextAreaField(label, render_kw={"maxlength": LONG_TEXT_MAX, "rows": 3}, **kw)
    widget = TEXT_WIDGETS.get(kind)
    render_kw: dict[str, Any] = (
        {"maxlength": SHORT_TEXT_MAX} if kind is QuestionType.SHORT_TEXT else {}
    )
    if kind is QuestionType.NUMBER:
        render_kw = {"inputmode": "decimal"}
    return StringField(label, widget=widget, render_kw=render_kw, **kw)


def with_questions(
    form_class: type[F], questions: Sequence[Question], answers: Answers | None = None
) -> type[F]:
    """A subclass of ``form_class`` with a field per question, after its own fields."""
    lang = current_language()
    fields = {field_name(q): make_field(q, (answers or {}).get(q.id), lang) for q in questions}
    # type() with three arguments makes a subclass of form_class; typeshed says only "type".
    return cast(type[F], type(form_class.__name__, (form_class,), fields)) if fields else form_class


def fill(form: FlaskForm, questions: Sequence[Question], answers: Answers) -> None:
    """Show the stored answers in the fields (a page shown, not a POST)."""
    for question in questions:
        field, answer = form[field_name(question)], answers.get(question.id)
        if answer is None:
            continue
        if question.type.has_options:
            ids = [str(c.option_id) for c in answer.choices]
            field.data = ids if question.type is QuestionType.MULTIPLE_CHOICE else ids[0]
        elif question.type is QuestionType.CONSENT:
            field.data = answer.value == "yes"
        else:
            field.data = answer.value


def check(
    form: FlaskForm, questions: Sequence[Question], role: str | None, answers: Answers | None = None
) -> dict[int, Value] | None:
    """The server's rules on what was posted for ``questions`` (those for ``role``): the
    values to save, or None with a message on each field that broke a rule."""
    asked = for_role(questions, role)
    raw = {field_name(q): form[field_name(q)].raw_data or [] for q in asked}
    values, errors = parse_answers(asked, raw, by="field", current=answers)
    for key, message in errors.items():
        field = form[field_name(next(q for q in asked if q.key == key))]
        if not field.errors:  # the text policy may have said it already
            field.errors = [*field.errors, message]
    return None if errors else values


@dataclass
class Item:
    """One question as the template draws it."""

    field: Field
    required: bool
    show_if: str  # the controlling question's field name, or ""
    show_value: str
    roles: str  # space-separated roles, or "" (every role)
    choice: bool  # drawn as a group of radios or checkboxes


def on_form(questions: Sequence[Question]) -> list[Question]:
    """The questions a form can show: one whose condition's question is not on the form (or
    is itself not shown) never shows, so the form neither draws nor checks it, and an
    answer it got through another form stays as it is."""
    by_id: dict[int | None, Question] = {q.id: q for q in questions}
    kept: dict[int, bool] = {}

    def shown(question: Question, seen: frozenset[int]) -> bool:
        if question.id not in kept:
            parent = by_id.get(question.show_if_question_id)
            kept[question.id] = question.show_if_question_id is None or (
                parent is not None and parent.id not in seen and shown(parent, seen | {question.id})
            )
        return kept[question.id]

    return [q for q in questions if shown(q, frozenset())]


def items(form: FlaskForm, questions: Sequence[Question]) -> list[Item]:
    """The questions to draw (``questions`` as ``on_form`` keeps them)."""
    by_id: dict[int | None, Question] = {q.id: q for q in questions}
    rows = []
    for question in questions:
        controller = by_id.get(question.show_if_question_id)
        show_if = field_name(controller) if controller is not None else ""
        rows.append(
            Item(
                field=form[field_name(question)],
                required=question.required,
                show_if=show_if,
                show_value=question.show_if_value,
                roles=question.roles,
                choice=question.type
                in (QuestionType.SINGLE_CHOICE, QuestionType.MULTIPLE_CHOICE, QuestionType.YES_NO),
            )
        )
    return rows


@dataclass
class Row:
    """One stored answer as a page shows it."""

    label: str
    text: str
    notes: list[str]


def answer_rows(
    questions: Sequence[Question], answers: Answers, *, lang: str | None = None
) -> list[Row]:
    """The answered questions among ``questions``, in order, with a note for each chosen
    option waiting for a place."""
    lang = lang or current_language()
    rows = []
    for question in questions:
        answer = answers.get(question.id)
        if answer is None:
            continue
        notes = [
            str(
                _l(
                    "“%(option)s”: on the waiting list, number %(n)d.",
                    option=c.option.label(lang),
                    n=c.waitlist_position,
                )
            )
            for c in answer.choices
            if not c.holds_place
        ]
        rows.append(Row(question.label(lang), answer_text(question, answer, lang), notes))
    return rows


def registration_rows(event: Event, registration: Any, lang: str | None = None) -> list[Row]:
    """Every answer of ``registration``, to retired questions too (they are kept), in
    ``lang`` (the back office shows them in the language the person answered in)."""
    answers = answers_by_registration([registration.id])[registration.id]
    return answer_rows(event_questions(event.id), answers, lang=lang) if answers else []


@dataclass
class Block:
    """The questions one form asks, with the answers of the registration it edits (if any):
    what a view needs to build, check and draw them. ``editable`` False (the personal link
    after the cut-off): the form gets no question fields and ``check`` changes nothing."""

    questions: list[Question]
    answers: dict[int, Answer]
    editable: bool = True

    def __post_init__(self) -> None:
        self.questions = on_form(self.questions)

    @classmethod
    def load(
        cls,
        event: Event,
        where: QuestionForm,
        registration: Any = None,  # a Registration (this package sits below registration)
        *,
        role: str | None = None,
        editable: bool = True,
    ) -> Block:
        questions = questions_for(event, form=where, role=role)
        answers: dict[int, Answer] = {}
        if registration is not None and questions:
            answers = answers_by_registration([registration.id])[registration.id]
        return cls(questions, answers, editable)

    def form(self, form_class: type[F], **kwargs: Any) -> F:
        """An instance of ``form_class`` with the question fields, showing the answers."""
        asked = self.questions if self.editable else []
        form = with_questions(form_class, asked, self.answers)(**kwargs)
        if not form.is_submitted():
            fill(form, asked, self.answers)
        return form

    def check(
        self, form: FlaskForm, role: enum.Enum | str | None
    ) -> tuple[list[Question], dict[int, Value]] | None:
        """What the service saves (``(questions, values)``), or None when a rule is broken
        (the messages are on the fields). ``role``: a RegistrationRole or its value."""
        if not self.editable or not self.questions:
            return [], {}
        value = role.value if isinstance(role, enum.Enum) else role
        values = check(form, self.questions, value, self.answers)
        return None if values is None else (for_role(self.questions, value), values)

    def items(self, form: FlaskForm) -> list[Item]:
        return items(form, self.questions) if self.editable else []

    def rows(self) -> list[Row]:
        return answer_rows(self.questions, self.answers)
