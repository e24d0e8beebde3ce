"""The terminal the facilitator keeps open shows palabre's lines, not Jupyter's: no « not
trusted » when the dashboard opens, no kernel warning (« Kernel is running over TCP without
encryption ») when the console and the room's screen run in a browser, and Ctrl+C says in
their language how to reopen."""

from __future__ import annotations

import json
import os
import pty
import signal
import subprocess

import httpx
import pytest

from .conftest import PALABRE, READY_SECONDS

KERNEL_DEADLINE_MS = 60_000  # a Voilà kernel takes about 2 s; a loaded CI box far more


def test_ctrl_c_says_the_workshop_stopped_and_how_to_reopen_it(cli_env, tmp_path):
    db = f"sqlite:///{tmp_path / 'atelier.sqlite'}"
    leader, follower = pty.openpty()  # a terminal, as the facilitator's: Jupyter's Ctrl+C
    process = subprocess.Popen(
        [PALABRE, "start", "--json", "--demo", "--no-browser", "--host", "127.0.0.1", "--port",
         "0", "--db", db], stdin=follower, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
        text=True, env=cli_env)
    try:
        ready = json.loads(process.stdout.readline())  # blocks until the ready line
        page = httpx.get(ready["facilitator_url"], follow_redirects=True,
                         timeout=READY_SECONDS)
        assert page.status_code == 200
        process.send_signal(signal.SIGINT)
        _out, err = process.communicate(timeout=60)
    finally:
        if process.poll() is None:
            process.kill()
            process.communicate(timeout=10)
        os.close(follower)
        os.close(leader)
    code = ready["code"]
    assert process.returncode == 0, err
    assert (f"L’atelier {code} est arrêté ; tout est conservé. Pour le rouvrir là où il en "
            f"était : palabre start --session {code}") in err
    assert "not trusted" not in err and "Shutting down" not in err, err


def _jupyter_lines(err: str) -> list[str]:
    """Lines in Jupyter's log format ([W 12:00:00 ServerApp] ..., [IPKernelApp] WARNING ...)
    or naming its warnings: none of them is palabre's."""
    return [line for line in err.splitlines() if line.startswith("[")
            or "WARNING" in line or "without encryption" in line or "websocket" in line]


@pytest.mark.browser
def test_the_dashboards_kernels_leave_the_terminal_quiet(cli_env, tmp_path, projector):
    """The console and the room's screen each start a kernel; the facilitator clicks through
    a phase; the terminal shows palabre's lines only."""
    db = f"sqlite:///{tmp_path / 'atelier.sqlite'}"
    leader, follower = pty.openpty()
    process = subprocess.Popen(
        [PALABRE, "start", "--json", "--demo", "--no-browser", "--host", "127.0.0.1", "--port",
         "0", "--db", db], stdin=follower, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
        text=True, env=cli_env)
    try:
        ready = json.loads(process.stdout.readline())
        room = projector.context.new_page()  # the room's screen, open beside the console
        room.goto(ready["audience_url"])
        room.wait_for_selector(".palabre-audience-prompt", timeout=KERNEL_DEADLINE_MS)
        projector.goto(ready["facilitator_url"])
        projector.wait_for_selector(".palabre-next", timeout=KERNEL_DEADLINE_MS)
        before = projector.inner_text(".palabre-phase-title")
        projector.click(".palabre-next")  # a widget's message through the kernel's channels
        projector.wait_for_function(
            "before => document.querySelector('.palabre-phase-title')?.innerText !== before",
            arg=before, timeout=KERNEL_DEADLINE_MS)
        process.send_signal(signal.SIGINT)
        _out, err = process.communicate(timeout=60)
    finally:
        if process.poll() is None:
            process.kill()
            process.communicate(timeout=10)
        os.close(follower)
        os.close(leader)
    assert process.returncode == 0, err
    assert f"palabre start --session {ready['code']}" in err
    assert _jupyter_lines(err) == [], err
