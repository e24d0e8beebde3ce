"""What the follow-up pages need (« droit de suite »): the room's page once the workshop is
over, and the facilitator's page that records them. Plain functions; the handlers render."""

from __future__ import annotations

from datetime import date, datetime

from babel.dates import format_date

from palabre import synthesis
from palabre.labels import STATUS_LABELS
from palabre.store import Session, Store
from palabre.store.records import FOLLOW_UP_STATUSES
from palabre.synthesis.follow_ups import FollowUpResult, follow_ups

NBSP = "\u00a0"


def result(store: Store, session: Session) -> FollowUpResult:
    return follow_ups(store, synthesis.snapshot(store, session.code))


def public(store: Store, session: Session) -> FollowUpResult | None:
    """What the room's address shows instead of the room: the follow-ups, once the workshop
    is over (its last phase closed) and at least one was recorded; None otherwise."""
    if not session.state.ended(session.exercise):
        return None
    found = result(store, session)
    return found or None


def day(moment: datetime | date | str | None, lang: str) -> str:
    """« 31 mars 2027 », its spaces unbreakable; empty for no date."""
    if moment is None or moment == "":
        return ""
    if isinstance(moment, str):
        moment = date.fromisoformat(moment)
    if isinstance(moment, datetime):
        moment = moment.astimezone().date()
    return format_date(moment, "long", locale=lang).replace(" ", NBSP)


def status_options() -> list[tuple[str, str]]:
    """(status, label message id) in the order the form offers them."""
    return [(status, STATUS_LABELS[status]) for status in FOLLOW_UP_STATUSES]
