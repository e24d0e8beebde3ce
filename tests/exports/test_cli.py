"""`palabre export`, run as the console script an organiser types the day after."""

from __future__ import annotations

import csv
import io
import os
import subprocess
import sys
from pathlib import Path

from openpyxl import load_workbook
from pptx import Presentation

from .conftest import SOLUTIONS

PALABRE = str(Path(sys.executable).with_name("palabre"))


def _palabre(*args: str, tmp_path: Path) -> subprocess.CompletedProcess:
    env = {k: v for k, v in os.environ.items() if not k.startswith("PALABRE_")}
    env["PALABRE_DATA_DIR"] = str(tmp_path / "data")
    return subprocess.run([PALABRE, *args], capture_output=True, text=True, env=env,
                          timeout=120)


def test_export_writes_the_files_in_english_with_commas(brainstorm, sqlite_url, tmp_path):
    out = tmp_path / "restitution"
    done = _palabre("--lang", "en", "export", brainstorm.code, "--out", str(out), "--sep", ",",
                    "--no-text", "--db", sqlite_url, tmp_path=tmp_path)
    assert done.returncode == 0, done.stderr
    assert "[0/4] Slides" in done.stderr and "[4/4] Done" in done.stderr
    assert f"8 files written in {out}:" in done.stdout
    deck = Presentation(str(out / f"{brainstorm.code}-restitution.pptx"))
    assert deck.slides[1].shapes.title.text == "The question"
    assert load_workbook(out / f"{brainstorm.code}-contributions.xlsx").sheetnames[-1] == "raw"
    rows = list(csv.reader(io.StringIO(
        (out / f"{brainstorm.code}-contributions.csv").read_text("utf-8-sig"))))
    assert rows[0][0] == "Answer no."
    assert SOLUTIONS[0] not in (out / "data" / "contributions.csv").read_text("utf-8")


def test_export_of_an_unknown_code_is_one_clear_french_line(brainstorm, sqlite_url, tmp_path):
    done = _palabre("export", "ZZZZ9", "--out", str(tmp_path / "x"), "--db", sqlite_url,
                    tmp_path=tmp_path)
    assert done.returncode == 2
    assert done.stderr.strip() == "palabre : Aucun atelier n’a le code ZZZZ9."
    assert not (tmp_path / "x").exists()


def test_export_with_annex_writes_the_annex_file_and_says_so_in_french(brainstorm, sqlite_url,
                                                                       tmp_path):
    out = tmp_path / "annexe"
    done = _palabre("export", brainstorm.code, "--out", str(out), "--annex", "--db", sqlite_url,
                    tmp_path=tmp_path)
    assert done.returncode == 0, done.stderr
    annex = out / f"{brainstorm.code}-annex.pptx"
    assert annex.exists() and Presentation(str(annex)).slides
    assert f"{brainstorm.code}-annex.pptx" in done.stdout
    helped = _palabre("export", "--help", tmp_path=tmp_path)
    assert "fichier d’annexe à part" in " ".join(helped.stdout.split())
