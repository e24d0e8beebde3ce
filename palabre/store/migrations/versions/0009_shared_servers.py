"""Several servers on one PostgreSQL store: shared rate limits, and a change told at once.

`rate_buckets` holds one token bucket per key (a phone, a room, an address), so a phone
answering through two servers spends one budget. On PostgreSQL it is UNLOGGED: counters need
not survive a crash, and a write to them does not wait for the disk. A trigger tells every
server (LISTEN palabre_sessions) the code of a session whose version moved, whichever process
moved it. SQLite has one server: the table exists there, unused, and no trigger.

Revision ID: 0009
Revises: 0005
Create Date: 2026-12-01
"""

import sqlalchemy as sa
from alembic import op

revision = "0009"
down_revision = "0005"
branch_labels = None
depends_on = None

NOTIFY_FUNCTION = """
CREATE OR REPLACE FUNCTION palabre_session_changed() RETURNS trigger AS $$
BEGIN
    IF NEW.version IS DISTINCT FROM OLD.version THEN
        PERFORM pg_notify('palabre_sessions', NEW.code);
    END IF;
    RETURN NULL;
END
$$ LANGUAGE plpgsql
"""


def upgrade() -> None:
    postgres = op.get_bind().dialect.name == "postgresql"
    op.create_table(
        "rate_buckets",
        sa.Column("key", sa.String(200), primary_key=True),
        sa.Column("tokens", sa.Float, nullable=False),
        sa.Column("updated", sa.Float, nullable=False),
        prefixes=["UNLOGGED"] if postgres else [],
    )
    if postgres:
        op.execute(NOTIFY_FUNCTION)
        op.execute("CREATE TRIGGER palabre_session_changed AFTER UPDATE ON sessions "
                   "FOR EACH ROW EXECUTE FUNCTION palabre_session_changed()")


def downgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        op.execute("DROP TRIGGER IF EXISTS palabre_session_changed ON sessions")
        op.execute("DROP FUNCTION IF EXISTS palabre_session_changed()")
    op.drop_table("rate_buckets")
