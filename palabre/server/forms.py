"""The phone form of each phase kind, in one table (FORMS): its template, what the page needs
from the store, how the HTML form reads into the payload palabre.answers.submit expects, and
how a sent answer reads back on the phone. A test checks every kind of
palabre.exercises.KINDS has a row, so an unknown kind fails loudly, never a blank form."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from functools import cache, cached_property
from typing import Any

from palabre import answers, i18n, labels, personas, photos
from palabre.exercises import Phase
from palabre.exercises.assign import spread
from palabre.exercises.messages import N_
from palabre.store import Contribution, Participant, Session, Store

# The parts of an empathy map, with the persona's name (French puts the verb first).
EMPATHY_LABELS = {
    "says": N_("What {name} says"),
    "thinks": N_("What {name} thinks"),
    "does": N_("What {name} does"),
    "feels": N_("What {name} feels"),
    "needs": N_("What {name} needs"),
    "pains": N_("What gets in {name}'s way"),
}


@dataclass(frozen=True)
class Seen:
    """One phone looking at one phase: what a form's parameters are computed from."""

    store: Store
    session: Session
    phase: Phase
    participant: Participant | None
    lang: str

    @cached_property
    def t(self) -> i18n.Translator:
        return i18n.Translator(self.lang)

    @cached_property
    def rank(self) -> int | None:
        """This participant's place in joining order (what spreads work over people)."""
        if self.participant is None:
            return None
        ids = [p.id for p in self.store.participants(self.session)]
        return ids.index(self.participant.id) if self.participant.id in ids else None


@cache
def library() -> dict[str, personas.Persona]:
    return personas.load_library()


def persona_card(persona_id: str, lang: str) -> dict[str, Any]:
    """What a table needs to step into a persona's shoes; an id the library lacks (a custom
    persona) still shows by its id."""
    found = library().get(persona_id)
    if found is None:
        return {"id": persona_id, "name": persona_id, "age": None, "situation": "",
                "quote": ""}
    return {"id": found.id, "name": found.name, "age": found.age,
            "situation": found.text("situation", lang), "quote": found.text("quote", lang)}


def table_persona(store: Store, session: Session, phase: Phase,
                  participant: Participant | None) -> str | None:
    """The persona given to this participant's table, else to the room (as the door reads it)."""
    return answers.context(store, session, participant, phase).persona


def viewpoint(seen: Seen) -> str | None:
    """The point of view this person argues from, as the door will file their argument: their
    table's when the facilitator gave it one, else the opposite of their own role."""
    if seen.participant is None:
        return None
    return answers.context(seen.store, seen.session, seen.participant, seen.phase).viewpoint


# --- parameters each form shows (also the JSON session document's) ----------------------
def _ideas(seen: Seen) -> dict[str, Any]:
    return {"max_chars": seen.phase.params["max_chars"],
            "categories": [c.get(seen.lang) for c in seen.phase.params.get("categories") or ()]}


def _vote(seen: Seen) -> dict[str, Any]:
    phase = seen.phase
    items = answers.vote_items(seen.store, seen.session, phase)
    return {"dots": phase.params["dots"],
            "max_per_item": phase.params["max_per_item"] or phase.params["dots"],
            "items": [{"id": item.id, "text": item.text or ""} for item in items]}


def _choice(seen: Seen) -> dict[str, Any]:
    return {"choices": [c.get(seen.lang) for c in seen.phase.params["choices"]],
            "max_answers": seen.phase.params["max_answers"]}


def _invert(seen: Seen) -> dict[str, Any]:
    phase = seen.phase
    worse = {item.id: item for item in answers.vote_items(seen.store, seen.session, phase)}
    mine = [] if seen.rank is None else spread(sorted(worse), seen.rank,
                                               phase.params["per_participant"])
    return {"max_chars": phase.params["max_chars"],
            "per_participant": phase.params["per_participant"],
            "items": [{"id": i, "text": worse[i].text or ""} for i in mine]}


def _persona(seen: Seen) -> dict[str, Any]:
    persona = table_persona(seen.store, seen.session, seen.phase, seen.participant)
    card = persona_card(persona, seen.lang) if persona else None
    name = card["name"] if card else "…"
    return {"max_chars": seen.phase.params["max_chars"], "persona": card,
            "fields": [{"id": f, "label": seen.t(EMPATHY_LABELS[f], name=name)}
                       for f in seen.phase.params["fields"]]}


def _argument(seen: Seen) -> dict[str, Any]:
    phase = seen.phase
    proposition = phase.params.get("proposition")
    view = viewpoint(seen)
    return {"max_chars": phase.params["max_chars"],
            "proposition": proposition.get(seen.lang) if proposition
            else seen.session.exercise.question.get(seen.lang),
            "viewpoint": view,
            "viewpoint_label": seen.t(labels.ARGUE_AS[view]) if view else None}


def _scale(seen: Seen) -> dict[str, Any]:
    params = seen.phase.params
    return {"steps": params["steps"], "low": params["low"].get(seen.lang),
            "high": params["high"].get(seen.lang)}


def _photo(seen: Seen) -> dict[str, Any]:
    return {"max_chars": seen.phase.params["max_chars"],
            "max_mb": photos.MAX_BYTES // (1024 * 1024)}


def _watch(_seen: Seen) -> dict[str, Any]:
    return {}


# --- reading an HTML form into the door's payload ---------------------------------------
Reader = Callable[..., Any]


def _read_ideas(get_one: Reader, _get_all: Reader, _ids: list[int]) -> dict[str, Any]:
    return {"text": get_one("text", ""), "category": get_one("category", None)}


def _read_vote(get_one: Reader, _get_all: Reader, item_ids: list[int]) -> dict[str, Any]:
    return {"dots": {str(i): get_one(f"dots-{i}", "") for i in item_ids}}


def _read_choice(_get_one: Reader, get_all: Reader, _ids: list[int]) -> dict[str, Any]:
    return {"choices": get_all("choices")}


def _read_invert(get_one: Reader, _get_all: Reader, _ids: list[int]) -> dict[str, Any]:
    return {"source_id": get_one("source_id", ""), "text": get_one("text", "")}


def _read_persona(get_one: Reader, _get_all: Reader, _ids: list[int]) -> dict[str, Any]:
    return {"field": get_one("field", None), "text": get_one("text", "")}


def _read_argument(get_one: Reader, _get_all: Reader, _ids: list[int]) -> dict[str, Any]:
    return {"side": get_one("side", None), "text": get_one("text", "")}


def _read_scale(get_one: Reader, _get_all: Reader, _ids: list[int]) -> dict[str, Any]:
    return {"value": get_one("value", None)}


def _read_photo(get_one: Reader, _get_all: Reader, _ids: list[int]) -> dict[str, Any]:
    return {"caption": get_one("caption", "")}


def _read_nothing(_get_one: Reader, _get_all: Reader, _ids: list[int]) -> dict[str, Any]:
    return {}


# --- how a sent answer reads back on the phone ------------------------------------------
def _text_of(row: Contribution, _phase: Phase, _seen: Seen) -> str:
    return row.text or ""


def _vote_of(row: Contribution, phase: Phase, seen: Seen) -> str:
    labels = {str(i.id): i.text or "" for i in answers.vote_items(seen.store, seen.session,
                                                                   phase)}
    return " · ".join(f"{labels.get(k, '?')} ({n})" for k, n in row.body["dots"].items())


def _choice_of(row: Contribution, phase: Phase, seen: Seen) -> str:
    options = phase.params["choices"]
    return ", ".join(options[i].get(seen.lang) for i in row.body["choices"] if i < len(options))


def _ideas_of(row: Contribution, phase: Phase, seen: Seen) -> str:
    columns = phase.params.get("categories") or ()
    column = row.body.get("category")
    if column is None or not 0 <= column < len(columns):
        return row.text or ""
    return seen.t(N_("{part}: {text}"), part=columns[column].get(seen.lang), text=row.text or "")


def _persona_of(row: Contribution, _phase: Phase, seen: Seen) -> str:
    label = EMPATHY_LABELS.get(row.body.get("field", ""))
    if label is None:
        return row.text or ""
    name = persona_card(row.body.get("persona", ""), seen.lang)["name"]
    return seen.t(N_("{part}: {text}"), part=seen.t(label, name=name), text=row.text or "")


def _argument_of(row: Contribution, _phase: Phase, seen: Seen) -> str:
    side = labels.SIDE_LABELS.get(row.body.get("side", ""))
    return seen.t(N_("{part}: {text}"), part=seen.t(side), text=row.text or "") if side \
        else row.text or ""


def _scale_of(row: Contribution, phase: Phase, seen: Seen) -> str:
    return seen.t(N_("{value} out of {steps}"), value=row.body.get("value"),
                  steps=phase.params["steps"])


def _photo_of(row: Contribution, _phase: Phase, seen: Seen) -> str:
    caption = row.body.get("caption") or ""
    return seen.t(N_("Photo: {caption}"), caption=caption) if caption \
        else seen.t(N_("A photo"))


@dataclass(frozen=True)
class PhoneForm:
    template: str  # templates/<template>
    params: Callable[[Seen], dict[str, Any]]
    read: Callable[[Reader, Reader, list[int]], dict[str, Any]]
    describe: Callable[[Contribution, Phase, Seen], str]
    action: str = "answer"  # the route the form posts to, under /j/CODE/


FORMS: dict[str, PhoneForm] = {
    "ideas": PhoneForm("form_ideas.html", _ideas, _read_ideas, _ideas_of),
    "vote": PhoneForm("form_vote.html", _vote, _read_vote, _vote_of),
    "choice": PhoneForm("form_choice.html", _choice, _read_choice, _choice_of),
    "invert": PhoneForm("form_invert.html", _invert, _read_invert, _text_of),
    "persona": PhoneForm("form_persona.html", _persona, _read_persona, _persona_of),
    "argument": PhoneForm("form_argument.html", _argument, _read_argument, _argument_of),
    "scale": PhoneForm("form_scale.html", _scale, _read_scale, _scale_of),
    "photo": PhoneForm("form_photo.html", _photo, _read_photo, _photo_of, action="photo"),
    "cluster": PhoneForm("form_watch.html", _watch, _read_nothing, _text_of),
    "pitch": PhoneForm("form_watch.html", _watch, _read_nothing, _text_of),
}
