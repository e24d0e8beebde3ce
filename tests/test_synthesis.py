"""The figures the projector and the deck share."""

from palabre.exercises import builtin_formats
from palabre.exercises.kinds import EMPATHY_PARTS

from palabre import synthesis
from palabre.answers import submit


def _advance(store, code, to=None):
    if to is None:
        return store.update_state(code, lambda s: s.state.advance(s.exercise))
    return store.update_state(code, lambda s: s.state.go(s.exercise, s.exercise.index(to)))


def test_the_top_solution_has_most_dots_and_comes_with_its_worse_idea(store):
    """The reverse brainstorm from first to last phase, through the door."""
    session = store.create_session(builtin_formats()["reverse-brainstorm"], title="Rennes")
    people = [store.join(session, f"d{i}", role=("usager", "agent")[i % 2]) for i in range(4)]
    closed, silent = (submit(store, session, people[0], {"text": t}, f"key-worse-{i:03}")[0]
                      for i, t in enumerate(("Fermer le guichet", "Ne jamais répondre")))
    session = _advance(store, session.code, "flip")
    rdv, tel, hidden = (submit(store, session, people[0], {"source_id": src.id, "text": t},
                               f"key-sol-{i:04}")[0]
                        for i, (src, t) in enumerate(((closed, "Accueil sans rendez-vous"),
                                                      (silent, "Numéro unique"),
                                                      (silent, "Hors sujet"))))
    store.set_hidden(session, hidden.id, True)
    session = _advance(store, session.code, "vote")
    submit(store, session, people[1], {"dots": {str(tel.id): 3}}, "key-ballot-01")
    submit(store, session, people[1], {"dots": {str(rdv.id): 3}}, "key-ballot-02")  # changed
    submit(store, session, people[2], {"dots": {str(rdv.id): 1, str(tel.id): 2}}, "key-ballot-03")
    store.contribute(session, participant=None, phase_id="vote", kind="vote",
                     body={"dots": {str(tel.id): 1}}, text=None, key="key-paper-001",
                     channel="paper")
    snap = synthesis.snapshot(store, session.code)
    tally = synthesis.vote_tally(snap, session.exercise.phase("vote"))
    assert [(t.label, t.count, t.voters) for t in tally] == [
        ("Accueil sans rendez-vous", 4, 2), ("Numéro unique", 3, 2)]
    assert synthesis.origin(snap, tally[0].item).text == "Fermer le guichet"
    counts = synthesis.counts(snap)
    assert counts.participants == 4
    assert counts.by_role == {"usager": 2, "agent": 2}
    # The ballot people[1] replaced is not an answer that counts any more.
    assert counts.answers_by_channel == {"phone": 6, "paper": 1}


def test_choice_tally_keeps_the_options_order(store):
    session = store.create_session(builtin_formats()["role-swap"], title="Rôles")
    for i, picks in enumerate(([0, 1], [1], [1, 3, 5], [3])):
        submit(store, session, store.join(session, f"d{i}"), {"choices": picks}, f"key-ch-{i:04}")
    snap = synthesis.snapshot(store, session.code)
    tally = synthesis.choice_tally(snap, session.phase, "fr")
    assert [t.count for t in tally] == [1, 3, 0, 2, 0, 1]
    assert tally[0].label == "L'attente au guichet"
    assert synthesis.choice_tally(snap, session.phase, "en")[0].label == "Waiting at the counter"


def test_merged_duplicates_bring_their_dots_to_the_item_they_joined(store):
    session = store.create_session(builtin_formats()["personas"], title="Rennes")
    phone = store.join(session, "d0")
    session = _advance(store, session.code, "proposals")
    keep, dup = (submit(store, session, phone, {"text": t}, f"key-dup-{i:04}")[0]
                 for i, t in enumerate(("Un numéro unique", "Numéro unique !")))
    session = _advance(store, session.code, "vote")
    submit(store, session, store.join(session, "d1"), {"dots": {str(dup.id): 2}}, "key-bal-0001")
    store.merge(session, keep.id, [dup.id])
    snap = synthesis.snapshot(store, session.code)
    tally = synthesis.vote_tally(snap, session.exercise.phase("vote"))
    assert [(t.item.id, t.count) for t in tally] == [(keep.id, 2)]
    raw = store.contributions(session, include_hidden=True)
    assert [c.body.get("merged_into") for c in raw if c.id == dup.id] == [keep.id]


def _stored(store, session, phase_id, kind, body, participant=None, key=None, text=None):
    return store.contribute(session, participant=participant, phase_id=phase_id, kind=kind,
                            body=body, text=text if text is not None else body.get("text"),
                            key=key or f"key-{phase_id}-{len(store.contributions(session))}-x")[0]


def _phase(kind, pid="p", **params):
    from palabre.exercises import Localized, Phase
    return Phase(id=pid, kind=kind, title=Localized("t"), prompt=Localized("p"), params=params)


def test_each_worse_idea_keeps_its_inversions(store):
    session = store.create_session(builtin_formats()["reverse-brainstorm"], title="R")
    worse = [_stored(store, session, "worsen", "ideas", {"text": t})
             for t in ("Fermer le guichet", "Ne jamais répondre")]
    better = _stored(store, session, "flip", "invert",
                     {"source_id": worse[0].id, "text": "Ouvrir le samedi"})
    snap = synthesis.snapshot(store, session.code)
    found = synthesis.pairs(snap, _phase("invert", "flip", source="worsen"))
    assert [(p.worse.text, [b.text for b in p.better]) for p in found] == [
        ("Fermer le guichet", ["Ouvrir le samedi"]), ("Ne jamais répondre", [])]
    assert synthesis.origin(snap, better).text == "Fermer le guichet"


def test_themes_keep_the_facilitators_groups_and_a_quote(store):
    session = store.create_session(builtin_formats()["reverse-brainstorm"], title="R")
    a, b, c = (_stored(store, session, "solutions", "ideas", {"text": t})
               for t in ("Accueil", "Accueil sans rendez-vous le samedi", "Numéro unique"))
    snap = synthesis.snapshot(store, session.code)
    board = {"themes": [{"title": "Accueil", "items": [a.id, b.id, 999]}]}
    found = synthesis.themes(snap, board, _phase("cluster", source="solutions"))
    assert [(t.title, [i.id for i in t.items]) for t in found] == [
        ("Accueil", [a.id, b.id]), ("", [c.id])]
    assert found[0].quote.id == a.id


def test_empathy_maps_and_arguments_by_viewpoint(store):
    session = store.create_session(builtin_formats()["personas"], title="P")
    _stored(store, session, "map", "persona", {"persona": "josiane", "field": "says",
                                                "text": "Je n'ai pas internet"})
    _stored(store, session, "args", "argument", {"side": "against", "viewpoint": "agent",
                                                  "text": "Trop de dossiers"})
    snap = synthesis.snapshot(store, session.code)
    maps = synthesis.empathy_maps(snap, _phase("persona", "map",
                                               fields=tuple(EMPATHY_PARTS)))
    assert [c.text for c in maps["josiane"]["says"]] == ["Je n'ai pas internet"]
    assert maps["josiane"]["pains"] == []
    sides = synthesis.arguments(snap, _phase("argument", "args"))
    assert [c.text for c in sides["agent"]["against"]] == ["Trop de dossiers"]
    assert sides["usager"] == {"for": [], "against": []}


def test_scale_summary_counts_each_persons_last_answer(store):
    session = store.create_session(builtin_formats()["personas"], title="P")
    people = [store.join(session, f"d{i}") for i in range(3)]
    for person, value in zip(people, (2, 4, 5), strict=True):
        _stored(store, session, "sc", "scale", {"value": value}, participant=person)
    _stored(store, session, "sc", "scale", {"value": 1}, participant=people[2])
    summary = synthesis.scale_summary(synthesis.snapshot(store, session.code),
                                      _phase("scale", "sc", steps=5))
    assert summary.distribution == (1, 1, 0, 1, 0)
    assert (summary.responses, summary.median) == (3, 2)
    assert round(summary.mean, 2) == 2.33


def test_votes_split_by_real_role(store):
    session = store.create_session(builtin_formats()["reverse-brainstorm"], title="R")
    idea = _stored(store, session, "flip", "invert", {"source_id": 1, "text": "Guichet unique"})
    user, agent = store.join(session, "u", role="usager"), store.join(session, "a", role="agent")
    _stored(store, session, "vote", "vote", {"dots": {str(idea.id): 3}}, participant=user)
    _stored(store, session, "vote", "vote", {"dots": {str(idea.id): 1}}, participant=agent)
    snap = synthesis.snapshot(store, session.code)
    split = synthesis.vote_tally_by_role(snap, session.exercise.phase("vote"))
    assert {role: tallies[0].count for role, tallies in split.items()} == {"usager": 3,
                                                                           "agent": 1}
    assert synthesis.role_split(snap, session.exercise.phase("vote")) == {"usager": 1, "agent": 1}


def test_word_counts_drop_french_stop_words(store):
    session = store.create_session(builtin_formats()["reverse-brainstorm"], title="R")
    for text in ("L'accueil est fermé", "Un accueil plus humain", "accueillir les usagers"):
        _stored(store, session, "worsen", "ideas", {"text": text})
    counts = dict(synthesis.word_counts(synthesis.snapshot(store, session.code)))
    assert counts.get("accueil", 0) >= 2 and "est" not in counts and "les" not in counts


def test_equal_counts_share_a_rank_and_say_they_are_tied():
    counts = [15, 15, 13, 8, 7, 7, 0, 0]
    found = synthesis.ranked([synthesis.Tally(label=str(i), count=c)
                              for i, c in enumerate(counts)])
    assert [t.rank for t in found] == [1, 1, 3, 4, 5, 5, 7, 7]
    assert [t.tied for t in found] == [True, True, False, False, True, True, True, True]


def test_an_inversion_merged_into_another_still_turns_its_worse_idea_around(store):
    session = store.create_session(builtin_formats()["reverse-brainstorm"], title="R")
    closed, silent = (_stored(store, session, "worsen", "ideas", {"text": t})
                      for t in ("Fermer le guichet", "Ne jamais répondre"))
    kept = _stored(store, session, "flip", "invert", {"source_id": closed.id, "text": "Ouvrir"})
    twin = _stored(store, session, "flip", "invert", {"source_id": silent.id, "text": "Ouvrir !"})
    store.merge(session, kept.id, [twin.id])
    snap = synthesis.snapshot(store, session.code)
    found = synthesis.pairs(snap, session.exercise.phase("flip"))
    assert [(p.worse.text, [b.id for b in p.better]) for p in found] == [
        ("Fermer le guichet", [kept.id]), ("Ne jamais répondre", [kept.id])]


def test_a_voter_counts_once_on_an_item_and_its_merged_duplicate(store):
    session = store.create_session(builtin_formats()["reverse-brainstorm"], title="R")
    person = store.join(session, "d0")
    worse = _stored(store, session, "worsen", "ideas", {"text": "Fermer"})
    item, twin = (_stored(store, session, "flip", "invert", {"source_id": worse.id, "text": t})
                  for t in ("Ouvrir le samedi", "Ouvrir le samedi !"))
    _stored(store, session, "vote", "vote", {"dots": {str(item.id): 1, str(twin.id): 2}},
            participant=person)
    store.merge(session, item.id, [twin.id])
    result = synthesis.phase_result(synthesis.snapshot(store, session.code),
                                    session.exercise.phase("vote"))
    assert [(t.item.id, t.count, t.voters) for t in result.tallies] == [(item.id, 3, 1)]
    assert result.origins[item.id].id == worse.id


def test_every_kind_of_the_registry_has_one_result_builder():
    from palabre.exercises import KINDS

    assert set(synthesis.BUILDERS) == set(KINDS)
