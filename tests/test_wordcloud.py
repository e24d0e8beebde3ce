"""The word cloud a room sees on the projector and in the deck."""

from __future__ import annotations

import io

import pytest
from PIL import Image

from palabre.textmining import word_counts
from palabre.wordcloud import (
    BACKGROUND,
    DEFAULT_PALETTE,
    drawable_text,
    layout_wordcloud,
    render_wordcloud,
)

COUNTS = [("accueil", 30), ("téléphone", 22), ("délai", 18), ("guichet", 15),
          ("dématérialisation", 12), ("humain", 9), ("rendez-vous", 8), ("CAF", 7),
          ("internet", 6), ("mairie", 5), ("formulaire", 4), ("courrier", 3), ("horaires", 2),
          ("samedi", 1)]


def png(data: bytes) -> Image.Image:
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    image = Image.open(io.BytesIO(data))
    image.load()
    return image


@pytest.mark.parametrize(("width", "height"), [(1280, 720), (640, 480), (300, 900)])
def test_png_of_the_requested_size_with_ink(width, height):
    image = png(render_wordcloud(COUNTS, width_px=width, height_px=height))
    assert image.format == "PNG" and image.size == (width, height)
    colours = {c for _, c in image.convert("RGB").getcolors(maxcolors=1 << 20)}
    assert len(colours) > 2  # words were drawn, not just the background


def test_bigger_counts_give_bigger_words_and_nothing_overlaps():
    layout = layout_wordcloud(COUNTS, width_px=1280, height_px=720)
    assert [w.text for w in layout] == [w for w, _ in COUNTS]  # all fit, biggest first
    sizes = [w.font_px for w in layout]
    assert sizes == sorted(sizes, reverse=True) and sizes[0] > 2 * sizes[-1]
    by_text = {w.text: w for w in layout}
    assert by_text["accueil"].height > by_text["samedi"].height
    for i, a in enumerate(layout):
        assert a.x >= 0 and a.x + a.width <= 1280 and a.y >= 0 and a.y + a.height <= 720
        for b in layout[i + 1:]:
            apart = (a.x + a.width <= b.x or b.x + b.width <= a.x
                     or a.y + a.height <= b.y or b.y + b.height <= a.y)
            assert apart, (a, b)


def test_equal_counts_equal_sizes():
    layout = layout_wordcloud({"agent": 3, "usager": 3, "guichet": 3}, width_px=800,
                              height_px=400)
    assert len({w.font_px for w in layout}) == 1 and len(layout) == 3


def test_same_input_same_image():
    first = render_wordcloud(COUNTS, width_px=800, height_px=450)
    assert render_wordcloud(list(COUNTS), width_px=800, height_px=450) == first
    assert render_wordcloud(COUNTS, width_px=800, height_px=450, seed=1) != first


def test_emoji_and_control_characters_are_dropped():
    assert drawable_text("accueil 😀") == "accueil"
    assert drawable_text("dé\u0000lai\u202e") == "délai"
    assert drawable_text("👍🏽❤️") == ""
    layout = layout_wordcloud([("😀", 50), ("merci 🙏", 10), ("\x07", 5), ("accueil", 4)],
                              width_px=640, height_px=360)
    assert [w.text for w in layout] == ["merci", "accueil"]
    png(render_wordcloud([("😀", 50), ("\u0000", 3)], width_px=200, height_px=100))


def test_empty_input_gives_a_blank_image():
    for empty in ([], {}, [("🎉", 3)], [("", 2)], [("accueil", 0)]):
        image = png(render_wordcloud(empty, width_px=320, height_px=200)).convert("RGB")
        assert image.size == (320, 200)
        assert image.getcolors() == [(320 * 200, Image.new("RGB", (1, 1), BACKGROUND).getpixel(
            (0, 0)))]


def test_many_words_on_a_small_image_do_not_fail():
    counts = [(f"idée{i}", 100 - i) for i in range(100)]
    layout = layout_wordcloud(counts, width_px=200, height_px=120)
    assert layout and layout[0].text == "idée0"
    png(render_wordcloud(counts, width_px=200, height_px=120))


def test_a_custom_palette_colours_the_words():
    layout = layout_wordcloud(COUNTS[:3], width_px=640, height_px=360,
                              palette=("#112233", "#445566"))
    assert [w.color for w in layout] == ["#112233", "#445566", "#112233"]
    image = png(render_wordcloud(COUNTS[:1], width_px=640, height_px=360, palette=("#112233",)))
    assert (0x11, 0x22, 0x33) in {c for _, c in image.convert("RGB").getcolors(1 << 20)}
    with pytest.raises(ValueError):
        render_wordcloud(COUNTS, width_px=640, height_px=360, palette=())


def relative_luminance(hex_colour: str) -> float:
    def channel(value: int) -> float:
        c = value / 255
        return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4
    r, g, b = (int(hex_colour[i:i + 2], 16) for i in (1, 3, 5))
    return 0.2126 * channel(r) + 0.7152 * channel(g) + 0.0722 * channel(b)


def test_default_palette_reads_from_the_back_of_the_room():
    back = relative_luminance(BACKGROUND)
    for colour in DEFAULT_PALETTE:
        assert (back + 0.05) / (relative_luminance(colour) + 0.05) >= 7, colour


def test_fed_by_word_counts_of_french_answers():
    counts = word_counts(["L'accueil est froid", "Accueillir avec le sourire", "ACCUEIL 😡",
                          "Un guichet de plus"])
    layout = layout_wordcloud(counts, width_px=640, height_px=360)
    assert layout[0].text == "accueil" and layout[0].count == 3
