"""Format and persona files are read with YAML 1.2 scalars: people get back the words they wrote."""

from __future__ import annotations

import math
import textwrap
from importlib import resources

import pytest
from palabre.exercises import yamlfile
from palabre.exercises.loader import parse_format
from palabre.personas import parse_persona


@pytest.mark.parametrize(("written", "read"), [
    ("Yes", "Yes"), ("No", "No"), ("on", "on"), ("off", "off"), ("y", "y"), ("NO", "NO"),
    ("10:30", "10:30"), ("2026-03-12", "2026-03-12"),
    ("1e3", 1000.0), ("true", True), ("False", False), ("~", None), ("010", 10),
    ("0o17", 15), ("0x1F", 31), ("-4", -4), ("2.5", 2.5),
])
def test_only_yaml_1_2_scalars_resolve(written, read):
    value = yamlfile.load(f"value: {written}\n")["value"]
    assert value == read and type(value) is type(read)


def test_infinity_and_not_a_number_are_yaml_1_2_floats():
    data = yamlfile.load("a: .inf\nb: -.Inf\nc: .NaN\n")
    assert data["a"] == math.inf and data["b"] == -math.inf and math.isnan(data["c"])


def test_every_key_and_item_keeps_its_line():
    data = yamlfile.load("a: 1\nlist:\n  - x\n  - y\n")
    assert data.lines == {"a": 1, "list": 2} and data["list"].lines == [3, 4]


def test_a_choice_answered_yes_or_no_stays_text_and_a_time_stays_a_time():
    exercise = parse_format(textwrap.dedent("""\
        id: yes-no
        title: {fr: Oui ou non, en: Yes or no}
        question: {fr: "Quoi ?", en: "What?"}
        agenda:
          start: 10:30
        phases:
          - id: poll
            kind: choice
            title: {fr: Sondage, en: Poll}
            prompt: {fr: Votre avis, en: Your view}
            choices:
              - {fr: Oui, en: Yes}
              - {fr: Non, en: No}
              - {fr: Allumé, en: on}
        """))
    choices = exercise.phases[0].params["choices"]
    assert [c.en for c in choices] == ["Yes", "No", "on"]
    assert exercise.agenda.start == "10:30"


def test_a_persona_quoting_no_keeps_the_word():
    library = resources.files("palabre.personas") / "library" / "ines-etudiante.yaml"
    text = library.read_text(encoding="utf-8")
    start = text.index("quote:")
    end = text.index("\n", text.index("en:", start))
    persona = parse_persona(text[:start] + "quote:\n  fr: Non\n  en: No" + text[end:])
    assert (persona.quote.fr, persona.quote.en) == ("Non", "No")
