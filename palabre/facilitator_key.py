"""The server's key, kept in the data folder so the facilitator's address (a bookmark, a
console left open, a second screen) still works after the laptop restarts mid-day.

The file is readable by its owner only; `palabre start --new-key` makes a new one, and every
address printed before stops working, as a key given away should.
"""

from __future__ import annotations

import os
import re
import secrets
from pathlib import Path

FILE = "facilitator.key"
_KEY = re.compile(r"^[A-Za-z0-9_-]{24,128}$")


def facilitator_key(folder: Path, *, renew: bool = False) -> str:
    """The key kept in `folder`, or a new one written there (owner-only) when there is none,
    it is unreadable, or `renew` asks for it."""
    path = folder / FILE
    if not renew:
        try:
            kept = path.read_text(encoding="ascii").strip()
        except (OSError, UnicodeDecodeError):
            kept = ""
        if _KEY.match(kept):
            return kept
    folder.mkdir(parents=True, exist_ok=True)
    key = secrets.token_urlsafe(24)
    handle = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(handle, "w", encoding="ascii") as out:
        out.write(key + "\n")
    os.chmod(path, 0o600)  # a file that existed keeps its old mode through O_CREAT
    return key
