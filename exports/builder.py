"""What a slide builder may use of the deck being built: a narrow interface, so the builders
(slides, format_slides, headings) never import the deck module that calls them."""

from __future__ import annotations

from typing import TYPE_CHECKING, Protocol

if TYPE_CHECKING:
    from palabre.i18n import Translator

    from .canvas import Canvas
    from .records import Workshop


class Deck(Protocol):
    canvas: Canvas
    work: Workshop  # the workshop's one result (work.result), labels and photos
    lang: str
    _: Translator
