"""The README is what a facilitator reads: it must not drift from the code."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from palabre.exercises import KINDS
from palabre.exercises.loader import parse_format

from palabre import settings
from palabre.cli import COMMANDS

README = (Path(__file__).parents[2] / "README.md").read_text(encoding="utf-8")


@pytest.mark.parametrize("setting", settings.SETTINGS, ids=lambda s: s.name)
def test_every_setting_is_documented(setting):
    row = next((line for line in README.splitlines()
                if line.startswith(f"| `{setting.name}` |")), None)
    assert row is not None, f"README.md has no row for the setting {setting.name!r}"
    assert f"`{setting.env}`" in row, f"README.md does not name {setting.env}"


def test_no_setting_is_documented_that_does_not_exist():
    documented = set(re.findall(r"^\| `([a-z_]+)` \| `PALABRE_", README, flags=re.M))
    assert documented == {s.name for s in settings.SETTINGS}


def test_every_command_is_documented_and_no_other():
    documented = set(re.findall(r"^\| `palabre ([a-z-]+)", README, flags=re.M))
    assert documented == {command.name for command in COMMANDS}


def test_the_format_example_is_a_valid_format():
    example = re.search(r"```yaml\n(.*?)```", README, flags=re.S).group(1)
    exercise = parse_format(example, "README.md")
    assert [phase.kind for phase in exercise.phases] == ["ideas", "vote"]


def test_every_phase_kind_is_explained():
    documented = set(re.findall(r"^\| `([a-z_]+)` \| (?!`)", README, flags=re.M))
    assert set(KINDS) <= documented, f"README.md does not explain {set(KINDS) - documented}"
