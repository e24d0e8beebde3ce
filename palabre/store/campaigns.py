"""Campaigns in the store: which forums (each with its region) and which local debates a
national campaign gathers. A forum is still the name on its workshops; this only lists them."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime

import sqlalchemy as sa

from .schema import campaign_members, campaigns, sessions
from .store import Store


@dataclass(frozen=True)
class Member:
    """A forum of the campaign (``forum`` set) or a local debate (``code`` set)."""

    region: str
    forum: str | None = None
    code: str | None = None


@dataclass(frozen=True)
class Campaign:
    name: str
    members: tuple[Member, ...]
    created_at: datetime

    @property
    def forums(self) -> tuple[Member, ...]:
        return tuple(m for m in self.members if m.forum is not None)

    @property
    def debates(self) -> tuple[Member, ...]:
        return tuple(m for m in self.members if m.code is not None)


def add(store: Store, name: str, *, forums: Sequence[tuple[str, str]] = (),
        workshops: Sequence[tuple[str, str]] = ()) -> Campaign:
    """Add forums and local debates, each given with its region (empty: keep the one it has),
    to campaign ``name``, made if new. Adding a member twice changes only its region."""
    now = datetime.now(UTC)
    with store.engine.begin() as conn:
        found = conn.execute(sa.select(campaigns.c.id).where(campaigns.c.name == name)).first()
        campaign_id = found.id if found else conn.execute(
            campaigns.insert().values(name=name, created_at=now)).inserted_primary_key[0]
        ids = dict(conn.execute(sa.select(sessions.c.code, sessions.c.id).where(
            sessions.c.code.in_([code for code, _region in workshops]))).all())
        wanted = [(campaign_members.c.forum, forum, region) for forum, region in forums]
        wanted += [(campaign_members.c.session_id, ids[code], region)
                   for code, region in workshops]
        for column, value, region in wanted:
            where = sa.and_(campaign_members.c.campaign_id == campaign_id, column == value)
            if conn.execute(sa.select(campaign_members.c.id).where(where)).first():
                if region:
                    conn.execute(campaign_members.update().where(where).values(region=region))
                continue
            conn.execute(campaign_members.insert().values(
                campaign_id=campaign_id, region=region, created_at=now, **{column.name: value}))
    return get(store, name)


def _query():
    return (sa.select(campaigns.c.name, campaigns.c.created_at, campaign_members.c.forum,
                      campaign_members.c.region, sessions.c.code)
            .select_from(campaigns.outerjoin(campaign_members).outerjoin(sessions))
            .order_by(campaigns.c.name, campaign_members.c.id))


def _campaigns(rows) -> list[Campaign]:
    found: dict[str, tuple[datetime, list[Member]]] = {}
    for row in rows:
        created = row.created_at if row.created_at.tzinfo else row.created_at.replace(tzinfo=UTC)
        members = found.setdefault(row.name, (created, []))[1]
        if row.forum is not None or row.code is not None:
            members.append(Member(region=row.region, forum=row.forum, code=row.code))
    return [Campaign(name, tuple(members), created)
            for name, (created, members) in found.items()]


def all_campaigns(store: Store) -> list[Campaign]:
    with store.engine.connect() as conn:
        return _campaigns(conn.execute(_query()).all())


def get(store: Store, name: str) -> Campaign | None:
    with store.engine.connect() as conn:
        found = _campaigns(conn.execute(_query().where(campaigns.c.name == name)).all())
    return found[0] if found else None
