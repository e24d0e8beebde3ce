"""Realistic workshops, filled through the door (palabre.answers.submit) as phones would."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import pytest
from palabre.exercises import Exercise, Localized, Phase, load_format

from palabre.answers import submit

HOSTILE = [
    '=HYPERLINK("http://evil.example/x","Cliquez ici")',
    "+1 pour plus de guichets",
    "-2 agents à l'accueil",
    "@tous fermer le guichet",
    "\tTabulation en tête",
    "\rRetour chariot en tête",
    "Supprimer le numéro vert \U0001f600\U0001f389\U0001f44d\U0001f3fd",
    "Nul\x00 et \x07 contrôles \x1b[31m effacés",
    "لا ترد على الهاتف أبدا",  # right-to-left
]
TAB_TEXT = "\t=1+2 en tête de cellule"
HIDDEN_TEXT = "TEXTE MASQUÉ PAR LA MODÉRATION"
LONG_TEXT = ("Une très longue contribution qui raconte tout le parcours de l'usager. " * 80)[:5000]
SOLUTIONS = [
    "Accueil sans rendez-vous le samedi matin",
    "Un numéro unique qui répond vraiment \U0001f4de",
    "Des formulaires écrits en français clair",
    "Des permanences dans les villages",
    "Rappeler les usagers sous 48 heures",
]


FORMATS_DIR = Path(__file__).with_name("formats")


def fixed_formats() -> dict[str, Exercise]:
    """The formats these tests fill, frozen here: the shipped ones may change their phases."""
    return {path.stem: load_format(path) for path in sorted(FORMATS_DIR.glob("*.yaml"))}


@dataclass
class Built:
    store: object
    code: str
    device_keys: list[str]
    items: dict[str, int] = field(default_factory=dict)  # solution text -> contribution id
    hidden_id: int = 0


def _advance(store, code):
    return store.update_state(code, lambda s: s.state.advance(s.exercise))


@pytest.fixture
def brainstorm(store) -> Built:
    """A reverse brainstorm at Rennes: 9 people (3 roles, 3 tables), a paper note, hostile
    text, a 5,000-character answer, a hidden answer, and a dot vote with a changed ballot."""
    session = store.create_session(
        fixed_formats()["reverse-brainstorm"], title="Forum de l'action publique — Rennes",
        place="Rennes", held_on="2017-11-24", facilitator="Claire Martin", lang="fr")
    keys = [f"device-key-{i:02d}-7f3a9c" for i in range(9)]
    people = [store.join(session, key, role=("usager", "agent", "elu")[i % 3],
                         table=f"Table {i % 3 + 1}") for i, key in enumerate(keys)]
    for i, text in enumerate(HOSTILE):
        submit(store, session, people[i % 9], {"text": text}, f"key-worse-{i:04d}")
    submit(store, session, None, {"text": "Ne jamais rappeler (note papier)"},
           "key-paper-0001", channel="paper")
    store.contribute(session, participant=people[0], phase_id="worsen", kind="ideas",
                     body={"text": LONG_TEXT}, text=LONG_TEXT, key="key-long-0001")
    # Straight into the store, as a typed-in import might: a tab start the door would strip.
    store.contribute(session, participant=people[1], phase_id="worsen", kind="ideas",
                     body={"text": TAB_TEXT}, text=TAB_TEXT, key="key-tab-0001")
    session = _advance(store, session.code)
    built = Built(store=store, code=session.code, device_keys=keys)
    for i, text in enumerate(SOLUTIONS):
        row, _ = submit(store, session, people[i], {"text": text}, f"key-sol-{i:04d}")
        built.items[text] = row.id
    hidden, _ = submit(store, session, people[5], {"text": HIDDEN_TEXT}, "key-sol-hide")
    store.set_hidden(session, hidden.id, True)
    built.hidden_id = hidden.id
    session = _advance(store, session.code)
    first, second = built.items[SOLUTIONS[0]], built.items[SOLUTIONS[1]]
    third = built.items[SOLUTIONS[2]]
    # People 0-5 put 3 dots on the first solution... except person 0, who changes their mind.
    submit(store, session, people[0], {"dots": {str(third): 3}}, "key-vote-0000a")
    submit(store, session, people[0], {"dots": {str(second): 3}}, "key-vote-0000b")
    for i in range(1, 6):
        submit(store, session, people[i], {"dots": {str(first): 2, str(second): 1}},
               f"key-vote-{i:04d}")
    return built


@pytest.fixture
def role_swap(store) -> Built:
    session = store.create_session(fixed_formats()["role-swap"], title="Accueil du public",
                                   place="Lyon", held_on="2017-12-05", lang="en")
    keys = [f"device-key-swap-{i:02d}" for i in range(6)]
    for i, (key, pick) in enumerate(zip(keys, (0, 1, 1, 1, 2, 0), strict=True)):
        person = store.join(session, key, role=("usager", "agent")[i % 2])
        submit(store, session, person, {"choices": [pick]}, f"key-choice-{i:04d}")
    return Built(store=store, code=session.code, device_keys=keys)


# --- a regional forum: three workshops, one restitution ------------------------------------
FORUM = "Forum de l'action publique Bretagne"
SATURDAY = {  # one wish that comes up in all three workshops, said differently each time
    "rennes": "Ouvrir l'accueil de la mairie le samedi matin",
    "brest": "Accueil de la mairie ouvert le samedi matin, sans rendez-vous",
    "lorient": "Le samedi matin, un accueil ouvert pour ceux qui travaillent",
}
ONLY_BREST = ["Un numéro vert gratuit pour les démarches de la caisse",
              "Le numéro vert de la caisse doit rester gratuit"]
THEMED = Exercise(
    id="themes-atelier", title=Localized("Atelier par thèmes", "Workshop by themes"),
    question=Localized("Comment simplifier nos démarches ?", "How can we simplify procedures?"),
    phases=(
        Phase(id="ideas", kind="ideas", title=Localized("Idées", "Ideas"),
              prompt=Localized("Vos idées", "Your ideas"), params={"max_chars": 280}),
        Phase(id="themes", kind="cluster", title=Localized("Thèmes", "Themes"),
              prompt=Localized("Regroupons", "Let's group"), params={"source": "ideas"}),
        Phase(id="vote", kind="vote", title=Localized("Vote", "Vote"),
              prompt=Localized("Votez", "Vote"),
              params={"source": "ideas", "dots": 3, "max_per_item": 0}),
    ))


@dataclass
class ForumBuilt:
    store: object
    name: str
    codes: dict[str, str]  # place -> session code


def _workshop(store, exercise, place, held_on, ideas, phase_path, votes, *, themes=None):
    """One workshop: people join, write ideas along phase_path, then vote on them."""
    session = store.create_session(exercise, title=f"Atelier de {place}", place=place,
                                   held_on=held_on, forum=None, lang="fr")
    people = [store.join(session, f"{place}-device-{i:02d}", role=("usager", "agent")[i % 2],
                         table=f"Table {i % 2 + 1}") for i in range(6)]
    for _step in phase_path:
        session = _advance(store, session.code)
    ids = []
    for i, text in enumerate(ideas):
        row, _created = submit(store, session, people[i % 6], {"text": text},
                               f"{place}-idea-{i:03d}")
        ids.append(row.id)
    if themes:
        from palabre import boards

        boards.set_themes(store, session, "ideas",
                          [(title, [ids[i] for i in members]) for title, members in themes])
    while session.phase.kind != "vote":
        session = _advance(store, session.code)
    for person, picks in zip(people, votes, strict=False):
        submit(store, session, person, {"dots": {str(ids[i]): n for i, n in picks.items()}},
               f"{place}-vote-{person.id}")
    return session


@pytest.fixture
def forum(store) -> ForumBuilt:
    """Rennes (reverse brainstorm), Brest (personas) and Lorient (themes made by the
    facilitator), all three asking for Saturday opening; Brest alone talks of a free number."""
    formats = fixed_formats()
    rennes = _workshop(
        store, formats["reverse-brainstorm"], "Rennes", "2017-11-24",
        [SATURDAY["rennes"], "Des formulaires en français clair", "Rappeler sous 48 heures",
         HOSTILE[0]],
        ["solutions"], [{0: 2, 1: 1}, {0: 3}, {2: 1}])
    brest = _workshop(
        store, formats["personas"], "Brest", "2017-11-28",
        [SATURDAY["brest"], *ONLY_BREST, "Des permanences dans les villages"],
        ["proposals"], [{1: 3}, {1: 2, 0: 1}, {2: 1}, {0: 2}])
    lorient = _workshop(
        store, THEMED, "Lorient", "2017-12-05",
        [SATURDAY["lorient"], "Des horaires le samedi pour ceux qui travaillent en semaine",
         "Moins de pièces justificatives", "Un seul formulaire pour tout"],
        [], [{3: 3}, {3: 3}, {0: 1}],
        themes=[("Ouverture le samedi", [0, 1]), ("Moins de papiers", [2, 3])])
    for session in (rennes, brest, lorient):
        store.update_session(session.code, forum=FORUM)
    # Another forum's workshop is never part of this one.
    other = store.create_session(formats["reverse-brainstorm"], title="Ailleurs",
                                 place="Nantes", forum="Un autre forum")
    assert other.code
    return ForumBuilt(store=store, name=FORUM,
                      codes={"Rennes": rennes.code, "Brest": brest.code,
                             "Lorient": lorient.code})
