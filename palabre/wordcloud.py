"""A word cloud for the projector and the restitution deck, drawn the same way every time.

The layout is computed first as data (``layout_wordcloud``), then painted (``render_wordcloud``)
so tests and other renderers can read which word went where and how big. Words go horizontal
only (a room reads a wall from afar), biggest first on a spiral from the centre. Characters the
font cannot draw, emoji included, are dropped: matplotlib and the deck would show boxes.
"""

from __future__ import annotations

import io
import math
import unicodedata
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import matplotlib
import numpy as np
from fontTools.ttLib import TTFont
from PIL import Image, ImageDraw, ImageFont

FONT_PATH = Path(matplotlib.get_data_path()) / "fonts" / "ttf" / "DejaVuSans-Bold.ttf"

# Dark tones of the French State palette, each at least 7:1 against white (WCAG AAA), so the
# smallest word still reads at the back of a town hall.
DEFAULT_PALETTE = ("#000091", "#3a3a3a", "#6e445a", "#7d3100", "#00574f", "#5c2b8c")
BACKGROUND = "#ffffff"
MAX_WORDS = 80
_NOT_WORDS = ("So", "Sk", "Zl", "Zp")  # symbols (emoji, skin tones), line separators


@dataclass(frozen=True)
class PlacedWord:
    """One word of the cloud: its text, weight, size in pixels and box (left, top, w, h)."""

    text: str
    count: int
    font_px: int
    x: int
    y: int
    width: int
    height: int
    color: str


def _is_variation_selector(char: str) -> bool:
    """Emoji presentation selectors: left alone after their emoji they would draw a box."""
    return "\ufe00" <= char <= "\ufe0f" or "\U000e0100" <= char <= "\U000e01ef"


@cache
def _drawable() -> frozenset[int]:
    font = TTFont(str(FONT_PATH), lazy=True)
    return frozenset(font.getBestCmap())


def drawable_text(word: str) -> str:
    """The word without what the font cannot draw (emoji, controls, unknown scripts)."""
    glyphs = _drawable()
    kept = []
    for char in unicodedata.normalize("NFC", str(word)):
        category = unicodedata.category(char)
        if category[0] == "C" or category in _NOT_WORDS or _is_variation_selector(char):
            continue
        if ord(char) in glyphs:
            kept.append(" " if category == "Zs" else char)
    return " ".join("".join(kept).split())


def _normalise(counts: Mapping[str, int] | Iterable[tuple[str, int]]) -> list[tuple[str, int]]:
    pairs = counts.items() if isinstance(counts, Mapping) else counts
    merged: dict[str, int] = {}
    for word, count in pairs:
        text = drawable_text(word)
        if text and count > 0:
            merged[text] = merged.get(text, 0) + int(count)
    return sorted(merged.items(), key=lambda wc: (-wc[1], wc[0]))[:MAX_WORDS]


@cache
def _font(size: int) -> ImageFont.FreeTypeFont:
    return ImageFont.truetype(str(FONT_PATH), size)


def _sizes(words: list[tuple[str, int]], biggest: float, smallest: float) -> list[int]:
    """Font size grows with the square root of the count (area follows the count), so a word
    said twice as often is visibly, not overwhelmingly, bigger. Equal counts, equal sizes."""
    top, low = math.sqrt(words[0][1]), math.sqrt(words[-1][1])
    span = top - low
    return [round(smallest + (biggest - smallest) * ((math.sqrt(c) - low) / span if span else 1))
            for _, c in words]


def _place(words, sizes, width, height, seed, palette, margin):
    """Each word, biggest first, goes to the free spot nearest the centre (a little seeded
    jitter keeps it from looking like a grid). Free spots are found for all positions at once
    on a coarse occupancy grid with a summed-area table, so 80 words take milliseconds."""
    cell = max(2, min(width, height) // 240)
    grid_w, grid_h = -(-width // cell), -(-height // cell)
    occupied = np.zeros((grid_h, grid_w), dtype=np.int32)
    table = np.zeros((grid_h + 1, grid_w + 1), dtype=np.int32)
    jitter = np.random.default_rng(seed).uniform(0, cell * 6, size=(grid_h, grid_w))
    stretch = width / height
    placed = []
    for index, ((text, count), size) in enumerate(zip(words, sizes, strict=True)):
        font = _font(size)
        left, top, right, bottom = font.getbbox(text)
        w, h = right - left + 2 * margin, bottom - top + 2 * margin
        cw, ch = -(-w // cell), -(-h // cell)
        if cw > grid_w or ch > grid_h:
            continue
        table[1:, 1:] = occupied.cumsum(axis=0).cumsum(axis=1)
        windows = (table[ch:, cw:] - table[:-ch, cw:] - table[ch:, :-cw] + table[:-ch, :-cw])
        # A window's top-left cell must also keep the word's real pixel box inside the image.
        windows = windows[: (height - h) // cell + 1, : (width - w) // cell + 1]
        if windows.size == 0:
            continue
        rows, cols = windows.shape
        dx = (np.arange(cols) * cell + w / 2 - width / 2) / stretch
        dy = np.arange(rows) * cell + h / 2 - height / 2
        distance = np.hypot(dx[None, :], dy[:, None]) + jitter[:rows, :cols]
        distance[windows > 0] = np.inf
        spot = int(np.argmin(distance))
        if not np.isfinite(distance.flat[spot]):
            continue
        gy, gx = divmod(spot, windows.shape[1])
        occupied[gy:gy + ch, gx:gx + cw] = 1
        placed.append(PlacedWord(
            text=text, count=count, font_px=size, x=gx * cell + margin, y=gy * cell + margin,
            width=w - 2 * margin, height=h - 2 * margin, color=palette[index % len(palette)]))
    return placed


def layout_wordcloud(counts: Mapping[str, int] | Iterable[tuple[str, int]], *, width_px: int,
                     height_px: int, palette: tuple[str, ...] = DEFAULT_PALETTE,
                     seed: int = 0) -> list[PlacedWord]:
    """Where each word goes. The biggest words must all fit: when one does not, every size
    shrinks together (so bigger counts stay bigger) and the layout starts again; only the
    smallest words may be left out of a crowded cloud."""
    if width_px < 1 or height_px < 1:
        raise ValueError("width_px and height_px must be positive")
    if not palette:
        raise ValueError("the palette needs at least one colour")
    words = _normalise(counts)
    if not words:
        return []
    biggest = max(10.0, min(height_px * 0.22, width_px / max(4, len(words[0][0])) * 1.6))
    must_fit = max(1, min(len(words), 12))
    margin = max(1, round(min(width_px, height_px) / 200))
    placed: list[PlacedWord] = []
    for _ in range(12):
        smallest = max(8.0, biggest / 5)
        sizes = _sizes(words, biggest, smallest)
        placed = _place(words, sizes, width_px, height_px, seed, palette, margin)
        fitted = {p.text for p in placed}
        if all(text in fitted for text, _ in words[:must_fit]):
            break
        biggest *= 0.85
    return placed


def render_wordcloud(counts: Mapping[str, int] | Iterable[tuple[str, int]], *, width_px: int,
                     height_px: int, palette: tuple[str, ...] = DEFAULT_PALETTE,
                     background: str = BACKGROUND, seed: int = 0) -> bytes:
    """PNG bytes of the cloud; no words gives a blank image of the same size, not an error."""
    image = Image.new("RGB", (width_px, height_px), background)
    draw = ImageDraw.Draw(image)
    for word in layout_wordcloud(counts, width_px=width_px, height_px=height_px,
                                 palette=palette, seed=seed):
        font = _font(word.font_px)
        left, top, _, _ = font.getbbox(word.text)
        draw.text((word.x - left, word.y - top), word.text, font=font, fill=word.color)
    buffer = io.BytesIO()
    image.save(buffer, format="PNG")
    return buffer.getvalue()
