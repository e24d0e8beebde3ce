"""One server per SQLite store: the lock a second `palabre start` meets there
(palabre.server.guard); PostgreSQL stores are shared."""

from __future__ import annotations

import pytest

from palabre.server.guard import StoreInUse, StoreLock


def test_an_sqlite_store_is_held_by_one_process_at_a_time(sqlite_url):
    first = StoreLock(sqlite_url)
    with pytest.raises(StoreInUse):
        StoreLock(sqlite_url)
    first.release()
    StoreLock(sqlite_url).release()  # let go: the next server may start


def test_a_postgresql_store_is_shared_by_several_servers(postgres_server_url):
    # Their rate limits are counted in the store, and changes told through it.
    first = StoreLock(postgres_server_url)
    second = StoreLock(postgres_server_url)
    first.release()
    second.release()


def test_a_first_run_makes_the_folder_the_store_and_its_lock_will_live_in(tmp_path):
    # `make run` on a new machine: the data folder does not exist yet.
    url = f"sqlite:///{tmp_path / 'not' / 'yet' / 'palabre.sqlite'}"
    StoreLock(url).release()
    assert (tmp_path / "not" / "yet").is_dir()
