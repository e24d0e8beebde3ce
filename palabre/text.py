"""Participant text is hostile until cleaned: clean once at the door, escape at every exit.

A NUL, U+FFFE or a lone surrogate makes sqlite3, python-pptx or openpyxl raise (openpyxl only
at save time), so one bad idea could sink a whole export. Cleaning happens once, before the
store; the exits (HTML, widgets, CSV/XLSX, PPTX) escape for their own syntax.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

# C0 controls except TAB and LF, DEL, C1 controls.
_CONTROLS = "".join(chr(c) for c in range(0x00, 0x20) if c not in (0x09, 0x0A))
_CONTROLS += chr(0x7F) + "".join(chr(c) for c in range(0x80, 0xA0))
# Bidi embeddings and overrides (U+202A-E) and isolates (U+2066-9): they can reorder what
# a reader sees on the projector or in a spreadsheet.
_BIDI = "".join(chr(c) for c in (*range(0x202A, 0x202F), *range(0x2066, 0x206A)))
_NONCHARS = "\ufffe\uffff"
_STRIP = re.compile(
    "[" + re.escape(_CONTROLS + _BIDI + _NONCHARS) + "]|[\ud800-\udfff]"
)
_SPACES = re.compile(r"[ \t]+")
# Combining marks kept on one letter: Vietnamese needs two, Hebrew with its points three or
# four. A stack of hundreds fits under any length cap and is drawn as a line hundreds of
# pixels tall over the cards and headings around it, so the rest are dropped.
MAX_MARKS = 4
_BLANK_LINES = re.compile(r"\n{3,}")

DEFAULT_MAX_CHARS = 1000
DEFAULT_MAX_BYTES = 4000
SHORT_MAX_CHARS = 60


@dataclass(frozen=True)
class TextTooLong(ValueError):
    """Carries the limit so the refusal can tell the participant how much is allowed."""

    max_chars: int
    length: int


def clean(value: str, *, max_chars: int = DEFAULT_MAX_CHARS,
          max_bytes: int = DEFAULT_MAX_BYTES, multiline: bool = True) -> str:
    """Return the text safe to store; raise TextTooLong past the cap (never truncate silently)."""
    if not isinstance(value, str):
        raise TypeError("text must be a string")
    text = value.replace("\r\n", "\n").replace("\r", "\n")
    text = _STRIP.sub("", text)
    text = unicodedata.normalize("NFC", text)
    text = cap_marks(text)
    if not multiline:
        text = text.replace("\n", " ")
    text = "\n".join(_SPACES.sub(" ", line).strip() for line in text.split("\n"))
    text = _BLANK_LINES.sub("\n\n", text).strip()
    if len(text) > max_chars or len(text.encode("utf-8")) > max_bytes:
        raise TextTooLong(max_chars=max_chars, length=len(text))
    return text


def cap_marks(text: str, most: int = MAX_MARKS) -> str:
    """Keep at most `most` combining marks after each character (NFC first, so a letter
    with its accent counts as one character)."""
    out, run = [], 0
    for char in text:
        run = run + 1 if unicodedata.combining(char) or unicodedata.category(char) in (
            "Mn", "Me") else 0
        if run <= most:
            out.append(char)
    return "".join(out)


def clean_short(value: str, *, max_chars: int = SHORT_MAX_CHARS) -> str:
    """Labels such as a table name: one line, short."""
    return clean(value, max_chars=max_chars, max_bytes=max_chars * 4, multiline=False)


def shorten(text: str, budget: int) -> str:
    """Cut at a word boundary within budget characters, marking the cut with an ellipsis."""
    if len(text) <= budget:
        return text
    cut = text[: max(budget - 1, 1)]
    space = cut.rfind(" ")
    if space > budget // 2:
        cut = cut[:space]
    return cut.rstrip(" ,;:.-") + "…"
