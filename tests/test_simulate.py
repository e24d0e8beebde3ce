"""Simulated phones against a real server: every answer lands once, and a replay adds nothing."""

from __future__ import annotations

import asyncio
import random
import subprocess
import sys
from pathlib import Path

from palabre import simulate
from palabre.store.store import ROLES

PALABRE = str(Path(sys.executable).with_name("palabre"))


def test_twenty_phones_store_twenty_answers_and_twenty_participants(live_server):
    session = live_server.new_session(title="Atelier simulé")
    result = simulate.run(live_server.local_url, session.code, 20, seed=7)

    assert result.errors == []
    assert (result.sent, result.created, result.replayed) == (20, 20, 0)
    assert len(result.latencies) == 20 and result.p99 >= result.p50 > 0
    people = live_server.store.participants(session)
    rows = live_server.store.contributions(session, include_hidden=True)
    assert len(people) == 20 and len(rows) == 20
    assert {row.phase_id for row in rows} == {session.phase.id}
    assert len({row.participant_id for row in rows}) == 20  # one answer per phone
    assert len({row.text for row in rows}) >= 18  # varied text, not one sentence twenty times
    assert {person.role for person in people} <= set(ROLES) and len(
        {person.role for person in people}) >= 2


def test_phones_spread_over_a_moment_are_all_acknowledged_once(live_server):
    session = live_server.new_session(title="Atelier étalé")
    result = simulate.run(live_server.local_url, session.code, 12, seed=3, spread_s=0.5)
    assert result.errors == [] and (result.sent, result.created) == (12, 12)
    assert len(live_server.store.contributions(session)) == 12


def test_the_command_refuses_a_negative_spread(live_server):
    done = subprocess.run([PALABRE, "simulate", "ACDEF", "--spread", "-1", "--url",
                           live_server.local_url], capture_output=True, text=True, timeout=60)
    assert done.returncode == 2
    assert "--spread est un nombre de secondes de 0 à 600" in done.stderr


def test_a_replay_with_the_same_seed_and_phones_stores_nothing_new(live_server):
    session = live_server.new_session(title="Atelier rejoué")
    first = simulate.run(live_server.local_url, session.code, 20, seed=3,
                         answers_per_participant=2)
    assert first.errors == [] and first.created == 40

    again = simulate.run(live_server.local_url, session.code, 20, seed=3,
                         answers_per_participant=2, cookies=first.cookies)
    assert again.errors == []
    assert (again.sent, again.created, again.replayed) == (40, 0, 40)
    assert len(live_server.store.participants(session)) == 20
    assert len(live_server.store.contributions(session, include_hidden=True)) == 40


def test_the_same_phones_go_through_a_whole_format(live_server):
    """Every phase of the reverse brainstorm in turn: phones answer where they can (ideas,
    inversions of the ideas given to them, dots on the inversions) and wait where the
    facilitator works."""
    store = live_server.store
    session = live_server.new_session("reverse-brainstorm", title="Atelier complet")
    cookies = None
    for index, phase in enumerate(session.exercise.phases):
        store.update_state(session.code, lambda s, i=index: s.state.go(s.exercise, i))
        result = simulate.run(live_server.local_url, session.code, 8, seed=1, cookies=cookies)
        cookies = result.cookies
        assert result.errors == [], (phase.id, result.errors)
        if phase.kind == "cluster":  # the facilitator groups the ideas; phones watch
            assert (result.sent, result.skipped) == (0, 8)
        else:
            assert result.created == 8, phase.id
        if phase.kind == "vote":
            items = {str(row.id) for row in store.contributions(session, phase.params["source"])}
            dots = phase.params["dots"]
            for row in store.contributions(session, phase.id):
                assert set(row.body["dots"]) <= items
                assert 1 <= sum(row.body["dots"].values()) <= dots
    assert len(store.participants(session)) == 8


def test_simulated_phones_pick_choices_within_the_limit(live_server):
    store = live_server.store
    swap = live_server.new_session("role-swap", title="Atelier choix")
    assert swap.phase.kind == "choice"
    chosen = simulate.run(live_server.local_url, swap.code, 6, seed=4)
    assert chosen.errors == [] and chosen.created == 6
    limit = swap.phase.params["max_answers"]
    for row in store.contributions(swap, swap.phase.id):
        assert 1 <= len(row.body["choices"]) <= limit


def test_the_command_replays_from_its_state_file(live_server, tmp_path):
    session = live_server.new_session(title="Atelier en ligne de commande")
    state = tmp_path / "phones.json"
    command = [PALABRE, "simulate", session.code, "--participants", "20", "--seed", "5",
               "--url", live_server.local_url, "--state", str(state), "--db",
               live_server.db_url]
    first = subprocess.run(command, capture_output=True, text=True, timeout=120)
    assert first.returncode == 0, first.stdout + first.stderr
    assert "20 téléphones ont rejoint l'atelier" in first.stdout
    assert "20 confirmées (20 nouvelles, 0 déjà enregistrées), 0 erreurs" in first.stdout
    assert "La base contient maintenant 20 réponses de 20 participants" in first.stdout

    again = subprocess.run(command, capture_output=True, text=True, timeout=120)
    assert again.returncode == 0, again.stdout + again.stderr
    assert "20 confirmées (0 nouvelles, 20 déjà enregistrées)" in again.stdout
    assert "La base contient maintenant 20 réponses de 20 participants" in again.stdout


def test_the_command_says_when_the_code_is_unknown(live_server):
    done = subprocess.run([PALABRE, "--lang", "en", "simulate", "XXXXX", "--url",
                           live_server.local_url], capture_output=True, text=True, timeout=60)
    assert done.returncode == 2
    assert "no workshop has the code XXXXX" in done.stderr


def test_idea_text_reads_as_french_about_public_services():
    rng = random.Random(0)
    texts = {simulate.idea_text(rng, negative=bool(n % 2)) for n in range(500)}
    assert len(texts) > 450
    assert all(8 < len(text) <= 280 for text in texts)
    joined = " ".join(texts).lower()
    for word in ("mairie", "caf", "impôts", "guichet", "téléphone", "rendez-vous"):
        assert word in joined


def test_phones_run_from_code_that_already_runs_an_event_loop(live_server):
    """A notebook kernel or Playwright's synchronous API already runs a loop in this thread."""
    session = live_server.new_session(title="Atelier dans un notebook")

    async def inside_a_loop():
        return simulate.run(live_server.local_url, session.code, 3, seed=9)

    result = asyncio.run(inside_a_loop())
    assert result.errors == [] and result.created == 3
    assert len(live_server.store.contributions(session)) == 3


def test_the_command_refuses_a_state_file_it_did_not_write(tmp_path):
    state = tmp_path / "phones.json"
    state.write_text("not json", encoding="utf-8")
    done = subprocess.run([PALABRE, "simulate", "ACDEF", "--state", str(state), "--url",
                           "http://127.0.0.1:9"], capture_output=True, text=True, timeout=60)
    assert done.returncode == 2
    assert "n'est pas un fichier d'état écrit par palabre simulate" in done.stderr
    assert "Traceback" not in done.stderr


def test_phones_send_nothing_when_there_is_nothing_to_vote_on(live_server):
    store = live_server.store
    session = live_server.new_session(title="Atelier sans idées")
    vote = next(i for i, p in enumerate(session.exercise.phases) if p.kind == "vote")
    store.update_state(session.code, lambda s: s.state.go(s.exercise, vote))  # no items yet
    result = simulate.run(live_server.local_url, session.code, 4, seed=1)
    assert result.errors == [] and result.sent == 0 and result.skipped == 4
    assert store.contributions(session, include_hidden=True) == []
    assert len(store.participants(session)) == 4


NEWER_KINDS = """
id: debat-local
title: {fr: Débat local, en: Local debate}
question: {fr: "Ouvrir la mairie le samedi ?", en: "Open the town hall on Saturdays?"}
phases:
  - id: worse
    kind: ideas
    title: {fr: Pire, en: Worse}
    prompt: {fr: "Comment faire pire ?", en: "How to make it worse?"}
  - id: inverted
    kind: invert
    source: worse
    per_participant: 2
    title: {fr: Retourner, en: Turn around}
    prompt: {fr: "Retournez ces idées.", en: "Turn these ideas around."}
  - id: debate
    kind: argument
    title: {fr: Arguments, en: Arguments}
    prompt: {fr: "Pour ou contre ?", en: "For or against?"}
  - id: mood
    kind: scale
    steps: 7
    low: {fr: Pas du tout, en: Not at all}
    high: {fr: Tout à fait, en: Completely}
    title: {fr: Humeur, en: Mood}
    prompt: {fr: "Êtes-vous convaincu ?", en: "Are you convinced?"}
"""


def test_simulated_phones_answer_inversions_arguments_and_scales(live_server):
    from palabre.exercises.loader import parse_format

    store = live_server.store
    session = store.create_session(parse_format(NEWER_KINDS), title="Atelier débat")
    cookies = None
    for index, phase in enumerate(session.exercise.phases):
        store.update_state(session.code, lambda s, i=index: s.state.go(s.exercise, i))
        result = simulate.run(live_server.local_url, session.code, 6, seed=1,
                              cookies=cookies)  # one seed: each phase still gets new keys
        assert result.errors == [] and result.created == 6, (phase.id, result.errors)
        cookies = result.cookies  # the same six phones all along
    assert len(store.participants(session)) == 6
    worse = {row.id for row in store.contributions(session, "worse")}
    for row in store.contributions(session, "inverted"):
        assert row.body["source_id"] in worse and row.text
    assert {row.body["side"] for row in store.contributions(session, "debate")} <= {
        "for", "against"}
    assert all(1 <= row.body["value"] <= 7 for row in store.contributions(session, "mood"))
