"""Follow-ups (« droit de suite »): what became of each proposal, every change kept; and the
series a session belongs to (a committee that meets again).

Revision ID: 0006
Revises: 0005
Create Date: 2026-12-01
"""

import sqlalchemy as sa
from alembic import op

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.add_column("sessions", sa.Column("series", sa.String(200), nullable=True))
    op.create_index("ix_sessions_series", "sessions", ["series"])
    op.create_table(
        "follow_ups",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("session_id", sa.Integer,
                  sa.ForeignKey("sessions.id", ondelete="CASCADE", name="fk_follow_up_session"),
                  nullable=False),
        sa.Column("contribution_id", sa.Integer,
                  sa.ForeignKey("contributions.id", ondelete="CASCADE",
                                name="fk_follow_up_contribution"),
                  nullable=False),
        sa.Column("status", sa.String(16), nullable=False),
        sa.Column("reason", sa.Text, nullable=False),
        sa.Column("owner", sa.String(200), nullable=False),
        sa.Column("due_on", sa.String(10), nullable=True),
        sa.Column("note", sa.Text, nullable=False),
        sa.Column("decided_in", sa.Integer,
                  sa.ForeignKey("sessions.id", ondelete="SET NULL",
                                name="fk_follow_up_decided_in"),
                  nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sqlite_autoincrement=True,
    )
    op.create_index("ix_follow_ups_session_contribution", "follow_ups",
                    ["session_id", "contribution_id", "id"])


def downgrade() -> None:
    op.drop_index("ix_follow_ups_session_contribution", table_name="follow_ups")
    op.drop_table("follow_ups")
    op.drop_index("ix_sessions_series", table_name="sessions")
    # Never a batch copy of sessions on SQLite: dropping the old table with foreign keys on
    # would cascade to every workshop's rows. SQLite 3.35+ drops a column in place.
    op.drop_column("sessions", "series")
