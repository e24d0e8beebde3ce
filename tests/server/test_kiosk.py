"""Kiosk mode: one shared tablet on a table, one person after another, against the real
server. Each person is a fresh anonymous participant; nobody sees the one before."""

from __future__ import annotations

from tests.fixtures.server import phone
from tests.server.conftest import answer, main_text, session_at


def test_three_people_at_a_kiosk_are_three_participants_who_never_see_each_other(
        live_server, every_kind):
    session = session_at(live_server, every_kind, "worse")
    code = session.code
    written = ["Des chaises à l'accueil", "Un plan du bâtiment", "Moins d'attente"]
    with phone(live_server, lang="fr") as tablet:
        switched = tablet.get(f"/j/{code}", params={"kiosk": "1", "table": "Table 5"})
        assert switched.status_code == 303
        assert switched.headers["location"] == f"/j/{code}"
        for number, idea in enumerate(written):
            start = tablet.get(f"/j/{code}")
            assert 'id="kiosk-start"' in start.text
            assert "Commencer</button>" in start.text
            assert not any(w in main_text(start.text) for w in written)
            began = tablet.post_form(f"/j/{code}/kiosk/start",
                                     {"role": "usager"} if number == 1 else {})
            assert began.status_code == 303
            form = tablet.get(f"/j/{code}").text
            assert 'id="answer-form"' in form and 'data-kiosk="true"' in form
            assert not any(w in main_text(form) for w in written)  # nothing of the one before
            sent = answer(tablet, code, text=idea)
            assert sent.status_code == 303
            thanks = tablet.get(sent.headers["location"]).text
            assert "Votre réponse a bien été reçue. Merci !" in main_text(thanks)
            assert "Personne suivante</button>" in thanks
            assert idea in main_text(thanks)
            others = [w for w in written if w != idea]
            assert not any(w in main_text(thanks) for w in others)
            assert tablet.post_form(f"/j/{code}/kiosk/next", {}).status_code == 303
            assert "palabre_device" not in tablet.cookies
    people = live_server.store.participants(session)
    assert [p.channel for p in people] == ["kiosk"] * 3
    assert [p.table for p in people] == ["Table 5"] * 3
    assert [p.role for p in people] == [None, "usager", None]
    rows = live_server.store.contributions(session)
    assert [r.text for r in rows] == written
    assert len({r.participant_id for r in rows}) == 3
    assert {r.channel for r in rows} == {"kiosk"}


def test_the_exit_link_ends_kiosk_mode(live_server, every_kind):
    session = session_at(live_server, every_kind, "worse")
    code = session.code
    with phone(live_server, lang="en") as tablet:
        tablet.get(f"/j/{code}", params={"kiosk": "1"})
        start = tablet.get(f"/j/{code}").text
        assert "Leave kiosk mode (facilitator)" in start
        assert f'href="/j/{code}?kiosk=0"' in start
        tablet.post_form(f"/j/{code}/kiosk/start", {})
        assert 'id="kiosk-next"' in tablet.get(f"/j/{code}").text
        left = tablet.get(f"/j/{code}", params={"kiosk": "0"})
        assert left.status_code == 303
        page = tablet.get(f"/j/{code}").text
        assert 'id="kiosk-start"' not in page and "Participate</button>" in page
        assert tablet.post_form(f"/j/{code}/kiosk/start", {}).status_code == 303
        assert "Participate</button>" in tablet.get(f"/j/{code}").text  # no kiosk identity
    assert [p.channel for p in live_server.store.participants(session)] == ["kiosk"]


def test_a_phone_that_was_never_a_kiosk_keeps_its_identity(live_server, every_kind):
    session = session_at(live_server, every_kind, "worse")
    with phone(live_server) as device:
        device.join(session.code)
        answer(device, session.code, text="Mon idée")
        assert device.post_form(f"/j/{session.code}/kiosk/next", {}).status_code == 303
        assert "palabre_device" not in device.cookies  # "next person" always forgets
        assert device.post_form(f"/j/{session.code}/kiosk/start", {}).status_code == 303
        assert "palabre_device" not in device.cookies  # but starting needs kiosk mode
