"""API v1, the event's own questions and a registration's answers (issues 16 and 17): the
questions listed, answers read by key, PUT and PATCH with If-Match through the same rules as
the forms (required, roles, option places), audited with the token's name; and the access
matrix for answers: a token of event B reaches no answer, question or option of event A."""

from __future__ import annotations

import pytest

from eventsapp.api.models import Scope
from eventsapp.audit.models import AuditEntry
from eventsapp.questions.models import Answer, QuestionType
from eventsapp.questions.services import answers_by_registration
from tests.answers_helpers import give_answers
from tests.api_helpers import bearer, organizer_token, url
from tests.factories import make_event, make_person, make_question, make_registration


@pytest.fixture
def asked(db, event):
    visit = make_question(
        event,
        "visit",
        QuestionType.SINGLE_CHOICE,
        options=[
            {"label_en": "Port", "label_es": "Puerto", "capacity": 1},
            {"label_en": "Museum", "label_es": "Museo"},
        ],
    )
    shuttle = make_question(event, "shuttle", QuestionType.YES_NO, required=True)
    arrival = make_question(event, "arrival", QuestionType.DATE)
    ana = make_registration(event, make_person("ana@example.org", event=event))
    give_answers(ana, visit="Port", shuttle="yes", arrival="2027-03-08")
    return ana, visit, shuttle, arrival


def _stored(registration) -> dict:
    given = answers_by_registration([registration.id])[registration.id]
    return {
        a.question.key: [c.option.label_en for c in a.choices] if a.choices else a.value
        for a in given.values()
    }


def test_the_questions_and_a_registrations_answers_are_read(client, db, event, asked):
    ana, visit, _shuttle, _arrival = asked
    secret = organizer_token(event, scopes={Scope.READ})
    questions = client.get(url(event, "/questions"), headers=bearer(secret)).get_json()
    assert [q["key"] for q in questions] == ["visit", "shuttle", "arrival"]
    port = questions[0]["options"][0]
    assert (port["label_es"], port["capacity"], port["places_taken"]) == ("Puerto", 1, 1)
    read = client.get(url(event, f"/registrations/{ana.id}/answers"), headers=bearer(secret))
    assert read.status_code == 200 and read.headers["ETag"]
    assert read.get_json() == {
        "registration_id": ana.id,
        "answers": {"visit": [visit.options[0].id], "shuttle": "yes", "arrival": "2027-03-08"},
        "waiting": [],
    }
    listed = client.get(url(event, f"/registrations/{ana.id}"), headers=bearer(secret))
    assert listed.get_json()["answers"]["shuttle"] == "yes"
    headers = {**bearer(secret), "If-None-Match": read.headers["ETag"]}
    again = client.get(url(event, f"/registrations/{ana.id}/answers"), headers=headers)
    assert again.status_code == 304


def test_patch_needs_if_match_and_the_write_scope_and_is_audited(client, db, event, asked):
    ana, _visit, _shuttle, _arrival = asked
    path = url(event, f"/registrations/{ana.id}/answers")
    reader = organizer_token(event, scopes={Scope.READ}, name="Reader")
    secret = organizer_token(event, name="Ministry dashboard")
    etag = client.get(path, headers=bearer(secret)).headers["ETag"]
    change = {"answers": {"visit": ["Museo"]}}
    refused = client.patch(path, json=change, headers={**bearer(reader), "If-Match": etag})
    assert refused.status_code == 403
    assert client.patch(path, json=change, headers=bearer(secret)).status_code == 428
    stale = {**bearer(secret), "If-Match": '"stale"'}
    assert client.patch(path, json=change, headers=stale).status_code == 412
    done = client.patch(path, json=change, headers={**bearer(secret), "If-Match": etag})
    assert done.status_code == 200 and done.headers["ETag"] != etag
    assert _stored(ana) == {"visit": ["Museum"], "shuttle": "yes", "arrival": "2027-03-08"}
    entry = db.session.scalar(db.select(AuditEntry).order_by(AuditEntry.id.desc()))
    assert entry.via == "API token “Ministry dashboard”"
    assert entry.after == {"q_visit": "Museum"} and entry.event_id == event.id


def test_put_replaces_everything_and_keeps_the_forms_rules(client, db, event, asked):
    ana, _visit, _shuttle, _arrival = asked
    bob = make_registration(event, make_person("bob@example.org", event=event))
    secret = organizer_token(event)
    path = url(event, f"/registrations/{bob.id}/answers")

    def put(body):
        etag = client.get(path, headers=bearer(secret)).headers["ETag"]
        return client.put(path, json=body, headers={**bearer(secret), "If-Match": etag})

    missing = put({"answers": {"arrival": "2027-03-09"}})
    assert missing.status_code == 422 and "answers.shuttle" in missing.get_json()["errors"]
    bad = put({"answers": {"shuttle": "perhaps", "arrival": "08/03", "hotel": "x"}})
    assert bad.status_code == 422
    assert set(bad.get_json()["errors"]) == {
        "answers.shuttle",
        "answers.arrival",
        "answers.hotel",
    }
    assert _stored(bob) == {}
    done = put({"answers": {"shuttle": "no", "visit": ["Port"]}})
    assert done.status_code == 200
    port = done.get_json()["answers"]["visit"][0]
    assert done.get_json()["waiting"] == [{"key": "visit", "option_id": port, "position": 1}]
    cleared = put({"answers": {"shuttle": "no"}})
    assert cleared.get_json()["answers"] == {"shuttle": "no"}
    assert _stored(bob) == {"shuttle": "no"}


def test_a_token_of_event_b_reaches_no_answer_of_event_a(client, db, event, asked):
    ana, visit, _shuttle, _arrival = asked
    other = make_event()
    make_question(other, "visit", QuestionType.SINGLE_CHOICE, options=["Harbour"])
    make_question(other, "notes", QuestionType.SHORT_TEXT)
    bob = make_registration(other, make_person("bob@example.org", event=other))
    outsider = organizer_token(other)
    before = _stored(ana)
    count = db.session.scalar(db.select(db.func.count(Answer.id)))
    # A's slug with B's token: the event itself is not found
    for method in ("GET", "PUT", "PATCH"):
        path = url(event, f"/registrations/{ana.id}/answers")
        body = {"answers": {"visit": ["Museum"]}}
        headers = {**bearer(outsider), "If-Match": "*"}
        answer = client.open(path, method=method, json=body, headers=headers)
        assert answer.status_code == 404, method
        assert b"ana@example.org" not in answer.data and b"Port" not in answer.data
    assert client.get(url(event, "/questions"), headers=bearer(outsider)).status_code == 404
    # B's slug with A's registration id: no such registration at B
    for method in ("GET", "PUT", "PATCH"):
        path = url(other, f"/registrations/{ana.id}/answers")
        headers = {**bearer(outsider), "If-Match": "*"}
        answer = client.open(path, method=method, json={"answers": {}}, headers=headers)
        assert answer.status_code == 404, method
    # A's option id (or label) in an answer to B's question of the same key: not B's option
    listed = client.get(url(other, "/questions"), headers=bearer(outsider)).get_json()
    assert [q["key"] for q in listed] == ["visit", "notes"]
    assert [o["label_en"] for o in listed[0]["options"]] == ["Harbour"]
    path = url(other, f"/registrations/{bob.id}/answers")
    etag = client.get(path, headers=bearer(outsider)).headers["ETag"]
    for given in ([visit.options[0].id], ["Port"], [str(visit.options[0].id)]):
        foreign = client.patch(
            path,
            json={"answers": {"visit": given}},
            headers={**bearer(outsider), "If-Match": etag},
        )
        assert foreign.status_code == 422, given
        assert "is not one of the choices" in foreign.get_json()["errors"]["answers.visit"][0]
    as_text = client.patch(
        path,
        json={"answers": {"notes": [visit.options[0].id]}},
        headers={**bearer(outsider), "If-Match": etag},
    )
    assert as_text.status_code == 422 and "answers.notes" in as_text.get_json()["errors"]
    assert _stored(ana) == before
    assert db.session.scalar(db.select(db.func.count(Answer.id))) == count
