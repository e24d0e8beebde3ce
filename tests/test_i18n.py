"""French first, English too: a message without a translation fails here."""

import pytest

from palabre.i18n import LANGS, Translator, extract, missing, negotiate


def test_messages_are_found_in_code_and_templates():
    found = extract()
    assert "Choose at least one answer." in found


@pytest.mark.parametrize("lang", LANGS)
def test_every_message_is_translated(lang):
    gaps = missing(lang)
    listed = "\n".join(f"  {msgid!r} ({', '.join(where[:2])})"
                       for msgid, (_plural, where) in sorted(gaps.items()))
    assert not gaps, (f"{len(gaps)} message(s) lack a {lang} translation or use other "
                      f"placeholders (run `python -m palabre.i18n`):\n{listed}")


def test_french_is_the_default():
    assert Translator().lang == "fr"
    assert Translator("de").lang == "fr"
    assert Translator("fr")("Choose at least one answer.") == "Choisissez au moins une réponse."


@pytest.mark.parametrize(("header", "lang"), [
    (None, "fr"), ("", "fr"), ("en-GB,en;q=0.9", "en"), ("fr-FR,fr;q=0.9,en;q=0.8", "fr"),
    ("de-DE,en;q=0.5", "en"), ("de-DE", "fr"), ("*", "fr"), ("garbage;;q=", "fr"),
])
def test_the_phone_language_follows_the_browser(header, lang):
    assert negotiate(header) == lang
