"""The terminal the facilitator keeps open shows palabre's lines, not Jupyter's: no « not
trusted » when the dashboard opens, and Ctrl+C says in their language how to reopen."""

from __future__ import annotations

import json
import os
import pty
import signal
import subprocess

import httpx

from .conftest import PALABRE, READY_SECONDS


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
