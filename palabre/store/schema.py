"""The tables. Alembic migrations (store/migrations) create and evolve them; this is the map."""

from __future__ import annotations

import uuid

from sqlalchemy import (
    JSON,
    Boolean,
    CheckConstraint,
    Column,
    DateTime,
    Float,
    ForeignKey,
    Index,
    Integer,
    LargeBinary,
    MetaData,
    String,
    Table,
    Text,
    UniqueConstraint,
)

metadata = MetaData()

sessions = Table(
    "sessions",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("code", String(16), nullable=False, unique=True),
    Column("exercise_id", String(64), nullable=False),
    Column("exercise", JSON, nullable=False),
    Column("title", String(200), nullable=False),
    Column("place", String(200), nullable=False, default=""),
    Column("held_on", String(10), nullable=True),
    Column("facilitator", String(200), nullable=False, default=""),
    Column("lang", String(8), nullable=False, default="fr"),
    Column("forum", String(200), nullable=True, index=True),
    # A committee that meets again: the sessions of one series follow each other (migration
    # 0006); a review phase shows the previous session's open follow-ups.
    Column("series", String(200), nullable=True, index=True),
    Column("state", JSON, nullable=False),
    Column("version", Integer, nullable=False, default=0),
    Column("created_at", DateTime(timezone=True), nullable=False),
    Column("updated_at", DateTime(timezone=True), nullable=False),
    # The workshop's identity across stores (migration 0008): a code is unique in one store
    # only, so an archive's import tells a later archive of this workshop by its uid.
    Column("uid", String(32), nullable=False, default=lambda: uuid.uuid4().hex),
    # The workshop's version as the newest archive imported here said it (migration 0010):
    # an older archive imported after it adds what was missing and changes nothing. NULL
    # for a workshop made in this store and never imported into it.
    Column("imported_version", Integer, nullable=True),
    Index("uq_session_uid", "uid", unique=True),
    sqlite_autoincrement=True,
)

participants = Table(
    "participants",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("session_id", Integer, ForeignKey("sessions.id", ondelete="CASCADE"), nullable=False),
    Column("device_key", String(64), nullable=False),
    Column("role", String(16), nullable=True),
    Column("table_label", String(60), nullable=True),
    Column("lang", String(8), nullable=True),
    Column("channel", String(8), nullable=False, default="phone"),
    Column("created_at", DateTime(timezone=True), nullable=False),
    # A kiosk person's short number (1, 2, 3... in the session): typed back at the tablet to
    # come back as the same participant. NULL for phones and paper.
    Column("kiosk_number", Integer, nullable=True),
    UniqueConstraint("session_id", "device_key", name="uq_participant_device"),
    Index("uq_participant_kiosk_number", "session_id", "kiosk_number", unique=True),
    sqlite_autoincrement=True,
)

contributions = Table(
    "contributions",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("session_id", Integer, ForeignKey("sessions.id", ondelete="CASCADE"), nullable=False),
    Column("participant_id", Integer, ForeignKey("participants.id"), nullable=True),
    Column("phase_id", String(64), nullable=False),
    Column("kind", String(16), nullable=False),
    Column("body", JSON, nullable=False),
    Column("text", Text, nullable=True),
    Column("channel", String(8), nullable=False, default="phone"),
    Column("idempotency_key", String(64), nullable=False),
    Column("hidden", Boolean, nullable=False, default=False),
    Column("created_at", DateTime(timezone=True), nullable=False),
    # The answer's short number in its workshop (1, 2, 3...): what the wall, the paper, the
    # typing-in page and the exports show. Store ids count across every workshop of a store.
    Column("number", Integer, nullable=False),
    UniqueConstraint("session_id", "idempotency_key", name="uq_contribution_key"),
    Index("uq_contribution_number", "session_id", "number", unique=True),
    Index("ix_contributions_session_id_id", "session_id", "id"),
    Index("ix_contributions_session_phase", "session_id", "phase_id"),
    sqlite_autoincrement=True,
)

photos = Table(
    "photos",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("session_id", Integer, ForeignKey("sessions.id", ondelete="CASCADE"), nullable=False),
    Column("sha256", String(64), nullable=False),
    Column("mime", String(32), nullable=False),
    Column("width", Integer, nullable=False),
    Column("height", Integer, nullable=False),
    Column("data", LargeBinary, nullable=False),
    Column("created_at", DateTime(timezone=True), nullable=False),
    UniqueConstraint("session_id", "sha256", name="uq_photo_content"),
    sqlite_autoincrement=True,
)

boards = Table(
    "boards",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("session_id", Integer, ForeignKey("sessions.id", ondelete="CASCADE"), nullable=False),
    Column("name", String(100), nullable=False),
    Column("data", JSON, nullable=False),
    Column("version", Integer, nullable=False),
    Column("updated_at", DateTime(timezone=True), nullable=False),
    UniqueConstraint("session_id", "name", name="uq_board_name"),
    sqlite_autoincrement=True,
)

# A campaign gathers regional forums (by name, each with its region) and local debates
# (workshops in no forum): one member row each. Migration 0007.
campaigns = Table(
    "campaigns",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("name", String(200), nullable=False),
    Column("created_at", DateTime(timezone=True), nullable=False),
    UniqueConstraint("name", name="uq_campaign_name"),
    sqlite_autoincrement=True,
)

campaign_members = Table(
    "campaign_members",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("campaign_id", Integer,
           ForeignKey("campaigns.id", ondelete="CASCADE", name="fk_member_campaign"),
           nullable=False),
    Column("forum", String(200), nullable=True),
    Column("session_id", Integer,
           ForeignKey("sessions.id", ondelete="CASCADE", name="fk_member_session"),
           nullable=True),
    Column("region", String(100), nullable=False),
    Column("created_at", DateTime(timezone=True), nullable=False),
    UniqueConstraint("campaign_id", "forum", name="uq_campaign_forum"),
    UniqueConstraint("campaign_id", "session_id", name="uq_campaign_workshop"),
    CheckConstraint("(forum IS NULL) <> (session_id IS NULL)",
                    name="ck_member_forum_or_workshop"),
    sqlite_autoincrement=True,
)

# « Droit de suite »: what became of a proposal, one row per change (never updated), so its
# history is kept; the current follow-up is the latest row (migration 0006).
follow_ups = Table(
    "follow_ups",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("session_id", Integer,
           ForeignKey("sessions.id", ondelete="CASCADE", name="fk_follow_up_session"),
           nullable=False),
    Column("contribution_id", Integer,
           ForeignKey("contributions.id", ondelete="CASCADE", name="fk_follow_up_contribution"),
           nullable=False),
    Column("status", String(16), nullable=False),
    Column("reason", Text, nullable=False),
    Column("owner", String(200), nullable=False),
    Column("due_on", String(10), nullable=True),
    Column("note", Text, nullable=False),
    # The later session of the series where this change was decided (a review phase), if any.
    Column("decided_in", Integer,
           ForeignKey("sessions.id", ondelete="SET NULL", name="fk_follow_up_decided_in"),
           nullable=True),
    Column("created_at", DateTime(timezone=True), nullable=False),
    Index("ix_follow_ups_session_contribution", "session_id", "contribution_id", "id"),
    sqlite_autoincrement=True,
)

# Rate limits shared by the servers of one PostgreSQL store (migration 0009, UNLOGGED there):
# one token bucket per key, refilled from `updated`, the database's clock in seconds. SQLite's
# one server keeps its buckets in memory (palabre.server.limits).
rate_buckets = Table(
    "rate_buckets",
    metadata,
    Column("key", String(200), primary_key=True),
    Column("tokens", Float, nullable=False),
    Column("updated", Float, nullable=False),
)
