"""The facilitator's dashboard driven from code, on a real SQLite store: what the room sees."""

from __future__ import annotations

import asyncio
import html
import re

import pytest
from ipywidgets import Widget
from ipywidgets.widgets.widget import _instances
from palabre.exercises import KINDS
from palabre.exercises.loader import parse_format
from palabre.widgets import WALLS, RoomDashboard, qr_svg, room_app, session_from_query

from palabre import synthesis
from palabre.answers import submit

PUBLIC = "http://192.168.1.20:8866"


class Clock:
    """A clock the test moves by hand, so countdown texts are exact."""

    def __init__(self, now: float = 1_800_000_000.0):
        self.now = now

    def __call__(self) -> float:
        return self.now


@pytest.fixture
def rooms():
    """Dashboards made in a test are disposed at its end (their polling stops)."""
    made: list[RoomDashboard] = []
    yield made
    for room in made:
        room.dispose()


@pytest.fixture
def make_room(store, rooms):
    def make(code, **kwargs):
        kwargs.setdefault("public_url", PUBLIC)
        kwargs.setdefault("live", False)
        room = RoomDashboard(store, code, **kwargs)
        rooms.append(room)
        return room
    return make


# Three plain steps (the built-in formats are richer): hidden worst ideas, live solutions
# written as free text, a dot vote on the solutions; a choice format for the choice view.
FORMATS = {
    "three-steps": """
id: three-steps
title: {fr: Trois temps, en: Three steps}
question: {fr: "Comment être plus proche de ses usagers ?", en: "How to be closer?"}
phases:
  - id: worsen
    kind: ideas
    timebox_min: 10
    reveal: after_close
    title: {fr: Pire idée, en: Worst ideas}
    prompt: {fr: "Comment être encore MOINS proche ?", en: "How to be even LESS close?"}
  - id: solutions
    kind: ideas
    timebox_min: 15
    title: {fr: Retourner les idées, en: Turn the ideas around}
    prompt: {fr: "Retournez chaque idée en solution.", en: "Turn each idea into a solution."}
  - id: vote
    kind: vote
    source: solutions
    timebox_min: 5
    title: {fr: Vote, en: Vote}
    prompt: {fr: "Vos gommettes", en: "Your dots"}
""",
    "choice": """
id: choice
title: {fr: Choix, en: Choice}
question: {fr: "Quel accueil ?", en: "Which welcome?"}
phases:
  - id: which
    kind: choice
    choices:
      - {fr: Au guichet, en: At the desk}
      - {fr: Au téléphone, en: On the phone}
      - {fr: En ligne, en: Online}
    title: {fr: Préférence, en: Preference}
    prompt: {fr: "Votre préférence", en: "Your preference"}
""",
}


def new_session(store, fmt="three-steps", lang="fr"):
    exercise = parse_format(FORMATS[fmt], f"{fmt}.yaml")
    return store.create_session(exercise, title="Mairie de Rennes", lang=lang)


def answer(store, code, device, text, n):
    session = store.session(code)
    person = store.join(session, device)
    return submit(store, session, person, {"text": text}, f"key-{device}-{n:04}")[0]


def tree(widget: Widget) -> list[Widget]:
    found = [widget]
    for child in getattr(widget, "children", ()):
        found.extend(tree(child))
    return found


def shown_text(room: RoomDashboard) -> str:
    """Everything the projected view carries as text: HTML values and button labels."""
    parts = []
    for widget in tree(room.widget):
        parts.append(str(getattr(widget, "value", "")))
        parts.append(str(getattr(widget, "description", "")))
    return "\n".join(parts)


def test_answers_of_an_after_close_phase_stay_hidden_until_the_round_closes(store, make_room):
    session = new_session(store)
    answer(store, session.code, "phone-a", "<script>alert(1)</script> Fermer le guichet", 1)
    room = make_room(session.code)
    assert room.phase_id == "worsen" and not room.results_visible
    assert "Fermer le guichet" not in room.wall.body.value
    assert "1 réponse reçue" in room.wall.body.value
    room.close()
    assert not room.accepting and room.results_visible
    body = room.wall.body.value
    assert html.escape("<script>alert(1)</script> Fermer le guichet") in body
    assert "<script>" not in body
    assert store.session(session.code).state.accepting is False


def test_reveal_shows_hidden_answers_while_answers_stay_open(store, make_room):
    session = new_session(store)
    answer(store, session.code, "phone-a", "Supprimer l'accueil", 1)
    room = make_room(session.code)
    room.reveal()
    assert room.accepting and room.revealed and room.results_visible
    assert html.escape("Supprimer l'accueil") in room.wall.body.value
    room.hide()
    assert "Supprimer" not in room.wall.body.value


def test_counts_follow_participants_and_answers_of_the_current_phase(store, make_room):
    session = new_session(store)
    room = make_room(session.code)
    assert (room.participants, room.answers) == (0, 0)
    assert "0 participant · 0 réponse" in room.wall.counts.value
    for i in range(3):
        answer(store, session.code, f"phone-{i}", f"Idée {i}", i)
    store.join(store.session(session.code), "phone-silent")
    room.refresh()
    assert (room.participants, room.answers) == (4, 3)
    assert "4 participants · 3 réponses" in room.wall.counts.value
    room.advance()
    assert room.phase_id == "solutions" and room.answers == 0


def test_the_live_solutions_phase_shows_answers_at_once_and_hides_moderated_ones(
        store, make_room):
    session = new_session(store)
    store.update_state(session.code, lambda s: s.state.advance(s.exercise))
    kept = answer(store, session.code, "phone-a", "Un numéro unique", 1)
    removed = answer(store, session.code, "phone-b", "Hors sujet", 2)
    room = make_room(session.code)
    assert room.results_visible  # reveal: live
    assert "Un numéro unique" in room.wall.body.value and "Hors sujet" in room.wall.body.value
    store.set_hidden(store.session(session.code), removed.id, True)
    room.refresh()
    assert "Hors sujet" not in room.wall.body.value and room.answers == 1
    assert kept.text in room.wall.body.value


def test_countdown_runs_pauses_takes_an_extra_minute_and_resumes_after_a_restart(
        store, make_room):
    clock = Clock()
    session = new_session(store)
    room = make_room(session.code, clock=clock)
    assert room.countdown == "10:00" and not room.timer_running
    assert room.stepper.timer_row.layout.display is None
    room.start_timer()
    assert room.timer_running
    clock.now += 30
    room.tick()
    assert room.countdown == "9:30"
    room.add_minute()
    assert room.countdown == "10:30"
    room.pause_timer()
    clock.now += 120
    room.tick()
    assert room.countdown == "10:30" and not room.timer_running
    assert "en pause" in room.stepper.countdown.value
    room.start_timer()
    clock.now += 45
    restarted = make_room(session.code, clock=clock)  # a new kernel reads the same store
    assert restarted.countdown == "9:45" and restarted.timer_running
    clock.now += 20 * 60
    restarted.tick()
    assert restarted.countdown == "0:00"
    assert "Temps écoulé" in restarted.stepper.countdown.value
    restarted.advance()
    assert restarted.countdown == "15:00" and not restarted.timer_running


def test_buttons_call_the_actions_and_write_to_the_store(store, make_room):
    session = new_session(store)
    room = make_room(session.code)
    assert room.stepper.back_button.disabled
    room.stepper.next_button.click()
    assert store.session(session.code).state.phase_index == 1
    assert room.phase_index == 1 and room.phase_id == "solutions"
    assert "Étape 2 / 3" in room.stepper.position.value
    assert room.stepper.title.value == "Retourner les idées"
    room.stepper.answers_button.click()
    assert store.session(session.code).state.accepting is False
    assert room.stepper.answers_button.description == "Ouvrir les réponses"
    room.stepper.answers_button.click()
    assert store.session(session.code).state.accepting is True
    room.stepper.next_button.click()
    assert room.stepper.next_button.disabled and room.phase_id == "vote"
    room.stepper.reveal_button.click()
    assert store.session(session.code).state.revealed
    room.stepper.back_button.click()
    assert room.phase_index == 1 and not room.revealed


def test_a_change_made_elsewhere_is_shown_after_refresh(store, make_room):
    session = new_session(store)
    room = make_room(session.code)
    other = make_room(session.code)  # a second window on the same session
    other.advance()
    room.refresh()
    assert room.phase_id == "solutions"


def test_the_qr_panel_shows_the_join_address_and_never_the_token(store, rooms, monkeypatch):
    session = new_session(store)
    monkeypatch.setenv("PALABRE_PUBLIC_URL", PUBLIC + "/")
    token = "tok-Zq8sV3cret"
    room = room_app(f"session={session.code.lower()}&token={token}", store=store)
    rooms.append(room)
    room.stop()
    join = f"{PUBLIC}/j/{session.code}"
    assert room.join_url == join
    assert room.qr.image.value == qr_svg(join)  # the QR code encodes exactly this address
    assert "<svg" in room.qr.image.value
    address = re.sub(r"<[^>]+>", "", room.qr.address.value)
    assert address == "192.168.1.20:8866/j/" + session.code
    # It may wrap after its last slash, never inside the code people type.
    assert f'<span class="palabre-url-code">{session.code}</span>' in room.qr.address.value
    assert session.code in room.qr.code_label.value
    assert token not in shown_text(room)
    assert "token" not in shown_text(room)


def test_five_hundred_answers_are_paged_without_one_widget_each(store, make_room):
    session = new_session(store)
    store.update_state(session.code, lambda s: s.state.advance(s.exercise))
    room = make_room(session.code)
    before = len(_instances)
    for i in range(500):
        answer(store, session.code, f"phone-{i % 40}", f"Idée numéro {i}", i)
    room.refresh()
    assert len(_instances) == before  # redraws reuse the same widgets
    assert len(tree(room.widget)) < 200
    assert room.answers == 500
    assert room.pages == 21  # 500 answers, 24 a page
    body = room.wall.body.value
    assert "Idée numéro 499<" in body and "Idée numéro 476<" in body
    assert "Idée numéro 475<" not in body
    room.wall.next_page.click()
    assert room.page == 1
    assert "Idée numéro 475<" in room.wall.body.value
    room.show_page(99)
    assert room.page == 20 and "Idée numéro 0<" in room.wall.body.value
    assert room.wall.next_page.disabled


def test_vote_results_are_bars_from_synthesis_once_revealed(store, make_room):
    session = new_session(store)
    store.update_state(session.code, lambda s: s.state.advance(s.exercise))
    rdv = answer(store, session.code, "phone-a", "Accueil sans rendez-vous", 1)
    tel = answer(store, session.code, "phone-b", "Numéro unique", 2)
    session = store.update_state(session.code, lambda s: s.state.advance(s.exercise))
    people = [store.join(session, f"voter-{i}") for i in range(3)]
    submit(store, session, people[0], {"dots": {str(tel.id): 3}}, "key-ballot-1")
    submit(store, session, people[1], {"dots": {str(rdv.id): 1, str(tel.id): 2}}, "key-ballot-2")
    submit(store, session, people[2], {"dots": {str(rdv.id): 2}}, "key-ballot-3")
    room = make_room(session.code)
    assert room.phase_id == "vote" and not room.results_visible and room.answers == 3
    body = room.wall.body.value
    assert "Numéro unique" in body and "palabre-bars" not in body  # items, no counts yet
    room.reveal()
    body = room.wall.body.value
    snap = synthesis.snapshot(store, session.code)
    expected = synthesis.vote_tally(snap, session.exercise.phase("vote"))
    rows = re.findall(r'palabre-label">([^<]*)</td>.*?palabre-count">(\d+)<', body)
    assert rows == [(html.escape(t.label), str(t.count)) for t in expected]
    assert rows == [("Numéro unique", "5"), ("Accueil sans rendez-vous", "3")]


def test_choice_results_follow_the_options_order(store, make_room):
    session = new_session(store, "choice")
    phase = session.phase
    assert phase.kind == "choice"
    for i, pick in enumerate((0, 1, 1)):
        person = store.join(session, f"phone-{i}")
        submit(store, session, person, {"choices": [pick]}, f"key-choice-{i}")
    room = make_room(session.code)
    room.reveal()
    snap = synthesis.snapshot(store, session.code)
    expected = synthesis.choice_tally(snap, phase, "fr")
    counts = re.findall(r'palabre-count">(\d+)<', room.wall.body.value)
    assert counts == [str(t.count) for t in expected]
    assert counts[:2] == ["1", "2"]


def test_the_dashboard_speaks_the_session_language(store, make_room):
    session = new_session(store, lang="en")
    room = make_room(session.code)
    assert room.lang == "en"
    assert room.stepper.title.value == "Worst ideas"
    assert room.stepper.next_button.description == "Next phase"
    assert "Phase 1 / 3" in room.stepper.position.value


def test_every_phase_kind_has_a_projector_view():
    assert set(KINDS) <= set(WALLS)


def test_an_address_without_a_known_session_gives_a_notice(store, monkeypatch):
    notice = room_app("", store=store)
    assert "session=CODE" in notice.value
    unknown = room_app("session=ZZZZZ", store=store)
    assert "Aucun atelier n’a le code ZZZZZ." in unknown.value
    assert session_from_query("session=acd-ef&token=x") == "ACDEF"
    assert session_from_query("token=x") is None
    monkeypatch.delenv("PALABRE_PUBLIC_URL", raising=False)
    session = new_session(store)
    no_address = room_app(f"session={session.code}", store=store)
    assert "PALABRE_PUBLIC_URL" in no_address.value


async def _eventually(predicate, timeout: float = 5.0) -> None:
    loop = asyncio.get_running_loop()
    deadline = loop.time() + timeout
    while not predicate():
        assert loop.time() < deadline, "condition not met before the deadline"
        await asyncio.sleep(0.02)


def test_the_live_task_shows_new_answers_survives_errors_and_stops_when_closed(
        store, make_room, caplog):
    session = new_session(store)
    store.update_state(session.code, lambda s: s.state.advance(s.exercise))

    async def scenario():
        room = make_room(session.code, live=True, interval=0.05)
        assert room.live
        answer(store, session.code, "phone-a", "Un guichet mobile", 1)
        await _eventually(lambda: "Un guichet mobile" in room.wall.body.value)

        real = store.watermark
        failures = []

        def flaky(s):
            if len(failures) < 2:
                failures.append(1)
                raise RuntimeError("database went away")
            return real(s)

        store.watermark = flaky
        answer(store, session.code, "phone-b", "Des permanences le samedi", 2)
        await _eventually(lambda: "Des permanences le samedi" in room.wall.body.value)
        assert len(failures) == 2 and room.live
        task = room._task
        room.dispose()
        await _eventually(task.done)
        assert not room.live
        del store.watermark

    asyncio.run(scenario())
    assert caplog.text.count("refresh failed") == 1  # a repeated error is logged once
    assert "refresh works again" in caplog.text


def test_a_slow_poll_read_never_undoes_what_the_facilitator_just_did(store, make_room):
    """The poll reads the store off the event loop; if the facilitator turns the page while
    that read is under way, the older read is dropped instead of drawn over the new page."""
    import threading

    session = new_session(store)
    store.update_state(session.code, lambda s: s.state.advance(s.exercise))
    for i in range(3):
        answer(store, session.code, f"phone-{i}", f"Idée {i}", i)

    async def scenario():
        room = make_room(session.code, live=True, interval=0.02, per_page=2)
        assert room.pages == 2
        loaded, release, returned = threading.Event(), threading.Event(), threading.Event()
        real_load, real_watermark, real_tick = room._load, store.watermark, room.tick
        ticks = []

        def slow_load():
            view = real_load()
            loaded.set()
            release.wait(5)
            returned.set()
            return view

        room._load = slow_load
        room.tick = lambda: (ticks.append(1), real_tick())
        store.watermark = lambda s: None  # never equal: the poll reads again
        assert await asyncio.to_thread(loaded.wait, 5)
        store.watermark = real_watermark
        room._load = real_load
        room.show_page(1)  # the facilitator turns the page while the poll's read is late
        release.set()
        await _eventually(returned.is_set)
        seen = len(ticks)
        await _eventually(lambda: len(ticks) > seen + 1)  # the poll has moved on since
        assert room.page == 1 and "Idée 0<" in room.wall.body.value
        del store.watermark

    asyncio.run(scenario())


def test_folding_the_qr_code_keeps_the_address_in_the_header(store, make_room):
    session = new_session(store)
    room = make_room(session.code)
    assert room.qr_shown and room.qr.layout.display is None
    assert "Pour participer" not in room.header.value
    room.stepper.qr_button.click()
    assert not room.qr_shown and room.qr.layout.display == "none"
    assert f"Pour participer : 192.168.1.20:8866/j/{session.code}" in room.header.value
    assert room.stepper.qr_button.description == "Afficher le QR code"
    room.advance()  # a redraw keeps the choice
    assert not room.qr_shown and session.code in room.header.value
    room.show_qr()
    assert room.qr.layout.display is None and "Pour participer" not in room.header.value


def test_the_facilitator_takes_an_answer_off_the_wall_by_its_number_and_puts_it_back(
        store, make_room):
    session = new_session(store)
    store.update_state(session.code, lambda s: s.state.advance(s.exercise))
    rude = answer(store, session.code, "phone-a", "Un propos injurieux", 1)
    answer(store, session.code, "phone-b", "Un bus pour la mairie", 2)
    room = make_room(session.code)
    assert f'<span class="palabre-ref">{rude.id}</span>Un propos injurieux' in \
        room.wall.body.value
    assert room.wall.put_back_button.disabled
    room.wall.answer_number.value = f"n° {rude.id}"
    room.wall.remove_button.click()
    assert "injurieux" not in room.wall.body.value and room.answers == 1
    assert room.removed == [rude.id] and room.wall.answer_number.value == ""
    assert f"Réponse {rude.id} retirée du mur." in room.wall.moderation_status.value
    kept = store.contributions(store.session(session.code), include_hidden=True)
    assert [c.hidden for c in kept if c.id == rude.id] == [True]  # flagged, not deleted
    assert not room.remove_answer(rude.id)  # already off the wall
    assert not room.remove_answer(99999)
    room.wall.answer_number.value = "abc"
    room.wall.remove_button.click()
    assert "numéro" in room.wall.moderation_status.value
    room.wall.put_back_button.click()
    assert "Un propos injurieux" in room.wall.body.value and room.answers == 2
    assert room.removed == [] and room.wall.put_back_button.disabled


def test_a_failed_action_is_said_on_screen_and_cleared_by_the_next_one(
        store, make_room, monkeypatch):
    session = new_session(store)
    room = make_room(session.code)

    def busy(*_args, **_kwargs):
        raise TimeoutError("database is locked")

    monkeypatch.setattr(store, "update_state", busy)
    room.stepper.next_button.click()
    assert "Ça n’a pas marché (TimeoutError)" in room.alert.value
    assert room.phase_id == "worsen"
    monkeypatch.undo()
    room.stepper.next_button.click()
    assert room.alert.value == "" and room.phase_id == "solutions"
