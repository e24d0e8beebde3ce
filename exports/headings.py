"""What every phase slide starts with: its title (with the page) and its prompt on one line."""

from __future__ import annotations

from typing import TYPE_CHECKING

from palabre.exercises import Phase

from palabre.text import shorten

from .layout import PROMPT_CHARS, one_line
from .sheets import phase_sheets

if TYPE_CHECKING:
    from .builder import Deck as DeckBuilder


def phase_title(deck: DeckBuilder, phase: Phase, page: int = 1, pages: int = 1) -> str:
    title = phase.title.get(deck.lang)
    if pages > 1:
        title = deck._("{title} ({page}/{pages})", title=title, page=page, pages=pages)
    return title


def prompt_line(deck: DeckBuilder, phase: Phase) -> str:
    return shorten(one_line(phase.prompt.get(deck.lang)), PROMPT_CHARS)


def phase_slide(deck: DeckBuilder, phase: Phase, page: int = 1, pages: int = 1, *,
                role: str = "content"):
    """A slide of the layout of that role with the phase's title; returns it and its areas
    (content placeholders, left to right)."""
    slide = deck.canvas.slide(role, phase_title(deck, phase, page, pages))
    return slide, deck.canvas.areas_for(role)


def sheet_of(deck: DeckBuilder, phase: Phase) -> str:
    """The workbook sheet that holds all of a phase: where a slide that cut a list sends its
    reader, so nothing disappears silently."""
    return phase_sheets(deck.work)[phase.id]
