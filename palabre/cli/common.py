"""What the subcommands share: turning a person's mistakes into one clear translated line."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import TYPE_CHECKING

from palabre import settings
from palabre.exercises import Exercise, FormatError, load_formats
from palabre.i18n import Translator

if TYPE_CHECKING:
    from palabre.store import Store


class UserError(Exception):
    """A mistake the person can fix (a code, a path, a port): exit 2 with this message."""

    def __init__(self, message: str):
        super().__init__(message)
        self.message = message


def shown_url(url: str) -> str:
    """A database URL safe to print: never the password."""
    import sqlalchemy as sa

    try:
        return sa.engine.make_url(url).render_as_string(hide_password=True)
    except sa.exc.ArgumentError:
        return url


def add_db(parser: argparse.ArgumentParser, _: Translator) -> None:
    """The --db option of every command that reads or writes the store (open_store)."""
    parser.add_argument("--db", metavar="URL",
                        help=_("SQLAlchemy URL of the store (default: the SQLite file in the "
                               "user data folder, or PALABRE_DB)."))


def open_store(url: str | None, _: Translator) -> Store:
    import sqlalchemy as sa  # the store is heavy: loaded by the commands that use it

    from palabre.store import Store

    url = settings.db_url(url)
    try:
        return Store.open(url)
    except (sa.exc.ArgumentError, sa.exc.NoSuchModuleError, ValueError):
        raise UserError(_("'{url}' is not a database URL palabre can use. Examples: "
                          "sqlite:///atelier.sqlite or "
                          "postgresql+psycopg://user:password@host/dbname.",
                          url=shown_url(url))) from None
    except ModuleNotFoundError as error:
        if not (error.name or "").startswith("psycopg"):
            raise
        raise UserError(_("PostgreSQL support is not installed: pip install 'palabre[postgres]'"
                          )) from None
    except (sa.exc.OperationalError, sa.exc.InterfaceError) as error:
        reason = str(getattr(error, "orig", error)).strip().splitlines()[0]
        raise UserError(_("Cannot open the store {url}: {reason}",
                          url=shown_url(url), reason=reason)) from None


def exercises_dir(value: str | None, _: Translator) -> str | None:
    folder = value or settings.get("exercises")
    if folder and not Path(str(folder)).is_dir():
        raise UserError(_("The formats folder {path} does not exist.", path=folder))
    return str(folder) if folder else None


def formats(folder: str | None, _: Translator) -> dict[str, Exercise]:
    """Built-in formats plus the folder's; a wrong file names its file, line and field."""
    try:
        return load_formats(exercises_dir(folder, _))
    except FormatError as error:
        raise UserError(error.translated(_.gettext)) from None


def answers_that_count(store: Store, codes: list[str]) -> dict[str, int]:
    """Each workshop's answers as its restitution counts them (palabre.synthesis: a replaced
    ballot is not an answer), so a listing never shows another figure than the deck."""
    from palabre import synthesis

    return {code: synthesis.counts(synthesis.snapshot(store, code)).answers for code in codes}


def table(headers: list[str], rows: list[list[str]]) -> str:
    """Plain aligned columns: readable in any terminal, easy to grep."""
    widths = [len(h) for h in headers]
    for row in rows:
        widths = [max(w, len(cell)) for w, cell in zip(widths, row, strict=True)]
    lines = ["  ".join(cell.ljust(w) for cell, w in zip(headers, widths, strict=True))]
    lines.append("  ".join("-" * w for w in widths))
    lines += ["  ".join(cell.ljust(w) for cell, w in zip(row, widths, strict=True))
              for row in rows]
    return "\n".join(line.rstrip() for line in lines)


def print_progress(done: int, total: int, label: str) -> None:
    """Progress of a long export, on stderr so the list of files stays clean on stdout."""
    import sys

    print(f"[{done}/{total}] {label}", file=sys.stderr, flush=True)


def report_files(files: list[Path], folder: Path, _: Translator) -> int:
    print(_.ngettext("{n} file written in {folder}:", "{n} files written in {folder}:",
                     len(files), folder=folder))
    for path in files:
        print(f"  {path}")
    return 0
