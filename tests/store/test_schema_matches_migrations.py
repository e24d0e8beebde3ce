"""The tables in schema.py are what the migrations build: Alembic's compare_metadata finds no
difference on a freshly migrated SQLite file and PostgreSQL database (every head applied)."""

from __future__ import annotations

import pytest
import sqlalchemy as sa
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from alembic.script import ScriptDirectory

from palabre.store import schema
from palabre.store.store import create_engine, migrate


def _differences(url: str) -> list:
    engine = create_engine(url)
    try:
        migrate(engine)
        with engine.connect() as conn:
            context = MigrationContext.configure(conn, opts={"compare_type": True,
                                                             "compare_server_default": False})
            return compare_metadata(context, schema.metadata)
    finally:
        engine.dispose()


@pytest.mark.parametrize("backend", ["sqlite", pytest.param("postgres",
                                                            marks=pytest.mark.postgres)])
def test_migrations_build_the_tables_of_schema(request, backend):
    url = request.getfixturevalue(f"{backend}_url")
    assert _differences(url) == []


def test_every_head_is_applied(sqlite_url):
    """Several heads (parallel migrations off the same parent) are all upgraded."""
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", "palabre.store:migrations")
    heads = set(ScriptDirectory.from_config(config).get_heads())
    engine = create_engine(sqlite_url)
    try:
        migrate(engine)
        with engine.connect() as conn:
            applied = set(MigrationContext.configure(conn).get_current_heads())
            tables = set(sa.inspect(conn).get_table_names())
    finally:
        engine.dispose()
    assert heads and applied == heads
    assert set(schema.metadata.tables) <= tables
