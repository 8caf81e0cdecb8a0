"""Form pieces shared by every domain (no domain rules here)."""

from __future__ import annotations

from wtforms import SelectField


def optional_id(value) -> int | None:
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

    def __init__(self, label=None, validators=None, blank: str | None = "—", **kwargs):
        super().__init__(label, validators, coerce=optional_id, choices=[], **kwargs)
        self.blank = blank

    def set_choices(self, pairs) -> None:
        choices = [(str(i), text) for i, text in pairs]
        self.choices = ([("", self.blank)] if self.blank is not None else []) + choices


class EnumSelectField(SelectField):
    """A select over an Enum; its data is the Enum member."""

    def __init__(self, label=None, validators=None, enum=None, labels=None, **kwargs):
        self.enum = enum
        labels = labels or {}
        super().__init__(
            label,
            validators,
            choices=[(m.value, labels.get(m, m.value)) for m in enum],
            coerce=self._coerce,
            **kwargs,
        )

    def _coerce(self, value):
        if isinstance(value, self.enum):
            return value
        try:
            return self.enum(value)
        except ValueError:
            return None

    def _value(self):
        return self.data.value if isinstance(self.data, self.enum) else ""
