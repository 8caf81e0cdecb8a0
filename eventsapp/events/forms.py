from zoneinfo import available_timezones

from flask_babel import lazy_gettext as _l
from wtforms import (
    BooleanField,
    DateField,
    DateTimeLocalField,
    EmailField,
    Field,
    IntegerField,
    SelectField,
    StringField,
    TextAreaField,
)
from wtforms.validators import (
    DataRequired,
    Email,
    Length,
    NumberRange,
    Optional,
    Regexp,
    ValidationError,
)

from eventsapp.events import labels
from eventsapp.events.models import (
    ConflictLevel,
    EventKind,
    EventStatus,
    JurisdictionKind,
    LetterLanguage,
    Membership,
    ProtocolOrder,
    VisaCosts,
)
from eventsapp.forms import EnumSelectField, FlaskForm, IdSelectField

TIMEZONES = sorted(available_timezones())
SLUG_PATTERN = r"^[a-z0-9]+(?:-[a-z0-9]+)*$"


class EventForm(FlaskForm):
    slug = StringField(
        _l("Short name (used in addresses)"),
        validators=[
            DataRequired(),
            Length(max=80),
            Regexp(SLUG_PATTERN, message=_l("Use lower-case letters, digits and hyphens.")),
        ],
    )
    kind = EnumSelectField(_l("Kind"), enum=EventKind, labels=labels.EVENT_KIND)
    title_en = StringField(_l("Title (English)"), validators=[Length(max=200)])
    title_es = StringField(_l("Title (Spanish)"), validators=[Length(max=200)])
    description_en = TextAreaField(_l("Description (English)"), validators=[Length(max=20000)])
    description_es = TextAreaField(_l("Description (Spanish)"), validators=[Length(max=20000)])
    start_date = DateField(_l("Start date"), validators=[DataRequired()])
    end_date = DateField(_l("End date"), validators=[DataRequired()])
    timezone = SelectField(
        _l("Time zone"),
        choices=[(tz, tz) for tz in TIMEZONES],
        default="America/Los_Angeles",
        render_kw={"data-picker": ""},
    )
    # Asked only when an existing event moves to another zone (see events.services).
    timezone_change = SelectField(
        _l("If the time zone changes, the sessions already planned…"),
        choices=[
            ("", _l("(choose)")),
            ("wall", _l("keep their clock times (9:00 stays 9:00 in the new zone)")),
            ("instant", _l("keep their moment in time (their clock times change)")),
        ],
        default="",
        validators=[Optional()],
    )
    venue_name = StringField(_l("Venue"), validators=[Length(max=200)])
    venue_address = StringField(_l("Address"), validators=[Length(max=300)])
    venue_city = StringField(_l("City"), validators=[Length(max=120)])
    venue_country = StringField(_l("Country"), validators=[Length(max=120)])
    status = EnumSelectField(_l("Status"), enum=EventStatus, labels=labels.EVENT_STATUS)
    registration_opens_at = DateTimeLocalField(
        _l("Registration opens (event time)"), validators=[Optional()]
    )
    registration_closes_at = DateTimeLocalField(
        _l("Registration closes (event time)"), validators=[Optional()]
    )
    capacity = IntegerField(
        _l("Capacity (empty: no limit)"), validators=[Optional(), NumberRange(min=0, max=100000)]
    )
    requires_approval = BooleanField(_l("Registrations need approval"))
    contact_email = EmailField(_l("Contact e-mail"), validators=[Optional(), Email()])

    def validate_title_en(self, field: Field) -> None:
        if not (field.data or "").strip() and not (self.title_es.data or "").strip():
            raise ValidationError(_l("Give a title in at least one language."))

    def validate_end_date(self, field: Field) -> None:
        if self.start_date.data and field.data and field.data < self.start_date.data:
            raise ValidationError(_l("The end date cannot be before the start date."))

    def validate_registration_closes_at(self, field: Field) -> None:
        opens = self.registration_opens_at.data
        if opens and field.data and field.data <= opens:
            raise ValidationError(_l("Registration must close after it opens."))


class EventSettingsForm(FlaskForm):
    """Printed matter and scheduling rules (kept apart from the main event form)."""

    room_conflict_level = EnumSelectField(
        _l("A room holding two sessions at once"), enum=ConflictLevel, labels=labels.CONFLICT_LEVEL
    )
    speaker_conflict_level = EnumSelectField(
        _l("A speaker in two sessions at once"), enum=ConflictLevel, labels=labels.CONFLICT_LEVEL
    )
    outside_days_conflict_level = EnumSelectField(
        _l("A session outside the event's days"), enum=ConflictLevel, labels=labels.CONFLICT_LEVEL
    )
    availability_conflict_level = EnumSelectField(
        _l("A speaker outside their availability"),
        enum=ConflictLevel,
        labels=labels.CONFLICT_LEVEL,
    )
    room_capacity_conflict_level = EnumSelectField(
        _l("A session larger than its room"), enum=ConflictLevel, labels=labels.CONFLICT_LEVEL
    )
    badge_show_honorific = BooleanField(_l("Print honorifics on badges"))
    welcome_en = TextAreaField(_l("Welcome text (English)"), validators=[Length(max=20000)])
    welcome_es = TextAreaField(_l("Welcome text (Spanish)"), validators=[Length(max=20000)])
    partners = TextAreaField(
        _l("Partners and co-hosts (one per line)"), validators=[Length(max=5000)]
    )
    protocol_order = EnumSelectField(
        _l("Order of delegations in the participant list"),
        enum=ProtocolOrder,
        labels=labels.PROTOCOL_ORDER,
    )
    signatory_name = StringField(_l("Letters are signed by"), validators=[Length(max=200)])
    signatory_title = StringField(_l("Signatory's title"), validators=[Length(max=200)])
    letter_language = EnumSelectField(
        _l("Language of visa letters and certificates"),
        enum=LetterLanguage,
        labels=labels.LETTER_LANGUAGE,
    )
    visa_costs = EnumSelectField(
        _l("Who bears the costs (stated in visa letters)"),
        enum=VisaCosts,
        labels=labels.VISA_COSTS,
    )
    cle_provider = StringField(_l("CLE provider"), validators=[Length(max=200)])
    cle_accreditation = StringField(
        _l("CLE provider's accreditation number"), validators=[Length(max=100)]
    )
    privacy_notice_en = TextAreaField(
        _l("Privacy notice (English; empty: the default text)"), validators=[Length(max=20000)]
    )
    privacy_notice_es = TextAreaField(
        _l("Privacy notice (Spanish; empty: the default text)"), validators=[Length(max=20000)]
    )
    retention_days = IntegerField(
        _l("Keep private details for this many days after the event ends"),
        validators=[Optional(), NumberRange(min=0, max=3650)],
    )


class RoomForm(FlaskForm):
    name = StringField(_l("Name"), validators=[DataRequired(), Length(max=120)])
    capacity = IntegerField(_l("Capacity"), validators=[Optional(), NumberRange(min=0, max=100000)])
    position = IntegerField(
        _l("Order"), default=0, validators=[Optional(), NumberRange(min=0, max=100000)]
    )


class TrackForm(FlaskForm):
    name_en = StringField(_l("Name (English)"), validators=[DataRequired(), Length(max=120)])
    name_es = StringField(_l("Name (Spanish)"), validators=[Length(max=120)])
    color = StringField(
        _l("Colour"),
        default="#1f6feb",
        validators=[
            DataRequired(),
            Regexp(r"^#[0-9a-fA-F]{6}$", message=_l("A colour such as #1f6feb.")),
        ],
        render_kw={"type": "color"},
    )


class JurisdictionForm(FlaskForm):
    name = StringField(_l("Name"), validators=[DataRequired(), Length(max=120)])
    kind = EnumSelectField(_l("Kind"), enum=JurisdictionKind, labels=labels.JURISDICTION_KIND)
    country = StringField(_l("Country"), validators=[DataRequired(), Length(max=120)])
    membership = EnumSelectField(_l("Membership"), enum=Membership, labels=labels.MEMBERSHIP)


class OrganizationForm(FlaskForm):
    name = StringField(_l("Name"), validators=[DataRequired(), Length(max=200)])
    acronym = StringField(_l("Acronym"), validators=[Length(max=30)])
    jurisdiction_id = IdSelectField(_l("Jurisdiction"))
