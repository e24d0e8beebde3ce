"""Free text reaches the open data only on the organiser's choice, after a review that lists
the answers looking like they carry a name, an e-mail address or a phone number."""

from __future__ import annotations

import csv
import os
import pty
import subprocess

import pytest
from palabre.exports.review import WHY_EMAIL, WHY_NAME, WHY_PHONE, personal_looking, reasons

from .conftest import SOLUTIONS
from .test_cli import PALABRE, _palabre

EMAIL_TEXT = "Écrire à jean.dupont@mairie-rennes.fr pour le dossier"


@pytest.mark.parametrize(("text", "why"), [
    (EMAIL_TEXT, (WHY_EMAIL,)),
    ("Appeler le 06 12 34 56 78 le matin", (WHY_PHONE,)),
    ("Le +33 2 99 00 11 22 ne répond jamais", (WHY_PHONE,)),
    ("Mme Durand nous a très bien reçus", (WHY_NAME,)),
    ("À l'accueil, Jean Dupont a tout réglé", (WHY_NAME,)),
    ("Accueil sans rendez-vous le samedi matin", ()),
    ("Ouvert de 9 h à 12 h, 5 jours sur 7", ()),
    ("Des permanences dans les villages", ()),
])
def test_what_looks_like_personal_data(text, why):
    assert reasons(text) == why


def _with_an_email(brainstorm):
    session = brainstorm.store.session(brainstorm.code)
    brainstorm.store.contribute(session, participant=None, phase_id="worsen", kind="ideas",
                                body={"text": EMAIL_TEXT}, text=EMAIL_TEXT, key="key-mail-1")


def _published_texts(out):
    with (out / "data" / "contributions.csv").open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    return [row.get("text") for row in rows]


def test_the_review_lists_the_answer_that_carries_an_e_mail(brainstorm):
    _with_an_email(brainstorm)
    flagged = personal_looking(brainstorm.store, brainstorm.code)
    assert [(f.text, f.reasons) for f in flagged] == [(EMAIL_TEXT, (WHY_EMAIL,))]


def test_without_a_choice_free_text_stays_out_and_the_terminal_says_how(brainstorm,
                                                                        sqlite_url, tmp_path):
    _with_an_email(brainstorm)
    out = tmp_path / "restitution"
    done = _palabre("export", brainstorm.code, "--out", str(out), "--db", sqlite_url,
                    tmp_path=tmp_path)
    assert done.returncode == 0, done.stderr
    assert "1 réponse semble contenir un nom, une adresse électronique" in done.stdout
    assert f"(une adresse électronique) : {EMAIL_TEXT}" in done.stdout
    assert "relancez la commande avec --open-text" in done.stdout
    assert _published_texts(out)[0] is None  # no text column at all
    # The organisers' own files keep every answer.
    assert EMAIL_TEXT in (out / f"{brainstorm.code}-contributions.csv").read_text("utf-8-sig")


def test_the_flag_publishes_free_text_after_the_same_review(brainstorm, sqlite_url, tmp_path):
    _with_an_email(brainstorm)
    out = tmp_path / "restitution"
    done = _palabre("--lang", "en", "export", brainstorm.code, "--out", str(out), "--open-text",
                    "--db", sqlite_url, tmp_path=tmp_path)
    assert done.returncode == 0, done.stderr
    assert f"(an e-mail address): {EMAIL_TEXT}" in done.stdout
    assert "--open-text" not in done.stdout
    assert EMAIL_TEXT in _published_texts(out) and SOLUTIONS[0] in _published_texts(out)


def test_an_organiser_at_the_terminal_answers_the_question(brainstorm, sqlite_url, tmp_path):
    """A real terminal (a pseudo-terminal): the question is asked, « o » publishes."""
    out = tmp_path / "restitution"
    env = {k: v for k, v in os.environ.items() if not k.startswith("PALABRE_")}
    env["PALABRE_DATA_DIR"] = str(tmp_path / "data")
    leader, follower = pty.openpty()
    try:
        os.write(leader, b"o\n")
        done = subprocess.run([PALABRE, "export", brainstorm.code, "--out", str(out), "--db",
                               sqlite_url], stdin=follower, capture_output=True, text=True,
                              env=env, timeout=120)
    finally:
        os.close(follower)
        os.close(leader)
    assert done.returncode == 0, done.stderr
    assert "Publier le texte libre des participants dans les données ouvertes ?" in done.stdout
    assert SOLUTIONS[0] in _published_texts(out)
