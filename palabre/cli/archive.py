"""`palabre archive CODE --out FILE`: one workshop of this store in one file, to carry to
another store (`palabre import`). Reads the store only; no network."""

from __future__ import annotations

import argparse
from pathlib import Path

from palabre.i18n import Translator

from .common import UserError, add_db, open_store

ORDER = ("contributions", "participants", "photos", "boards", "follow_ups")
ALWAYS = ("contributions", "participants", "photos")  # said even when none


def _rows(table: str, n: int, _: Translator) -> str:
    """What a table's rows are called in a sentence; a table added later by its name."""
    if table == "contributions":
        return _.ngettext("{n} answer", "{n} answers", n)
    if table == "participants":
        return _.ngettext("{n} person", "{n} people", n)
    if table == "photos":
        return _.ngettext("{n} photo", "{n} photos", n)
    if table == "boards":
        return _.ngettext("{n} board", "{n} boards", n)
    if table == "follow_ups":
        return _.ngettext("{n} follow-up", "{n} follow-ups", n)
    return _.ngettext("{n} row of {table}", "{n} rows of {table}", n, table=table)


def rows_said(counts: dict[str, int], _: Translator, always: tuple[str, ...] = ()) -> str:
    """« 212 réponses, 25 personnes, 20 photos »: the rows of each table, in one phrase."""
    tables = (*ORDER, *sorted(set(counts) - set(ORDER)))
    return ", ".join(_rows(table, counts.get(table, 0), _) for table in tables
                     if counts.get(table, 0) or table in always)


def size_said(size: int, _: Translator) -> str:
    from babel.numbers import format_decimal

    if size >= 1024 * 1024:
        return _("{mb} MB", mb=format_decimal(round(size / (1024 * 1024), 1), locale=_.lang))
    return _("{kb} kB", kb=max(1, round(size / 1024)))


def add_arguments(parser: argparse.ArgumentParser, _: Translator) -> None:
    parser.add_argument("code", metavar=_("CODE"), help=_("Code of the workshop to archive."))
    parser.add_argument("--out", metavar=_("FILE"), type=Path, required=True,
                        help=_("The archive file to write, for instance ACDEF.palabre.zip."))
    add_db(parser, _)


def run(args: argparse.Namespace, _: Translator) -> int:
    from palabre import codes
    from palabre.archive import ArchiveRefused, write_archive

    code = codes.normalize(args.code) or args.code
    store = open_store(args.db, _)
    try:
        written = write_archive(store, code, args.out)
    except ArchiveRefused as error:
        raise UserError(error.translated(_.gettext)) from None
    finally:
        store.close()
    print(_("Workshop {code} archived in {path}: {what}.", code=written.code,
            path=written.path, what=rows_said(written.rows, _, ALWAYS)))
    print(_("{size}; SHA-256 of the file: {sha256} (compare it after copying).",
            size=size_said(written.size, _), sha256=written.sha256))
    return 0
