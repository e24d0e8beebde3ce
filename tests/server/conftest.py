"""Shared helpers for the server tests: a fresh session per test and phones that joined it."""

from __future__ import annotations

import html
import re

import pytest

from tests.fixtures.server import Phone, phone


@pytest.fixture
def session(live_server):
    return live_server.new_session()


@pytest.fixture
def joined(live_server, session):
    """A phone that has joined `session` (French, no profile)."""
    with phone(live_server, lang="fr") as device:
        assert device.join(session.code).status_code == 303
        yield device


def form_key(page_html: str) -> str:
    """The idempotency key rendered into the answer form."""
    return re.search(r'name="key" value="([^"]+)"', page_html).group(1)


def main_text(page_html: str) -> str:
    """The visible text of <main>, tags removed and entities decoded."""
    body = page_html[page_html.index("<main"):page_html.index("</main>")]
    return html.unescape(re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", body))).strip()


def answer(device: Phone, code: str, **fields):
    """Send the current form as a phone without JavaScript would."""
    page = device.get(f"/j/{code}")
    phase = re.search(r'name="phase" value="([^"]+)"', page.text).group(1)
    return device.post_form(f"/j/{code}/answer",
                            {"key": form_key(page.text), "phase": phase, **fields})


def act(live_server, code: str, action: str, **extra):
    with live_server.facilitator() as laptop:
        response = laptop.post(f"/palabre/api/sessions/{code}/actions",
                               json={"action": action, **extra})
    assert response.status_code == 200, response.text
    return response.json()
