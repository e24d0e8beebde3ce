"""When the store itself fails, phones still get a page in their language, never a trace."""

from __future__ import annotations

import pytest
import sqlalchemy as sa

from tests.fixtures.server import phone, start_server, stop_server


@pytest.fixture(scope="module")
def broken_server(tmp_path_factory):
    server = start_server(tmp_path_factory.mktemp("broken_server"))
    session = server.new_session()
    with server.store.engine.begin() as conn:  # the store breaks under the running server
        conn.execute(sa.text("ALTER TABLE sessions RENAME TO sessions_gone"))
    yield server, session
    stop_server(server)


@pytest.mark.parametrize(("lang", "words"), [
    ("fr", "Un problème est survenu sur l'ordinateur de l'animation"),
    ("en", "Something went wrong on the facilitator's computer"),
])
def test_unexpected_error_is_a_friendly_page(broken_server, lang, words):
    server, session = broken_server
    with phone(server, lang=lang) as device:
        response = device.get(f"/j/{session.code}")
    assert response.status_code == 500
    assert f'<html lang="{lang}">' in response.text
    assert words in response.text.replace("&#39;", "'")
    assert "Traceback" not in response.text and "sessions_gone" not in response.text


def test_unexpected_error_is_friendly_json(broken_server):
    server, session = broken_server
    with phone(server, lang="en") as device:
        response = device.get(f"/palabre/api/sessions/{session.code}")
    assert response.status_code == 500
    body = response.json()
    assert body["error"] == "unexpected" and "Traceback" not in body["message"]
