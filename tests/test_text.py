"""The door: what the store, the deck and the spreadsheet can never choke on."""

import unicodedata

import pytest

from palabre import codes
from palabre.text import TextTooLong, clean, clean_short, shorten


@pytest.mark.parametrize(("raw", "expected"), [
    ("Fermer\x00 le guichet", "Fermer le guichet"),
    ("a\ufffeb\uffffc", "abc"),
    ("lone \ud800 surrogate", "lone surrogate"),
    ("\u202eerutcaf\u202c", "erutcaf"),
    ("\u2066isolé\u2069", "isolé"),
    ("Cafe\u0301", "Café"),  # NFC
    ("  trop   d'espaces\t\tici  ", "trop d'espaces ici"),
    ("ligne 1\r\nligne 2\rligne 3", "ligne 1\nligne 2\nligne 3"),
    ("a\n\n\n\n\nb", "a\n\nb"),
    ("\x1b[31mrouge\x9b", "[31mrouge"),
    ("<script>alert(1)</script>", "<script>alert(1)</script>"),  # escaped at exits, not here
    ("Accueil 👍 humain", "Accueil 👍 humain"),
])
def test_cleaning(raw, expected):
    assert clean(raw) == expected


def test_cleaned_text_is_storable_everywhere():
    hostile = "".join(chr(c) for c in range(0, 0x250)) + "\ud800\udfff\ufffe\u202e"
    cleaned = clean(hostile, max_chars=2000, max_bytes=8000)
    cleaned.encode("utf-8")  # no lone surrogate left
    assert "\x00" not in cleaned and "\ufffe" not in cleaned


def test_too_long_is_refused_with_the_limit_never_truncated():
    with pytest.raises(TextTooLong) as caught:
        clean("x" * 281, max_chars=280)
    assert (caught.value.max_chars, caught.value.length) == (280, 281)
    with pytest.raises(TextTooLong):
        clean("é" * 100, max_chars=1000, max_bytes=150)


def test_short_labels_are_one_line():
    assert clean_short("Table\n3") == "Table 3"


def test_shorten_cuts_at_a_word_and_marks_the_cut():
    assert shorten("Un accueil humain et rapide", 15) == "Un accueil…"
    assert shorten("court", 15) == "court"


def test_codes_read_back_from_what_people_type():
    code = codes.new_code()
    assert codes.normalize(f" {code.lower()[:2]} {code.lower()[2:]} ") == code
    assert codes.normalize("ABC") is None
    assert codes.normalize("O0O0O") is None


def test_a_stack_of_combining_marks_is_capped_and_real_accents_are_kept():
    from palabre.text import MAX_MARKS

    assert clean("Q" + "\u0301" * 200) == "Q" + "\u0301" * MAX_MARKS  # no precomposed Q́
    vietnamese = "Tiếng Việt, người, Ỷ"  # two marks on a letter, composed or not
    assert clean(vietnamese) == vietnamese
    assert clean("e\u0301\u0323") == "\u1eb9\u0301"  # NFC first: ẹ́ stays whole
    hebrew = "\u05e9\u05c1\u05b8\u0591"  # shin, its dot, a vowel and a cantillation mark
    assert clean(hebrew) == unicodedata.normalize("NFC", hebrew)  # all four marks kept
