"""The workbook and the CSV, reopened as a spreadsheet program would."""

from __future__ import annotations

import csv
import io

from openpyxl import load_workbook
from palabre.exports import export_workshop
from palabre.exports.sheets import sheet_name

from .conftest import HIDDEN_TEXT, HOSTILE, LONG_TEXT, SOLUTIONS, TAB_TEXT

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def _files(built, tmp_path, **options):
    export_workshop(built.store, built.code, tmp_path, **options)
    return (tmp_path / f"{built.code}-contributions.xlsx",
            tmp_path / f"{built.code}-contributions.csv")


def _cells(book):
    for sheet in book.worksheets:
        for row in sheet.iter_rows():
            yield from row


def test_workbook_sheets_and_no_formula_anywhere(brainstorm, tmp_path):
    xlsx, _csv = _files(brainstorm, tmp_path)
    book = load_workbook(xlsx)
    assert book.sheetnames == ["Pire idée", "Retourner les idées", "Vote", "participants",
                               "votes", "données brutes"]
    values = []
    for cell in _cells(book):
        assert cell.data_type != "f", (cell.coordinate, cell.value)
        if isinstance(cell.value, str):
            assert cell.data_type == "s", (cell.coordinate, cell.value)  # typed as text
            values.append(cell.value)
    # What people wrote, as they wrote it: a text cell is never read as a formula.
    assert HOSTILE[0] in values  # =HYPERLINK(...) kept, as text
    assert "+1 pour plus de guichets" in values
    assert "-2 agents à l'accueil" in values
    assert "@tous fermer le guichet" in values
    assert TAB_TEXT in values
    assert not any(v.startswith("'") for v in values)  # no visible apostrophe
    assert LONG_TEXT in values  # the full text, never shortened
    assert HOSTILE[-1] in values  # right-to-left text round-trips
    assert not any(key in v for v in values for key in brainstorm.device_keys)


def test_each_sheet_has_its_kind_columns(brainstorm, tmp_path):
    book = load_workbook(_files(brainstorm, tmp_path)[0])
    rows = lambda name: [[c.value for c in r] for r in book[name].iter_rows()]  # noqa: E731
    ideas = rows("Retourner les idées")
    assert ideas[0] == ["N° de réponse", "Texte", "Détails", "Participant", "Profil", "Table",
                        "Canal", "Heure (UTC)"]
    assert [r[1] for r in ideas[1:]] == SOLUTIONS  # the hidden one is not there
    vote = rows("Vote")
    assert vote[0] == ["Rang", "N° d’élément", "Élément", "Gommettes", "Votants"]
    assert [(r[2], r[3], r[4]) for r in vote[1:3]] == [(SOLUTIONS[0], 10, 5),
                                                      (SOLUTIONS[1], 8, 6)]
    people = rows("participants")
    assert people[0] == ["Participant", "Profil", "Table", "Canal"]
    assert people[1] == ["P001", "Usager", "Table 1", "Téléphone"]
    assert len(people) == 10
    ballots = rows("votes")
    counted = {r[0]: r[-1] for r in ballots[1:]}
    # The ballot its author replaced, marked for a reader of the workbook.
    assert sorted(counted.values()).count("non compté (remplacé)") == 1
    raw = rows("données brutes")
    assert raw[0][-1] == "Masquée par la modération"
    hidden = [r for r in raw[1:] if r[-1] is True]
    assert [r[9] for r in hidden] == [HIDDEN_TEXT]
    assert len(raw) - 1 == 25  # every answer, the hidden one included


def test_sheet_names_follow_excel_rules():
    taken: set[str] = set()
    names = [sheet_name(t, taken) for t in ("Vote [1/2]: quoi ? *ici*", "x" * 40, "x" * 40,
                                            "VOTE [1/2]: QUOI ? *ICI*", "///")]
    assert all(len(n) <= 31 and not set(n) & set("[]:*?/\\") for n in names)
    assert len({n.lower() for n in names}) == len(names)


def test_csv_has_a_bom_semicolons_and_neutralised_cells(brainstorm, tmp_path):
    path = _files(brainstorm, tmp_path)[1]
    data = path.read_bytes()
    assert data.startswith(b"\xef\xbb\xbf")
    rows = list(csv.reader(io.StringIO(data.decode("utf-8-sig")), delimiter=";"))
    assert rows[0][:3] == ["N° de réponse", "Identifiant de phase", "Phase"]
    assert len(rows) == 26 and all(len(r) == len(rows[0]) for r in rows)
    texts = [r[9] for r in rows[1:]]
    assert "'" + HOSTILE[0] in texts and LONG_TEXT in texts and HIDDEN_TEXT in texts
    assert not any(cell.startswith(FORMULA_STARTS) for r in rows for cell in r)


def test_csv_with_commas_in_english(brainstorm, tmp_path):
    path = _files(brainstorm, tmp_path, sep=",", lang="en")[1]
    rows = list(csv.reader(io.StringIO(path.read_text("utf-8-sig")), delimiter=","))
    assert rows[0][:3] == ["Answer no.", "Phase id", "Phase"]
    assert len(rows) == 26 and all(len(r) == len(rows[0]) for r in rows)
