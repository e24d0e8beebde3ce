"""Reading exported files back, as an organiser's software would."""

from __future__ import annotations

from pptx import Presentation
from pptx.util import Emu


def titles(deck: Presentation) -> list[str]:
    return [s.shapes.title.text if s.shapes.title is not None else "" for s in deck.slides]


def slide_titled(deck: Presentation, title: str):
    found = [s for s in deck.slides if s.shapes.title is not None and s.shapes.title.text == title]
    assert len(found) == 1, (title, titles(deck))
    return found[0]


def charts(slide) -> list:
    return [shape.chart for shape in slide.shapes if shape.has_chart]


def series(chart) -> tuple[list[str], list[int]]:
    plot = chart.plots[0]
    return list(plot.categories), [int(v) for v in plot.series[0].values]


def texts(slide) -> list[str]:
    """Every text a person can read on the slide: boxes, tables, not the notes."""
    found = []
    for shape in slide.shapes:
        if shape.has_text_frame:
            found += [p.text for p in shape.text_frame.paragraphs]
        if shape.has_table:
            for row in shape.table.rows:
                found += [c.text for c in row.cells]
    return found


def everything(deck: Presentation) -> str:
    parts = []
    for slide in deck.slides:
        parts += texts(slide)
        for chart in charts(slide):
            parts += series(chart)[0]
        if slide.has_notes_slide:
            parts.append(slide.notes_slide.notes_text_frame.text)
    return "\n".join(parts)


def inside(shape, deck: Presentation) -> bool:
    return (shape.left >= 0 and shape.top >= 0
            and Emu(shape.left + shape.width) <= deck.slide_width
            and Emu(shape.top + shape.height) <= deck.slide_height)
