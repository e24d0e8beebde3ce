"""persona: a table fills the empathy map of the persona the facilitator gave it."""

from __future__ import annotations

from functools import cache
from typing import Any

from palabre import personas
from palabre.boards import persona_for
from palabre.exercises import Phase
from palabre.exercises.kinds import EMPATHY_PARTS
from palabre.exercises.messages import N_
from palabre.store import Contribution, Participant, Session, Store

from .base import Answer, Behaviour, Context, Paper, PhoneForm, Reader, Refused, Seen, text

# The parts of an empathy map, with the persona's name (French puts the verb first).
EMPATHY_LABELS = {
    "says": N_("What {name} says"),
    "thinks": N_("What {name} thinks"),
    "does": N_("What {name} does"),
    "feels": N_("What {name} feels"),
    "needs": N_("What {name} needs"),
    "pains": N_("What gets in {name}'s way"),
}


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


def validate(phase: Phase, payload: dict, ctx: Context) -> Answer:
    if ctx.persona is None:
        raise Refused(409, "persona_unassigned",
                      N_("No persona has been given to your table yet. Look at the screen."))
    part = payload.get("field")
    if part not in phase.params["fields"]:
        raise Refused(422, "persona_field",
                      N_("Choose which part of the empathy map you are filling in."),
                      field="field")
    value = text(payload, "text", phase.params["max_chars"])
    return Answer(body={"persona": ctx.persona, "field": part, "text": value}, text=value)


def gather(store: Store, session: Session, participant: Participant | None,
           phase: Phase) -> dict[str, Any]:
    """The persona given to this participant's table, else to the room."""
    return {"persona": persona_for(store, session, phase.id,
                                   participant.table if participant else None)}


def params(seen: Seen) -> dict[str, Any]:
    persona = gather(seen.store, seen.session, seen.participant, seen.phase)["persona"]
    card = persona_card(persona, seen.lang) if persona else None
    name = card["name"] if card else "…"
    return {"max_chars": seen.phase.params["max_chars"], "persona": card,
            "fields": [{"id": f, "label": seen.t(EMPATHY_LABELS[f], name=name)}
                       for f in seen.phase.params["fields"]]}


def read(get_one: Reader, _get_all: Reader, _ids: list[int]) -> dict[str, Any]:
    return {"field": get_one("field", None), "text": get_one("text", "")}


def describe(row: Contribution, _phase: Phase, seen: Seen) -> str:
    label = EMPATHY_LABELS.get(row.body.get("field", ""))
    if label is None:
        return row.text or ""
    name = persona_card(row.body.get("persona", ""), seen.lang)["name"]
    return seen.t(N_("{part}: {text}"), part=seen.t(label, name=name), text=row.text or "")


def assigned(params: dict[str, Any]) -> str:
    return (params.get("persona") or {}).get("id", "")


def paper_page(_store: Store, _session: Session, phase: Phase, _lang: str) -> dict[str, Any]:
    return {"parts": [(part, EMPATHY_PARTS[part]) for part in phase.params["fields"]]}


def paper_answer(_store: Store, _session: Session, _phase: Phase,
                 values: dict[str, str]) -> dict[str, Any]:
    return {"field": values.get("part") or None, "text": values.get("answer") or ""}


BEHAVIOUR = Behaviour("persona", PhoneForm("form_persona.html", params, read, describe),
                      validate=validate, gather=gather, paper=Paper(paper_page, paper_answer),
                      assigned=assigned)
