"""What a 100 MB body costs the server before it is refused.

Starts the real server (the test fixture's launcher, SQLite in a temporary folder), then, on a
raw socket, POSTs a body of --mb megabytes to a phone route two ways: announced by its
Content-Length (the whole body sent as fast as the socket takes it), and chunked (no length
said). Samples the server's resident memory (RSS) every 5 ms and prints its rise over the
level before the request, the status answered, how many bytes the server took before it
closed the connection, and how long it took.

    python benchmarks/big_body.py --mb 100

Target: the refusal (413) costs no more memory than the route's cap, not the body.
"""

from __future__ import annotations

import argparse
import socket
import sys
import tempfile
import threading
import time
from pathlib import Path

import psutil

CHUNK = 64 * 1024


class Peak:
    """The highest RSS of a process while it runs (sampled in a thread)."""

    def __init__(self, pid: int):
        self.process = psutil.Process(pid)
        self.base = self.process.memory_info().rss
        self.peak = self.base
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._sample, daemon=True)

    def _sample(self) -> None:
        while not self._stop.is_set():
            self.peak = max(self.peak, self.process.memory_info().rss)
            time.sleep(0.005)

    def __enter__(self) -> Peak:
        self._thread.start()
        return self

    def __exit__(self, *_exc) -> None:
        self._stop.set()
        self._thread.join()


def post(port: int, path: str, size: int, chunked: bool) -> tuple[str, int, float]:
    """Send the body until the server answers or closes; (status line, bytes sent, seconds)."""
    head = (f"POST {path} HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
            + ("Transfer-Encoding: chunked\r\n" if chunked else f"Content-Length: {size}\r\n")
            + "\r\n")
    began = time.monotonic()
    sent = 0
    with socket.create_connection(("127.0.0.1", port), timeout=30) as conn:
        conn.sendall(head.encode())
        piece = b"x" * CHUNK
        try:
            while sent < size:
                data = f"{CHUNK:x}\r\n".encode() + piece + b"\r\n" if chunked else piece
                conn.sendall(data)
                sent += CHUNK
            if chunked:
                conn.sendall(b"0\r\n\r\n")
        except (BrokenPipeError, ConnectionResetError):
            pass
        try:
            reply = conn.recv(65536)
            answer = reply.split(b"\r\n", 1)[0].decode()
            if reply.count(b"HTTP/1.1 ") > 1:
                answer += " (and a second status line)"
        except (ConnectionResetError, TimeoutError):
            answer = "(connection closed, no answer read)"
    return answer, sent, time.monotonic() - began


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--mb", type=int, default=100)
    args = parser.parse_args()
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
    from tests.fixtures.server import start_server, stop_server

    size = args.mb * 1024 * 1024
    with tempfile.TemporaryDirectory() as tmp:
        server = start_server(Path(tmp))
        try:
            session = server.new_session()
            path = f"/palabre/api/sessions/{session.code}/contributions"
            for chunked in (False, True):
                with Peak(server.pid) as peak:
                    answer, sent, seconds = post(server.port, path, size, chunked)
                    time.sleep(0.2)  # the server lets the connection go
                rise = (peak.peak - peak.base) / 1024 / 1024
                print(f"{'chunked' if chunked else 'Content-Length'}: {args.mb} MB body -> "
                      f"{answer!r}; {sent / 1024 / 1024:.1f} MB sent before the server "
                      f"closed, {seconds:.2f} s; server RSS {peak.base / 1024 / 1024:.0f} MB, "
                      f"peak rise {rise:.1f} MB")
        finally:
            stop_server(server)
    return 0


if __name__ == "__main__":
    sys.exit(main())
