"""The word cloud of a free-text phase, once its answers are on the wall.

Drawn by palabre.wordcloud from palabre.synthesis.word_counts (the deck uses the same), and
only when the counts changed. Drawing takes about 0.1 s, so on the projector (a loop runs) it
happens in a worker thread: the wall never waits for the cloud, and during a burst of answers
one picture is drawn at a time, from the latest counts.
"""

from __future__ import annotations

import base64
import html
from concurrent.futures import Future, ThreadPoolExecutor

from ipywidgets import HTML

from palabre import exercises, synthesis
from palabre.wordcloud import render_wordcloud

from .panel import Panel, PanelContext, running_loop

# Free-text proposals (the registry's `proposals`): worse and better ideas alike.
CLOUD_KINDS = frozenset(name for name, kind in exercises.KINDS.items() if kind.proposals)
WIDTH_PX = 1200
HEIGHT_PX = 420
MIN_WORDS = 3  # fewer words make no cloud worth the room's attention


def _png(counts: tuple) -> str:
    return base64.b64encode(render_wordcloud(counts, width_px=WIDTH_PX,
                                             height_px=HEIGHT_PX)).decode("ascii")


class WordCloudPanel(Panel):
    """Below the wall of an ideas phase, once revealed: the words the room used most."""

    place = "below"

    def __init__(self, translator, **kwargs):
        self.image = HTML()
        self.image.add_class("palabre-wordcloud")
        self._drawn: tuple | None = None  # the counts on screen
        self._wanted: tuple | None = None  # the latest counts asked for
        self.drawing: Future | None = None  # the picture being drawn, if any
        self._executor: ThreadPoolExecutor | None = None
        self.renders = 0  # pictures drawn so far (a redraw with the same words draws none)
        super().__init__(translator, [self.image], **kwargs)

    def load(self, context: PanelContext):
        phase = context.phase
        if phase.kind not in CLOUD_KINDS or not context.visible:
            return None
        counts = tuple(synthesis.word_counts(context.snap, [phase.id],
                                             lang=context.session.lang))
        return counts if len(counts) >= MIN_WORDS else None

    def draw(self, counts) -> None:
        self._wanted = counts
        if counts == self._drawn or (self.drawing is not None and not self.drawing.done()):
            return  # already on screen, or drawn next when the running picture is done
        loop = running_loop()
        if loop is None:  # plain code: draw now, in line
            self._show(counts, _png(counts))
            return
        post = loop.call_soon_threadsafe
        if self._executor is None:
            self._executor = ThreadPoolExecutor(max_workers=1,
                                                thread_name_prefix="palabre-cloud")

        def work() -> None:
            png = _png(counts)
            post(lambda: self._drawn_in_background(counts, png))

        self.drawing = self._executor.submit(work)

    def _drawn_in_background(self, counts: tuple, png: str) -> None:
        self.drawing = None
        self._show(counts, png)
        if self._wanted is not None and self._wanted != counts:
            self.draw(self._wanted)  # answers came while it was drawn: draw the latest

    def _show(self, counts: tuple, png: str) -> None:
        _ = self._t.gettext
        self._drawn = counts
        self.renders += 1
        words = ", ".join(word for word, _n in counts[:10])
        alt = html.escape(_("Word cloud. Most used words: {words}", words=words), quote=True)
        self.image.value = f'<img src="data:image/png;base64,{png}" alt="{alt}">'

    def parts(self) -> tuple:
        return (self.image,)

    def close(self) -> None:
        if self._executor is not None:
            self._executor.shutdown(wait=False)
        super().close()
