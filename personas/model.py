"""A persona: an archetype of a service user or agent, written in French and English.

Tables in the personas phase each get one, so they design for Odette or Mamadou rather than
for "the user". Texts are data (translated in the file); the closed sets below have English
message ids that the caller translates with its own catalog.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

LANGS = ("fr", "en")


def N_(message: str) -> str:
    """Mark a message for the catalogs; whoever shows it translates it."""
    return message


KINDS = {"usager": N_("Service user"), "agent": N_("Public servant")}
"""Who the persona is, with the label to show."""

CHANNELS = {
    "guichet": N_("Front desk"),
    "telephone": N_("Telephone"),
    "courrier": N_("Post"),
    "email": N_("Email"),
    "site-web": N_("Website"),
    "application": N_("Mobile app"),
    "france-services": N_("France services centre"),
    "travailleur-social": N_("Social worker"),
    "entourage": N_("Family or friends"),
    "association": N_("Voluntary organisation"),
    "messagerie": N_("Secure online messaging"),
    "sms": N_("Text message"),
}
"""How a person reaches a public service: a closed set, so tables can compare personas."""

TERRITORIES = {
    "rural": N_("Rural area"),
    "periurban": N_("Small town or outskirts"),
    "urban": N_("City"),
    "overseas": N_("Overseas France"),
}

EMPATHY_QUADRANTS = ("says", "thinks", "does", "feels")
"""The four quadrants of an empathy map, in the order they are drawn."""

TEXT_FIELDS = ("place", "situation", "quote")
LIST_FIELDS = ("goals", "frustrations")


@dataclass(frozen=True)
class Text:
    """One text in French and English; French is the fallback."""

    fr: str
    en: str

    def get(self, lang: str) -> str:
        return (self.en if lang == "en" else self.fr) or self.fr

    def to_dict(self) -> dict[str, str]:
        return {"fr": self.fr, "en": self.en}


@dataclass(frozen=True)
class DigitalComfort:
    """How at ease the person is with online procedures, 1 (not at all) to 5 (fully)."""

    level: int
    label: Text


@dataclass(frozen=True)
class Persona:
    id: str
    name: str
    age: int
    kind: str  # a key of KINDS
    territory: str  # a key of TERRITORIES
    place: Text
    situation: Text
    goals: tuple[Text, ...]
    frustrations: tuple[Text, ...]
    digital_comfort: DigitalComfort
    channels: tuple[str, ...]  # keys of CHANNELS, most used first
    quote: Text
    empathy: dict[str, tuple[Text, ...]]  # EMPATHY_QUADRANTS -> seeds for the empathy map
    source: str = ""

    def text(self, field: str, lang: str) -> str:
        """One text in a language: "situation", "quote", "place" or "digital_comfort"."""
        if field == "digital_comfort":
            return self.digital_comfort.label.get(lang)
        if field not in TEXT_FIELDS:
            raise KeyError(f"{field!r} is not a single-text field of a persona")
        return getattr(self, field).get(lang)

    def texts(self, field: str, lang: str) -> list[str]:
        """A list of texts in a language: "goals", "frustrations" or "empathy.<quadrant>"."""
        if field.startswith("empathy."):
            quadrant = field.removeprefix("empathy.")
            if quadrant not in EMPATHY_QUADRANTS:
                raise KeyError(f"{field!r}: quadrant must be one of {EMPATHY_QUADRANTS}")
            return [t.get(lang) for t in self.empathy[quadrant]]
        if field not in LIST_FIELDS:
            raise KeyError(f"{field!r} is not a list field of a persona")
        return [t.get(lang) for t in getattr(self, field)]

    def to_dict(self) -> dict[str, Any]:
        """Plain data, the shape of a library file, for a session to keep its own copy."""
        return {
            "id": self.id, "name": self.name, "age": self.age, "kind": self.kind,
            "territory": self.territory, "place": self.place.to_dict(),
            "situation": self.situation.to_dict(),
            "goals": [t.to_dict() for t in self.goals],
            "frustrations": [t.to_dict() for t in self.frustrations],
            "digital_comfort": {"level": self.digital_comfort.level,
                                "label": self.digital_comfort.label.to_dict()},
            "channels": list(self.channels), "quote": self.quote.to_dict(),
            "empathy": {q: [t.to_dict() for t in self.empathy[q]] for q in EMPATHY_QUADRANTS},
        }


def of_kind(personas: dict[str, Persona] | list[Persona], kind: str) -> list[Persona]:
    """The personas of one kind ("usager" or "agent"), in id order."""
    if kind not in KINDS:
        raise KeyError(f"unknown persona kind {kind!r}; expected one of {sorted(KINDS)}")
    values = personas.values() if isinstance(personas, dict) else personas
    return sorted((p for p in values if p.kind == kind), key=lambda p: p.id)
