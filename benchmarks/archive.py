"""Carrying a workshop: `palabre archive` and `palabre import` of a 1,000-answer workshop with
20 photos, timed, with the archive's size.

The workshop is the restitution benchmark's (``benchmarks/exports.py``: 150 phones, 450 worse
ideas, 400 solutions, 150 ballots; here with some answers merged or hidden and themes) plus 20
photos of flipcharts as phones take them (12
megapixels, re-encoded by palabre.photos as the phone page would: 1,600 px, JPEG quality 82).
Each step runs several times; the median is printed. The import goes into a fresh PostgreSQL
database each time (``--postgres``, default PALABRE_TEST_POSTGRES: a server URL whose user may
create databases) and into a fresh SQLite file; importing the same archive again (nothing new
to add) is timed too.

    PALABRE_TEST_POSTGRES=postgresql+psycopg://palabre_ci:palabre_ci@127.0.0.1:5432/palabre_ci \\
        .venv/bin/python benchmarks/archive.py

Targets: archive and import each under 5 s on this 2-core machine.
"""

from __future__ import annotations

import argparse
import io
import os
import random
import statistics
import sys
import tempfile
import time
import uuid
from pathlib import Path

import sqlalchemy as sa
from palabre.exercises import builtin_formats
from PIL import Image, ImageDraw, ImageFilter

from palabre import boards
from palabre.answers import submit
from palabre.archive import import_archive, write_archive
from palabre.photos import accept_photo
from palabre.store import Store

PHOTOS = 20
PEOPLE = 150
ROLES = ("usager", "agent", "elu", "autre")
WORDS = ["accueil", "guichet", "rendez-vous", "formulaire", "téléphone", "attente", "courrier",
         "mairie", "dossier", "usager", "agent", "horaires", "numéro", "service", "public",
         "simple", "clair", "rapide"]
TARGET_S = 5.0


def _text(i: int) -> str:
    length = 4 + (i * 7) % 30  # 4 to 33 words, as in benchmarks/exports.py
    return f"Idée {i} : " + " ".join(WORDS[(i * 3 + k) % len(WORDS)] for k in range(length))


def fill(store: Store, worse: int = 450, solutions: int = 400) -> str:
    """The restitution benchmark's workshop, through the door: 150 phones, 450 worse ideas,
    400 solutions turning them around, one ballot each; a few answers hidden or merged."""
    session = store.create_session(builtin_formats()["reverse-brainstorm"],
                                   title="Banc d'essai", place="Rennes", held_on="2017-11-24")
    people = [store.join(session, f"bench-device-{i:04d}", role=ROLES[i % 4],
                         table=f"Table {i % 12 + 1}") for i in range(PEOPLE)]
    worse_ids = [submit(store, session, people[i % PEOPLE], {"text": _text(i)},
                        f"bench-worsen-{i:05d}", phase_id="worsen")[0].id for i in range(worse)]
    flips = [submit(store, session, people[i % PEOPLE],
                    {"text": _text(worse + i), "source_id": worse_ids[i % worse]},
                    f"bench-flip-{i:05d}", phase_id="flip")[0].id for i in range(solutions)]
    for i in range(0, 40, 4):
        store.merge(session, flips[i], [flips[i + 1]])
        store.set_hidden(session, flips[i + 2], True)
    shown = [f for i, f in enumerate(flips) if i >= 40 or i % 4 in (0, 3)]
    for i, person in enumerate(people):
        first, second = shown[(i * 13) % len(shown)], shown[(i * 29) % len(shown)]
        dots = {str(first): 3} if first == second else {str(first): 2, str(second): 1}
        submit(store, session, person, {"dots": dots}, f"bench-vote-{i:05d}", phase_id="vote")
    boards.set_themes(store, session, "flip", [(f"Thème {t}", shown[t * 20:(t + 1) * 20])
                                               for t in range(8)])
    return session.code


def flipchart(seed: int) -> bytes:
    """A 12-megapixel phone photo of a flipchart: paper lit unevenly, lines of marker
    handwriting, sensor noise; a few MB as the phone sends it."""
    rng = random.Random(seed)
    width, height = 4032, 3024
    light = Image.radial_gradient("L").resize((width, height)).point(lambda v: 235 - v // 4)
    noise = Image.effect_noise((width, height), 10 + seed % 5)
    grey = Image.blend(light, noise, 0.18)
    image = Image.merge("RGB", (grey, grey, grey.point(lambda v: v * 0.95)))
    pen = ImageDraw.Draw(image)
    for line in range(14):  # lines of handwriting: short strokes along a baseline
        y = 300 + line * 190
        x = 250 + rng.randint(0, 200)
        colour = rng.choice([(20, 40, 140), (160, 20, 30), (20, 110, 40), (30, 30, 30)])
        while x < width - 400:
            points = [(x + dx * 14, y + rng.randint(-45, 45)) for dx in range(rng.randint(4, 9))]
            pen.line(points, fill=colour, width=14)
            x = points[-1][0] + rng.randint(30, 90)
    image = image.filter(ImageFilter.GaussianBlur(1.2))
    out = io.BytesIO()
    image.save(out, "JPEG", quality=92)
    return out.getvalue()


def add_photos(store: Store, code: str) -> list[int]:
    session = store.session(code)
    sizes = []
    for seed in range(PHOTOS):
        photo = accept_photo(flipchart(seed))
        store.add_photo(session, photo.data, width=photo.width, height=photo.height)
        sizes.append(len(photo.data))
    return sizes


def fresh_postgres(server_url: str):
    name = "palabre_bench_" + uuid.uuid4().hex[:10]
    admin = sa.create_engine(server_url, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(sa.text(f'CREATE DATABASE "{name}"'))
    url = sa.engine.make_url(server_url).set(database=name).render_as_string(
        hide_password=False)

    def drop() -> None:
        with admin.connect() as conn:
            conn.execute(sa.text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()

    return url, drop


def timed(step) -> float:
    began = time.perf_counter()
    step()
    return time.perf_counter() - began


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--postgres", default=os.environ.get("PALABRE_TEST_POSTGRES"))
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        laptop = Store.open(f"sqlite:///{folder / 'laptop.sqlite'}")
        code = fill(laptop)
        sizes = add_photos(laptop, code)
        answers = len(laptop.contributions(laptop.session(code), include_hidden=True))
        print(f"workshop {code}: {answers} answers, "
              f"{len(laptop.participants(laptop.session(code)))} people, {PHOTOS} photos "
              f"(median {statistics.median(sizes) / 1024:.0f} kB, "
              f"{sum(sizes) / 1024 / 1024:.1f} MB in all)")
        out = folder / f"{code}.palabre.zip"
        archive_s = [timed(lambda: write_archive(laptop, code, out)) for _ in range(args.runs)]
        size = out.stat().st_size
        results = {"archive": archive_s}
        targets = {"SQLite": None}
        if args.postgres:
            targets["PostgreSQL"] = args.postgres
        for name, server in targets.items():
            first, again = [], []
            for run in range(args.runs):
                if server is None:
                    url, drop = f"sqlite:///{folder / f'central-{run}.sqlite'}", lambda: None
                else:
                    url, drop = fresh_postgres(server)
                central = Store.open(url)
                try:
                    for times in (first, again):
                        began = time.perf_counter()
                        import_archive(central, out)
                        times.append(time.perf_counter() - began)
                finally:
                    central.close()
                    drop()
            results[f"import into {name}"] = first
            results[f"import again into {name} (nothing new)"] = again
        laptop.close()
    print(f"archive file: {size / 1024 / 1024:.2f} MB")
    worst = 0.0
    for step, times in results.items():
        median = statistics.median(times)
        worst = max(worst, median) if "again" not in step else worst
        print(f"{step}: median {median:.2f} s over {len(times)} runs "
              f"(min {min(times):.2f}, max {max(times):.2f})")
    print(f"target: each under {TARGET_S:.0f} s: {'met' if worst < TARGET_S else 'MISSED'}")
    return 0 if worst < TARGET_S else 1


if __name__ == "__main__":
    sys.exit(main())
