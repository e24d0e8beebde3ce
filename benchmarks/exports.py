"""Restitution speed: deck, workbook, CSV and open-data package of a 1,000-answer workshop.

Fills a temporary SQLite store through the door (``palabre.answers.submit``): 150 phones,
450 worse ideas, 400 solutions and 150 dot-vote ballots. Then writes every file, three
times, and prints the median of each step (reading the store included) and of the total.

    python benchmarks/exports.py

Target: the four exports together in under 3 s.
"""

from __future__ import annotations

import argparse
import statistics
import tempfile
import time
from pathlib import Path

from palabre.exercises import builtin_formats
from palabre.exports.deck import write_deck
from palabre.exports.opendata import write_datapackage
from palabre.exports.records import Workshop
from palabre.exports.spreadsheet import write_xlsx
from palabre.exports.tables import write_csv

from palabre.answers import submit
from palabre.store import Store

TARGET_S = 3.0
PEOPLE = 150
ROLES = ("usager", "agent", "elu", "autre")
WORDS = ["accueil", "guichet", "rendez-vous", "formulaire", "téléphone", "attente", "courrier",
         "mairie", "dossier", "usager", "agent", "horaires", "numéro", "service", "public",
         "simple", "clair", "rapide"]


def _text(i: int) -> str:
    length = 4 + (i * 7) % 30  # 4 to 33 words: short ideas and long ones, within 280 chars
    return f"Idée {i} : " + " ".join(WORDS[(i * 3 + k) % len(WORDS)] for k in range(length))


def fill(store: Store, worse: int = 450, solutions: int = 400) -> str:
    session = store.create_session(builtin_formats()["reverse-brainstorm"],
                                   title="Banc d'essai", place="Rennes", held_on="2017-11-24")
    people = [store.join(session, f"bench-device-{i:04d}", role=ROLES[i % 4],
                         table=f"Table {i % 12 + 1}") for i in range(PEOPLE)]
    for i in range(worse):
        submit(store, session, people[i % PEOPLE], {"text": _text(i)}, f"bench-worse-{i:05d}")
    session = store.update_state(session.code, lambda s: s.state.advance(s.exercise))
    items = [submit(store, session, people[i % PEOPLE], {"text": _text(10_000 + i)},
                    f"bench-sol-{i:05d}")[0].id for i in range(solutions)]
    session = store.update_state(session.code, lambda s: s.state.advance(s.exercise))
    for i, person in enumerate(people):
        dots = {str(items[(i * 13) % len(items)]): 2, str(items[(i * 29) % len(items)]): 1}
        if len(dots) == 1:
            dots = {next(iter(dots)): 3}
        submit(store, session, person, {"dots": dots}, f"bench-vote-{i:05d}")
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


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
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
