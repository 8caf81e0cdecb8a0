"""Search ignores case and accents ("gomez" finds Gómez) and lists follow the Spanish
collation (CLDR ``es``: accents and case ignored, ñ a letter between n and o), the same on
SQLite and PostgreSQL as in Python."""

from __future__ import annotations

import pytest

from eventsapp import collation
from eventsapp.registration.models import Person
from tests import test_migrations
from tests.factories import make_person, make_registration, make_speaker, make_user

empty_database_url = test_migrations.empty_database_url  # the fixture

# The Spanish order (CLDR es, primary level; accents break ties): what ICU's "es" gives.
SPANISH_ORDER = [
    ("Abad", "Lucía"),
    ("Céspedes", "Raúl"),
    ("Cortes", "Ana"),
    ("Cortés", "Ana"),
    ("Cortés", "Iñaki"),
    ("Cruz", "Zoe"),
    ("Cruz Díaz", "Beatriz"),
    ("de la Garza", "Elena"),
    ("Gómez", "María"),
    ("gomez", "Pablo"),
    ("Ibáñez", "Olga"),
    ("Ibarra", "Jorge"),
    ("Nuñez", "Ana"),
    ("Núñez", "Carlos"),
    ("Obregón", "Tere"),
    ("Pena", "Luis"),
    ("Penz", "Otto"),
    ("Peña", "Rosa"),
    ("Peñalosa", "Iván"),
    ("Pérez", "Ángel"),
    ("Ruiz", "Ana"),
    ("Zúñiga", "Eva"),
]


def test_sort_key_follows_spanish_collation():
    shuffled = sorted(SPANISH_ORDER, key=lambda n: n[1] + n[0])  # any other order
    got = sorted(shuffled, key=lambda n: collation.sort_key(*n))
    assert got == SPANISH_ORDER


def test_fold_ignores_case_accents_and_spacing():
    assert collation.fold("  IBÁÑEZ   Gómez ") == "ibanez gomez"
    assert collation.fold("Straße") == "strasse"
    assert collation.query_words("María  JOSÉ") == ["maria", "jose"]


def test_database_orders_like_python(db, event):
    for family, given in reversed(SPANISH_ORDER):
        make_person(given_name=given, family_name=family, event=event)
    names = db.session.execute(
        db.select(Person.family_name, Person.given_name)
        .where(Person.event_id == event.id)
        .order_by(Person.sort_name, Person.id)
    ).all()
    assert [tuple(n) for n in names] == SPANISH_ORDER


def test_keys_follow_a_changed_name(db, event):
    person = make_person(given_name="Ana", family_name="Ruiz", event=event)
    person.family_name = "Ibáñez"
    db.session.commit()
    stored = db.session.execute(
        db.select(Person.search_key, Person.sort_name).where(Person.id == person.id)
    ).one()
    assert stored.search_key.startswith("ana ibanez ")
    assert stored.sort_name.startswith("iban~ez\x1fana")


def _names(html: str, names: list[str]) -> list[str]:
    """The given names in the order the page shows them."""
    found = [(html.find(n), n) for n in names if n in html]
    return [n for _, n in sorted(found)]


@pytest.fixture
def people(event):
    made = {}
    for given, family in [
        ("María", "Gómez"),
        ("Olga", "Ibáñez"),
        ("Jorge", "Ibarra"),
        ("Iñaki", "Cortés"),
        ("Raúl", "Céspedes"),
    ]:
        made[given] = make_registration(
            event, make_person(given_name=given, family_name=family, event=event)
        )
    return made


def test_desk_search_ignores_accents_and_case(client, login, event, people):
    from tests.checkin_helpers import make_staff

    login(make_staff(event, "desk@example.org"))
    url = f"/manage/events/{event.slug}/checkin/"
    html = client.get(url + "?q=gomez").get_data(as_text=True)
    assert "María Gómez" in html
    html = client.get(url + "?q=IBANEZ").get_data(as_text=True)
    assert "Olga Ibáñez" in html and "Jorge Ibarra" not in html
    html = client.get(url + "?q=inaki+CORTES").get_data(as_text=True)
    assert "Iñaki Cortés" in html
    html = client.get(url + "?q=iba").get_data(as_text=True)
    assert _names(html, ["Olga", "Jorge"]) == ["Olga", "Jorge"]
    api = client.get(f"/api/events/{event.slug}/checkin/search?q=c%C3%89SPEDES").get_json()
    assert [r["name"] for r in api["results"]] == ["Raúl Céspedes"]


def test_registrations_list_searches_and_sorts_the_spanish_way(
    client, login, organizer, event, people
):
    login(organizer)
    url = f"/manage/events/{event.slug}/registrations/"
    html = client.get(url).get_data(as_text=True)
    order = _names(html, ["Raúl", "Iñaki", "María", "Olga", "Jorge"])
    assert order == ["Raúl", "Iñaki", "María", "Olga", "Jorge"]
    html = client.get(url + "?q=gomez").get_data(as_text=True)
    assert "Gómez" in html and "Ibarra" not in html
    html = client.get(url + "?q=maria+gomez").get_data(as_text=True)
    assert "Gómez" in html


def test_people_directory_search_ignores_accents(client, login, db, event, people):
    login(make_user("root@example.org", is_admin=True))
    html = client.get("/manage/people/?q=IBANEZ").get_data(as_text=True)
    assert "Ibáñez" in html and "Ibarra" not in html and "Gómez" not in html


def test_speakers_search_ignores_accents(client, login, organizer, event, people):
    for registration in people.values():
        make_speaker(event, registration.person)
    login(organizer)
    html = client.get(f"/manage/events/{event.slug}/speakers/?q=cespedes").get_data(as_text=True)
    assert "Céspedes" in html and "Cortés" not in html
    html = client.get(f"/manage/events/{event.slug}/speakers/").get_data(as_text=True)
    assert _names(html, ["Raúl", "Iñaki", "María", "Olga", "Jorge"]) == [
        "Raúl",
        "Iñaki",
        "María",
        "Olga",
        "Jorge",
    ]


def test_migration_fills_the_keys_of_existing_people(empty_database_url):
    from flask_migrate import upgrade
    from sqlalchemy import text

    from eventsapp import create_app
    from eventsapp.extensions import db as _db

    app = create_app({"SQLALCHEMY_DATABASE_URI": empty_database_url, "TESTING": True})
    with app.app_context():
        upgrade(revision="0009")
        with _db.engine.begin() as connection:
            test_migrations._insert_event(connection, text, 1)
            for person_id, given, family in ((1, "Olga", "Ibáñez"), (2, "Jorge", "Ibarra")):
                connection.execute(
                    text(
                        "INSERT INTO persons (id, event_id, honorific, given_name, family_name,"
                        " position, organization_other, email, phone, preferred_language,"
                        " passport_number, nationality, created_at) VALUES (:id, 1, '', :given,"
                        " :family, '', '', :email, '', 'es', '', '', '2026-01-01 00:00:00+00:00')"
                    ),
                    {"id": person_id, "given": given, "family": family, "email": f"{given}@x.org"},
                )
        upgrade()
        with _db.engine.connect() as connection:
            found = connection.execute(
                text("SELECT given_name FROM persons WHERE search_key LIKE '%ibanez%'")
            ).scalars()
            order = connection.execute(
                text("SELECT given_name FROM persons ORDER BY sort_name DESC")
            ).scalars()
            found, order = list(found), list(order)
        _db.engine.dispose()
    assert found == ["Olga"]
    assert order == ["Jorge", "Olga"]
