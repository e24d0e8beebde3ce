"""Drawing on a deck through the template's own layouts: titles in the title placeholder, body
text, tables and charts in the layout's content placeholders (Title and Content, Two Content,
Comparison), so an organisation's template sets where the body goes, its fonts and colours.
A template lacking such a layout falls back on Title Only with boxes computed under the title.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from lxml import etree
from pptx.chart.data import CategoryChartData
from pptx.enum.chart import XL_CHART_TYPE, XL_LABEL_POSITION
from pptx.enum.shapes import PP_PLACEHOLDER
from pptx.enum.text import MSO_ANCHOR, MSO_AUTO_SIZE
from pptx.oxml.ns import qn
from pptx.presentation import Presentation
from pptx.shapes.placeholder import ChartPlaceholder, TablePlaceholder
from pptx.slide import Slide, SlideLayout
from pptx.util import Emu, Length, Pt

from .layout import (
    MARGIN,
    PARAGRAPH_SPACE,
    SUBTITLE_HEIGHT,
    TITLE_HEIGHT,
    Box,
    Size,
    TextFit,
    largest_fit,
    row_heights,
)
from .neutralise import xml_safe

# Layout names in English (python-pptx's and PowerPoint's default) and French (PowerPoint
# installed in French), tried in order before looking at the placeholders.
LAYOUT_NAMES = {
    "cover": ("Title Slide", "Diapositive de titre"),
    "title_only": ("Title Only", "Titre seul"),
    "content": ("Title and Content", "Titre et contenu"),
    "two": ("Two Content", "Deux contenus"),
    "comparison": ("Comparison", "Comparaison"),
    "section": ("Section Header", "En-tête de section"),
}
# What each role needs of its layout: (headers, contents) placeholders.
NEEDS = {"content": (0, 1), "two": (0, 2), "comparison": (2, 2), "title_only": (0, 0)}
HUNDREDTHS_OF_POINT = 100  # DrawingML font sizes
DEFAULT_TITLE_SIZE = Pt(44)  # python-pptx's master, when a template says nothing
_TITLES = (PP_PLACEHOLDER.TITLE, PP_PLACEHOLDER.CENTER_TITLE)
_FURNITURE = (PP_PLACEHOLDER.DATE, PP_PLACEHOLDER.FOOTER, PP_PLACEHOLDER.SLIDE_NUMBER)
_CONTENTS = (PP_PLACEHOLDER.OBJECT, PP_PLACEHOLDER.TABLE, PP_PLACEHOLDER.CHART)
_HEADERS = (PP_PLACEHOLDER.BODY,)


def _types(layout: SlideLayout) -> list:
    return [ph.placeholder_format.type for ph in layout.placeholders
            if ph.placeholder_format.type not in _FURNITURE]


def _fits(role: str, types: list) -> bool:
    if role == "cover":
        return PP_PLACEHOLDER.CENTER_TITLE in types and PP_PLACEHOLDER.SUBTITLE in types
    headers, contents = NEEDS[role]
    return (any(t in _TITLES for t in types)
            and sum(t in _CONTENTS for t in types) == contents
            and sum(t in _HEADERS for t in types) == headers)


def find_layout(deck: Presentation, role: str) -> SlideLayout | None:
    """The layout of that role: by name (if its placeholders suit), else by its
    placeholders; None when the template has none (the caller falls back)."""
    layouts = list(deck.slide_layouts)
    for name in (n.casefold() for n in LAYOUT_NAMES[role]):
        for layout in layouts:
            if layout.name.casefold() == name and (role == "section"
                                                   or _fits(role, _types(layout))):
                return layout
    for layout in layouts:
        if role != "section" and _fits(role, _types(layout)):
            return layout
    return None


def _any_titled(deck: Presentation) -> SlideLayout:
    for layout in deck.slide_layouts:
        if any(t in _TITLES for t in _types(layout)):
            return layout
    return deck.slide_layouts[0]


def remove_slides(deck: Presentation) -> None:
    """An organisation's template may carry sample slides: the restitution starts empty."""
    ids = deck.slides._sldIdLst  # noqa: SLF001 - python-pptx has no public delete
    for slide_id in list(ids):
        deck.part.drop_rel(slide_id.rId)
        ids.remove(slide_id)


@dataclass(frozen=True)
class Area:
    """Where one piece of body content goes: a placeholder of the layout (its idx), or a box
    computed under the title when the template has no such placeholder."""

    box: Box
    idx: int | None = None


def _size_of(element, path: str) -> Length | None:
    found = element.find(path) if element is not None else None
    if found is not None and found.get("sz"):
        return Emu(Pt(int(found.get("sz")) / HUNDREDTHS_OF_POINT))
    return None


@dataclass
class Canvas:
    deck: Presentation
    lang: str = "fr-FR"  # the language tag of the text, for spell checkers

    @property
    def width(self) -> Length:
        return Emu(self.deck.slide_width)

    @property
    def height(self) -> Length:
        return Emu(self.deck.slide_height)

    # --- layouts and their areas --------------------------------------------------------
    def layout(self, role: str) -> SlideLayout:
        return find_layout(self.deck, role) or find_layout(self.deck, "title_only") or (
            _any_titled(self.deck))

    def _title_box(self, layout: SlideLayout) -> Box:
        for shape in layout.placeholders:
            if shape.placeholder_format.type in _TITLES and shape.top is not None:
                return Box(shape.left, shape.top, shape.width, shape.height)
        return Box(MARGIN, MARGIN, Emu(self.width - 2 * MARGIN), TITLE_HEIGHT)

    def _under_title(self, layout: SlideLayout) -> Box:
        title = self._title_box(layout)
        top = Emu(title.top + title.height + MARGIN // 4)
        return Box(MARGIN, top, Emu(self.width - 2 * MARGIN), Emu(self.height - top - MARGIN))

    def areas_for(self, role: str) -> list[Area]:
        """The areas a slide of that role will have, known before the slide exists, so texts
        are paginated first: headers and contents left to right (a Comparison gives header,
        content, header, content)."""
        layout = find_layout(self.deck, role)
        if layout is not None and role in NEEDS:
            found = [ph for ph in layout.placeholders
                     if ph.placeholder_format.type in (*_CONTENTS, *_HEADERS)]
            found.sort(key=lambda ph: (ph.left, ph.top))
            return [Area(Box(ph.left, ph.top, ph.width, ph.height), ph.placeholder_format.idx)
                    for ph in found]
        body = self._under_title(self.layout("title_only"))
        if role == "two":
            return [Area(box) for box in body.columns(2)]
        if role == "comparison":
            areas = []
            for column in body.columns(2):
                band, rest = column.take_top(SUBTITLE_HEIGHT)
                areas += [Area(band), Area(rest)]
            return areas
        return [Area(body)]

    def body_for(self, role: str = "content") -> Box:
        """The one content area of a Title and Content slide (or the area under the title)."""
        return self.areas_for(role)[-1].box

    # --- slides -------------------------------------------------------------------------
    def title_size(self, layout: SlideLayout) -> Length:
        for element in (layout.element, layout.slide_master.element):
            size = _size_of(element, ".//" + qn("p:titleStyle") + "/" + qn("a:lvl1pPr") + "/"
                            + qn("a:defRPr"))
            if size is not None:
                return size
        return DEFAULT_TITLE_SIZE

    def slide(self, role: str, title: str) -> Slide:
        layout = find_layout(self.deck, role) or self.layout("title_only")
        slide = self.deck.slides.add_slide(layout)
        title = xml_safe(title)
        for shape in slide.placeholders:
            if shape.placeholder_format.type in _TITLES:
                shape.text_frame.text = title
                self._fit_title(shape, title, layout)
                break
        else:
            box = Box(MARGIN, MARGIN, Emu(self.width - 2 * MARGIN), TITLE_HEIGHT)
            self.text(slide, Area(box), [title], size=Size.QUESTION)
        return slide

    def _fit_title(self, shape, title: str, layout: SlideLayout) -> None:
        """A title too long for its placeholder at the template's size is set smaller, down
        to TITLE_MIN, so it never runs onto the body below."""
        size = start = self.title_size(layout)
        while size > Size.TITLE_MIN:
            fit = TextFit.of(shape.width, shape.height, size)
            if fit.lines_for(title) <= int(fit.lines):
                break
            size = Emu(size - Pt(2))
        if size == start:
            return
        for paragraph in shape.text_frame.paragraphs:
            for run in paragraph.runs:
                run.font.size = size

    def placeholder(self, slide: Slide, kind) -> object | None:
        for shape in slide.placeholders:
            if shape.placeholder_format.type == kind:
                return shape
        return None

    def _placeholder(self, slide: Slide, area: Area):
        if area.idx is None:
            return None
        for shape in slide.placeholders:
            if shape.placeholder_format.idx == area.idx:
                return shape
        return None

    def drop_unused(self, slide: Slide) -> None:
        """Content placeholders left empty would show « Click to add text » to the organiser
        editing the deck: they go."""
        for shape in list(slide.placeholders):
            kind = shape.placeholder_format.type
            if kind in (*_CONTENTS, *_HEADERS, PP_PLACEHOLDER.SUBTITLE) and (
                    shape.has_text_frame and not shape.text_frame.text.strip()):
                shape.element.getparent().remove(shape.element)

    # --- content ------------------------------------------------------------------------
    def text(self, slide: Slide, area: Area | Box, paragraphs: Sequence[str], *,
             size: Length, bold_first: bool = False, first_size: Length | None = None
             ) -> None:
        """Paragraphs in the area, top-aligned, never shrunk by the renderer (they were
        paginated to fit); ``first_size`` sets a lead paragraph apart (a prompt, in italics)."""
        if isinstance(area, Box):
            area = Area(area)
        holder = self._placeholder(slide, area)
        if holder is not None:
            frame = holder.text_frame
        else:
            box = area.box
            frame = slide.shapes.add_textbox(box.left, box.top, box.width, box.height
                                             ).text_frame
        frame.word_wrap = True
        frame.auto_size = MSO_AUTO_SIZE.NONE
        frame.vertical_anchor = MSO_ANCHOR.TOP
        for index, text in enumerate(paragraphs):
            paragraph = frame.paragraphs[0] if index == 0 else frame.add_paragraph()
            if holder is not None:  # the list draws its own marks (rank, bullet) once
                props = paragraph._p.get_or_add_pPr()  # noqa: SLF001
                props.set("marL", "0")
                props.set("indent", "0")
                etree.SubElement(props, qn("a:buNone"))
            run = paragraph.add_run()
            run.text = xml_safe(text)
            run.font.size = first_size if first_size and index == 0 else size
            run.font.bold = bold_first and index == 0
            run.font.italic = bool(first_size) and index == 0 or None
            paragraph.space_after = PARAGRAPH_SPACE

    def lines_slide(self, title: str, lines: Sequence[str]) -> Slide:
        """A content slide of short paragraphs at the largest size that fits them (where to
        find the rest of a restitution)."""
        area = self.areas_for("content")[-1]
        size, _pages = largest_fit(list(lines), area.box, (Size.BODY, Size.LIST, Size.MIN))
        slide = self.slide("content", title)
        self.text(slide, area, lines, size=size)
        return slide

    def subtitle(self, slide: Slide, box: Box, text: str) -> Box:
        """A one-line prompt under the title; returns the area left below it."""
        band, rest = box.take_top(SUBTITLE_HEIGHT)
        self.text(slide, band, [text], size=Size.SUBTITLE)
        return rest

    def table(self, slide: Slide, area: Area | Box, headers: Sequence[str],
              rows: Sequence[Sequence[str]], widths: Sequence[float], *,
              size: Length = Size.TABLE) -> None:
        """A table whose rows are as tall as their text: the renderer never grows them past
        the area (rows must have been paginated to it)."""
        if isinstance(area, Box):
            area = Area(area)
        box = area.box
        cells = [[str(v) for v in headers], *([str(v) for v in row] for row in rows)]
        heights = row_heights(cells, tuple(widths), box, size)
        holder = self._placeholder(slide, area)
        if holder is not None:
            frame = TablePlaceholder(holder.element, holder._parent).insert_table(  # noqa: SLF001
                len(cells), len(headers))
        else:
            frame = slide.shapes.add_table(len(cells), len(headers), box.left, box.top,
                                           box.width, Emu(sum(heights)))
        table = frame.table
        total = sum(widths)
        for index, weight in enumerate(widths):
            table.columns[index].width = Emu(int(box.width * weight / total))
        # Heights and runs straight into the XML: python-pptx's row and run objects
        # recompute the frame on each call (quadratic on long annexes).
        for tr, height in zip(table._tbl.tr_lst, heights, strict=True):  # noqa: SLF001
            tr.set("h", str(int(height)))
        frame.height = Emu(sum(heights))
        sz = str(int(Emu(size).pt * HUNDREDTHS_OF_POINT))
        for number, (tr, values) in enumerate(zip(table._tbl.tr_lst, cells,  # noqa: SLF001
                                                  strict=True)):
            for tc, value in zip(tr.tc_lst, values, strict=True):
                run = etree.SubElement(tc.txBody.find(qn("a:p")), qn("a:r"))
                etree.SubElement(run, qn("a:rPr"), lang=self.lang, sz=sz,
                                 b="1" if number == 0 else "0")
                etree.SubElement(run, qn("a:t")).text = xml_safe(value)

    def bar_chart(self, slide: Slide, area: Area | Box, title: str, labels: Sequence[str],
                  values: Sequence[int], *, horizontal: bool = True) -> object:
        """A native, editable chart: the organisers can restyle it in PowerPoint."""
        if isinstance(area, Box):
            area = Area(area)
        data = CategoryChartData(number_format="0")
        data.categories = [xml_safe(label) for label in labels]
        data.add_series(xml_safe(title), [int(v) for v in values])
        kind = XL_CHART_TYPE.BAR_CLUSTERED if horizontal else XL_CHART_TYPE.COLUMN_CLUSTERED
        holder = self._placeholder(slide, area)
        if holder is not None:
            frame = ChartPlaceholder(holder.element, holder._parent).insert_chart(  # noqa: SLF001
                kind, data)
        else:
            box = area.box
            frame = slide.shapes.add_chart(kind, box.left, box.top, box.width, box.height,
                                           data)
        chart = frame.chart
        chart.has_legend = False
        chart.has_title = True
        chart.chart_title.text_frame.text = xml_safe(title)
        chart.chart_title.text_frame.paragraphs[0].runs[0].font.size = Size.SUBTITLE
        chart.font.size = Size.CHART
        plot = chart.plots[0]
        plot.has_data_labels = True
        plot.data_labels.number_format = "0"
        plot.data_labels.number_format_is_linked = False
        plot.data_labels.position = XL_LABEL_POSITION.OUTSIDE_END
        plot.data_labels.font.size = Size.CHART
        value_axis = chart.value_axis
        value_axis.has_major_gridlines = False
        value_axis.visible = False
        value_axis.minimum_scale = 0
        if horizontal:
            chart.category_axis.reverse_order = True  # first item on top, as in the list
        return chart

    def free(self, slide: Slide, area: Area) -> Box:
        """The area's box for content drawn in several shapes (a grid of columns, photos, a
        picture); its placeholder, if any, makes way."""
        holder = self._placeholder(slide, area)
        if holder is not None:
            holder.element.getparent().remove(holder.element)
        return area.box

    def notes(self, slide: Slide, lines: Sequence[str]) -> None:
        slide.notes_slide.notes_text_frame.text = xml_safe("\n".join(lines))
