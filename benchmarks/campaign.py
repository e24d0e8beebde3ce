"""A national campaign's restitution at full size, and how theme grouping grows with forums.

13 regional forums × 6 workshops × 300 answers (23,400 answers) in a SQLite store, filled
through the door (``palabre.answers.submit``) with the French answers of ``palabre.simulate``
(worse ideas, their inversions, one dot-vote ballot a person; 20 phones, 2 kiosk people and 3
paper boxes a workshop). Then, each in a fresh process so its peak memory is its own:

1. the national export (``palabre campaign export``: deck, workbook, open data) — wall time
   and peak resident memory; targets under 30 s and under 2 GB;
2. theme grouping for 1, 2, 4, 7, 10 and 13 forums, two ways: today's forum grouping over
   every workshop at once (``synthesis.forum_themes``, as if the campaign were one big forum)
   and the campaign's (``synthesis.campaign_result``'s themes: each forum grouped on its own,
   then the forums' themes), time and the memory the grouping adds. Both group what people
   proposed (the inversions, not the worse ideas they turn around), as the campaign does.

    python benchmarks/campaign.py                  # fills a temporary store, runs all
    python benchmarks/campaign.py --db camp.sqlite # keeps (or reuses) the filled store
"""

from __future__ import annotations

import argparse
import json
import os
import random
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from palabre.exercises import builtin_formats

from palabre.answers import submit
from palabre.simulate import idea_text
from palabre.store import Store, campaigns

CAMPAIGN = "Forum de l'action publique"
REGIONS = {  # the 13 regions of metropolitan France, six towns each
    "Auvergne-Rhône-Alpes": ["Lyon", "Grenoble", "Clermont-Ferrand", "Annecy", "Valence",
                             "Aurillac"],
    "Bourgogne-Franche-Comté": ["Dijon", "Besançon", "Auxerre", "Belfort", "Mâcon", "Nevers"],
    "Bretagne": ["Rennes", "Brest", "Quimper", "Lorient", "Vannes", "Saint-Brieuc"],
    "Centre-Val de Loire": ["Orléans", "Tours", "Bourges", "Chartres", "Blois",
                            "Châteauroux"],
    "Corse": ["Ajaccio", "Bastia", "Corte", "Porto-Vecchio", "Calvi", "Sartène"],
    "Grand Est": ["Strasbourg", "Metz", "Nancy", "Reims", "Mulhouse", "Troyes"],
    "Hauts-de-France": ["Lille", "Amiens", "Arras", "Calais", "Beauvais", "Laon"],
    "Île-de-France": ["Paris", "Créteil", "Versailles", "Évry", "Cergy", "Melun"],
    "Normandie": ["Rouen", "Caen", "Le Havre", "Cherbourg", "Évreux", "Alençon"],
    "Nouvelle-Aquitaine": ["Bordeaux", "Limoges", "Poitiers", "Pau", "La Rochelle",
                           "Périgueux"],
    "Occitanie": ["Toulouse", "Montpellier", "Nîmes", "Perpignan", "Albi", "Rodez"],
    "Pays de la Loire": ["Nantes", "Angers", "Le Mans", "Laval", "La Roche-sur-Yon",
                         "Saint-Nazaire"],
    "Provence-Alpes-Côte d'Azur": ["Marseille", "Nice", "Toulon", "Avignon", "Gap", "Digne"],
}
WORSE, BETTER = 120, 155  # per workshop, with 25 ballots: 300 answers
CHANNELS = ["phone"] * 20 + ["kiosk"] * 2 + ["paper"] * 3
ROLES = ("agent", "usager", "elu", "agent", "autre")
SCALE = (1, 2, 4, 7, 10, 13)
TARGET_S, TARGET_MB = 30.0, 2048


def fill(store: Store) -> int:
    """Every workshop of every forum, and the campaign of the 13 forums; returns answers."""
    fmt = builtin_formats()["reverse-brainstorm"]
    stored = 0
    for r, (region, towns) in enumerate(REGIONS.items()):
        forum = f"Forum {region}"
        for t, town in enumerate(towns):
            rng = random.Random(r * 10 + t)
            session = store.create_session(fmt, title=f"Atelier de {town}", place=town,
                                           held_on=f"2017-11-{t * 2 + 10:02d}", forum=forum)
            people = [store.join(session, f"c{r}-{t}-{i:02d}", role=ROLES[i % len(ROLES)],
                                 table=f"Table {i % 5 + 1}", channel=channel)
                      for i, channel in enumerate(CHANNELS)]
            worse = []
            for i in range(WORSE):
                person = people[i % len(people)]
                row, _ = submit(store, session, person, {"text": idea_text(rng, True)},
                                f"bench-{r}-{t}-w{i:04d}", channel=person.channel,
                                phase_id="worsen")
                worse.append(row.id)
            better = []
            for i in range(BETTER):
                person = people[i % len(people)]
                row, _ = submit(store, session, person,
                                {"text": idea_text(rng, False), "source_id": worse[i % WORSE]},
                                f"bench-{r}-{t}-f{i:04d}", channel=person.channel,
                                phase_id="flip")
                better.append(row.id)
            for i, person in enumerate(people):
                first, second = better[(i * 13) % BETTER], better[(i * 29 + 7) % BETTER]
                dots = {str(first): 3} if first == second else {str(first): 2, str(second): 1}
                submit(store, session, person, {"dots": dots}, f"bench-{r}-{t}-v{i:04d}",
                       channel=person.channel,
                       phase_id="vote")
            stored += WORSE + BETTER + len(people)
        campaigns.add(store, CAMPAIGN, forums=[(forum, region)])
    return stored


def peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def child_export(url: str, out: str) -> dict:
    from palabre.exports import export_campaign

    store = Store.open(url)
    began, cpu = time.perf_counter(), time.process_time()
    files = export_campaign(store, CAMPAIGN, out, include_text=True)
    wall, cpu = time.perf_counter() - began, time.process_time() - cpu
    from pptx import Presentation

    deck = next(Path(out).glob("*-restitution.pptx"))
    return {"wall": wall, "cpu": cpu, "peak_mb": peak_mb(), "files": len(files),
            "slides": len(Presentation(str(deck)).slides)}


def child_themes(url: str, forums: int, how: str) -> dict:
    """One way of grouping the themes of the first ``forums`` forums, after reading them."""
    from palabre import boards, synthesis

    store = Store.open(url)
    names = list(REGIONS)[:forums]
    parts = []
    for region in names:
        snaps = [synthesis.snapshot(store, s.code)
                 for s in sorted(store.sessions(forum=f"Forum {region}"),
                                 key=lambda s: s.created_at)]
        themes = {snap.session.code: {"flip": boards.themes(store, snap.session, "flip")}
                  for snap in snaps}
        parts.append(synthesis.CampaignPart(key=f"Forum {region}", region=region, forum=True,
                                            snaps=tuple(snaps), themes=themes))
    answers = sum(len(snap.contributions) for p in parts for snap in p.snaps)
    before = peak_mb()
    clock = [time.perf_counter(), time.process_time()]

    def lap() -> tuple[float, float]:
        now = [time.perf_counter(), time.process_time()]
        spent = (now[0] - clock[0], now[1] - clock[1])
        clock[:] = now
        return spent

    if how == "one-forum":  # today's forum grouping, every workshop of every forum at once
        items = [item for p in parts for snap in p.snaps
                 for item in synthesis.forum_items(snap, p.themes.get(snap.session.code), "fr",
                                                   proposals_only=True)]
        first = lap()
        found = synthesis.group_items(items, [c for p in parts for c in p.codes], "fr")
        second = lap()
        named = [t for t in found if t.label]
        shared = sum(1 for t in named if len({
            next(p.key for p in parts if code in p.codes) for code in t.workshops}) >= 2)
        compared = len(items)
    else:  # the campaign's: each forum on its own, then the forums' themes
        own = synthesis.campaign.part_themes(parts, "fr")
        first = lap()
        named = synthesis.campaign.across_parts(parts, own, "fr")
        second = lap()
        shared = sum(1 for t in named if t.recurs)
        compared = sum(1 for themes in own.values() for t in themes if t.label)
    return {"forums": forums, "how": how, "answers": answers, "first": first[0],
            "second": second[0], "cpu": first[1] + second[1], "compared": compared,
            "added_mb": max(0.0, peak_mb() - before), "themes": len(named),
            "across_forums": shared}


def run_child(*args: str) -> dict:
    done = subprocess.run([sys.executable, __file__, "--child", *args], capture_output=True,
                          text=True, check=False)
    if done.returncode:
        raise SystemExit(done.stderr)
    return json.loads(done.stdout.strip().splitlines()[-1])


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", help="SQLite file to fill, or to reuse when already filled")
    parser.add_argument("--child", nargs="+", help=argparse.SUPPRESS)
    parser.add_argument("--scale", default=",".join(map(str, SCALE)),
                        help="numbers of forums for the grouping comparison")
    args = parser.parse_args()
    if args.child:
        kind, *rest = args.child
        result = (child_export(*rest) if kind == "export"
                  else child_themes(rest[0], int(rest[1]), rest[2]))
        print(json.dumps(result))
        return 0
    with tempfile.TemporaryDirectory(prefix="palabre-bench-") as folder:
        path = Path(args.db) if args.db else Path(folder) / "campaign.sqlite"
        url = f"sqlite:///{path}"
        store = Store.open(url)
        if campaigns.get(store, CAMPAIGN) is None:
            began = time.perf_counter()
            answers = fill(store)
            print(f"filled {answers} answers in {time.perf_counter() - began:.0f} s")
        workshops = len([s for s in store.sessions() if s.forum])
        store.close()
        print(f"campaign: {len(REGIONS)} forums, {workshops} workshops")
        export = run_child("export", url, str(Path(folder) / "out"))
        ok = export["wall"] < TARGET_S and export["peak_mb"] < TARGET_MB
        print(f"national export: {export['wall']:.1f} s ({export['cpu']:.1f} s CPU), peak "
              f"{export['peak_mb']:.0f} MB, "
              f"{export['files']} files, {export['slides']} slides "
              f"(targets < {TARGET_S:.0f} s, < {TARGET_MB} MB): {'ok' if ok else 'FAIL'}")
        print("theme grouping, each in a fresh process: stage 1 groups within each workshop "
              "(one-forum) or each forum (campaign), stage 2 across them; memory is what the "
              "grouping adds to the process's peak")
        print("forums  answers  how        stage 1 s  stage 2 s  total CPU s  compared "
              "in stage 2  added MB  themes  across forums")
        for forums in (int(n) for n in args.scale.split(",")):
            for how in ("one-forum", "campaign"):
                r = run_child("themes", url, str(forums), how)
                print(f"{r['forums']:>6}  {r['answers']:>7}  {how:<10} {r['first']:>9.2f} "
                      f"{r['second']:>10.2f} {r['cpu']:>12.2f} {r['compared']:>19} "
                      f"{r['added_mb']:>9.0f} {r['themes']:>7} {r['across_forums']:>14}")
    print(f"load average at the end: {os.getloadavg()[0]:.1f} ({os.cpu_count()} CPUs)")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
