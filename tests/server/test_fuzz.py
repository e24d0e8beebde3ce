"""The OpenAPI document and the server agree (schemathesis): every documented operation,
fuzzed from the document itself, a bounded number of times, against the real server: no
server error, and every answer is one the document describes (status, content type, body).

Participant routes are called as a joined phone (its _xsrf cookie and header), facilitator
routes with the server's token; most generated codes are replaced by a real session's, so
the fuzz reaches past the 404.
"""

from __future__ import annotations

import random

import pytest
import requests
from hypothesis import HealthCheck, given, settings
from schemathesis import checks
from schemathesis.openapi import from_dict

from palabre.server import openapi
from tests.fixtures.server import phone

EXAMPLES = 25  # per operation: the whole run stays well under a minute
CHECKS = [checks.not_a_server_error, checks.status_code_conformance,
          checks.content_type_conformance, checks.response_headers_conformance,
          checks.response_schema_conformance]

SCHEMA = from_dict(openapi.document())
# The event stream answers for minutes by design: it has its own tests.
STREAMS = {"GET /palabre/api/sessions/{code}/events"}
OPERATIONS = [label for label in (f"{op.method.upper()} {op.path}" for op in
                                  (result.ok() for result in SCHEMA.get_all_operations()))
              if label not in STREAMS]


@pytest.fixture(scope="module")
def fuzz_room(live_server):
    """A session and a phone that joined it, as a requests session (what schemathesis uses)."""
    session = live_server.new_session()
    with phone(live_server, lang="fr") as device:
        assert device.join(session.code).status_code == 303
        cookies = dict(device.cookies)
    client = requests.Session()
    client.cookies.update(cookies)
    yield live_server, session, client
    client.close()


@pytest.mark.parametrize("label", OPERATIONS)
def test_the_server_answers_as_its_openapi_document_says(fuzz_room, label):
    live_server, session, client = fuzz_room
    operation = SCHEMA.find_operation_by_label(label)
    chance = random.Random(label)

    @settings(max_examples=EXAMPLES, deadline=None, database=None, derandomize=True,
              suppress_health_check=list(HealthCheck))
    @given(case=operation.as_strategy())
    def fuzz(case):
        if case.path_parameters and "code" in case.path_parameters and chance.random() < 0.8:
            case.path_parameters["code"] = session.code
        headers = {"X-XSRFToken": client.cookies.get("_xsrf")}
        if case.operation.security:  # documented as needing the token
            headers["Authorization"] = f"token {live_server.token}"
        if case.headers:
            case.headers.pop("X-XSRFToken", None)
        case.call_and_validate(base_url=live_server.local_url, session=client, headers=headers,
                               checks=CHECKS, timeout=30)

    fuzz()
