from collections.abc import Mapping, Sequence
from typing import Any

from markupsafe import Markup
from wtforms import Form

class FlaskForm(Form):
    def is_submitted(self) -> bool: ...
    def validate_on_submit(
        self, extra_validators: Mapping[str, Sequence[Any]] | None = None
    ) -> bool: ...
    def hidden_tag(self, *fields: Any) -> Markup: ...
