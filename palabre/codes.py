"""Session codes a person can read off a projector and type on a phone."""

from __future__ import annotations

import secrets
import string

# No 0/O, 1/I/L, 2/Z, 5/S, 8/B: each pair is misread from the back of a room.
ALPHABET = "ACDEFGHJKMNPQRTUVWXY34679"
LENGTH = 5
# What a code never holds, named to a person who typed one (« abcde »: the B).
NEVER = tuple(c for c in string.ascii_uppercase + string.digits if c not in ALPHABET)


def new_code() -> str:
    return "".join(secrets.choice(ALPHABET) for _ in range(LENGTH))


def normalize(raw: str) -> str | None:
    """Map what a person typed to a code, or None when it cannot be one."""
    code = "".join(raw.split()).upper().replace("-", "")
    if len(code) != LENGTH or any(c not in ALPHABET for c in code):
        return None
    return code


def never_used(raw: str) -> list[str]:
    """The letters and digits typed that no code uses, each once, in the order typed."""
    typed = "".join(raw.split()).upper().replace("-", "")
    return list(dict.fromkeys(c for c in typed if c in NEVER))
