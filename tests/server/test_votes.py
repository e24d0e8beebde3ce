"""Votes that scale (issue 11): what a vote is on, each phone's own order, the dots counted
as they are placed, themes counted as themes; and the small things on the way (the sent
banner's phase, the code message, worse ideas that are someone else's)."""

from __future__ import annotations

import re

import pytest
from palabre.exercises import Exercise, Localized, Phase

from palabre import boards, synthesis
from palabre.answers import submit
from tests.fixtures.server import phone
from tests.server.conftest import act, answer, main_text

L = Localized


def big_room(live_server, answers: int = 40):
    """An ideas phase with `answers` answers from other people, then themes, a vote, a
    pitch; the room on the vote."""
    exercise = Exercise(
        id="big", title=L("Grande salle", "Big room"), question=L("Quoi ?", "What?"),
        phases=(Phase(id="ideas", kind="ideas", title=L("Idées", "Ideas"),
                      prompt=L("Vos idées", "Your ideas"), params={"max_chars": 280}),
                Phase(id="themes", kind="cluster", title=L("Regrouper par thèmes", "Group"),
                      prompt=L("Regardez l’écran", "Look"), params={"source": "ideas"}),
                Phase(id="vote", kind="vote", title=L("Vote", "Vote"),
                      prompt=L("Votez", "Vote"),
                      params={"source": "ideas", "dots": 3, "max_per_item": 3}),
                Phase(id="pitch", kind="pitch", title=L("Pitch", "Pitch"),
                      prompt=L("Écoutez", "Listen"), params={"seconds": 120})))
    store = live_server.store
    session = store.create_session(exercise, title="Grande salle")
    people = [store.join(session, f"device-big-{n:03d}") for n in range(4)]
    rows = [submit(store, session, people[n % 4], {"text": f"Idée numéro {n}"},
                   f"key-big-{n:04d}")[0] for n in range(answers)]
    act(live_server, session.code, "go", index=2)
    return store.session(session.code), rows


def ballot_lines(page_html: str) -> list[str]:
    return re.findall(r'<label for="dots-([^"]+)">', page_html)


def test_a_big_room_votes_on_a_short_ballot_then_on_the_shortlist_or_the_themes(live_server):
    session, rows = big_room(live_server)
    with phone(live_server, lang="fr") as device:
        device.join(session.code)
        page = device.get(f"/j/{session.code}").text
        assert len(ballot_lines(page)) == synthesis.AT_MOST  # not 40: drawn by lot

        picked = [rows[3], rows[7], rows[30]]  # named by their numbers, as on the wall
        chosen = act(live_server, session.code, "ballot", mode="shortlist",
                     items=[r.number for r in picked])
        assert chosen["phase"]["id"] == "vote"
        page = device.get(f"/j/{session.code}").text
        assert sorted(ballot_lines(page)) == sorted(str(r.id) for r in picked)
        shown = re.findall(r'<span class="ref">n° (\d+)</span>', page)
        assert sorted(map(int, shown)) == sorted(r.number for r in picked)

        boards.set_themes(live_server.store, session, "ideas",
                          [("Accueil", [r.id for r in rows[:20]]),
                           ("Horaires", [r.id for r in rows[20:]])])
        act(live_server, session.code, "ballot", mode="themes")
        page = device.get(f"/j/{session.code}").text
        assert sorted(ballot_lines(page)) == ["t1", "t2"]
        assert "Accueil" in page and "thème de 20 idées" in page

        # Two dots on a theme count for the theme, once, and for none of its answers.
        sent = answer(device, session.code, **{"dots-t1": "2", "dots-t2": "1"})
        assert sent.status_code == 303
    result = synthesis.phase_result(synthesis.snapshot(live_server.store, session.code),
                                    session.exercise.phase("vote"),
                                    lambda name: live_server.store.board(session, name))
    lines = {t.label: (t.count, t.voters, len(t.members)) for t in result.tallies if t.theme}
    assert lines == {"Accueil": (2, 1, 20), "Horaires": (1, 1, 20)}
    assert all(t.count == 0 for t in result.tallies if not t.theme)


def test_a_bad_ballot_is_refused_in_the_facilitators_language(live_server):
    session, _rows = big_room(live_server, answers=5)
    with live_server.facilitator(headers={"Accept-Language": "fr"}) as laptop:
        url = f"/palabre/api/sessions/{session.code}/actions"
        wrong = laptop.post(url, json={"action": "ballot", "mode": "shortlist",
                                       "items": [999999]})
        assert wrong.status_code == 422
        assert wrong.json()["field"] == "items"
        assert "présélection" in wrong.json()["message"]
        assert laptop.post(url, json={"action": "ballot", "mode": "everything"}
                           ).status_code == 422
        assert laptop.post(url, json={"action": "ballot", "phase": "ideas", "mode": "all"}
                           ).json()["field"] == "phase"


def test_each_phone_has_its_own_order_and_keeps_it(live_server):
    session, _rows = big_room(live_server, answers=12)  # few: every answer is on it
    orders = []
    for _phone in range(3):
        with phone(live_server, lang="fr") as device:
            device.join(session.code)
            first = ballot_lines(device.get(f"/j/{session.code}").text)
            again = ballot_lines(device.get(f"/j/{session.code}").text)
            assert first == again  # stable for that phone
            orders.append(first)
    assert all(sorted(o) == sorted(orders[0]) and len(o) == 12 for o in orders)
    assert len({tuple(o) for o in orders}) == 3  # three phones, three orders


def test_without_javascript_the_server_recounts_the_dots(live_server):
    session, rows = big_room(live_server, answers=6)
    one, two = str(rows[0].id), str(rows[1].id)
    with phone(live_server, lang="fr") as device:
        device.join(session.code)
        page = device.get(f"/j/{session.code}").text
        assert "0 gommette sur 3 placée" in main_text(page)
        too_many = answer(device, session.code, **{f"dots-{one}": "3", f"dots-{two}": "1"})
        assert too_many.status_code == 422
        said = main_text(too_many.text)
        assert "4 gommettes placées, vous en avez 3" in said
        assert "Vous avez 3 gommettes et en avez placé 4" in said
        sent = answer(device, session.code, **{f"dots-{one}": "2"})
        assert sent.status_code == 303
        after = device.get(sent.headers["location"]).text
        assert "2 gommettes sur 3 placées" in main_text(after)
        assert 'id="sent"' in after


def test_the_sent_banner_stays_in_the_phase_where_the_answer_was_sent(live_server):
    session = live_server.new_session()
    with phone(live_server, lang="fr") as device:
        device.join(session.code)
        sent = answer(device, session.code, text="Fermer le guichet le samedi")
        assert sent.status_code == 303
        here = sent.headers["location"]
        assert 'id="sent"' in device.get(here).text
        act(live_server, session.code, "advance")
        later = device.get(here).text  # the same address, now in the next phase
        assert 'id="sent"' not in later
        assert "bien été reçue" not in main_text(later)


@pytest.mark.parametrize(("typed", "said"), [
    ("abcde", "Les codes n’utilisent jamais B, I, L, O, S, Z, 0, 1, 2, 5, 8 : « B »"),
    ("B0B", "Un code compte 5 lettres ou chiffres"),
    ("ACD", "Un code compte 5 lettres ou chiffres"),
])
def test_the_code_message_names_what_codes_never_use(live_server, typed, said):
    with phone(live_server, lang="fr") as device:
        response = device.get("/j", params={"code": typed})
    assert response.status_code == 422
    assert said in main_text(response.text)


def test_invert_never_hands_a_phone_its_own_worse_ideas(live_server):
    session = live_server.new_session()  # reverse brainstorm: worsen, then flip
    store = live_server.store
    with phone(live_server, lang="fr") as first:
        first.join(session.code)
        for n in range(3):  # the first phone to join writes three worse ideas
            assert answer(first, session.code, text=f"Pire idée {n}").status_code == 303
        other = store.join(session, "device-other-01")
        mine = {c.text for c in store.contributions(session, "worsen")}
        for n in range(2):
            submit(store, session, other, {"text": f"Idée d’un autre {n}"}, f"key-other-{n:04d}")
        act(live_server, session.code, "advance")
        page = first.get(f"/j/{session.code}").text
        given = re.findall(r'class="worse"[^>]*><span class="tag">[^<]*</span> '
                           r'<span class="ref">n° \d+</span> ([^<]+)</p>', page)
    assert given and not set(given) & mine
