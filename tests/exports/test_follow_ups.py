"""Follow-ups in every restitution made after some were recorded: the deck's « Suites
données » slides (a cut list says how many are left and which sheet has them), the workbook's
sheet with each change, the open data's resource described in datapackage.json, and the
counts by status per workshop of a forum and per forum of a campaign, all read back."""

from __future__ import annotations

import csv
import json

import pytest
from openpyxl import load_workbook
from palabre.exports import export_campaign, export_forum, export_workshop
from pptx import Presentation

from palabre import follow_ups as door
from palabre.i18n import Translator
from palabre.store import campaigns
from tests.fixtures.follow_ups import finished_room

from .helpers import slide_titled, texts, titles

FR = Translator("fr").gettext
LONG = ("Ouvrir une permanence mensuelle dans chaque village, avec un agent formé à toutes "
        "les démarches en ligne et un ordinateur prêté sur place")


def give(store, session, number, status, **fields):
    return door.record(store, session, {"number": str(number), "status": status, **fields}, FR)


@pytest.fixture
def followed(store):
    session = finished_room(store)
    give(store, session, 1, "retained", owner="Service accueil", due="2027-03-31",
         note="Formulaires réécrits avec des usagers")
    give(store, session, 1, "done", note="En place depuis février")
    give(store, session, 3, "declined", reason="Le logiciel de rendez-vous ne le permet pas")
    return session


def export(store, code, out, lang="fr", rendered=None):
    files = export_workshop(store, code, out, lang=lang)
    deck = out / f"{code}-restitution.pptx"
    if rendered is not None:
        rendered.add(deck)
    return files, Presentation(str(deck)), load_workbook(out / f"{code}-contributions.xlsx")


def table_rows(slide) -> list[list[str]]:
    [table] = [shape.table for shape in slide.shapes if shape.has_table]
    return [[cell.text for cell in row.cells] for row in table.rows]


def test_the_deck_workbook_and_open_data_carry_the_follow_ups(store, followed, tmp_path,
                                                               rendered):
    files, deck, book = export(store, followed.code, tmp_path, rendered=rendered)
    slide = slide_titled(deck, "Suites données")
    assert titles(deck).index("Suites données") < titles(deck).index("Où trouver le reste")
    rows = table_rows(slide)
    assert rows[0] == ["N°", "Proposition", "Statut", "Note", "Portée par", "Date"]
    assert [row[:5] for row in rows[1:]] == [
        ["1", "Des formulaires en langage clair", "Réalisée", "En place depuis février",
         "Service accueil"],
        ["3", "Un rappel par SMS avant le rendez-vous", "Non retenue",
         "Le logiciel de rendez-vous ne le permet pas", "–"]]
    assert "Réalisée : 1 · Non retenue : 1" in texts(slide)
    notes = slide.notes_slide.notes_text_frame.text
    assert "N° 1 : Réalisée — Des formulaires en langage clair (En place depuis février)" in notes

    sheet = book["Suites données"]
    assert book.sheetnames.index("Suites données") == 2  # right after the two phases
    values = [[cell.value for cell in row] for row in sheet.iter_rows()]
    assert values[0][:7] == ["Séance", "N° de proposition", "Changement", "Actuelle",
                             "Identifiant de phase", "Proposition", "Statut"]
    assert {r[0] for r in values[1:]} == {followed.code}
    assert [(r[1], r[2], r[3], r[6], r[7], r[8], r[9], r[10]) for r in values[1:]] == [
        (1, 1, "antérieure", "Retenue", "Service accueil", "2027-03-31",
         "Formulaires réécrits avec des usagers", None),
        (1, 2, "actuelle", "Réalisée", "Service accueil", "2027-03-31",
         "En place depuis février", None),
        (3, 1, "actuelle", "Non retenue", None, None, None,
         "Le logiciel de rendez-vous ne le permet pas")]

    package = json.loads((tmp_path / "datapackage.json").read_text(encoding="utf-8"))
    [resource] = [r for r in package["resources"] if r["name"] == "follow_ups"]
    assert resource["path"] == "data/follow_ups.csv"
    assert tmp_path / "data" / "follow_ups.csv" in files
    fields = {f["name"]: f for f in resource["schema"]["fields"]}
    assert fields["status"]["constraints"]["enum"] == ["retained", "studying", "trial",
                                                       "done", "declined"]
    assert fields["due_on"]["type"] == "date" and fields["changed_at"]["type"] == "datetime"
    assert fields["current"]["type"] == "boolean" and fields["proposal"]["type"] == "integer"
    assert resource["schema"]["primaryKey"] == ["session", "proposal", "change"]
    with (tmp_path / "data" / "follow_ups.csv").open(encoding="utf-8", newline="") as handle:
        data = list(csv.DictReader(handle))
    assert [(d["proposal"], d["change"], d["current"], d["status"], d["due_on"])
            for d in data] == [("1", "1", "false", "retained", "2027-03-31"),
                               ("1", "2", "true", "done", "2027-03-31"),
                               ("3", "1", "true", "declined", "")]
    assert all(d["changed_at"].endswith("Z") and len(d["changed_at"]) == 20 for d in data)


def test_the_english_deck_and_sheet(store, followed, tmp_path):
    _files, deck, book = export(store, followed.code, tmp_path, lang="en")
    rows = table_rows(slide_titled(deck, "Follow-ups given"))
    assert rows[0] == ["No.", "Proposal", "Status", "Note", "Carried by", "Date"]
    assert [row[2] for row in rows[1:]] == ["Carried out", "Not retained"]
    assert "Follow-ups given" in book.sheetnames


def test_a_long_list_is_cut_and_says_where_the_rest_is(store, tmp_path, rendered):
    ideas = tuple(f"{n}. {LONG}" for n in range(1, 41))
    session = finished_room(store, ideas=ideas)
    numbers = [n for n in range(1, 41) if n not in (4, 5)]  # 4 merged, 5 hidden
    for number in numbers:
        give(store, session, number, ("retained", "studying", "trial")[number % 3],
             owner="Direction des services à la population", due="2027-09-30")
    _files, deck, book = export(store, session.code, tmp_path, rendered=rendered)
    pages = [t for t in titles(deck) if t.startswith("Suites données")]
    assert pages == ["Suites données (1/3)", "Suites données (2/3)", "Suites données (3/3)"]
    shown = [row[0] for title in pages for row in table_rows(slide_titled(deck, title))[1:]]
    assert shown == [str(n) for n in numbers[:len(shown)]] and len(shown) < len(numbers)
    last = texts(slide_titled(deck, pages[-1]))
    more = (f"{len(numbers) - len(shown)} autres suites : voir le classeur, "
            "feuille « Suites données ».")
    assert more in last
    assert book["Suites données"].max_row == len(numbers) + 1  # every one is in the sheet


def test_without_follow_up_nothing_is_added(store, tmp_path):
    session = finished_room(store)
    files, deck, book = export(store, session.code, tmp_path)
    assert not [t for t in titles(deck) if t.startswith("Suites données")]
    assert "Suites données" not in book.sheetnames
    assert tmp_path / "data" / "follow_ups.csv" not in files


def test_a_forum_and_a_campaign_count_proposals_by_status(store, tmp_path, rendered):
    first = finished_room(store, title="Accueil à Brest", forum="Bretagne")
    second = finished_room(store, title="Accueil à Quimper", forum="Bretagne")
    local = finished_room(store, title="Débat à Lorient")
    give(store, first, 1, "retained")
    give(store, first, 2, "trial")
    give(store, first, 2, "done")
    give(store, second, 3, "declined", reason="Hors compétence")
    give(store, local, 1, "studying")

    out = tmp_path / "forum"
    files = export_forum(store, "Bretagne", out, lang="fr")
    deck = next(p for p in files if p.suffix == ".pptx")
    rendered.add(deck)
    rows = table_rows(slide_titled(Presentation(str(deck)), "Suites données"))
    assert rows[0] == ["Atelier", "Retenue", "À l’étude", "En expérimentation", "Réalisée",
                       "Non retenue"]
    assert [row[1:] for row in rows[1:]] == [["1", "0", "0", "1", "0"],
                                             ["0", "0", "0", "0", "1"],
                                             ["1", "0", "0", "1", "1"]]
    assert rows[-1][0] == "Ensemble"
    book = load_workbook(next(p for p in files if p.suffix == ".xlsx"))
    sheet = [[c.value for c in row] for row in book["Suites données"].iter_rows()]
    assert sheet[1:] == [[first.code, 2, 1, 0, 0, 1, 0], [second.code, 1, 0, 0, 0, 0, 1]]
    package = json.loads((out / "datapackage.json").read_text(encoding="utf-8"))
    [resource] = [r for r in package["resources"] if r["name"] == "follow_ups_by_workshop"]
    assert [f["name"] for f in resource["schema"]["fields"]] == [
        "workshop", "followed", "retained", "studying", "trial", "done", "declined"]

    campaigns.add(store, "Accueil 2027", forums=[("Bretagne", "Bretagne")],
                  workshops=[(local.code, "Bretagne")])
    out = tmp_path / "campaign"
    files = export_campaign(store, "Accueil 2027", out, lang="fr")
    deck = next(p for p in files if p.suffix == ".pptx")
    rendered.add(deck)
    rows = table_rows(slide_titled(Presentation(str(deck)), "Suites données"))
    assert rows[0][0] == "Forum"
    assert [row[1:] for row in rows[1:]] == [["1", "0", "0", "1", "1"],
                                             ["0", "1", "0", "0", "0"],
                                             ["1", "1", "0", "1", "1"]]
    with (out / "data" / "follow_ups_by_workshop.csv").open(encoding="utf-8") as handle:
        data = list(csv.DictReader(handle))
    assert [(d["forum"], d["followed"], d["done"]) for d in data] == [
        ("Bretagne", "3", "1"), (local.code, "1", "0")]
