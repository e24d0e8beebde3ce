"""No text may leave as a spreadsheet formula, and the workbook keeps what people wrote."""

import pytest
from openpyxl import Workbook, load_workbook
from palabre.exports.neutralise import cell, text_cell, xml_safe


@pytest.mark.parametrize("text", ['=HYPERLINK("http://x","y")', "+1", "-2", "@x", "\tx",
                                  "\rx", "=cmd|' /C calc'!A0"])
def test_formula_starts_get_an_apostrophe(text):
    assert cell(text) == "'" + text


@pytest.mark.parametrize("value", ["Accueil", "1 + 1", "a=b", "", "مرحبا", 3, 2.5, None, True])
def test_other_values_are_left_alone(value):
    assert cell(value) == value


def test_what_xml_refuses_is_dropped():
    assert xml_safe("a\x00b\x0bc\ufffed\ud800e\nf") == "abcde\nf"


def test_a_workbook_text_cell_is_typed_as_text_and_kept_as_written(tmp_path):
    book = Workbook(write_only=True)
    sheet = book.create_sheet("s")
    written = ['=HYPERLINK("http://x","y")', "-2 agents", "+1", "@x", "\tx"]
    sheet.append([text_cell(sheet, t) for t in written] + [text_cell(sheet, 3)])
    book.save(tmp_path / "t.xlsx")
    row = next(load_workbook(tmp_path / "t.xlsx")["s"].iter_rows())
    assert [(c.value, c.data_type) for c in row] == [(t, "s") for t in written] + [(3, "n")]
