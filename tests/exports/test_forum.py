"""A regional forum: three real workshops in one store, one consolidated restitution."""

from __future__ import annotations

import csv
import io
import json

import pytest
from frictionless import validate
from openpyxl import load_workbook
from palabre.exports import ExportError, export_forum
from palabre.exports.forum import Forum, slug
from pptx import Presentation
from pypdf import PdfReader

from palabre import boards, synthesis
from palabre.i18n import Translator

from .conftest import FORUM, HOSTILE, ONLY_BREST, SATURDAY
from .helpers import charts, inside, series, slide_titled, texts, titles

SLUG = "forum-de-l-action-publique-bretagne"


def _export(forum, out, lang="fr", rendered=None, **options):
    files = export_forum(forum.store, forum.name, out, lang=lang, **options)
    deck = out / f"{SLUG}-restitution.pptx"
    if rendered is not None:  # checked page by page once the module's decks are rendered
        rendered.add(deck, decisions=("Propositions en tête", "Top proposals"))
    return files, Presentation(str(deck))


def test_themes_recur_across_workshops_or_stay_specific(forum):
    store = forum.store
    snaps = [synthesis.snapshot(store, forum.codes[p]) for p in ("Rennes", "Brest", "Lorient")]
    lorient = store.session(forum.codes["Lorient"])
    found = synthesis.forum_themes(
        snaps, {lorient.code: {"ideas": boards.themes(store, lorient, "ideas")}})
    saturday = found[0]
    assert saturday.recurs and saturday.workshops == tuple(
        forum.codes[p] for p in ("Rennes", "Brest", "Lorient"))
    assert saturday.label == "Ouverture le samedi"  # the facilitator's title, not stems
    assert saturday.titles == ("Ouverture le samedi",)  # Lorient's own theme joined it
    texts_in = {item.text for item in saturday.items}
    assert SATURDAY["rennes"] in texts_in and SATURDAY["brest"] in texts_in
    forms = next(t for t in found if t.label == "Moins de papiers")  # Lorient's title
    assert forms.workshops == (forum.codes["Rennes"], forum.codes["Lorient"])
    assert forms.titles == ("Moins de papiers",)
    free_number = next(t for t in found if t.label in ONLY_BREST)  # named by one of them
    assert not free_number.recurs and free_number.workshops == (forum.codes["Brest"],)
    # Brest's two ideas on it were grouped in Brest first: one item, two answers.
    assert free_number.answers == 2 and len(free_number.items) == 1
    assert free_number.items[0].quote in ONLY_BREST
    # Named themes first, most workshops first; the ideas alone come last, unnamed.
    named = [t for t in found if t.label]
    assert [len(t.workshops) for t in named] == sorted(
        (len(t.workshops) for t in named), reverse=True)
    assert all(not t.label for t in found[len(named):])


def test_top_proposals_rank_every_vote_with_its_workshop(forum):
    snaps = [synthesis.snapshot(forum.store, code) for code in forum.codes.values()]
    top = synthesis.forum_top(snaps)
    assert [(t.workshop, t.tally.label, t.tally.count) for t in top[:3]] == [
        (forum.codes["Lorient"], "Un seul formulaire pour tout", 6),
        (forum.codes["Rennes"], SATURDAY["rennes"], 5),
        (forum.codes["Brest"], ONLY_BREST[0], 5),
    ]
    total = synthesis.forum_counts(snaps)
    assert (total.participants, total.by_role) == (18, {"usager": 9, "agent": 9})


def test_every_file_is_written_with_progress(forum, tmp_path):
    seen = []
    files = export_forum(forum.store, forum.name, tmp_path,
                         progress=lambda done, total, label: seen.append((done, total, label)))
    names = {f.relative_to(tmp_path).as_posix() for f in files}
    assert names == {f"{SLUG}-restitution.pptx", f"{SLUG}-contributions.xlsx",
                     f"{SLUG}-contributions.csv", "datapackage.json", "data/workshops.csv",
                     "data/participants.csv", "data/contributions.csv", "data/votes.csv",
                     "data/results.csv"}
    assert seen == [(0, 4, "Diapositives"), (1, 4, "Classeur"), (2, 4, "Fichier CSV"),
                    (3, 4, "Jeu de données ouvertes"), (4, 4, "Terminé")]


def test_an_unknown_forum_is_a_clear_error(forum, tmp_path):
    with pytest.raises(ExportError) as raised:
        export_forum(forum.store, "Forum inconnu", tmp_path / "x")
    assert raised.value.translated(Translator("fr").gettext) == (
        "Aucun atelier n’appartient au forum Forum inconnu.")
    assert not (tmp_path / "x").exists()


def test_french_deck(forum, tmp_path, rendered):
    _files, deck = _export(forum, tmp_path, rendered=rendered)
    found = titles(deck)
    assert found[:8] == [FORUM, "Participation", "Thèmes partagés entre ateliers",
                         "Thèmes propres à un atelier", "Propositions en tête du forum",
                         "Atelier de Rennes", "Atelier de Brest", "Atelier de Lorient"]
    assert found[8:] == ["Où trouver le reste"]  # no next step, no empty slide; annex: a file
    cover = texts(deck.slides[0])
    assert "du 24 novembre 2017 au 5 décembre 2017" in cover
    assert "Rennes · Brest · Lorient" in cover and "3 ateliers" in cover

    people, roles, channels = (series(c) for c in charts(slide_titled(deck, "Participation")))
    assert people == (["Rennes", "Brest", "Lorient"], [6, 6, 6])
    assert channels == (["Téléphone", "Papier", "Borne"], [18, 0, 0])  # people, not answers
    assert roles == (["Usager", "Agent public", "Élu·e", "Autre"], [9, 9, 0, 0])

    recurring = texts(slide_titled(deck, "Thèmes partagés entre ateliers"))
    assert any(line.endswith("— Rennes, Brest, Lorient") and "samedi" in line
               for line in recurring)
    specific = texts(slide_titled(deck, "Thèmes propres à un atelier"))
    brest = specific.index("Brest")
    assert "numéro" in specific[brest + 1]

    top = slide_titled(deck, "Propositions en tête du forum")
    assert "1 · 6 gommettes — Un seul formulaire pour tout (Lorient)" in texts(top)
    # every proposal whole: at this length, the whole width and no chart
    assert sum(" · 5 gommettes — " in line for line in texts(top)) >= 2

    lorient = texts(slide_titled(deck, "Atelier de Lorient"))
    assert "Comment simplifier nos démarches ?" in lorient
    assert "• Moins de papiers" in lorient and "• Ouverture le samedi" in lorient
    assert "6 gommettes — Un seul formulaire pour tout" in lorient
    rennes = texts(slide_titled(deck, "Atelier de Rennes"))
    assert "Comment être plus proche de ses usagers ?" in rennes
    assert any("6 participants" in line for line in rennes)

    export_forum(forum.store, forum.name, tmp_path / "annex", annex=True)
    annexed = Presentation(str(rendered.add(next((tmp_path / "annex").glob("*-annex.pptx")))))
    annex = [shape.table for slide in annexed.slides for shape in slide.shapes
             if shape.has_table]
    cells = [[c.text for c in row.cells] for table in annex for row in list(table.rows)[1:]]
    snaps = [synthesis.snapshot(forum.store, c) for c in forum.codes.values()]
    assert len(cells) == len(synthesis.forum_top(snaps)) == 8
    assert cells[0] == ["1", "Lorient", "6", "2", "Un seul formulaire pour tout"]
    assert {row[1] for row in cells} == {"Rennes", "Brest", "Lorient"}
    for slide in deck.slides:
        for shape in slide.shapes:
            assert inside(shape, deck), (shape.name, slide.shapes.title.text)


def test_english_deck_and_next_steps(forum, tmp_path, rendered):
    store = forum.store
    boards.add_commitment(store, store.session(forum.codes["Brest"]),
                          "Test a free number for six months", who="CAF", when="2018")
    _files, deck = _export(forum, tmp_path, lang="en", rendered=rendered)
    found = titles(deck)
    assert found[1:5] == ["Participation", "Themes shared across workshops",
                          "Themes specific to one workshop", "Top proposals of the forum"]
    assert "Next steps" in found and found[-1] == "Where to find everything"
    assert "November 24, 2017 to December 5, 2017" in texts(deck.slides[0])
    cells = texts(slide_titled(deck, "Next steps"))[1:]
    assert cells == ["What", "Who", "When", "Workshop",
                     "Test a free number for six months", "CAF", "2018", "Brest"]


def test_workbook_and_csv_have_the_workshop_column_and_no_formula(forum, tmp_path):
    export_forum(forum.store, forum.name, tmp_path, lang="en", sep=",")
    book = load_workbook(tmp_path / f"{SLUG}-contributions.xlsx")
    assert book.sheetnames == ["workshops", "top proposals", "themes", "participants",
                               "votes", "raw"]
    raw = [[c.value for c in row] for row in book["raw"].iter_rows()]
    assert raw[0][:2] == ["Workshop", "Answer no."]
    sheet = book["raw"]
    text, moment = raw[0].index("Text") + 1, raw[0].index("Time (UTC)") + 1
    assert sheet.cell(1, 1).font.b and not sheet.cell(2, 1).font.b
    assert sheet.cell(2, text).alignment.wrap_text and not sheet.cell(2, 1).alignment.wrap_text
    assert sheet.cell(2, moment).number_format == "yyyy-mm-dd hh:mm:ss"
    assert {row[0] for row in raw[1:]} == set(forum.codes.values())
    for sheet in book.worksheets:
        for row in sheet.iter_rows():
            for cell in row:
                assert cell.data_type != "f", (sheet.title, cell.coordinate, cell.value)
    assert HOSTILE[0] in [row[raw[0].index("Text")] for row in raw]  # as written, as text
    top = [[c.value for c in row] for row in book["top proposals"].iter_rows()]
    assert top[1][:2] == [1, forum.codes["Lorient"]] and top[1][4] == "Un seul formulaire pour tout"
    themes = [[c.value for c in row] for row in book["themes"].iter_rows()]
    assert any(row[2] is True and row[4] == "Ouverture le samedi" for row in themes[1:])
    rows = list(csv.reader(io.StringIO(
        (tmp_path / f"{SLUG}-contributions.csv").read_text("utf-8-sig"))))
    assert rows[0][:2] == ["Workshop", "Answer no."]
    assert {row[0] for row in rows[1:]} == set(forum.codes.values())
    assert not any(cell.startswith(("=", "+", "-", "@")) for row in rows for cell in row)


def test_open_data_package_is_valid_and_every_resource_has_a_workshop(forum, tmp_path):
    export_forum(forum.store, forum.name, tmp_path)
    descriptor = json.loads((tmp_path / "datapackage.json").read_text("utf-8"))
    assert descriptor["name"] == "palabre-" + SLUG
    for resource in descriptor["resources"]:
        assert resource["schema"]["fields"][0]["name"] == "workshop", resource["name"]
    report = validate(tmp_path / "datapackage.json")
    assert report.valid, report.flatten(["rowNumber", "fieldName", "type", "note"])
    workshops = list(csv.DictReader(io.StringIO(
        (tmp_path / "data" / "workshops.csv").read_text("utf-8"))))
    assert [(w["place"], w["held_on"], w["participants"]) for w in workshops] == [
        ("Rennes", "2017-11-24", "6"), ("Brest", "2017-11-28", "6"),
        ("Lorient", "2017-12-05", "6")]


def test_slug_of_a_forum_name():
    assert slug("Forum de l'action publique — Bretagne 2024") == (
        "forum-de-l-action-publique-bretagne-2024")
    assert slug("Île-de-France") == "ile-de-france"
    assert slug("«»") == "forum"


def test_workshops_of_the_same_place_are_told_apart(forum):
    store = forum.store
    store.update_session(forum.codes["Brest"], place="Rennes")
    named = Forum.open(store, forum.name, "fr")
    assert [named.label(forum.codes[p]) for p in ("Rennes", "Brest")] == [
        "Rennes (24 novembre 2017)", "Rennes (28 novembre 2017)"]


@pytest.mark.libreoffice
def test_pdf_has_a_page_per_slide(forum, tmp_path, libreoffice):
    files, deck = _export(forum, tmp_path, pdf=True)
    pdf = tmp_path / f"{SLUG}-restitution.pdf"
    assert pdf in files
    assert len(PdfReader(str(pdf)).pages) == len(deck.slides)
