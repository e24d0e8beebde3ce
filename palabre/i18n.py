"""French first, English too: one gettext catalog per language, merged from per-area .po files.

Message ids are English; both catalogs must translate every id (tests/test_i18n.py fails
otherwise). Catalogs are compiled in memory from the .po sources at first use, so the .po files
are the single source of truth and no build step is needed.
"""

from __future__ import annotations

import gettext as _gettext
import io
from functools import cache, lru_cache
from importlib import resources

from babel import Locale, UnknownLocaleError
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po

LANGS = ("fr", "en")
DEFAULT_LANG = "fr"


def N_(message: str) -> str:
    """Mark a message for extraction where it is defined; translate it where it is shown."""
    return message


def _po_files(lang: str):
    folder = resources.files("palabre") / "locale" / lang
    return sorted((f for f in folder.iterdir() if f.name.endswith(".po")), key=lambda f: f.name)


@cache
def translations(lang: str) -> _gettext.GNUTranslations:
    lang = lang if lang in LANGS else DEFAULT_LANG
    merged = None
    for po in _po_files(lang):
        with po.open("rb") as handle:
            catalog = read_po(handle, locale=lang)
        if merged is None:
            merged = catalog
        else:
            for message in catalog:
                if message.id:
                    merged[message.id] = message
    buffer = io.BytesIO()
    write_mo(buffer, merged)
    buffer.seek(0)
    return _gettext.GNUTranslations(buffer)


class Translator:
    """The strings of one language, passed explicitly: no process-wide locale."""

    def __init__(self, lang: str | None = None):
        self.lang = lang if lang in LANGS else DEFAULT_LANG
        self._t = translations(self.lang)

    def gettext(self, message: str, **values) -> str:
        text = self._t.gettext(message)
        return text.format(**values) if values else text

    def ngettext(self, singular: str, plural: str, n: int, **values) -> str:
        text = self._t.ngettext(singular, plural, n)
        return text.format(n=n, **values)

    __call__ = gettext


def format_number(value: float | None, lang: str) -> str:
    """A figure as the room reads it (a median, minutes): one decimal at most, a decimal comma
    in French, a dash when there is none."""
    if value is None:
        return "–"
    text = f"{value:.1f}".rstrip("0").rstrip(".")
    return text.replace(".", ",") if lang == "fr" else text


@lru_cache(maxsize=512)
def negotiate(accept_language: str | None, default: str = DEFAULT_LANG) -> str:
    """Pick fr or en from an Accept-Language header. Kept by header: a room's phones send a
    handful of different ones, and babel parses each tag anew."""
    if not accept_language:
        return default
    preferred = []
    for part in accept_language.split(","):
        tag = part.split(";")[0].strip().replace("-", "_")
        if tag and tag != "*":
            preferred.append(tag)
    try:
        found = Locale.negotiate(preferred, list(LANGS), sep="_")
    except (UnknownLocaleError, ValueError):
        found = None
    return str(found.language) if found else default


# --- catalog upkeep ----------------------------------------------------------------------
KEYWORDS = {"_": None, "N_": None, "gettext": None, "ngettext": (1, 2)}
_SOURCE_PACKAGES = ("palabre", "palabre.exercises", "palabre.personas", "palabre.widgets",
                    "palabre.exports")


def extract() -> dict[str, tuple[str | None, list[str]]]:
    """Every message id in the code and templates: {id: (plural id, [where])}."""
    from babel.messages.extract import extract_from_file

    found: dict[str, tuple[str | None, list[str]]] = {}
    for package in _SOURCE_PACKAGES:
        root = resources.files(package)
        for path in _walk(root):
            if path.name.endswith(".py"):
                method = "python"
            elif path.name.endswith(".html"):
                method = "jinja2.ext:babel_extract"
            else:
                continue
            for line, message, _comments, _context in extract_from_file(
                    method, str(path), keywords=KEYWORDS, options={"extensions": ""}):
                singular, plural = (message if isinstance(message, tuple)
                                    else (message, None))[:2]
                if not singular:
                    continue
                entry = found.setdefault(singular, (plural, []))
                entry[1].append(f"{path.name}:{line}")
    return found


def _walk(folder):
    for entry in folder.iterdir():
        if entry.is_dir():
            if entry.name not in ("__pycache__", "locale") and not entry.name.startswith("."):
                yield from _walk(entry)
        else:
            yield entry


def missing(lang: str) -> dict[str, tuple[str | None, list[str]]]:
    """Message ids the language's catalogs do not translate (or translate with other
    placeholders, which would raise at display time)."""
    import string

    catalog: dict[str, object] = {}
    for po in _po_files(lang):
        with po.open("rb") as handle:
            for message in read_po(handle, locale=lang):
                if message.id:
                    key = message.id[0] if isinstance(message.id, tuple) else message.id
                    catalog[key] = message.string

    def fields(text: str) -> set[str]:
        return {name for _lit, name, _spec, _conv in string.Formatter().parse(text) if name}

    gaps = {}
    for msgid, (plural, where) in extract().items():
        translated = catalog.get(msgid)
        forms = list(translated) if isinstance(translated, tuple) else [translated]
        expected = fields(msgid) | (fields(plural) if plural else set())
        if not all(forms) or any(fields(form) - expected for form in forms):
            gaps[msgid] = (plural, where)
    return gaps


def _po_entry(msgid: str, plural: str | None, where: list[str]) -> str:
    def quote(text: str) -> str:
        return '"' + text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n") + '"'

    lines = [f"#: {' '.join(where[:3])}", f"msgid {quote(msgid)}"]
    if plural:
        lines += [f"msgid_plural {quote(plural)}", 'msgstr[0] ""', 'msgstr[1] ""']
    else:
        lines.append('msgstr ""')
    return "\n".join(lines) + "\n"


if __name__ == "__main__":  # python -m palabre.i18n: list what each catalog lacks, as .po
    import sys

    status = 0
    for language in LANGS:
        gaps = missing(language)
        if gaps:
            status = 1
            print(f"# {language}: {len(gaps)} message(s) to translate")
            for msgid, (plural, where) in sorted(gaps.items()):
                print(_po_entry(msgid, plural, where))
    sys.exit(status)
