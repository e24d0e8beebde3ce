"""A national campaign built through the door: three regional forums of two or three
workshops and a local debate, phones, kiosk people and paper boxes, and what the test expects
of them, counted from what it put in (never from palabre's synthesis)."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

from palabre.answers import submit
from palabre.store import campaigns

from .conftest import THEMED, _advance

CAMPAIGN = "Grand débat de l'action publique"
SATURDAY = "Ouvrir l'accueil de la mairie le samedi matin pour ceux qui travaillent"
GREEN = "Un numéro vert gratuit pour les démarches de la caisse"
# place -> (forum, held on, ideas, phones, kiosk people, paper boxes, facilitator themes)
WORKSHOPS = {
    "Rennes": ("Forum Ouest", "2017-11-24", [
        SATURDAY, GREEN, "Des formulaires écrits en français clair",
        "Rappeler les usagers sous 48 heures"], 4, 1, 1, None),
    "Brest": ("Forum Ouest", "2017-11-28", [
        "Accueil de la mairie ouvert le samedi matin, sans rendez-vous",
        "Le numéro vert de la caisse doit rester gratuit", "Des permanences dans les ports"],
        5, 0, 2, None),
    "Toulouse": ("Forum Occitanie", "2017-11-30", [
        "Le samedi matin, un accueil de la mairie ouvert pour ceux qui travaillent",
        "Des bus gratuits jusqu'aux services publics", "Moins de pièces justificatives"],
        4, 2, 0, None),
    "Montpellier": ("Forum Occitanie", "2017-12-01", [
        "Accueil de mairie le samedi matin", "Un seul formulaire pour tout",
        "Moins de pièces justificatives à fournir"], 3, 0, 1,
        [("Ouverture le samedi", [0]), ("Moins de papiers", [1, 2])]),
    "Strasbourg": ("Forum Grand Est", "2017-12-04", [
        "Ouvrir la mairie le samedi matin", "Des traducteurs en allemand au guichet",
        "Des rendez-vous en ligne simples"], 4, 1, 0, None),
    "Metz": ("Forum Grand Est", "2017-12-05", [
        "Un accueil le samedi matin à la mairie", "Des rendez-vous en ligne simples à prendre",
        "Des interprètes en allemand au guichet de la préfecture"], 3, 0, 0, None),
    "Vierzon": (None, "2017-12-08", [  # a local debate run by the mayor
        "La mairie ouverte le samedi matin", "Un car pour aller à la préfecture"], 3, 0, 2,
        None),
}
REGIONS = {"Forum Ouest": "Bretagne", "Forum Occitanie": "Occitanie",
           "Forum Grand Est": "Grand Est", None: "Centre-Val de Loire"}
# Votes: per place, (voter index -> {idea index: dots}); every place votes.
VOTES = {
    "Rennes": [{0: 3}, {0: 2, 1: 1}, {1: 3}, {2: 1}, {0: 1}, {3: 2}],
    "Brest": [{1: 3}, {1: 2, 0: 1}, {2: 1}, {0: 2}, {1: 1}, {2: 3}, {0: 1}],
    "Toulouse": [{1: 3}, {1: 3}, {0: 2}, {2: 1}, {1: 1}, {0: 1}],
    "Montpellier": [{2: 3}, {0: 1}, {1: 2}, {2: 1}],
    "Strasbourg": [{1: 2}, {0: 3}, {2: 1}, {1: 1}, {0: 1}],
    "Metz": [{0: 3}, {1: 2}, {2: 1}],
    "Vierzon": [{1: 3}, {0: 2}, {1: 1}, {0: 1}, {1: 2}],
}


@dataclass
class Truth:
    codes: dict[str, str] = field(default_factory=dict)  # place -> code
    people: Counter = field(default_factory=Counter)  # (region, channel) -> people
    answers: Counter = field(default_factory=Counter)  # (region, channel) -> answers
    dots: dict[tuple[str, str], int] = field(default_factory=dict)  # (place, text) -> dots
    voters: dict[tuple[str, str], int] = field(default_factory=dict)

    def region_people(self, region: str) -> int:
        return sum(n for (r, _c), n in self.people.items() if r == region)

    def region_answers(self, region: str) -> int:
        return sum(n for (r, _c), n in self.answers.items() if r == region)

    def channel(self, counter: Counter, channel: str) -> int:
        return sum(n for (_r, c), n in counter.items() if c == channel)


def build(store) -> Truth:
    """Fill the store and make the campaign: three forums by region, a local debate."""
    from palabre import boards

    truth = Truth()
    for place, (forum, day, ideas, phones, kiosk, paper, themes) in WORKSHOPS.items():
        region = REGIONS[forum]
        session = store.create_session(THEMED, title=f"Atelier de {place}", place=place,
                                       held_on=day, forum=forum)
        truth.codes[place] = session.code
        people = [store.join(session, f"{place}-phone-{i}", role=("usager", "agent")[i % 2])
                  for i in range(phones)]
        people += [store.join(session, f"{place}-kiosk-{i}", channel="kiosk")
                   for i in range(kiosk)]
        people += [store.join(session, f"{place}-paper-{i}", channel="paper")
                   for i in range(paper)]
        for person in people:
            truth.people[region, person.channel] += 1
        ids = []
        for i, text in enumerate(ideas):
            person = people[i % len(people)]
            row, _created = submit(store, session, person, {"text": text}, f"{place}-idea-{i}",
                                   channel=person.channel)
            ids.append(row.id)
            truth.answers[region, person.channel] += 1
        if themes:
            boards.set_themes(store, session, "ideas",
                              [(title, [ids[i] for i in members]) for title, members in themes])
        while session.phase.kind != "vote":
            session = _advance(store, session.code)
        for person, picks in zip(people, VOTES[place], strict=False):
            submit(store, session, person, {"dots": {str(ids[i]): n for i, n in picks.items()}},
                   f"{place}-vote-{person.id}", channel=person.channel)
            truth.answers[region, person.channel] += 1
            for i, n in picks.items():
                key = (place, ideas[i])
                truth.dots[key] = truth.dots.get(key, 0) + n
                truth.voters[key] = truth.voters.get(key, 0) + 1
    for forum in ("Forum Ouest", "Forum Occitanie", "Forum Grand Est"):
        campaigns.add(store, CAMPAIGN, forums=[(forum, REGIONS[forum])])
    campaigns.add(store, CAMPAIGN, workshops=[(truth.codes["Vierzon"], REGIONS[None])])
    # Not part of the campaign: another forum, and a workshop of its own.
    other = store.create_session(THEMED, title="Ailleurs", place="Nantes", forum="Un autre forum")
    submit(store, other, store.join(other, "nantes-1"), {"text": "Rien à voir"}, "nantes-idea")
    return truth
