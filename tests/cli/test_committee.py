"""A committee that meets again: three sessions of one series, a proposal of the first goes
from « retenue » to « en expérimentation » (decided at the second) to « réalisée » (at the
third), through the real command; the third session's restitution carries its history and the
first session's room address shows where it stands."""

from __future__ import annotations

import httpx
import pytest
from openpyxl import load_workbook
from palabre.exports import export_workshop
from pptx import Presentation

from palabre.store import Store
from tests.exports.helpers import slide_titled
from tests.fixtures.follow_ups import finished_room
from tests.fixtures.server import start_server, stop_server
from tests.server.conftest import main_text

SERIES = "Comité usagers-agents de Brest"


@pytest.fixture
def committee(sqlite_url):
    store = Store.open(sqlite_url)
    sessions = [finished_room(store, title=f"Comité, séance {n}", series=SERIES)
                for n in (1, 2, 3)]
    other = finished_room(store, title="Un autre comité", series="Autre comité")
    yield store, sessions, other
    store.close()


def test_a_proposal_goes_from_retained_to_done_across_three_sessions(committee, palabre,
                                                                     sqlite_url, tmp_path):
    store, (first, second, third), other = committee

    def follow_up(*args, lang="fr"):
        return palabre("--lang", lang, "follow-up", *args, "--db", sqlite_url)

    listed = palabre("sessions", "--series", SERIES, "--db", sqlite_url)
    assert listed.returncode == 0, listed.stderr
    codes = [line.split()[0] for line in listed.stdout.splitlines()[2:]]
    assert codes == [first.code, second.code, third.code]  # in the order they met

    done = follow_up(first.code, "1", "--status", "retained", "--owner", "Service accueil",
                     "--due", "2027-03-31", "--note", "À essayer à l'accueil de Brest")
    assert done.returncode == 0, done.stderr
    # A change is decided in a later session of the same committee, no other.
    for wrong in (first.code, other.code):
        refused = follow_up(first.code, "1", "--status", "trial", "--in", wrong)
        assert refused.returncode == 2
        assert f"{wrong} n’est pas une séance suivante du même comité" in refused.stderr
    refused = follow_up(second.code, "1", "--status", "trial", "--in", first.code, lang="en")
    assert refused.returncode == 2
    assert f"{first.code} is not a later session of the same committee" in refused.stderr
    assert follow_up(first.code, "1", "--status", "trial", "--in", second.code, "--note",
                     "Essai depuis janvier").returncode == 0
    assert follow_up(first.code, "1", "--status", "réalisée", "--in", third.code, "--note",
                     "En place dans les trois accueils").returncode == 0
    assert follow_up(third.code, "2", "--status", "studying").returncode == 0

    changes = store.follow_ups(first)
    assert [(c.status, c.decided_in, c.owner) for c in changes] == [
        ("retained", None, "Service accueil"), ("trial", second.code, "Service accueil"),
        ("done", third.code, "Service accueil")]

    # The third session's restitution: the first session's proposal with its whole history.
    export_workshop(store, third.code, tmp_path, lang="fr")
    book = load_workbook(tmp_path / f"{third.code}-contributions.xlsx")
    rows = [[c.value for c in row] for row in book["Suites données"].iter_rows()][1:]
    assert [(r[0], r[1], r[2], r[6], r[12]) for r in rows] == [
        (first.code, 1, 1, "Retenue", None), (first.code, 1, 2, "En expérimentation",
                                              second.code),
        (first.code, 1, 3, "Réalisée", third.code), (third.code, 2, 1, "À l’étude", None)]
    deck = Presentation(str(tmp_path / f"{third.code}-restitution.pptx"))
    [table] = [s.table for s in slide_titled(deck, "Suites données").shapes if s.has_table]
    cells = [[c.text for c in row.cells] for row in table.rows][1:]
    assert [(r[0], r[2]) for r in cells] == [(f"1 ({first.code})", "Réalisée"),
                                             ("2", "À l’étude")]

    # Where the proposal was made, the room's address says where it stands now.
    server = start_server(tmp_path / "server", db_url=sqlite_url)
    try:
        page = httpx.get(server.url(f"/j/{first.code}"), headers={"Accept-Language": "fr"})
    finally:
        stop_server(server)
    text = main_text(page.text)
    assert "Ce que sont devenues les propositions" in text
    assert "Réalisée" in text and "En place dans les trois accueils" in text
    assert "2 étapes précédentes" in text
