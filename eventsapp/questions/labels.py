"""Translated labels of the questions domain: answer types, forms, and the registration
roles a question can be for (told by registration, which sits above: ``register_roles``)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from flask_babel import lazy_gettext as _l

from eventsapp.questions.models import Question, QuestionForm, QuestionType

TYPE = {
    QuestionType.SHORT_TEXT: _l("Short text"),
    QuestionType.LONG_TEXT: _l("Long text"),
    QuestionType.SINGLE_CHOICE: _l("Single choice"),
    QuestionType.MULTIPLE_CHOICE: _l("Multiple choice"),
    QuestionType.YES_NO: _l("Yes or no"),
    QuestionType.NUMBER: _l("Number"),
    QuestionType.DATE: _l("Date"),
    QuestionType.TIME: _l("Time"),
    QuestionType.COUNTRY: _l("Country"),
    QuestionType.EMAIL: _l("E-mail address"),
    QuestionType.PHONE: _l("Phone number"),
    QuestionType.CONSENT: _l("Consent (a box that must be ticked)"),
}
FORM = {
    QuestionForm.PUBLIC: _l("Public sign-up form and personal link"),
    QuestionForm.HEAD: _l("Head of delegation's portal"),
    QuestionForm.MANAGE: _l("Back-office registration form"),
}
FORM_SHORT = {
    QuestionForm.PUBLIC: _l("Public"),
    QuestionForm.HEAD: _l("Head portal"),
    QuestionForm.MANAGE: _l("Back office"),
}
# Types whose answer can decide whether a later question is shown.
CONDITION_TYPES = (QuestionType.YES_NO, QuestionType.SINGLE_CHOICE, QuestionType.MULTIPLE_CHOICE)

# Registration role value -> label, in the order registration gives them.
ROLES: dict[str, Any] = {}


def register_roles(labels: Mapping[Any, Any]) -> None:
    """Registration tells the roles a question can be for (enum member or value -> label)."""
    ROLES.clear()
    ROLES.update({getattr(role, "value", role): label for role, label in labels.items()})


def role_names(question: Question) -> str:
    """ "Delegate, Speaker" (in the roles' order), or "Everyone" when no role is named."""
    chosen = question.role_values
    if not chosen:
        return str(_l("Everyone"))
    return ", ".join(str(label) for value, label in ROLES.items() if value in chosen)


def form_names(question: Question) -> str:
    flags = question.form_flags
    return ", ".join(str(label) for form, label in FORM_SHORT.items() if form in flags)


class FormsLabel:
    """The forms of a stored flag value, in words, translated when shown (audit log)."""

    def __init__(self, value: int):
        self.value = value

    def __str__(self) -> str:
        flags = QuestionForm(self.value)
        return ", ".join(str(label) for form, label in FORM_SHORT.items() if form in flags) or "—"
