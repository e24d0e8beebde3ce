"""The word cloud of a free-text phase, once its answers are on the wall.

Drawn by palabre.wordcloud from palabre.synthesis.word_counts (the deck uses the same), off
the kernel's event loop, and only when the counts changed: a poll that brings nothing new, or
an answer in another phase, redraws nothing.
"""

from __future__ import annotations

import base64
import html

from ipywidgets import HTML

from palabre import synthesis
from palabre.wordcloud import render_wordcloud

from .panel import Panel, PanelContext

CLOUD_KINDS = frozenset({"ideas", "invert"})
WIDTH_PX = 1200
HEIGHT_PX = 420
MIN_WORDS = 3  # fewer words make no cloud worth the room's attention


class WordCloudPanel(Panel):
    """Below the wall of an ideas phase, once revealed: the words the room used most."""

    place = "below"

    def __init__(self, translator, **kwargs):
        self.image = HTML()
        self.image.add_class("palabre-wordcloud")
        self._drawn: tuple | None = None  # the counts last rendered
        self._png = ""
        self.renders = 0  # how many times a picture was drawn (cheap redraws are the point)
        super().__init__(translator, [self.image], **kwargs)

    def load(self, context: PanelContext):
        phase = context.phase
        if phase.kind not in CLOUD_KINDS or not context.visible:
            return None
        counts = tuple(synthesis.word_counts(context.snap, [phase.id],
                                             lang=context.session.lang))
        if len(counts) < MIN_WORDS:
            return None
        if counts != self._drawn:
            png = render_wordcloud(counts, width_px=WIDTH_PX, height_px=HEIGHT_PX)
            self._png = base64.b64encode(png).decode("ascii")
            self._drawn = counts
            self.renders += 1
        return counts, self._png

    def draw(self, data) -> None:
        _ = self._t.gettext
        counts, png = data
        words = ", ".join(word for word, _n in counts[:10])
        alt = html.escape(_("Word cloud. Most used words: {words}", words=words), quote=True)
        shown = f'<img src="data:image/png;base64,{png}" alt="{alt}">'
        if self.image.value != shown:
            self.image.value = shown

    def parts(self) -> tuple:
        return (self.image,)
