"""The visa invitation letter a consulate accepts: letterhead, date of issue, reference,
addressee, the name as in the passport, passport details, the event and the person's role,
the stay, who bears the costs, signatory, and a verification link with its QR code, in
the event's letter language with country names translated."""

from __future__ import annotations

from datetime import date

from eventsapp.events.models import LetterLanguage, VisaCosts
from eventsapp.extensions import db
from eventsapp.registration.links import registration_token
from eventsapp.registration.models import Language, RegistrationRole
from tests.badges_helpers import decode_qr_codes
from tests.documents_helpers import pdf_pages, pdf_text
from tests.factories import make_jurisdiction, make_person, make_registration


def _registration(event, **person):
    values = dict(
        given_name="Renée",
        family_name="Ibáñez Ruiz",
        honorific="Lic.",
        position="Fiscal Adjunta",
        passport_number="G12345678",
        passport_expiry=date(2031, 5, 17),
        date_of_birth=date(1980, 3, 4),
        nationality="México",
        preferred_language=Language.ES,
        jurisdiction_id=make_jurisdiction("Sonora", country="Mexico").id,
        event=event,
    )
    values.update(person)
    return make_registration(
        event,
        make_person(**values),
        role=RegistrationRole.SPEAKER,
        arrival_date=date(2027, 3, 8),
        departure_date=date(2027, 3, 11),
    )


def _letter(client, event, registration) -> bytes:
    token = registration_token(registration)
    response = client.get(f"/events/{event.slug}/my/{token}/visa-letter.pdf")
    assert response.status_code == 200
    return response.data


def test_an_english_letter_has_what_a_consulate_checks(client, event):
    event.letter_language = LetterLanguage.EN
    event.visa_costs = VisaCosts.ORGANIZERS
    event.signatory_name = "Íñigo Saldaña"
    event.signatory_title = "Executive Director"
    db.session.commit()
    data = _letter(client, event, _registration(event))
    pages = pdf_pages(data)
    assert len(pages) == 1
    text = pdf_text(data)
    for expected in (
        "Consular Section",
        "Embassy or Consulate of the United States of America",
        "Renée Ibáñez Ruiz",
        "March 4, 1980",  # date of birth
        "Mexico",  # nationality, in the letter's language
        "G12345678",
        "May 17, 2031",  # passport expiry
        "Sonora (Mexico)",
        "Speaker",
        "Convention Center",
        "Mar 9 – 10, 2027",
        "intends to arrive on March 8, 2027 and to depart on March 11, 2027",
        "will bear the participant's costs of travel, accommodation and meals",
        "Íñigo Saldaña",
        "Executive Director",
        "San Diego,",  # place of issue before the date
    ):
        assert expected in text, expected
    assert "Lic." not in text and "México" not in text and "Embajada" not in text
    [reference] = [w for w in text.split() if w.startswith("VL-")][:1]
    assert f"http://events.test/verify/{reference}" in text
    assert decode_qr_codes(data) == [f"http://events.test/verify/{reference}"]


def test_a_spanish_letter_speaks_spanish_throughout(client, event):
    event.letter_language = LetterLanguage.ES
    db.session.commit()
    text = pdf_text(_letter(client, event, _registration(event, nationality="Mexico")))
    for expected in (
        "Sección Consular",
        "Embajada o Consulado de los Estados Unidos de América",
        "Estados Unidos",  # the venue's country in the letterhead
        "México",
        "Sonora (México)",
        "4 de marzo de 1980",
        "corren por cuenta del participante",
    ):
        assert expected in text, expected
    assert "United States" not in text and "Consular Section" not in text


def test_both_languages_one_after_the_other_with_one_reference(client, event):
    event.letter_language = LetterLanguage.BOTH
    db.session.commit()
    pages = pdf_pages(_letter(client, event, _registration(event)))
    assert len(pages) == 2
    assert "Consular Section" in pages[0] and "Sección Consular" in pages[1]
    refs = {w for page in pages for w in page.split() if w.startswith("VL-")}
    assert len({r.rstrip(")") for r in refs}) == 1


def test_the_persons_own_consulate_is_the_addressee(client, event):
    event.letter_language = LetterLanguage.EN
    db.session.commit()
    registration = _registration(event, visa_consulate="Consulate General of the USA in Monterrey")
    text = pdf_text(_letter(client, event, registration))
    assert "Consulate General of the USA in Monterrey" in text
    assert "Embassy or Consulate of" not in text
