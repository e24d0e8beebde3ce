"""One slide builder per phase kind, in ONE registry: an unknown kind raises, never skips.

Each builder reads its figures from ``palabre.synthesis`` (the projector's module), lays them
out within the budgets of ``layout`` and leaves the details in the speaker notes.
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from typing import TYPE_CHECKING

from palabre.exercises import Phase
from palabre.exercises.kinds import per_kind
from palabre.exercises.messages import N_, Refusal

from palabre import synthesis
from palabre.text import shorten
from palabre.wordcloud import render_wordcloud

from . import format_slides
from .headings import phase_slide, phase_title, sheet_of
from .layout import (
    BULLET,
    IDEA_LINES,
    MAX_PHASE_PAGES,
    SUBTITLE_HEIGHT,
    TOP_ITEMS,
    Size,
    TextFit,
    chart_label,
    one_line,
    paginate,
    paragraph_lines,
)

if TYPE_CHECKING:
    from .builder import Deck as DeckBuilder


class UnknownKind(Refusal):
    """A phase kind with no slide builder: the deck refuses rather than drop a phase."""


def ideas_slides(deck: DeckBuilder, phase: Phase) -> None:
    """The answers, newest last, on up to MAX_PHASE_PAGES slides; a grid (what works, to
    improve...) as columns side by side. What does not fit is counted and sent to the
    workbook."""
    _ = deck._
    result = deck.work.result.of(phase)
    items = list(result.items)
    if not items:
        slide, body = phase_slide(deck, phase)
        deck.canvas.text(slide, body, [_("No answer in this phase.")], size=Size.BODY)
        deck.canvas.notes(slide, [phase.prompt.get(deck.lang)])
        return
    if result.columns:
        format_slides.grid_slide(deck, phase, result.columns)
        word_cloud_slide(deck, phase)
        return
    _band, area = deck.canvas.body_for("title_only").take_top(SUBTITLE_HEIGHT)
    fit = TextFit.of(area.width, area.height, Size.LIST)
    pages = paginate([c.text or "" for c in items], fit, item_lines=IDEA_LINES,
                     spacing_lines=paragraph_lines(Size.LIST))
    shown = pages[:MAX_PHASE_PAGES]
    left_out = len(items) - sum(len(p) for p in shown)
    start = 0
    for number, page in enumerate(shown, 1):
        slide, body = phase_slide(deck, phase, number, len(shown))
        lines = [BULLET + text for text in page]
        on_slide = items[start:start + len(page)]
        if left_out and number == len(shown):
            lines[-1] = _.ngettext("{n} more answer: see the workbook, sheet “{sheet}”.",
                                   "{n} more answers: see the workbook, sheet “{sheet}”.",
                                   left_out + 1, sheet=sheet_of(deck, phase))
        deck.canvas.text(slide, body, lines, size=Size.LIST)
        start += len(page)
        deck.canvas.notes(slide, [
            phase.prompt.get(deck.lang),
            _.ngettext("{n} answer in this phase.", "{n} answers in this phase.",
                       result.answers),
            "",
            *(_("No. {id} ({role}): {text}", id=c.id, role=deck.work.role(c.role),
                text=c.text or "") for c in on_slide),
        ])
    word_cloud_slide(deck, phase)


# A cloud says something once the room wrote enough: below this, the list says it better.
CLOUD_MIN_ANSWERS = 8
CLOUD_MIN_WORDS = 6
EMU_PER_PX = 9525  # 96 dpi, the resolution PowerPoint and LibreOffice assume for a picture


def word_cloud_slide(deck: DeckBuilder, phase: Phase) -> None:
    """The words a free-text phase used most, drawn as on the projector (same counts, same
    drawing), after the phase's own slides; none for a short phase."""
    _ = deck._
    if deck.work.result.of(phase).answers < CLOUD_MIN_ANSWERS:
        return
    counts = synthesis.word_counts(deck.work.snap, [phase.id], lang=deck.work.session.lang)
    if len(counts) < CLOUD_MIN_WORDS:
        return
    slide = deck.canvas.slide("title_only", _("Words used most: {title}",
                                              title=phase_title(deck, phase)))
    box = deck.canvas.body(slide)
    image = render_wordcloud(counts, width_px=int(box.width / EMU_PER_PX),
                             height_px=int(box.height / EMU_PER_PX))
    format_slides.picture(deck, slide, box, image)
    deck.canvas.notes(slide, [phase.prompt.get(deck.lang),
                              ", ".join(f"{word} ({count})" for word, count in counts)])


def rank_label(deck: DeckBuilder, tally: synthesis.Tally) -> str:
    """« 1 », or « 2 ex æquo » when another item has as many: the reader sees a tie."""
    if tally.tied:
        return deck._("{rank} (tied)", rank=tally.rank)
    return str(tally.rank)


def vote_slides(deck: DeckBuilder, phase: Phase) -> None:
    """The items with most dots, ranked (ties share a rank and say so), each solution of a
    reverse brainstorm with the worse idea it turns around."""
    _ = deck._
    result = deck.work.result.of(phase)
    tallies = list(result.voted)
    slide, body = phase_slide(deck, phase)
    if not tallies:
        deck.canvas.text(slide, body, [_("No dot was placed.")], size=Size.BODY)
        deck.canvas.notes(slide, [phase.prompt.get(deck.lang)])
        return
    top = tallies[:TOP_ITEMS]
    left_out = len(tallies) - len(top)
    chart_box, list_box = body.columns(2, weights=(1.0, 1.2))
    deck.canvas.bar_chart(
        slide, chart_box, _("Dots"),
        [chart_label(t.label, _("No. {id}", id=t.item.id)) for t in top],
        [t.count for t in top])
    fit = TextFit.of(list_box.width, list_box.height, Size.LIST)
    rows = len(top) + (1 if left_out else 0)
    per_item = max(int((fit.lines - paragraph_lines(Size.LIST) * rows) // rows), 1)
    lines = []
    for t in top:
        head = _.ngettext("{rank} · {n} dot — {text}", "{rank} · {n} dots — {text}", t.count,
                          rank=rank_label(deck, t), text="")
        budget = max(fit.budget(per_item) - len(head), fit.chars_per_line)
        worse = result.origins.get(t.item.id)
        if worse is None:
            said = shorten(one_line(t.label), budget)
        else:  # the solution keeps most of the room, the worse idea it turns around the rest
            said = _("{text} (worse idea: {worse})",
                     text=shorten(one_line(t.label), budget * 3 // 5),
                     worse=shorten(one_line(worse.text or ""), budget * 2 // 5))
        lines.append(_.ngettext("{rank} · {n} dot — {text}", "{rank} · {n} dots — {text}",
                                t.count, rank=rank_label(deck, t), text=said))
    if left_out:
        lines.append(_.ngettext(
            "{n} more item received dots: see the workbook, sheet “{sheet}”.",
            "{n} more items received dots: see the workbook, sheet “{sheet}”.",
            left_out, sheet=sheet_of(deck, phase)))
    deck.canvas.text(slide, list_box, lines, size=Size.LIST)
    deck.canvas.notes(slide, [
        phase.prompt.get(deck.lang),
        _.ngettext("{n} person voted.", "{n} people voted.", result.people),
        _("{n} items received dots; the {top} first are shown.", n=len(tallies), top=len(top)),
        "",
        *(_("{rank} · No. {id}: {dots} dots from {voters} people. {text}",
            rank=rank_label(deck, t), id=t.item.id, dots=t.count, voters=t.voters,
            text=t.label) for t in tallies),
        "",
        *(_("{role}, first choices: {items}", role=deck.work.role(role),
            items=", ".join(f"{_('No. {id}', id=t.item.id)} ({t.count})"
                            for t in [t for t in split if t.count][:TOP_ITEMS]) or "–")
          for role, split in result.by_voter_role.items()),
    ])


def choice_slides(deck: DeckBuilder, phase: Phase) -> None:
    _ = deck._
    result = deck.work.result.of(phase)
    slide, body = phase_slide(deck, phase)
    deck.canvas.bar_chart(
        slide, body, _("Answers"),
        [chart_label(t.label, str(i)) for i, t in enumerate(result.tallies, 1)],
        [t.count for t in result.tallies], horizontal=False)
    deck.canvas.notes(slide, [
        phase.prompt.get(deck.lang),
        _.ngettext("{n} person answered.", "{n} people answered.", result.people),
        *(_("{label}: {count} ({share} %)", label=t.label, count=t.count,
            share=round(100 * t.count / result.people) if result.people else 0)
          for t in result.tallies),
    ])


SlideBuilder = Callable[["DeckBuilder", Phase], None]

# The slides of each kind are the function <kind>_slides of this module or format_slides.py.
BUILDERS: dict[str, SlideBuilder] = per_kind("slides", sys.modules[__name__], format_slides)


def phase_slides(deck: DeckBuilder, phase: Phase) -> None:
    builder = BUILDERS.get(phase.kind)
    if builder is None:
        raise UnknownKind(N_("No slide for the phase kind '{kind}' (phase '{phase}')."),
                          kind=phase.kind, phase=phase.id)
    builder(deck, phase)
