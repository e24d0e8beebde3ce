"""French first, English too: one gettext catalog per language, merged from per-area .po files.

Message ids are English; both catalogs must translate every id (tests/test_i18n.py fails
otherwise). Catalogs are compiled in memory from the .po sources at first use, so the .po files
are the single source of truth and no build step is needed.
"""

from __future__ import annotations

import gettext as _gettext
import io
from functools import cache
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


def negotiate(accept_language: str | None, default: str = DEFAULT_LANG) -> str:
    """Pick fr or en from an Accept-Language header."""
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
