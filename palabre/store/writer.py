"""Group commit: answers that arrive together share one transaction and one flush to disk.

A room answers in bursts ("you have two minutes": 300 phones within a second). Each commit
of SQLite in synchronous=FULL waits for the disk, and one at a time they queue up behind each
other on the server's only thread. The writer takes every answer waiting, writes them in one
transaction on its own thread, and acknowledges each only after that commit returned, so
nothing acknowledged is lost and a burst costs a few flushes instead of hundreds.
"""

from __future__ import annotations

import asyncio
from concurrent.futures import ThreadPoolExecutor
from typing import Any

from .store import Contribution, Store


class GroupCommit:
    def __init__(self, store: Store, max_batch: int = 500):
        self.store = store
        self.max_batch = max_batch
        self.batches = 0  # how many commits served how many answers: for benchmarks and tests
        self.written = 0
        self._waiting: list[tuple[dict[str, Any], asyncio.Future]] = []
        self._draining = False
        self._thread = ThreadPoolExecutor(max_workers=1, thread_name_prefix="palabre-writer")

    async def write(self, answer: dict[str, Any]) -> tuple[Contribution, bool]:
        """Store one answer (contribute()'s arguments); returns once it is committed."""
        loop = asyncio.get_running_loop()
        done = loop.create_future()
        self._waiting.append((answer, done))
        if not self._draining:
            self._draining = True
            loop.create_task(self._drain())
        return await done

    async def _drain(self) -> None:
        loop = asyncio.get_running_loop()
        try:
            while self._waiting:
                batch = self._waiting[:self.max_batch]
                del self._waiting[:self.max_batch]
                answers = [answer for answer, _ in batch]
                try:
                    results = await loop.run_in_executor(self._thread,
                                                         self.store.contribute_many, answers)
                except Exception as error:  # the whole transaction failed: nobody is acked
                    for _, done in batch:
                        if not done.done():
                            done.set_exception(error)
                    continue
                self.batches += 1
                self.written += len(batch)
                for (_, done), result in zip(batch, results, strict=True):
                    if done.done():
                        continue
                    if isinstance(result, Exception):
                        done.set_exception(result)
                    else:
                        done.set_result(result)
        finally:
            self._draining = False

    def close(self) -> None:
        self._thread.shutdown(wait=True)
