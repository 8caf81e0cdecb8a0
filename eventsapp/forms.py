"""Form pieces shared by every domain (no domain rules here).

Text policy (every form, every JSON API, every import): text is stored exactly as typed,
except control characters — NUL (which PostgreSQL cannot store), escape, bell, DEL, the C1
controls and lone surrogates — which are refused with a message. Tab, CR and LF are allowed
in multi-line fields only. Domain forms subclass ``FlaskForm`` from here, which applies the
policy to every text field; code reading text outside a form calls ``plain_text_error``.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable, Mapping, Sequence
from enum import Enum
from typing import Any

import flask_wtf
from flask_babel import lazy_gettext as _l
from wtforms import DateTimeField, Field, SelectField, StringField, TextAreaField
from wtforms.form import BaseForm
from wtforms.validators import ValidationError

from eventsapp.errors import DomainError
from eventsapp.fonts import unsupported

MULTILINE_CONTROLS = "\t\n\r"


def control_characters(value: str, *, multiline: bool = False) -> list[str]:
    """The characters of ``value`` the text policy refuses."""
    allowed = MULTILINE_CONTROLS if multiline else ""
    return [c for c in value if c not in allowed and unicodedata.category(c) in ("Cc", "Cs")]


def plain_text_error(value: object, *, multiline: bool = False) -> str | None:
    """A message naming the first refused character of ``value``, or None."""
    if not isinstance(value, str):
        return None
    found = control_characters(value, multiline=multiline)
    if not found:
        return None
    return _l(
        "Remove the invisible control character %(code)s; it cannot be stored.",
        code=f"U+{ord(found[0]):04X}",
    )


def search_text(value: object, max_length: int = 200) -> str:
    """A search box's text: control characters dropped, trimmed and bounded."""
    text = value if isinstance(value, str) else ""
    bad = set(control_characters(text))
    return "".join(c for c in text if c not in bad).strip()[:max_length]


class PlainText:
    """Validator: refuse control characters (tab, CR, LF allowed when ``multiline``)."""

    def __init__(self, multiline: bool = False) -> None:
        self.multiline = multiline

    def __call__(self, form: BaseForm, field: Field) -> None:
        message = plain_text_error(field.data, multiline=self.multiline)
        if message is not None:
            raise ValidationError(message)


def has_letter(value: str) -> bool:
    """Whether ``value`` holds at least one letter (Unicode category L*)."""
    return any(unicodedata.category(c).startswith("L") for c in value)


def name_error(value: object) -> str | None:
    """A message when a name is not empty yet has no letter (only zero-width or bidi
    controls, punctuation, digits…), or has a character that no font of the badges and
    documents can print (eventsapp/fonts: it would print as a box), else None."""
    if not isinstance(value, str) or not value.strip():
        return None
    if not has_letter(value):
        return _l("A name must contain at least one letter.")
    missing = unsupported(value)
    if missing:
        return _l(
            "These characters cannot be printed on badges and letters: %(chars)s. "
            "Please write the name without them (or transliterate it).",
            chars=" ".join(missing),
        )
    return None


class PersonName:
    """Validator for names of people: an empty value is left to DataRequired/Optional, any
    other must contain a visible letter."""

    def __call__(self, form: BaseForm, field: Field) -> None:
        message = name_error(field.data)
        if message is not None:
            raise ValidationError(message)


FIRST_YEAR, LAST_YEAR = 1900, 2200


def _year_out_of_range(field: Field) -> bool:
    year = getattr(field.data, "year", None)  # a TimeField (a DateTimeField) has none
    return year is not None and not FIRST_YEAR <= year <= LAST_YEAR


class FlaskForm(flask_wtf.FlaskForm):
    """Flask-WTF's form with the text policy applied to every text field and a sane year
    range to every date and date-time field (DateField subclasses DateTimeField)."""

    def validate(self, extra_validators: Mapping[str, Sequence[Any]] | None = None) -> bool:
        # Dates far outside any event (year 9999) overflow when a validator or service shifts
        # them by a day or between time zones: refuse them before anything else runs.
        far_dates = [
            f
            for f in self._fields.values()
            if isinstance(f, DateTimeField) and _year_out_of_range(f)
        ]
        if far_dates:
            # What Field.validate does first: each field's errors start from its
            # process_errors (WTForms computes form.errors from the fields' lists).
            for field in self._fields.values():
                field.errors = list(field.process_errors)
            for field in far_dates:
                message = _l(
                    "Give a date between %(first)d and %(last)d.", first=FIRST_YEAR, last=LAST_YEAR
                )
                field.errors = [*field.errors, message]
            return False
        extra: dict[str, list[Any]] = {
            name: list(chain) for name, chain in (extra_validators or {}).items()
        }
        for name, field in self._fields.items():
            if isinstance(field, StringField):
                multiline = isinstance(field, TextAreaField)
                extra.setdefault(name, []).append(PlainText(multiline=multiline))
        return super().validate(extra_validators=extra)


def optional_id(value: Any) -> int | None:
    """Coerce a select's value to an id; the empty choice becomes None."""
    if value in (None, "", "None"):
        return None
    try:
        return int(value)
    except (TypeError, ValueError):
        return -1  # never offered, so the choice check refuses it


class IdSelectField(SelectField):
    """A select of database ids; only ids offered in ``choices`` validate, so an id from
    another event or delegation posted by hand is refused."""

    def __init__(
        self,
        label: str | None = None,
        validators: list[Any] | tuple[Any, ...] | None = None,
        blank: str | None = "—",
        **kwargs: Any,
    ) -> None:
        super().__init__(label, validators, coerce=optional_id, choices=[], **kwargs)
        self.blank = blank

    def set_choices(self, pairs: Iterable[tuple[int, str]]) -> None:
        choices = [(str(i), text) for i, text in pairs]
        self.choices = ([("", self.blank)] if self.blank is not None else []) + choices


class EnumSelectField(SelectField):
    """A select over an Enum; its data is the Enum member."""

    def __init__(
        self,
        label: str | None = None,
        validators: list[Any] | tuple[Any, ...] | None = None,
        *,
        enum: type[Enum],
        labels: Mapping[Any, str] | None = None,
        **kwargs: Any,
    ) -> None:
        self.enum = enum
        labels = labels or {}
        super().__init__(
            label,
            validators,
            choices=[(m.value, labels.get(m, m.value)) for m in enum],
            coerce=self._coerce,
            **kwargs,
        )

    def _coerce(self, value: object) -> Enum | None:
        if isinstance(value, self.enum):
            return value
        try:
            return self.enum(value)
        except ValueError:
            return None

    def _value(self) -> str:
        return self.data.value if isinstance(self.data, self.enum) else ""


def add_error(field: Field, message: str) -> None:
    """Show ``message`` under ``field`` after validation (WTForms keeps a field's errors
    in a list then; before validation in a tuple)."""
    field.errors = [*field.errors, message]


def form_errors_from(form: BaseForm, error: DomainError) -> None:
    """Show a service's DomainError next to the field it names, else above the form."""
    target = getattr(form, error.field, None) if error.field else None
    if target is not None:
        add_error(target, error.message)
    else:
        form.form_errors.append(error.message)
