"""Hostile input: random and adversarial values posted to every form, API and import.

The policy (one place, ``eventsapp.forms``): text is stored exactly as typed, except that
control characters (NUL, escape, C1 controls…) are refused with a message next to the
field; tab, CR and LF are allowed in multi-line fields only. Every answer is below 500,
never carries a hostile value's markup unescaped, and every PDF renders.
"""

from __future__ import annotations

import itertools
import random

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.hostile_helpers import check_answer, fill, make_world, page_forms, sign_in
from tests.strategies import hostile_text, malformed_date, malformed_number

FIXTURE_SETTINGS = settings(
    max_examples=25,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)


def _pages(w) -> dict[str, tuple[object, list[str]]]:
    """Every page with a form, by who fills it in."""
    from eventsapp.auth.passwords import reset_token
    from eventsapp.delegations.services import invitation_token

    slug = w.event.slug
    m = f"/manage/events/{slug}"
    return {
        "anonymous": (
            None,
            [
                "/login",
                "/password/forgot",
                f"/password/reset/{reset_token(w.admin)}",
                f"/events/{slug}/register",
                f"/events/{slug}/my-registration/{w.token}",
                f"/delegations/invitation/{invitation_token(w.delegation, w.member.person.email)}",
                f"/events/{slug}/agenda",
            ],
        ),
        "head": (
            w.head,
            [
                f"/events/{slug}/my-delegation/{w.delegation.id}/",
                f"/events/{slug}/my-delegation/{w.delegation.id}/members/new",
                f"/events/{slug}/my-delegation/{w.delegation.id}/members/{w.member.id}/edit",
            ],
        ),
        "staff": (w.staff, [f"{m}/checkin/"]),
        "admin": (
            w.admin,
            [
                "/manage/events/new",
                f"{m}/edit",
                f"{m}/settings",
                f"{m}/team",
                f"{m}/rooms/",
                f"{m}/rooms/new",
                f"{m}/rooms/{w.room.id}/edit",
                f"{m}/tracks/new",
                f"{m}/tracks/{w.track.id}/edit",
                "/manage/jurisdictions/",
                "/manage/jurisdictions/new",
                f"/manage/jurisdictions/{w.jurisdiction.id}/edit",
                "/manage/organizations/new",
                f"{m}/delegations/",
                f"{m}/delegations/new",
                f"{m}/delegations/{w.delegation.id}/edit",
                f"{m}/delegations/{w.delegation.id}/invite",
                f"{m}/registrations/",
                f"{m}/registrations/new",
                f"{m}/registrations/{w.registration.id}/edit",
                f"{m}/registrations/{w.registration.id}",
                f"{m}/speakers/",
                f"{m}/speakers/new",
                f"{m}/speakers/{w.speaker.id}/edit",
                f"{m}/sessions/",
                f"{m}/sessions/new",
                f"{m}/sessions/{w.session.id}/edit",
                f"{m}/badges",
                f"{m}/checkin/",
                f"{m}/documents/",
                f"{m}/outbox/",
                f"{m}/audit/",
                "/manage/people/",
            ],
        ),
    }


_seq = itertools.count(1)


def _email() -> str:
    return f"hostile{next(_seq)}@example.org"


def _baselines(w) -> dict[str, dict]:
    """Valid values for the forms whose page starts empty, by the end of the form's action."""
    person = {"given_name": "Ana", "family_name": "Pérez", "email": _email}
    return {
        "/register": person,
        "/members/new": person,
        "/registrations/new": person,
        "/manage/events/new": {
            "slug": lambda: f"hostile-{next(_seq)}",
            "title_en": "Summit",
            "start_date": "2027-05-01",
            "end_date": "2027-05-02",
        },
        "/rooms/new": {"name": "Room"},
        "/tracks/new": {"name_en": "Track"},
        "/jurisdictions/new": {"name": lambda: f"Place {next(_seq)}", "country": "Peru"},
        "/organizations/new": {"name": lambda: f"Org {next(_seq)}"},
        "/delegations/new": {"organization_id": "", "jurisdiction_id": str(w.jurisdiction.id)},
        "/invite": {"email": _email, "given_name": "Ana", "family_name": "Pérez"},
        "/speakers/new": {"email": _email, "given_name": "Ana", "family_name": "Pérez"},
        "/sessions/new": {
            "title_en": "Panel",
            "starts_at": "2027-03-09T10:00",
            "ends_at": "2027-03-09T11:00",
        },
        "/team": {"email": "staff@example.org"},
        "/availability": {"starts_at": "2027-03-09T08:00", "ends_at": "2027-03-09T18:00"},
    }


def _baseline(baselines: dict, action: str) -> dict:
    for suffix, values in baselines.items():
        if action.rstrip("/").endswith(suffix):
            return {k: (v() if callable(v) else v) for k, v in values.items()}
    return {}


@pytest.mark.parametrize("role", ["anonymous", "head", "staff", "admin"])
def test_every_form_survives_hostile_values(app, client, role):
    """Each page's forms, filled the way a browser would with hostile values: no 500 and no
    unescaped markup in the answer (nor on the page it redirects to)."""
    world = make_world()
    user, urls = _pages(world)[role]
    app.config["RATELIMIT_ENABLED"] = False
    sign_in(client, user)
    forms = []
    for url in urls:
        response = client.get(url)
        assert response.status_code == 200, (url, response.status_code)
        forms += [(url, spec) for spec in page_forms(response.get_data(as_text=True), url)]
    assert forms
    baselines = _baselines(world)
    outcomes: dict[str, set[int]] = {}

    @FIXTURE_SETTINGS
    @given(st.data())
    def post_everything(data):
        rng = random.Random(data.draw(st.integers(0, 2**32)))
        for _url, spec in forms:
            values = fill(
                spec,
                _baseline(baselines, spec.action),
                lambda: data.draw(hostile_text()),
                lambda: data.draw(malformed_date),
                lambda: data.draw(malformed_number),
                rng,
            )
            sign_in(client, user)
            if spec.method == "get":
                response = client.get(spec.action, query_string=values)
            else:
                response = client.post(spec.action, data=values, content_type="multipart/form-data")
            check_answer(response)
            outcomes.setdefault(f"{spec.method} {spec.action}", set()).add(response.status_code)
            if response.status_code in (302, 303) and response.location:
                check_answer(client.get(response.location))

    post_everything()
    # Not vacuous: most forms both refused some values and accepted others.
    accepted = [form for form, codes in outcomes.items() if codes & {200, 302, 303}]
    assert len(accepted) >= len(outcomes) * 0.7, outcomes
