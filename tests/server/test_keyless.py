"""A facilitator's address opened without the server's key: palabre's page in the person's
language says where the address with the key is printed, never Jupyter's token form."""

from __future__ import annotations

import pytest

from tests.fixtures.server import phone
from tests.server.conftest import main_text

JUPYTER_WORDS = ("Token authentication is enabled", "jupyter server list", "Password or token")
SAYS = {
    "fr": ("L’écran d’animation demande sa clé", "terminal où palabre start a été lancé",
           "Écran d'animation (à garder pour vous, il contient la clé)"),
    "en": ("The facilitator's screen needs its key", "terminal where palabre start was typed",
           "Facilitator screen (keep it private, it contains the key)"),
}


@pytest.mark.parametrize(("accept", "lang"), [("fr-FR,fr;q=0.9", "fr"), ("en-GB,en;q=0.8", "en"),
                                              (None, "fr")])
@pytest.mark.parametrize("page", ["room.ipynb", "index.ipynb"])
def test_a_facilitator_page_without_the_key_says_where_the_address_is(live_server, accept,
                                                                      lang, page):
    session = live_server.new_session()
    with phone(live_server, lang=accept) as browser:
        response = browser.get(f"/voila/render/{page}?session={session.code}",
                               follow_redirects=True)
    assert response.status_code == 403
    assert response.url.path == "/palabre/key"
    text = main_text(response.text)
    assert f'<html lang="{lang}">' in response.text
    for words in SAYS[lang]:
        assert words in text, (words, text)
    if page == "room.ipynb":
        assert f"palabre start --session {session.code}" in text
    assert not any(words in response.text for words in JUPYTER_WORDS)
    assert live_server.token not in response.text


def test_the_paper_entry_page_without_the_key_says_the_same(live_server):
    session = live_server.new_session()
    with phone(live_server, lang="en") as browser:
        response = browser.get(f"/palabre/assist/{session.code}", follow_redirects=True)
    assert response.status_code == 403
    assert "The facilitator's screen needs its key" in main_text(response.text)


def test_with_the_key_the_page_goes_on_to_the_dashboard(live_server):
    """A browser that has the key's cookie is sent on, only to an address of this server."""
    session = live_server.new_session()
    with phone(live_server) as laptop:
        laptop.get(f"/palabre/key?token={live_server.token}")  # the key sets the cookie
        wanted = f"/voila/render/room.ipynb?session={session.code}"
        onward = laptop.get(f"/palabre/key?next={wanted}")
        assert onward.status_code == 302 and onward.headers["location"] == wanted
        away = laptop.get("/palabre/key?next=https://example.org/")
        assert away.status_code == 302 and away.headers["location"] == "/"


def test_a_strange_next_is_only_text(live_server):
    with phone(live_server, lang="fr") as browser:
        response = browser.get("/palabre/key?next=/voila/render/room.ipynb?session=<b>x</b>")
    assert response.status_code == 403
    assert "<b>x</b>" not in response.text
    assert "palabre start --session CODE" in main_text(response.text)
    assert "<code>palabre start --session CODE</code>" in response.text
