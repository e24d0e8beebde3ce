"""Plain functions behind the handlers: what a phone sees of the room, what it may send, and
what the facilitator's actions do. No tornado here, so the rules are testable in-process."""

from __future__ import annotations

import re
import time
from dataclasses import dataclass, field
from typing import Any

from palabre import answers, boards, labels, photos
from palabre import text as texts
from palabre.exercises import KINDS, Exercise, RoomState
from palabre.exercises.messages import N_, Refusal
from palabre.kinds import BEHAVIOURS
from palabre.store import Contribution, Participant, Session, Store
from palabre.store.store import ROLES
from palabre.store.writer import GroupCommit

from . import forms

# The phone form of each phase kind (palabre.server.forms); a test checks every kind of
# palabre.exercises.KINDS has one, so an unknown kind fails loudly, never a blank form.
FORMS = forms.FORMS

# Kinds where a phone sends a ballot it may change until the round closes: the last one counts
# (palabre.synthesis.latest_ballots), so the page shows it, pre-filled, instead of a list.
BALLOTS = frozenset(name for name, kind in KINDS.items() if kind.ballot)

# The join form's role labels (palabre.labels: the same words on paper and in the exports).
ROLE_LABELS = labels.ROLE_LABELS

TITLE_MAX_CHARS = 200


def phase_changed() -> answers.Refused:
    return answers.Refused(409, "phase_changed",
                           N_("The facilitator has moved on to another phase. Your answer was "
                              "not sent: read the new question below."))


def not_joined() -> answers.Refused:
    return answers.Refused(403, "not_joined",
                           N_("Join the workshop first: open the link shown on the screen."))


# --- what a phone sees ------------------------------------------------------------------
@dataclass(frozen=True)
class PhaseView:
    """The current phase as a phone needs it, in one language. Serialised as JSON as is."""

    id: str
    kind: str
    title: str
    prompt: str
    index: int
    count: int
    accepting: bool
    results_visible: bool
    timebox_min: float | None
    remaining_s: int | None
    timer_running: bool
    collects: bool = True  # False: the facilitator works on the screen, phones watch
    table: int | None = None  # the mixed table the facilitator gave this phone
    assigned: str = ""  # what the room gave this phone: the page reloads when it changes
    params: dict[str, Any] = field(default_factory=dict)


def phase_view(store: Store, session: Session, lang: str, now: float | None = None,
               participant: Participant | None = None) -> PhaseView:
    """The current phase for this phone: what is assigned to it (worse ideas, a persona, a
    point of view) depends on who it is, so the participant is passed when known."""
    state, exercise, phase = session.state, session.exercise, session.phase
    seen = forms.Seen(store, session, phase, participant, lang)
    remaining = state.remaining(exercise, time.time() if now is None else now)
    params = FORMS[phase.kind].params(seen)
    table = None if participant is None else boards.seat_of(store, session, participant)
    return PhaseView(
        id=phase.id, kind=phase.kind, title=phase.title.get(lang),
        prompt=phase.prompt.get(lang), index=state.phase_index, count=len(exercise.phases),
        accepting=state.accepting and KINDS[phase.kind].collects,
        collects=KINDS[phase.kind].collects,
        results_visible=state.results_visible(exercise),
        timebox_min=phase.timebox_min,
        remaining_s=None if remaining is None else max(0, round(remaining)),
        timer_running=state.timer_running, table=table,
        assigned=assignment(phase.kind, params, table), params=params)


def assignment(kind: str, params: dict[str, Any], table: int | None) -> str:
    """What the room gave this phone, in one string: its table, its table's persona, its
    worse ideas, the point of view it argues (its kind says which, palabre.kinds). palabre.js
    reloads the page when it changes."""
    return f"{table or ''}|{BEHAVIOURS[kind].assigned(params)}"


def session_json(store: Store, session: Session, lang: str,
                 participant: Participant | None = None) -> dict[str, Any]:
    view = phase_view(store, session, lang, participant=participant)
    return {
        "code": session.code,
        "title": session.title,
        "question": session.exercise.question.get(lang),
        **{name: session.exercise.words()[name].get(lang) for name in session.exercise.needs()},
        "lang": lang,
        "version": session.version,
        "phase": {**{k: v for k, v in view.__dict__.items() if k != "params"},
                  **view.params},
    }


def own_answers(store: Store, session: Session, participant: Participant | None,
                lang: str) -> list[str]:
    """What this phone sent in the current phase, as short readable lines."""
    if participant is None:
        return []
    rows = store.contributions(session, session.phase.id, participant=participant)
    if session.phase.kind in BALLOTS:
        rows = rows[-1:]
    return [describe(store, session, row, lang) for row in rows]


def sent_here(store: Store, session: Session, participant: Participant | None,
              raw_number: str) -> bool:
    """Whether "your answer was received" belongs on this page: the answer named in the
    address (by its number) is this phone's and was sent in the phase shown now."""
    if participant is None or not raw_number.isdigit():
        return False
    row = store.contribution_by_number(session, int(raw_number))
    return (row is not None and row.participant_id == participant.id
            and row.phase_id == session.phase.id)


def current_ballot(store: Store, session: Session, participant: Participant | None
                   ) -> dict[str, Any]:
    """The ballot that counts for this phone in the current phase, to pre-fill its form."""
    if participant is None or session.phase.kind not in BALLOTS:
        return {}
    rows = store.contributions(session, session.phase.id, participant=participant)
    return dict(rows[-1].body) if rows else {}


def describe(store: Store, session: Session, row: Contribution, lang: str) -> str:
    phase = session.exercise.phase(row.phase_id)
    seen = forms.Seen(store, session, phase, None, lang)
    return FORMS[row.kind].describe(row, phase, seen)


# --- what a phone sends -----------------------------------------------------------------
def form_payload(kind: str, get_one, get_all, item_ids: list[int]) -> dict[str, Any]:
    """Read an HTML form into the payload answers.submit expects (same as the JSON API's)."""
    return FORMS[kind].read(get_one, get_all, item_ids)


async def receive_grouped(writer: GroupCommit, session: Session,
                          participant: Participant | None, payload: Any, key: Any,
                          phase_id: str | None = None) -> tuple[Contribution, bool]:
    """One answer from a phone or a kiosk (the channel is the participant's), its write shared
    by the answers arriving at the same moment. A replayed key returns the original row
    whatever the phase is now; an answer written for a phase that has ended is refused (409),
    never misfiled."""
    replay = _written_for_another_phase(writer.store, session, participant, key, phase_id)
    if replay is not None:
        return replay
    return await answers.submit_grouped(writer, session, participant, payload, key,
                                        channel=participant.channel)


def _written_for_another_phase(store: Store, session: Session,
                               participant: Participant | None, key: Any,
                               phase_id: str | None) -> tuple[Contribution, bool] | None:
    """Refuse what a phone wrote for a phase that has ended, unless it is a retry of an
    answer already stored (then that answer is returned)."""
    if participant is None:
        raise not_joined()
    if phase_id is not None and phase_id != session.phase.id:
        previous = store.contribution_by_key(session, answers.check_key(key))
        if previous is None or previous.participant_id != participant.id:
            raise phase_changed()
        return previous, False
    return None


def not_a_photo_phase() -> answers.Refused:
    return answers.Refused(409, "not_photo",
                           N_("This phase does not take photos. Reload the page."))


def receive_photo(store: Store, session: Session, participant: Participant | None,
                  data: bytes, caption: Any, key: Any, phase_id: str | None = None
                  ) -> tuple[Contribution, bool]:
    """A photo from a phone: checked and stripped of its metadata (palabre.photos), stored
    once, then sent through the door like any answer. A replayed key returns the original
    before the picture is read again; nothing is stored for a phase that has ended."""
    if participant is None:
        raise not_joined()
    key = answers.check_key(key)
    previous = store.contribution_by_key(session, key)
    if previous is not None and previous.participant_id == participant.id:
        return previous, False
    if phase_id is not None and phase_id != session.phase.id:
        raise phase_changed()
    if FORMS[session.phase.kind].action != "photo":  # its phone form sends a picture
        raise not_a_photo_phase()
    if not session.state.accepting:
        raise answers.phase_closed()
    photo = photos.accept_photo(data)
    photo_id = store.add_photo(session, photo.data, width=photo.width, height=photo.height,
                               mime=photo.mime)
    return answers.submit(store, session, participant,
                          {"photo": photo_id, "caption": caption or ""}, key,
                          channel=participant.channel)


def profile(role: Any, table: Any) -> tuple[str | None, str | None]:
    """A joining phone's optional profile, cleaned; refused with the field at fault."""
    role = role or None
    if role is not None and role not in ROLES:
        raise answers.Refused(422, "bad_role", N_("Choose one of the roles offered."),
                              field="role")
    if table is None or table == "":
        return role, None
    if not isinstance(table, str):
        raise answers.Refused(422, "bad_table", N_("Write the name of your table or group."),
                              field="table")
    try:
        table = texts.clean_short(table)
    except texts.TextTooLong as error:
        raise answers.Refused(422, "too_long",
                              N_("Your answer is too long: {max_chars} characters at most "
                                 "(yours has {length})."), field="table",
                              max_chars=error.max_chars, length=error.length) from None
    return role, table or None


KIOSK_NUMBER = re.compile(r"[0-9]{1,6}")


def kiosk_returner(store: Store, session: Session, number: Any) -> Participant | None:
    """The kiosk person coming back under the number the tablet showed them, or None for a
    new person (nothing typed). Anything else is refused on the field, and nobody is created:
    a mistyped number must not become a new participant."""
    number = number.strip() if isinstance(number, str) else number
    if number is None or number == "":
        return None
    if not isinstance(number, str) or not KIOSK_NUMBER.fullmatch(number):
        raise answers.Refused(422, "bad_number",
                              N_("Write your number with digits only, as the tablet showed it "
                                 "(for example 7)."), field="number")
    found = store.kiosk_participant(session, int(number))
    if found is None:
        raise answers.Refused(422, "unknown_number",
                              N_("No one in this workshop was given the number {number} at "
                                 "a tablet. Check it, or leave the field empty to start as a "
                                 "new person."), field="number", number=int(number))
    return found


# --- what the facilitator does ----------------------------------------------------------
ACTIONS = {
    "advance": lambda s, e, i, now: s.advance(e),
    "back": lambda s, e, i, now: s.back(e),
    "go": lambda s, e, i, now: s.go(e, i),
    "open": lambda s, e, i, now: s.open(),
    "close": lambda s, e, i, now: s.close(),
    "reveal": lambda s, e, i, now: s.reveal(),
    "hide": lambda s, e, i, now: s.hide(),
    "timer_start": lambda s, e, i, now: s.start_timer(now),
    "timer_pause": lambda s, e, i, now: s.pause_timer(now),
    "timer_add_minute": lambda s, e, i, now: s.add_minute(),
    "timer_reset": lambda s, e, i, now: s.reset_timer(),
}


def choose_ballot(store: Store, code: str, body: dict[str, Any]) -> Session:
    """What a vote is on (palabre.synthesis.ballot): "themes", "shortlist" with the answers'
    numbers in "items", "all", or "auto" (the default by room size), for the vote phase named in
    "phase" (default: the current one)."""
    session = store.session(code)
    phase_id = body.get("phase")
    phase_id = session.phase.id if phase_id is None or phase_id == "" else phase_id
    phase = next((p for p in session.exercise.phases if p.id == phase_id), None) \
        if isinstance(phase_id, str) else None
    if phase is None or phase.kind != "vote":
        raise answers.Refused(422, "not_a_vote", N_("Name a vote phase of this workshop."),
                              field="phase")
    mode = body.get("mode")
    if not isinstance(mode, str) or mode not in ("auto", "themes", "shortlist", "all"):
        raise answers.Refused(422, "bad_ballot",
                              N_("Put to the vote the themes, a shortlist or every answer."),
                              field="mode")
    items = (body.get("items") or []) if mode == "shortlist" else []
    if mode == "shortlist":
        known = {c.number for c in store.contributions(session, phase.params["source"])}
        if (not isinstance(items, list) or not items  # each a number: [1] or {} is no key
                or any(isinstance(i, bool) or not isinstance(i, int) or i not in known
                       for i in items)):
            raise answers.Refused(422, "bad_shortlist",
                                  N_("A shortlist lists answers of the phase voted on, by "
                                     "their numbers."), field="items")
    boards.set_ballot(store, session, phase.id, None if mode == "auto" else mode, items)
    return store.session(code)


def act(store: Store, code: str, action: Any, index: Any = None,
        body: dict[str, Any] | None = None) -> Session:
    if action == "ballot":
        return choose_ballot(store, code, body or {})
    if not isinstance(action, str) or action not in ACTIONS:  # [] or {} cannot be a key
        raise answers.Refused(422, "bad_action", N_("Unknown action {action}."),
                              field="action", action=str(action)[:40])
    if action == "go" and (isinstance(index, bool) or not isinstance(index, int)):
        raise answers.Refused(422, "bad_index", N_("Give the number of the phase to go to."),
                              field="index")

    def change(session: Session) -> RoomState:
        return ACTIONS[action](session.state, session.exercise, index, time.time())

    return store.update_state(code, change)


def create(store: Store, formats: dict[str, Exercise], body: dict[str, Any]) -> Session:
    exercise_id = body.get("exercise")
    exercise = formats.get(exercise_id) if isinstance(exercise_id, str) else None
    if exercise is None:
        raise answers.Refused(422, "bad_exercise",
                              N_("Unknown format. Known formats: {known}."), field="exercise",
                              known=", ".join(sorted(formats)))
    fields = {}
    for name, required in (("title", True), ("question", False), ("inverted_question", False),
                           ("proposition", False), ("place", False), ("held_on", False),
                           ("facilitator", False), ("forum", False)):
        value = body.get(name)
        if value is None or value == "":
            if required:
                raise answers.Refused(422, "empty", N_("Please write something before "
                                                       "sending."), field=name)
            continue
        if not isinstance(value, str):
            raise answers.Refused(422, "bad_field", N_("This field must be a text."),
                                  field=name)
        try:
            fields[name] = texts.clean(value, max_chars=TITLE_MAX_CHARS,
                                       max_bytes=TITLE_MAX_CHARS * 4, multiline=False)
        except texts.TextTooLong as error:
            raise answers.Refused(422, "too_long",
                                  N_("Your answer is too long: {max_chars} characters at most "
                                     "(yours has {length})."), field=name,
                                  max_chars=error.max_chars, length=error.length) from None
    lang = body.get("lang")
    lang = "fr" if lang is None or lang == "" else lang
    if not isinstance(lang, str) or lang not in ("fr", "en"):
        raise answers.Refused(422, "bad_lang", N_("The language must be fr or en."),
                              field="lang")
    words = {name: fields.pop(name, None)
             for name in ("question", "inverted_question", "proposition")}
    try:
        exercise = exercise.with_changes(**words, lang=lang)
    except Refusal as refusal:
        values = dict(refusal.values)
        raise answers.Refused(422, "bad_words", refusal.template, field=values.pop("field", None),
                              **values) from None
    return store.create_session(exercise, lang=lang, **fields)
