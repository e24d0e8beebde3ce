"""Formats are data a facilitator edits: errors must say which file, line and field."""

from __future__ import annotations

import textwrap

import pytest
from palabre.exercises import KINDS, FormatError, builtin_formats, load_format, load_formats
from palabre.exercises.loader import exercise_from_dict, parse_format

from palabre.i18n import Translator

GOOD = textwrap.dedent("""\
    id: mini
    title: {fr: Mini, en: Mini}
    question: {fr: "Quoi ?", en: "What?"}
    phases:
      - id: ideas
        kind: ideas
        title: {fr: Idées, en: Ideas}
        prompt: {fr: Vos idées, en: Your ideas}
      - id: vote
        kind: vote
        source: ideas
        dots: 2
        title: {fr: Vote, en: Vote}
        prompt: {fr: Votez, en: Vote}
""")


def test_the_four_formats_ship_and_load():
    formats = builtin_formats()
    assert set(formats) == {"reverse-brainstorm", "personas", "role-swap", "design-sprint"}
    for exercise in formats.values():
        assert exercise.title.fr and exercise.title.en and exercise.phases
        for phase in exercise.phases:
            assert phase.kind in KINDS
            assert phase.prompt.fr and phase.prompt.en


def test_reverse_brainstorm_hides_worse_ideas_until_the_round_closes():
    reverse = builtin_formats()["reverse-brainstorm"]
    assert reverse.inverted_question.fr == "Comment être encore MOINS proche de ses usagers ?"
    assert reverse.phases[0].reveal == "after_close"
    assert [(p.id, p.kind) for p in reverse.phases] == [
        ("worsen", "ideas"), ("flip", "invert"), ("themes", "cluster"), ("vote", "vote")]
    assert reverse.phase("vote").params == {"source": "flip", "dots": 3, "max_per_item": 0}
    assert reverse.phase("themes").params == {"source": "flip"}


def test_the_sprint_fills_a_day_from_half_past_nine_to_five():
    from palabre.exercises.agenda import plan

    slots = plan(builtin_formats()["design-sprint"])
    assert (slots[0].clock("start"), slots[-1].clock("end")) == ("09:30", "17:00")
    lunch = [s for s in slots if s.phase_id is None and s.title.fr == "Déjeuner"]
    assert len(lunch) == 1 and lunch[0].end - lunch[0].start >= 60
    stages = {p.kind for p in builtin_formats()["design-sprint"].phases}
    assert {"persona", "ideas", "vote", "photo", "pitch"} <= stages


def test_defaults_of_a_kind_are_filled_in():
    mini = parse_format(GOOD, "mini.yaml")
    assert mini.phase("ideas").params == {"max_chars": 280, "max_per_participant": 0,
                                          "categories": ()}
    assert mini.phase("vote").reveal == "on_reveal"


def test_a_snapshot_round_trips():
    for exercise in builtin_formats().values():
        again = exercise_from_dict(exercise.to_dict())
        assert again.to_dict() == exercise.to_dict()


def _error(text: str) -> FormatError:
    with pytest.raises(FormatError) as caught:
        parse_format(text, "atelier.yaml")
    return caught.value


@pytest.mark.parametrize(("broken", "line", "field"), [
    (GOOD.replace("kind: ideas", "kind: brainstorm"), 6, "phases[0].kind"),
    (GOOD.replace("dots: 2", "dots: beaucoup"), 12, "phases[1].dots"),
    (GOOD.replace("dots: 2", "dots: 99"), 12, "phases[1].dots"),
    (GOOD.replace("source: ideas", "source: later"), 11, "phases[1].source"),
    (GOOD.replace("prompt: {fr: Votez, en: Vote}", "prompt: {fr: Votez}"), 14,
     "phases[1].prompt.en"),
    (GOOD.replace("prompt: {fr: Votez, en: Vote}", "prompt: Votez"), 14, "phases[1].prompt"),
    (GOOD.replace("  - id: vote", "  - id: ideas"), 9, "phases[1].id"),
    (GOOD.replace("    dots: 2\n", "    dots: 2\n    colour: red\n"), 13,
     "phases[1].colour"),
    (GOOD.replace("id: mini", "id: Mini Atelier"), 1, "id"),
    (GOOD + "  - [unclosed\n", 16, "(file)"),
])
def test_errors_name_the_file_the_line_and_the_field(broken, line, field):
    error = _error(broken)
    assert (error.path, error.line, error.field) == ("atelier.yaml", line, field)
    assert f"atelier.yaml, line {line}, field '{field}'" in str(error)


def test_an_unknown_kind_is_an_error_listing_the_known_ones():
    error = _error(GOOD.replace("kind: ideas", "kind: brainstorm"))
    assert "brainstorm" in str(error) and "ideas" in str(error) and "vote" in str(error)


def test_a_missing_required_field_is_named():
    error = _error(GOOD.replace("    source: ideas\n", ""))
    assert error.field == "phases[1].source" and error.line == 9


def test_errors_are_translated_for_the_facilitator():
    error = _error(GOOD.replace("kind: ideas", "kind: brainstorm"))
    french = error.translated(Translator("fr").gettext)
    assert "ligne 6" in french and "brainstorm" in french
    assert "line 6" in error.translated(Translator("en").gettext)


def test_a_facilitator_adds_a_format_by_dropping_a_file(tmp_path):
    (tmp_path / "mini.yaml").write_text(GOOD, encoding="utf-8")
    formats = load_formats(tmp_path)
    assert "mini" in formats and "reverse-brainstorm" in formats
    assert load_format(tmp_path / "mini.yaml").source.endswith("mini.yaml")


def test_every_kind_documents_its_parameters():
    for kind in KINDS.values():
        assert kind.help
        for name, param in kind.params.items():
            assert param.help, f"{kind.name}.{name} has no help"
            assert not (param.required and param.default is not None)


RICH = textwrap.dedent("""\
    id: rich
    title: {fr: Riche, en: Rich}
    question: {fr: "Q ?", en: "Q?"}
    phases:
      - id: worse
        kind: ideas
        title: {fr: Pire, en: Worse}
        prompt: {fr: P, en: P}
      - id: flip
        kind: invert
        source: worse
        title: {fr: Inverser, en: Flip}
        prompt: {fr: P, en: P}
      - id: map
        kind: persona
        fields: [says, needs]
        title: {fr: Carte, en: Map}
        prompt: {fr: P, en: P}
      - id: rate
        kind: scale
        low: {fr: Pas du tout, en: Not at all}
        high: {fr: Tout à fait, en: Completely}
        title: {fr: Note, en: Rate}
        prompt: {fr: P, en: P}
      - id: grid
        kind: ideas
        categories:
          - {fr: Ce qui marche, en: What works}
          - {fr: À améliorer, en: To improve}
        title: {fr: Grille, en: Grid}
        prompt: {fr: P, en: P}
""")


def test_richer_kinds_load_with_their_defaults_and_round_trip():
    rich = parse_format(RICH, "rich.yaml")
    assert rich.phase("flip").params == {"source": "worse", "per_participant": 3,
                                         "max_chars": 280}
    assert rich.phase("map").params["fields"] == ("says", "needs")
    assert rich.phase("rate").params["steps"] == 5 and rich.phase("rate").reveal == "after_close"
    assert [c.en for c in rich.phase("grid").params["categories"]] == ["What works",
                                                                       "To improve"]
    assert rich.phase("worse").params["categories"] == ()
    assert exercise_from_dict(rich.to_dict()).to_dict() == rich.to_dict()


@pytest.mark.parametrize(("broken", "field"), [
    (RICH.replace("fields: [says, needs]", "fields: [says, dreams]"), "phases[2].fields"),
    (RICH.replace("    source: worse\n", ""), "phases[1].source"),
    (RICH.replace("    low: {fr: Pas du tout, en: Not at all}\n", ""), "phases[3].low"),
])
def test_richer_kinds_errors_are_located(broken, field):
    assert _error(broken).field == field
