"""Campaigns: a national campaign groups regional forums and local debates.

A forum stays a name on its workshops (``sessions.forum``); a campaign lists the forums it
gathers, each with its region, and the local debates (workshops in no forum) it takes in.

Revision ID: 0007
Revises: 0005
Create Date: 2026-12-01
"""

import sqlalchemy as sa
from alembic import op

revision = "0007"
down_revision = "0005"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "campaigns",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("name", sa.String(200), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.UniqueConstraint("name", name="uq_campaign_name"),
        sqlite_autoincrement=True,
    )
    op.create_table(
        "campaign_members",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("campaign_id", sa.Integer,
                  sa.ForeignKey("campaigns.id", ondelete="CASCADE", name="fk_member_campaign"),
                  nullable=False),
        sa.Column("forum", sa.String(200), nullable=True),
        sa.Column("session_id", sa.Integer,
                  sa.ForeignKey("sessions.id", ondelete="CASCADE", name="fk_member_session"),
                  nullable=True),
        sa.Column("region", sa.String(100), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.UniqueConstraint("campaign_id", "forum", name="uq_campaign_forum"),
        sa.UniqueConstraint("campaign_id", "session_id", name="uq_campaign_workshop"),
        sa.CheckConstraint("(forum IS NULL) <> (session_id IS NULL)",
                           name="ck_member_forum_or_workshop"),
        sqlite_autoincrement=True,
    )


def downgrade() -> None:
    op.drop_table("campaign_members")
    op.drop_table("campaigns")
