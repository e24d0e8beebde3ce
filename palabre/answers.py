"""The door: every answer, from a phone, a kiosk or a paper note typed in, is checked and
cleaned here once, then stored. Refusals carry a message template the page translates."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any

from palabre import text as texts
from palabre.boards import argued_viewpoint, persona_for
from palabre.exercises import KINDS, Phase
from palabre.exercises.messages import N_, Refusal
from palabre.labels import SIDE_LABELS
from palabre.store import Contribution, KeyConflict, Participant, Session, Store
from palabre.store.writer import GroupCommit


class Refused(Refusal):
    """A refusal a participant reads: HTTP status, the field at fault and a message template."""

    def __init__(self, status: int, code: str, template: str, /, field: str | None = None,
                 **values):
        self.status = status
        self.code = code
        self.field = field
        super().__init__(template, **values)


def unknown_session(code: str) -> Refused:
    return Refused(404, "unknown_session",
                   N_("No workshop has the code {code}. Check the code shown on the screen, "
                      "or ask the facilitator."), field="code", code=code)


def phase_closed() -> Refused:
    return Refused(409, "phase_closed",
                   N_("Answers are closed for this phase. Look at the screen: the facilitator "
                      "will open the next one."))


@dataclass(frozen=True)
class Answer:
    body: dict[str, Any]
    text: str | None


@dataclass(frozen=True)
class Context:
    """What a validator needs beyond the payload, gathered once by submit()."""

    items: Sequence[Contribution] = ()  # what the phase works on (vote, invert)
    role: str | None = None  # the participant's real role
    persona: str | None = None  # the persona given to the participant's table
    viewpoint: str | None = None  # the point of view the participant argues from
    photo_exists: Callable[[int], bool] = field(default=lambda _id: False)


def _text(payload: dict, field: str, max_chars: int) -> str:
    raw = payload.get(field)
    if not isinstance(raw, str):
        raw = ""
    try:
        value = texts.clean(raw, max_chars=max_chars, max_bytes=max_chars * 4)
    except texts.TextTooLong as error:
        raise Refused(422, "too_long",
                      N_("Your answer is too long: {max_chars} characters at most "
                         "(yours has {length})."), field=field,
                      max_chars=error.max_chars, length=error.length) from None
    if not value:
        raise Refused(422, "empty", N_("Please write something before sending."), field=field)
    return value


def _ideas(phase: Phase, payload: dict, _ctx: Context) -> Answer:
    value = _text(payload, "text", phase.params["max_chars"])
    body: dict[str, Any] = {"text": value}
    categories = phase.params.get("categories")
    if categories:
        category = _int(payload.get("category"))
        if category is None or not 0 <= category < len(categories):
            raise Refused(422, "category", N_("Choose a column for your answer."),
                          field="category")
        body["category"] = category
    return Answer(body=body, text=value)


def _int(value: Any) -> int | None:
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return value
    if isinstance(value, str) and value.strip().isdigit():
        return int(value.strip())
    if isinstance(value, str) and not value.strip():
        return 0
    return None


def _vote(phase: Phase, payload: dict, ctx: Context) -> Answer:
    items = ctx.items
    dots_allowed = phase.params["dots"]
    per_item = phase.params["max_per_item"] or dots_allowed
    raw = payload.get("dots")
    if not isinstance(raw, dict):
        raise Refused(422, "vote_empty", N_("Place at least one dot before sending."),
                      field="dots")
    known = {str(item.id) for item in items}
    dots: dict[str, int] = {}
    for item_id, count in raw.items():
        item_id = str(item_id)
        number = _int(count)
        if item_id not in known:
            raise Refused(422, "vote_unknown_item",
                          N_("This item is no longer in the vote. Reload the page."),
                          field="dots")
        if number is None or number < 0 or number > per_item:
            raise Refused(422, "vote_per_item",
                          N_("You may put at most {per_item} dots on one item."),
                          field="dots", per_item=per_item)
        if number:
            dots[item_id] = number
    used = sum(dots.values())
    if used == 0:
        raise Refused(422, "vote_empty", N_("Place at least one dot before sending."),
                      field="dots")
    if used > dots_allowed:
        raise Refused(422, "vote_too_many",
                      N_("You have {dots} dots and placed {used}. Remove some and send again."),
                      field="dots", dots=dots_allowed, used=used)
    return Answer(body={"dots": dots}, text=None)


def _choice(phase: Phase, payload: dict, _ctx: Context) -> Answer:
    raw = payload.get("choices")
    if isinstance(raw, (str, int)):
        raw = [raw]
    if not isinstance(raw, list) or not raw:
        raise Refused(422, "choice_none", N_("Choose at least one answer."), field="choices")
    options = len(phase.params["choices"])
    picked = []
    for value in raw:
        number = _int(value)
        if number is None or not 0 <= number < options:
            raise Refused(422, "choice_unknown", N_("This option does not exist."),
                          field="choices")
        if number not in picked:
            picked.append(number)
    most = phase.params["max_answers"]
    if len(picked) > most:
        raise Refused(422, "choice_too_many", N_("Choose at most {max_answers} answers."),
                      field="choices", max_answers=most)
    return Answer(body={"choices": sorted(picked)}, text=None)


def _invert(phase: Phase, payload: dict, ctx: Context) -> Answer:
    source = _int(payload.get("source_id"))
    if source is None or source not in {item.id for item in ctx.items}:
        raise Refused(422, "invert_unknown_item", N_("Choose one of the ideas to turn around."),
                      field="source_id")
    value = _text(payload, "text", phase.params["max_chars"])
    return Answer(body={"source_id": source, "text": value}, text=value)


def _persona(phase: Phase, payload: dict, ctx: Context) -> Answer:
    if ctx.persona is None:
        raise Refused(409, "persona_unassigned",
                      N_("No persona has been given to your table yet. Look at the screen."))
    part = payload.get("field")
    if part not in phase.params["fields"]:
        raise Refused(422, "persona_field",
                      N_("Choose which part of the empathy map you are filling in."),
                      field="field")
    value = _text(payload, "text", phase.params["max_chars"])
    return Answer(body={"persona": ctx.persona, "field": part, "text": value}, text=value)


def _argument(phase: Phase, payload: dict, ctx: Context) -> Answer:
    side = payload.get("side")
    if side not in SIDE_LABELS:
        raise Refused(422, "argument_side", N_("Say whether your argument is for or against."),
                      field="side")
    value = _text(payload, "text", phase.params["max_chars"])
    return Answer(body={"side": side, "viewpoint": ctx.viewpoint or "autre", "text": value},
                  text=value)


def _scale(phase: Phase, payload: dict, _ctx: Context) -> Answer:
    steps = phase.params["steps"]
    value = _int(payload.get("value"))
    if value is None or not 1 <= value <= steps:
        raise Refused(422, "scale_value", N_("Choose a value from 1 to {steps}."),
                      field="value", steps=steps)
    return Answer(body={"value": value}, text=None)


def _photo(phase: Phase, payload: dict, ctx: Context) -> Answer:
    photo = _int(payload.get("photo"))
    if photo is None or not ctx.photo_exists(photo):
        raise Refused(422, "photo_missing", N_("Choose a photo before sending."), field="photo")
    caption = payload.get("caption") or ""
    value = _text({"caption": caption}, "caption", phase.params["max_chars"]) if \
        isinstance(caption, str) and caption.strip() else None
    return Answer(body={"photo": photo, "caption": value or ""}, text=value)


# One validator per phase kind; tests check every kind in exercises.KINDS is covered.
VALIDATORS = {"ideas": _ideas, "vote": _vote, "choice": _choice, "invert": _invert,
              "persona": _persona, "argument": _argument, "scale": _scale, "photo": _photo,
              "cluster": None, "pitch": None}  # None: the facilitator works, phones watch


def vote_items(store: Store, session: Session, phase: Phase) -> list[Contribution]:
    """What a vote phase votes on: the visible answers of its source phase."""
    return store.contributions(session, phase.params["source"])


def nothing_to_answer() -> Refused:
    return Refused(409, "nothing_to_answer",
                   N_("There is nothing to answer in this phase: look at the screen."))


def validate(phase: Phase, payload: dict, context: Context | None = None) -> Answer:
    if not isinstance(payload, dict):
        raise Refused(400, "bad_answer", N_("This answer could not be read. Reload the page "
                                            "and send it again."))
    validator = VALIDATORS[phase.kind]
    if not KINDS[phase.kind].collects or validator is None:
        raise nothing_to_answer()
    return validator(phase, payload, context or Context())


def context(store: Store, session: Session, participant: Participant | None,
            phase: Phase) -> Context:
    """Gather what this phase's validator needs, reading the store only when it must."""
    items: Sequence[Contribution] = ()
    if phase.kind in ("vote", "invert"):
        items = vote_items(store, session, phase)
    viewpoint = None
    if phase.kind == "argument":
        rank = 0
        if participant is not None:
            ids = [p.id for p in store.participants(session)]
            # Someone not stored yet (a paper box being typed in) will join last.
            rank = ids.index(participant.id) if participant.id in ids else len(ids)
        viewpoint = argued_viewpoint(store, session, participant, rank,
                                     phase.params["swap_roles"])
    persona = None
    if phase.kind == "persona":
        persona = persona_for(store, session, phase.id, participant.table if participant
                              else None)
    return Context(items=items, role=participant.role if participant else None,
                   persona=persona, viewpoint=viewpoint,
                   photo_exists=lambda photo_id: store.photo(session, photo_id) is not None)


def check_key(key: Any) -> str:
    if not isinstance(key, str) or not 8 <= len(key) <= 64 or not key.isascii() or any(
            not (c.isalnum() or c in "-_") for c in key):
        raise Refused(400, "bad_key", N_("This answer could not be read. Reload the page and "
                                         "send it again."))
    return key


def prepare(store: Store, session: Session, participant: Participant | None, payload: dict,
            key: Any, *, channel: str = "phone", phase_id: str | None = None
            ) -> dict[str, Any] | tuple[Contribution, bool]:
    """Check and clean one answer; returns what to store (contribute()'s arguments), or the
    original row when this is a retry of an answer already stored."""
    key = check_key(key)
    try:
        phase = session.phase if phase_id is None else session.exercise.phase(phase_id)
        if phase_id is None and not session.state.accepting:
            raise phase_closed()
        answer = validate(phase, payload, context(store, session, participant, phase))
        limit = phase.params.get("max_per_participant") or 0
        if limit and participant is not None and \
                store.count(session, phase.id, participant) >= limit:
            raise Refused(409, "limit", N_("You have sent {limit} answers, the most this "
                                           "phase allows. Thank you!"), limit=limit)
    except Refused:
        # A retry of an answer already stored is never refused, whatever happened since
        # (the round closed, the phase moved on). Replays are rare: the key is looked up
        # only here and when the insert collides, not on every answer.
        previous = store.contribution_by_key(session, key)
        if previous is not None and previous.participant_id == (participant and
                                                                participant.id):
            return previous, False
        raise
    return {"session": session, "participant": participant, "phase_id": phase.id,
            "kind": phase.kind, "body": answer.body, "text": answer.text, "key": key,
            "channel": channel}


def _key_conflict() -> Refused:
    return Refused(409, "bad_key", N_("This answer could not be read. Reload the page and "
                                      "send it again."))


def submit(store: Store, session: Session, participant: Participant | None, payload: dict,
           key: Any, *, channel: str = "phone", phase_id: str | None = None
           ) -> tuple[Contribution, bool]:
    """Validate, clean and store one answer; returns (row, created). Replays return the
    original row, even after the phase has closed, so a retry never reads as a failure."""
    prepared = prepare(store, session, participant, payload, key, channel=channel,
                       phase_id=phase_id)
    if isinstance(prepared, tuple):
        return prepared
    try:
        return store.contribute(**prepared)
    except KeyConflict:
        raise _key_conflict() from None


async def submit_grouped(writer: GroupCommit, session: Session,
                         participant: Participant | None, payload: dict, key: Any, *,
                         channel: str = "phone", phase_id: str | None = None
                         ) -> tuple[Contribution, bool]:
    """submit(), with the write shared with the answers arriving at the same moment."""
    prepared = prepare(writer.store, session, participant, payload, key, channel=channel,
                       phase_id=phase_id)
    if isinstance(prepared, tuple):
        return prepared
    try:
        return await writer.write(prepared)
    except KeyConflict:
        raise _key_conflict() from None
