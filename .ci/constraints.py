"""Write constraints.txt: the exact versions of the dependency set the tests ran with.

palabre's runtime requirements, its `test` and `postgres` extras and everything they pull in,
as installed in the environment running this script (make's .venv). CI installs with
`-c constraints.txt`; a developer's `make run` keeps pyproject's lower bounds.

    .venv/bin/python .ci/constraints.py
"""

from __future__ import annotations

import sys
import tomllib
from importlib import metadata
from pathlib import Path

from packaging.requirements import Requirement
from packaging.utils import canonicalize_name

ROOT = Path(__file__).resolve().parents[1]
EXTRAS = ("test", "postgres")


def declared() -> list[Requirement]:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    lines = list(project["dependencies"])
    for extra in EXTRAS:
        lines += project["optional-dependencies"][extra]
    return [Requirement(line) for line in lines]


def closure(requirements: list[Requirement]) -> dict[str, str]:
    """name -> installed version of every requirement, followed through their own."""
    pinned: dict[str, str] = {}
    seen: set[tuple[str, frozenset[str]]] = set()
    todo = [(req, frozenset()) for req in requirements]
    while todo:
        req, parent_extras = todo.pop()
        env = [{"extra": e} for e in parent_extras] or [{"extra": ""}]
        if req.marker is not None and not any(req.marker.evaluate(e) for e in env):
            continue
        name = canonicalize_name(req.name)
        if (name, frozenset(req.extras)) in seen:
            continue
        seen.add((name, frozenset(req.extras)))
        try:
            dist = metadata.distribution(req.name)
        except metadata.PackageNotFoundError:
            sys.exit(f"{req.name} is required but not installed: run `make setup` first")
        pinned[name] = dist.version
        extras = frozenset(req.extras)
        todo += [(Requirement(line), extras) for line in dist.requires or []]
    return pinned


def main() -> int:
    pins = closure(declared())
    head = ("# The exact dependency set the tests ran with (CI installs with -c constraints.txt)."
            "\n# Written by `.venv/bin/python .ci/constraints.py`; do not edit by hand.\n")
    body = "".join(f"{name}=={version}\n" for name, version in sorted(pins.items()))
    (ROOT / "constraints.txt").write_text(head + body, encoding="utf-8")
    print(f"constraints.txt: {len(pins)} packages")
    return 0


if __name__ == "__main__":
    sys.exit(main())
