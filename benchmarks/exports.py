"""Restitution speed: deck, workbook, CSV and open-data package of a 1,000-answer workshop,
or (``--forum``) the consolidated restitution of a regional forum of 12 workshops.

Fills a temporary SQLite store through the door (``palabre.answers.submit``): 150 phones,
450 worse ideas, 400 solutions and 150 dot-vote ballots. Then writes every file, three
times, and prints the median of each step (reading the store included) and of the total.

    python benchmarks/exports.py
    python benchmarks/exports.py --forum

Targets: the four exports of one workshop together in under 3 s; the forum's (12 workshops
of 300 answers each, 3,600 answers: themes grouped across workshops, consolidated deck,
workbook, CSV and open data) in under 10 s.
"""

from __future__ import annotations

import argparse
import random
import statistics
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from palabre.exercises import builtin_formats
from palabre.exports.deck import write_deck
from palabre.exports.forum import (
    Forum,
    read_workshops,
    write_forum_csv,
    write_forum_datapackage,
    write_forum_xlsx,
)
from palabre.exports.forum_deck import write_forum_deck
from palabre.exports.opendata import write_datapackage
from palabre.exports.records import Workshop
from palabre.exports.spreadsheet import write_xlsx
from palabre.exports.tables import write_csv

from palabre import textmining
from palabre.answers import submit
from palabre.store import Store

TARGET_S = 3.0
FORUM_TARGET_S = 10.0
FORUM_WORKSHOPS = 12
FORUM_PHONES = 25  # per workshop: 120 worse ideas + 155 solutions + 25 ballots = 300 answers
FORUM_PLACES = ["Rennes", "Brest", "Quimper", "Lorient", "Vannes", "Saint-Brieuc", "Morlaix",
                "Lannion", "Pontivy", "Fougères", "Vitré", "Concarneau"]
# Words every workshop uses, words of one place only, and a long tail of rarer words (made up
# from syllables), so the vocabulary is as wide as a real forum's and some themes recur.
SHARED = ["accueil", "samedi", "horaires", "guichet", "rendez-vous", "formulaire", "papier",
          "téléphone", "attente", "courrier", "numérique", "internet", "mairie", "dossier",
          "rappel", "délai", "simple", "clair", "rapide", "accompagnement", "permanence",
          "village", "transport", "caisse", "impôts", "retraite", "santé", "école"]
LOCAL = ["port", "pêche", "ferry", "îles", "marée", "lycée", "campus", "gare", "quartier",
         "marché", "foire", "cathédrale", "remparts", "artisanale", "rurale", "hôpital", "musée",
         "festival", "plage", "canal", "écluse", "forêt", "landes", "abbaye", "chantier",
         "usine", "coopérative", "bocage", "estuaire", "viaduc", "tramway", "halles", "phare",
         "criée", "chapelle", "moulin"]
SYLLABLES = ["ba", "ter", "lo", "mi", "san", "dre", "vou", "pel", "ni", "cor", "ga", "lin",
             "mer", "bou", "tra", "fi"]
RARE = sorted({a + b + c for a in SYLLABLES for b in SYLLABLES for c in SYLLABLES})[::2]
PEOPLE = 150
ROLES = ("usager", "agent", "elu", "autre")
WORDS = ["accueil", "guichet", "rendez-vous", "formulaire", "téléphone", "attente", "courrier",
         "mairie", "dossier", "usager", "agent", "horaires", "numéro", "service", "public",
         "simple", "clair", "rapide"]


def _text(i: int) -> str:
    length = 4 + (i * 7) % 30  # 4 to 33 words: short ideas and long ones, within 280 chars
    return f"Idée {i} : " + " ".join(WORDS[(i * 3 + k) % len(WORDS)] for k in range(length))


def answer_every_phase(store: Store, session, people: list, sizes: list[int],
                       text: Callable[[int], str], prefix: str) -> int:
    """Answer the format's phases in order, as their kinds ask: ``sizes`` texts for the text
    phases in turn (inversions turn the source's answers around), one ballot per person for
    a dot vote; phases the facilitator runs are skipped. Returns the answers stored."""
    sizes_left = iter(sizes)
    made: dict[str, list[int]] = {}
    stored = 0
    for phase in session.exercise.phases:
        if phase.kind in ("ideas", "invert"):
            source = made.get(phase.params.get("source", ""), [])
            categories = phase.params.get("categories") or ()
            made[phase.id] = []
            for i in range(next(sizes_left)):
                payload: dict = {"text": text(stored)}
                if phase.kind == "invert":
                    payload["source_id"] = source[i % len(source)]
                if categories:
                    payload["category"] = i % len(categories)
                row, _created = submit(store, session, people[i % len(people)], payload,
                                       f"{prefix}-{phase.id}-{i:05d}", phase_id=phase.id)
                made[phase.id].append(row.id)
                stored += 1
        elif phase.kind == "vote":
            items = made[phase.params["source"]]
            for i, person in enumerate(people):
                first, second = items[(i * 13) % len(items)], items[(i * 29) % len(items)]
                dots = {str(first): 3} if first == second else {str(first): 2, str(second): 1}
                submit(store, session, person, {"dots": dots}, f"{prefix}-{phase.id}-{i:05d}",
                       phase_id=phase.id)
                stored += 1
    return stored


def fill(store: Store, worse: int = 450, solutions: int = 400) -> str:
    session = store.create_session(builtin_formats()["reverse-brainstorm"],
                                   title="Banc d'essai", place="Rennes", held_on="2017-11-24")
    people = [store.join(session, f"bench-device-{i:04d}", role=ROLES[i % 4],
                         table=f"Table {i % 12 + 1}") for i in range(PEOPLE)]
    answer_every_phase(store, session, people, [worse, solutions], _text, "bench")
    return session.code


def run_once(store: Store, code: str, out: Path) -> dict[str, float]:
    times: dict[str, float] = {}
    start = time.perf_counter()
    work = Workshop(store, code, "fr")
    times["read store"] = time.perf_counter() - start
    steps = {
        "deck (.pptx)": lambda: write_deck(work, out / f"{code}-restitution.pptx"),
        "workbook (.xlsx)": lambda: write_xlsx(work, out / f"{code}-contributions.xlsx"),
        "CSV": lambda: write_csv(work, out / f"{code}-contributions.csv"),
        "open data package": lambda: write_datapackage(work, out),
    }
    for name, step in steps.items():
        began = time.perf_counter()
        step()
        times[name] = time.perf_counter() - began
    times["total"] = time.perf_counter() - start
    return times


def _forum_text(rng: random.Random, place: int, i: int) -> str:
    """An idea: mostly shared words, some of its place's own, a few rare ones."""
    local = LOCAL[place * 3:place * 3 + 3]
    words = []
    for _word in range(rng.randint(4, 24)):
        draw = rng.random()
        pool = SHARED if draw < 0.55 else local if draw < 0.8 else RARE
        words.append(rng.choice(pool))
    return f"Idée {i} : " + " ".join(words)


def fill_forum(store: Store, name: str) -> list[str]:
    """12 reverse brainstorms of 300 answers each (25 phones: 120 worse ideas, 155 solutions,
    25 ballots), tagged with one forum."""
    codes = []
    for place_no, place in enumerate(FORUM_PLACES[:FORUM_WORKSHOPS]):
        rng = random.Random(place_no)
        session = store.create_session(
            builtin_formats()["reverse-brainstorm"], title=f"Atelier de {place}", place=place,
            held_on=f"2017-11-{place_no + 10:02d}", forum=name)
        people = [store.join(session, f"bench-{place_no}-{i:03d}", role=ROLES[i % 4],
                             table=f"Table {i % 5 + 1}") for i in range(FORUM_PHONES)]
        answer_every_phase(store, session, people, [120, 155],
                           lambda i, rng=rng, n=place_no: _forum_text(rng, n, i),
                           f"bench-{place_no}")
        codes.append(session.code)
    return codes


class Clock:
    """Wall and CPU seconds of each step: on a busy machine the CPU time still says what the
    export itself costs."""

    def __init__(self) -> None:
        self.wall: dict[str, float] = {}
        self.cpu: dict[str, float] = {}

    def time(self, name: str, step: Callable[[], object]) -> object:
        wall, cpu = time.perf_counter(), time.process_time()
        result = step()
        self.wall[name] = time.perf_counter() - wall
        self.cpu[name] = time.process_time() - cpu
        return result


def cold_text_caches() -> None:
    """Forget the words seen so far: each run costs what a fresh ``palabre forum export``
    process pays, not what a warm one would."""
    for cached in (textmining.fold, textmining._keep, textmining._stem):  # noqa: SLF001
        cached.cache_clear()


def run_forum_once(store: Store, name: str, out: Path) -> tuple[Clock, Forum]:
    cold_text_caches()
    clock = Clock()
    workshops = clock.time("read store", lambda: read_workshops(store, name, "fr"))
    forum = clock.time("synthesis (themes)", lambda: Forum(name, workshops, "fr"))
    stem = forum.slug
    clock.time("deck (.pptx)", lambda: write_forum_deck(forum, out / f"{stem}-restitution.pptx"))
    clock.time("workbook (.xlsx)",
               lambda: write_forum_xlsx(forum, out / f"{stem}-contributions.xlsx"))
    clock.time("CSV", lambda: write_forum_csv(forum, out / f"{stem}-contributions.csv"))
    clock.time("open data package", lambda: write_forum_datapackage(forum, out))
    clock.wall["total"] = sum(clock.wall.values())
    clock.cpu["total"] = sum(clock.cpu.values())
    return clock, forum


def main_forum(runs: int) -> int:
    name = "Forum de l'action publique Bretagne"
    with tempfile.TemporaryDirectory(prefix="palabre-bench-") as folder:
        store = Store.open(f"sqlite:///{Path(folder) / 'bench.sqlite'}")
        began = time.perf_counter()
        codes = fill_forum(store, name)
        answers = sum(len(store.contributions(store.session(c), include_hidden=True))
                      for c in codes)
        print(f"forum: {len(codes)} workshops, {answers} answers "
              f"(filled in {time.perf_counter() - began:.1f} s)")
        clocks = []
        for run in range(runs):
            out = Path(folder) / f"run{run}"
            out.mkdir()
            clock, forum = run_forum_once(store, name, out)
            clocks.append(clock)
        deck = next((Path(folder) / "run0").glob("*-restitution.pptx"))
        slides = len(__import__("pptx").Presentation(str(deck)).slides)
        store.close()
    named = [t for t in forum.themes if t.label]
    recurring = sum(1 for t in named if t.recurs)
    print(f"deck: {slides} slides; themes: {recurring} recurring, {len(named) - recurring} "
          f"specific to one workshop; median of {runs} runs (wall, CPU):")
    for step in clocks[0].wall:
        wall = statistics.median(c.wall[step] for c in clocks)
        cpu = statistics.median(c.cpu[step] for c in clocks)
        print(f"  {step:<20} {wall:6.2f} s  {cpu:6.2f} s")
    total = statistics.median(c.wall["total"] for c in clocks)
    verdict = "OK" if total < FORUM_TARGET_S else "TOO SLOW"
    print(f"target < {FORUM_TARGET_S:.0f} s (wall): {verdict}")
    return 0 if total < FORUM_TARGET_S else 1


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--forum", action="store_true",
                        help="the consolidated export of a 12-workshop forum instead")
    args = parser.parse_args()
    if args.forum:
        return main_forum(args.runs)
    with tempfile.TemporaryDirectory(prefix="palabre-bench-") as folder:
        store = Store.open(f"sqlite:///{Path(folder) / 'bench.sqlite'}")
        began = time.perf_counter()
        code = fill(store)
        answers = len(store.contributions(store.session(code), include_hidden=True))
        print(f"workshop {code}: {answers} answers from {PEOPLE} phones "
              f"(filled in {time.perf_counter() - began:.1f} s)")
        runs = []
        for run in range(args.runs):
            out = Path(folder) / f"run{run}"
            out.mkdir()
            runs.append(run_once(store, code, out))
        slides = len(__import__("pptx").Presentation(
            str(Path(folder) / "run0" / f"{code}-restitution.pptx")).slides)
        store.close()
    print(f"deck: {slides} slides; median of {args.runs} runs:")
    for name in runs[0]:
        print(f"  {name:<20} {statistics.median(r[name] for r in runs):6.2f} s")
    total = statistics.median(r["total"] for r in runs)
    verdict = "OK" if total < TARGET_S else "TOO SLOW"
    print(f"target < {TARGET_S:.0f} s: {verdict}")
    return 0 if total < TARGET_S else 1


if __name__ == "__main__":
    raise SystemExit(main())
