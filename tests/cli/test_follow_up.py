"""`palabre follow-up`: a proposal's follow-up recorded and listed from a real terminal
command, each change kept; every refusal is one line in the person's language, exit 2."""

from __future__ import annotations

import pytest

from palabre.store import Store
from tests.fixtures.follow_ups import finished_room


@pytest.fixture
def room(sqlite_url):
    store = Store.open(sqlite_url)
    session = finished_room(store)
    yield store, session
    store.close()


@pytest.fixture
def follow_up(palabre, sqlite_url):
    def run(*args: str, lang: str = "fr"):
        return palabre("--lang", lang, "follow-up", *args, "--db", sqlite_url)
    return run


def test_a_follow_up_is_recorded_and_listed_with_its_history(room, follow_up):
    store, session = room
    done = follow_up(session.code, "1", "--status", "retained", "--owner", "Service accueil",
                     "--due", "2027-03-31", "--note", "Formulaires réécrits avec des usagers")
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "Suite de la proposition n° 1 notée : Retenue."
    # French labels are taken too, without their accents; owner and date stay as they were.
    done = follow_up(session.code, "1", "--status", "realisee", "--note", "En place")
    assert done.returncode == 0, done.stderr
    done = follow_up(session.code, "3", "--status", "non retenue", "--reason",
                     "Hors compétence de la commune")
    assert done.returncode == 0, done.stderr
    changes = store.follow_ups(session)
    assert [(c.number, c.status, c.owner, c.due_on) for c in changes] == [
        (1, "retained", "Service accueil", "2027-03-31"),
        (1, "done", "Service accueil", "2027-03-31"), (3, "declined", "", None)]
    listed = follow_up(session.code, "--list")
    assert listed.returncode == 0, listed.stderr
    lines = listed.stdout.splitlines()
    assert lines[0].split()[:2] == ["n°", "statut"]
    row = next(line for line in lines if line.startswith("1 "))
    assert "Réalisée" in row and "Service accueil" in row and "2027-03-31" in row
    assert row.split()[-6] == "2"  # two changes kept
    assert lines[-1] == ("Retenue : 0 · À l’étude : 0 · En expérimentation : 0 · "
                         "Réalisée : 1 · Non retenue : 1")
    english = follow_up(session.code, "--list", lang="en")
    assert english.stdout.splitlines()[-1] == ("Retained: 0 · Under study: 0 · Being tried "
                                               "out: 0 · Carried out: 1 · Not retained: 1")


@pytest.mark.parametrize(("args", "fr", "en"), [
    (("99", "--status", "retained"), "Cet atelier n’a pas de réponse n° 99.",
     "This workshop has no answer no. 99."),
    (("deux", "--status", "retained"), "Donnez le numéro de la proposition",
     "Give the number of the proposal"),
    (("1", "--status", "bidule"), "« bidule » n’est pas un statut de suite. Choisissez parmi : "
     "retained (Retenue), studying (À l’étude)", "“bidule” is not a follow-up status. Choose "
     "one of: retained (Retained), studying (Under study)"),
    (("1", "--status", "retained", "--due", "2027-02-30"), "« 2027-02-30 » n’est pas une "
     "date : écrivez-la AAAA-MM-JJ", "“2027-02-30” is not a date: write it as YYYY-MM-DD"),
    (("1", "--status", "retained", "--due", "31/03/2027"), "« 31/03/2027 » n’est pas une date",
     "“31/03/2027” is not a date"),
    (("1", "--status", "declined"), "Dites pourquoi la proposition n’est pas retenue",
     "Say why the proposal is not retained"),
    (("4", "--status", "retained"), "La réponse n° 4 a été fusionnée avec le n° 2 : donnez la "
     "suite au n° 2.", "Answer no. 4 was merged into no. 2: give the follow-up to no. 2."),
    (("5", "--status", "retained"), "La réponse n° 5 a été masquée par la modération",
     "Answer no. 5 was hidden by moderation"),
    (("6", "--status", "retained"), "La réponse n° 6 est un vote, un choix ou une note",
     "Answer no. 6 is a vote, a choice or a rating"),
    (("1",), "Choisissez le statut de la suite donnée", "Choose the follow-up's status"),
])
def test_refusals_are_one_line_in_the_persons_language(room, follow_up, args, fr, en):
    store, session = room
    for lang, expected in (("fr", fr), ("en", en)):
        done = follow_up(session.code, *args, lang=lang)
        assert done.returncode == 2, (done.stdout, done.stderr)
        assert expected in done.stderr
        assert "Traceback" not in done.stderr and len(done.stderr.strip().splitlines()) == 1
    assert store.follow_ups(session) == []


def test_an_unknown_code_is_refused_in_both_languages(room, follow_up):
    for lang, expected in (("fr", "Aucun atelier n'a le code ZZZZZ"),
                           ("en", "No workshop has the code ZZZZZ")):
        done = follow_up("ZZZZZ", "1", "--status", "retained", lang=lang)
        assert done.returncode == 2 and expected in done.stderr, done.stderr
        assert "Traceback" not in done.stderr


def test_a_workshop_without_follow_up_says_so(room, follow_up):
    done = follow_up(room[1].code, "--list")
    assert done.returncode == 0
    assert done.stdout.strip() == "Aucune suite n’est encore notée pour cet atelier."
