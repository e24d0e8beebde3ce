"""Read format files, validating every field and naming the file, line and field at fault."""

from __future__ import annotations

from importlib import resources
from pathlib import Path
from typing import Any

from . import yamlfile
from .agenda import Agenda, Break
from .kinds import KINDS, Param
from .messages import N_, Refusal
from .model import LANGS, REVEALS, Exercise, Localized, Phase
from .wording import PLACEHOLDERS, placeholders

_ID_CHARS = set("abcdefghijklmnopqrstuvwxyz0123456789-_")
LONE_BRACE = N_("a brace opens or closes no placeholder; a prompt may use {known}, and "
                "writes a literal brace twice ({{{{ or }}}})")
UNKNOWN_PLACEHOLDER = N_("unknown placeholder '{placeholder}'; a prompt may use {known}, and "
                         "writes a literal brace twice ({{{{ or }}}})")


class FormatError(Refusal):
    """A format file is wrong; says where, so a facilitator can fix it without Python."""

    def __init__(self, path: str, line: int | None, field: str, template: str, **values):
        self.path = path
        self.line = line
        self.field = field
        self.detail = Refusal(template, **values)
        super().__init__(N_("{path}, line {line}, field '{field}': {detail}"),
                         path=path, line=line if line is not None else "?", field=field,
                         detail=self.detail)

    def translated(self, gettext) -> str:
        return gettext(self.template).format(
            path=self.path, line=self.values["line"], field=self.field,
            detail=self.detail.translated(gettext))


_Map = yamlfile.LineMap
_Seq = yamlfile.LineSeq


class _Reader:
    """Walks one parsed file, raising FormatError with the line of the field it checks."""

    def __init__(self, path: str):
        self.path = path

    def fail(self, line, field, template, **values):
        raise FormatError(self.path, line, field, template, **values)

    def line_of(self, mapping, key):
        lines = getattr(mapping, "lines", {})
        return lines.get(key, getattr(mapping, "line", None))

    def mapping(self, value, line, field) -> _Map:
        if not isinstance(value, dict):
            self.fail(line, field, N_("expected a mapping of fields"))
        return value

    def known(self, mapping, allowed, prefix):
        for key in mapping:
            if key not in allowed:
                self.fail(self.line_of(mapping, key), prefix + str(key),
                          N_("unknown field; expected one of: {allowed}"),
                          allowed=", ".join(sorted(allowed)))

    def require(self, mapping, key, prefix):
        if key not in mapping or mapping[key] in (None, ""):
            self.fail(getattr(mapping, "line", None), prefix + key, N_("this field is required"))
        return mapping[key]

    def ident(self, mapping, key, prefix) -> str:
        value = self.require(mapping, key, prefix)
        if not isinstance(value, str) or not value or not set(value) <= _ID_CHARS:
            self.fail(self.line_of(mapping, key), prefix + key,
                      N_("must be lower-case letters, digits, '-' or '_'"))
        return value

    def localized(self, mapping, key, prefix, required=True) -> Localized | None:
        if key not in mapping:
            if required:
                self.require(mapping, key, prefix)
            return None
        return self.localized_value(mapping[key], self.line_of(mapping, key), prefix + key)

    def localized_value(self, value, line, field) -> Localized:
        if isinstance(value, str):
            self.fail(line, field, N_("give the text in every language: {langs}"),
                      langs=", ".join(LANGS))
        value = self.mapping(value, line, field)
        self.known(value, LANGS, field + ".")
        for lang in LANGS:
            text = value.get(lang)
            if not isinstance(text, str) or not text.strip():
                self.fail(self.line_of(value, lang) or line, f"{field}.{lang}",
                          N_("a non-empty text is required"))
        return Localized(fr=value["fr"].strip(), en=value["en"].strip())

    def param(self, spec: Param, value, line, field, earlier: list[str]):
        if spec.type in ("int", "number"):
            ok = isinstance(value, int) and not isinstance(value, bool)
            if spec.type == "number":
                ok = ok or isinstance(value, float)
            if not ok:
                self.fail(line, field, N_("must be a whole number") if spec.type == "int"
                          else N_("must be a number"))
            if spec.minimum is not None and value < spec.minimum or (
                    spec.maximum is not None and value > spec.maximum):
                self.fail(line, field, N_("must be between {minimum} and {maximum}"),
                          minimum=spec.minimum, maximum=spec.maximum)
            return value
        if spec.type == "bool":
            if not isinstance(value, bool):
                self.fail(line, field, N_("must be true or false"))
            return value
        if spec.type == "str":
            if not isinstance(value, str):
                self.fail(line, field, N_("must be a text"))
            return value
        if spec.type == "localized":
            return self.localized_value(value, line, field)
        if spec.type == "localized_list":
            if value == [] and not spec.required:
                return ()
            if not isinstance(value, list) or len(value) < 2:
                self.fail(line, field, N_("must be a list of at least two entries"))
            lines = getattr(value, "lines", [line] * len(value))
            return tuple(self.localized_value(v, lines[i], f"{field}[{i}]")
                         for i, v in enumerate(value))
        if spec.type in ("str_list", "choice_list"):
            if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
                self.fail(line, field, N_("must be a list of texts"))
            if spec.type == "choice_list":
                wrong = [v for v in value if v not in spec.choices]
                if wrong or not value:
                    self.fail(line, field, N_("must list some of: {allowed}"),
                              allowed=", ".join(spec.choices))
            return tuple(value)
        if spec.type == "phase_ref":
            if value not in earlier:
                self.fail(line, field, N_("must name an earlier phase that collects items: "
                                          "{phases}"), phases=", ".join(earlier) or "-")
            return value
        raise AssertionError(f"unhandled parameter type {spec.type}")

    def template(self, mapping, key, prefix, words: set[str]) -> Localized:
        """A prompt that may say where the workshop's words go; each placeholder must be
        one palabre knows and one this format gives a default for."""
        value = self.localized(mapping, key, prefix)
        raw = mapping[key]
        for lang in LANGS:
            field, line = f"{prefix}{key}.{lang}", self.line_of(raw, lang)
            known = ", ".join("{" + n + "}" for n in PLACEHOLDERS)
            try:
                names = placeholders(getattr(value, lang))
            except ValueError as error:
                if not str(error):
                    self.fail(line, field, LONE_BRACE, known=known)
                self.fail(line, field, UNKNOWN_PLACEHOLDER, placeholder=str(error), known=known)
            for name in names:
                if name not in PLACEHOLDERS:
                    self.fail(line, field, UNKNOWN_PLACEHOLDER, placeholder="{" + name + "}",
                              known=known)
                if name not in words:
                    self.fail(line, field, N_("the prompt uses '{placeholder}', so the format "
                                              "needs the field '{name}' (its default)"),
                              placeholder="{" + name + "}", name=name)
        return value

    def phase(self, value, line, index, earlier_items: list[str], seen: set[str],
              words: set[str] = frozenset()) -> Phase:
        prefix = f"phases[{index}]."
        value = self.mapping(value, line, prefix.rstrip("."))
        pid = self.ident(value, "id", prefix)
        if pid in seen:
            self.fail(self.line_of(value, "id"), prefix + "id",
                      N_("the phase id '{id}' is used twice"), id=pid)
        kind_name = self.require(value, "kind", prefix)
        kind = KINDS.get(kind_name)
        if kind is None:
            self.fail(self.line_of(value, "kind"), prefix + "kind",
                      N_("unknown phase kind '{kind}'; known kinds: {kinds}"),
                      kind=kind_name, kinds=", ".join(sorted(KINDS)))
        common = {"id", "kind", "title", "prompt", "timebox_min", "reveal"}
        self.known(value, common | set(kind.params), prefix)
        timebox = value.get("timebox_min")
        if timebox is not None:
            timebox = self.param(Param("number", minimum=0.5, maximum=600), timebox,
                                 self.line_of(value, "timebox_min"), prefix + "timebox_min", [])
        reveal = value.get("reveal", kind.default_reveal)
        if reveal not in REVEALS:
            self.fail(self.line_of(value, "reveal"), prefix + "reveal",
                      N_("must be one of: {allowed}"), allowed=", ".join(REVEALS))
        params = {}
        for name, spec in kind.params.items():
            if name in value:
                params[name] = self.param(spec, value[name], self.line_of(value, name),
                                          prefix + name, earlier_items)
            elif spec.required:
                self.require(value, name, prefix)
            else:
                params[name] = spec.default
        template = self.template(value, "prompt", prefix, words)
        return Phase(
            id=pid, kind=kind.name,
            title=self.localized(value, "title", prefix),
            prompt=template, template=template,
            timebox_min=timebox, reveal=reveal, params=params,
        )

    def exercise(self, data) -> Exercise:
        data = self.mapping(data, 1, "(file)")
        self.known(data, {"id", "title", "description", "question", "inverted_question",
                          "proposition", "phases", "agenda"}, "")
        eid = self.ident(data, "id", "")
        words = {name for name in PLACEHOLDERS if name in data}
        phases_raw = self.require(data, "phases", "")
        if not isinstance(phases_raw, list) or not phases_raw:
            self.fail(self.line_of(data, "phases"), "phases",
                      N_("must be a non-empty list of phases"))
        phases, seen, items = [], set(), []
        lines = getattr(phases_raw, "lines", [None] * len(phases_raw))
        for i, raw in enumerate(phases_raw):
            phase = self.phase(raw, lines[i], i, items, seen, words)
            seen.add(phase.id)
            if KINDS[phase.kind].produces_items:
                items.append(phase.id)
            phases.append(phase)
        return Exercise(
            id=eid,
            title=self.localized(data, "title", ""),
            question=self.localized(data, "question", ""),
            description=self.localized(data, "description", "", required=False)
            or Localized(""),
            inverted_question=self.localized(data, "inverted_question", "", required=False),
            proposition=self.proposition(data),
            phases=tuple(phases),
            source=self.path,
            agenda=self.agenda(data, [p.id for p in phases]),
        )

    def proposition(self, data) -> Localized | None:
        value = self.localized(data, "proposition", "", required=False)
        if value is not None:
            for lang in LANGS:
                if getattr(value, lang).endswith("?"):
                    self.fail(self.line_of(data["proposition"], lang), f"proposition.{lang}",
                              N_("a proposition is a statement to argue for or against, "
                                 "not a question"))
        return value

    def agenda(self, data, phase_ids: list[str]) -> Agenda | None:
        if "agenda" not in data:
            return None
        raw = self.mapping(data["agenda"], self.line_of(data, "agenda"), "agenda")
        self.known(raw, {"start", "breaks"}, "agenda.")
        start = self.require(raw, "start", "agenda.")
        parts = start.split(":") if isinstance(start, str) else []
        if len(parts) != 2 or not all(p.isdigit() for p in parts) or int(parts[0]) > 23 or \
                int(parts[1]) > 59:
            self.fail(self.line_of(raw, "start"), "agenda.start",
                      N_("must be a time of day written HH:MM, in quotes"))
        breaks = []
        listed = raw.get("breaks") or []
        if not isinstance(listed, list):
            self.fail(self.line_of(raw, "breaks"), "agenda.breaks", N_("must be a list"))
        lines = getattr(listed, "lines", [None] * len(listed))
        for i, item in enumerate(listed):
            field = f"agenda.breaks[{i}]"
            item = self.mapping(item, lines[i], field)
            self.known(item, {"after", "minutes", "title"}, field + ".")
            after = self.require(item, "after", field + ".")
            if after not in phase_ids:
                self.fail(self.line_of(item, "after"), field + ".after",
                          N_("must name a phase of this format: {phases}"),
                          phases=", ".join(phase_ids))
            minutes = self.param(Param("int", minimum=5, maximum=240),
                                 self.require(item, "minutes", field + "."),
                                 self.line_of(item, "minutes"), field + ".minutes", [])
            breaks.append(Break(after=after, minutes=minutes,
                                title=self.localized(item, "title", field + ".")))
        return Agenda(start=start, breaks=tuple(breaks))


def parse_format(text: str, path: str = "<text>") -> Exercise:
    try:
        data = yamlfile.load(text)
    except yamlfile.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        raise FormatError(path, mark.line + 1 if mark else None, "(file)",
                          N_("not valid YAML: {problem}"),
                          problem=error.problem or str(error)) from None
    return _Reader(path).exercise(data)


def exercise_from_dict(data: dict[str, Any], path: str = "<stored>") -> Exercise:
    """Rebuild a format from its stored snapshot, with the same validation as a file."""
    return _Reader(path).exercise(data)


def load_format(path: str | Path) -> Exercise:
    path = Path(path)
    return parse_format(path.read_text(encoding="utf-8"), str(path))


def builtin_formats() -> dict[str, Exercise]:
    folder = resources.files(__package__) / "formats"
    found = {}
    for entry in sorted(folder.iterdir(), key=lambda e: e.name):
        if entry.name.endswith((".yaml", ".yml")):
            exercise = parse_format(entry.read_text(encoding="utf-8"), f"formats/{entry.name}")
            found[exercise.id] = exercise
    return found


def load_formats(extra_dir: str | Path | None = None) -> dict[str, Exercise]:
    """Built-in formats, then the files of extra_dir (which may replace a built-in by id)."""
    found = builtin_formats()
    if extra_dir is not None:
        for path in sorted(Path(extra_dir).glob("*.y*ml")):
            exercise = load_format(path)
            found[exercise.id] = exercise
    return found
