"""What the wall shows for each phase kind, as HTML built from palabre.synthesis.

Every figure comes from palabre.synthesis (the exports call the same functions), so the
projector and the deck never disagree. A page of items is ONE HTML string, never one widget per
item, so hundreds of answers stay fluid. Participant text is escaped here, before any widget.
"""

from __future__ import annotations

import html
from collections.abc import Callable
from dataclasses import dataclass

from ipywidgets import HTML, Button, HBox, Layout, VBox

from palabre import exercises, synthesis
from palabre.i18n import Translator
from palabre.synthesis import Snapshot, Tally

PER_PAGE = 24  # three columns of eight cards: what a projector shows at 24 px


@dataclass(frozen=True)
class Wall:
    """One rendering of the wall: the page's HTML and what the pager and counters need."""

    html: str
    answers: int  # answers in this phase (ballots for votes and choices)
    pages: int
    page: int


def page_count(total: int, per_page: int = PER_PAGE) -> int:
    return max(1, -(-total // per_page))


def _page(items: list, page: int, per_page: int) -> tuple[list, int, int]:
    pages = page_count(len(items), per_page)
    page = max(0, min(page, pages - 1))
    return items[page * per_page:(page + 1) * per_page], pages, page


def escape_text(text: str | None) -> str:
    """Participant text as safe HTML, keeping its line breaks."""
    return html.escape(text or "").replace("\n", "<br>")


def _note(message: str) -> str:
    return f'<div class="palabre-note">{message}</div>'


def _hidden_note(t: Translator, phase: exercises.Phase, answers: int) -> str:
    if phase.reveal == "after_close":
        return _note(t.ngettext("{n} answer received. Answers appear when the round closes.",
                                "{n} answers received. Answers appear when the round closes.",
                                answers))
    return _note(t.ngettext("{n} answer received. Results appear when revealed.",
                            "{n} answers received. Results appear when revealed.", answers))


def _cards(labels: list[tuple[str, str]]) -> str:
    items = "".join(
        f"<li>{escape_text(text)}{f'<small>{html.escape(tag)}</small>' if tag else ''}</li>"
        for text, tag in labels)
    return f'<ul class="palabre-wall-items">{items}</ul>'


def _bars(tallies: list[Tally], highest: int) -> str:
    rows = []
    for tally in tallies:
        width = 0 if highest == 0 else round(100 * tally.count / highest)
        rows.append(
            f'<tr><td class="palabre-label">{escape_text(tally.label)}</td>'
            f'<td class="palabre-bar"><span style="width: {width}%"></span></td>'
            f'<td class="palabre-count">{tally.count}</td></tr>')
    return f'<table class="palabre-bars">{"".join(rows)}</table>'


def ideas_wall(snap: Snapshot, phase: exercises.Phase, t: Translator, *, visible: bool, page: int,
               per_page: int = PER_PAGE) -> Wall:
    """Newest first, so a fresh answer lands on the first page the room is looking at."""
    items = synthesis.ideas(snap, phase)
    if not items:
        _ = t.gettext
        return Wall(_note(_("No answers yet. Scan the code to take part.")), 0, 1, 0)
    if not visible:
        return Wall(_hidden_note(t, phase, len(items)), len(items), 1, 0)
    shown, pages, page = _page(list(reversed(items)), page, per_page)
    return Wall(_cards([(c.text or "", c.table or "") for c in shown]), len(items), pages, page)


def vote_wall(snap: Snapshot, phase: exercises.Phase, t: Translator, *, visible: bool, page: int,
              per_page: int = PER_PAGE) -> Wall:
    """Before the reveal, the items being voted on; after, the dots each one got, as bars."""
    tallies = synthesis.vote_tally(snap, phase)
    ballots = len(synthesis.latest_ballots(snap.of_phase(phase.id)))
    if not tallies:
        _ = t.gettext
        return Wall(_note(_("Nothing to vote on: the earlier phase has no answers.")),
                    ballots, 1, 0)
    if not visible:
        items = sorted(tallies, key=lambda tally: tally.item.id)
        shown, pages, page = _page(items, page, per_page)
        head = _hidden_note(t, phase, ballots)
        return Wall(head + _cards([(tally.label, "") for tally in shown]), ballots, pages, page)
    shown, pages, page = _page(tallies, page, per_page)
    highest = tallies[0].count
    return Wall(_bars(shown, highest), ballots, pages, page)


def choice_wall(snap: Snapshot, phase: exercises.Phase, t: Translator, *, visible: bool, page: int,
                per_page: int = PER_PAGE) -> Wall:
    """The options in their order, with how many people ticked each once revealed."""
    tallies = synthesis.choice_tally(snap, phase, t.lang)
    ballots = len(synthesis.latest_ballots(snap.of_phase(phase.id)))
    if not visible:
        return Wall(_hidden_note(t, phase, ballots) + _cards([(x.label, "") for x in tallies]),
                    ballots, 1, 0)
    highest = max((tally.count for tally in tallies), default=0)
    return Wall(_bars(tallies, highest), ballots, 1, 0)


# One projector view per phase kind; a test checks this covers palabre.exercises.KINDS.
WALLS: dict[str, Callable[..., Wall]] = {
    "ideas": ideas_wall,
    "vote": vote_wall,
    "choice": choice_wall,
}


def render_wall(snap: Snapshot, phase: exercises.Phase, t: Translator, *, visible: bool,
                page: int = 0, per_page: int = PER_PAGE) -> Wall:
    try:
        render = WALLS[phase.kind]
    except KeyError:
        raise KeyError(f"no projector view for phase kind {phase.kind!r}") from None
    return render(snap, phase, t, visible=visible, page=page, per_page=per_page)


class LiveWall(VBox):
    """The counts, one HTML widget for the current page of the wall, and a pager."""

    def __init__(self, translator: Translator, **kwargs):
        self._t = translator
        _ = translator.gettext
        self.counts = HTML()
        self.counts.add_class("palabre-counts")
        self.body = HTML()
        self.body.add_class("palabre-wall")
        self.previous_page = Button(description=_("Previous page"), layout=Layout(width="auto"))
        self.next_page = Button(description=_("Next page"), layout=Layout(width="auto"))
        for button in (self.previous_page, self.next_page):
            button.add_class("palabre-button")
        self.page_label = HTML()
        self.page_label.add_class("palabre-pager")
        self.pager = HBox([self.previous_page, self.page_label, self.next_page],
                          layout=Layout(align_items="center", grid_gap="12px"))
        super().__init__([self.counts, self.body, self.pager], **kwargs)
        self.add_class("palabre-wall-panel")

    def show(self, wall: Wall, participants: int) -> None:
        t = self._t
        people = t.ngettext("{n} participant", "{n} participants", participants)
        answers = t.ngettext("{n} answer", "{n} answers", wall.answers)
        counts = html.escape(f"{people} · {answers}")
        if self.counts.value != counts:
            self.counts.value = counts
        if self.body.value != wall.html:
            self.body.value = wall.html
        _ = t.gettext
        self.page_label.value = html.escape(_("Page {page} / {pages}", page=wall.page + 1,
                                              pages=wall.pages))
        self.pager.layout.visibility = "visible" if wall.pages > 1 else "hidden"
        self.previous_page.disabled = wall.page == 0
        self.next_page.disabled = wall.page >= wall.pages - 1

    def close(self) -> None:
        for child in (self.counts, self.body, self.previous_page, self.next_page,
                      self.page_label, self.pager):
            child.close()
        super().close()
