"""Kiosk numbers: a person at a shared tablet comes back as the same participant.

Kiosk people already stored are numbered in the order they started (their id), per session.

Revision ID: 0004
Revises: 0003
Create Date: 2026-12-01
"""

import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.add_column("participants", sa.Column("kiosk_number", sa.Integer, nullable=True))
    op.execute(
        "UPDATE participants SET kiosk_number = (SELECT count(*) FROM participants AS earlier "
        "WHERE earlier.session_id = participants.session_id AND earlier.channel = 'kiosk' "
        "AND earlier.id <= participants.id) WHERE channel = 'kiosk'")
    op.create_index("uq_participant_kiosk_number", "participants",
                    ["session_id", "kiosk_number"], unique=True)


def downgrade() -> None:
    op.drop_index("uq_participant_kiosk_number", table_name="participants")
    op.drop_column("participants", "kiosk_number")
