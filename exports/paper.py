"""Drawing A4 pages for print: text that wraps to its width, boxes, tick boxes, a QR code.

Pages are matplotlib figures saved with its PDF backend (or as PNG), in DejaVu Sans, black on
white, embedded as TrueType so the PDF's text can be searched and copied. Positions are in
millimetres from the top-left corner of the sheet, as one measures on paper.
"""

from __future__ import annotations

import io
import re
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass

import matplotlib
import qrcode
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.backends.backend_pdf import PdfPages
from matplotlib.collections import PatchCollection
from matplotlib.figure import Figure
from matplotlib.font_manager import FontProperties
from matplotlib.lines import Line2D
from matplotlib.patches import Circle, Rectangle
from matplotlib.textpath import text_to_path

from .layout import strip_emoji

MM_PER_INCH = 25.4
PT_PER_MM = 72 / MM_PER_INCH


class Mm(float):
    """A length on paper, in millimetres."""


class Pt(float):
    """A font size, in points."""


A4 = (Mm(210), Mm(297))
MARGIN = Mm(15)
LINE_SPACING = 1.25  # line height, in font sizes
SANS = "DejaVu Sans"
MONO = "DejaVu Sans Mono"
INK = "black"
PAPER = "white"
RULE = 0.8  # line width of boxes, in points
PNG_DPI = 200

# TrueType fonts in the PDF (not Type 3 glyph drawings): the text layer stays real text.
_RC = {"pdf.fonttype": 42, "font.family": SANS, "svg.fonttype": "none"}


@dataclass(frozen=True)
class Area:
    """A rectangle on the page, in millimetres from the top-left corner."""

    left: Mm
    top: Mm
    width: Mm
    height: Mm

    @property
    def bottom(self) -> Mm:
        return Mm(self.top + self.height)

    def take_top(self, height: float, gap: float = 0) -> tuple[Area, Area]:
        band = Area(self.left, self.top, self.width, Mm(height))
        rest = Area(self.left, Mm(self.top + height + gap), self.width,
                    Mm(max(self.height - height - gap, 0)))
        return band, rest

    def grid(self, rows: int, cols: int, gap: float) -> list[Area]:
        """Cells left to right, then top to bottom."""
        width = (self.width - gap * (cols - 1)) / cols
        height = (self.height - gap * (rows - 1)) / rows
        return [Area(Mm(self.left + c * (width + gap)), Mm(self.top + r * (height + gap)),
                     Mm(width), Mm(height)) for r in range(rows) for c in range(cols)]


def text_width(text: str, size: float, *, family: str = SANS, bold: bool = False) -> Mm:
    """How wide a line is printed, measured on the font itself."""
    prop = FontProperties(family=family, size=size, weight="bold" if bold else "normal")
    width, _height, _descent = text_to_path.get_text_width_height_descent(text, prop,
                                                                           ismath=False)
    return Mm(width / PT_PER_MM)


def wrap(text: str, width: float, size: float, *, family: str = SANS, bold: bool = False,
         max_lines: int | None = None) -> list[str]:
    """Greedy word wrap to the printed width; a word longer than a line is cut; past
    max_lines the last line ends with an ellipsis."""
    lines: list[str] = []
    for paragraph in strip_emoji_lines(text):
        line = ""
        for word in _words(paragraph):
            candidate = f"{line} {word}" if line else word
            if text_width(candidate, size, family=family, bold=bold) <= width:
                line = candidate
                continue
            if line:
                lines.append(line)
            while text_width(word, size, family=family, bold=bold) > width and len(word) > 1:
                cut = len(word)
                while cut > 1 and text_width(word[:cut], size, family=family,
                                             bold=bold) > width:
                    cut -= 1
                lines.append(word[:cut])
                word = word[cut:]
            line = word
        lines.append(line)
    if max_lines is not None and len(lines) > max_lines:
        kept = lines[:max_lines]
        last = kept[-1]
        while last and text_width(last + " …", size, family=family, bold=bold) > width:
            last = last[:-1].rstrip()
        kept[-1] = (last + " …").strip()
        return kept
    return lines


_BEFORE_MARK = re.compile(r" ([?!:;»])")
_AFTER_QUOTE = re.compile(r"« ")


def _words(paragraph: str) -> list[str]:
    """Words to wrap, French high punctuation kept with the word before it (no lone « ? »
    at the start of a line)."""
    glued = _AFTER_QUOTE.sub("«\u00a0", _BEFORE_MARK.sub("\u00a0\\1", paragraph))
    return [word for word in re.split(r"[ \t]+", glued) if word]


def strip_emoji_lines(text: str) -> list[str]:
    """Paragraphs without the emoji DejaVu Sans cannot draw (they would print as boxes)."""
    return [strip_emoji(part) for part in (text or "").split("\n")] or [""]


def line_height(size: float) -> Mm:
    return Mm(size * LINE_SPACING / PT_PER_MM)


class Page:
    """One A4 sheet being drawn."""

    def __init__(self, size: tuple[Mm, Mm] = A4):
        self.width, self.height = size
        self.figure = Figure(figsize=(self.width / MM_PER_INCH, self.height / MM_PER_INCH),
                             facecolor=PAPER)
        self.body = Area(MARGIN, MARGIN, Mm(self.width - 2 * MARGIN),
                         Mm(self.height - 2 * MARGIN))
        self._patches: list = []
        self.qr_codes: list[QrPlacement] = []

    # figure coordinates: fractions of the page, from the bottom-left
    def _x(self, mm: float) -> float:
        return mm / self.width

    def _y(self, mm: float) -> float:
        return 1 - mm / self.height

    def text(self, left: float, top: float, lines: Sequence[str], size: float, *,
             bold: bool = False, family: str = SANS, align: str = "left",
             width: float = 0) -> Mm:
        """Lines from (left, top) down; returns the height they took."""
        step = line_height(size)
        x = left + (width / 2 if align == "center" else width if align == "right" else 0)
        for number, line in enumerate(lines):
            # Participant text is drawn as typed: `$x^2$` would otherwise be read as
            # mathematics (and a lone `$...` sink the whole document), so every line of
            # every sheet is plain text, here, where all of them are drawn.
            self.figure.text(self._x(x), self._y(top + number * step + size / PT_PER_MM),
                             line, fontsize=size, family=family, color=INK,
                             weight="bold" if bold else "normal", ha=align, va="baseline",
                             parse_math=False)
        return Mm(step * len(lines))

    def paragraph(self, area: Area, text: str, size: float, *, bold: bool = False,
                  family: str = SANS, align: str = "left", max_lines: int | None = None
                  ) -> Mm:
        """Text wrapped to the area's width; returns the height it took."""
        fits = max(int(area.height / line_height(size)), 1)
        lines = wrap(text, area.width, size, family=family, bold=bold,
                     max_lines=min(max_lines or fits, fits))
        return self.text(area.left, area.top, lines, size, bold=bold, family=family,
                         align=align, width=area.width)

    def box(self, area: Area, *, weight: float = RULE, dashed: bool = False) -> None:
        self._patches.append(Rectangle(
            (self._x(area.left), self._y(area.bottom)), area.width / self.width,
            area.height / self.height, fill=False, edgecolor=INK, linewidth=weight,
            linestyle="--" if dashed else "-"))

    def line(self, left: float, top: float, width: float, *, weight: float = RULE) -> None:
        self.figure.add_artist(Line2D(
            [self._x(left), self._x(left + width)], [self._y(top), self._y(top)],
            color=INK, linewidth=weight))

    def circle(self, left: float, top: float, diameter: float) -> None:
        """An empty circle to fill in, its top-left corner at (left, top)."""
        radius = diameter / 2
        # Circles in figure fractions would be ellipses on a portrait page: draw in inches.
        self.figure.add_artist(Circle(
            ((left + radius) / MM_PER_INCH, (self.height - top - radius) / MM_PER_INCH),
            radius / MM_PER_INCH, fill=False, edgecolor=INK, linewidth=RULE,
            transform=self.figure.dpi_scale_trans))

    def tick_boxes(self, left: float, top: float, labels: Sequence[str], size: float,
                   width: float) -> Mm:
        """Labelled boxes to tick, flowing on as many lines as the width needs."""
        side = Mm(size / PT_PER_MM * 0.9)
        gap = Mm(side * 0.6)
        x, y = left, top
        for label in labels:
            need = side + gap + text_width(label, size) + 2 * gap
            if x > left and x + need > left + width:
                x, y = left, Mm(y + line_height(size) + gap / 2)
            self.box(Area(Mm(x), Mm(y + (line_height(size) - side) / 2), side, side))
            self.text(x + side + gap, y, [label], size)
            x += need
        return Mm(y + line_height(size) - top)

    def qr(self, area: Area, data: str) -> QrPlacement:
        """The QR code as the largest square of whole modules the area holds, black squares
        on white with its quiet zone, drawn as vectors so it prints sharp at any size."""
        code = qrcode.QRCode(error_correction=qrcode.constants.ERROR_CORRECT_M, border=4)
        code.add_data(data)
        code.make(fit=True)
        matrix = code.get_matrix()  # the quiet zone included
        modules = len(matrix)
        module = Mm(min(area.width, area.height) / modules)
        left = Mm(area.left + (area.width - module * modules) / 2)
        top = Mm(area.top + (area.height - module * modules) / 2)
        squares = [Rectangle((self._x(left + c * module), self._y(top + (r + 1) * module)),
                             module / self.width, module / self.height)
                   for r, row in enumerate(matrix) for c, dark in enumerate(row) if dark]
        self.figure.add_artist(PatchCollection(
            squares, facecolor=INK, edgecolor="none", linewidth=0, antialiased=False,
            transform=self.figure.transFigure))
        placed = QrPlacement(left=left, top=top, module=module, modules=modules)
        self.qr_codes.append(placed)
        return placed

    def finish(self) -> Figure:
        if self._patches:
            self.figure.add_artist(PatchCollection(
                self._patches, match_original=True, transform=self.figure.transFigure))
            self._patches = []
        return self.figure


@dataclass(frozen=True)
class QrPlacement:
    """Where a QR code landed on the page: tests and anyone scanning a printout can find it."""

    left: Mm
    top: Mm
    module: Mm  # side of one module
    modules: int  # modules per side, quiet zone included


@contextmanager
def _fonts() -> Iterator[None]:
    with matplotlib.rc_context(_RC):
        yield


def pdf(pages: Sequence[Page], *, title: str = "") -> bytes:
    """The pages as one PDF document."""
    buffer = io.BytesIO()
    with _fonts(), PdfPages(buffer, metadata={"Title": title, "Creator": "palabre"}) as document:
        for page in pages:
            document.savefig(page.finish())
    return buffer.getvalue()


def png(page: Page, *, dpi: int = PNG_DPI) -> bytes:
    """One page as a PNG image, for a screen or a print shop that wants pictures."""
    buffer = io.BytesIO()
    with _fonts():
        figure = page.finish()
        FigureCanvasAgg(figure)
        figure.savefig(buffer, format="png", dpi=dpi, facecolor=PAPER)
    return buffer.getvalue()
