"""A full room answering at once: N simulated phones (default 300) through the real server.

Starts the real server (launcher, JSON mode) on 127.0.0.1 with a temporary SQLite store,
creates a session, lets every phone join, then (a barrier) all phones send their answer within
the same second, each at its own moment (--spread 0: all in the same instant). Prints
answers/s, p50, p99, errors and acknowledgements, and checks the store holds exactly N new
rows. In the same run, the same client does the same HTTP exchange (same
routes, same body sizes, the XSRF cookie and check) against a bare tornado app in another
process, with no store: the ratio says what palabre's stack costs over tornado itself.

    python benchmarks/participants.py --participants 300 [--spread 1.0]

Targets: every answer acknowledged and stored once, no errors, p99 under 250 ms.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import secrets
import sqlite3
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import httpx
from palabre.exercises import builtin_formats

from palabre import simulate
from palabre.store import Store

READY_S = 90
TARGET_P99_S = 0.250


# --- the bare tornado app (run in its own process with --bare) ---------------------------
def bare_app(session_body: bytes):
    """The same three routes as palabre's participant API, answered from memory."""
    import tornado.web

    stored: dict[str, int] = {}

    class Session(tornado.web.RequestHandler):
        def get(self, _code):
            self.xsrf_token  # noqa: B018 - sets the _xsrf cookie, as palabre does
            self.set_header("Content-Type", "application/json; charset=UTF-8")
            self.write(session_body)

    class Participants(tornado.web.RequestHandler):
        def post(self, _code):
            body = json.loads(self.request.body)
            known = self.get_cookie("palabre_device") is not None
            self.set_cookie("palabre_device", self.get_cookie("palabre_device")
                            or secrets.token_hex(16), httponly=True, samesite="Lax")
            self.set_status(200 if known else 201)
            self.set_header("Content-Type", "application/json; charset=UTF-8")
            self.write(json.dumps({"id": 1, "role": body.get("role"),
                                   "table": body.get("table"), "lang": "fr"}))

    class Contributions(tornado.web.RequestHandler):
        def post(self, _code):
            body = json.loads(self.request.body)
            created = body["key"] not in stored
            row = stored.setdefault(body["key"], len(stored) + 1)
            self.set_status(201 if created else 200)
            self.set_header("Content-Type", "application/json; charset=UTF-8")
            self.write(json.dumps({"id": row, "phase": body.get("phase"), "created": created}))

    api = r"/palabre/api/sessions/([A-Z0-9]+)"
    return tornado.web.Application(
        [(api, Session), (api + "/participants", Participants),
         (api + "/contributions", Contributions)],
        xsrf_cookies=True, cookie_secret=secrets.token_hex(16))


def serve_bare(session_file: str) -> None:
    import socket

    import tornado.httpserver
    import tornado.ioloop

    server = tornado.httpserver.HTTPServer(bare_app(Path(session_file).read_bytes()))
    sock = socket.socket()
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    sock.bind(("127.0.0.1", 0))
    sock.listen(1024)
    sock.setblocking(False)
    server.add_sockets([sock])
    print(json.dumps({"local_url": f"http://127.0.0.1:{sock.getsockname()[1]}"}), flush=True)
    tornado.ioloop.IOLoop.current().start()


# --- the run --------------------------------------------------------------------------------
def start(command: list[str], workdir: Path, name: str) -> tuple[subprocess.Popen, dict]:
    """A server subprocess, waited for by its JSON ready line (never a fixed sleep)."""
    stderr = (workdir / f"{name}.stderr").open("wb")
    process = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=stderr, text=True,
                               cwd=workdir)
    deadline = time.monotonic() + READY_S
    for line in process.stdout:
        if line.startswith("{"):
            return process, json.loads(line)
        if time.monotonic() > deadline:
            break
    process.kill()
    sys.exit(f"{name} did not become ready:\n"
             + (workdir / f"{name}.stderr").read_text(errors="replace"))


def stop(process: subprocess.Popen) -> None:
    process.terminate()
    try:
        process.wait(timeout=30)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()


def cpu_seconds(pid: int) -> float:
    """CPU time a process has used (Linux /proc): unlike latency, unmoved by a busy machine."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return float("nan")
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def durable_commits_per_s(folder: Path, n: int = 200) -> float:
    """What this disk allows: one-row SQLite commits in WAL with synchronous=FULL, as the
    store makes them. Each waits for the disk, so it bounds answers/s without batching."""
    connection = sqlite3.connect(folder / "disk.sqlite", isolation_level=None)
    connection.execute("PRAGMA journal_mode=WAL")
    connection.execute("PRAGMA synchronous=FULL")
    connection.execute("CREATE TABLE t (id INTEGER PRIMARY KEY, body TEXT)")
    started = time.perf_counter()
    for _ in range(n):
        connection.execute("BEGIN")
        connection.execute("INSERT INTO t (body) VALUES (?)", ("x" * 200,))
        connection.execute("COMMIT")
    elapsed = time.perf_counter() - started
    connection.close()
    return n / elapsed


def measure(url: str, code: str, pid: int, args) -> tuple[simulate.SimulationResult, float]:
    """The run, and the server's CPU seconds per answer while the answers came in."""
    before: list[float] = []

    async def at_barrier() -> None:
        before.append(cpu_seconds(pid))

    result = asyncio.run(simulate.simulate(url, code, args.participants, seed=args.seed,
                                           answers_per_participant=args.answers,
                                           tables=max(1, args.participants // 8),
                                           before_answers=at_barrier,
                                           spread_s=args.spread))
    used = cpu_seconds(pid) - before[0]
    return result, used / max(1, result.acknowledged)


def line(name: str, result: simulate.SimulationResult, cpu: float) -> str:
    return (f"{name:<10} {result.acknowledged:>5}/{result.sent:<5} {len(result.errors):>6} "
            f"{result.answers_per_s:>10.0f} {result.p50 * 1000:>8.1f} "
            f"{result.p99 * 1000:>8.1f} {max(result.latencies, default=0) * 1000:>8.1f} "
            f"{result.retries:>7} {cpu * 1000:>13.2f}")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--participants", type=int, default=300)
    parser.add_argument("--answers", type=int, default=1, help="answers per phone")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--spread", type=float, default=1.0, metavar="SECONDS",
                        help="phones send within this many seconds after the barrier "
                             "(0: all at once); latency is from each phone's own send")
    parser.add_argument("--bare", metavar="SESSION_JSON", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.bare:
        serve_bare(args.bare)
        return 0

    expected = args.participants * args.answers
    with tempfile.TemporaryDirectory(prefix="palabre-bench-") as tmp:
        workdir = Path(tmp)
        db_url = f"sqlite:///{workdir / 'bench.sqlite'}"
        store = Store.open(db_url)
        session = store.create_session(builtin_formats()["reverse-brainstorm"],
                                       title="Banc d'essai : salle comble")
        process, info = start([sys.executable, "-m", "palabre.launcher", "--db", db_url,
                               "--host", "127.0.0.1", "--port", "0", "--json"],
                              workdir, "palabre")
        try:
            session_body = httpx.get(
                f"{info['local_url']}/palabre/api/sessions/{session.code}").content
            palabre_result, palabre_cpu = measure(info["local_url"], session.code,
                                                  info["pid"], args)
        finally:
            stop(process)
        rows = store.contributions(session, include_hidden=True)
        people = store.participants(session)
        store.close()

        disk = durable_commits_per_s(workdir)
        (workdir / "session.json").write_bytes(session_body)
        process, bare = start([sys.executable, str(Path(__file__).resolve()), "--bare",
                               str(workdir / "session.json")], workdir, "tornado")
        try:
            bare_result, bare_cpu = measure(bare["local_url"], session.code, process.pid,
                                            args)
        finally:
            stop(process)

    when = (f"each sent at its own moment within {args.spread:g} s" if args.spread > 0
            else "all sent at once")
    print(f"{args.participants} phones x {args.answers} answer(s), {when} after every phone "
          f"joined; session JSON {len(session_body)} bytes")
    print(f"{'server':<10} {'ack/sent':>11} {'errors':>6} {'answers/s':>10} {'p50 ms':>8} "
          f"{'p99 ms':>8} {'max ms':>8} {'retries':>7} {'server CPU ms':>13}")
    print(line("palabre", palabre_result, palabre_cpu))
    print(line("tornado", bare_result, bare_cpu))
    print(f"ratio palabre/tornado: p50 x{palabre_result.p50 / bare_result.p50:.2f}, "
          f"p99 x{palabre_result.p99 / bare_result.p99:.2f}, answers/s "
          f"x{palabre_result.answers_per_s / bare_result.answers_per_s:.2f}, server CPU per "
          f"answer x{palabre_cpu / bare_cpu:.2f}")
    print(f"machine: {os.cpu_count()} CPUs, load average {os.getloadavg()[0]:.2f} at the end; "
          f"disk: {disk:.0f} durable SQLite commits/s ({1000 / disk:.1f} ms each)")
    print(f"store: {len(rows)} answers from {len(people)} participants "
          f"(expected {expected} from {args.participants})")
    for error in palabre_result.errors[:5]:
        print("  palabre error:", error)

    checks = {
        "every answer acknowledged": palabre_result.acknowledged == expected,
        "no errors": not palabre_result.errors,
        "stored exactly once": len(rows) == expected and len(people) == args.participants,
        f"p99 under {TARGET_P99_S * 1000:.0f} ms": palabre_result.p99 < TARGET_P99_S,
    }
    for name, ok in checks.items():
        print(f"{'ok  ' if ok else 'FAIL'} {name}")
    return 0 if all(checks.values()) else 1


if __name__ == "__main__":
    sys.exit(main())
