"""What a format is: a question and phases, each phase of one kind from a closed set."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

LANGS = ("fr", "en")


@dataclass(frozen=True)
class Localized:
    """A text in French and English; French is the fallback."""

    fr: str
    en: str = ""

    def get(self, lang: str) -> str:
        return (self.en if lang == "en" else self.fr) or self.fr

    def to_dict(self) -> dict[str, str]:
        return {"fr": self.fr, "en": self.en}

    @classmethod
    def of(cls, value: Any) -> Localized:
        if isinstance(value, Localized):
            return value
        if isinstance(value, str):
            return cls(fr=value, en=value)
        return cls(fr=value.get("fr", ""), en=value.get("en", ""))


REVEALS = ("live", "after_close", "on_reveal")


@dataclass(frozen=True)
class Phase:
    id: str
    kind: str
    title: Localized
    prompt: Localized
    timebox_min: float | None = None
    reveal: str = "live"
    params: dict[str, Any] = field(default_factory=dict)

    def to_dict(self) -> dict[str, Any]:
        data: dict[str, Any] = {
            "id": self.id,
            "kind": self.kind,
            "title": self.title.to_dict(),
            "prompt": self.prompt.to_dict(),
            "reveal": self.reveal,
        }
        if self.timebox_min is not None:
            data["timebox_min"] = self.timebox_min
        for key, value in self.params.items():
            if value is not None:
                data[key] = _plain(value)
        return data


@dataclass(frozen=True)
class Exercise:
    id: str
    title: Localized
    question: Localized
    phases: tuple[Phase, ...]
    description: Localized = field(default_factory=lambda: Localized(""))
    inverted_question: Localized | None = None
    source: str = ""
    agenda: Any = None  # exercises.agenda.Agenda, for formats that fill a day

    def phase(self, phase_id: str) -> Phase:
        for phase in self.phases:
            if phase.id == phase_id:
                return phase
        raise KeyError(phase_id)

    def index(self, phase_id: str) -> int:
        return [p.id for p in self.phases].index(phase_id)

    def with_changes(self, *, question: str | None = None, lang: str = "fr") -> Exercise:
        """The same format with the facilitator's own question (kept in both languages)."""
        if not question:
            return self
        return Exercise(
            id=self.id, title=self.title, question=Localized(fr=question, en=question),
            phases=self.phases, description=self.description,
            inverted_question=self.inverted_question, source=self.source, agenda=self.agenda,
        )

    def to_dict(self) -> dict[str, Any]:
        data: dict[str, Any] = {
            "id": self.id,
            "title": self.title.to_dict(),
            "question": self.question.to_dict(),
            "phases": [p.to_dict() for p in self.phases],
        }
        if self.description.fr:
            data["description"] = self.description.to_dict()
        if self.inverted_question is not None:
            data["inverted_question"] = self.inverted_question.to_dict()
        if self.agenda is not None:
            data["agenda"] = self.agenda.to_dict()
        return data


def _plain(value: Any) -> Any:
    if isinstance(value, Localized):
        return value.to_dict()
    if isinstance(value, (list, tuple)):
        return [_plain(v) for v in value]
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    return value
