"""A workshop's identity across stores: ``sessions.uid``, drawn once when the workshop is made.

A code is unique in one store only: two laptops may both hold a workshop ABCDE. An archive
carries the uid, so an import knows a later archive of the same workshop from another
workshop that happens to share its code. Workshops already stored each get a uid of their own.

Revision ID: 0008
Revises: 0005
Create Date: 2026-12-01
"""

import uuid

import sqlalchemy as sa
from alembic import op

revision = "0008"
down_revision = "0005"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.add_column("sessions", sa.Column("uid", sa.String(32), nullable=True))
    bind = op.get_bind()
    table = sa.table("sessions", sa.column("id", sa.Integer), sa.column("uid", sa.String))
    for (session_id,) in bind.execute(sa.select(table.c.id)).all():
        bind.execute(table.update().where(table.c.id == session_id)
                     .values(uid=uuid.uuid4().hex))
    with op.batch_alter_table("sessions") as batch:
        batch.alter_column("uid", existing_type=sa.String(32), nullable=False)
    op.create_index("uq_session_uid", "sessions", ["uid"], unique=True)


def downgrade() -> None:
    op.drop_index("uq_session_uid", table_name="sessions")
    with op.batch_alter_table("sessions") as batch:
        batch.drop_column("uid")
