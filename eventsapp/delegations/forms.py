"""Forms for delegations, head invitations and the head's portal."""

from collections.abc import Mapping, Sequence
from typing import Any

from flask_babel import lazy_gettext as _l
from wtforms import BooleanField, EmailField, IntegerField, StringField
from wtforms.validators import DataRequired, Email, Length, NumberRange, Optional

from eventsapp.delegations import labels
from eventsapp.delegations.models import DelegationStatus
from eventsapp.forms import EnumSelectField, FlaskForm, IdSelectField, PersonName, add_error
from eventsapp.registration import labels as registration_labels
from eventsapp.registration.forms import RegistrationFieldsForm
from eventsapp.registration.models import Language


class DelegationForm(FlaskForm):
    jurisdiction_id = IdSelectField(_l("Jurisdiction"))
    organization_id = IdSelectField(_l("Organization"))
    head_person_id = IdSelectField(_l("Head of delegation"), render_kw={"data-picker": ""})
    seat_quota = IntegerField(
        _l("Seat quota"), validators=[DataRequired(), NumberRange(min=0, max=10000)], default=5
    )
    status = EnumSelectField(_l("Status"), enum=DelegationStatus, labels=labels.STATUS)
    protocol_position = IntegerField(
        _l("Protocol position (manual order)"),
        validators=[Optional(), NumberRange(min=0, max=100000)],
    )

    def validate(self, extra_validators: Mapping[str, Sequence[Any]] | None = None) -> bool:
        if not super().validate(extra_validators):
            return False
        if self.jurisdiction_id.data is None and self.organization_id.data is None:
            add_error(self.jurisdiction_id, _l("Choose a jurisdiction or an organization."))
            return False
        return True


class InviteHeadForm(FlaskForm):
    email = EmailField(_l("E-mail"), validators=[DataRequired(), Email(), Length(max=254)])
    given_name = StringField(
        _l("Given name"), validators=[DataRequired(), Length(max=120), PersonName()]
    )
    family_name = StringField(
        _l("Family name"), validators=[DataRequired(), Length(max=120), PersonName()]
    )
    preferred_language = EnumSelectField(
        _l("Preferred language"), enum=Language, labels=registration_labels.LANGUAGE
    )


class MemberForm(RegistrationFieldsForm):
    """A member added or edited by the head: their delegation is fixed. Adding one, the
    head confirms the member was given the privacy notice (editing: already recorded)."""

    consent = BooleanField(
        _l("I have given this person the event's privacy notice and they agree to it"),
        validators=[DataRequired(_l("Confirm that the member was given the privacy notice."))],
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        del self.delegation_id
        if kwargs.get("obj") is not None:
            del self.consent
