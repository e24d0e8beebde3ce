"""A wrong persona file says which file, which line and which field, in the reader's language."""

from __future__ import annotations

from importlib import resources
from pathlib import Path

import pytest
from palabre.personas import PersonaError, load_library, load_persona, parse_persona

from palabre.i18n import Translator

GOOD = (resources.files("palabre.personas") / "library" / "sabrina-mere-isolee.yaml").read_text(
    encoding="utf-8")


def line_of(text: str, startswith: str) -> int:
    """1-based number of the first line that starts with this text (indentation kept)."""
    for number, line in enumerate(text.splitlines(), start=1):
        if line.startswith(startswith):
            return number
    raise AssertionError(f"no line starts with {startswith!r}")


def write(folder: Path, name: str, text: str) -> Path:
    path = folder / name
    path.write_text(text, encoding="utf-8")
    return path


def error_of(tmp_path, text, name="broken.yaml") -> PersonaError:
    with pytest.raises(PersonaError) as caught:
        load_persona(write(tmp_path, name, text))
    return caught.value


def test_the_good_file_loads():
    persona = parse_persona(GOOD, "sabrina.yaml")
    assert persona.name == "Sabrina Haddad" and persona.source == "sabrina.yaml"


def test_missing_field(tmp_path):
    text = GOOD.replace("age: 34\n", "")
    error = error_of(tmp_path, text)
    assert (error.path, error.line, error.field) == (str(tmp_path / "broken.yaml"), 1, "age")
    assert error.detail_template == "this field is required"
    assert "broken.yaml, line 1, field 'age': this field is required" in str(error)


def test_wrong_type(tmp_path):
    text = GOOD.replace("age: 34", "age: trente-quatre")
    error = error_of(tmp_path, text)
    assert (error.line, error.field) == (line_of(text, "age:"), "age")
    assert error.detail_template == "must be a whole number"

    text = GOOD.replace("  level: 3", "  level: 9")
    error = error_of(tmp_path, text)
    assert (error.line, error.field) == (line_of(text, "  level:"), "digital_comfort.level")

    text = GOOD.replace("goals:\n", "goals: se loger\nignored:\n", 1)
    error = error_of(tmp_path, text)
    assert error.field == "ignored"  # unknown fields are named before anything else
    text = GOOD.replace("goals:\n  - fr:", "goals: se loger\nold_goals:\n  - fr:", 1)
    text = text.replace("old_goals:\n", "other:\n")
    assert error_of(tmp_path, text).detail_template.startswith("unknown field")


def test_list_expected(tmp_path):
    start = GOOD.index("goals:\n")
    end = GOOD.index("frustrations:\n")
    text = GOOD[:start] + "goals: se loger\n" + GOOD[end:]
    error = error_of(tmp_path, text)
    assert (error.line, error.field) == (line_of(text, "goals:"), "goals")
    assert error.detail_values == {"minimum": 1}


def test_unknown_channel(tmp_path):
    text = GOOD.replace("channels: [application, site-web, telephone, travailleur-social]",
                        "channels:\n  - application\n  - pigeon-voyageur\n")
    error = error_of(tmp_path, text)
    assert (error.line, error.field) == (line_of(text, "  - pigeon"), "channels[1]")
    assert error.detail_values["value"] == "pigeon-voyageur"
    assert "guichet" in error.detail_values["allowed"]


def test_missing_english(tmp_path):
    text = GOOD.replace("  en: “I do everything on my phone in the evening, once the children "
                        "are asleep.”\n", "")
    assert text != GOOD
    error = error_of(tmp_path, text)
    assert (error.line, error.field) == (line_of(text, "quote:"), "quote.en")
    assert error.detail_template == "this field is required"


def test_empty_english_in_a_list(tmp_path):
    text = GOOD.replace("en: Understand where the overpayment comes from and spread the repayment",
                        'en: "  "')
    error = error_of(tmp_path, text)
    assert (error.line, error.field) == (line_of(text, '    en: "  "'), "goals[0].en")


def test_text_in_one_language_only(tmp_path):
    start = GOOD.index("situation:\n")
    end = GOOD.index("goals:\n")
    text = GOOD[:start] + "situation: Mère de deux enfants\n" + GOOD[end:]
    error = error_of(tmp_path, text)
    assert (error.line, error.field) == (line_of(text, "situation:"), "situation")
    assert error.detail_values == {"langs": "fr, en"}


def test_invalid_yaml_names_the_line(tmp_path):
    text = GOOD.replace("name: Sabrina Haddad", "name: Sabrina: Haddad")
    error = error_of(tmp_path, text)
    assert (error.line, error.field) == (line_of(text, "name:"), "(file)")


def test_error_is_translated_by_the_caller(tmp_path):
    text = GOOD.replace("kind: usager", "kind: elu")
    error = error_of(tmp_path, text, name="elu.yaml")
    line = line_of(text, "kind:")
    french = error.translated(Translator("fr"))
    assert french == (f"{tmp_path / 'elu.yaml'}, ligne {line}, champ « kind » : « elu » ne fait "
                      "pas partie des valeurs possibles : usager, agent")
    english = error.translated(Translator("en"))
    assert english == str(error)
    assert english.endswith("field 'kind': 'elu' is not one of: usager, agent")


def test_extra_folder_adds_and_replaces(tmp_path):
    write(tmp_path, "sabrina.yaml", GOOD.replace("age: 34", "age: 35"))
    write(tmp_path, "new.yaml", GOOD.replace("id: sabrina-mere-isolee", "id: nouvelle"))
    library = load_library(tmp_path)
    assert library["sabrina-mere-isolee"].age == 35
    assert library["nouvelle"].source == str(tmp_path / "new.yaml")
    assert len(library) == len(load_library()) + 1


def test_same_id_twice_in_a_folder(tmp_path):
    write(tmp_path, "a.yaml", GOOD)
    write(tmp_path, "b.yaml", GOOD)
    with pytest.raises(PersonaError) as caught:
        load_library(tmp_path)
    assert caught.value.path == str(tmp_path / "b.yaml")
    assert caught.value.field == "id"
