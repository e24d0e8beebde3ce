"""What a format is: a question and phases, each phase of one kind from a closed set."""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from typing import Any

from .messages import N_, Refusal
from .wording import check_proposition, escape, fill, invert_question

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

# Why a word a format does not use is refused, rather than silently dropped.
WITHOUT = {
    "inverted_question": N_("This format does not turn its question around: it takes no "
                            "inverted question."),
    "proposition": N_("This format argues for or against no proposition: it takes none."),
}


@dataclass(frozen=True)
class Phase:
    id: str
    kind: str
    title: Localized
    prompt: Localized  # as people read it: the workshop's words filled in (Exercise does it)
    timebox_min: float | None = None
    reveal: str = "live"
    params: dict[str, Any] = field(default_factory=dict)
    # The prompt as the format writes it, with {question}, {inverted_question} or
    # {proposition} where the workshop's words go (exercises.wording); by default the prompt
    # itself, taken literally.
    template: Localized | None = None

    def __post_init__(self):
        if self.template is None:
            object.__setattr__(self, "template", Localized(escape(self.prompt.fr),
                                                           escape(self.prompt.en)))

    def reworded(self, text: str) -> Phase:
        """The phase with a facilitator's own prompt, taken literally, in both languages."""
        return replace(self, prompt=Localized(text, text), template=Localized(escape(text),
                                                                              escape(text)))

    def filled(self, words: dict[str, Localized]) -> Phase:
        """The phase with its prompt read from its template and the workshop's words."""
        prompt = Localized(*(fill(getattr(self.template, lang),
                                  {name: value.get(lang) for name, value in words.items()})
                             for lang in LANGS))
        return self if prompt == self.prompt else replace(self, prompt=prompt)

    def to_dict(self) -> dict[str, Any]:
        data: dict[str, Any] = {
            "id": self.id,
            "kind": self.kind,
            "title": self.title.to_dict(),
            "prompt": self.template.to_dict(),
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
    # What an argument phase argues for or against when it names none itself (a statement).
    proposition: Localized | None = None

    def __post_init__(self):
        words = self.words()
        object.__setattr__(self, "phases", tuple(p.filled(words) for p in self.phases))

    def words(self) -> dict[str, Localized]:
        """The workshop's words its prompts may refer to (exercises.wording.PLACEHOLDERS)."""
        found = {"question": self.question, "inverted_question": self.inverted_question,
                 "proposition": self.proposition}
        return {name: value for name, value in found.items() if value is not None}

    def needs(self) -> tuple[str, ...]:
        """What a new workshop of this format asks for besides its question: the words the
        format gives a default for (an inverted question, a proposition)."""
        return tuple(name for name in ("inverted_question", "proposition")
                     if name in self.words())

    def argued(self, phase: Phase) -> Localized:
        """What an argument phase argues for or against: its own proposition, else the
        workshop's, else its question."""
        return phase.params.get("proposition") or self.proposition or self.question

    def phase(self, phase_id: str) -> Phase:
        for phase in self.phases:
            if phase.id == phase_id:
                return phase
        raise KeyError(phase_id)

    def index(self, phase_id: str) -> int:
        return [p.id for p in self.phases].index(phase_id)

    def with_changes(self, *, question: str | None = None,
                     inverted_question: str | None = None, proposition: str | None = None,
                     lang: str = "fr") -> Exercise:
        """The same format with the facilitator's own words, each kept in both languages.

        A new question never keeps the format's inverted question or proposition, which were
        written for its own question: the inverted question is proposed from the new one
        (exercises.wording) unless given, and a proposition must be given. Refusal when a
        proposition is missing or is a question."""
        for name, given in (("inverted_question", inverted_question),
                            ("proposition", proposition)):
            if given and name not in self.needs():
                raise Refusal(WITHOUT[name], field=name)
        changes: dict[str, Any] = {}
        new_question = bool(question) and question not in (self.question.fr, self.question.en)
        if new_question:
            changes["question"] = Localized(question, question)
        if "inverted_question" in self.needs() and (inverted_question or new_question):
            text = inverted_question or invert_question(question, lang)
            changes["inverted_question"] = Localized(text, text)
        if "proposition" in self.needs():
            if proposition:
                text = check_proposition(proposition)  # Refusal with field="proposition"
                changes["proposition"] = Localized(text, text)
            elif new_question:
                raise Refusal(N_("This format argues for or against a proposition: write "
                                 "one for your question (a statement, for example “Every "
                                 "procedure must stay possible at the desk.”)."),
                              field="proposition")
        return replace(self, **changes) if changes else self

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
        if self.proposition is not None:
            data["proposition"] = self.proposition.to_dict()
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
