"""One phone flooding the room: does anyone else notice?

Starts the real server (the test fixture's launcher, SQLite in a temporary folder), lets
PHONES honest phones join and send one answer a second each, first alone (the baseline), then
while one more phone, in another process, sends answers back to back on one connection as
fast as the server answers. Prints the honest phones' p50/p99 in both phases, their ratio,
how many honest answers were refused, and what the flood got (accepted, 429).

    python benchmarks/flood.py --seconds 10 --phones 25

Targets: no honest answer refused; the honest p99 during the flood within 3x the baseline.
tests/server/test_flood.py runs the same measure for a few seconds.
"""

from __future__ import annotations

import argparse
import asyncio
import multiprocessing
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

import httpx

TARGET_RATIO = 3.0


@dataclass
class Phase:
    latencies: list[float] = field(default_factory=list)
    refused: int = 0
    errors: int = 0

    def quantile(self, q: float) -> float:
        ordered = sorted(self.latencies)
        return ordered[min(len(ordered) - 1, int(q * len(ordered)))] if ordered else 0.0


@dataclass
class Result:
    baseline: Phase
    flooded: Phase
    flood_sent: int
    flood_refused: int

    @property
    def ratio(self) -> float:
        return self.flooded.quantile(0.99) / max(self.baseline.quantile(0.99), 1e-6)

    def lines(self) -> list[str]:
        b, f = self.baseline, self.flooded
        return [
            f"honest, alone:     n={len(b.latencies)} p50={b.quantile(0.5) * 1000:.1f} ms "
            f"p99={b.quantile(0.99) * 1000:.1f} ms refused={b.refused} errors={b.errors}",
            f"honest, flooded:   n={len(f.latencies)} p50={f.quantile(0.5) * 1000:.1f} ms "
            f"p99={f.quantile(0.99) * 1000:.1f} ms refused={f.refused} errors={f.errors}",
            f"flood: {self.flood_sent} sent, {self.flood_refused} answered 429, "
            f"{self.flood_sent - self.flood_refused} accepted",
            f"p99 ratio flooded/alone: x{self.ratio:.2f} (target <= {TARGET_RATIO})",
        ]


def _flood(base_url: str, code: str, seconds: float, out) -> None:
    """The flooding phone (its own process): join, then answers back to back."""
    sent = refused = 0
    with httpx.Client(base_url=base_url, timeout=30) as device:
        device.get("/j")
        xsrf = device.cookies.get("_xsrf")
        headers = {"X-XSRFToken": xsrf}
        device.post(f"/palabre/api/sessions/{code}/participants", json={}, headers=headers)
        out.put("ready")
        deadline = time.monotonic() + seconds
        while time.monotonic() < deadline:
            response = device.post(f"/palabre/api/sessions/{code}/contributions",
                                   json={"answer": {"text": f"flot {sent}"},
                                         "key": f"flood-{sent:08d}"}, headers=headers)
            sent += 1
            refused += response.status_code == 429
    out.put((sent, refused))


async def _honest(clients: list[httpx.AsyncClient], code: str, seconds: float,
                  phase: Phase, tag: str) -> None:
    async def one(number: int, client: httpx.AsyncClient) -> None:
        start = time.monotonic() + number / len(clients)  # spread over the first second
        sent = 0
        while True:
            at = start + sent
            if at > start + seconds - 1:
                return
            await asyncio.sleep(max(0.0, at - time.monotonic()))
            began = time.perf_counter()
            try:
                response = await client.post(
                    f"/palabre/api/sessions/{code}/contributions",
                    json={"answer": {"text": f"idée {tag} {number} {sent}"},
                          "key": f"{tag}-{number:03d}-{sent:04d}"},
                    headers={"X-XSRFToken": client.cookies.get("_xsrf")})
            except httpx.HTTPError:
                phase.errors += 1
            else:
                if response.status_code == 201:
                    phase.latencies.append(time.perf_counter() - began)
                else:
                    phase.refused += 1
            sent += 1

    await asyncio.gather(*(one(i, c) for i, c in enumerate(clients)))


async def _phones(base_url: str, code: str, count: int) -> list[httpx.AsyncClient]:
    clients = []
    for _ in range(count):
        client = httpx.AsyncClient(base_url=base_url, timeout=30)
        await client.get("/j")
        response = await client.post(f"/palabre/api/sessions/{code}/participants", json={},
                                     headers={"X-XSRFToken": client.cookies.get("_xsrf")})
        response.raise_for_status()
        clients.append(client)
    return clients


def measure(base_url: str, code: str, *, seconds: float = 4, phones: int = 25) -> Result:
    """Baseline then flood, in one run against one server."""
    context = multiprocessing.get_context("spawn")
    out = context.Queue()
    baseline, flooded = Phase(), Phase()

    async def run():
        clients = await _phones(base_url, code, phones)
        try:
            await _honest(clients, code, seconds, baseline, "alone")
            flooder = context.Process(target=_flood, args=(base_url, code, seconds + 2, out))
            flooder.start()
            await asyncio.get_running_loop().run_in_executor(None, out.get, True, 60)
            await asyncio.sleep(0.5)  # the flood is under way
            await _honest(clients, code, seconds, flooded, "flooded")
            sent, refused = await asyncio.get_running_loop().run_in_executor(
                None, out.get, True, 60)
            flooder.join(10)
            return sent, refused
        finally:
            for client in clients:
                await client.aclose()

    sent, refused = asyncio.run(run())
    return Result(baseline, flooded, sent, refused)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=float, default=10)
    parser.add_argument("--phones", type=int, default=25)
    args = parser.parse_args()
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
    from tests.fixtures.server import start_server, stop_server

    with tempfile.TemporaryDirectory() as tmp:
        server = start_server(Path(tmp))
        try:
            session = server.new_session()
            result = measure(server.local_url, session.code, seconds=args.seconds,
                             phones=args.phones)
        finally:
            stop_server(server)
    print("\n".join(result.lines()))
    ok = (result.baseline.refused == result.flooded.refused == 0
          and result.ratio <= TARGET_RATIO)
    print("ok" if ok else "FAIL")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
