"""The formats' own panels on the dashboard, driven from code on a real store with the built-in
formats: what the room sees after each of the facilitator's actions."""

from __future__ import annotations

import re
from datetime import datetime

import pytest
from palabre.exercises import builtin_formats
from palabre.widgets import RoomDashboard
from palabre.widgets.cloud import WordCloudPanel
from palabre.widgets.export import ExportPanel, export_folder
from palabre.widgets.format_panels import (
    AgendaPanel,
    DebatePanel,
    PersonaCards,
    RoleSplitPanel,
    SeatingPanel,
)

from palabre import answers, boards, synthesis
from palabre.answers import submit

PUBLIC = "http://10.0.0.2:8866"


class Clock:
    def __init__(self, now: float):
        self.now = now

    def __call__(self) -> float:
        return self.now


@pytest.fixture
def open_room(store):
    made: list[RoomDashboard] = []

    def open_(code, **kwargs):
        kwargs.setdefault("live", False)
        room = RoomDashboard(store, code, public_url=PUBLIC, **kwargs)
        made.append(room)
        return room
    yield open_
    for room in made:
        room.dispose()


def panel(room, kind):
    return next(p for p in room.panels if isinstance(p, kind))


def shown(widget) -> bool:
    return widget.layout.display != "none"


def go(store, code, phase_id):
    return store.update_state(code, lambda s: s.state.go(s.exercise, s.exercise.index(phase_id)))


def new(store, fmt):
    return store.create_session(builtin_formats()[fmt], title="Mairie de Lorient")


def test_each_format_gets_its_own_panels_and_every_one_the_cloud_and_the_export(
        store, open_room):
    kinds = {}
    for fmt in builtin_formats():
        room = open_room(new(store, fmt).code)
        kinds[fmt] = [type(p).__name__ for p in room.panels]
    assert kinds == {
        "design-sprint": ["AgendaPanel", "PersonaCards", "BallotPanel", "WordCloudPanel",
                          "ExportPanel"],
        "personas": ["PersonaCards", "BallotPanel", "WordCloudPanel", "ExportPanel"],
        "reverse-brainstorm": ["BallotPanel", "WordCloudPanel", "ExportPanel"],
        "role-swap": ["SeatingPanel", "DebatePanel", "RoleSplitPanel", "BallotPanel",
                      "WordCloudPanel", "ExportPanel"],
    }
    role_swap = new(store, "role-swap")
    asked = open_room(role_swap.code, format_id="design-sprint")  # a format's own notebook
    assert [type(p).__name__ for p in asked.panels][:2] == ["AgendaPanel", "PersonaCards"]


def test_reverse_brainstorm_vote_shows_each_solution_with_its_worse_idea(store, open_room):
    session = new(store, "reverse-brainstorm")
    phone = store.join(session, "phone-a")
    worse = [submit(store, session, phone, {"text": text}, f"key-worse-{i:04}")[0]
             for i, text in enumerate(("Fermer le guichet le samedi", "Répondre en <jargon>"))]
    flip = go(store, session.code, "flip")
    fixes = [submit(store, flip, phone, {"source_id": w.id, "text": text}, f"key-flip-{i:04}")[0]
             for i, (w, text) in enumerate(zip(worse, ("Ouvrir le samedi matin",
                                                        "Écrire en français clair"),
                                                strict=True))]
    vote = go(store, session.code, "vote")
    voter = store.join(vote, "phone-b")
    submit(store, vote, voter, {"dots": {str(fixes[1].id): 3}}, "key-ballot-0001")
    room = open_room(session.code)
    hidden = room.wall.body.value
    assert "Idée de départ : Répondre en &lt;jargon&gt;" in hidden  # under each item, escaped
    room.reveal()
    rows = re.findall(r'palabre-label">([^<]*)<small class="palabre-origin">([^<]*)</small>',
                      room.wall.body.value)
    assert rows == [("Écrire en français clair", "Idée de départ : Répondre en &lt;jargon&gt;"),
                    ("Ouvrir le samedi matin", "Idée de départ : Fermer le guichet le samedi")]


def test_persona_cards_show_who_the_room_and_each_table_work_on(store, open_room):
    session = new(store, "personas")
    room = open_room(session.code)
    cards = panel(room, PersonaCards)
    assert not shown(cards)  # nobody given yet: the tools ask for one
    room.assign_persona("ines-etudiante")
    assert shown(cards)
    value = cards.cards.value
    assert "<h2>Inès Benali, 20 ans</h2>" in value and "Toute la salle" in value
    assert "Je sais me servir d&#x27;internet" in value and "Objectifs" in value
    room.assign_persona("odette-retraitee-rurale", "Table 2")
    room.assign_persona("odette-retraitee-rurale", "Table 4")
    value = cards.cards.value
    assert value.count('class="palabre-persona-card"') == 2
    assert "Table 2, Table 4" in value
    room.advance()  # proposals: no cards
    assert not shown(cards)


def test_mixed_tables_are_proposed_from_the_roles_and_kept_on_the_seating_board(
        store, open_room):
    session = new(store, "role-swap")
    for i, role in enumerate(["usager"] * 4 + ["agent"] * 3 + ["elu"]):
        store.join(session, f"phone-{i}", role=role)
    room = open_room(session.code)
    seating = panel(room, SeatingPanel)
    assert not shown(seating)  # the first phase asks what strains the relation
    room.advance()
    assert room.phase_kind == "argument" and shown(seating)
    assert "Aucune table proposée" in seating.listing.value
    seating.tables.value = 2
    seating.propose_button.click()
    assert room.alert.value == ""
    placed = boards.seating(store, store.session(session.code))
    assert placed.tables == 2 and len(placed.seats) == 8
    tables = re.findall(r"<li><b>(Table \d)</b> ([^<]*) <i>([^<]*)</i></li>",
                        seating.listing.value)
    swapped = "Chacun défend le rôle opposé au sien"
    assert tables == [("Table 1", "2 usagers · 2 agents", swapped),
                      ("Table 2", "2 usagers · 1 agent · 1 élu", swapped)]


def test_the_facilitator_gives_each_table_the_viewpoint_it_argues(store, open_room):
    session = new(store, "role-swap")
    people = [store.join(session, f"phone-{i}", role=role, table=table)
              for i, (role, table) in enumerate([("usager", "Fenêtre"), ("agent", "Fenêtre"),
                                                 ("agent", "Porte")])]
    room = open_room(session.code)
    room.advance()
    seating = panel(room, SeatingPanel)
    # Before mixed tables, the tables are those people gave when joining.
    assert seating.table_choice.options == (("Fenêtre", "given:Fenêtre"),
                                            ("Porte", "given:Porte"))
    assert [label for label, _ in seating.viewpoint_choice.options] == [
        "Chacun défend le rôle opposé au sien", "Défendre le point de vue des usagers",
        "Défendre le point de vue des agents", "Défendre le point de vue des élus"]
    seating.table_choice.value = "given:Porte"
    seating.viewpoint_choice.value = "agent"
    seating.give_button.click()
    assert room.alert.value == ""
    assert boards.viewpoints(store, session) == {"given:Porte": "agent"}
    assert "<b>Porte</b> 1 agent <i>Défendre le point de vue des agents</i>" in \
        seating.listing.value
    current = store.session(session.code)
    told = [answers.context(store, current, p, current.phase).viewpoint for p in people]
    assert told == ["agent", "usager", "agent"]  # Porte as given; Fenêtre swapped
    seating.propose(2)  # mixed tables replace the given ones, in the menu too
    assert [key for _, key in seating.table_choice.options] == ["seat:1", "seat:2"]
    seating.alternate_button.click()
    assert boards.viewpoints(store, session) == {"seat:1": "usager", "seat:2": "agent"}
    assert re.findall(r"<i>([^<]*)</i>", seating.listing.value) == [
        "Défendre le point de vue des usagers", "Défendre le point de vue des agents"]
    seating.table_choice.value = "seat:2"
    seating.viewpoint_choice.value = ""
    seating.give_button.click()  # back to the swap
    assert boards.viewpoints(store, session) == {"seat:1": "usager"}


def test_the_debate_speakers_are_the_two_viewpoints_or_the_tables(store, open_room):
    session = new(store, "role-swap")
    room = open_room(session.code)
    debate = panel(room, DebatePanel)
    go(store, session.code, "debate")
    room.refresh()
    assert shown(debate) and room.phase_kind == "pitch"
    debate.tables_button.click()
    assert "Pas encore de tables" in debate.status.value
    debate.viewpoints_button.click()
    assert boards.pitch(store, session, "debate").order == ("Côté usager", "Côté agent")
    assert "Au tour de : Côté usager" in room.wall.body.value
    for i, role in enumerate(("usager", "agent", "elu")):
        store.join(store.session(session.code), f"phone-{i}", role=role)
    panel(room, SeatingPanel).propose(3)
    debate.tables_button.click()
    assert boards.pitch(store, session, "debate").order == ("Table 1", "Table 2", "Table 3")
    assert debate.status.value == "" and "Au tour de : Table 1" in room.wall.body.value
    room.advance()
    assert not shown(debate)


def test_revealed_votes_are_split_by_real_role(store, open_room):
    session = new(store, "role-swap")
    proposals = go(store, session.code, "proposals")
    author = store.join(proposals, "author")
    a, b = (submit(store, proposals, author, {"text": t}, f"key-prop-{i:04}")[0]
            for i, t in enumerate(("Un accueil sans rendez-vous", "Un numéro unique")))
    vote = go(store, session.code, "vote")
    for i, (role, dots) in enumerate((("usager", {a.id: 3}), ("usager", {a.id: 2, b.id: 1}),
                                      ("agent", {b.id: 3}))):
        person = store.join(vote, f"voter-{i}", role=role)
        submit(store, vote, person, {"dots": {str(k): v for k, v in dots.items()}},
               f"key-vote-{i:04}")
    room = open_room(session.code)
    split = panel(room, RoleSplitPanel)
    assert not shown(split)  # results not revealed yet
    room.reveal()
    assert shown(split)
    chart = split.chart.value
    assert re.findall(r"<th>([^<]+)</th>", chart) == ["Usagers", "Agents"]
    rows = re.findall(r'palabre-label">([^<]*)</td>(.*?)</tr>', chart)
    counts = [(label, re.findall(r"<b>(\d+)</b>", cells)) for label, cells in rows]
    assert counts == [("Un accueil sans rendez-vous", ["5", "0"]),
                      ("Un numéro unique", ["1", "3"])]


def local(hour: int, minute: int) -> float:
    return datetime(2026, 6, 4, hour, minute).timestamp()


def test_the_sprint_agenda_shows_where_the_room_is_and_warns_when_it_runs_late(
        store, open_room):
    session = new(store, "design-sprint")
    clock = Clock(local(9, 30))
    room = open_room(session.code, clock=clock)
    agenda = panel(room, AgendaPanel)
    assert shown(agenda)
    body = agenda.body.value
    slots = re.findall(r'<li class="([^"]+)"><span class="palabre-slot-time">([^<]+)</span>'
                       r"([^<]+)</li>", body)
    sprint = builtin_formats()["design-sprint"]
    assert slots[0] == ("palabre-slot palabre-now", "09:30–10:45",
                        sprint.phase("empathise").title.fr)
    assert slots[1] == ("palabre-slot palabre-break", "10:45–11:00", "Pause")
    assert slots[-1][1:] == ("16:15–17:00", sprint.phases[-1].title.fr)
    assert "À l’heure : la journée se termine à 17:00." in body and not agenda.late

    clock.now = local(10, 20)  # the empathy map only starts now: 75 minutes from 10:20
    room.start_timer()
    assert agenda.late
    assert ("50 minutes de retard : la journée finirait à 17:50 au lieu de 17:00."
            in agenda.body.value)
    clock.now = local(10, 50)
    room.tick()  # the clock alone moves the warning, no store read
    assert "50 minutes de retard" in agenda.body.value

    room.advance()
    room.advance()  # define-vote: phases before it are done
    classes = re.findall(r'<li class="([^"]+)">', agenda.body.value)
    assert classes[:4] == ["palabre-slot palabre-done", "palabre-slot palabre-break palabre-done",
                           "palabre-slot palabre-done", "palabre-slot palabre-now"]


def test_the_word_cloud_comes_with_revealed_ideas_and_is_redrawn_only_when_words_change(
        store, open_room):
    session = new(store, "reverse-brainstorm")
    room = open_room(session.code)
    cloud = panel(room, WordCloudPanel)
    phone = store.join(session, "phone-a")
    for i, text in enumerate(("Fermer le guichet le samedi", "Fermer le guichet à midi",
                              "Répondre au téléphone une heure par semaine")):
        submit(store, session, phone, {"text": text}, f"key-worse-{i:04}")
    room.refresh()
    assert not shown(cloud)  # the worst ideas stay hidden until the round closes
    room.close()
    assert shown(cloud) and cloud.renders == 1
    assert 'src="data:image/png;base64,' in cloud.image.value
    assert 'alt="Nuage de mots. Mots les plus employés : fermer, guichet, heure' in \
        cloud.image.value  # most said first
    room.refresh()
    room.show_page(0)
    assert cloud.renders == 1  # same words: the picture is not drawn again
    room.open()
    submit(store, store.session(session.code), phone, {"text": "Supprimer le guichet"},
           "key-worse-0009")
    room.close()
    assert cloud.renders == 2
    room.advance()  # turning the ideas around: no inversions yet, no cloud
    assert room.phase_kind == "invert" and not shown(cloud)


def test_the_restitution_is_exported_in_the_background_with_its_progress(
        store, open_room, tmp_path, monkeypatch):
    monkeypatch.setenv("PALABRE_DATA_DIR", str(tmp_path / "data"))
    session = new(store, "personas")
    room = open_room(session.code)
    export = panel(room, ExportPanel)
    assert shown(export)
    job = export.export()
    assert export.export() is job  # a second click while it runs starts nothing
    written = job.result(timeout=180)
    folder = export_folder(session.code)
    assert folder == tmp_path / "data" / "exports" / session.code
    names = sorted(path.name for path in written)
    assert f"{session.code}-restitution.pptx" in names
    assert all(path.is_file() and path.parent.is_relative_to(folder) for path in written)
    assert export.progress.value == export.progress.max > 1
    assert export.step.value == "Terminé"
    assert f"Fichiers enregistrés dans {folder}" in export.result.value
    assert f"<li>{session.code}-contributions.xlsx</li>" in export.result.value
    assert not export.export_button.disabled


def test_a_failed_export_is_said_and_the_button_comes_back(store, open_room, tmp_path,
                                                            monkeypatch):
    import palabre.exports
    from palabre.exports import ExportError

    monkeypatch.setenv("PALABRE_DATA_DIR", str(tmp_path / "data"))

    def broken(*_args, **_kwargs):
        raise ExportError("The template {file} does not exist.", file="charte.pptx")

    monkeypatch.setattr(palabre.exports, "export_workshop", broken)
    room = open_room(new(store, "personas").code)
    export = panel(room, ExportPanel)
    with pytest.raises(ExportError):
        export.export_button.click()
        export.running.result(timeout=30)
    assert "L’export n’a pas abouti" in export.result.value and "charte.pptx" in \
        export.result.value
    assert not export.export_button.disabled


def test_the_persona_list_arrives_with_a_persona_selected_so_one_click_gives_it(
        store, open_room):
    session = new(store, "design-sprint")
    room = open_room(session.code)
    tools = room.persona_tools
    first_name, first_id = tools.persona.options[0]
    assert tools.persona.value == first_id
    tools.assign_button.click()
    assert boards.persona_for(store, session, "empathise", None) == first_id
    assert f"{first_name}, " in panel(room, PersonaCards).cards.value


def test_the_paper_to_print_is_written_in_the_background_phase_by_phase(
        store, open_room, tmp_path, monkeypatch):
    from palabre.widgets.export import printables_folder

    monkeypatch.setenv("PALABRE_DATA_DIR", str(tmp_path / "data"))
    session = new(store, "personas")
    room = open_room(session.code)
    export = panel(room, ExportPanel)
    assert export.print_button.layout.display is None  # this kit has the printables
    steps = []
    real = export._progress
    monkeypatch.setattr(export, "_progress", lambda *a: (steps.append(a[2]), real(*a)))
    written = export.printables().result(timeout=180)
    folder = printables_folder(session.code)
    assert folder == tmp_path / "data" / "exports" / session.code / "printables"
    names = {path.name for path in written}
    code = session.code
    assert {f"{code}-handout.pdf", f"{code}-empathy-card.pdf", f"{code}-empathy-personas.pdf",
            f"{code}-proposals-card.pdf", f"{code}-vote-ballot.pdf"} == names
    assert all(path.read_bytes().startswith(b"%PDF") for path in written)
    titles = [phase.title.fr for phase in session.exercise.phases]
    assert steps == ["Affichette", *titles, "Terminé"]
    assert export.progress.value == export.progress.max == 4
    assert f"Fichiers enregistrés dans {folder}" in export.result.value
    assert not export.print_button.disabled and not export.export_button.disabled


def test_on_the_projector_the_cloud_is_drawn_aside_and_the_wall_never_waits(
        store, open_room, monkeypatch):
    """With the kernel's loop running, a slow picture holds nothing up: a new answer reaches
    the wall while the cloud is still being drawn, then the cloud catches up with it."""
    import asyncio
    import threading

    from palabre.widgets import cloud as cloud_module

    started, release = threading.Event(), threading.Event()
    real = cloud_module._png

    def slow(counts):
        started.set()
        release.wait(10)
        return real(counts)

    monkeypatch.setattr(cloud_module, "_png", slow)
    session = new(store, "personas")
    proposals = go(store, session.code, "proposals")
    phone = store.join(proposals, "phone-a")
    for i, text in enumerate(("Ouvrir le samedi matin", "Un numéro unique gratuit")):
        submit(store, proposals, phone, {"text": text}, f"key-prop-{i:04}")

    async def eventually(predicate, timeout=10.0):
        loop = asyncio.get_running_loop()
        deadline = loop.time() + timeout
        while not predicate():
            assert loop.time() < deadline, "condition not met before the deadline"
            await asyncio.sleep(0.02)

    async def scenario():
        room = open_room(session.code, live=True, interval=0.02)
        cloud = panel(room, WordCloudPanel)
        try:
            await eventually(started.is_set)
            submit(store, proposals, phone, {"text": "Des bus le dimanche"}, "key-prop-0009")
            await eventually(lambda: "Des bus le dimanche" in room.wall.body.value)
            assert cloud.renders == 0 and cloud.image.value == ""  # still being drawn
            release.set()
            await eventually(lambda: cloud.renders == 2)  # the first picture, then the latest
            assert "dimanche" in cloud.image.value
        finally:
            release.set()
            room.dispose()

    asyncio.run(scenario())


def test_the_ballot_panel_takes_a_shortlist_by_the_numbers_on_the_wall(store, open_room):
    from palabre.widgets.ballot import BallotPanel

    earlier = new(store, "personas")  # store ids of this workshop's answers are not 1, 2...
    for n in range(30):
        submit(store, earlier, None, {"text": f"Avant {n}"}, f"earlier-{n:04d}",
               channel="paper", phase_id="proposals")
    session = new(store, "personas")
    for n, text in enumerate(("Un", "Deux", "Trois", "Quatre"), 1):
        submit(store, session, None, {"text": text}, f"today-{n:04d}", channel="paper",
               phase_id="proposals")
    go(store, session.code, "vote")
    room = open_room(session.code)
    room.refresh()
    ballot = panel(room, BallotPanel)
    ballot.mode.value, ballot.shortlist.value = "shortlist", "2 4"
    ballot.apply_button.click()
    assert room.alert.value == ""
    entries = synthesis.vote_ballot(store, store.session(session.code),
                                    session.exercise.phase("vote")).entries
    assert [(e.number, e.text) for e in entries] == [(2, "Deux"), (4, "Quatre")]
    ballot.shortlist.value = "31"  # another workshop's answer, or none at all
    ballot.apply_button.click()
    assert "Aucune réponse numérotée 31 dans la phase soumise au vote." in ballot.summary.value
    ballot.shortlist.value = ""
    ballot.apply_button.click()
    assert "Tapez les numéros des réponses à présélectionner" in ballot.summary.value
    entries = synthesis.vote_ballot(store, store.session(session.code),
                                    session.exercise.phase("vote")).entries
    assert [e.number for e in entries] == [2, 4]  # a refused change changes nothing
