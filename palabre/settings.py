"""Settings declared as data, each with its help text (a test fails when one is undocumented).

A setting's value comes from the command line first, then the environment variable, then the
default. The server, the dashboard kernel and the CLI read the same names, so a kernel started
by Voilà finds the same store as the server that started it.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

import platformdirs


@dataclass(frozen=True)
class Setting:
    name: str
    env: str
    default: object
    help: str


def data_dir() -> Path:
    return Path(os.environ.get("PALABRE_DATA_DIR") or platformdirs.user_data_dir("palabre"))


def default_db_url() -> str:
    return f"sqlite:///{data_dir() / 'palabre.sqlite'}"


SETTINGS: tuple[Setting, ...] = (
    Setting("db", "PALABRE_DB", None,
            "SQLAlchemy URL of the store. Default: an SQLite file in the user data directory. "
            "PostgreSQL: postgresql+psycopg://user:password@host/dbname."),
    Setting("data_dir", "PALABRE_DATA_DIR", None,
            "Folder for the default SQLite store and generated files."),
    Setting("exercises", "PALABRE_EXERCISES", None,
            "Folder of extra format files (YAML), added to the built-in formats."),
    Setting("public_url", "PALABRE_PUBLIC_URL", None,
            "Address phones use to reach the kit, when it is behind a reverse proxy "
            "(for example https://atelier.example.fr). Default: the laptop's LAN address."),
    Setting("lang", "PALABRE_LANG", "fr", "Language of the facilitator's screens: fr or en."),
    Setting("max_body_bytes", "PALABRE_MAX_BODY_BYTES", 64 * 1024,
            "Largest request body a phone may send, in bytes."),
    Setting("device_rate", "PALABRE_DEVICE_RATE", 30,
            "Answers one phone may send per minute before it is asked to slow down."),
    Setting("session_rate", "PALABRE_SESSION_RATE", 6000,
            "Requests one session accepts per minute from all phones together."),
    Setting("identity_rate", "PALABRE_IDENTITY_RATE", 30,
            "New participants one network address may create per minute (phones joining, "
            "kiosk starts). Behind a reverse proxy every phone shares one address: raise it, "
            "or 0 for no limit."),
    Setting("kiosk_rate", "PALABRE_KIOSK_RATE", 6,
            "New people one kiosk tablet may start per minute."),
    Setting("body_timeout", "PALABRE_BODY_TIMEOUT", 20,
            "Seconds a phone may take to send a form or an answer before it is let go (a "
            "photo: six times as long)."),
)

_BY_NAME = {s.name: s for s in SETTINGS}


def get(name: str, override: object = None) -> object:
    setting = _BY_NAME[name]
    if override is not None:
        return override
    raw = os.environ.get(setting.env)
    if raw is None or raw == "":
        return setting.default
    if isinstance(setting.default, int):
        return int(raw)
    return raw


def db_url(override: str | None = None) -> str:
    return str(get("db", override) or default_db_url())
