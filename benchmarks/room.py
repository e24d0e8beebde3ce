"""A realistic room: N phones that follow the room (Server-Sent Events, or the page's 3-second
poll), answer within the timebox, then vote, with the projector's dashboard open (the real
one, workshops/audience.ipynb through Voilà in headless Chromium; --projector loop runs only
its loop reading the store).

The phones come from several client processes (--clients) speaking plain HTTP/1.1 over
asyncio streams, about 0.1 ms of client CPU a request, so the client is not what is measured
(one httpx client for 1,000 phones sends about 500 answers/s). Everything is on 127.0.0.1.
Steps, each bounded in time:

1. every phone joins (GET the state for the _xsrf cookie, POST participants) and opens its
   stream (or starts polling); then ``--idle`` seconds with nobody answering: the server's
   CPU and memory for N connected phones;
2. every phone answers the ideas phase, each at its own moment within ``--within`` seconds:
   acknowledgement p50/p99;
3. the facilitator moves to the vote (the actions API): the time until 50 %, 95 % and 100 % of
   the phones were told (the event on their stream, or their next poll);
4. every phone reads its ballot (its own order) and all vote at the same instant: throughput
   and the server's CPU per answer.

The same run then does the same exchange against a bare tornado app (the same routes and
bodies, XSRF, a stream fed from memory), to separate palabre's cost from the stack's, and
against the floor: those routes as jupyter_server handlers in palabre's jupyter_server
without palabre, what the server's own request pipeline costs before any work of palabre's.

    python benchmarks/room.py --phones 300
    python benchmarks/room.py --phones 1000 --clients 4
"""

from __future__ import annotations

import argparse
import asyncio
import json
import multiprocessing as mp
import os
import secrets
import sys
import tempfile
import time
from pathlib import Path
from urllib.parse import urlencode

from palabre.exercises import Exercise, Localized, Phase

from palabre.store import Store

sys.path.insert(0, str(Path(__file__).resolve().parent))
from participants import cpu_seconds, start, stop  # noqa: E402
from phones import client  # noqa: E402

MAX_PHONES = 2000
CHROMIUM = "/usr/bin/chromium"
STEP_S = 60.0  # no step waits longer than this


# --- the room's format ----------------------------------------------------------------------
def exercise() -> Exercise:
    L = Localized
    return Exercise(
        id="bench-room", title=L("Salle comble", "Full room"), question=L("Quoi ?", "What?"),
        phases=(Phase(id="ideas", kind="ideas", title=L("Vos idées", "Your ideas"),
                      prompt=L("Une idée", "One idea"), params={"max_chars": 280},
                      timebox_min=5),
                Phase(id="vote", kind="vote", title=L("Vote", "Vote"), prompt=L("Votez", "Vote"),
                      params={"source": "ideas", "dots": 3, "max_per_item": 3})))


# --- the bare tornado app: the same exchange from memory ----------------------------------------
def bare_routes(session_file: str, base, *, public: bool = False) -> list:
    """palabre's participant routes, answered from memory, with a stream and an action; each
    handler a subclass of `base` (tornado's RequestHandler, or jupyter_server's, then
    `public`: asking for no token, as palabre's phone routes)."""
    state = json.loads(Path(session_file).read_text())
    stored: dict[str, int] = {}
    changed = [asyncio.Event()]

    class Json(base):
        def answer(self, data, status=200):
            self.set_status(status)
            self.set_header("Content-Type", "application/json; charset=UTF-8")
            self.write(json.dumps(data))

    class Session(Json):
        def get(self, _code):
            self.xsrf_token  # noqa: B018
            self.answer(state)

    class Participants(Json):
        def post(self, _code):
            known = self.get_cookie("palabre_device")
            self.set_cookie("palabre_device", known or secrets.token_hex(16), httponly=True)
            self.answer({"id": 1, **json.loads(self.request.body)}, 200 if known else 201)

    class Contributions(Json):
        def post(self, _code):
            body = json.loads(self.request.body)
            created = body["key"] not in stored
            row = stored.setdefault(body["key"], len(stored) + 1)
            self.answer({"id": row, "phase": body.get("phase"), "created": created},
                        201 if created else 200)

    class Events(base):
        async def get(self, _code):
            self.set_header("Content-Type", "text/event-stream")
            while True:
                self.write(f"event: room\ndata: {json.dumps(state)}\n\n")
                await self.flush()
                await changed[0].wait()

    class Actions(Json):
        def check_xsrf_cookie(self):
            """The facilitator's token, not a cookie, as in palabre."""

        def post(self, _code):
            state["version"] += 1
            state["phase"] = {**state["phase"], "id": "vote", "kind": "vote",
                              "items": [{"id": str(n), "text": ""} for n in range(1, 16)]}
            changed[0].set()
            changed[0] = asyncio.Event()
            self.answer(state)

    if public:
        from jupyter_server.auth.decorator import allow_unauthenticated

        for handler in (Session, Participants, Contributions, Events, Actions):
            for method in ("get", "post"):
                if method in handler.__dict__:
                    setattr(handler, method, allow_unauthenticated(handler.__dict__[method]))
    api = r"/palabre/api/sessions/([A-Z0-9]+)"
    return [(api, Session), (api + "/participants", Participants),
            (api + "/contributions", Contributions), (api + "/events", Events),
            (api + "/actions", Actions)]


def serve_bare(session_file: str) -> None:
    """The bare routes on tornado alone."""
    import socket

    import tornado.httpserver
    import tornado.ioloop
    import tornado.web

    app = tornado.web.Application(bare_routes(session_file, tornado.web.RequestHandler),
                                  xsrf_cookies=True, cookie_secret=secrets.token_hex(16))
    server = tornado.httpserver.HTTPServer(app)
    sock = socket.socket()
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    sock.bind(("127.0.0.1", 0))
    sock.listen(4096)
    sock.setblocking(False)
    server.add_sockets([sock])
    print(json.dumps({"local_url": f"http://127.0.0.1:{sock.getsockname()[1]}",
                      "pid": os.getpid()}), flush=True)
    tornado.ioloop.IOLoop.current().start()


def serve_floor(session_file: str) -> None:
    """The same bare routes as jupyter_server handlers, in palabre's jupyter_server set up as
    palabre sets it up (Voilà, its settings, its request log and metrics, logged as palabre's
    handlers log) but without palabre: what the server's own pipeline costs a request, which
    no work of palabre's can go under."""
    from jupyter_server.base.handlers import JupyterHandler
    from jupyter_server.serverapp import ServerApp

    from palabre.launcher import server_config
    from palabre.server.handlers.base import QuietSuccesses

    config = server_config(host="127.0.0.1", port=0, token=secrets.token_urlsafe(24))
    config.ServerApp.jpserver_extensions = {**config.ServerApp.jpserver_extensions,
                                            "palabre.server": False}
    app = ServerApp(config=config)
    app.initialize(argv=[])
    # palabre's handlers log a success as this one does: its metrics only, debug being off.
    handler = type("Floor", (QuietSuccesses, JupyterHandler), {})
    app.web_app.add_handlers(".*$", bare_routes(session_file, handler, public=True))
    app.io_loop.add_callback(lambda: print(json.dumps(
        {"local_url": f"http://127.0.0.1:{app.port}", "pid": os.getpid()}), flush=True))
    app.start()


# --- the projector: the dashboard's loop, reading the store (its own process) -------------------
def projector(db_url: str, code: str, until: float) -> None:
    """What the audience view does: a cheap watermark twice a second, the phase's result
    computed again whenever it moved."""
    from palabre import synthesis

    store = Store.open(db_url)
    seen = None
    while time.time() < until:
        session = store.session(code)
        mark = store.watermark(session)
        if mark != seen:
            seen = mark
            snap = synthesis.snapshot(store, code)
            synthesis.phase_result(snap, session.phase,
                                   lambda n, s=session: store.board(s, n))
        time.sleep(0.5)


def dashboard(url: str, ready, stop) -> None:
    """The room's screen in headless Chromium, in a process of its own whose loop keeps
    serving the browser's driver until `stop` is set; `ready` is told once it shows."""
    from playwright.async_api import async_playwright

    async def show() -> None:
        async with async_playwright() as playwright:
            browser = await playwright.chromium.launch(
                executable_path=CHROMIUM, headless=True,
                args=["--no-sandbox", "--disable-gpu", "--no-first-run"])
            page = await browser.new_page(viewport={"width": 1920, "height": 1080})
            await page.goto(url)
            await page.wait_for_selector(".palabre-audience-prompt",
                                         timeout=Projector.READY_S * 1000)
            ready.send(True)
            while not stop.is_set():
                await asyncio.sleep(0.2)
            await browser.close()

    asyncio.run(show())


class Projector:
    """The room's screen during the exchange: the real one (workshops/audience.ipynb through
    Voilà in headless Chromium, its kernel following the store as in a room), or its loop
    alone (--projector loop); each in a process of its own."""

    READY_S = 120

    def __init__(self, kind: str, db_url: str, code: str, info: dict):
        ctx = mp.get_context("spawn")
        self._stop = ctx.Event()
        if kind == "loop":
            self._process = ctx.Process(target=projector, daemon=True,
                                        args=(db_url, code, time.time() + 600))
            self._process.start()
            return
        url = (f"{info['local_url']}/voila/render/audience.ipynb?"
               f"{urlencode({'session': code, 'token': info['token']})}")
        mine, theirs = ctx.Pipe()
        self._process = ctx.Process(target=dashboard, args=(url, theirs, self._stop))
        self._process.start()
        if not mine.poll(self.READY_S):
            self.close()
            raise RuntimeError("the room's screen did not open in time")
        mine.recv()

    def close(self) -> None:
        self._stop.set()
        self._process.join(timeout=30)
        if self._process.is_alive():
            self._process.terminate()


# The server under cProfile, its profile written when it stops (the benchmark's SIGTERM).
PROFILED = """
import cProfile, runpy, sys
out = sys.argv.pop(1)
sys.argv[0] = "palabre.launcher"
profile = cProfile.Profile()
profile.enable()
try:
    runpy.run_module("palabre.launcher", run_name="__main__")
finally:
    profile.disable()
    profile.dump_stats(out)
"""


# --- the controller -----------------------------------------------------------------------------
def rss_mb(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return float("nan")


def pct(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(q * len(ordered)))] if ordered else float("nan")


def gather(pipes, tag: str, within: float = STEP_S) -> list:
    """What every client process reports for one step, each within the step's time."""
    found = []
    deadline = time.monotonic() + within
    for pipe in pipes:
        if not pipe.poll(max(0.1, deadline - time.monotonic())):
            raise RuntimeError(f"a client did not report {tag} in time")
        got, value = pipe.recv()
        assert got == tag, (got, tag)
        found.append(value)
    return found


def exchange(url: str, pid: int, code: str, act, args) -> dict:
    """The four steps against one server; its figures."""
    share = [args.phones // args.clients + (i < args.phones % args.clients)
             for i in range(args.clients)]
    pipes, procs, first = [], [], 0
    ctx = mp.get_context("spawn")
    for count in share:
        mine, theirs = ctx.Pipe()
        proc = ctx.Process(target=client, args=(first, count, url, code, args.mode, theirs))
        proc.start()
        pipes.append(mine)
        procs.append(proc)
        first += count
    out: dict = {"rss_before": rss_mb(pid)}
    try:
        gather(pipes, "joined")
        if args.mode == "poll":
            for pipe in pipes:
                pipe.send(("poll", time.time() + STEP_S * 3))
            gather(pipes, "polling")
        cpu, started = cpu_seconds(pid), time.monotonic()
        time.sleep(args.idle)
        out["idle_cpu"] = (cpu_seconds(pid) - cpu) / (time.monotonic() - started)
        out["rss"] = rss_mb(pid)

        at = time.time() + 0.5
        for pipe in pipes:
            pipe.send(("answer", (at, args.within)))
        latencies = [x for sent in gather(pipes, "answered") for x in sent]
        acked = [x for x in latencies if x is not None]
        out["answers"] = (len(acked), len(latencies))
        out["ack_p50"], out["ack_p99"] = pct(acked, 0.5), pct(acked, 0.99)

        moved = time.time()
        act()
        for pipe in pipes:
            pipe.send(("moved", STEP_S / 2))
        told = [t - moved for seen in gather(pipes, "moved") for t in seen if t is not None]
        out["told"] = len(told)
        out["reach50"], out["reach95"] = pct(told, 0.5), pct(told, 0.95)
        out["reach100"] = max(told) if len(told) == args.phones else float("inf")

        for pipe in pipes:
            pipe.send(("ballots", None))
        gather(pipes, "ballots")
        cpu = cpu_seconds(pid)
        at = time.time() + 0.5
        for pipe in pipes:
            pipe.send(("vote", at))
        votes = [x for sent in gather(pipes, "voted") for x in sent]
        acked = [x for x in votes if x is not None]
        out["votes"] = (len(acked), len(votes))
        out["vote_p50"], out["vote_p99"] = pct(acked, 0.5), pct(acked, 0.99)
        out["vote_rate"] = len(acked) / max(acked, default=1)
        out["vote_cpu"] = (cpu_seconds(pid) - cpu) / max(1, len(acked))
        for pipe in pipes:
            pipe.send(("stop", None))
        gather(pipes, "stopped")
    finally:
        for proc in procs:
            proc.join(timeout=10)
            if proc.is_alive():
                proc.terminate()
    return out


def from_memory(flag: str, name: str, work: Path, code: str, args) -> dict:
    """The same exchange against the routes answered from memory (serve_bare, serve_floor)."""
    import httpx

    proc, info = start([sys.executable, str(Path(__file__).resolve()), flag,
                        str(work / "state.json")], work, name)
    try:
        laptop = httpx.Client(base_url=info["local_url"], timeout=30)
        return exchange(info["local_url"], info["pid"], code,
                        lambda: laptop.post(f"/palabre/api/sessions/{code}/actions",
                                            json={"action": "advance"}).raise_for_status(),
                        args)
    finally:
        stop(proc)


def report(name: str, r: dict) -> str:
    ms = 1000
    return (f"{name:<8} {r['answers'][0]:>5}/{r['answers'][1]:<5} {r['ack_p50'] * ms:>7.1f} "
            f"{r['ack_p99'] * ms:>7.1f} {r['told']:>6} {r['reach50'] * ms:>7.0f} "
            f"{r['reach95'] * ms:>7.0f} {r['reach100'] * ms:>7.0f} "
            f"{r['votes'][0]:>5}/{r['votes'][1]:<5} {r['vote_p99'] * ms:>7.0f} "
            f"{r['vote_rate']:>7.0f} {r['vote_cpu'] * ms:>6.2f} {r['idle_cpu'] * 100:>6.2f} "
            f"{r['rss'] - r['rss_before']:>+7.0f}")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--phones", type=int, default=300)
    parser.add_argument("--clients", type=int, default=0, help="client processes "
                        "(default: one per 250 phones, at least 2)")
    parser.add_argument("--mode", choices=("listen", "poll"), default="listen")
    parser.add_argument("--within", type=float, default=2.0, help="answers spread over")
    parser.add_argument("--idle", type=float, default=10.0, help="seconds of quiet room")
    parser.add_argument("--projector", choices=("voila", "loop"), default="voila",
                        help="the room's screen: the real dashboard in headless Chromium "
                        "(default), or its store-reading loop alone")
    parser.add_argument("--profile", metavar="FILE", help="write palabre's server profile "
                        "(cProfile, the whole run) to FILE when it stops")
    parser.add_argument("--bare", help=argparse.SUPPRESS)
    parser.add_argument("--floor", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.bare:
        serve_bare(args.bare)
        return 0
    if args.floor:
        serve_floor(args.floor)
        return 0
    if not 1 <= args.phones <= MAX_PHONES:
        sys.exit(f"--phones must be 1 to {MAX_PHONES}")
    args.clients = args.clients or max(2, -(-args.phones // 250))

    import httpx

    with tempfile.TemporaryDirectory(prefix="palabre-room-") as tmp:
        work = Path(tmp)
        db_url = f"sqlite:///{work / 'room.sqlite'}"
        store = Store.open(db_url)
        session = store.create_session(exercise(), title="Banc d'essai : salle comble")
        # Every phone comes from 127.0.0.1 here: the limits per address (new participants,
        # joins) would take the whole room for one flooding phone.
        os.environ.update(PALABRE_IDENTITY_RATE="0", PALABRE_DEVICE_RATE="100000")
        launch = ["-m", "palabre.launcher"]
        if args.profile:
            launch = ["-c", PROFILED, str(Path(args.profile).resolve())]
        server, info = start([sys.executable, *launch, "--db", db_url, "--host", "127.0.0.1",
                              "--port", "0", "--json"], work, "palabre")
        wall = Projector(args.projector, db_url, session.code, info)
        laptop = httpx.Client(base_url=info["local_url"], timeout=30,
                              headers={"Authorization": f"token {info['token']}"})
        state = laptop.get(f"/palabre/api/sessions/{session.code}").json()

        def advance() -> None:
            laptop.post(f"/palabre/api/sessions/{session.code}/actions",
                        json={"action": "advance"}).raise_for_status()

        try:
            palabre = exchange(info["local_url"], info["pid"], session.code, advance, args)
        finally:
            wall.close()
            stop(server)
        rows = store.contributions(session)
        people = store.participants(session)
        store.close()

        (work / "state.json").write_text(json.dumps(state))
        bare_result = from_memory("--bare", "tornado", work, session.code, args)
        floor = from_memory("--floor", "floor", work, session.code, args)

    print(f"{args.phones} phones ({args.mode}) from {args.clients} client processes; answers "
          f"within {args.within:g} s, votes all at once; {os.cpu_count()} CPUs, load average "
          f"{os.getloadavg()[0]:.2f} at the end")
    print(f"{'server':<8} {'answers':>11} {'p50 ms':>7} {'p99 ms':>7} {'told':>6} "
          f"{'50% ms':>7} {'95% ms':>7} {'100% ms':>7} {'votes':>11} {'p99 ms':>7} "
          f"{'votes/s':>7} {'CPU ms':>6} {'idle %':>6} {'+RSS MB':>7}")
    print(report("palabre", palabre))
    print(report("tornado", bare_result))
    print(report("floor", floor))
    print("(CPU ms: the server's CPU per vote; idle %: of one core, every phone connected "
          "and nobody answering; +RSS: the server's memory then, over what it used before "
          f"the phones came: palabre {palabre['rss_before']:.0f} MB, tornado "
          f"{bare_result['rss_before']:.0f} MB; floor: tornado's routes as jupyter_server "
          "handlers in palabre's jupyter_server without palabre)")
    rate = palabre["vote_rate"] / bare_result["vote_rate"]
    cpu = palabre["vote_cpu"] / bare_result["vote_cpu"]
    for name, other in (("tornado", bare_result), ("floor", floor)):
        print(f"ratio palabre/{name}: votes/s x{palabre['vote_rate'] / other['vote_rate']:.2f}, "
              f"CPU per vote x{palabre['vote_cpu'] / other['vote_cpu']:.2f}, reach 95 % "
              f"x{palabre['reach95'] / max(other['reach95'], 1e-6):.2f}")
    print(f"ratio floor/tornado: votes/s x{floor['vote_rate'] / bare_result['vote_rate']:.2f}, "
          f"CPU per vote x{floor['vote_cpu'] / bare_result['vote_cpu']:.2f}")
    expected = args.phones * 2
    print(f"store: {len(rows)} answers from {len(people)} participants (expected {expected} "
          f"from {args.phones})")
    checks = {
        "every answer and vote stored once": len(rows) == expected
        and len(people) == args.phones,
        "a phase change reaches 95 % of phones within 1 s": palabre["reach95"] < 1.0,
        "idle phones cost under 5 % of a core": palabre["idle_cpu"] < 0.05,
        "idle phones cost under 100 MB": palabre["rss"] - palabre["rss_before"] < 100,
        f"answers within {args.within:g} s: p99 under 250 ms": palabre["ack_p99"] < 0.25,
        "votes at once: throughput at least 0.8x tornado's": rate >= 0.8,
        "votes at once: CPU per vote at most 2x tornado's": cpu <= 2.0,
    }
    for name, ok in checks.items():
        print(f"{'ok  ' if ok else 'FAIL'} {name}")
    return 0 if all(checks.values()) else 1


if __name__ == "__main__":
    sys.exit(main())
