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


def test_no_catalog_message_is_left_over():
    """Every id a catalog translates is still used: found by the extractor, or written out in
    a source file (inside an f-string the extractor cannot read). argparse's own messages,
    which it translates itself, are the one exception."""
    argparse = {"usage: ", "positional arguments", "show this help message and exit",
                "expected one argument"}
    from pathlib import Path

    from babel.messages.pofile import read_po

    import palabre.i18n as i18n

    used = set(i18n.extract())
    roots = [Path(__file__).resolve().parents[1] / name
             for name in ("palabre", "exercises", "personas", "widgets", "exports", "workshops")]
    sources = "\n".join(path.read_text(encoding="utf-8") for root in roots
                        for path in root.rglob("*") if path.suffix in (".py", ".html", ".j2"))
    left_over = []
    for lang in LANGS:
        for po in i18n._po_files(lang):
            with po.open("rb") as handle:
                for message in read_po(handle, locale=lang):
                    msgid = message.id[0] if isinstance(message.id, tuple) else message.id
                    if not msgid or msgid in used or msgid in argparse or (
                            "%(" in msgid or "%s" in msgid):  # argparse's own placeholders
                        continue
                    if msgid.split("\n")[0] not in sources:
                        left_over.append(f"{lang}/{po.name}: {msgid!r}")
    assert left_over == [], "\n".join(left_over)
