"""Forms for people and registrations: back office, public sign-up, the signed-link page."""

from typing import Any

from flask_babel import lazy_gettext as _l
from flask_wtf.file import FileAllowed, FileField, FileRequired, FileSize
from wtforms import (
    BooleanField,
    DateField,
    EmailField,
    Field,
    SelectField,
    StringField,
    TextAreaField,
)
from wtforms.form import BaseForm
from wtforms.validators import DataRequired, Email, Length, Optional, ValidationError

from eventsapp.events.models import Event, Jurisdiction, Organization
from eventsapp.extensions import db
from eventsapp.forms import EnumSelectField, FlaskForm, IdSelectField, PersonName
from eventsapp.inputs import MAX_ID
from eventsapp.places import place_choices, place_name
from eventsapp.questions.rules import FIELD_PREFIX
from eventsapp.registration import labels
from eventsapp.registration.delegation_port import SeatGroup, delegations
from eventsapp.registration.models import Language, RegistrationRole


class PersonFieldsForm(FlaskForm):
    honorific = StringField(_l("Honorific"), validators=[Length(max=40)])
    given_name = StringField(
        _l("Given name"), validators=[DataRequired(), Length(max=120), PersonName()]
    )
    family_name = StringField(
        _l("Family name"), validators=[DataRequired(), Length(max=120), PersonName()]
    )
    email = EmailField(_l("E-mail"), validators=[DataRequired(), Email(), Length(max=254)])
    phone = StringField(_l("Phone"), validators=[Length(max=40)])
    position = StringField(_l("Position"), validators=[Length(max=200)])
    organization_id = IdSelectField(_l("Organization"))
    organization_other = StringField(
        _l("My organization is not listed: its name"), validators=[Length(max=200)]
    )
    jurisdiction_id = IdSelectField(_l("Jurisdiction"))
    preferred_language = EnumSelectField(
        _l("Preferred language"), enum=Language, labels=labels.LANGUAGE
    )

    def validate_organization_other(self, field: Field) -> None:
        field.data = (field.data or "").strip()
        if field.data and self.organization_id.data is not None:
            raise ValidationError(
                _l("Choose your organization in the list or type its name, not both.")
            )


class RegistrationFieldsForm(PersonFieldsForm):
    role = EnumSelectField(_l("Role"), enum=RegistrationRole, labels=labels.ROLE)
    delegation_id = IdSelectField(_l("Delegation"), blank=_l("No delegation (on my own)"))
    needs_interpretation = BooleanField(_l("I need simultaneous interpretation"))
    dietary = TextAreaField(_l("Dietary needs"), validators=[Length(max=2000)])
    accessibility = TextAreaField(_l("Accessibility needs"), validators=[Length(max=2000)])
    arrival_date = DateField(_l("Arrival date"), validators=[Optional()])
    departure_date = DateField(_l("Departure date"), validators=[Optional()])

    def validate_departure_date(self, field: Field) -> None:
        if field.data and self.arrival_date.data and field.data < self.arrival_date.data:
            raise ValidationError(_l("Departure cannot be before arrival."))


class ManageRegistrationForm(RegistrationFieldsForm):
    """Back office: every field, any role."""


class SignupForm(RegistrationFieldsForm):
    """Public sign-up: the roles a member of the public may choose."""

    role = EnumSelectField(_l("I attend as"), enum=RegistrationRole, labels=labels.ROLE)
    consent = BooleanField(
        _l("I have read the privacy notice and agree that my details are used for this event"),
        validators=[DataRequired(_l("Please accept the privacy notice to register."))],
    )

    # A delegation's seats are its head's to give: the public form places a registrant in a
    # delegation only with its join code, or records a request to join (no seat held).
    join_code = StringField(_l("Delegation join code"), validators=[Length(max=20)])
    join_request = BooleanField(_l("I belong to a delegation but have no code"))
    requested_delegation_id = IdSelectField(_l("My delegation"), blank=_l("Choose…"))

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.role.choices = [(r.value, labels.ROLE[r]) for r in labels.PUBLIC_ROLES]
        del self.delegation_id

    def validate_join_request(self, field: Field) -> None:
        if field.data and (self.join_code.data or "").strip():
            raise ValidationError(_l("Enter the join code or ask to join, not both."))

    def validate_requested_delegation_id(self, field: Field) -> None:
        if self.join_request.data and field.data is None:
            raise ValidationError(_l("Choose your delegation."))


class SelfEditForm(RegistrationFieldsForm):
    """The signed-link page: the person's own data, plus private data for a visa letter."""

    passport_number = StringField(
        _l("Passport number (only for a visa invitation letter)"), validators=[Length(max=40)]
    )
    passport_expiry = DateField(_l("Passport expiry date"), validators=[Optional()])
    date_of_birth = DateField(_l("Date of birth"), validators=[Optional()])
    nationality = StringField(_l("Nationality"), validators=[Length(max=80)])
    visa_consulate = StringField(
        _l("Embassy or consulate the letter is addressed to (empty: of the event's country)"),
        validators=[Length(max=200)],
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        del self.email
        del self.role
        del self.delegation_id


class LinkRequestForm(FlaskForm):
    """The public "e-mail me my link" form."""

    email = EmailField(_l("E-mail"), validators=[DataRequired(), Email(), Length(max=254)])


def set_person_choices(form: PersonFieldsForm) -> None:
    # (id, name) rows, not ORM objects: every sign-up post builds these lists to validate.
    organizations = db.session.execute(
        db.select(Organization.id, Organization.name).order_by(Organization.name)
    )
    form.organization_id.set_choices((o.id, o.name) for o in organizations)
    jurisdictions = db.session.execute(
        db.select(Jurisdiction.id, Jurisdiction.name).order_by(Jurisdiction.name)
    )
    form.jurisdiction_id.set_choices(place_choices(jurisdictions))


def event_delegations(event: Event, *, open_only: bool = False) -> list[SeatGroup]:
    found = delegations().of_event(event.id, open_only=open_only)
    return sorted(found, key=lambda d: d.name.casefold())


def prepare_registration_form(
    form: PersonFieldsForm, event: Event, *, open_only: bool = False
) -> None:
    set_person_choices(form)
    # Forms without these fields (or that deleted them, as SelfEditForm does) skip them.
    delegation_field: IdSelectField | None = getattr(form, "delegation_id", None)
    if delegation_field is not None:
        delegation_field.set_choices(
            (d.id, place_name(d.name)) for d in event_delegations(event, open_only=open_only)
        )
    requested_field: IdSelectField | None = getattr(form, "requested_delegation_id", None)
    if requested_field is not None:
        requested_field.set_choices(
            (d.id, place_name(d.name)) for d in event_delegations(event, open_only=True)
        )


_CHOSEN_IDS = ("organization_id", "jurisdiction_id", "requested_delegation_id")


def prepare_posted_choices(form: SignupForm, event: Event) -> None:
    """A posted sign-up is checked against the ids it names only (one query; none when it
    names none), not against the whole lists, which are built only for a page shown
    (``prepare_registration_form``, after validation). The same ids are accepted: an
    organization or jurisdiction that exists, an open delegation of ``event``."""
    queries = {
        "organization_id": lambda i: db.select(Organization.id).where(Organization.id == i),
        "jurisdiction_id": lambda i: db.select(Jurisdiction.id).where(Jurisdiction.id == i),
        "requested_delegation_id": lambda i: delegations().open_one(event.id, i),
    }
    asked = {
        name: form[name].data
        for name in _CHOSEN_IDS
        if isinstance(form[name].data, int) and 0 < form[name].data <= MAX_ID
    }
    found: set[str] = set()
    if asked:
        row = db.session.execute(
            db.select(*(queries[n](i).exists().label(n) for n, i in asked.items()))
        ).one()
        found = {name for name, hit in zip(asked, row, strict=True) if hit}
    for name in _CHOSEN_IDS:
        field = form[name]
        assert isinstance(field, IdSelectField)
        field.set_choices([(asked[name], "")] if name in found else [])


def form_data(form: BaseForm) -> dict[str, Any]:
    """The registration's own fields (the event's questions, q_<key>, are checked and saved
    apart: eventsapp.questions.fields)."""
    return {
        name: field.data
        for name, field in form._fields.items()
        if name not in ("csrf_token", "submit") and not name.startswith(FIELD_PREFIX)
    }


IMPORT_MAX_BYTES = 5 * 1024 * 1024


class ImportForm(FlaskForm):
    file = FileField(
        _l("CSV or Excel file"),
        validators=[
            FileRequired(),
            FileAllowed(["csv", "xlsx"], _l("Upload a .csv or .xlsx file.")),
            FileSize(IMPORT_MAX_BYTES, message=_l("The file may be at most 5 MB.")),
        ],
    )
    only_valid = BooleanField(_l("Import only the valid rows and skip the others"))


class ExportForm(FlaskForm):
    class Meta:
        csrf = False

    format = SelectField(_l("Format"), choices=[("csv", "CSV"), ("xlsx", "Excel (XLSX)")])


class OrganizationMapForm(FlaskForm):
    """Back office: the listed organization that a registrant's typed one stands for."""

    organization_id = IdSelectField(
        _l("Organization in the list"), validators=[DataRequired()], blank=_l("Choose…")
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        organizations = db.session.scalars(db.select(Organization).order_by(Organization.name))
        self.organization_id.set_choices((o.id, o.name) for o in organizations)
