"""The persona library a facilitator hands out to the tables, in French and in English."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest
from palabre.personas import (
    CHANNELS,
    EMPATHY_QUADRANTS,
    KINDS,
    LANGS,
    TERRITORIES,
    Persona,
    load_library,
    of_kind,
    persona_from_dict,
)

from palabre.i18n import Translator

PERSONAS_DIR = Path(__file__).resolve().parents[2] / "personas"


@pytest.fixture(scope="module")
def library() -> dict[str, Persona]:
    return load_library()


def test_library_has_both_kinds_and_enough_people(library):
    assert len(library) >= 12
    usagers, agents = of_kind(library, "usager"), of_kind(library, "agent")
    assert len(usagers) >= 6 and len(agents) >= 5
    assert len(usagers) + len(agents) == len(library)
    assert all(p.kind == "agent" for p in agents)


def test_library_is_diverse(library):
    personas = list(library.values())
    assert {p.territory for p in personas} == set(TERRITORIES)
    ages = [p.age for p in personas]
    assert min(ages) < 25 and max(ages) > 70
    assert {p.digital_comfort.level for p in personas} >= {1, 2, 3, 4, 5}
    # The kit must never leave out people who do not use digital channels.
    offline = [p for p in personas if not {"site-web", "application"} & set(p.channels)]
    assert len(offline) >= 3


def test_ids_are_unique_and_match_file_names(library):
    files = sorted(p.stem for p in (PERSONAS_DIR / "library").glob("*.yaml"))
    assert sorted(library) == files
    assert len({p.name for p in library.values()}) == len(library)


@pytest.mark.parametrize("lang", LANGS)
def test_every_field_in_both_languages(library, lang):
    for persona in library.values():
        for field in ("place", "situation", "quote", "digital_comfort"):
            assert persona.text(field, lang).strip(), (persona.id, field)
        for field in ("goals", "frustrations", *(f"empathy.{q}" for q in EMPATHY_QUADRANTS)):
            texts = persona.texts(field, lang)
            assert texts and all(t.strip() for t in texts), (persona.id, field)
        assert 1 <= persona.digital_comfort.level <= 5
        assert persona.channels and set(persona.channels) <= set(CHANNELS)


def test_french_and_english_are_different_texts(library):
    """A copy-pasted French text in the English slot would pass a mere non-empty check."""
    for persona in library.values():
        for field in ("situation", "quote"):
            assert persona.text(field, "fr") != persona.text(field, "en"), (persona.id, field)
        assert persona.texts("goals", "fr") != persona.texts("goals", "en")


def test_french_is_the_fallback_language(library):
    persona = library["odette-retraitee-rurale"]
    assert persona.text("quote", "de") == persona.text("quote", "fr")
    assert "Creuse" in persona.text("place", "fr")
    assert persona.texts("goals", "en")[1].startswith("Talk to a real person")
    with pytest.raises(KeyError):
        persona.text("goals", "fr")
    with pytest.raises(KeyError):
        persona.texts("empathy.hopes", "fr")


def test_closed_sets_have_translated_labels():
    for labels in (KINDS, CHANNELS, TERRITORIES):
        for msgid in labels.values():
            assert Translator("en")(msgid) == msgid
            assert Translator("fr")(msgid) != msgid
    assert Translator("fr")(CHANNELS["guichet"]) == "Guichet"
    assert Translator("fr")(KINDS["agent"]) == "Agent public"


def test_stored_copy_rebuilds_the_same_persona(library):
    for persona in library.values():
        again = persona_from_dict(persona.to_dict(), persona.source)
        assert again == persona


def test_of_kind_rejects_an_unknown_kind(library):
    with pytest.raises(KeyError):
        of_kind(library, "elu")


def test_personas_import_nothing_else_of_palabre_but_the_shared_yaml_reader():
    """The one exception, the YAML reader, is pure itself: it imports nothing of palabre."""
    reader = PERSONAS_DIR.parent / "exercises" / "yamlfile.py"
    for source in [*PERSONAS_DIR.glob("*.py"), reader]:
        tree = ast.parse(source.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if isinstance(node, ast.ImportFrom) and node.level == 0:
                if source != reader and (node.module, [a.name for a in node.names]) == \
                        ("palabre.exercises", ["yamlfile"]):
                    continue
                assert not (node.module or "").startswith("palabre"), source.name
            if isinstance(node, ast.ImportFrom) and node.level and source == reader:
                raise AssertionError("the YAML reader imports nothing of palabre")
            if isinstance(node, ast.Import):
                assert not any(a.name.startswith("palabre") for a in node.names), source.name
