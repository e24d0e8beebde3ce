"""The room's screen groups a large wall by the facilitator's themes, built from code."""

from __future__ import annotations

from palabre.exercises import builtin_formats
from palabre.widgets.audience import AudienceView

from palabre import boards


def _answer(store, session, phase_id, text, n):
    participant = store.join(session, f"device-{n:03d}")
    return store.contribute(session, participant=participant, phase_id=phase_id,
                            kind=session.exercise.phase(phase_id).kind, body={"text": text},
                            text=text, key=f"key-{phase_id}-{n:03d}")[0]


def test_a_large_grouped_wall_shows_its_themes_not_every_answer(store):
    session = store.create_session(builtin_formats()["reverse-brainstorm"], title="Rennes")
    grouping = next(p for p in session.exercise.phases if p.kind == "cluster")
    rows = [_answer(store, session, grouping.params["source"], f"Solution numéro {i}", i)
            for i in range(24)]
    session = store.update_state(session.code, lambda s: s.state.go(
        s.exercise, s.exercise.index(grouping.id)))
    boards.set_themes(store, session, grouping.params["source"],
                      [("Accueil fermé", [r.id for r in rows[:15]]),
                       ("Jargon", [r.id for r in rows[15:20]])])
    view = AudienceView(store, session.code, lang="fr", live=False,
                        public_url="http://192.0.2.10:8866")
    wall = view.wall.value
    assert "Accueil fermé" in wall and "15 idées" in wall
    assert "Jargon" in wall and "5 idées" in wall
    assert "Autres idées" in wall and "4 idées" in wall  # the answers in no theme
    assert wall.count("<li>") == 3  # one card a theme, not 24 answers
    # Few enough answers for one page: every answer stays on the wall, as before.
    small = store.create_session(builtin_formats()["reverse-brainstorm"], title="Brest")
    kept = _answer(store, small, grouping.params["source"], "Une seule idée", 0)
    small = store.update_state(small.code, lambda s: s.state.go(
        s.exercise, s.exercise.index(grouping.id)))
    boards.set_themes(store, small, grouping.params["source"], [("Seul", [kept.id])])
    alone = AudienceView(store, small.code, lang="fr", live=False,
                         public_url="http://192.0.2.10:8866")
    assert "Une seule idée" in alone.wall.value
    alone.widget.close()
    view.widget.close()
