"""`palabre archive` and `palabre import` as an organiser runs them: one or two lines saying
what was carried, in French or English; a bad file refused with exit 2 and nothing added."""

from __future__ import annotations

import re

import pytest

from palabre.store import Store
from tests.fixtures.carried_room import CarriedRoom

pytestmark = pytest.mark.postgres


@pytest.fixture
def laptop(sqlite_url):
    store = Store.open(sqlite_url)
    yield store
    store.close()


def test_a_workshop_is_archived_on_the_laptop_and_imported_on_the_server(
        palabre, laptop, sqlite_url, postgres_url, tmp_path):
    room = CarriedRoom(laptop).part()
    archive = tmp_path / f"{room.code}.palabre.zip"
    done = palabre("archive", room.code.lower(), "--out", str(archive), "--db", sqlite_url)
    assert done.returncode == 0, done.stderr
    lines = done.stdout.splitlines()
    people, answers = len(room.truth.people), len(room.truth.answers)
    assert lines[0] == (f"Atelier {room.code} archivé dans {archive} : {answers} réponses, "
                        f"{people} personnes, 2 photos, 4 tableaux, 2 suites données.")
    sha = re.search(r"SHA-256 du fichier : ([0-9a-f]{64}) \(", lines[1]).group(1)
    import hashlib

    assert sha == hashlib.sha256(archive.read_bytes()).hexdigest()
    assert re.match(r"\d+ ko ; empreinte SHA-256", lines[1])

    done = palabre("import", str(archive), "--db", postgres_url)
    assert done.returncode == 0, done.stderr
    assert done.stdout.splitlines() == [
        f"1 atelier importé : {answers} réponses, {people} personnes, 2 photos, 4 tableaux, "
        f"2 suites données ; code {room.code}."]

    done = palabre("import", str(archive), "--db", postgres_url, "--lang", "en")
    assert done.returncode == 0, done.stderr
    assert done.stdout.splitlines() == [
        f"Nothing new: workshop {room.code} is already up to date in this store."]

    room.part(phones=1, worse=6, photos=0)
    room.hide("key-p0-worse-0001")
    assert palabre("archive", room.code, "--out", str(archive), "--db",
                   sqlite_url).returncode == 0
    done = palabre("import", str(archive), "--db", postgres_url)
    assert done.returncode == 0, done.stderr
    assert done.stdout.splitlines() == [
        f"Atelier {room.code} mis à jour : {len(room.truth.answers) - answers} réponses, "
        f"{len(room.truth.people) - people} personnes, 2 suites données en plus.",
        "Modifié depuis le dernier import : 1 réponse, 4 tableaux."]


def test_a_damaged_file_is_refused_in_the_persons_language(palabre, laptop, sqlite_url,
                                                           postgres_url, tmp_path):
    room = CarriedRoom(laptop).part(phones=3, worse=6)
    archive = tmp_path / "atelier.palabre.zip"
    assert palabre("archive", room.code, "--out", str(archive), "--db",
                   sqlite_url).returncode == 0
    cut = tmp_path / "coupé.palabre.zip"
    cut.write_bytes(archive.read_bytes()[:-200])
    done = palabre("import", str(cut), "--db", postgres_url)
    assert done.returncode == 2 and done.stdout == ""
    assert done.stderr.strip() == (
        f"palabre : {cut} est abîmé ou incomplet (coupé pendant la copie ?). Copiez-le à "
        "nouveau, ou refaites une archive sur l’ordinateur portable avec palabre archive.")
    notes = tmp_path / "notes.txt"
    notes.write_text("Compte rendu de l'atelier\n")
    done = palabre("import", str(notes), "--db", postgres_url, "--lang", "en")
    assert done.returncode == 2
    assert done.stderr.strip() == (f"palabre: {notes} is not a palabre workshop archive "
                                   "(palabre archive writes them).")
    listed = palabre("sessions", "--db", postgres_url)
    assert listed.returncode == 0 and room.code not in listed.stdout  # nothing was added
    assert "Traceback" not in done.stderr


def test_a_code_clash_is_said_and_an_unknown_code_refused(palabre, laptop, sqlite_url,
                                                          postgres_url, tmp_path):
    central = Store.open(postgres_url)
    try:
        CarriedRoom(central, code="ACDEF", title="Brest").part(phones=3, worse=6)
    finally:
        central.close()
    CarriedRoom(laptop, code="ACDEF").part(phones=3, worse=6)
    archive = tmp_path / "ACDEF.palabre.zip"
    assert palabre("archive", "ACDEF", "--out", str(archive), "--db",
                   sqlite_url).returncode == 0
    done = palabre("import", str(archive), "--db", postgres_url)
    assert done.returncode == 0, done.stderr
    first, second = done.stdout.splitlines()
    new_code = re.search(r"code (\w{5})\.$", first).group(1)
    assert new_code != "ACDEF"
    assert second == ("Son code ACDEF appartient à un autre atelier dans cette base : ici, il a "
                      f"le code {new_code}.")

    done = palabre("archive", "QQQQQ", "--out", str(tmp_path / "x.zip"), "--db", sqlite_url)
    assert done.returncode == 2
    assert done.stderr.strip() == "palabre : Aucun atelier ne porte le code QQQQQ dans cette base."
    assert not (tmp_path / "x.zip").exists() and not (tmp_path / "x.zip.part").exists()


def test_archiving_while_the_room_runs_leaves_the_laptop_store_as_it_was(
        palabre, laptop, sqlite_url, tmp_path):
    """The store is held by the room's server (its lock), and palabre archive only reads."""
    from palabre.server.guard import StoreLock

    room = CarriedRoom(laptop).part(phones=3, worse=6)
    before = laptop.session(room.code)
    held = StoreLock(sqlite_url)
    try:
        done = palabre("archive", room.code, "--out", str(tmp_path / "a.zip"), "--db",
                       sqlite_url)
    finally:
        held.release()
    assert done.returncode == 0, done.stderr
    after = laptop.session(room.code)
    assert (after.version, after.state) == (before.version, before.state)
    assert len(laptop.contributions(after, include_hidden=True)) == len(room.truth.answers)
