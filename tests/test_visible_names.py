"""A name must contain a visible letter (issue 11, item 8): names made only of zero-width or
bidi-control characters are refused by every form that names a person, and by the import."""

import io

import pytest

from eventsapp.registration.models import Person
from tests.hostile_helpers import make_world, sign_in

INVISIBLE = [
    "\u200b",  # zero-width space
    "\u200e\u200f",  # left-to-right and right-to-left marks
    "\u202e",  # right-to-left override
    "\u2066\u2069",  # left-to-right isolate … pop directional isolate
    "\ufeff",  # zero-width no-break space (BOM)
    "\u200b \u200d . 1",  # invisible, a space, punctuation and a digit: still no letter
]
MESSAGE = "A name must contain at least one letter."


def _forms(w) -> list[tuple[object, str, dict]]:
    """(who, form's address, valid values) for each form that names a person."""
    slug, m = w.event.slug, f"/manage/events/{w.event.slug}"
    person = {
        "given_name": "Ana",
        "family_name": "Pérez",
        "preferred_language": "en",
        "role": "delegate",
        "consent": "y",
    }
    return [
        (None, f"/events/{slug}/register", person),
        (w.head, f"/events/{slug}/my-delegation/{w.delegation.id}/members/new", person),
        (w.admin, f"{m}/registrations/new", person),
        (w.admin, f"{m}/speakers/new", {"given_name": "Ana", "family_name": "Pérez"}),
    ]


def _people(db, email: str) -> int:
    return db.session.scalar(db.select(db.func.count()).where(Person.email == email))


@pytest.mark.parametrize("index", range(4))
@pytest.mark.parametrize("field", ["given_name", "family_name"])
def test_a_name_without_a_letter_is_refused(app, client, db, index, field):
    world = make_world()
    who, url, valid = _forms(world)[index]
    for number, name in enumerate(INVISIBLE):
        email = f"ghost{number}@example.org"
        sign_in(client, who)
        response = client.post(url, data=valid | {"email": email, field: name})
        assert response.status_code == 200, (url, response.status_code)
        assert MESSAGE in response.get_data(as_text=True)
        db.session.expire_all()
        assert _people(db, email) == 0
    # A real name wrapped in bidi controls still has its letters: accepted.
    sign_in(client, who)
    response = client.post(
        url, data=valid | {"email": "real@example.org", field: "\u2067عائشة\u2069"}
    )
    assert response.status_code in (302, 303), url
    db.session.expire_all()
    assert _people(db, "real@example.org") == 1


def test_the_message_is_in_spanish(app, client, db):
    world = make_world()
    response = client.post(
        f"/events/{world.event.slug}/register?lang=es",
        data={
            "given_name": "\u200b",
            "family_name": "Pérez",
            "email": "g@example.org",
            "preferred_language": "es",
            "role": "delegate",
        },
        headers={"Accept-Language": "es"},
    )
    assert "Un nombre debe contener al menos una letra." in response.get_data(as_text=True)


def test_the_import_refuses_names_without_a_letter_with_their_line(app, client, db):
    world = make_world()
    sign_in(client, world.admin)
    content = (
        "given_name,family_name,email\r\n"
        "Ana,Pérez,ana@example.org\r\n"
        "\u200b\u200e,Ruiz,ghost@example.org\r\n"
        "Luis,\u202e\ufeff,luis@example.org\r\n"
    ).encode()
    response = client.post(
        f"/manage/events/{world.event.slug}/registrations/import",
        data={"file": (io.BytesIO(content), "people.csv")},
        content_type="multipart/form-data",
        follow_redirects=True,  # the import runs as a job; its page shows the report
    )
    body = response.get_data(as_text=True)
    assert response.status_code == 200
    assert f"<td>3</td><td>given_name</td><td>{MESSAGE}</td>" in body
    assert f"<td>4</td><td>family_name</td><td>{MESSAGE}</td>" in body
    db.session.expire_all()
    assert _people(db, "ghost@example.org") == 0 and _people(db, "luis@example.org") == 0
