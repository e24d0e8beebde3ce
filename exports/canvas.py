"""Drawing on a deck: layouts found by name (with a fallback on their placeholders), text
boxes, tables, native charts and speaker notes. Colours and fonts come from the master, so an
organisation's own template is honoured."""

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
from pptx.slide import Slide, SlideLayout
from pptx.util import Emu, Length

from .layout import MARGIN, PARAGRAPH_SPACE, SUBTITLE_HEIGHT, TITLE_HEIGHT, Box, Size
from .neutralise import xml_safe

# Layout names in English (python-pptx's and PowerPoint's default) and French (PowerPoint
# installed in French), tried in order before looking at the placeholders.
LAYOUT_NAMES = {
    "cover": ("Title Slide", "Diapositive de titre"),
    "title_only": ("Title Only", "Titre seul"),
    "section": ("Section Header", "En-tête de section"),
}
HUNDREDTHS_OF_POINT = 100  # DrawingML font sizes
_TITLES = (PP_PLACEHOLDER.TITLE, PP_PLACEHOLDER.CENTER_TITLE)
_FURNITURE = (PP_PLACEHOLDER.DATE, PP_PLACEHOLDER.FOOTER, PP_PLACEHOLDER.SLIDE_NUMBER)


def _types(layout: SlideLayout) -> list:
    return [ph.placeholder_format.type for ph in layout.placeholders
            if ph.placeholder_format.type not in _FURNITURE]


def find_layout(deck: Presentation, role: str) -> SlideLayout:
    """The layout of that role: by name first, else by its placeholders, else the first."""
    layouts = list(deck.slide_layouts)
    wanted = [n.casefold() for n in LAYOUT_NAMES[role]]
    for name in wanted:
        for layout in layouts:
            if layout.name.casefold() == name:
                return layout
    if role == "cover":
        tests = [lambda t: PP_PLACEHOLDER.CENTER_TITLE in t and PP_PLACEHOLDER.SUBTITLE in t]
    else:
        tests = [lambda t: len(t) == 1 and t[0] in _TITLES]
    tests.append(lambda t: any(x in _TITLES for x in t))
    for test in tests:
        for layout in layouts:
            if test(_types(layout)):
                return layout
    return layouts[0]


def remove_slides(deck: Presentation) -> None:
    """An organisation's template may carry sample slides: the restitution starts empty."""
    ids = deck.slides._sldIdLst  # noqa: SLF001 - python-pptx has no public delete
    for slide_id in list(ids):
        deck.part.drop_rel(slide_id.rId)
        ids.remove(slide_id)


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

    def slide(self, role: str, title: str) -> Slide:
        slide = self.deck.slides.add_slide(find_layout(self.deck, role))
        title = xml_safe(title)
        for shape in slide.placeholders:
            if shape.placeholder_format.type in _TITLES:
                shape.text_frame.text = title
                break
        else:
            box = Box(MARGIN, MARGIN, Emu(self.width - 2 * MARGIN), TITLE_HEIGHT)
            self.text(slide, box, [title], size=Size.QUESTION)
        return slide

    def body(self, slide: Slide) -> Box:
        return self._body(slide.slide_layout)

    def body_for(self, role: str) -> Box:
        """The free area under the title of that layout: known before the slide exists, so
        texts can be paginated first."""
        return self._body(find_layout(self.deck, role))

    def _body(self, layout: SlideLayout) -> Box:
        top = MARGIN + TITLE_HEIGHT
        for shape in layout.placeholders:
            if shape.placeholder_format.type in _TITLES and shape.top is not None:
                top = shape.top + shape.height
                break
        top = Emu(top + Emu(MARGIN // 4))
        return Box(MARGIN, top, Emu(self.width - 2 * MARGIN),
                   Emu(self.height - top - MARGIN))

    def placeholder(self, slide: Slide, kind) -> object | None:
        for shape in slide.placeholders:
            if shape.placeholder_format.type == kind:
                return shape
        return None

    def text(self, slide: Slide, box: Box, paragraphs: Sequence[str], *, size: Length,
             bold_first: bool = False) -> None:
        shape = slide.shapes.add_textbox(box.left, box.top, box.width, box.height)
        frame = shape.text_frame
        frame.word_wrap = True
        frame.auto_size = MSO_AUTO_SIZE.NONE
        frame.vertical_anchor = MSO_ANCHOR.TOP
        for index, text in enumerate(paragraphs):
            paragraph = frame.paragraphs[0] if index == 0 else frame.add_paragraph()
            run = paragraph.add_run()
            run.text = xml_safe(text)
            run.font.size = size
            run.font.bold = bold_first and index == 0
            paragraph.space_after = PARAGRAPH_SPACE

    def subtitle(self, slide: Slide, box: Box, text: str) -> Box:
        """A one-line prompt under the title; returns the area left below it."""
        band, rest = box.take_top(SUBTITLE_HEIGHT)
        self.text(slide, band, [text], size=Size.SUBTITLE)
        return rest

    def table(self, slide: Slide, box: Box, headers: Sequence[str],
              rows: Sequence[Sequence[str]], widths: Sequence[float], *,
              row_height: Length) -> None:
        height = Emu(row_height * (len(rows) + 1))
        shape = slide.shapes.add_table(len(rows) + 1, len(headers), box.left, box.top,
                                       box.width, height)
        table = shape.table
        total = sum(widths)
        for index, weight in enumerate(widths):
            table.columns[index].width = Emu(int(box.width * weight / total))
        # add_table already gives every row height/(rows): setting each row again would
        # recompute the frame's height every time (quadratic on long annexes). Runs are
        # written straight into the cells' XML: python-pptx's per-run objects took most of
        # the time of a 1,000-answer annex.
        size = str(int(Emu(Size.TABLE).pt * HUNDREDTHS_OF_POINT))
        for number, (tr, values) in enumerate(zip(table._tbl.tr_lst, [headers, *rows],
                                                  strict=True)):
            for tc, value in zip(tr.tc_lst, values, strict=True):
                run = etree.SubElement(tc.txBody.find(qn("a:p")), qn("a:r"))
                etree.SubElement(run, qn("a:rPr"), lang=self.lang, sz=size,
                                 b="1" if number == 0 else "0")
                etree.SubElement(run, qn("a:t")).text = xml_safe(str(value))

    def bar_chart(self, slide: Slide, box: Box, title: str, labels: Sequence[str],
                  values: Sequence[int], *, horizontal: bool = True) -> object:
        """A native, editable chart: the organisers can restyle it in PowerPoint."""
        data = CategoryChartData(number_format="0")
        data.categories = [xml_safe(label) for label in labels]
        data.add_series(xml_safe(title), [int(v) for v in values])
        kind = XL_CHART_TYPE.BAR_CLUSTERED if horizontal else XL_CHART_TYPE.COLUMN_CLUSTERED
        frame = slide.shapes.add_chart(kind, box.left, box.top, box.width, box.height, data)
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
        value_axis = chart.value_axis
        value_axis.has_major_gridlines = False
        value_axis.visible = False
        value_axis.minimum_scale = 0
        if horizontal:
            chart.category_axis.reverse_order = True  # first item on top, as in the list
        return chart

    def notes(self, slide: Slide, lines: Sequence[str]) -> None:
        slide.notes_slide.notes_text_frame.text = xml_safe("\n".join(lines))
