"""The OpenAPI document and the handler list must describe the same routes, and the tests'
clients hold every JSON answer to the document."""

from __future__ import annotations

import datetime
import re

import httpx
import pytest
from schemathesis.core.failures import FailureGroup
from tornado import web

from palabre.server import handlers, openapi
from tests.fixtures.openapi_conformance import conform
from tests.fixtures.server import phone

METHODS = ("get", "post", "put", "patch", "delete")
# The catch-all under /j/ only turns unknown addresses into the friendly 404 page.
NOT_ROUTES = {handlers.NotFoundHandler}


def openapi_path(pattern: str) -> str:
    path = (pattern.replace(handlers.CODE, "{code}").replace(handlers.PHOTO_ID, "{photo_id}")
            .replace("/?", "").replace("\\", ""))
    assert not re.search(r"[()\[\]*+?]", path), f"unmapped regex in {pattern}"
    return path


def routes_from_handlers() -> set[tuple[str, str]]:
    routes = set()
    for pattern, handler, *_ in handlers.HANDLERS:
        if handler in NOT_ROUTES:
            continue
        for method in METHODS:
            if getattr(handler, method) is not getattr(web.RequestHandler, method):
                routes.add((openapi_path(pattern), method))
    return routes


def routes_from_document() -> set[tuple[str, str]]:
    return {(path, method) for path, item in openapi.document()["paths"].items()
            for method in item if method in METHODS}


def test_every_route_is_documented_and_every_documented_route_exists():
    in_code, in_document = routes_from_handlers(), routes_from_document()
    assert in_code - in_document == set(), "routes missing from the OpenAPI document"
    assert in_document - in_code == set(), "documented routes that no handler serves"


def test_document_is_openapi_3_and_every_reference_resolves():
    document = openapi.document()
    assert document["openapi"].startswith("3.0")
    schemas = document["components"]["schemas"]
    text = repr(document)
    for name in re.findall(r"#/components/schemas/(\w+)", text):
        assert name in schemas, name
    for path, item in document["paths"].items():
        for method, operation in item.items():
            assert operation["responses"], (path, method)
            declared = {p["name"] for p in operation.get("parameters", []) if p["in"] == "path"}
            assert declared == set(re.findall(r"{(\w+)}", path)), (path, method)


def test_the_server_serves_the_document(live_server):
    response = httpx.get(live_server.url("/palabre/openapi.json"), timeout=10)
    assert response.status_code == 200
    assert response.json() == openapi.document()


def _answer(method: str, path: str, status: int, body) -> httpx.Response:
    response = httpx.Response(status, json=body, request=httpx.Request(method, "http://x" + path))
    response.elapsed = datetime.timedelta(0)
    return response


def test_the_api_tests_clients_refuse_an_answer_the_document_does_not_describe(live_server):
    """Phones and the facilitator's client check every JSON answer (tests/fixtures/
    openapi_conformance.py): an undocumented status, a body off its schema, an undocumented
    JSON address all fail the test that received them."""
    with phone(live_server) as device, live_server.facilitator() as laptop:
        assert conform in device.event_hooks["response"]
        assert conform in laptop.event_hooks["response"]
    state = "/palabre/api/sessions/K7MQP"
    conform(_answer("GET", state, 404, {"error": "not_found", "message": "Aucun atelier"}))
    with pytest.raises(FailureGroup, match="Undocumented status code"):
        conform(_answer("GET", state, 418, {"error": "teapot", "message": "?"}))
    with pytest.raises(FailureGroup, match="is a required property"):
        conform(_answer("GET", state, 200, {"code": "K7MQP"}))
    with pytest.raises(FailureGroup, match="is not of type"):
        conform(_answer("POST", state + "/contributions", 201,
                        {"id": "1", "phase": "ideas", "created": True}))
    with pytest.raises(AssertionError, match="not in the OpenAPI document"):
        conform(_answer("GET", "/palabre/api/elsewhere", 200, {}))
