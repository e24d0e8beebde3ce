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
    MAX_PHASE_PAGES,
    SUBTITLE_HEIGHT,
    TOP_ITEMS,
    Box,
    Size,
    TextFit,
    cell_budget,
    chart_label,
    fill,
    one_line,
    paragraph_lines,
    table_pages,
)
from .records import FIELD_LABELS, persona_name

if TYPE_CHECKING:
    from palabre.synthesis import Column

    from .builder import Deck as DeckBuilder

PAIR_WIDTHS = (1.0, 1.5)  # worse idea, what it was turned into
PAIR_ROWS = 8
PHOTO_GRID = (2, 3)  # rows, columns of photos on one slide
CAPTION_LINES = 2
SECONDS_PER_MINUTE = 60
GRID_COLUMNS = 2  # a feedback grid of four columns: two by two, readable from the back


def _empty(deck: DeckBuilder, phase: Phase, message: str) -> None:
    slide, body = phase_slide(deck, phase)
    deck.canvas.text(slide, body, [message], size=Size.BODY)
    deck.canvas.notes(slide, [phase.prompt.get(deck.lang)])


def _column(deck: DeckBuilder, slide, box: Box, heading: str, texts: list[str],
            phase: Phase) -> None:
    """A heading and as many bulleted texts as the box holds; the last line says how many
    are left and in which sheet of the workbook they are."""
    band, rest = box.take_top(SUBTITLE_HEIGHT, gap=GAP / 2)
    deck.canvas.text(slide, band, [heading], size=Size.BODY, bold_first=True)
    fit = TextFit.of(rest.width, rest.height, Size.LIST)
    more = deck._("{n} more: see the workbook, sheet “{sheet}”.", n="{n}",
                  sheet=sheet_of(deck, phase))
    lines = fill([one_line(t) for t in texts], fit, item_lines=IDEA_LINES, more=more,
                 spacing_lines=paragraph_lines(Size.LIST))
    deck.canvas.text(slide, rest, lines or ["–"], size=Size.LIST)


def grid_slide(deck: DeckBuilder, phase: Phase, columns: tuple[Column, ...]) -> None:
    """A feedback grid (what works, to improve, questions, new ideas) as the wall drew it:
    one box per column with its answers."""
    _ = deck._
    slide, body = phase_slide(deck, phase)
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
    """Each worse idea beside what the room turned it into, in a table; past the last page,
    a line says how many worse ideas are left and where they all are."""
    _ = deck._
    found = list(deck.work.result.of(phase).pairs)
    if not found:
        _empty(deck, phase, _("No idea to turn around in the earlier phase."))
        return
    _band, box = deck.canvas.body_for("title_only").take_top(SUBTITLE_HEIGHT)
    worse_chars = cell_budget(box, PAIR_WIDTHS, 0, Size.TABLE, 3)
    better_chars = cell_budget(box, PAIR_WIDTHS, 1, Size.TABLE, 4)
    rows = [[shorten(one_line(p.worse.text or ""), worse_chars),
             shorten(" · ".join(one_line(b.text or "") for b in p.better), better_chars)
             or _("not turned around")] for p in found]
    note_band = SUBTITLE_HEIGHT  # room for the line that counts what is left out
    table_box = Box(box.left, box.top, box.width, box.height - note_band)
    pages = table_pages(rows, PAIR_WIDTHS, table_box, Size.TABLE, max_rows=PAIR_ROWS)
    shown = pages[:MAX_PHASE_PAGES]
    left_out = len(found) - sum(len(p) for p in shown)
    for number, page in enumerate(shown, 1):
        slide, body = phase_slide(deck, phase, number, len(shown))
        table_area, note_area = body.take_top(body.height - note_band, gap=0)
        deck.canvas.table(slide, table_area, [_("Worse idea"), _("Turned into")], page,
                          PAIR_WIDTHS, row_height=deck.row_height(1))
        if left_out and number == len(shown):
            deck.canvas.text(slide, note_area, [_.ngettext(
                "{n} more worse idea: see the workbook, sheet “{sheet}”.",
                "{n} more worse ideas: see the workbook, sheet “{sheet}”.",
                left_out, sheet=sheet_of(deck, phase))], size=Size.SUBTITLE)
        first = sum(len(p) for p in shown[:number - 1])
        deck.canvas.notes(slide, [
            phase.prompt.get(deck.lang),
            *(_("No. {id}: {text}", id=p.worse.id, text=p.worse.text or "") + "\n"
              + "\n".join(f"  → {b.text}" for b in p.better)
              for p in found[first:first + len(page)]),
        ])


def cluster_slides(deck: DeckBuilder, phase: Phase) -> None:
    """The facilitator's themes with how many ideas each gathers and a quote."""
    _ = deck._
    result = deck.work.result.of(phase)
    found = list(result.themes)
    if not result.ideas:
        _empty(deck, phase, _("No idea to group in the earlier phase."))
        return
    slide, body = phase_slide(deck, phase)
    top = found[:TOP_ITEMS]
    names = [t.title or _("Other ideas") for t in top]
    chart_box, list_box = body.columns(2, weights=(1.0, 1.2))
    deck.canvas.bar_chart(slide, chart_box, _("Ideas"),
                          [chart_label(n, str(i)) for i, n in enumerate(names, 1)],
                          [len(t.items) for t in top])
    fit = TextFit.of(list_box.width, list_box.height, Size.LIST)
    per_theme = max(int(fit.lines // len(top)) - 1, 1)
    lines = [shorten(_("{theme}: “{quote}”", theme=name,
                       quote=one_line(t.quote.text or "") if t.quote else "–"),
                     fit.budget(per_theme)) for name, t in zip(names, top, strict=True)]
    deck.canvas.text(slide, list_box, lines, size=Size.LIST)
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
        slide = deck.canvas.slide("title_only", _("{title}: {name}",
                                                  title=phase_title(deck, phase), name=name))
        body = deck.canvas.body(slide)
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
    """For and against, one slide per viewpoint argued."""
    _ = deck._
    argued = deck.work.result.of(phase).argued
    if not argued:
        _empty(deck, phase, _("No answer in this phase."))
        return
    for view, split in argued.items():
        label = _(viewpoint_label(view))
        slide = deck.canvas.slide("title_only", _("{title}: {name}",
                                                  title=phase_title(deck, phase),
                                                  name=label))
        left, right = deck.canvas.body(slide).columns(2)
        _column(deck, slide, left, _("For"), [c.text or "" for c in split["for"]], phase)
        _column(deck, slide, right, _("Against"), [c.text or "" for c in split["against"]],
                phase)
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
    slide, body = phase_slide(deck, phase)
    band, rest = body.take_top(SUBTITLE_HEIGHT)
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
    """Photos of flipcharts and prototypes with their captions, six a slide."""
    _ = deck._
    items = list(deck.work.result.of(phase).items)
    if not items:
        _empty(deck, phase, _("No answer in this phase."))
        return
    rows, cols = PHOTO_GRID
    per_page = rows * cols
    pages = [items[i:i + per_page] for i in range(0, len(items), per_page)][:MAX_PHASE_PAGES]
    left_out = len(items) - sum(len(p) for p in pages)
    for number, page in enumerate(pages, 1):
        slide, body = phase_slide(deck, phase, number, len(pages))
        for cell, item in zip(body.grid(rows, cols), page, strict=False):
            fit = TextFit.of(cell.width, cell.height, Size.SUBTITLE)
            caption_height = int(Size.SUBTITLE * 1.3 * (CAPTION_LINES + 0.5))
            picture_box, caption = cell.take_top(cell.height - caption_height, gap=0)
            data = deck.work.photo(item.body.get("photo"))
            if data:
                picture(deck, slide, picture_box, data)
            deck.canvas.text(slide, caption, [shorten(one_line(item.text or ""),
                                                      fit.budget(CAPTION_LINES))],
                             size=Size.SUBTITLE)
        notes = [phase.prompt.get(deck.lang),
                 *(_("No. {id}: {text}", id=c.id, text=c.text or "") for c in page)]
        if left_out and number == len(pages):
            notes.append(_.ngettext("{n} more photo: see the workbook, sheet “{sheet}”.",
                                    "{n} more photos: see the workbook, sheet “{sheet}”.",
                                    left_out, sheet=sheet_of(deck, phase)))
        deck.canvas.notes(slide, notes)


def pitch_slides(deck: DeckBuilder, phase: Phase) -> None:
    """The teams in the order they pitched (the facilitator's pitch board, else the tables of
    the room), with the time each had; the notes leave room for what was said."""
    _ = deck._
    teams = list(deck.work.result.of(phase).teams)
    slide, body = phase_slide(deck, phase)
    seconds = phase.params.get("seconds")
    band, rest = body.take_top(SUBTITLE_HEIGHT)
    if seconds:
        deck.canvas.text(slide, band, [_("{minutes} min per team", minutes=format_number(
            seconds / SECONDS_PER_MINUTE, deck.lang))], size=Size.BODY, bold_first=True)
    fit = TextFit.of(rest.width, rest.height, Size.LIST)
    lines = fill([f"{n}. {team}" for n, team in enumerate(teams, 1)], fit, item_lines=1,
                 more=_("{n} more teams: see the notes.", n="{n}"),
                 spacing_lines=paragraph_lines(Size.LIST))
    deck.canvas.text(slide, rest, lines or [_("No team was listed.")], size=Size.LIST)
    deck.canvas.notes(slide, [phase.prompt.get(deck.lang),
                              *(f"{team}: " for team in teams)])
