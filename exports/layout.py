"""Geometry and text budgets for the deck.

Nothing fits text for us (python-pptx's ``fit_text`` needs font files and still overflowed;
shrink-on-overflow is unreadable in LibreOffice), so each box gets a budget estimated from
its size and font size: characters per line and lines. Texts are shortened to their share and
paginated by that budget; the full texts stay in the annex, the notes and the workbook.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass

from pptx.util import Emu, Inches, Length, Pt

from palabre.text import shorten

# --- geometry -----------------------------------------------------------------------------
MARGIN = Inches(0.5)
GAP = Inches(0.25)
TITLE_HEIGHT = Inches(1.1)  # for layouts without a title placeholder
SUBTITLE_HEIGHT = Inches(0.5)


class Size:
    """Font sizes, one place. Nothing a person reads on a slide is under MIN: a restitution
    is read from the back of a room."""

    QUESTION = Pt(28)
    BODY = Pt(20)
    LIST = Pt(18)
    SUBTITLE = Pt(16)
    TABLE = Pt(14)
    CHART = Pt(14)
    MIN = Pt(14)
    TITLE_MIN = Pt(24)


# An average glyph of a wide sans-serif (DejaVu Sans, what LibreOffice falls back on) is
# about 0.46 em in French text; narrower fonts (Calibri, Marianne) leave room to spare.
AVG_CHAR_EM = 0.5
WRAP_LOSS = 0.9
LINE_EM = 1.25
PARAGRAPH_SPACE = Pt(6)
CELL_MARGIN_LINES = 0.7  # a table cell's top and bottom insets, in lines of its font
CELL_INSET_CHARS = 4
FRAME_INSET_PT = 7.2  # a table cell's left and right insets, in characters

# --- budgets ------------------------------------------------------------------------------
IDEA_LINES = 3  # one idea on a slide: at most this many lines, then shortened
ANNEX_LINES = 3  # one answer in the annex table (the workbook has it whole)
TOP_ITEMS = 8  # items of a vote shown on its slides
MAX_PHASE_PAGES = 1  # slides per list of answers; the rest is in the workbook and the annex
DECISION_PAGES = 3  # slides a vote's decisions may continue on, each proposal in full
ANNEX_ROWS = 12  # rows per annex slide at most, even short ones
CHART_LABEL_CHARS = 40
QUESTION_CHARS = 300
PROMPT_CHARS = 160
BULLET = "\u2022 "
MORE_LINES = 2  # room kept for « N more: see the workbook, sheet “…” »


@dataclass(frozen=True)
class Box:
    left: Length
    top: Length
    width: Length
    height: Length

    def columns(self, n: int, gap: Length = GAP, weights: tuple[float, ...] = ()
                ) -> list[Box]:
        weights = weights or (1.0,) * n
        usable = self.width - gap * (n - 1)
        boxes, left = [], self.left
        for weight in weights:
            width = Emu(int(usable * weight / sum(weights)))
            boxes.append(Box(Emu(left), self.top, width, self.height))
            left += width + gap
        return boxes

    def grid(self, rows: int, cols: int, gap: Length = GAP) -> list[Box]:
        """Cells left to right, then top to bottom."""
        height = Emu(int((self.height - gap * (rows - 1)) / rows))
        cells = []
        for row in range(rows):
            band = Box(self.left, Emu(self.top + row * (height + gap)), self.width, height)
            cells += band.columns(cols, gap)
        return cells

    def take_top(self, height: Length, gap: Length = GAP) -> tuple[Box, Box]:
        """Split into a band of the given height and the rest below it."""
        band = Box(self.left, self.top, self.width, Emu(height))
        rest = Box(self.left, Emu(self.top + height + gap), self.width,
                   Emu(max(self.height - height - gap, 0)))
        return band, rest


@dataclass(frozen=True)
class TextFit:
    """How much text of one size a box holds, estimated."""

    chars_per_line: int
    lines: float

    @classmethod
    def of(cls, width: Length, height: Length, size: Length) -> TextFit:
        # A text frame's insets: 0.1 in left and right, 0.05 in top and bottom.
        cpl = (Emu(width).pt - FRAME_INSET_PT * 2) / (Emu(size).pt * AVG_CHAR_EM) * WRAP_LOSS
        return cls(chars_per_line=max(int(cpl), 10),
                   lines=(Emu(height).pt - FRAME_INSET_PT) / (Emu(size).pt * LINE_EM))

    def lines_for(self, text: str) -> int:
        return sum(max(1, math.ceil(len(part) / self.chars_per_line))
                   for part in text.split("\n"))

    def budget(self, lines: int) -> int:
        return self.chars_per_line * lines


def row_height(lines: float, size: Length = Size.TABLE) -> Length:
    """A table row holding that many lines of text, insets included."""
    return Emu(int(size * LINE_EM * (lines + CELL_MARGIN_LINES)))


def paragraph_lines(size: Length) -> float:
    """The space after a paragraph, counted in lines of that font size."""
    return Emu(PARAGRAPH_SPACE).pt / (Emu(size).pt * LINE_EM)


def one_line(text: str) -> str:
    return " ".join(text.split())


def paginate(texts: list[str], fit: TextFit, *, item_lines: int, max_items: int = 1000,
             spacing_lines: float = 0.0, reserve: float = 0.0) -> list[list[str]]:
    """Shorten each text to item_lines and cut the list into pages that fit the box, less
    ``reserve`` lines (for the line that may replace the last one, saying where the rest is)."""
    fit = TextFit(fit.chars_per_line, max(fit.lines - reserve, 1))
    pages: list[list[str]] = [[]]
    used = 0.0
    for text in texts:
        short = shorten(one_line(text), fit.budget(item_lines))
        need = fit.lines_for(short) + spacing_lines
        if pages[-1] and (used + need > fit.lines or len(pages[-1]) >= max_items):
            pages.append([])
            used = 0.0
        pages[-1].append(short)
        used += need
    return pages if pages[0] else []


def whole_pages(texts: list[str], fit: TextFit, *, spacing_lines: float = 0.0,
                reserve: float = 0.0) -> list[list[str]]:
    """Cut texts into pages that fit the box, each text whole: a proposal is never cut. Only a
    text longer than a whole page is shortened to one. ``reserve`` keeps lines free on every
    page (for a line that says where the rest is)."""
    room = max(fit.lines - reserve, 1)
    pages: list[list[str]] = [[]]
    used = 0.0
    for text in texts:
        text = one_line(text)
        if fit.lines_for(text) > room:
            text = shorten(text, fit.budget(max(int(room - spacing_lines), 1)))
        need = fit.lines_for(text) + spacing_lines
        if pages[-1] and used + need > room:
            pages.append([])
            used = 0.0
        pages[-1].append(text)
        used += need
    return pages if pages[0] else []


def largest_fit(texts: list[str], box: Box, sizes: tuple[Length, ...], *,
                reserve: float = 0.0) -> tuple[Length, list[list[str]]]:
    """The largest font size at which the texts fit on one page of the box, whole; at the
    smallest size, as many pages as they need."""
    for size in sizes:
        fit = TextFit.of(box.width, box.height, size)
        pages = whole_pages(texts, fit, spacing_lines=paragraph_lines(size), reserve=reserve)
        if len(pages) <= 1:
            return size, pages
    return size, pages


def fill(texts: list[str], fit: TextFit, *, item_lines: int, more: str,
         spacing_lines: float = 0.0) -> list[str]:
    """As many bulleted texts as the box holds; if some are left out, the last line says how
    many, with ``more`` (a template with {n})."""
    pages = paginate(texts, fit, item_lines=item_lines, spacing_lines=spacing_lines,
                     reserve=MORE_LINES)
    if not pages:
        return []
    lines = [BULLET + text for text in pages[0]]
    left_out = len(texts) - len(pages[0])
    if left_out:
        lines[-1] = more.format(n=left_out + 1)
    return lines


def _cell_fits(widths: tuple[float, ...], box: Box, size: Length) -> list[TextFit]:
    total = sum(widths)
    fits = [TextFit.of(Emu(int(box.width * w / total)), box.height, size) for w in widths]
    return [TextFit(max(f.chars_per_line - CELL_INSET_CHARS, 5), f.lines) for f in fits]


def row_lines(row: list[str], fits: list[TextFit]) -> int:
    """Lines the tallest cell of a row takes."""
    return max(f.lines_for(cell) for f, cell in zip(fits, row, strict=True))


def row_heights(rows: list[list[str]], widths: tuple[float, ...], box: Box,
                size: Length) -> list[Length]:
    """Each row as tall as its longest cell, so the renderer never has to grow it."""
    fits = _cell_fits(widths, box, size)
    return [row_height(row_lines(row, fits), size) for row in rows]


def table_pages(rows: list[list[str]], widths: tuple[float, ...], box: Box, size: Length, *,
                max_rows: int) -> list[list[list[str]]]:
    """Cut table rows into pages whose estimated height fits the box (rows grow with the
    longest cell); cells must already be shortened to their budget."""
    fits = _cell_fits(widths, box, size)
    available = TextFit.of(box.width, box.height, size).lines
    header = 1 + CELL_MARGIN_LINES
    pages: list[list[list[str]]] = [[]]
    used = header
    for row in rows:
        need = row_lines(row, fits) + CELL_MARGIN_LINES
        if pages[-1] and (used + need > available or len(pages[-1]) >= max_rows):
            pages.append([])
            used = header
        pages[-1].append(row)
        used += need
    return pages if pages[0] else []


def cell_budget(box: Box, widths: tuple[float, ...], column: int, size: Length,
                lines: int) -> int:
    """Characters one cell of that column holds in that many lines."""
    width = Emu(int(box.width * widths[column] / sum(widths)))
    fit = TextFit.of(width, box.height, size)
    return max(fit.chars_per_line - CELL_INSET_CHARS, 5) * lines


# Pictographs, dingbats, flags, skin tones, joiners and variation selectors: blank in
# LibreOffice's PDF and boxes in chart renderers.
_EMOJI = re.compile(
    "[\U0001f000-\U0001faff\U0001fc00-\U0001ffff\u2600-\u27bf\u2b00-\u2bff\u2300-\u23ff"
    "\ufe00-\ufe0f\u200d\u20e3\U000e0000-\U000e007f]"
)


def strip_emoji(text: str) -> str:
    return " ".join(_EMOJI.sub("", text).split())


def chart_label(text: str, fallback: str) -> str:
    """A category label a chart can draw: no emoji, one short line, never empty."""
    return shorten(strip_emoji(text), CHART_LABEL_CHARS) or fallback


def bar_labels(texts: list[str], numbers: list[str]) -> list[str]:
    """Bars named by their text when every text fits a label whole, else by their number or
    rank (the list beside the chart says which is which): a bar is never named by a cut
    text. Returns ``numbers`` itself in that case, so the caller knows to number its list."""
    if all(len(strip_emoji(t)) <= CHART_LABEL_CHARS for t in texts):
        return [chart_label(t, n) for t, n in zip(texts, numbers, strict=True)]
    return numbers
