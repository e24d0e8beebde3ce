"""export_workshop end to end: the files, progress, the organisation's template, PDF."""

from __future__ import annotations

import pytest
from frictionless import validate
from palabre.exercises import builtin_formats
from palabre.exports import ExportError, export_workshop
from palabre.exports.layout import MARGIN
from pptx import Presentation
from pptx.oxml.shapes.picture import CT_Picture
from pptx.util import Emu, Inches
from pypdf import PdfReader

from palabre.answers import submit
from palabre.i18n import Translator

from .helpers import titles


def test_every_file_is_written_and_progress_is_reported(brainstorm, tmp_path):
    seen = []
    files = export_workshop(brainstorm.store, brainstorm.code, tmp_path / "out",
                            progress=lambda done, total, label: seen.append((done, total, label)))
    names = {f.relative_to(tmp_path / "out").as_posix() for f in files}
    code = brainstorm.code
    assert names == {f"{code}-restitution.pptx", f"{code}-contributions.xlsx",
                     f"{code}-contributions.csv", "datapackage.json",
                     "data/participants.csv", "data/contributions.csv", "data/votes.csv",
                     "data/results.csv"}
    assert all(f.stat().st_size > 0 for f in files)
    assert seen == [(0, 4, "Diapositives"), (1, 4, "Classeur"), (2, 4, "Fichier CSV"),
                    (3, 4, "Jeu de données ouvertes"), (4, 4, "Terminé")]


def test_unknown_workshop_and_missing_template_are_clear_errors(brainstorm, tmp_path):
    french = Translator("fr").gettext
    with pytest.raises(ExportError) as raised:
        export_workshop(brainstorm.store, "NOPE1", tmp_path)
    assert raised.value.translated(french) == "Aucun atelier n’a le code NOPE1."
    with pytest.raises(ExportError) as raised:
        export_workshop(brainstorm.store, brainstorm.code, tmp_path,
                        template=tmp_path / "missing.pptx")
    assert "n’existe pas" in raised.value.translated(french)
    with pytest.raises(ValueError, match="separator"):
        export_workshop(brainstorm.store, brainstorm.code, tmp_path, sep="|")


def test_pdf_without_libreoffice_says_what_to_do(brainstorm, tmp_path, monkeypatch):
    monkeypatch.setenv("PATH", str(tmp_path / "empty"))
    with pytest.raises(ExportError) as raised:
        export_workshop(brainstorm.store, brainstorm.code, tmp_path, pdf=True)
    message = raised.value.translated(Translator("fr").gettext)
    assert "LibreOffice" in message and "libreoffice-impress" in message
    # The other files are there: only the PDF is missing.
    assert (tmp_path / f"{brainstorm.code}-restitution.pptx").exists()


FRENCH_NAMES = {"Title Slide": "Diapositive de titre", "Title Only": "Titre seul"}


def _organisation_template(path, names=FRENCH_NAMES):
    """A 4:3 master with the organisation's logo and its own layout names."""
    from PIL import Image

    deck = Presentation()
    logo = path.parent / "logo.png"
    Image.new("RGB", (60, 30), (0, 0, 145)).save(logo)
    master = deck.slide_master
    _image, rid = master.part.get_or_add_image_part(str(logo))
    master.shapes._spTree.append(CT_Picture.new_pic(  # masters have no public add_picture
        99, "Logo", "logo", rid, Inches(8.5), Inches(0.1), Inches(1), Inches(0.5)))
    for layout in deck.slide_layouts:
        if layout.name == "Title and Content":  # its body where the organisation wants it
            body = layout.placeholders[1]
            body.left, body.top, body.width, body.height = (Inches(2.5), Inches(1.9),
                                                            Inches(7), Inches(5))
        layout.name = names.get(layout.name, "Maison " + layout.name)
    sample = deck.slides.add_slide(deck.slide_layouts[0])
    sample.shapes.title.text = "Exemple à supprimer"
    deck.save(path)
    return path


def test_the_organisations_template_is_honoured(brainstorm, tmp_path):
    template = _organisation_template(tmp_path / "maison.pptx")
    export_workshop(brainstorm.store, brainstorm.code, tmp_path / "out", template=template)
    deck = Presentation(str(tmp_path / "out" / f"{brainstorm.code}-restitution.pptx"))
    assert (deck.slide_width, deck.slide_height) == (Inches(10), Inches(7.5))
    assert any(s.shape_type == 13 for s in deck.slide_master.shapes)  # the logo picture
    found = titles(deck)
    assert "Exemple à supprimer" not in found
    assert found[0] == "Forum de l'action publique — Rennes"
    assert deck.slides[0].slide_layout.name == "Diapositive de titre"
    # The body goes into the template's own content placeholders, where it put them.
    assert deck.slides[1].slide_layout.name == "Maison Title and Content"
    method = deck.slides[2]
    (table,) = [s for s in method.shapes if s.has_table]
    (holder,) = [p for p in method.slide_layout.placeholders if p.placeholder_format.idx == 1]
    assert (table.left, table.top) == (holder.left, holder.top)
    assert abs(table.width - holder.width) < Inches(0.01)
    assert table.is_placeholder
    for slide in deck.slides:
        for shape in slide.shapes:
            assert shape.left + shape.width <= deck.slide_width, (found, shape.name)


@pytest.mark.libreoffice
def test_the_deck_converts_to_a_pdf_with_one_page_per_slide(brainstorm, tmp_path, libreoffice):
    files = export_workshop(brainstorm.store, brainstorm.code, tmp_path, pdf=True)
    pdf = tmp_path / f"{brainstorm.code}-restitution.pdf"
    assert pdf in files
    slides = len(Presentation(str(tmp_path / f"{brainstorm.code}-restitution.pptx")).slides)
    reader = PdfReader(pdf)
    assert len(reader.pages) == slides
    # Text stays in its box: a box overflowing at the bottom writes into the slide's bottom
    # margin (where no box of the deck lies) or off the page.
    floor = Emu(MARGIN).pt / 2
    for number, page in enumerate(reader.pages, 1):
        width, height = float(page.mediabox.width), float(page.mediabox.height)
        outside = []

        def visit(text, _cm, tm, _font, _size, width=width, height=height, outside=outside):
            x, y = tm[4], tm[5]
            if text.strip() and not (floor <= y <= height and 0 <= x <= width):
                outside.append((text, x, y))

        page.extract_text(visitor_text=visit)
        assert not outside, (number, outside[:3])


def test_layouts_with_unknown_names_are_found_by_their_placeholders(brainstorm, tmp_path):
    template = _organisation_template(tmp_path / "maison.pptx", names={})
    export_workshop(brainstorm.store, brainstorm.code, tmp_path / "out", template=template)
    deck = Presentation(str(tmp_path / "out" / f"{brainstorm.code}-restitution.pptx"))
    assert deck.slides[0].slide_layout.name == "Maison Title Slide"  # title and subtitle
    # a title and one content placeholder
    assert deck.slides[1].slide_layout.name == "Maison Title and Content"
    assert titles(deck)[1] == "La question"


def test_a_template_that_is_not_a_presentation_is_a_clear_error(brainstorm, tmp_path):
    template = tmp_path / "charte.pptx"
    template.write_text("not a presentation", encoding="utf-8")
    with pytest.raises(ExportError) as raised:
        export_workshop(brainstorm.store, brainstorm.code, tmp_path / "out", template=template)
    message = raised.value.translated(Translator("fr").gettext)
    assert message.startswith("Le modèle charte.pptx n’est pas une présentation PowerPoint")


@pytest.mark.parametrize("format_id", sorted(builtin_formats()))
def test_every_built_in_format_exports_with_a_slide_per_phase(store, tmp_path, format_id,
                                                              rendered):
    exercise = builtin_formats()[format_id]
    session = store.create_session(exercise, title=f"Atelier {format_id}", place="Nantes")
    phone = store.join(session, "device-key-format-01", role="agent", table="Table 1")
    for phase in exercise.phases:
        if phase.kind == "ideas":
            payload = {"text": f"Une idée pour {phase.id}"}
            if phase.params.get("categories"):
                payload["category"] = 0
            submit(store, session, phone, payload, f"key-{phase.id}-0001", phase_id=phase.id)
    files = export_workshop(store, session.code, tmp_path, lang="en")
    deck = Presentation(str(rendered.add(files[0], decisions=("Vote",))))
    found = titles(deck)
    for phase in exercise.phases:
        assert any(t.startswith(phase.title.en) for t in found), (phase.id, found)
    assert validate(str(tmp_path / "datapackage.json")).valid


def _second_template(path):
    """Another organisation: 16:9, a serif font, green and ochre, titles to the right of a
    band, bodies narrower and lower than the shipped template's."""
    import re
    from importlib import resources

    from palabre.exports.deck import TEMPLATE
    from pptx.opc.constants import RELATIONSHIP_TYPE as RT

    with (resources.files("palabre.exports") / "templates" / TEMPLATE).open("rb") as shipped:
        deck = Presentation(shipped)
    theme = deck.slide_master.part.part_related_by(RT.THEME)
    xml = theme.blob.decode("utf-8").replace('typeface="Arial"', 'typeface="DejaVu Serif"')
    xml = re.sub(r"<a:dk2>.*?</a:dk2>", '<a:dk2><a:srgbClr val="18753C"/></a:dk2>', xml)
    xml = re.sub(r"<a:accent1>.*?</a:accent1>",
                 '<a:accent1><a:srgbClr val="B7A73F"/></a:accent1>', xml)
    theme._blob = xml.encode("utf-8")
    for layout in deck.slide_layouts:
        for holder in layout.placeholders:  # inherited places included: set, they move
            kind, idx = holder.placeholder_format.type, holder.placeholder_format.idx
            if idx == 0 and layout.name != "Title Slide":
                holder.left, holder.top, holder.width, holder.height = (
                    Inches(2.2), Inches(0.2), Inches(10.6), Inches(1.1))
            elif idx in (1, 2, 3, 4) and kind is not None and holder.top > Inches(1):
                left, top, width, height = holder.left, holder.top, holder.width, holder.height
                holder.left = Emu(int(Inches(2.2) + (left - Inches(0.667)) * 0.8))
                holder.top, holder.width = Emu(top + Inches(0.2)), Emu(int(width * 0.8))
                holder.height = Emu(height - Inches(0.2))
    deck.save(path)
    return path


def test_a_second_template_with_its_fonts_colours_and_places_governs_the_deck(
        brainstorm, tmp_path, rendered):
    from palabre.exports import export_forum

    template = _second_template(tmp_path / "vert.pptx")
    files = export_workshop(brainstorm.store, brainstorm.code, tmp_path / "out",
                            template=template)
    deck_path = rendered.add(files[0], decisions=("Vote",))
    deck = Presentation(str(deck_path))
    from pptx.opc.constants import RELATIONSHIP_TYPE as RT

    theme = deck.slide_master.part.part_related_by(RT.THEME).blob
    assert b'typeface="DejaVu Serif"' in theme and b"18753C" in theme
    question = deck.slides[1]
    (holder,) = [p for p in question.slide_layout.placeholders
                 if p.placeholder_format.idx == 1]
    body = [s for s in question.shapes if s.is_placeholder and s.placeholder_format.idx == 1]
    assert body and (body[0].left, body[0].top) == (holder.left, holder.top)
    assert holder.left > Inches(2)  # the second template's place, not the shipped one's
    for slide in deck.slides:
        assert slide.shapes.title.left == slide.slide_layout.placeholders[0].left
    store = brainstorm.store
    store.update_session(brainstorm.code, forum="Forum vert")
    forum = export_forum(store, "Forum vert", tmp_path / "forum", template=template)
    rendered.add(next(f for f in forum if f.name.endswith("-restitution.pptx")))
