"""Back-office forms for speakers, their availability and agenda sessions."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from flask_babel import lazy_gettext as _l
from flask_wtf.file import FileField
from wtforms import (
    BooleanField,
    DateTimeLocalField,
    DecimalField,
    EmailField,
    Field,
    IntegerField,
    SelectMultipleField,
    StringField,
    TextAreaField,
)
from wtforms.validators import DataRequired, Email, Length, NumberRange, Optional, ValidationError

from eventsapp.agenda import labels
from eventsapp.agenda.models import SessionKind, SessionLanguage, Speaker
from eventsapp.events.models import Room, Track
from eventsapp.forms import EnumSelectField, FlaskForm, IdSelectField, PersonName

# What a datetime-local input shows and sends first; the others are accepted too.
LOCAL_FORMATS = ["%Y-%m-%dT%H:%M", "%Y-%m-%dT%H:%M:%S", "%Y-%m-%d %H:%M", "%Y-%m-%d %H:%M:%S"]


class SpeakerForm(FlaskForm):
    email = EmailField(
        _l("E-mail (an existing person with this e-mail is linked)"),
        validators=[DataRequired(), Email(), Length(max=254)],
    )
    honorific = StringField(_l("Honorific"), validators=[Length(max=40)])
    given_name = StringField(_l("Given name"), validators=[Length(max=120), PersonName()])
    family_name = StringField(_l("Family name"), validators=[Length(max=120), PersonName()])
    position = StringField(_l("Position"), validators=[Length(max=200)])
    affiliation = StringField(_l("Affiliation"), validators=[Length(max=200)])
    bio_en = TextAreaField(_l("Biography (English)"), validators=[Length(max=10000)])
    bio_es = TextAreaField(_l("Biography (Spanish)"), validators=[Length(max=10000)])
    photo = FileField(_l("Photo (JPEG, PNG or WebP, at most 5 MB)"))
    remove_photo = BooleanField(_l("Remove the current photo"))


class AvailabilityForm(FlaskForm):
    starts_at = DateTimeLocalField(
        _l("Available from (event time)"), format=LOCAL_FORMATS, validators=[DataRequired()]
    )
    ends_at = DateTimeLocalField(
        _l("Available until (event time)"), format=LOCAL_FORMATS, validators=[DataRequired()]
    )

    def validate_ends_at(self, field: Field) -> None:
        if self.starts_at.data and field.data and field.data <= self.starts_at.data:
            raise ValidationError(_l("The end must be after the start."))


def _coerce_id(value: Any) -> int:  # whatever was posted, or a choice's id
    try:
        return int(value)
    except (TypeError, ValueError):
        return -1


class SessionForm(FlaskForm):
    title_en = StringField(_l("Title (English)"), validators=[Length(max=300)])
    title_es = StringField(_l("Title (Spanish)"), validators=[Length(max=300)])
    description_en = TextAreaField(_l("Description (English)"), validators=[Length(max=20000)])
    description_es = TextAreaField(_l("Description (Spanish)"), validators=[Length(max=20000)])
    kind = EnumSelectField(_l("Kind"), enum=SessionKind, labels=labels.SESSION_KIND)
    starts_at = DateTimeLocalField(
        _l("Starts (event time)"), format=LOCAL_FORMATS, validators=[DataRequired()]
    )
    ends_at = DateTimeLocalField(
        _l("Ends (event time)"), format=LOCAL_FORMATS, validators=[DataRequired()]
    )
    room_id = IdSelectField(_l("Room"))
    track_id = IdSelectField(_l("Track"))
    language = EnumSelectField(_l("Language"), enum=SessionLanguage, labels=labels.SESSION_LANGUAGE)
    capacity = IntegerField(
        _l("Capacity (empty: no limit)"), validators=[Optional(), NumberRange(min=0, max=100000)]
    )
    cle_hours = DecimalField(
        _l("CLE hours"), places=2, validators=[Optional(), NumberRange(min=0, max=99)]
    )
    is_published = BooleanField(_l("Published"))
    speaker_ids = SelectMultipleField(
        _l("Speakers"), coerce=_coerce_id, choices=[], render_kw={"data-picker": ""}
    )
    moderator_ids = SelectMultipleField(
        _l("Moderators"), coerce=_coerce_id, choices=[], render_kw={"data-picker": ""}
    )
    panelist_ids = SelectMultipleField(
        _l("Panelists"), coerce=_coerce_id, choices=[], render_kw={"data-picker": ""}
    )

    ROLE_FIELDS = ("speaker_ids", "moderator_ids", "panelist_ids")

    def set_choices(
        self, rooms: Iterable[Room], tracks: Iterable[Track], speakers: Iterable[Speaker]
    ) -> None:
        self.room_id.set_choices((r.id, r.name) for r in rooms)
        self.track_id.set_choices((t.id, t.name_en) for t in tracks)
        pairs = [(s.id, s.person.full_name) for s in speakers]
        for name in self.ROLE_FIELDS:
            getattr(self, name).choices = pairs

    def validate_title_en(self, field: Field) -> None:
        if not (field.data or "").strip() and not (self.title_es.data or "").strip():
            raise ValidationError(_l("Give a title in at least one language."))

    def validate_ends_at(self, field: Field) -> None:
        if self.starts_at.data and field.data and field.data <= self.starts_at.data:
            raise ValidationError(_l("The session must end after it starts."))

    def validate_panelist_ids(self, field: Field) -> None:
        seen: set[int] = set()
        for name in self.ROLE_FIELDS:
            ids = set(getattr(self, name).data or [])
            if ids & seen:
                raise ValidationError(_l("A speaker can hold only one role in a session."))
            seen |= ids
