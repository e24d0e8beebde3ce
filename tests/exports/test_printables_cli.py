"""`palabre handout` and `palabre printables`, run as the console scripts."""

from __future__ import annotations

import os
import subprocess

from PIL import Image
from pypdf import PdfReader

from .test_cli import PALABRE


def _palabre(*args: str, tmp_path, **env_extra) -> subprocess.CompletedProcess:
    env = {k: v for k, v in os.environ.items() if not k.startswith("PALABRE_")}
    env.update(PALABRE_DATA_DIR=str(tmp_path / "data"), **env_extra)
    return subprocess.run([PALABRE, *args], capture_output=True, text=True, env=env,
                          timeout=120)


def test_handout_as_png_and_pdf_with_the_public_url(brainstorm, sqlite_url, tmp_path):
    code = brainstorm.code
    png = tmp_path / "affiche.png"
    done = _palabre("handout", code, "--out", str(png), "--public-url",
                    "https://atelier.example.fr/", "--db", sqlite_url, tmp_path=tmp_path)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == (f"Affiche écrite dans {png}, pour "
                                   f"https://atelier.example.fr/j/{code}")
    with Image.open(png) as image:
        assert image.format == "PNG" and image.size[1] > image.size[0]
    pdf = tmp_path / "poster.pdf"
    done = _palabre("--lang", "en", "handout", code, "--out", str(pdf), "--db", sqlite_url,
                    tmp_path=tmp_path, PALABRE_PUBLIC_URL="http://10.0.0.5:8866")
    assert done.returncode == 0, done.stderr
    text = PdfReader(str(pdf)).pages[0].extract_text()
    assert f"http://10.0.0.5:8866/j/{code}" in text and "Join the workshop" in text


def test_handout_mistakes_are_one_clear_line(brainstorm, sqlite_url, tmp_path):
    done = _palabre("handout", brainstorm.code, "--out", str(tmp_path / "affiche.txt"),
                    "--db", sqlite_url, tmp_path=tmp_path)
    assert done.returncode == 2
    assert done.stderr.strip() == ("palabre : L’affiche s’écrit en PDF ou en PNG : donnez un "
                                   "nom de fichier qui finit par .pdf ou .png, pas "
                                   "affiche.txt.")
    done = _palabre("handout", "ZZZZ9", "--out", str(tmp_path / "a.pdf"), "--db", sqlite_url,
                    tmp_path=tmp_path)
    assert done.returncode == 2 and "ZZZZ9" in done.stderr
    assert not (tmp_path / "a.pdf").exists()


def test_printables_for_a_session_and_for_one_phase(brainstorm, sqlite_url, tmp_path):
    code = brainstorm.code
    out = tmp_path / "papier"
    done = _palabre("printables", code, "--out", str(out), "--public-url",
                    "http://192.168.1.20:8866", "--db", sqlite_url, tmp_path=tmp_path)
    assert done.returncode == 0, done.stderr
    assert "4 fichiers écrits dans" in done.stdout
    assert sorted(p.name for p in out.iterdir()) == sorted([
        f"{code}-handout.pdf", f"{code}-worsen-card.pdf", f"{code}-solutions-card.pdf",
        f"{code}-vote-ballot.pdf"])
    card = PdfReader(str(out / f"{code}-worsen-card.pdf")).pages[0].extract_text()
    assert "Pire idée" in card
    only = tmp_path / "vote"
    done = _palabre("--lang", "en", "printables", code, "--out", str(only), "--phase", "vote",
                    "--db", sqlite_url, tmp_path=tmp_path)
    assert done.returncode == 0, done.stderr
    assert [p.name for p in only.iterdir()] == [f"{code}-vote-ballot.pdf"]
    done = _palabre("printables", code, "--out", str(tmp_path / "x"), "--phase", "nope",
                    "--db", sqlite_url, tmp_path=tmp_path)
    assert done.returncode == 2
    assert done.stderr.strip() == (f"palabre : L’atelier {code} n’a pas d’étape nope. Ses "
                                   "étapes : worsen, solutions, vote.")
