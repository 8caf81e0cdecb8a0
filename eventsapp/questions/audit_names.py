"""How the audit log names questions and their choices, says what was done to them
("Ana Ruiz retired the question Site visit"), and labels their fields."""

from flask_babel import lazy_gettext as _l
from sqlalchemy.orm import selectinload

from eventsapp.audit.describe import (
    register_actions,
    register_formatter,
    register_names,
    register_values,
)
from eventsapp.extensions import db
from eventsapp.i18n import current_language
from eventsapp.questions import labels
from eventsapp.questions.models import Question, QuestionOption

register_names(
    "Question",
    _l("question"),
    Question,
    lambda q: q.label(current_language()),
    keys=("question_id", "show_if_question_id"),
)
register_names(
    "QuestionOption",
    _l("choice"),
    QuestionOption,
    lambda o: f"{o.question.label(current_language())}: {o.label(current_language())}",
    keys=("option_id",),
    options=(selectinload(QuestionOption.question),),
)
register_values("type", labels.TYPE)
register_values("forms", {str(value): labels.FormsLabel(value) for value in range(8)})


def _roles(value: object) -> str:
    """ "delegate speaker" -> "Delegate, Speaker" (in the roles' order)."""
    chosen = str(value).split()
    known = [str(label) for role, label in labels.ROLES.items() if role in chosen]
    return ", ".join(known + [role for role in chosen if role not in labels.ROLES])


def _shown_on(value: object) -> str:
    """A condition's value: "yes"/"no", or the id of the choice it waits for."""
    text = str(value)
    if text in ("yes", "no"):
        return str(_l("Yes") if text == "yes" else _l("No"))
    if not (text.isdigit() and len(text) < 12):
        return text
    option = db.session.get(QuestionOption, int(text))
    return option.label(current_language()) if option is not None else text


register_formatter("roles", _roles)
register_formatter("show_if_value", _shown_on)
register_actions(
    {
        "questions.reorder": (
            _l("%(who)s changed the order of the questions"),
            _l("Questions reordered"),
        ),
        "questions.move": (_l("%(who)s moved %(kind)s %(what)s"), _l("Moved in the order")),
        "questions.retire": (_l("%(who)s retired %(kind)s %(what)s"), _l("Retired")),
        "questions.restore": (_l("%(who)s restored %(kind)s %(what)s"), _l("Restored")),
    },
    {
        "key": _l("Key"),
        "type": _l("Type of answer"),
        "label_en": _l("Text (English)"),
        "label_es": _l("Text (Spanish)"),
        "help_en": _l("Help text (English)"),
        "help_es": _l("Help text (Spanish)"),
        "required": _l("Required"),
        "roles": _l("Roles"),
        "forms": _l("Asked on"),
        "show_if_question_id": _l("Shown only after"),
        "show_if_value": _l("Answer shown on"),
        "retired_at": _l("Retired"),
        "answers_editable_until": _l("Answers can be changed until"),
    },
)
