"""Kiosk mode: one shared tablet on a table, one person after another, against the real
server. Each new person is a fresh anonymous participant with a number; nobody sees the one
before; a person typing their number back is the same participant again."""

from __future__ import annotations

import re

import pytest

from tests.fixtures.server import phone
from tests.server.conftest import act, answer, main_text, session_at


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


# --- coming back with one's number ------------------------------------------------------
def kiosk_number(page_html: str) -> str:
    """The text of the element showing a kiosk person's number."""
    found = re.search(r'<p class="kiosk-number" id="kiosk-number">(.*?)</p>', page_html, re.S)
    assert found, "no kiosk number on the page"
    return main_text(f"<main>{found.group(1)}</main>")


def start(tablet, code: str, **fields):
    """Tap Start on the kiosk's first page, with what the person typed or ticked."""
    page = tablet.get(f"/j/{code}").text
    key = re.search(r'name="key" value="([0-9a-f]+)"', page).group(1)
    return tablet.post_form(f"/j/{code}/kiosk/start", {"key": key, **fields})


def test_a_person_who_comes_back_with_their_number_is_the_same_participant(live_server,
                                                                          every_kind):
    session = session_at(live_server, every_kind, "worse")
    code = session.code
    with phone(live_server, lang="fr") as tablet:
        tablet.get(f"/j/{code}", params={"kiosk": "1", "table": "Table 2"})
        start_page = tablet.get(f"/j/{code}").text
        assert 'name="number"' in start_page and 'inputmode="numeric"' in start_page
        assert "Déjà venu·e ? Votre numéro" in main_text(start_page)

        assert start(tablet, code, role="agent").status_code == 303
        page = tablet.get(f"/j/{code}").text
        assert kiosk_number(page) == "Votre numéro : 1 — notez-le pour revenir à la tablette"
        thanks = tablet.get(answer(tablet, code, text="Fermer à midi").headers["location"]).text
        assert kiosk_number(thanks).startswith("Votre numéro : 1 ")
        assert "Tapez votre numéro, 1, sur la première page de la tablette" in main_text(thanks)
        tablet.post_form(f"/j/{code}/kiosk/next", {})

        assert start(tablet, code).status_code == 303
        assert kiosk_number(tablet.get(f"/j/{code}").text).startswith("Votre numéro : 2 ")
        answer(tablet, code, text="Perdre les dossiers")
        tablet.post_form(f"/j/{code}/kiosk/next", {})

        act(live_server, code, "go", index=every_kind.index("mood"))
        assert start(tablet, code, number=" 1 ").status_code == 303  # no role ticked: kept
        back = tablet.get(f"/j/{code}").text
        assert kiosk_number(back).startswith("Votre numéro : 1 ")
        assert 'id="answer-form"' in back and "Perdre les dossiers" not in main_text(back)
        assert answer(tablet, code, value="4").status_code == 303
        tablet.post_form(f"/j/{code}/kiosk/next", {})

        assert start(tablet, code, number="2", role="elu").status_code == 303  # role updated
        answer(tablet, code, value="2")

    people = live_server.store.participants(session)
    assert [(p.channel, p.kiosk_number, p.role, p.table) for p in people] == [
        ("kiosk", 1, "agent", "Table 2"), ("kiosk", 2, "elu", "Table 2")]
    rows = live_server.store.contributions(session)
    by_person = {p.id: [(r.phase_id, r.body) for r in rows if r.participant_id == p.id]
                 for p in people}
    assert by_person == {
        people[0].id: [("worse", {"text": "Fermer à midi"}), ("mood", {"value": 4})],
        people[1].id: [("worse", {"text": "Perdre les dossiers"}), ("mood", {"value": 2})]}


@pytest.mark.parametrize(("typed", "message"), [
    ("99", "Personne dans cet atelier n’a reçu le numéro 99 à une tablette. Vérifiez-le, ou "
           "laissez le champ vide pour commencer comme nouvelle personne."),
    ("sept", "Écrivez votre numéro en chiffres seulement, comme la tablette l’a affiché "
             "(par exemple 7)."),
    ("1.5", "Écrivez votre numéro en chiffres seulement"),
    ("-1", "Écrivez votre numéro en chiffres seulement"),
    ("１", "Écrivez votre numéro en chiffres seulement"),  # a full-width digit
    ("1234567", "Écrivez votre numéro en chiffres seulement"),
])
def test_a_wrong_number_is_refused_on_its_field_and_creates_nobody(live_server, every_kind,
                                                                   typed, message):
    session = session_at(live_server, every_kind, "worse")
    code = session.code
    with phone(live_server, lang="fr") as tablet:
        tablet.get(f"/j/{code}", params={"kiosk": "1"})
        start(tablet, code)  # number 1 exists
        tablet.post_form(f"/j/{code}/kiosk/next", {})
        refused = start(tablet, code, number=typed, role="usager")
        assert refused.status_code == 422
        assert message in main_text(refused.text)
        assert re.search(r'<p class="error" id="number-error">', refused.text)
        field = re.search(r'<input id="number"[^>]*>', refused.text).group(0)
        assert 'aria-invalid="true"' in field and "number-error" in field
        assert f'value="{typed}"' in field
        assert re.search(r'id="role-usager" value="usager"\s+checked', refused.text)
        assert "palabre_device" not in tablet.cookies
    assert [p.kiosk_number for p in live_server.store.participants(session)] == [1]


def test_numbers_of_phones_and_other_sessions_are_not_kiosk_numbers(live_server, every_kind):
    session = session_at(live_server, every_kind, "worse")
    other = session_at(live_server, every_kind, "worse")
    with phone(live_server) as device:
        device.join(session.code)
    phone_id = live_server.store.participants(session)[0].id
    with phone(live_server, lang="en") as tablet:
        tablet.get(f"/j/{other.code}", params={"kiosk": "1"})
        start(tablet, other.code)  # number 1 in the other session
        tablet.get(f"/j/{session.code}", params={"kiosk": "1"})
        for typed in ("1", str(phone_id)):
            refused = start(tablet, session.code, number=typed)
            assert refused.status_code == 422
            assert (f"No one in this workshop was given the number {typed} at a tablet."
                    in main_text(refused.text))
    assert [p.channel for p in live_server.store.participants(session)] == ["phone"]


def test_a_double_tap_on_start_is_one_person_but_a_stale_start_page_is_a_new_one(
        live_server, every_kind):
    session = session_at(live_server, every_kind, "worse")
    code = session.code
    with phone(live_server, lang="fr") as tablet:
        tablet.get(f"/j/{code}", params={"kiosk": "1"})
        page = tablet.get(f"/j/{code}").text
        key = re.search(r'name="key" value="([0-9a-f]+)"', page).group(1)
        for _tap in range(2):
            tablet.cookies.delete("palabre_device")  # the second tap left before the answer
            assert tablet.post_form(f"/j/{code}/kiosk/start", {"key": key}).status_code == 303
        assert len(live_server.store.participants(session)) == 1
        answer(tablet, code, text="Fermer le guichet")
        tablet.post_form(f"/j/{code}/kiosk/next", {})
        # The Back button brings the first person's start page back to the next person.
        assert tablet.post_form(f"/j/{code}/kiosk/start", {"key": key}).status_code == 303
        page = tablet.get(f"/j/{code}").text
        assert kiosk_number(page).startswith("Votre numéro : 2 ")
        assert "Fermer le guichet" not in main_text(page)
    assert [p.kiosk_number for p in live_server.store.participants(session)] == [1, 2]


def test_a_phone_page_shows_no_kiosk_number(live_server, every_kind):
    session = session_at(live_server, every_kind, "worse")
    with phone(live_server) as device:
        device.join(session.code)
        assert 'id="kiosk-number"' not in device.get(f"/j/{session.code}").text
