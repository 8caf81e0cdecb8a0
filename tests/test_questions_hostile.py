"""Hostile input in the event's own questions (tests/test_hostile_input.py's policy, on the
new fields): random and adversarial values, lists where one value is expected and option
ids of nothing, posted to every form that asks questions. No 500, no unescaped markup on
the answer or the pages that show the answers; text is stored as typed (trimmed) and shown
escaped; control characters are refused with a message next to the question."""

from __future__ import annotations

import random

import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from tests.hostile_helpers import (
    check_answer,
    has_form_error,
    make_world,
    page_forms,
    shows_escaped,
    sign_in,
)
from tests.questions_helpers import stored_answers
from tests.strategies import (
    clean_text,
    control_text,
    hostile_text,
    malformed_date,
    malformed_number,
)
from tests.test_hostile_input import FIXTURE_SETTINGS

PERSON = {"given_name": "Ana", "family_name": "Pérez"}


def _world():
    world = make_world()  # with one question of each type
    return world, world.questions


def _forms(world) -> dict[str, tuple[object, list[str]]]:
    slug, d = world.event.slug, world.delegation.id
    m = f"/manage/events/{slug}/registrations"
    return {
        "anonymous": (
            None,
            [f"/events/{slug}/register", f"/events/{slug}/my-registration/{world.token}"],
        ),
        "head": (
            world.head,
            [
                f"/events/{slug}/my-delegation/{d}/members/new",
                f"/events/{slug}/my-delegation/{d}/members/{world.member.id}/edit",
            ],
        ),
        "admin": (world.admin, [f"{m}/new", f"{m}/{world.registration.id}/edit"]),
    }


_seq = iter(range(1, 10**9))


def _question_form(client, url: str):
    page = client.get(url)
    assert page.status_code == 200, (url, page.status_code)
    html = page.get_data(as_text=True)
    return next(s for s in page_forms(html, url) if any(n.startswith("q_") for n, *_ in s.fields))


def _hostile_value(kind, options, data, rng):
    if kind in ("date", "time"):
        return data.draw(malformed_date)
    if kind == "number":
        return data.draw(malformed_number)
    if kind in ("checkbox", "radio", "select") and rng.random() < 0.5:
        # a list where one is expected, an option of nothing, or hostile text as an id
        return rng.choice([[*options, "1", "2"], "99999999", "-1", data.draw(hostile_text())])
    return data.draw(hostile_text())


@pytest.mark.parametrize("role", ["anonymous", "head", "admin"])
def test_question_fields_survive_hostile_values(app, client, db, role):
    world, _questions = _world()
    user, urls = _forms(world)[role]
    app.config["RATELIMIT_ENABLED"] = False
    sign_in(client, user)
    specs = [_question_form(client, url) for url in urls]
    detail = f"/manage/events/{world.event.slug}/registrations/{world.registration.id}"
    outcomes: dict[str, set[int]] = {}

    @FIXTURE_SETTINGS
    @given(st.data())
    def post(data):
        rng = random.Random(data.draw(st.integers(0, 2**32)))
        for spec in specs:
            values = {name: default for name, _k, _o, default in spec.fields if default is not None}
            values.update(PERSON)
            if spec.action.endswith(("/register", "/new")):
                values["email"] = f"hostile{next(_seq)}@example.org"
                values["consent"] = "y"
            names = [(n, k, [o for o in opts if o]) for n, k, opts, _d in spec.fields]
            targets = [t for t in names if t[0].startswith("q_")]
            for name, kind, options in rng.sample(targets, rng.randint(1, 4)):
                if kind in ("checkbox", "radio"):
                    options = [v for n, _k, _o, v in spec.fields if n == name and v]
                values[name] = _hostile_value(kind, options, data, rng)
            sign_in(client, user)
            response = client.post(spec.action, data=values)
            check_answer(response)
            outcomes.setdefault(spec.action, set()).add(response.status_code)
            if response.status_code == 302:
                check_answer(client.get(response.location))
        sign_in(client, world.admin)
        check_answer(client.get(detail))

    post()
    # Not vacuous: every form answered, each time with a page or a redirect (a value refused
    # or accepted). Which of the two depends on 25 random draws (asking for both failed about
    # one run in ten); stored values shown escaped are test_question_text_is_stored_….
    assert len(outcomes) == len(specs)
    assert set().union(*outcomes.values()) <= {200, 302}, outcomes


def _edit_pages(world) -> list[tuple[object, str, object]]:
    slug, d = world.event.slug, world.delegation.id
    return [
        (None, f"/events/{slug}/my-registration/{world.token}", world.registration),
        (
            world.head,
            f"/events/{slug}/my-delegation/{d}/members/{world.member.id}/edit",
            world.member,
        ),
        (
            world.admin,
            f"/manage/events/{slug}/registrations/{world.registration.id}/edit",
            world.registration,
        ),
    ]


def _page_values(client, url: str) -> dict:
    spec = _question_form(client, url)
    values = {}
    for name, _kind, _options, default in spec.fields:
        if default is not None:
            values.setdefault(name, default)
    return values


@pytest.mark.parametrize("page", range(3))
@pytest.mark.parametrize("field", ["q_nickname", "q_notes"])
def test_question_text_is_stored_trimmed_and_shown_escaped(app, client, db, page, field):
    world, _questions = _world()
    user, url, registration = _edit_pages(world)[page]
    sign_in(client, user)
    values = _page_values(client, url)
    detail = f"/manage/events/{world.event.slug}/registrations/{registration.id}"
    text = clean_text(max_size=40)
    if field == "q_notes":
        text = st.one_of(text, st.just("first line\r\nsecond\tline <b>x</b>"))

    @FIXTURE_SETTINGS
    @given(text)
    def store(value):
        sign_in(client, user)
        response = client.post(url, data=values | {field: value})
        body = check_answer(response)
        assert response.status_code == 302, has_form_error(body) and body[-3000:]
        assert stored_answers(registration)[field[2:]] == value.strip()
        assert shows_escaped(check_answer(client.get(url)), value.strip())
        sign_in(client, world.admin)
        assert shows_escaped(check_answer(client.get(detail)), value.strip())

    store()


@pytest.mark.parametrize("page", range(3))
def test_control_characters_in_an_answer_are_refused_with_a_message(app, client, db, page):
    world, _questions = _world()
    user, url, registration = _edit_pages(world)[page]
    sign_in(client, user)
    values = _page_values(client, url)
    before = stored_answers(registration)

    @settings(FIXTURE_SETTINGS, max_examples=10)
    @given(control_text, st.sampled_from(["q_nickname", "q_notes", "q_mobile"]))
    def refuse(value, field):
        assume(value.strip() and not value.strip().isspace())  # (\x0b, \x85… strip away)
        sign_in(client, user)
        response = client.post(url, data=values | {field: value})
        body = check_answer(response)
        assert response.status_code == 200
        assert has_form_error(body)
        assert stored_answers(registration) == before

    refuse()
