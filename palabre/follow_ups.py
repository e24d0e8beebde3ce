"""Giving a proposal its follow-up (« droit de suite »), from the command line or the
console: the same checks and the same refusals, in the person's language, for both.

A proposal is referred to by its number in the workshop (the wall's, the paper's, the
restitution's). Only an answer the room produced as an item (ideas, turned-around ideas,
arguments, empathy-map notes, photos) can get one: a vote, a choice or a rating is not a
proposal, and a hidden or merged answer counts nowhere.
"""

from __future__ import annotations

import unicodedata
from datetime import date

from palabre import text as texts
from palabre.exercises import KINDS
from palabre.exercises.messages import N_
from palabre.i18n import LANGS, Translator
from palabre.labels import STATUS_LABELS
from palabre.refused import Refused
from palabre.store import Contribution, FollowUp, Session, Store
from palabre.store.records import FOLLOW_UP_STATUSES

OWNER_MAX_CHARS = 200
NOTE_MAX_CHARS = 600
REASON_MAX_CHARS = 600
FIELDS = ("number", "status", "owner", "due", "note", "reason")


def status_choices(gettext) -> str:
    """« retained (Retenue), studying (À l'étude)... »: what --status and the form take."""
    return ", ".join(f"{status} ({gettext(STATUS_LABELS[status])})"
                     for status in FOLLOW_UP_STATUSES)


def _plain(word: str) -> str:
    """« Réalisée » and « realisee » alike: no case, no accents, single spaces."""
    folded = unicodedata.normalize("NFKD", " ".join(word.split()).casefold())
    return "".join(c for c in folded if not unicodedata.combining(c)).replace("’", "'")


def status_of(raw: str | None, gettext) -> str:
    """A status by its id, or by its label in French or English (« réalisée », « done »)."""
    wanted = _plain(raw or "")
    for status in FOLLOW_UP_STATUSES:
        names = {status, *(_plain(Translator(lang)(STATUS_LABELS[status])) for lang in LANGS)}
        if wanted in names:
            return status
    if not wanted:
        raise Refused(422, "no_status", N_("Choose the follow-up's status: {choices}."),
                      field="status", choices=status_choices(gettext))
    raise Refused(422, "unknown_status",
                  N_("“{status}” is not a follow-up status. Choose one of: {choices}."),
                  field="status", status=raw[:40], choices=status_choices(gettext))


def due_date(raw: str | None) -> str | None:
    """A date written YYYY-MM-DD (or nothing)."""
    value = (raw or "").strip()
    if not value:
        return None
    try:
        if len(value) != 10:
            raise ValueError(value)
        return date.fromisoformat(value).isoformat()
    except ValueError:
        raise Refused(422, "bad_date", N_("“{value}” is not a date: write it as YYYY-MM-DD, "
                                          "for example 2027-03-31."),
                      field="due", value=value[:40]) from None


def proposal(store: Store, session: Session, raw_number: object) -> Contribution:
    """The answer that number stands for, if it can be given a follow-up."""
    text = str(raw_number if raw_number is not None else "").strip().lstrip("#").removeprefix(
        "n°").strip()
    if not text.isdigit() or len(text) > 9:
        raise Refused(422, "bad_number", N_("Give the number of the proposal, as the wall and "
                                            "the restitution show it (for example 12)."),
                      field="number")
    number = int(text)
    found = [c for c in store.contributions(session, include_hidden=True) if c.number == number]
    if not found:
        raise Refused(404, "unknown_number", N_("This workshop has no answer no. {number}."),
                      field="number", number=number)
    answer = found[0]
    merged = answer.body.get("merged_into")
    if answer.hidden and merged:
        into = store.contribution(session, int(merged))
        raise Refused(409, "merged", N_("Answer no. {number} was merged into no. {into}: give "
                                        "the follow-up to no. {into}."), field="number",
                      number=number, into=into.number if into else merged)
    if answer.hidden:
        raise Refused(409, "hidden", N_("Answer no. {number} was hidden by moderation: it "
                                        "counts nowhere, so it takes no follow-up."),
                      field="number", number=number)
    kind = KINDS.get(answer.kind)
    if kind is None or not kind.produces_items:
        raise Refused(409, "not_a_proposal", N_("Answer no. {number} is a vote, a choice or a "
                                                "rating, not a proposal: give the follow-up to "
                                                "an answer the room proposed."),
                      field="number", number=number)
    return answer


def _clean(raw: str | None, name: str, most: int) -> str:
    try:
        return texts.clean(raw or "", max_chars=most, max_bytes=most * 4,
                           multiline=name != "owner")
    except texts.TextTooLong as error:
        raise Refused(422, "too_long", N_("At most {max} characters here ({length} written)."),
                      field=name, max=error.max_chars, length=error.length) from None


def record(store: Store, session: Session, values: dict[str, str | None], gettext,
           decided_in: Session | None = None) -> FollowUp:
    """Check and store one change of a proposal's follow-up; ``values`` holds FIELDS as a
    person typed them (an owner or a due date left out, None, stays as it was). Refused,
    with the field at fault, for an unknown number or status, a bad date, or a proposal
    not retained without its reason."""
    answer = proposal(store, session, values.get("number"))
    status = status_of(values.get("status"), gettext)
    earlier = [c for c in store.follow_ups(session) if c.contribution_id == answer.id]
    if earlier:  # who carries it and by when stay as they were unless given (None)
        values = {"owner": earlier[-1].owner, "due": earlier[-1].due_on,
                  **{k: v for k, v in values.items() if v is not None}}
    due = due_date(values.get("due"))
    owner = _clean(values.get("owner"), "owner", OWNER_MAX_CHARS)
    note = _clean(values.get("note"), "note", NOTE_MAX_CHARS)
    reason = _clean(values.get("reason"), "reason", REASON_MAX_CHARS)
    if status == "declined" and not reason:
        raise Refused(422, "no_reason", N_("Say why the proposal is not retained: the people "
                                           "who made it will read the reason."),
                      field="reason")
    return store.add_follow_up(session, answer, status=status, reason=reason, owner=owner,
                               due_on=due, note=note, decided_in=decided_in)


def series_sessions(store: Store, session: Session) -> list[Session]:
    """The sessions of this one's committee (its series) up to this one, in the order they
    met; just this one when it belongs to none."""
    if not session.series:
        return [session]
    codes = [s.code for s in reversed(store.sessions(series=session.series))]
    return [store.session(code) for code in codes[:codes.index(session.code) + 1]]


def later_session(store: Store, session: Session, raw_code: str | None) -> Session | None:
    """The later session of the same committee where a change was decided (``--in``)."""
    if not raw_code:
        return None
    from palabre import codes

    code = codes.normalize(raw_code)
    later = store.session(code) if code else None
    if later is None or not session.series or later.series != session.series or (
            later.created_at <= session.created_at):
        raise Refused(422, "not_a_later_session",
                      N_("{code} is not a later session of the same committee: a change is "
                         "decided in a session of the series that met after this one."),
                      field="decided_in", code=raw_code[:20])
    return later
