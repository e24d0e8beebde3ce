"""A central server: 20 rooms of 300 phones at once on one PostgreSQL store, served by one
palabre process, then by two sharing the store (the phones of each room split between them,
as a load balancer would), in the same run.

The phones are benchmarks/phones.py's (plain HTTP/1.1 over asyncio streams, each following
its room's Server-Sent Events), spread over several client processes (--clients) so the
client is not what is measured. For each setup, on a fresh database, bounded in time:

1. every phone joins its room and opens its stream;
2. every phone answers, each at its own moment within ``--within`` seconds: acknowledgement
   p50/p99;
3. every phone sends a second answer at the same instant: throughput (answers acknowledged
   per second) and the servers' CPU per answer;
4. the facilitator of each room moves to the vote through the first process, one room after
   the other: the time from a room's move until 95 % and 100 % of its phones were told, half
   of them by the other process when there are two (the store's NOTIFY).

The machine is shared: ``--repeat`` runs the two setups in turn and medians are reported.

    python benchmarks/rooms.py --db postgresql+psycopg://USER:PASSWORD@127.0.0.1/DB
"""

from __future__ import annotations

import argparse
import asyncio
import functools
import json
import multiprocessing as mp
import os
import random
import secrets
import statistics
import sys
import tempfile
import time
import uuid
from pathlib import Path

import sqlalchemy as sa

from palabre.store import Store

sys.path.insert(0, str(Path(__file__).resolve().parent))
from participants import cpu_seconds, start, stop  # noqa: E402
from phones import Phone  # noqa: E402
from room import exercise, pct  # noqa: E402
from room import gather as gather_within  # noqa: E402

STEP_S = 120.0  # no step waits longer than this
gather = functools.partial(gather_within, within=STEP_S)


# --- one client process: its share of the phones, each on its room and its server ----------
class RoomPhone(Phone):
    """A phone that, like a browser, opens a new connection when the server let its idle one
    go (after a minute of keep-alive: 6,000 phones take longer than that to join)."""

    def __init__(self, *args):
        super().__init__(*args)
        self.statuses: list[int] = []

    async def send(self, answer: dict, at: float) -> float | None:
        await asyncio.sleep(max(0.0, at - time.time()))
        body = json.dumps({"key": secrets.token_hex(16), "phase": self.phase,
                           "answer": answer}).encode()
        sent = time.perf_counter()
        try:
            status, _ = await self.http.request("POST", self.api + "/contributions", body)
        except (IndexError, OSError, asyncio.IncompleteReadError):
            self.http.close()
            await self.http.open()
            status, _ = await self.http.request("POST", self.api + "/contributions", body)
        self.statuses.append(status)
        return time.perf_counter() - sent if status in (200, 201) else None


def client(specs: list[tuple[int, str, str]], pipe) -> None:
    """Phones given as (number, server URL, room code), driven through `pipe`."""

    async def run() -> None:
        phones = []
        for n, url, code in specs:
            host, port = url.split("//")[1].rsplit(":", 1)
            phones.append(RoomPhone(n, host, int(port), code, random.Random(n)))
        for at in range(0, len(phones), 50):  # joins in waves, as people scan the QR code
            await asyncio.gather(*(p.join("listen") for p in phones[at:at + 50]))
        pipe.send(("joined", len(phones)))
        loop = asyncio.get_running_loop()
        while True:
            order, value = await loop.run_in_executor(None, pipe.recv)
            if order == "answer":
                start_at, within = value
                rng = random.Random(specs[0][0])
                sent = await asyncio.gather(*(
                    p.send({"text": f"Idée n° {p.n} : ouvrir le guichet le samedi"},
                           start_at + rng.random() * within) for p in phones))
                pipe.send(("answered", sent))
            elif order == "burst":
                sent = await asyncio.gather(*(
                    p.send({"text": f"Deuxième idée n° {p.n}"}, value) for p in phones))
                pipe.send(("burst", [(time.time(), x) for x in sent]))
            elif order == "moved":
                deadline = time.time() + value
                while time.time() < deadline and not all("vote" in p.moved_at for p in phones):
                    await asyncio.sleep(0.02)
                pipe.send(("moved", [(p.code, p.moved_at.get("vote")) for p in phones]))
            elif order == "stop":
                for p in phones:
                    p.http.close()
                    p.listen.close()
                pipe.send(("stopped", [s for p in phones for s in p.statuses]))
                return

    asyncio.run(run())


# --- a fresh database per setup -------------------------------------------------------------
class Database:
    def __init__(self, admin_url: str):
        self.admin = sa.create_engine(admin_url, isolation_level="AUTOCOMMIT")
        self.name = "palabre_rooms_" + uuid.uuid4().hex[:10]
        with self.admin.connect() as conn:
            conn.execute(sa.text(f'CREATE DATABASE "{self.name}"'))
        self.url = sa.engine.make_url(admin_url).set(database=self.name).render_as_string(
            hide_password=False)

    def drop(self) -> None:
        with self.admin.connect() as conn:
            conn.execute(sa.text(f'DROP DATABASE IF EXISTS "{self.name}" WITH (FORCE)'))
        self.admin.dispose()


def setup(admin_url: str, servers: int, args, work: Path) -> dict:
    """One setup on a fresh database: `servers` palabre processes, every room and phone."""
    import httpx

    db = Database(admin_url)
    store = Store.open(db.url)  # migrated before the servers start
    rooms = [store.create_session(exercise(), title=f"Forum {r + 1}").code
             for r in range(args.rooms)]
    procs, infos = [], []
    out: dict = {"servers": servers}
    try:
        for s in range(servers):
            proc, info = start([sys.executable, "-m", "palabre.launcher", "--db", db.url,
                                "--host", "127.0.0.1", "--port", "0", "--json"], work,
                               f"palabre-{servers}-{s}")
            procs.append(proc)
            infos.append(info)
        specs = [(r * args.phones + i, infos[i % servers]["local_url"], code)
                 for r, code in enumerate(rooms) for i in range(args.phones)]
        random.Random(0).shuffle(specs)  # each client holds phones of every room
        shares = [specs[c::args.clients] for c in range(args.clients)]
        ctx = mp.get_context("spawn")
        pipes, clients = [], []
        for share in shares:
            mine, theirs = ctx.Pipe()
            proc = ctx.Process(target=client, args=(share, theirs))
            proc.start()
            pipes.append(mine)
            clients.append(proc)
        try:
            begun = time.monotonic()
            gather(pipes, "joined")
            out["join_s"] = time.monotonic() - begun

            at = time.time() + 0.5
            for pipe in pipes:
                pipe.send(("answer", (at, args.within)))
            sent = [x for got in gather(pipes, "answered") for x in got]
            acked = [x for x in sent if x is not None]
            out["answers"] = (len(acked), len(sent))
            out["ack_p50"], out["ack_p99"] = pct(acked, 0.5), pct(acked, 0.99)

            pids = [info["pid"] for info in infos]
            cpu = sum(cpu_seconds(pid) for pid in pids)
            client_cpu = sum(cpu_seconds(c.pid) for c in clients)
            at = time.time() + 0.5
            for pipe in pipes:
                pipe.send(("burst", at))
            burst = [x for got in gather(pipes, "burst") for x in got]
            done = [(when, x) for when, x in burst if x is not None]
            out["burst"] = (len(done), len(burst))
            out["burst_rate"] = len(done) / max(when - at for when, _ in done)
            out["burst_p50"] = pct([x for _, x in done], 0.5)
            out["burst_p99"] = pct([x for _, x in done], 0.99)
            out["cpu_per_answer"] = (sum(cpu_seconds(pid) for pid in pids) - cpu) / len(done)
            out["client_cpu"] = (sum(cpu_seconds(c.pid) for c in clients) - client_cpu
                                 ) / len(done)

            moved = {}  # when each room's facilitator moved (the request sent)
            with httpx.Client(base_url=infos[0]["local_url"], timeout=30, headers={
                    "Authorization": f"token {infos[0]['token']}"}) as laptop:
                for code in rooms:
                    moved[code] = time.time()
                    laptop.post(f"/palabre/api/sessions/{code}/actions",
                                json={"action": "advance"}).raise_for_status()
            for pipe in pipes:
                pipe.send(("moved", STEP_S / 4))
            told = [t - moved[code] for got in gather(pipes, "moved") for code, t in got
                    if t is not None]
            out["told"] = len(told)
            out["reach95"] = pct(told, 0.95)
            out["reach100"] = max(told) if len(told) == len(specs) else float("inf")
            for pipe in pipes:
                pipe.send(("stop", None))
            statuses = [s for got in gather(pipes, "stopped") for s in got]
            out["refused"] = {s: statuses.count(s) for s in set(statuses) - {200, 201}}
        finally:
            for proc in clients:
                proc.join(timeout=10)
                if proc.is_alive():
                    proc.terminate()
    finally:
        for proc in procs:
            stop(proc)
        with store.engine.connect() as conn:
            out["stored"] = conn.execute(sa.text("SELECT count(*) FROM contributions")).scalar()
            out["people"] = conn.execute(sa.text("SELECT count(*) FROM participants")).scalar()
        store.close()
        db.drop()
    return out


def report(r: dict) -> str:
    ms = 1000
    return (f"{r['servers']:>7} {r['join_s']:>6.1f} {r['answers'][0]:>5}/{r['answers'][1]:<5} "
            f"{r['ack_p50'] * ms:>7.0f} {r['ack_p99'] * ms:>7.0f} "
            f"{r['burst'][0]:>5}/{r['burst'][1]:<5} {r['burst_p99'] * ms:>7.0f} "
            f"{r['burst_rate']:>8.0f} {r['cpu_per_answer'] * ms:>6.2f} "
            f"{r['client_cpu'] * ms:>6.2f} {r['reach95'] * ms:>7.0f} {r['reach100'] * ms:>7.0f}")


HEADER = (f"{'servers':>7} {'join s':>6} {'answers':>11} {'p50 ms':>7} {'p99 ms':>7} "
          f"{'at once':>11} {'p99 ms':>7} {'answ/s':>8} {'CPU ms':>6} {'cli ms':>6} "
          f"{'95% ms':>7} {'100% ms':>7}")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--db", default=os.environ.get("PALABRE_TEST_POSTGRES"),
                        help="a PostgreSQL URL whose user may create databases (default: "
                        "PALABRE_TEST_POSTGRES)")
    parser.add_argument("--rooms", type=int, default=20)
    parser.add_argument("--phones", type=int, default=300, help="phones per room")
    parser.add_argument("--clients", type=int, default=4, help="client processes")
    parser.add_argument("--within", type=float, default=20.0, help="answers spread over")
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    if not args.db or not args.db.startswith("postgresql"):
        sys.exit("--db must be a PostgreSQL URL (or set PALABRE_TEST_POSTGRES)")
    os.environ["PALABRE_IDENTITY_RATE"] = "0"  # every phone comes from 127.0.0.1
    runs: dict[int, list[dict]] = {1: [], 2: []}
    with tempfile.TemporaryDirectory(prefix="palabre-rooms-") as tmp:
        for n in range(args.repeat):
            for servers in ((1, 2) if n % 2 == 0 else (2, 1)):
                runs[servers].append(setup(args.db, servers, args, Path(tmp)))
                print(report(runs[servers][-1]), runs[servers][-1]["refused"] or "", flush=True)
    print(f"{args.rooms} rooms x {args.phones} phones, {args.clients} client processes, "
          f"answers within {args.within:g} s then all at once; {os.cpu_count()} CPUs, load "
          f"average {os.getloadavg()[0]:.2f} at the end; medians of {args.repeat} runs")
    print(HEADER)
    medians = {}
    for servers, found in runs.items():
        medians[servers] = {k: (statistics.median(r[k] for r in found)
                                if isinstance(found[0][k], float | int) else found[0][k])
                            for k in found[0]}
        print(report(medians[servers]))
    one, two = medians[1], medians[2]
    print("(p50/p99: acknowledgement of an answer; at once: every phone's second answer in "
          "the same instant; CPU ms: every palabre process's CPU per answer then, cli ms: the "
          "clients'; 95 %/100 %: phones told of the vote after their room moved, through "
          "the first process)")
    print(f"ratio two/one: throughput x{two['burst_rate'] / one['burst_rate']:.2f}, p99 "
          f"x{two['ack_p99'] / one['ack_p99']:.2f}, at-once p99 "
          f"x{two['burst_p99'] / one['burst_p99']:.2f}, CPU per answer "
          f"x{two['cpu_per_answer'] / one['cpu_per_answer']:.2f}")
    phones = args.rooms * args.phones
    every = all(r["stored"] == 2 * phones and r["people"] == phones
                for found in runs.values() for r in found)
    checks = {
        "every answer stored once, every phone joined once": every,
        "every phone told of the vote within 1 s (95 %)": max(
            r["reach95"] for found in runs.values() for r in found) < 1.0,
    }
    for name, ok in checks.items():
        print(f"{'ok  ' if ok else 'FAIL'} {name}")
    return 0 if all(checks.values()) else 1


if __name__ == "__main__":
    sys.exit(main())
