"""Build the shipped 16:9 template from python-pptx's default (4:3) one, restyled.

Widening the slides does not move the placeholders, so every placeholder of the master and
of each layout is stretched horizontally by the same ratio. Then a sober look a public
service can show as is: Arial (on every office computer; Liberation Sans has its metrics),
titles left-aligned in the State's blue over a thin rule, dark grey text, accent colours
charts take in turn. An organisation's own template replaces all of it. Run once and commit
the result:

    python exports/templates/build_template.py
"""

from __future__ import annotations

import copy
import re
from fractions import Fraction
from pathlib import Path

from pptx import Presentation
from pptx.dml.color import RGBColor
from pptx.enum.shapes import MSO_SHAPE
from pptx.opc.constants import RELATIONSHIP_TYPE as RT
from pptx.util import Emu, Inches, Pt

# 16:9 at the default height (7.5 in): 13 1/3 in wide, exactly.
WIDE = (Emu(12192000), Inches(7.5))
TARGET = Path(__file__).with_name("palabre-16x9.pptx")
FONT = "Arial"
COLOURS = {"dk1": "1E1E1E", "lt1": "FFFFFF", "dk2": "000091", "lt2": "F5F5FE",
           "accent1": "000091", "accent2": "E1000F", "accent3": "6A6AF4",
           "accent4": "009081", "accent5": "C3992A", "accent6": "CE614A",
           "hlink": "000091", "folHlink": "6A6AF4"}
TITLE = (Emu(609600), Inches(0.3), Emu(WIDE[0] - 2 * 609600), Inches(1.05))  # as the body
RULE_TOP = Inches(1.38)
A = "{http://schemas.openxmlformats.org/drawingml/2006/main}"
P = "{http://schemas.openxmlformats.org/presentationml/2006/main}"


def _stretch(shapes, ratio: Fraction) -> None:
    for shape in shapes:
        if not shape._element.xpath("./p:spPr/a:xfrm"):
            continue  # inherits its geometry from the master, which is stretched too
        shape.left = Emu(int(shape.left * ratio))
        shape.width = Emu(int(shape.width * ratio))


def _theme(deck) -> None:
    """Fonts and colours live in the theme: every layout, table and chart takes them."""
    part = deck.slide_master.part.part_related_by(RT.THEME)
    xml = part.blob.decode("utf-8")
    for name, rgb in COLOURS.items():
        xml = re.sub(rf"<a:{name}>.*?</a:{name}>",
                     f'<a:{name}><a:srgbClr val="{rgb}"/></a:{name}>', xml, count=1)
    xml = xml.replace('<a:latin typeface="Calibri"/>', f'<a:latin typeface="{FONT}"/>')
    xml = xml.replace('name="Office Theme"', 'name="palabre"')
    part._blob = xml.encode("utf-8")


def _master_text(deck) -> None:
    """Titles: 32 pt bold, left, in the accent blue; body in dark grey."""
    styles = deck.slide_master.element.find(f"{P}txStyles")
    title = styles.find(f"{P}titleStyle/{A}lvl1pPr")
    title.set("algn", "l")
    size = title.find(f"{A}defRPr")
    size.set("sz", "3200")
    size.set("b", "1")
    size.find(f"{A}solidFill/{A}schemeClr").set("val", "tx2")


def _title_boxes(deck) -> None:
    """Every title at the top of the page at the same place, over the master's rule."""
    master = deck.slide_master
    for shapes in (master.placeholders, *(layout.placeholders for layout in
                                          master.slide_layouts)):
        for shape in shapes:
            if (shape.placeholder_format.type is not None
                    and shape.placeholder_format.idx == 0
                    and shape._element.xpath("./p:spPr/a:xfrm") and shape.top < Inches(1)
                    and shape.width > Inches(8)):
                shape.left, shape.top, shape.width, shape.height = TITLE
    # Masters have no add_shape: draw the rule on a scratch slide and move its XML over.
    scratch = Presentation().slides.add_slide(Presentation().slide_layouts[6])
    rule = scratch.shapes.add_shape(MSO_SHAPE.RECTANGLE, TITLE[0], RULE_TOP, Inches(1.2), Pt(4))
    rule.fill.solid()
    rule.fill.fore_color.rgb = RGBColor.from_string(COLOURS["accent2"])
    rule.line.fill.background()
    rule.name = "Rule"
    master.shapes._spTree.append(copy.deepcopy(rule._element))


def _cover(deck) -> None:
    """The cover: title and subtitle left-aligned together, without the master's rule."""
    layout = deck.slide_layouts[0]
    layout.element.set("showMasterSp", "0")
    title, subtitle = layout.placeholders[0], layout.placeholders[1]
    title.left, title.top, title.width, title.height = (
        TITLE[0], Inches(2.1), TITLE[2], Inches(1.5))
    subtitle.left, subtitle.top, subtitle.width, subtitle.height = (
        TITLE[0], Inches(3.75), TITLE[2], Inches(1.9))
    for level in subtitle._element.iter(f"{A}lvl1pPr"):
        level.set("algn", "l")


def build(target: Path = TARGET) -> Path:
    deck = Presentation()
    assert deck.slide_height == WIDE[1], "the default template changed height"
    ratio = Fraction(int(WIDE[0]), deck.slide_width)
    deck.slide_width, deck.slide_height = WIDE
    master = deck.slide_master
    _stretch(master.placeholders, ratio)
    for layout in master.slide_layouts:
        _stretch(layout.placeholders, ratio)
    _theme(deck)
    _master_text(deck)
    _title_boxes(deck)
    _cover(deck)
    deck.core_properties.title = "palabre"
    deck.core_properties.author = "palabre"
    deck.save(target)
    return target


if __name__ == "__main__":
    print(build())
