"""Answer numbers: every answer gets a short number in its workshop (1, 2, 3...).

Store ids count across every workshop a store ever held (2338, 2339...), which overprint a
paper ballot and mean nothing to the room. Answers already stored are numbered in the order
they arrived (their id), per session.

Revision ID: 0005
Revises: 0004
Create Date: 2026-12-01
"""

import sqlalchemy as sa
from alembic import op

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.add_column("contributions", sa.Column("number", sa.Integer, nullable=True))
    op.execute(
        "UPDATE contributions SET number = (SELECT count(*) FROM contributions AS earlier "
        "WHERE earlier.session_id = contributions.session_id AND earlier.id <= contributions.id)")
    with op.batch_alter_table("contributions") as batch:
        batch.alter_column("number", existing_type=sa.Integer, nullable=False)
    op.create_index("uq_contribution_number", "contributions", ["session_id", "number"],
                    unique=True)


def downgrade() -> None:
    op.drop_index("uq_contribution_number", table_name="contributions")
    op.drop_column("contributions", "number")
