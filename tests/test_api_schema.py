"""schemathesis over the served OpenAPI document: every operation of API v1, with generated
valid and invalid input and a token holding every scope, answers without a 500, and every
answer (status, content type, headers, body) matches what the document says.

(The operations are walked here rather than through schemathesis' pytest plugin, whose
collection hook does not work with this pytest.)"""

import schemathesis
from hypothesis import HealthCheck, given, settings
from schemathesis.checks import positive_data_acceptance

from tests.api_helpers import bearer, organizer_token
from tests.factories import (
    make_delegation,
    make_question,
    make_registration,
    make_room,
    make_session,
)

EXAMPLES = 25
# A request the document allows may still break a rule no schema can state (a cursor we never
# gave, a delegation of another event, a full delegation, an e-mail already registered, an
# answer to a question the event does not have): those answer a documented 400, 409 or 422
# problem, which this check would count as a failure.
EXCLUDED = [positive_data_acceptance]


def test_every_operation_matches_the_document(app, event, db):
    make_room(event, "Pacific Ballroom")
    make_session(event)
    make_registration(event, delegation_id=make_delegation(event).id)
    make_question(event, "visit", "single_choice", options=[{"label_en": "Port", "capacity": 1}])
    make_question(event, "arrival", "date")
    secret = organizer_token(event)
    schema = schemathesis.openapi.from_wsgi("/api/v1/openapi.json", app)
    operations = [result.ok() for result in schema.get_all_operations()]
    assert len(operations) == 17

    for operation in operations:

        @given(case=operation.as_strategy())
        @settings(
            max_examples=EXAMPLES,
            deadline=None,
            derandomize=True,
            suppress_health_check=list(HealthCheck),
            database=None,
        )
        def check(case):
            if "slug" in (case.path_parameters or {}):
                case.path_parameters["slug"] = event.slug
            case.call_and_validate(headers=bearer(secret), excluded_checks=EXCLUDED)

        check()
