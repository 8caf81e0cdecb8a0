"""One answer as text: parsed from what a person, a file or an API client gave, stored in a
canonical form, shown in either language. The one place that knows each type's rules, so
that forms, imports, exports and the API agree.

Canonical stored text (``Answer.value``):
- short text, long text, phone: the text, trimmed (control characters refused);
- e-mail: trimmed, lower case; yes/no and consent: "yes" or "no" (a consent is only "yes");
- number: a decimal without exponent or trailing zeros ("12", "2.5", "-3");
- date: ISO "YYYY-MM-DD"; time: "HH:MM" (24 h); country: ISO 3166 alpha-2 code ("MX");
- single and multiple choice: nothing here: option ids, as ``AnswerChoice`` rows.
"""

from __future__ import annotations

import re
from datetime import date, time
from decimal import Decimal, InvalidOperation
from functools import lru_cache

from babel import Locale
from email_validator import EmailNotValidError, validate_email
from flask_babel import format_date, format_time
from flask_babel import lazy_gettext as _l

from eventsapp.forms import plain_text_error
from eventsapp.questions.models import Question, QuestionOption, QuestionType

SHORT_TEXT_MAX = 300
LONG_TEXT_MAX = 4000
PHONE_RE = re.compile(r"^\+?[0-9 ().\-/]{4,40}$")
YES = {"yes", "y", "true", "1", "sí", "si", "x"}
NO = {"no", "n", "false", "0"}


class AnswerError(ValueError):
    """A value the question does not accept; ``str()`` is the message for the person."""


@lru_cache(maxsize=4)
def countries(lang: str) -> dict[str, str]:
    """ISO code -> country name in ``lang`` (CLDR), for the territories that are countries."""
    names = Locale.parse(lang).territories
    return {code: name for code, name in names.items() if len(code) == 2 and code != "ZZ"}


def _country_code(text: str) -> str:
    if text.upper() in countries("en"):
        return text.upper()
    folded = text.casefold()
    for lang in ("en", "es"):
        for code, name in countries(lang).items():
            if name.casefold() == folded:
                return code
    raise AnswerError(_l("Choose a country from the list."))


def _number(text: str) -> str:
    try:
        number = Decimal(text.replace(",", ".") if text.count(",") == 1 else text)
    except InvalidOperation:
        raise AnswerError(_l("Enter a number.")) from None
    if not number.is_finite() or abs(number) >= Decimal("1e12"):
        raise AnswerError(_l("Enter a number."))
    normal = format(number.normalize(), "f")
    return "0" if normal in ("-0", "") else normal


def _date(text: str) -> str:
    try:
        day = date.fromisoformat(text)
    except ValueError:
        raise AnswerError(_l("Enter a date as YYYY-MM-DD.")) from None
    if not 1900 <= day.year <= 2200:
        raise AnswerError(_l("Enter a date between 1900 and 2200."))
    return day.isoformat()


def _time(text: str) -> str:
    try:
        moment = time.fromisoformat(text)
    except ValueError:
        raise AnswerError(_l("Enter a time as HH:MM (24 hours).")) from None
    return moment.strftime("%H:%M")


def _yes_no(text: str) -> str:
    folded = text.casefold()
    if folded in YES:
        return "yes"
    if folded in NO:
        return "no"
    raise AnswerError(_l("Answer yes or no."))


def _text(text: str, limit: int, multiline: bool) -> str:
    message = plain_text_error(text, multiline=multiline)
    if message is not None:
        raise AnswerError(message)
    if len(text) > limit:
        raise AnswerError(_l("At most %(count)d characters.", count=limit))
    return text


def parse_value(question: Question, raw: str | None) -> str:
    """The canonical text for ``raw`` ("" when nothing was given), or AnswerError. Not for
    choice questions (see ``parse_options``); ``required`` is the caller's rule."""
    text = (raw or "").strip()
    kind = question.type
    if kind.has_options:
        raise TypeError("choice answers are options: use parse_options")
    if not text:
        return ""
    if kind is QuestionType.SHORT_TEXT:
        return _text(text, SHORT_TEXT_MAX, multiline=False)
    if kind is QuestionType.LONG_TEXT:
        return _text(text, LONG_TEXT_MAX, multiline=True)
    if kind is QuestionType.PHONE:
        if not PHONE_RE.match(text):
            raise AnswerError(_l("Enter a phone number: digits, spaces, + ( ) - . /"))
        return text
    if kind is QuestionType.EMAIL:
        try:
            return validate_email(text, check_deliverability=False).normalized.lower()
        except EmailNotValidError:
            raise AnswerError(_l("Enter a valid e-mail address.")) from None
    if kind in (QuestionType.YES_NO, QuestionType.CONSENT):
        value = _yes_no(text)
        return "" if kind is QuestionType.CONSENT and value == "no" else value
    if kind is QuestionType.NUMBER:
        return _number(text)
    if kind is QuestionType.DATE:
        return _date(text)
    if kind is QuestionType.TIME:
        return _time(text)
    return _country_code(text)  # COUNTRY


def parse_options(question: Question, given: list[str]) -> list[QuestionOption]:
    """The options named in ``given`` (ids, or labels in either language, case-insensitive;
    a file or API client may use either), in the question's order. Retired options are not
    accepted again. AnswerError for an unknown option or several on a single choice."""
    live = [option for option in question.options if not option.is_retired]
    chosen: list[QuestionOption] = []
    for item in (g.strip() for g in given):
        if not item:
            continue
        match = next(
            (
                o
                for o in live
                if item == str(o.id)
                or item.casefold() in (o.label_en.casefold(), o.label_es.casefold())
            ),
            None,
        )
        if match is None:
            raise AnswerError(_l("“%(value)s” is not one of the choices.", value=item))
        if match not in chosen:
            chosen.append(match)
    if question.type is QuestionType.SINGLE_CHOICE and len(chosen) > 1:
        raise AnswerError(_l("Choose only one."))
    return sorted(chosen, key=lambda o: (o.position, o.id))


def display_value(question: Question, value: str, lang: str) -> str:
    """A stored canonical value as a person reads it in ``lang``."""
    if not value:
        return ""
    kind = question.type
    if kind in (QuestionType.YES_NO, QuestionType.CONSENT):
        return str(_l("Yes")) if value == "yes" else str(_l("No"))
    if kind is QuestionType.DATE:
        return format_date(date.fromisoformat(value), "medium")
    if kind is QuestionType.TIME:
        return format_time(time.fromisoformat(value), "short")
    if kind is QuestionType.COUNTRY:
        return countries(lang).get(value, value)
    return value
