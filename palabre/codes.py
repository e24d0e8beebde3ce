"""Session codes a person can read off a projector and type on a phone."""

from __future__ import annotations

import secrets

# No 0/O, 1/I/L, 2/Z, 5/S, 8/B: each pair is misread from the back of a room.
ALPHABET = "ACDEFGHJKMNPQRTUVWXY34679"
LENGTH = 5


def new_code() -> str:
    return "".join(secrets.choice(ALPHABET) for _ in range(LENGTH))


def normalize(raw: str) -> str | None:
    """Map what a person typed to a code, or None when it cannot be one."""
    code = "".join(raw.split()).upper().replace("-", "")
    if len(code) != LENGTH or any(c not in ALPHABET for c in code):
        return None
    return code
