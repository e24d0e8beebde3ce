"""One head again, after follow-ups (0006), campaigns (0007), workshop uids (0008) and shared
servers (0009) grew side by side from 0005; and the version of a workshop as the last
archive imported into this store said it, so an older archive imported after a newer one
never undoes what the newer one brought (a hidden answer shown again, a board rolled back).

Revision ID: 0010
Revises: 0006, 0007, 0008, 0009
Create Date: 2026-12-01
"""

import sqlalchemy as sa
from alembic import op

revision = "0010"
down_revision = ("0006", "0007", "0008", "0009")
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.add_column("sessions", sa.Column("imported_version", sa.Integer, nullable=True))


def downgrade() -> None:
    op.drop_column("sessions", "imported_version")
