"""Run the real `palabre` console script, as a facilitator would from a terminal."""

from __future__ import annotations

import json
import os
import queue
import signal
import subprocess
import sys
import threading
import time
from dataclasses import dataclass
from pathlib import Path

import pytest

PALABRE = str(Path(sys.executable).with_name("palabre"))
READY_SECONDS = 60


@pytest.fixture
def cli_env(tmp_path) -> dict[str, str]:
    """A clean environment: its own data folder, no store or language from the caller."""
    env = {k: v for k, v in os.environ.items()
           if not k.startswith("PALABRE_") or k == "PALABRE_TEST_POSTGRES"}
    env["PALABRE_DATA_DIR"] = str(tmp_path / "data")
    env["BROWSER"] = "false"  # never open a real browser, even if a test forgets --no-browser
    return env


@pytest.fixture
def palabre(cli_env):
    """Run `palabre ARGS...` to completion; returns the CompletedProcess (text)."""

    def run(*args: str, env: dict[str, str] | None = None, timeout: float = 60):
        return subprocess.run([PALABRE, *args], capture_output=True, text=True,
                              env={**cli_env, **(env or {})}, timeout=timeout)

    return run


@dataclass
class Started:
    process: subprocess.Popen
    ready: dict
    stderr: list[str]


class Servers:
    """`palabre start --json` processes, each waited for by its ready line, stopped at the end."""

    def __init__(self, env: dict[str, str]):
        self.env = env
        self.running: list[Started] = []

    def start(self, *args: str, json_line: bool = True) -> Started:
        """Start and wait for the ready line: the JSON line, or with json_line=False the
        banner's last line (its text is kept in ready["banner"])."""
        options = ["--json"] if json_line else []
        process = subprocess.Popen(
            [PALABRE, "start", *options, "--no-browser", "--host", "127.0.0.1", "--port", "0",
             *args], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=self.env)
        lines: queue.Queue[str | None] = queue.Queue()
        stderr: list[str] = []

        def pump(stream, sink):
            for line in stream:
                sink(line)
            sink(None)

        threading.Thread(target=pump, args=(process.stdout, lines.put), daemon=True).start()
        threading.Thread(target=pump, args=(process.stderr, lambda s: s and stderr.append(s)),
                         daemon=True).start()
        deadline = time.monotonic() + READY_SECONDS
        started = Started(process, {}, stderr)
        banner: list[str] = []
        self.running.append(started)
        while True:
            remaining = deadline - time.monotonic()
            try:
                line = lines.get(timeout=max(remaining, 0.01))
            except queue.Empty:
                pytest.fail(f"no ready line within {READY_SECONDS} s:\n{''.join(stderr)}")
            if line is None:
                process.wait(timeout=10)
                pytest.fail(f"palabre start exited ({process.returncode}):\n{''.join(stderr)}")
            if json_line and line.startswith("{"):
                started.ready = json.loads(line)
                return started
            if not json_line:
                banner.append(line)
                if "--session" in line:
                    started.ready = {"banner": "".join(banner)}
                    return started

    def stop(self, started: Started) -> None:
        if started.process.poll() is None:
            started.process.send_signal(signal.SIGTERM)
            try:
                started.process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                started.process.kill()
                started.process.wait(timeout=10)

    def stop_all(self) -> None:
        for started in self.running:
            self.stop(started)


@pytest.fixture
def servers(cli_env):
    running = Servers(cli_env)
    yield running
    running.stop_all()
