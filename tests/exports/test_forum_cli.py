"""`palabre forum`, run as the console script an organiser types."""

from __future__ import annotations

from pptx import Presentation

from .conftest import FORUM
from .test_cli import _palabre

SLUG = "forum-de-l-action-publique-bretagne"


def test_add_tags_workshops_and_an_unknown_code_tags_none(forum, sqlite_url, tmp_path):
    store = forum.store
    for code in forum.codes.values():
        store.update_session(code, forum=None)
    rennes, brest = forum.codes["Rennes"], forum.codes["Brest"]
    done = _palabre("forum", "add", "Forum Ouest", rennes, "ZZZZ9", brest, "--db", sqlite_url,
                    tmp_path=tmp_path)
    assert done.returncode == 2
    assert done.stderr.strip() == "palabre : Aucun atelier n’a le code ZZZZ9."
    assert store.sessions(forum="Forum Ouest") == []
    done = _palabre("--lang", "en", "forum", "add", "Forum Ouest", rennes, brest, "--db",
                    sqlite_url, tmp_path=tmp_path)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "The forum Forum Ouest now has 2 workshops."
    assert {s.code for s in store.sessions(forum="Forum Ouest")} == {rennes, brest}


def test_list_shows_each_forum_with_its_workshops(forum, sqlite_url, tmp_path):
    done = _palabre("forum", "list", "--db", sqlite_url, tmp_path=tmp_path)
    assert done.returncode == 0, done.stderr
    lines = done.stdout.splitlines()
    assert f"{FORUM} (3 ateliers)" in lines and "Un autre forum (1 atelier)" in lines
    block = lines[lines.index(f"{FORUM} (3 ateliers)"):]
    for code in forum.codes.values():
        assert any(line.startswith(code) for line in block[:6])
    empty = _palabre("forum", "list", "--db", f"sqlite:///{tmp_path / 'vide.sqlite'}",
                     tmp_path=tmp_path)
    assert empty.returncode == 0 and "Aucun forum" in empty.stdout


def test_export_writes_the_consolidated_files(forum, sqlite_url, tmp_path):
    out = tmp_path / "forum"
    done = _palabre("forum", "export", FORUM, "--out", str(out), "--lang", "en", "--db",
                    sqlite_url, tmp_path=tmp_path)
    assert done.returncode == 0, done.stderr
    assert "[0/4] Slides" in done.stderr and "[4/4] Done" in done.stderr
    assert f"9 files written in {out}:" in done.stdout
    deck = Presentation(str(out / f"{SLUG}-restitution.pptx"))
    assert deck.slides[0].shapes.title.text == FORUM
    assert (out / f"{SLUG}-contributions.xlsx").exists()
    missing = _palabre("forum", "export", "Nulle part", "--out", str(tmp_path / "x"), "--db",
                       sqlite_url, tmp_path=tmp_path)
    assert missing.returncode == 2
    assert missing.stderr.strip() == "palabre : Aucun atelier n’appartient au forum Nulle part."



def test_forum_export_with_annex(forum, sqlite_url, tmp_path):
    out = tmp_path / "forum"
    done = _palabre("forum", "export", FORUM, "--out", str(out), "--annex", "--lang", "en",
                    "--db", sqlite_url, tmp_path=tmp_path)
    assert done.returncode == 0, done.stderr
    assert (out / f"{SLUG}-annex.pptx").exists()
    helped = _palabre("--lang", "en", "forum", "export", "--help", tmp_path=tmp_path)
    assert "separate annex file" in " ".join(helped.stdout.split())
