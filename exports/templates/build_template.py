"""Build the shipped 16:9 template from python-pptx's default (4:3) one.

Widening the slides does not move the placeholders, so every placeholder of the master and
of each layout is stretched horizontally by the same ratio. Run once and commit the result:

    python exports/templates/build_template.py
"""

from __future__ import annotations

from fractions import Fraction
from pathlib import Path

from pptx import Presentation
from pptx.util import Emu, Inches

# 16:9 at the default height (7.5 in): 13 1/3 in wide, exactly.
WIDE = (Emu(12192000), Inches(7.5))
TARGET = Path(__file__).with_name("palabre-16x9.pptx")


def _stretch(shapes, ratio: Fraction) -> None:
    for shape in shapes:
        if not shape._element.xpath("./p:spPr/a:xfrm"):
            continue  # inherits its geometry from the master, which is stretched too
        shape.left = Emu(int(shape.left * ratio))
        shape.width = Emu(int(shape.width * ratio))


def build(target: Path = TARGET) -> Path:
    deck = Presentation()
    assert deck.slide_height == WIDE[1], "the default template changed height"
    ratio = Fraction(int(WIDE[0]), deck.slide_width)
    deck.slide_width, deck.slide_height = WIDE
    master = deck.slide_master
    _stretch(master.placeholders, ratio)
    for layout in master.slide_layouts:
        _stretch(layout.placeholders, ratio)
    deck.core_properties.title = "palabre"
    deck.core_properties.author = "palabre"
    deck.save(target)
    return target


if __name__ == "__main__":
    print(build())
