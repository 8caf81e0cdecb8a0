"""An organizer prints badges from the Badges page and the browser downloads a PDF."""

from __future__ import annotations

import io

import pytest
from pypdf import PdfReader

from eventsapp.extensions import db
from eventsapp.registration.models import Registration
from tests.factories import make_person, make_registration

pytestmark = pytest.mark.e2e


def test_organizer_downloads_the_ticked_badges_as_a_pdf(logged_in_page, event, organizer):
    people = [("Elena", "Vidal"), ("Jorge", "Quiñones"), ("Amaya", "Soto")]
    ids = [
        make_registration(event, make_person(given_name=given, family_name=family)).id
        for given, family in people
    ]
    slug = event.slug
    page = logged_in_page(organizer, f"/manage/events/{slug}")
    page.get_by_role("link", name="Badges", exact=True).first.click()
    page.wait_for_url(f"**/manage/events/{slug}/badges")

    printing = page.get_by_role("region", name="Print badges")
    printing.get_by_label("Layout", exact=True).select_option("a6")
    page.get_by_role("checkbox", name="Elena Vidal").check()
    page.get_by_role("checkbox", name="Jorge Quiñones").check()
    with page.expect_download() as download_info:
        printing.get_by_role("button", name="Print badges (PDF)").click()
    download = download_info.value
    assert download.suggested_filename.endswith(".pdf")
    data = download.path().read_bytes()
    assert data.startswith(b"%PDF")

    reader = PdfReader(io.BytesIO(data))
    assert len(reader.pages) == 2  # a6: one badge per page, the two people ticked
    text = " ".join(p.extract_text() for p in reader.pages)
    assert "Elena" in text and "Quiñones" in text
    assert "Soto" not in text

    db.session.expire_all()
    printed = {
        r.id: r.badge_printed_at is not None
        for r in db.session.scalars(db.select(Registration).where(Registration.id.in_(ids)))
    }
    assert printed == {ids[0]: True, ids[1]: True, ids[2]: False}
    db.session.commit()
