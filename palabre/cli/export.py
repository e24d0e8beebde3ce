"""`palabre export CODE --out DIR`: the restitution files of one workshop, the day after.

The files (deck, workbook, CSV, open data) are in the language of ``--lang``, like the
messages.
"""

from __future__ import annotations

import argparse

from palabre.exports import ExportError, export_workshop
from palabre.i18n import Translator

from .common import UserError, open_store, print_progress, report_files
from .restitution import add_restitution_options


def add_arguments(parser: argparse.ArgumentParser, _: Translator) -> None:
    parser.add_argument("code", metavar=_("CODE"), help=_("Code of the workshop to export."))
    add_restitution_options(parser, _)
    parser.add_argument("--db", metavar="URL",
                        help=_("SQLAlchemy URL of the store (default: the SQLite file in the "
                               "user data folder, or PALABRE_DB)."))


def run(args: argparse.Namespace, _: Translator) -> int:
    store = open_store(args.db, _)
    try:
        files = export_workshop(store, args.code, args.out, lang=_.lang,
                                template=args.template, sep=args.sep, pdf=args.pdf,
                                annex=args.annex, include_text=args.include_text,
                                progress=print_progress)
    except ExportError as error:
        raise UserError(error.translated(_.gettext)) from None
    finally:
        store.close()
    return report_files(files, args.out, _)
