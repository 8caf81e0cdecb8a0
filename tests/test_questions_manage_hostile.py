"""Hostile input on the organizer's questions pages (as tests/test_hostile_input.py does for
the other forms): every form of the list and of a choice question's page, filled with
hostile values, never answers 500 nor shows markup unescaped; a label and a choice's text
are stored as typed (around their spaces) and shown escaped; control characters are
refused with a message."""

from __future__ import annotations

import random

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from eventsapp.questions.models import Question, QuestionOption
from tests.factories import make_question
from tests.hostile_helpers import (
    check_answer,
    fill,
    has_form_error,
    make_world,
    page_forms,
    shows_escaped,
    sign_in,
)
from tests.strategies import (
    clean_text,
    control_text,
    hostile_text,
    malformed_date,
    malformed_number,
)
from tests.test_hostile_input import FIXTURE_SETTINGS


def _world():
    world = make_world()
    visit = make_question(  # (keys of their own: the world has questions of each type)
        world.event,
        "mgr_visit",
        "single_choice",
        options=[{"label_en": "Port", "capacity": 10}, "Museum"],
    )
    make_question(world.event, "mgr_notes")
    base = f"/manage/events/{world.event.slug}/questions"
    return world, visit, base


def test_every_questions_form_survives_hostile_values(app, client, db):
    world, visit, base = _world()
    app.config["RATELIMIT_ENABLED"] = False
    sign_in(client, world.admin)
    forms = []
    for url in (base, f"{base}/new", f"{base}/{visit.id}"):
        response = client.get(url)
        assert response.status_code == 200, url
        forms += page_forms(response.get_data(as_text=True), url)
    assert len(forms) >= 6
    baseline = {"label_en": "Hotel", "type": "short_text"}
    outcomes: dict[str, set[int]] = {}

    @FIXTURE_SETTINGS
    @given(st.data())
    def post_everything(data):
        rng = random.Random(data.draw(st.integers(0, 2**32)))
        for spec in forms:
            values = fill(
                spec,
                baseline if spec.action.endswith("/new") else {},
                lambda: data.draw(hostile_text()),
                lambda: data.draw(malformed_date),
                lambda: data.draw(malformed_number),
                rng,
            )
            sign_in(client, world.admin)
            if spec.method == "get":
                response = client.get(spec.action, query_string=values)
            else:
                response = client.post(spec.action, data=values)
            check_answer(response)
            outcomes.setdefault(f"{spec.method} {spec.action}", set()).add(response.status_code)
            if response.status_code in (302, 303) and response.location:
                check_answer(client.get(response.location))

    post_everything()
    # Not vacuous: the forms with several fields took some of the values (a one-field form,
    # an arrow, the order or the cut-off, gets a hostile value every time).
    # Which ones is up to 25 random draws (asking for the new-question form in particular
    # failed about one run in five), so: some form with several fields took them.
    accepted = {form for form, codes in outcomes.items() if codes & {302, 303}}
    assert accepted - {f"post {base}/cutoff"}, outcomes


def _target(db, visit, base, index: int):
    """(page, form action, field, read back the stored value) of one text field."""
    port_id = visit.options[0].id
    question = (f"{base}/{visit.id}", f"{base}/{visit.id}")
    choice = (f"{base}/{visit.id}", f"{base}/{visit.id}/options/{port_id}")
    return [
        (*question, "label_en", lambda: db.session.get(Question, visit.id).label_en),
        (*question, "help_es", lambda: db.session.get(Question, visit.id).help_es),
        (*choice, f"o{port_id}-label_es", lambda: db.session.get(QuestionOption, port_id).label_es),
    ][index]


@pytest.mark.parametrize("index", range(3))
def test_labels_are_stored_as_typed_and_shown_escaped(app, client, db, index):
    world, visit, base = _world()
    page, action, field, stored = _target(db, visit, base, index)
    sign_in(client, world.admin)
    values = _page_values_for(client, page, action)

    @settings(FIXTURE_SETTINGS, max_examples=15)
    @given(clean_text(max_size=40))
    def store(value):
        sign_in(client, world.admin)
        response = client.post(action, data=values | {field: value})
        body = check_answer(response)
        assert response.status_code in (302, 303), has_form_error(body) and body[-3000:]
        db.session.expire_all()
        assert stored() == value.strip()  # labels are trimmed, nothing else
        assert shows_escaped(check_answer(client.get(page)), value.strip())

    store()


@pytest.mark.parametrize("index", range(3))
def test_control_characters_in_labels_are_refused_with_a_message(app, client, db, index):
    world, visit, base = _world()
    page, action, field, stored = _target(db, visit, base, index)
    sign_in(client, world.admin)
    values = _page_values_for(client, page, action)
    before = stored()

    @settings(FIXTURE_SETTINGS, max_examples=8)
    @given(control_text)
    def refuse(value):
        sign_in(client, world.admin)
        response = client.post(action, data=values | {field: value})
        body = check_answer(response)
        assert response.status_code == 400
        assert has_form_error(body)
        if value.strip():
            assert "U+00" in body and "control character" in body
        db.session.expire_all()
        assert stored() == before

    refuse()


def _page_values_for(client, page: str, action: str) -> dict:
    """The values a browser sends back unchanged from the form of ``page`` posting to
    ``action``."""
    response = client.get(page)
    assert response.status_code == 200
    spec = next(
        s
        for s in page_forms(response.get_data(as_text=True), page)
        if s.method == "post" and s.action == action
    )
    return {name: default for name, _k, _o, default in spec.fields if default is not None}
