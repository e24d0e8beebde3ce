"""Slides of the richer formats: inversions, themes, empathy maps, arguments, scales, photos.

Same rules as ``slides``: figures from ``palabre.synthesis``, texts within their box's
budget, the rest in the notes and the annex. Registered in ``slides.BUILDERS``.
"""

from __future__ import annotations

import io
import math
from typing import TYPE_CHECKING

from palabre.exercises import Phase
from PIL import Image

from palabre.i18n import format_number
from palabre.labels import viewpoint_label
from palabre.text import shorten

from .headings import phase_slide, phase_title, sheet_of
from .layout import (
    GAP,
    IDEA_LINES,
    LINE_EM,
    SUBTITLE_HEIGHT,
    Box,
    Size,
    TextFit,
    bar_labels,
    chart_label,
    fill,
    largest_fit,
    one_line,
    paragraph_lines,
    row_heights,
    table_pages,
)
from .records import FIELD_LABELS, persona_name

if TYPE_CHECKING:
    from palabre.synthesis import Column

    from .builder import Deck as DeckBuilder

PAIR_WIDTHS = (1.0, 1.5)  # worse idea, what it was turned into
PAIR_ROWS = 6
QUOTE_CHARS = 160  # an idea that stands for its theme: two lines or so
PHOTO_GRID = (2, 3)  # rows, columns of photos on one slide
CAPTION_LINES = 2
SECONDS_PER_MINUTE = 60
GRID_COLUMNS = 2  # a feedback grid of four columns: two by two, readable from the back


def _empty(deck: DeckBuilder, phase: Phase, message: str) -> None:
    slide, areas = phase_slide(deck, phase)
    deck.canvas.text(slide, areas[-1], [message], size=Size.BODY)
    deck.canvas.notes(slide, [phase.prompt.get(deck.lang)])


def _column(deck: DeckBuilder, slide, box: Box, heading: str, texts: list[str],
            phase: Phase) -> None:
    """A heading and as many bulleted texts as the box holds; the last line says how many
    are left and in which sheet of the workbook they are."""
    band, rest = box.take_top(SUBTITLE_HEIGHT, gap=GAP / 2)
    deck.canvas.text(slide, band, [heading], size=Size.BODY, bold_first=True)
    _list(deck, slide, rest, texts, phase)


def _list(deck: DeckBuilder, slide, area, texts: list[str], phase: Phase) -> None:
    box = area if isinstance(area, Box) else area.box
    fit = TextFit.of(box.width, box.height, Size.LIST)
    more = deck._("{n} more: see the workbook, sheet “{sheet}”.", n="{n}",
                  sheet=sheet_of(deck, phase))
    lines = fill([one_line(t) for t in texts], fit, item_lines=IDEA_LINES, more=more,
                 spacing_lines=paragraph_lines(Size.LIST))
    deck.canvas.text(slide, area, lines or ["–"], size=Size.LIST)


def grid_slide(deck: DeckBuilder, phase: Phase, columns: tuple[Column, ...]) -> None:
    """A feedback grid (what works, to improve, questions, new ideas) as the wall drew it:
    one box per column with its answers."""
    _ = deck._
    slide, areas = phase_slide(deck, phase)
    body = deck.canvas.free(slide, areas[-1])
    shown = [c for c in columns if c.label or c.items]
    cols = min(GRID_COLUMNS, len(shown)) or 1
    cells = body.grid(math.ceil(len(shown) / cols), cols)
    for cell, column in zip(cells, shown, strict=False):
        heading = _("{column} ({n})", column=column.label or _("No column"),
                    n=len(column.items))
        _column(deck, slide, cell, heading, [c.text or "" for c in column.items], phase)
    deck.canvas.notes(slide, [
        phase.prompt.get(deck.lang),
        *(f"{column.label or _('No column')}:\n" + "\n".join(f"  - {c.text}" for c in column.items)
          for column in shown),
    ])


def invert_slides(deck: DeckBuilder, phase: Phase) -> None:
    """Worse ideas beside what the room turned them into, whole, as many as one slide holds;
    a line says how many worse ideas are left and where they all are."""
    _ = deck._
    found = list(deck.work.result.of(phase).pairs)
    if not found:
        _empty(deck, phase, _("No idea to turn around in the earlier phase."))
        return
    area = deck.canvas.areas_for("content")[-1]
    rows = [[one_line(p.worse.text or ""),
             " · ".join(one_line(b.text or "") for b in p.better) or _("not turned around")]
            for p in found]
    note_band = SUBTITLE_HEIGHT * 2  # room for the line that counts what is left out
    table_box = Box(area.box.left, area.box.top, area.box.width, area.box.height - note_band)
    page = table_pages(rows, PAIR_WIDTHS, table_box, Size.TABLE, max_rows=PAIR_ROWS)[0]
    left_out = len(found) - len(page)
    slide, _areas = phase_slide(deck, phase)
    deck.canvas.table(slide, area, [_("Worse idea"), _("Turned into")], page, PAIR_WIDTHS)
    if left_out:
        used = sum(row_heights([["", ""], *page], PAIR_WIDTHS, table_box, Size.TABLE))
        note = Box(area.box.left, area.box.top + used + GAP / 2, area.box.width,
                   SUBTITLE_HEIGHT * 2)
        deck.canvas.text(slide, note, [_.ngettext(
            "{n} more worse idea: see the workbook, sheet “{sheet}”.",
            "{n} more worse ideas: see the workbook, sheet “{sheet}”.",
            left_out, sheet=sheet_of(deck, phase))], size=Size.SUBTITLE)
    deck.canvas.notes(slide, [
        phase.prompt.get(deck.lang),
        *(_("No. {id}: {text}", id=p.worse.number, text=p.worse.text or "") + "\n"
          + "\n".join(f"  → {b.text}" for b in p.better) for p in found[:len(page)]),
    ])


def cluster_slides(deck: DeckBuilder, phase: Phase) -> None:
    """The facilitator's themes, by their titles, with how many ideas each gathers and one of
    them to read; the workbook's sheet has every idea under its theme."""
    _ = deck._
    result = deck.work.result.of(phase)
    found = list(result.themes)
    if not result.ideas:
        _empty(deck, phase, _("No idea to group in the earlier phase."))
        return
    if not any(t.title for t in found):
        _empty(deck, phase, _.ngettext(
            "No theme was made: the {n} idea is in the workbook, sheet “{sheet}”.",
            "No theme was made: the {n} ideas are in the workbook, sheet “{sheet}”.",
            result.ideas, sheet=sheet_of(deck, phase)))
        return
    names = [t.title or _("Other ideas") for t in found]
    lines = [_.ngettext("{theme} ({n} idea): « {quote} »", "{theme} ({n} ideas): « {quote} »",
                        len(t.items), theme=name,
                        quote=shorten(one_line(t.quote.text or ""), QUOTE_CHARS)
                        if t.quote else "–")
             for name, t in zip(names, found, strict=True)]
    chart_area, list_area = deck.canvas.areas_for("two")
    size, pages = largest_fit(lines, list_area.box, (Size.LIST, Size.SUBTITLE, Size.MIN),
                              reserve=2)
    page = pages[0]
    slide, _areas = phase_slide(deck, phase, role="two")
    numbers = [str(i) for i in range(1, len(page) + 1)]
    labels = bar_labels(names[:len(page)], numbers)
    deck.canvas.bar_chart(slide, chart_area, _("Ideas"), labels,
                          [len(t.items) for t in found[:len(page)]])
    text = ([f"{n}. {line}" for n, line in zip(numbers, page, strict=True)]
            if labels is numbers else list(page))
    if len(found) > len(page):
        text.append(_.ngettext("{n} more theme: see the workbook, sheet “{sheet}”.",
                               "{n} more themes: see the workbook, sheet “{sheet}”.",
                               len(found) - len(page), sheet=sheet_of(deck, phase)))
    deck.canvas.text(slide, list_area, text, size=size)
    deck.canvas.notes(slide, [
        phase.prompt.get(deck.lang),
        *(deck._.ngettext("{theme}: {n} idea", "{theme}: {n} ideas", len(t.items),
                          theme=t.title or _("Other ideas"))
          + "\n" + "\n".join(f"  - {c.text}" for c in t.items) for t in found),
    ])


def persona_slides(deck: DeckBuilder, phase: Phase) -> None:
    """One empathy map per persona: a box per field, what the tables wrote in it."""
    _ = deck._
    maps = deck.work.result.of(phase).maps
    if not any(items for fields in maps.values() for items in fields.values()):
        _empty(deck, phase, _("No answer in this phase."))
        return
    for persona_id, fields in sorted(maps.items()):
        name = persona_name(persona_id) if persona_id else _("Persona")
        slide = deck.canvas.slide("content", _("{title}: {name}",
                                               title=phase_title(deck, phase), name=name))
        body = deck.canvas.free(slide, deck.canvas.areas_for("content")[-1])
        cols = min(3, len(fields)) or 1
        cells = body.grid(math.ceil(len(fields) / cols), cols)
        for cell, (field, items) in zip(cells, fields.items(), strict=False):
            _column(deck, slide, cell, _(FIELD_LABELS.get(field, field)),
                    [c.text or "" for c in reversed(items)], phase)
        deck.canvas.notes(slide, [
            phase.prompt.get(deck.lang),
            *(f"{_(FIELD_LABELS.get(f, f))}:\n" + "\n".join(f"  - {c.text}" for c in items)
              for f, items in fields.items()),
        ])


def argument_slides(deck: DeckBuilder, phase: Phase) -> None:
    """For and against, one slide per viewpoint argued, on the Comparison layout."""
    _ = deck._
    argued = deck.work.result.of(phase).argued
    if not argued:
        _empty(deck, phase, _("No answer in this phase."))
        return
    for view, split in argued.items():
        label = _(viewpoint_label(view))
        slide = deck.canvas.slide("comparison", _("{title}: {name}",
                                                  title=phase_title(deck, phase), name=label))
        head_for, for_area, head_against, against_area = deck.canvas.areas_for("comparison")
        for head, area, side, heading in ((head_for, for_area, "for", _("For")),
                                          (head_against, against_area, "against",
                                           _("Against"))):
            deck.canvas.text(slide, head, [heading], size=Size.BODY, bold_first=True)
            _list(deck, slide, area, [c.text or "" for c in split[side]], phase)
        deck.canvas.notes(slide, [
            phase.prompt.get(deck.lang),
            _("For") + ":", *(f"  - {c.text}" for c in split["for"]),
            _("Against") + ":", *(f"  - {c.text}" for c in split["against"]),
        ])


def scale_slides(deck: DeckBuilder, phase: Phase) -> None:
    """How many people chose each step, with the median and the mean."""
    _ = deck._
    summary = deck.work.result.of(phase).summary
    if not summary.responses:
        _empty(deck, phase, _("No answer in this phase."))
        return
    slide, areas = phase_slide(deck, phase)
    band, rest = deck.canvas.free(slide, areas[-1]).take_top(SUBTITLE_HEIGHT)
    figures = _("Median {median} · mean {mean} · {n} answers",
                median=format_number(summary.median, deck.lang),
                mean=format_number(summary.mean, deck.lang),
                n=summary.responses)
    deck.canvas.text(slide, band, [figures], size=Size.BODY, bold_first=True)
    labels = [str(step) for step in range(1, len(summary.distribution) + 1)]
    for index, end in ((0, "low"), (-1, "high")):
        named = phase.params.get(end)
        if named is not None and labels:
            labels[index] = chart_label(f"{labels[index]} – {named.get(deck.lang)}",
                                        labels[index])
    deck.canvas.bar_chart(slide, rest, _("Answers"), labels, list(summary.distribution),
                          horizontal=False)
    deck.canvas.notes(slide, [phase.prompt.get(deck.lang), figures])


def picture(deck: DeckBuilder, slide, box: Box, data: bytes) -> None:
    """The photo as large as the box allows, its proportions kept, centred."""
    with Image.open(io.BytesIO(data)) as image:
        width_px, height_px = image.size
    scale = min(box.width / width_px, box.height / height_px)
    width, height = int(width_px * scale), int(height_px * scale)
    slide.shapes.add_picture(io.BytesIO(data), box.left + (box.width - width) // 2,
                             box.top + (box.height - height) // 2, width, height)


def photo_slides(deck: DeckBuilder, phase: Phase) -> None:
    """Photos of flipcharts and prototypes with their captions, six on one slide; the rest
    are counted, and all are in the workbook and the annex."""
    _ = deck._
    items = list(deck.work.result.of(phase).items)
    if not items:
        _empty(deck, phase, _("No answer in this phase."))
        return
    rows, cols = PHOTO_GRID
    page = items[:rows * cols]
    left_out = len(items) - len(page)
    slide, areas = phase_slide(deck, phase)
    body = deck.canvas.free(slide, areas[-1])
    if left_out:
        body, note = body.take_top(body.height - SUBTITLE_HEIGHT, gap=0)
        deck.canvas.text(slide, note, [_.ngettext(
            "{n} more photo: see the workbook, sheet “{sheet}”.",
            "{n} more photos: see the workbook, sheet “{sheet}”.",
            left_out, sheet=sheet_of(deck, phase))], size=Size.SUBTITLE)
    for cell, item in zip(body.grid(rows, cols), page, strict=False):
        fit = TextFit.of(cell.width, cell.height, Size.MIN)
        caption_height = int(Size.MIN * LINE_EM * (CAPTION_LINES + 0.6))
        picture_box, caption = cell.take_top(cell.height - caption_height, gap=0)
        data = deck.work.photo(item.body.get("photo"))
        if data:
            picture(deck, slide, picture_box, data)
        deck.canvas.text(slide, caption, [shorten(one_line(item.text or ""),
                                                  fit.budget(CAPTION_LINES))],
                         size=Size.MIN)
    deck.canvas.notes(slide, [phase.prompt.get(deck.lang),
                              *(_("No. {id}: {text}", id=c.number, text=c.text or "")
                                for c in page)])


def pitch_slides(deck: DeckBuilder, phase: Phase) -> None:
    """The teams in the order they pitched (the facilitator's pitch board, else the tables of
    the room), with the time each had; the notes leave room for what was said."""
    _ = deck._
    teams = list(deck.work.result.of(phase).teams)
    slide, areas = phase_slide(deck, phase)
    seconds = phase.params.get("seconds")
    lines = [f"{n}. {team}" for n, team in enumerate(teams, 1)] or [_("No team was listed.")]
    if seconds:
        lines.insert(0, _("{minutes} min per team", minutes=format_number(
            seconds / SECONDS_PER_MINUTE, deck.lang)))
    size, pages = largest_fit(lines, areas[-1].box, (Size.LIST, Size.SUBTITLE, Size.MIN))
    shown = pages[0]
    if len(shown) < len(lines):
        shown[-1] = _("{n} more teams: see the notes.", n=len(lines) - len(shown) + 1)
    deck.canvas.text(slide, areas[-1], shown, size=size, bold_first=bool(seconds))
    deck.canvas.notes(slide, [phase.prompt.get(deck.lang),
                              *(f"{team}: " for team in teams)])


REVIEW_WIDTHS = (5.0, 1.6, 5.4)  # the follow-up, still relevant, next steps


def review_slides(deck: DeckBuilder, phase: Phase) -> None:
    """What the committee said of its previous session's open follow-ups: for each, how
    many find it still relevant and the next steps proposed, as a table on as many slides as
    it needs (each step in full in the notes and the workbook)."""
    from palabre.synthesis.follow_ups import Reviewed

    _ = deck._
    reviewed: tuple[Reviewed, ...] = deck.work.result.of(phase).reviewed
    if not reviewed:
        slide, areas = phase_slide(deck, phase)
        deck.canvas.text(slide, areas[-1], [_("No follow-up was reviewed.")], size=Size.BODY)
        deck.canvas.notes(slide, [phase.prompt.get(deck.lang)])
        return
    box = deck.canvas.areas_for("content")[-1].box
    rows = [[shorten(one_line(_("No. {number}: {text}", number=r.number, text=r.text)), 160),
             str(r.still),
             shorten(" · ".join(one_line(s.text or "") for s in r.steps), 240) or "–"]
            for r in reviewed]
    pages = table_pages(rows, REVIEW_WIDTHS, box, Size.TABLE, max_rows=len(rows))
    for number, page in enumerate(pages, 1):
        slide, areas = phase_slide(deck, phase, number, len(pages))
        deck.canvas.table(slide, areas[-1], [_("Follow-up"), _("Still relevant"),
                                             _("Next steps proposed")], page, REVIEW_WIDTHS)
        deck.canvas.notes(slide, [phase.prompt.get(deck.lang), *(
            _("No. {number}: {text}", number=r.number, text=r.text) + " — " + " | ".join(
                s.text or "" for s in r.steps) for r in reviewed)])
