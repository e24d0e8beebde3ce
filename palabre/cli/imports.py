"""`palabre import FILE --db URL`: a workshop's archive added to this store (a forum's
PostgreSQL server, say). Importing again adds nothing; a later archive adds what is new."""

from __future__ import annotations

import argparse
from pathlib import Path

from palabre.i18n import Translator

from .archive import ALWAYS, rows_said
from .common import UserError, add_db, open_store


def add_arguments(parser: argparse.ArgumentParser, _: Translator) -> None:
    parser.add_argument("file", metavar=_("FILE"), type=Path,
                        help=_("The archive written by palabre archive."))
    add_db(parser, _)


def run(args: argparse.Namespace, _: Translator) -> int:
    from palabre.archive import ArchiveRefused, import_archive

    store = open_store(args.db, _)
    try:
        done = import_archive(store, args.file)
    except ArchiveRefused as error:
        raise UserError(error.translated(_.gettext)) from None
    finally:
        store.close()
    added = {table: n for table, n in done.added.items() if n}
    changed = {table: n for table, n in done.changed.items() if n}
    if done.new:
        print(_("1 workshop imported: {what}; code {code}.", code=done.code,
                what=rows_said(done.added, _, ALWAYS)))
    elif done.nothing_new:
        print(_("Nothing new: workshop {code} is already up to date in this store.",
                code=done.code))
    elif added:
        print(_("Workshop {code} updated: {what} added.", code=done.code,
                what=rows_said(added, _)))
    else:
        print(_("Workshop {code} updated: nothing added.", code=done.code))
    if changed:
        print(_("Changed since the last import: {what}.", what=rows_said(changed, _)))
    if done.older:
        print(_("This archive is older than one already imported: only what was missing was "
                "added, nothing was changed back."))
    if done.renamed:
        print(_("Its code {old} belongs to another workshop in this store: here it has the "
                "code {code}.", old=done.archived_code, code=done.code))
    return 0
