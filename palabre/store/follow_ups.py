"""Follow-ups (« droit de suite »): what became of a proposal after the workshop.

Every change is a row of its own, never updated, so a proposal's history (retained, then
tried, then done) is kept with its dates; the current follow-up is the latest row. A store
mixin, so the store's one narrow API keeps every write while its file stays short.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime

import sqlalchemy as sa
from sqlalchemy.engine import Engine

from .records import FOLLOW_UP_STATUSES, Contribution, Session
from .schema import contributions, follow_ups, sessions


@dataclass(frozen=True)
class FollowUp:
    """One change of a proposal's follow-up, as it was recorded."""

    id: int
    session_id: int
    contribution_id: int
    number: int  # the proposal's number in its workshop: what people see and type
    status: str  # one of FOLLOW_UP_STATUSES
    reason: str  # why, for a proposal that is not retained
    owner: str  # who carries it (a service, a person's role: public, shown to the room)
    due_on: str | None  # YYYY-MM-DD
    note: str  # the short public note
    created_at: datetime
    decided_in: str | None = None  # code of the later session of the series that decided it


def _utc(value: datetime) -> datetime:
    return value if value.tzinfo else value.replace(tzinfo=UTC)


class FollowUpStore:
    """The store's follow-up methods (mixed into palabre.store.Store)."""

    engine: Engine

    def add_follow_up(self, session: Session, proposal: Contribution, *, status: str,
                      reason: str = "", owner: str = "", due_on: str | None = None,
                      note: str = "", decided_in: Session | None = None) -> FollowUp:
        """Record one change of a proposal's follow-up (checked and cleaned by
        palabre.follow_ups first); earlier changes stay as they were."""
        if status not in FOLLOW_UP_STATUSES:
            raise ValueError(f"unknown follow-up status {status!r}")
        if proposal.session_id != session.id:
            raise ValueError("the proposal is not an answer of this session")
        now = datetime.now(UTC)
        with self.engine.begin() as conn:
            new_id = conn.execute(follow_ups.insert().values(
                session_id=session.id, contribution_id=proposal.id, status=status,
                reason=reason, owner=owner, due_on=due_on, note=note,
                decided_in=decided_in.id if decided_in else None, created_at=now)
                .returning(follow_ups.c.id)).scalar_one()
            conn.execute(sessions.update().where(sessions.c.id == session.id).values(
                version=sessions.c.version + 1, updated_at=now))
        return FollowUp(id=new_id, session_id=session.id, contribution_id=proposal.id,
                        number=proposal.number, status=status, reason=reason, owner=owner,
                        due_on=due_on, note=note, created_at=now,
                        decided_in=decided_in.code if decided_in else None)

    def follow_ups(self, session: Session) -> list[FollowUp]:
        """Every change of every follow-up of this session, oldest first."""
        decided = sessions.alias("decided")
        query = (sa.select(follow_ups, contributions.c.number, decided.c.code.label("decided"))
                 .select_from(follow_ups.join(
                     contributions, contributions.c.id == follow_ups.c.contribution_id)
                     .outerjoin(decided, decided.c.id == follow_ups.c.decided_in))
                 .where(follow_ups.c.session_id == session.id)
                 .order_by(follow_ups.c.id))
        with self.engine.connect() as conn:
            rows = conn.execute(query).all()
        return [FollowUp(id=r.id, session_id=r.session_id, contribution_id=r.contribution_id,
                         number=r.number, status=r.status, reason=r.reason, owner=r.owner,
                         due_on=r.due_on, note=r.note, created_at=_utc(r.created_at),
                         decided_in=r.decided) for r in rows]
