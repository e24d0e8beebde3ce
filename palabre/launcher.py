"""Start the room: ONE jupyter_server process, two extensions, one port.

Voilà serves the facilitator's dashboards (token needed) and palabre's extension serves the
phone pages and the JSON API (participant routes public). The extension list is set in the
ServerApp's config, never on a command line; the ServerApp is built in this process.

    python -m palabre.launcher --db sqlite:///room.sqlite --port 0 --host 127.0.0.1 --json

prints one JSON line {"local_url", "public_url", "port", "token", "pid"} once the socket
listens (test fixtures and benchmarks wait for it).
"""

from __future__ import annotations

import argparse
import json
import logging
import os
import secrets
import sys
import warnings
from collections.abc import Callable
from dataclasses import asdict, dataclass
from importlib import resources
from urllib.parse import quote, urlencode

from palabre import network

DEFAULT_HOST = "0.0.0.0"  # noqa: S104 - phones reach the laptop by its LAN address
DEFAULT_PORT = 8866
ROOM_NOTEBOOK = "room.ipynb"
AUDIENCE_NOTEBOOK = "audience.ipynb"

# The extensions the room runs; every other installed one (JupyterLab, terminals, LSP) is off:
# phones and facilitators need none of them, and a terminal is a shell.
EXTENSIONS = {"voila.server_extension": True, "palabre.server": True}
DISABLED = ("jupyterlab", "jupyter_lsp", "jupyter_server_terminals", "notebook_shim",
            "nbclassic", "notebook")


@dataclass(frozen=True)
class ServerInfo:
    local_url: str  # for the laptop itself: http://127.0.0.1:PORT
    public_url: str  # for phones: http://LAN-ADDRESS:PORT, or the reverse proxy's address
    port: int
    token: str
    pid: int


def join_url(public_url: str, code: str) -> str:
    """The address a phone opens (and the QR code carries) to join a session."""
    return f"{public_url.rstrip('/')}/j/{quote(code)}"


def facilitator_url(local_url: str, token: str, code: str) -> str:
    """The projector dashboard of one session, token included (opened on the laptop only)."""
    query = urlencode({"session": code, "token": token})
    return f"{local_url.rstrip('/')}/voila/render/{ROOM_NOTEBOOK}?{query}"


def audience_url(local_url: str, token: str, code: str) -> str:
    """The room's screen of one session, for the projector (token included: laptop only; the
    page never shows it)."""
    query = urlencode({"session": code, "token": token})
    return f"{local_url.rstrip('/')}/voila/render/{AUDIENCE_NOTEBOOK}?{query}"


def page_messages(lang: str) -> dict[str, str]:
    """What Voilà's pages say by themselves, in the facilitator's language: while the
    notebook runs, and when the server stops or comes back (the page template reads them)."""
    from palabre.i18n import Translator

    _ = Translator(lang).gettext
    return {
        "opening": _("Opening the workshop…"),
        # {i} and {n} are filled in by the page, cell after cell.
        "preparing": _("Preparing the screen ({i} of {n})…"),
        "stopped": _("The workshop's server has stopped: this screen no longer follows the "
                     "room. Start it again on the laptop (palabre start); nothing stored is "
                     "lost."),
        "back": _("The workshop's server is back: the screen reloads."),
    }


def default_public_url(host: str, port: int) -> str:
    address = network.lan_address() if host in ("", "0.0.0.0", "::") else host  # noqa: S104
    return f"http://{address}:{port}"


def workshops_dir() -> str:
    return str(resources.files("palabre.workshops"))


def _kernel_encryption() -> dict:
    """Curve encryption for the kernels when this jupyter_client and pyzmq offer it."""
    import zmq
    from jupyter_client.manager import KernelManager

    if "transport_encryption" in KernelManager.class_trait_names() and zmq.has("curve"):
        return {"transport_encryption": "auto"}
    return {}


def server_config(*, host: str, port: int, token: str, lang: str = "fr"):
    """The whole server configuration as a traitlets Config (tests read it too)."""
    from traitlets.config import Config

    from palabre.server import guard

    extensions = dict.fromkeys(DISABLED, False)
    extensions.update(EXTENSIONS)
    return Config({
        "ServerApp": {
            "jpserver_extensions": extensions,
            "root_dir": workshops_dir(),
            "ip": host,
            "port": port,
            "port_retries": 0,
            "open_browser": False,
            "allow_root": True,
            "allow_unauthenticated_access": False,
            "disable_check_xsrf": False,
            "terminals_enabled": False,
            "log_level": "WARN",
            "default_url": "/j",
            # Bodies on Voilà's and jupyter_server's routes (palabre's stream and cap their own).
            "max_body_size": guard.SERVER_MAX_BODY,
            # Ctrl+C stops the workshop at once, as the terminal says (no English y/n prompt).
            "answer_yes": True,
        },
        "IdentityProvider": {"token": token},
        # The dashboards' kernels talk to the server over local TCP: encrypted (CurveZMQ, which
        # ipykernel's kernelspec declares) wherever pyzmq can, so ipykernel has nothing to
        # warn the facilitator's terminal about.
        "KernelManager": _kernel_encryption(),
        "Application": {"log_level": "WARN"},
        "VoilaConfiguration": {"show_tracebacks": False, "template": "palabre",
                               "resources": {"palabre": page_messages(lang)}},
    })


# jupyter_server's lines that mean nothing to a facilitator: Voilà runs a dashboard whether or
# not its notebook is "trusted", and palabre says itself, in their language, that the
# workshop has stopped and how to reopen it.
UNHELPFUL = ("Notebook %s is not trusted", "Shutting down...", "received signal %s, stopping")
# Tornado's, when a dashboard's websocket opens: jupyter_server asks for a ping timeout longer
# than the ping interval, tornado shortens its own and says so; jupyter_server's pings, which
# keep the dashboards connected, are unchanged.
UNHELPFUL_START = ("The websocket_ping_timeout",)


def _helpful(record: logging.LogRecord) -> bool:
    return record.msg not in UNHELPFUL and not str(record.msg).startswith(UNHELPFUL_START)


def _check_port(host: str, port: int) -> None:
    """Raise OSError (EADDRINUSE, EACCES...) now: jupyter_server would only log and exit."""
    if port:
        from tornado.netutil import bind_sockets

        for sock in bind_sockets(port, host or None):
            sock.close()


def serve(*, db_url: str, host: str = DEFAULT_HOST, port: int = DEFAULT_PORT,
          token: str | None = None, public_url: str | None = None, lang: str = "fr",
          exercises: str | None = None,
          on_ready: Callable[[ServerInfo], None] | None = None) -> None:
    """Run the room's server until it is stopped (Ctrl-C or SIGTERM). Blocks.

    `exercises` is a folder of extra formats: the API and the workshop picker (a Voilà
    kernel, started in another folder) create workshops from it too.
    Raises OSError before starting anything when the port cannot be listened on."""
    from jupyter_server.serverapp import ServerApp

    from palabre.server import guard

    _check_port(host, port)
    token = token or secrets.token_urlsafe(24)
    # Voilà's kernels inherit the environment: they find the same store as the server.
    os.environ["PALABRE_DB"] = db_url
    # Voilà finds palabre's page template (share/voila/templates/palabre) on the Jupyter path.
    share = str(resources.files("palabre") / "share")
    paths = os.environ.get("JUPYTER_PATH", "")
    if share not in paths.split(os.pathsep):
        os.environ["JUPYTER_PATH"] = os.pathsep.join(p for p in (share, paths) if p)
    os.environ["PALABRE_LANG"] = lang
    if exercises:
        os.environ["PALABRE_EXERCISES"] = os.path.abspath(exercises)
    app = ServerApp(config=server_config(host=host, port=port, token=token, lang=lang))
    # Voilà registers its static routes without auth decorators; jupyter_server then requires
    # the token on them (allow_unauthenticated_access is off), which is what we want. The
    # warning says so to developers and would only puzzle a facilitator in the terminal.
    with warnings.catch_warnings():
        warnings.filterwarnings("ignore", message="Extension endpoints without")
        app.initialize(argv=[])  # binds a free port when port is 0; app.port is the real one
    for name in ("tornado.access", "tornado.application", "tornado.general"):
        logging.getLogger(name).setLevel(logging.WARNING)
    logging.getLogger("tornado.general").addFilter(_helpful)
    app.log.addFilter(_helpful)
    app.contents_manager.log.addFilter(_helpful)
    guard.bound_connections(app.http_server)
    public = (public_url or default_public_url(host, app.port)).rstrip("/")
    os.environ["PALABRE_PUBLIC_URL"] = public
    info = ServerInfo(local_url=f"http://127.0.0.1:{app.port}", public_url=public,
                      port=app.port, token=token, pid=os.getpid())
    if on_ready is not None:
        # initialize() queued the socket bind on the loop; this runs after it, once listening.
        app.io_loop.add_callback(on_ready, info)
    app.start()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m palabre.launcher",
                                     description="Run palabre's server (phones + dashboards).")
    parser.add_argument("--db", default=None, help="SQLAlchemy URL of the store.")
    parser.add_argument("--host", default=DEFAULT_HOST)
    parser.add_argument("--port", type=int, default=DEFAULT_PORT, help="0 picks a free port.")
    parser.add_argument("--token", default=None)
    parser.add_argument("--public-url", default=None)
    parser.add_argument("--lang", default="fr", choices=("fr", "en"))
    parser.add_argument("--exercises", default=None, help="Folder of extra format files.")
    parser.add_argument("--json", action="store_true",
                        help="Print one JSON line describing the server once it listens.")
    args = parser.parse_args(argv)

    from palabre import settings

    def ready(info: ServerInfo) -> None:
        if args.json:
            print(json.dumps(asdict(info)), flush=True)
        else:
            print(f"palabre: {info.public_url}/j  (facilitator: {info.local_url}/?token="
                  f"{info.token})", flush=True)

    serve(db_url=settings.db_url(args.db), host=args.host, port=args.port, token=args.token,
          public_url=args.public_url, lang=args.lang, exercises=args.exercises,
          on_ready=ready)
    return 0


if __name__ == "__main__":
    sys.exit(main())
