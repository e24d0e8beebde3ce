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
from palabre.wordcloud import render_wordcloud

from . import format_slides
from .headings import phase_slide, phase_title, prompt_line, sheet_of
from .layout import (
    BULLET,
    DECISION_PAGES,
    IDEA_LINES,
    LINE_EM,
    MORE_LINES,
    TOP_ITEMS,
    Size,
    TextFit,
    bar_labels,
    largest_fit,
    one_line,
    paginate,
    paragraph_lines,
)

NOTES_ITEMS = 60  # items listed in a vote's notes; the workbook has them all

if TYPE_CHECKING:
    from .builder import Deck as DeckBuilder


class UnknownKind(Refusal):
    """A phase kind with no slide builder: the deck refuses rather than drop a phase."""


def _empty(deck: DeckBuilder, phase: Phase, message: str) -> None:
    slide, areas = phase_slide(deck, phase)
    deck.canvas.text(slide, areas[-1], [message], size=Size.BODY)
    deck.canvas.notes(slide, [phase.prompt.get(deck.lang)])


def ideas_slides(deck: DeckBuilder, phase: Phase) -> None:
    """The prompt and as many answers as one slide holds (a grid: columns side by side); the
    last line says how many more there are and in which sheet of the workbook."""
    _ = deck._
    result = deck.work.result.of(phase)
    items = list(result.items)
    if not items:
        _empty(deck, phase, _("No answer in this phase."))
        return
    if result.columns:
        format_slides.grid_slide(deck, phase, result.columns)
        word_cloud_slide(deck, phase)
        return
    area = deck.canvas.areas_for("content")[-1]
    prompt = prompt_line(deck, phase)
    head = TextFit.of(area.box.width, area.box.height, Size.SUBTITLE).lines_for(prompt) + 0.5
    band, rest = area.box.take_top(int(Size.SUBTITLE * LINE_EM * head), gap=0)
    fit = TextFit.of(rest.width, rest.height, Size.LIST)
    pages = paginate([c.text or "" for c in items], fit, item_lines=IDEA_LINES,
                     spacing_lines=paragraph_lines(Size.LIST), reserve=MORE_LINES)
    page = pages[0]
    lines = [BULLET + text for text in page]
    left_out = len(items) - len(page)
    if left_out:
        lines[-1] = _.ngettext("{n} more answer: see the workbook, sheet “{sheet}”.",
                               "{n} more answers: see the workbook, sheet “{sheet}”.",
                               left_out + 1, sheet=sheet_of(deck, phase))
    slide, _areas = phase_slide(deck, phase)
    deck.canvas.text(slide, area, [prompt, *lines], size=Size.LIST, first_size=Size.SUBTITLE)
    deck.canvas.notes(slide, [
        phase.prompt.get(deck.lang),
        _.ngettext("{n} answer in this phase.", "{n} answers in this phase.", result.answers),
        "",
        *(_("No. {id} ({role}): {text}", id=c.number, role=deck.work.role(c.role),
            text=c.text or "") for c in items[:len(page)]),
    ])
    word_cloud_slide(deck, phase)


# A cloud says something once the room wrote enough, and once some words come back: below
# this, the list says it better.
CLOUD_MIN_ANSWERS = 20
CLOUD_MIN_WORDS = 12
CLOUD_MIN_TOP = 4  # the biggest word was written at least this many times
EMU_PER_PX = 9525  # 96 dpi, the resolution PowerPoint and LibreOffice assume for a picture


def cloud_words(deck: DeckBuilder, phase: Phase) -> list[tuple[str, int]]:
    """The words of the cloud, or none when a cloud would mean nothing."""
    if deck.work.result.of(phase).answers < CLOUD_MIN_ANSWERS:
        return []
    counts = synthesis.word_counts(deck.work.snap, [phase.id], lang=deck.work.session.lang)
    if len(counts) < CLOUD_MIN_WORDS or counts[0][1] < CLOUD_MIN_TOP:
        return []
    return counts


def word_cloud_slide(deck: DeckBuilder, phase: Phase) -> None:
    """The words a free-text phase used most, drawn as on the projector (same counts, same
    drawing), after the phase's own slides; none where it would mean nothing."""
    _ = deck._
    counts = cloud_words(deck, phase)
    if not counts:
        return
    slide = deck.canvas.slide("content", _("Words used most: {title}",
                                           title=phase_title(deck, phase)))
    box = deck.canvas.free(slide, deck.canvas.areas_for("content")[-1])
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
    """The decisions: the items with most dots, ranked (ties share a rank and say so), each
    in full with the worse idea it turns around, on as many slides as they need at a
    readable size; a chart beside each list."""
    _ = deck._
    result = deck.work.result.of(phase)
    tallies = list(result.voted)
    if not tallies:
        _empty(deck, phase, _("No dot was placed."))
        return
    top = tallies[:TOP_ITEMS]
    lines = []
    for t in top:
        worse = result.origins.get(t.item.id)
        said = one_line(t.label) if worse is None else _(
            "{text} (worse idea: {worse})", text=one_line(t.label),
            worse=one_line(worse.text or ""))
        lines.append(_.ngettext("{rank} · {n} dot — {text}", "{rank} · {n} dots — {text}",
                                t.count, rank=rank_label(deck, t), text=said))
    chart_area, list_area = deck.canvas.areas_for("two")
    size, pages = largest_fit(lines, list_area.box, (Size.LIST, Size.SUBTITLE, Size.MIN),
                              reserve=1.5)
    role = "two"
    if len(pages) > 1:  # long proposals: the whole width for them, no chart
        role, chart_area, list_area = "content", None, deck.canvas.areas_for("content")[-1]
        size, pages = largest_fit(lines, list_area.box, (Size.LIST, Size.SUBTITLE, Size.MIN),
                                  reserve=2)
    pages = pages[:DECISION_PAGES]
    shown = sum(len(p) for p in pages)
    left_out = len(tallies) - shown
    first = 0
    for number, page in enumerate(pages, 1):
        on_page = top[first:first + len(page)]
        slide, _areas = phase_slide(deck, phase, number, len(pages), role=role)
        if chart_area is not None:
            deck.canvas.bar_chart(slide, chart_area, _("Dots"),
                                  bar_labels([t.label for t in on_page],
                                             [str(t.rank) for t in on_page]),
                                  [t.count for t in on_page])
        text = list(page)
        if left_out and number == len(pages):
            text.append(_.ngettext(
                "{n} more item received dots: see the workbook, sheet “{sheet}”.",
                "{n} more items received dots: see the workbook, sheet “{sheet}”.",
                left_out, sheet=sheet_of(deck, phase)))
        deck.canvas.text(slide, list_area, text, size=size)
        deck.canvas.notes(slide, vote_notes(deck, phase, result, tallies) if number == 1
                          else [phase.prompt.get(deck.lang)])
        first += len(page)


def vote_notes(deck: DeckBuilder, phase: Phase, result, tallies) -> list[str]:
    _ = deck._
    return [
        phase.prompt.get(deck.lang),
        _.ngettext("{n} person voted.", "{n} people voted.", result.people),
        _("{n} items received dots; the {top} first are shown.", n=len(tallies),
          top=min(len(tallies), TOP_ITEMS)),
        "",
        *(_("{rank} · No. {id}: {dots} dots from {voters} people. {text}",
            rank=rank_label(deck, t), id=t.number, dots=t.count, voters=t.voters,
            text=t.label) for t in tallies[:NOTES_ITEMS]),
        "",
        *(_("{role}, first choices: {items}", role=deck.work.role(role),
            items=", ".join(f"{_('No. {id}', id=t.number)} ({t.count})"
                            for t in [t for t in split if t.count][:TOP_ITEMS]) or "–")
          for role, split in result.by_voter_role.items()),
    ]


def choice_slides(deck: DeckBuilder, phase: Phase) -> None:
    """How many people ticked each option. Long options (« Comment pourrions-nous… ») are
    numbered on the chart and listed whole beside it."""
    _ = deck._
    result = deck.work.result.of(phase)
    labels = [t.label for t in result.tallies]
    numbers = [str(i) for i in range(1, len(labels) + 1)]
    named = bar_labels(labels, numbers)
    values = [t.count for t in result.tallies]
    if named is numbers:
        chart_area, list_area = deck.canvas.areas_for("two")
        lines = [_("{number}. {option} — {count}", number=n, option=one_line(label),
                   count=t.count) for n, label, t in zip(numbers, labels, result.tallies,
                                                         strict=True)]
        size, pages = largest_fit(lines, list_area.box, (Size.LIST, Size.SUBTITLE, Size.MIN))
        slide, _areas = phase_slide(deck, phase, role="two")
        deck.canvas.text(slide, list_area, [line for page in pages for line in page],
                         size=size)
    else:
        slide, (chart_area,) = phase_slide(deck, phase)
    deck.canvas.bar_chart(slide, chart_area, _("Answers"), named, values, horizontal=False)
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
