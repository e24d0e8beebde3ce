"""What the wall shows for each phase kind, as HTML built from palabre.synthesis.

Every figure comes from palabre.synthesis (the exports call the same functions), so the
projector and the deck never disagree. A page of items is ONE HTML string, never one widget per
item, so hundreds of answers stay fluid. Participant text is escaped here, before any widget.
"""

from __future__ import annotations

import html
import time
from collections.abc import Callable
from dataclasses import dataclass

from ipywidgets import HTML, HBox, Layout, Text, VBox

from palabre import boards, exercises, synthesis
from palabre.i18n import Translator
from palabre.synthesis import Snapshot, Tally

from .style import button, row

PER_PAGE = 24  # three columns of eight cards: what a projector shows at 24 px


@dataclass(frozen=True)
class Wall:
    """One rendering of the wall: the page's HTML and what the pager and counters need."""

    html: str
    answers: int  # answers in this phase (ballots for votes and choices)
    pages: int = 1
    page: int = 0


def _nothing(name: str) -> dict:
    return {}


def _no_photo(photo_id: int) -> tuple[bytes, str] | None:
    return None


def _no_pitch(phase_id: str) -> boards.Pitch:
    return boards.Pitch(order=(), current=0, running_since=None, elapsed_s=0.0)


@dataclass(frozen=True)
class Sources:
    """What some views read beyond the snapshot: the facilitator's boards, the photos, and
    the clock for views that count time."""

    board: Callable[[str], dict] = _nothing
    photo: Callable[[int], tuple[bytes, str] | None] = _no_photo
    pitch: Callable[[str], boards.Pitch] = _no_pitch
    clock: Callable[[], float] = time.time


NO_SOURCES = Sources()


def page_count(total: int, per_page: int = PER_PAGE) -> int:
    return max(1, -(-total // per_page))


def paginate(items: list, page: int, per_page: int) -> tuple[list, int, int]:
    """The items of one page, the number of pages and the page, kept within range."""
    pages = page_count(len(items), per_page)
    page = max(0, min(page, pages - 1))
    return items[page * per_page:(page + 1) * per_page], pages, page


def escape_text(text: str | None) -> str:
    """Participant text as safe HTML, keeping its line breaks."""
    return html.escape(text or "").replace("\n", "<br>")


def note(message: str) -> str:
    return f'<div class="palabre-note">{message}</div>'


def hidden_note(t: Translator, phase: exercises.Phase, answers: int) -> str:
    """What the room sees while results are hidden: how many answers came, not what."""
    if phase.reveal == "after_close":
        return note(t.ngettext("{n} answer received. Answers appear when the round closes.",
                               "{n} answers received. Answers appear when the round closes.",
                               answers))
    return note(t.ngettext("{n} answer received. Results appear when revealed.",
                           "{n} answers received. Results appear when revealed.", answers))


def no_answers(t: Translator) -> str:
    _ = t.gettext
    return note(_("No answers yet. Scan the code to take part."))


def cards(labels: list[tuple[str, str]], refs: list[int] | None = None) -> str:
    """Cards of text with an optional small tag (table, column), all escaped. A ref is the
    number the facilitator types to take an answer off the wall."""
    refs = refs or [None] * len(labels)
    items = []
    for (text, tag), ref in zip(labels, refs, strict=True):
        number = f'<span class="palabre-ref">{ref}</span>' if ref is not None else ""
        small = f"<small>{html.escape(tag)}</small>" if tag else ""
        items.append(f"<li>{number}{escape_text(text)}{small}</li>")
    return f'<ul class="palabre-wall-items">{"".join(items)}</ul>'


def bars(tallies: list[Tally], highest: int, notes: list[str] | None = None) -> str:
    """One row per tally: label, a bar as long as its share of the highest, the count; a
    note (already translated, escaped here) under a label says where the item came from."""
    rows = []
    for tally, extra in zip(tallies, notes or [""] * len(tallies), strict=True):
        width = 0 if highest == 0 else round(100 * tally.count / highest)
        small = f'<small class="palabre-origin">{escape_text(extra)}</small>' if extra else ""
        rows.append(
            f'<tr><td class="palabre-label">{escape_text(tally.label)}{small}</td>'
            f'<td class="palabre-bar"><span style="width: {width}%"></span></td>'
            f'<td class="palabre-count">{tally.count}</td></tr>')
    return f'<table class="palabre-bars">{"".join(rows)}</table>'


def ideas_wall(snap: Snapshot, result: synthesis.IdeasResult, t: Translator, *,
               visible: bool, page: int, per_page: int = PER_PAGE,
               sources: Sources = NO_SOURCES) -> Wall:
    """Newest first, so a fresh answer lands on the first page the room is looking at; in a
    phase with columns, each card says its column."""
    phase, items = result.phase, list(result.items)
    if not items:
        return Wall(no_answers(t), 0)
    if not visible:
        return Wall(hidden_note(t, phase, result.answers), result.answers)
    columns = [c.get(t.lang) for c in phase.params.get("categories") or ()]

    def tag(item) -> str:
        column = item.body.get("category")
        if isinstance(column, int) and 0 <= column < len(columns):
            return " · ".join(x for x in (columns[column], item.table or "") if x)
        return item.table or ""

    shown, pages, page = paginate(list(reversed(items)), page, per_page)
    return Wall(cards([(c.text or "", tag(c)) for c in shown], [c.number for c in shown]),
                result.answers, pages, page)


def origins(result: synthesis.VoteResult, t: Translator, tallies: list[Tally]) -> list[str]:
    """For a vote on turned-around ideas (a reverse brainstorm): the worse idea each solution
    came from, so the room sees what it solved; empty otherwise."""
    _ = t.gettext
    found = []
    for tally in tallies:
        worse = result.origins.get(tally.item.id)
        found.append(_("From the worse idea: {worse}", worse=worse.text or "")
                     if worse is not None else "")
    return found


def vote_wall(snap: Snapshot, result: synthesis.VoteResult, t: Translator, *, visible: bool,
              page: int, per_page: int = PER_PAGE, sources: Sources = NO_SOURCES) -> Wall:
    """Before the reveal, the items being voted on; after, the dots each one got, as bars.
    Solutions of a reverse brainstorm come with the worse idea they turn around."""
    tallies = list(result.tallies)
    voters = result.answers  # each person's last ballot
    if not tallies:
        _ = t.gettext
        return Wall(note(_("Nothing to vote on: the earlier phase has no answers.")), voters)
    if not visible:
        # Before the reveal, what the phones vote on: the ballot's lines (themes, a
        # shortlist, every answer), by the number paper prints.
        items = sorted((tally for tally in tallies if tally.on_ballot),
                       key=lambda tally: tally.number)
        shown, pages, page = paginate(items, page, per_page)
        head = hidden_note(t, result.phase, voters)
        body = cards(list(zip([tally.label for tally in shown],
                              origins(result, t, shown), strict=True)),
                     [tally.number for tally in shown])
        return Wall(head + body, voters, pages, page)
    shown, pages, page = paginate(tallies, page, per_page)
    return Wall(bars(shown, tallies[0].count, origins(result, t, shown)), voters, pages, page)


def choice_wall(snap: Snapshot, result: synthesis.ChoiceResult, t: Translator, *,
                visible: bool, page: int, per_page: int = PER_PAGE,
                sources: Sources = NO_SOURCES) -> Wall:
    """The options in their order, with how many people ticked each once revealed."""
    tallies = list(result.tallies)
    if not visible:
        return Wall(hidden_note(t, result.phase, result.answers)
                    + cards([(x.label, "") for x in tallies]), result.answers)
    highest = max((tally.count for tally in tallies), default=0)
    return Wall(bars(tallies, highest), result.answers)


class LiveWall(VBox):
    """The counts, one HTML widget for the current page of the wall, and a pager."""

    def __init__(self, translator: Translator, **kwargs):
        self._t = translator
        _ = translator.gettext
        self.counts = HTML()
        self.counts.add_class("palabre-counts")
        self.body = HTML()
        self.body.add_class("palabre-wall")
        self.previous_page = button(_("Previous page"), "palabre-page-previous")
        self.next_page = button(_("Next page"), "palabre-page-next")
        self.page_label = HTML()
        self.page_label.add_class("palabre-pager")
        self.pager = HBox([self.previous_page, self.page_label, self.next_page],
                          layout=Layout(align_items="center", grid_gap="12px"))
        self.answer_number = Text(placeholder=_("Answer number"),
                                  layout=Layout(width="12em", flex="0 0 auto"))
        self.remove_button = button(_("Remove from the wall"), "palabre-remove", "ban")
        self.put_back_button = button(_("Put back"), "palabre-put-back", "undo")
        self.correction = Text(placeholder=_("Corrected text"),
                               layout=Layout(width="24em", flex="0 1 auto"))
        self.correct_button = button(_("Correct"), "palabre-correct", "pencil")
        self.invert_button = button(_("Turn it around"), "palabre-invert", "retweet")
        self.duplicates = Text(placeholder=_("Duplicates: 12, 15"),
                               layout=Layout(width="14em", flex="0 0 auto"))
        self.merge_button = button(_("Merge into this answer"), "palabre-merge", "compress")
        for field, css in ((self.answer_number, "palabre-answer-number"),
                           (self.correction, "palabre-correction"),
                           (self.duplicates, "palabre-duplicates")):
            field.add_class(css)
        self.moderation_status = HTML()
        self.moderation_status.add_class("palabre-moderation-status")
        self.moderation = row([self.answer_number, self.remove_button, self.put_back_button,
                               self.correction, self.correct_button, self.invert_button,
                               self.duplicates, self.merge_button, self.moderation_status])
        self.moderation.add_class("palabre-moderation")
        super().__init__([self.counts, self.body, self.pager, self.moderation], **kwargs)
        self.add_class("palabre-wall-panel")

    def moderate(self, shown: bool, *, invert: bool = False) -> None:
        """Moderation only where the wall carries participants' own text (not on a choice or
        a scale); turning an idea around only in the phase that does it."""
        self.moderation.layout.display = None if shown else "none"
        self.invert_button.layout.display = None if invert else "none"

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
                      self.page_label, self.pager, self.answer_number, self.remove_button,
                      self.put_back_button, self.correction, self.correct_button,
                      self.invert_button, self.duplicates, self.merge_button,
                      self.moderation_status,
                      self.moderation):
            child.close()
        super().close()
