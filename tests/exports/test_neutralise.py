"""No text may leave as a spreadsheet formula."""

import pytest
from palabre.exports.neutralise import cell, xml_safe


@pytest.mark.parametrize("text", ['=HYPERLINK("http://x","y")', "+1", "-2", "@x", "\tx",
                                  "\rx", "=cmd|' /C calc'!A0"])
def test_formula_starts_get_an_apostrophe(text):
    assert cell(text) == "'" + text


@pytest.mark.parametrize("value", ["Accueil", "1 + 1", "a=b", "", "مرحبا", 3, 2.5, None, True])
def test_other_values_are_left_alone(value):
    assert cell(value) == value


def test_what_xml_refuses_is_dropped():
    assert xml_safe("a\x00b\x0bc\ufffed\ud800e\nf") == "abcde\nf"
