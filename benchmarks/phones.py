"""The simulated phones of benchmarks/room.py: plain HTTP/1.1 over asyncio streams (about a
tenth of a millisecond of client CPU a request, so the client is not what is measured), a
share of the room per client process, driven by the controller through a pipe."""

from __future__ import annotations

import asyncio
import json
import random
import secrets
import time

POLL_S = 3.0  # the page's fallback poll


# --- a phone's HTTP, by hand: one keep-alive connection for requests, one for the stream -----
class Conn:
    def __init__(self, host: str, port: int):
        self.host, self.port = host, port
        self.reader = self.writer = None
        self.cookies: dict[str, str] = {}

    async def open(self) -> None:
        self.reader, self.writer = await asyncio.open_connection(self.host, self.port)

    def _head(self, method: str, path: str, extra: dict[str, str], body: bytes) -> bytes:
        headers = {"Host": f"{self.host}:{self.port}", "Accept-Language": "fr",
                   "Content-Length": str(len(body)), **extra}
        if self.cookies:
            headers["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        lines = [f"{method} {path} HTTP/1.1"] + [f"{k}: {v}" for k, v in headers.items()]
        return ("\r\n".join(lines) + "\r\n\r\n").encode() + body

    async def _status_and_headers(self) -> tuple[int, dict[str, str]]:
        status = int((await self.reader.readline()).split()[1])
        headers: dict[str, str] = {}
        while (line := await self.reader.readline()) not in (b"\r\n", b""):
            name, _, value = line.decode("latin-1").partition(":")
            name, value = name.strip().lower(), value.strip()
            if name == "set-cookie":
                cookie = value.split(";", 1)[0]
                key, _, val = cookie.partition("=")
                self.cookies[key] = val
            headers[name] = value
        return status, headers

    async def request(self, method: str, path: str, body: bytes = b"",
                      extra: dict[str, str] | None = None) -> tuple[int, bytes]:
        extra = dict(extra or {})
        if body:
            extra.setdefault("Content-Type", "application/json")
        if method == "POST" and "_xsrf" in self.cookies:
            extra["X-XSRFToken"] = self.cookies["_xsrf"]
        self.writer.write(self._head(method, path, extra, body))
        status, headers = await self._status_and_headers()
        if headers.get("transfer-encoding") == "chunked":
            data = b""
            while size := int((await self.reader.readline()).strip(), 16):
                data += await self.reader.readexactly(size)
                await self.reader.readline()
            await self.reader.readline()
        else:
            data = await self.reader.readexactly(int(headers.get("content-length", 0)))
        return status, data

    async def stream(self, path: str):
        """Server-Sent Events: yields each event's JSON data as it arrives."""
        self.writer.write(self._head("GET", path, {"Accept": "text/event-stream"}, b""))
        status, headers = await self._status_and_headers()
        if status != 200:
            raise RuntimeError(f"stream: HTTP {status}")
        chunked = headers.get("transfer-encoding") == "chunked"
        pending = b""
        while True:
            if chunked:
                size = int((await self.reader.readline()).strip(), 16)
                if size == 0:
                    return
                pending += await self.reader.readexactly(size)
                await self.reader.readline()
            else:
                chunk = await self.reader.read(65536)
                if not chunk:
                    return
                pending += chunk
            while b"\n\n" in pending:
                event, pending = pending.split(b"\n\n", 1)
                for line in event.split(b"\n"):
                    if line.startswith(b"data: "):
                        yield json.loads(line[6:])

    def close(self) -> None:
        if self.writer is not None:
            self.writer.close()


# --- one client process: a share of the phones ------------------------------------------------
class Phone:
    def __init__(self, n: int, host: str, port: int, code: str, rng: random.Random):
        self.n, self.code, self.rng = n, code, rng
        self.api = f"/palabre/api/sessions/{code}"
        self.http = Conn(host, port)
        self.listen = Conn(host, port)
        self.phase = None
        self.moved_at: dict[str, float] = {}  # phase id -> when this phone learnt of it

    def saw(self, phase_id: str) -> None:
        if phase_id != self.phase:
            self.phase = phase_id
            self.moved_at.setdefault(phase_id, time.time())

    async def join(self, mode: str) -> None:
        await self.http.open()
        status, body = await self.http.request("GET", self.api)
        self.saw(json.loads(body)["phase"]["id"])
        status, _ = await self.http.request("POST", self.api + "/participants",
                                            json.dumps({"role": "usager"}).encode())
        if status not in (200, 201):
            raise RuntimeError(f"join: HTTP {status}")
        await self.listen.open()  # the stream, or the poll: never the answers' connection
        self.listen.cookies = dict(self.http.cookies)
        if mode == "listen":
            ready = asyncio.get_running_loop().create_future()
            asyncio.get_running_loop().create_task(self._follow(ready))
            await ready

    async def _follow(self, ready) -> None:
        try:
            async for state in self.listen.stream(self.api + "/events"):
                self.saw(state["phase"]["id"])
                if not ready.done():
                    ready.set_result(True)
        except (OSError, asyncio.IncompleteReadError, RuntimeError) as error:
            if not ready.done():
                ready.set_exception(error)

    async def poll(self, until: float) -> None:
        """The page's fallback: the phone's own state every 3 s, from a random start."""
        await asyncio.sleep(self.rng.random() * POLL_S)
        while time.time() < until:
            _status, body = await self.listen.request("GET", self.api)
            self.saw(json.loads(body)["phase"]["id"])
            await asyncio.sleep(POLL_S)

    async def send(self, answer: dict, at: float) -> float | None:
        await asyncio.sleep(max(0.0, at - time.time()))
        body = json.dumps({"key": secrets.token_hex(16), "phase": self.phase,
                           "answer": answer}).encode()
        sent = time.perf_counter()
        status, _ = await self.http.request("POST", self.api + "/contributions", body)
        return time.perf_counter() - sent if status in (200, 201) else None

    async def ballot(self) -> dict:
        _status, body = await self.http.request("GET", self.api)
        items = [item["id"] for item in json.loads(body)["phase"].get("items", [])]
        if not items:
            return {"dots": {}}
        picked: dict[str, int] = {}
        for _dot in range(3):
            key = str(self.rng.choice(items[:8]))  # people read the top of their own list
            picked[key] = picked.get(key, 0) + 1
        return {"dots": picked}


def client(first: int, count: int, url: str, code: str, mode: str, pipe) -> None:
    """A client process: its phones, driven by the controller's orders through `pipe`."""
    host, port = url.split("//")[1].rsplit(":", 1)

    async def run() -> None:
        phones = [Phone(n, host, int(port), code, random.Random(n))
                  for n in range(first, first + count)]
        for at in range(0, count, 50):  # joins in waves, as people scan the QR code
            await asyncio.gather(*(p.join(mode) for p in phones[at:at + 50]))
        pipe.send(("joined", count))
        polls = []
        loop = asyncio.get_running_loop()
        while True:
            order, value = await loop.run_in_executor(None, pipe.recv)
            if order == "poll":
                polls = [loop.create_task(p.poll(value)) for p in phones]
                pipe.send(("polling", count))
            elif order == "answer":
                start_at, within = value
                rng = random.Random(first)
                sent = await asyncio.gather(*(
                    p.send({"text": f"Idée n° {p.n} : ouvrir le guichet le samedi"},
                           start_at + rng.random() * within) for p in phones))
                pipe.send(("answered", sent))
            elif order == "moved":
                deadline = time.time() + value
                while time.time() < deadline and not all("vote" in p.moved_at
                                                          for p in phones):
                    await asyncio.sleep(0.02)
                pipe.send(("moved", [p.moved_at.get("vote") for p in phones]))
            elif order == "ballots":
                ballots = await asyncio.gather(*(p.ballot() for p in phones))
                pipe.send(("ballots", count))
                _order, at = await loop.run_in_executor(None, pipe.recv)
                sent = await asyncio.gather(*(p.send(b, at)
                                              for p, b in zip(phones, ballots, strict=True)))
                pipe.send(("voted", sent))
            elif order == "stop":
                for task in polls:
                    task.cancel()
                for p in phones:
                    p.http.close()
                    p.listen.close()
                pipe.send(("stopped", count))
                return

    asyncio.run(run())
