"""Role labels fit the person in Spanish: "Moderadora" for "Sra. Ana Ruiz", "Moderador" for
"Sr.", and gender-free wording ("Moderación", "Persona delegada") when the honorific says
nothing; English has one form."""

from __future__ import annotations

import pytest

from eventsapp.agenda.labels import speaker_role_label
from eventsapp.agenda.models import SpeakerRole
from eventsapp.registration.labels import gender_of, role_label
from eventsapp.registration.models import RegistrationRole
from tests.factories import make_person, make_registration


class P:
    def __init__(self, honorific):
        self.honorific = honorific


@pytest.mark.parametrize(
    "honorific, gender",
    [
        ("Sra.", "feminine"),
        ("Mtra.", "feminine"),
        ("Ms.", "feminine"),
        ("Sr.", "masculine"),
        ("Mr.", "masculine"),
        ("Dr.", "neutral"),
        ("Lic.", "neutral"),
        ("", "neutral"),
        ("Hon. Sra.", "feminine"),
    ],
)
def test_gender_from_the_honorific(honorific, gender):
    assert gender_of(honorific) == gender


def test_spanish_forms(app):
    with app.test_request_context():
        from flask import session

        session["lang"] = "es"
        assert role_label(RegistrationRole.MODERATOR, P("Sra.")) == "Moderadora"
        assert role_label(RegistrationRole.MODERATOR, P("Sr.")) == "Moderador"
        assert role_label(RegistrationRole.MODERATOR, P("Dr.")) == "Moderación"
        assert role_label(RegistrationRole.DELEGATE, P("")) == "Persona delegada"
        assert role_label(RegistrationRole.GUEST, P("Ms.")) == "Invitada"
        assert role_label(RegistrationRole.SPEAKER, P("Sra.")) == "Ponente"
        assert speaker_role_label(SpeakerRole.MODERATOR, P("Mtra.")) == "Moderadora"
        assert speaker_role_label(SpeakerRole.PANELIST, P("Mtra.")) == "Panelista"


def test_english_has_one_form(app):
    with app.test_request_context():
        assert role_label(RegistrationRole.MODERATOR, P("Sra.")) == "Moderator"
        assert role_label(RegistrationRole.MODERATOR, P("")) == "Moderator"


def test_registration_page_shows_the_fitting_label(client, db, login, organizer, event):
    registration = make_registration(
        event,
        make_person(given_name="Ana", family_name="Ruiz", honorific="Sra.", event=event),
        role=RegistrationRole.MODERATOR,
    )
    login(organizer)
    with client.session_transaction() as s:
        s["lang"] = "es"
    html = client.get(f"/manage/events/{event.slug}/registrations/{registration.id}")
    assert "Moderadora" in html.get_data(as_text=True)


def test_badge_band_fits_the_person():
    from eventsapp.badges.content import BadgeData

    woman = BadgeData(1, "Ana", "Ruiz", role=RegistrationRole.MODERATOR, feminine=True)
    other = BadgeData(2, "Alex", "Ruiz", role=RegistrationRole.MODERATOR)
    assert woman.band.label == "MODERATOR / MODERADORA"
    assert other.band.label == "MODERATOR / MODERADOR"
    assert woman.band.colour == other.band.colour
