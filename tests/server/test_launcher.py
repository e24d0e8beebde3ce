"""The launcher: one jupyter_server process, two extensions, a JSON ready line."""

from __future__ import annotations

import errno
import os
import socket

import httpx
import pytest

from palabre import launcher


def test_urls_for_phones_and_facilitator():
    assert launcher.join_url("http://192.168.1.5:8866/", "K7MQP") == \
        "http://192.168.1.5:8866/j/K7MQP"
    assert launcher.facilitator_url("http://127.0.0.1:8866", "tok", "K7MQP") == \
        "http://127.0.0.1:8866/voila/render/room.ipynb?session=K7MQP&token=tok"


def test_config_sets_extensions_and_security_in_config_not_argv():
    config = launcher.server_config(host="0.0.0.0", port=0, token="t0k")
    server = config.ServerApp
    assert server.jpserver_extensions["voila.server_extension"] is True
    assert server.jpserver_extensions["palabre.server"] is True
    assert server.jpserver_extensions["jupyter_server_terminals"] is False
    assert server.allow_unauthenticated_access is False
    assert server.disable_check_xsrf is False
    assert server.open_browser is False
    assert config.IdentityProvider.token == "t0k"
    assert os.path.isdir(server.root_dir)


def test_ready_line_describes_a_listening_server(live_server):
    assert live_server.local_url == f"http://127.0.0.1:{live_server.port}"
    assert live_server.public_url == f"http://127.0.0.1:{live_server.port}"
    assert live_server.pid == live_server.process.pid
    assert len(live_server.token) >= 24
    page = httpx.get(live_server.url("/j"), timeout=10)
    assert page.status_code == 200


def test_voila_is_served_by_the_same_process_behind_the_token(live_server):
    anonymous = httpx.get(live_server.url("/voila/render/room.ipynb"), timeout=10)
    assert anonymous.status_code in (302, 403)
    # No key: palabre's page that says where the facilitator's address is printed.
    assert "/palabre/key" in anonymous.headers.get("location", "/palabre/key")
    with live_server.facilitator() as laptop:
        tree = laptop.get("/voila/tree")
    assert tree.status_code == 200


def test_a_busy_port_raises_oserror_before_anything_starts(tmp_path):
    with socket.socket() as busy:
        busy.bind(("127.0.0.1", 0))
        busy.listen()
        port = busy.getsockname()[1]
        with pytest.raises(OSError) as error:
            launcher.serve(db_url=f"sqlite:///{tmp_path / 'x.sqlite'}", host="127.0.0.1",
                           port=port)
    assert error.value.errno == errno.EADDRINUSE
