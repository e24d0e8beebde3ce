"""The door: every answer, from a phone, a kiosk or a paper note typed in, is checked and
cleaned here once, then stored. Refusals carry a message template the page translates.

Each kind's own rules (what its answer holds, what the door must know first) live in its
module of palabre.kinds; this module runs them the same way for every channel.
"""

from __future__ import annotations

from typing import Any

from palabre.exercises import KINDS, Phase
from palabre.exercises.messages import N_
from palabre.kinds import BEHAVIOURS
from palabre.kinds.base import Answer as Answer
from palabre.kinds.base import Context as Context
from palabre.kinds.base import Refused as Refused
from palabre.kinds.base import vote_items as vote_items
from palabre.store import Contribution, KeyConflict, Participant, Session, Store
from palabre.store.writer import GroupCommit


def unknown_session(code: str) -> Refused:
    return Refused(404, "unknown_session",
                   N_("No workshop has the code {code}. Check the code shown on the screen, "
                      "or ask the facilitator."), field="code", code=code)


def phase_closed() -> Refused:
    return Refused(409, "phase_closed",
                   N_("Answers are closed for this phase. Look at the screen: the facilitator "
                      "will open the next one."))


# What phones may send in each kind; None where the facilitator works and phones watch.
VALIDATORS = {kind: behaviour.validate for kind, behaviour in BEHAVIOURS.items()}


def nothing_to_answer() -> Refused:
    return Refused(409, "nothing_to_answer",
                   N_("There is nothing to answer in this phase: look at the screen."))


def validate(phase: Phase, payload: dict, context: Context | None = None) -> Answer:
    if not isinstance(payload, dict):
        raise Refused(400, "bad_answer", N_("This answer could not be read. Reload the page "
                                            "and send it again."))
    validator = BEHAVIOURS[phase.kind].validate
    if not KINDS[phase.kind].collects or validator is None:
        raise nothing_to_answer()
    return validator(phase, payload, context or Context())


def context(store: Store, session: Session, participant: Participant | None,
            phase: Phase) -> Context:
    """Gather what this phase's validator needs (its kind says what), reading the store only
    when it must."""
    gathered = BEHAVIOURS[phase.kind].gather(store, session, participant, phase)
    return Context(role=participant.role if participant else None,
                   photo_exists=lambda photo_id: store.photo(session, photo_id) is not None,
                   **gathered)


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
