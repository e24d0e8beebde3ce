"""What every phase slide starts with: its title (with the page) and its prompt on one line."""

from __future__ import annotations

from typing import TYPE_CHECKING

from palabre.exercises import Phase

from palabre.text import shorten

from .layout import PROMPT_CHARS, one_line
from .spreadsheet import phase_sheets

if TYPE_CHECKING:
    from .builder import Deck as DeckBuilder


def phase_title(deck: DeckBuilder, phase: Phase, page: int = 1, pages: int = 1) -> str:
    title = phase.title.get(deck.lang)
    if pages > 1:
        title = deck._("{title} ({page}/{pages})", title=title, page=page, pages=pages)
    return title


def prompt_line(deck: DeckBuilder, phase: Phase) -> str:
    return shorten(one_line(phase.prompt.get(deck.lang)), PROMPT_CHARS)


def phase_slide(deck: DeckBuilder, phase: Phase, page: int = 1, pages: int = 1):
    """A title-only slide with the phase's title and prompt; returns it and the area left."""
    slide = deck.canvas.slide("title_only", phase_title(deck, phase, page, pages))
    body = deck.canvas.subtitle(slide, deck.canvas.body(slide), prompt_line(deck, phase))
    return slide, body



def sheet_of(deck: DeckBuilder, phase: Phase) -> str:
    """The workbook sheet that holds all of a phase: where a slide that cut a list sends its
    reader, so nothing disappears silently."""
    return phase_sheets(deck.work)[phase.id]
