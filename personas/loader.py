"""Read persona files, naming the file, line and field at fault so anyone can fix one.

Kept apart from the format loader on purpose: personas import nothing else of palabre but the
shared YAML reader (`palabre.exercises.yamlfile`, pure too), so both read YAML the same way.
"""

from __future__ import annotations

from importlib import resources
from pathlib import Path
from typing import Any

from palabre.exercises import yamlfile

from .model import (
    CHANNELS,
    EMPATHY_QUADRANTS,
    KINDS,
    LANGS,
    N_,
    TERRITORIES,
    DigitalComfort,
    Persona,
    Text,
)

_ID_CHARS = set("abcdefghijklmnopqrstuvwxyz0123456789-_")
FIELDS = ("id", "name", "age", "kind", "territory", "place", "situation", "goals",
          "frustrations", "digital_comfort", "channels", "quote", "empathy")


class PersonaError(ValueError):
    """A persona file is wrong: where (path, line, field) and what, as an English template
    with its values so the caller shows it in the reader's language."""

    def __init__(self, path: str, line: int | None, field: str, template: str, **values):
        self.path = path
        self.line = line
        self.field = field
        self.detail_template = template
        self.detail_values = values
        self.template = N_("{path}, line {line}, field '{field}': {detail}")
        self.values = {"path": path, "line": line if line is not None else "?",
                       "field": field, "detail": template.format(**values)}
        super().__init__(self.template.format(**self.values))

    def translated(self, gettext) -> str:
        detail = gettext(self.detail_template).format(**self.detail_values)
        return gettext(self.template).format(**{**self.values, "detail": detail})


_Map = yamlfile.LineMap
_Seq = yamlfile.LineSeq


class _Reader:
    """Checks one parsed file field by field; the first fault raises PersonaError."""

    def __init__(self, path: str):
        self.path = path

    def fail(self, line, field, template, **values):
        raise PersonaError(self.path, line, field, template, **values)

    @staticmethod
    def line_of(mapping, key):
        return getattr(mapping, "lines", {}).get(key, getattr(mapping, "line", None))

    def mapping(self, value, line, field, allowed) -> dict:
        if not isinstance(value, dict):
            self.fail(line, field, N_("expected a mapping of fields"))
        for key in value:
            if key not in allowed:
                self.fail(self.line_of(value, key), f"{field}.{key}" if field else str(key),
                          N_("unknown field; expected one of: {allowed}"),
                          allowed=", ".join(allowed))
        for key in allowed:
            if key not in value or value[key] is None or value[key] == "":
                self.fail(line, f"{field}.{key}" if field else key,
                          N_("this field is required"))
        return value

    def text(self, value, line, field) -> Text:
        if isinstance(value, str):
            self.fail(line, field, N_("give the text in every language: {langs}"),
                      langs=", ".join(LANGS))
        value = self.mapping(value, line, field, LANGS)
        for lang in LANGS:
            if not isinstance(value[lang], str) or not value[lang].strip():
                self.fail(self.line_of(value, lang), f"{field}.{lang}",
                          N_("a non-empty text is required"))
        return Text(fr=" ".join(value["fr"].split()), en=" ".join(value["en"].split()))

    def texts(self, value, line, field, minimum=1) -> tuple[Text, ...]:
        if not isinstance(value, list) or len(value) < minimum:
            self.fail(line, field, N_("must be a list of at least {minimum} entries"),
                      minimum=minimum)
        lines = getattr(value, "lines", [line] * len(value))
        return tuple(self.text(v, lines[i], f"{field}[{i}]") for i, v in enumerate(value))

    def choice(self, value, line, field, allowed) -> str:
        if value not in allowed:
            self.fail(line, field, N_("'{value}' is not one of: {allowed}"),
                      value=value, allowed=", ".join(allowed))
        return value

    def whole(self, value, line, field, minimum, maximum) -> int:
        if not isinstance(value, int) or isinstance(value, bool):
            self.fail(line, field, N_("must be a whole number"))
        if not minimum <= value <= maximum:
            self.fail(line, field, N_("must be between {minimum} and {maximum}"),
                      minimum=minimum, maximum=maximum)
        return value

    def persona(self, data) -> Persona:
        data = self.mapping(data, 1, "", FIELDS)
        at = lambda key: self.line_of(data, key)  # noqa: E731 - local shorthand

        pid = data["id"]
        if not isinstance(pid, str) or not set(pid) <= _ID_CHARS:
            self.fail(at("id"), "id", N_("must be lower-case letters, digits, '-' or '_'"))
        if not isinstance(data["name"], str):
            self.fail(at("name"), "name", N_("must be a text"))

        comfort = self.mapping(data["digital_comfort"], at("digital_comfort"),
                               "digital_comfort", ("level", "label"))
        channels = data["channels"]
        if not isinstance(channels, list) or not channels:
            self.fail(at("channels"), "channels", N_("must be a list of at least {minimum} "
                                                     "entries"), minimum=1)
        channel_lines = getattr(channels, "lines", [at("channels")] * len(channels))
        for i, channel in enumerate(channels):
            self.choice(channel, channel_lines[i], f"channels[{i}]", tuple(CHANNELS))
            if channel in channels[:i]:
                self.fail(channel_lines[i], f"channels[{i}]",
                          N_("'{value}' is listed twice"), value=channel)

        empathy = self.mapping(data["empathy"], at("empathy"), "empathy", EMPATHY_QUADRANTS)
        return Persona(
            id=pid,
            name=" ".join(data["name"].split()),
            age=self.whole(data["age"], at("age"), "age", 15, 110),
            kind=self.choice(data["kind"], at("kind"), "kind", tuple(KINDS)),
            territory=self.choice(data["territory"], at("territory"), "territory",
                                  tuple(TERRITORIES)),
            place=self.text(data["place"], at("place"), "place"),
            situation=self.text(data["situation"], at("situation"), "situation"),
            goals=self.texts(data["goals"], at("goals"), "goals"),
            frustrations=self.texts(data["frustrations"], at("frustrations"), "frustrations"),
            digital_comfort=DigitalComfort(
                level=self.whole(comfort["level"], self.line_of(comfort, "level"),
                                 "digital_comfort.level", 1, 5),
                label=self.text(comfort["label"], self.line_of(comfort, "label"),
                                "digital_comfort.label")),
            channels=tuple(channels),
            quote=self.text(data["quote"], at("quote"), "quote"),
            empathy={q: self.texts(empathy[q], self.line_of(empathy, q), f"empathy.{q}")
                     for q in EMPATHY_QUADRANTS},
            source=self.path,
        )


def parse_persona(text: str, path: str = "<text>") -> Persona:
    try:
        data = yamlfile.load(text)
    except yamlfile.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        raise PersonaError(path, mark.line + 1 if mark else None, "(file)",
                           N_("not valid YAML: {problem}"),
                           problem=error.problem or str(error)) from None
    return _Reader(path).persona(data)


def persona_from_dict(data: dict[str, Any], path: str = "<stored>") -> Persona:
    """Rebuild a persona from its stored copy (``Persona.to_dict``), checked like a file."""
    return _Reader(path).persona(data)


def load_persona(path: str | Path) -> Persona:
    path = Path(path)
    return parse_persona(path.read_text(encoding="utf-8"), str(path))


def _add(found: dict[str, Persona], persona: Persona, replace: bool) -> None:
    if persona.id in found and not replace:
        raise PersonaError(persona.source, 1, "id", N_("the persona id '{id}' is used twice"),
                           id=persona.id)
    found[persona.id] = persona


def load_library(extra_dir: str | Path | None = None) -> dict[str, Persona]:
    """The built-in personas, then those of extra_dir (which may replace one by id)."""
    found: dict[str, Persona] = {}
    folder = resources.files(__package__) / "library"
    for entry in sorted(folder.iterdir(), key=lambda e: e.name):
        if entry.name.endswith((".yaml", ".yml")):
            persona = parse_persona(entry.read_text(encoding="utf-8"), f"library/{entry.name}")
            _add(found, persona, replace=False)
    if extra_dir is not None:
        extra: dict[str, Persona] = {}
        for path in sorted(Path(extra_dir).glob("*.y*ml")):
            _add(extra, load_persona(path), replace=False)
        found.update(extra)
    return dict(sorted(found.items()))
