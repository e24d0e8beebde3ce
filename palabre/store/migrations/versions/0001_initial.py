"""The first schema: sessions, participants, contributions.

Revision ID: 0001
Revises:
Create Date: 2026-11-23
"""

import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "sessions",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("code", sa.String(16), nullable=False, unique=True),
        sa.Column("exercise_id", sa.String(64), nullable=False),
        sa.Column("exercise", sa.JSON, nullable=False),
        sa.Column("title", sa.String(200), nullable=False),
        sa.Column("place", sa.String(200), nullable=False),
        sa.Column("held_on", sa.String(10), nullable=True),
        sa.Column("facilitator", sa.String(200), nullable=False),
        sa.Column("lang", sa.String(8), nullable=False),
        sa.Column("forum", sa.String(200), nullable=True, index=True),
        sa.Column("state", sa.JSON, nullable=False),
        sa.Column("version", sa.Integer, nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sqlite_autoincrement=True,
    )
    op.create_table(
        "participants",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("session_id", sa.Integer, sa.ForeignKey("sessions.id", ondelete="CASCADE"),
                  nullable=False),
        sa.Column("device_key", sa.String(64), nullable=False),
        sa.Column("role", sa.String(16), nullable=True),
        sa.Column("table_label", sa.String(60), nullable=True),
        sa.Column("lang", sa.String(8), nullable=True),
        sa.Column("channel", sa.String(8), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.UniqueConstraint("session_id", "device_key", name="uq_participant_device"),
        sqlite_autoincrement=True,
    )
    op.create_table(
        "contributions",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("session_id", sa.Integer, sa.ForeignKey("sessions.id", ondelete="CASCADE"),
                  nullable=False),
        sa.Column("participant_id", sa.Integer, sa.ForeignKey("participants.id"),
                  nullable=True),
        sa.Column("phase_id", sa.String(64), nullable=False),
        sa.Column("kind", sa.String(16), nullable=False),
        sa.Column("body", sa.JSON, nullable=False),
        sa.Column("text", sa.Text, nullable=True),
        sa.Column("channel", sa.String(8), nullable=False),
        sa.Column("idempotency_key", sa.String(64), nullable=False),
        sa.Column("hidden", sa.Boolean, nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.UniqueConstraint("session_id", "idempotency_key", name="uq_contribution_key"),
        sqlite_autoincrement=True,
    )
    op.create_index("ix_contributions_session_id_id", "contributions", ["session_id", "id"])
    op.create_index("ix_contributions_session_phase", "contributions",
                    ["session_id", "phase_id"])


def downgrade() -> None:
    op.drop_table("contributions")
    op.drop_table("participants")
    op.drop_table("sessions")
