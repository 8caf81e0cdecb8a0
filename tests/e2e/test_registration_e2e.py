"""A delegate registers in Spanish on the public form, gets the e-mail with the signed link,
opens it and changes the registration — all in a real browser."""

from __future__ import annotations

import re

import pytest

from eventsapp.extensions import db
from eventsapp.mail.models import OutboxMessage
from eventsapp.registration.models import Person, Registration, RegistrationRole
from tests.factories import make_delegation, make_jurisdiction

pytestmark = pytest.mark.e2e


def test_delegate_registers_in_spanish_and_edits_through_the_emailed_link(anonymous_page, event):
    sonora = make_delegation(event, make_jurisdiction("Sonora"), seat_quota=3)
    code = sonora.join_code  # given by the head of the delegation
    slug = event.slug
    page = anonymous_page(f"/events/{slug}/register", locale="es-MX")
    assert page.locator("html").get_attribute("lang") == "es"

    page.get_by_label("Nombre", exact=True).fill("Lucía")
    page.get_by_label("Apellidos", exact=True).fill("Herrera Núñez")
    page.get_by_label("Correo electrónico", exact=True).fill("Lucia.Herrera@Example.org")
    page.get_by_label("Código de la delegación", exact=True).fill(code.lower())
    page.get_by_label("He leído el aviso de privacidad y acepto").check()
    page.get_by_role("button", name="Inscribirse").click()
    page.wait_for_url("**/register/check-your-email")
    assert "Revise su correo electrónico" in page.locator("h1").inner_text()

    db.session.expire_all()
    message = db.session.scalars(
        db.select(OutboxMessage).where(OutboxMessage.recipient == "lucia.herrera@example.org")
    ).one()
    assert message.language == "es"
    assert message.subject.startswith("Inscripción confirmada:")
    links = re.findall(r"https?://\S+/my-registration/\S+", message.body_text)
    assert len(links) == 1
    db.session.commit()

    # The delegate follows the e-mailed link in a new browser (no cookie from the sign-up).
    page = anonymous_page("/", locale="es-MX")
    page.goto(links[0])
    assert "Mi inscripción" in page.locator("h1").inner_text()
    assert "Sonora" in page.locator("main").inner_text()
    page.get_by_label("Teléfono", exact=True).fill("+52 662 555 0101")
    page.get_by_label("Necesidades alimentarias", exact=True).fill("Vegetariana, sin nueces")
    page.get_by_label("Necesito interpretación simultánea").check()
    page.get_by_role("button", name="Guardar cambios").click()
    page.wait_for_load_state()
    assert "Su inscripción se ha actualizado." in page.locator("main").inner_text()
    assert page.get_by_label("Teléfono", exact=True).input_value() == "+52 662 555 0101"

    db.session.expire_all()
    person = db.session.scalars(
        db.select(Person).where(Person.email == "lucia.herrera@example.org")
    ).one()
    registration = db.session.scalars(
        db.select(Registration).where(Registration.person_id == person.id)
    ).one()
    assert person.given_name == "Lucía"
    assert person.phone == "+52 662 555 0101"
    assert person.preferred_language.value == "es"
    assert registration.role is RegistrationRole.DELEGATE
    assert registration.delegation.name == "Sonora"
    assert registration.dietary == "Vegetariana, sin nueces"
    assert registration.needs_interpretation is True
    db.session.commit()
