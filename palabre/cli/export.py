"""`palabre export CODE --out DIR`: the restitution files of one workshop, the day after.

The files (deck, workbook, CSV, open data) are in the language of ``--lang``, like the
messages.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from palabre.exports import SEPARATORS, ExportError, export_workshop
from palabre.i18n import Translator

from .common import UserError, open_store


def add_arguments(parser: argparse.ArgumentParser, _: Translator) -> None:
    parser.add_argument("code", metavar=_("CODE"), help=_("Code of the workshop to export."))
    parser.add_argument("--out", metavar=_("FOLDER"), required=True, type=Path,
                        help=_("Folder to write the files into (created if needed)."))
    parser.add_argument("--template", metavar="ORG.pptx", type=Path,
                        help=_("The organisation's own PowerPoint template (its master, "
                               "layouts, colours and logo)."))
    parser.add_argument("--pdf", action="store_true",
                        help=_("Also write the deck as PDF (needs LibreOffice)."))
    parser.add_argument("--sep", choices=SEPARATORS, default=";", metavar=";|,",
                        help=_("Separator of the CSV file (default: ;, as French Excel "
                               "expects)."))
    parser.add_argument("--no-text", dest="include_text", action="store_false",
                        help=_("Leave participants' free text out of the open-data package."))
    parser.add_argument("--db", metavar="URL",
                        help=_("SQLAlchemy URL of the store (default: the SQLite file in the "
                               "user data folder, or PALABRE_DB)."))


def run(args: argparse.Namespace, _: Translator) -> int:
    store = open_store(args.db, _)

    def progress(done: int, total: int, label: str) -> None:
        print(f"[{done}/{total}] {label}", file=sys.stderr, flush=True)

    try:
        files = export_workshop(store, args.code, args.out, lang=_.lang,
                                template=args.template, sep=args.sep, pdf=args.pdf,
                                include_text=args.include_text, progress=progress)
    except ExportError as error:
        raise UserError(error.translated(_.gettext)) from None
    finally:
        store.close()
    print(_.ngettext("{n} file written in {folder}:", "{n} files written in {folder}:",
                     len(files), folder=args.out))
    for path in files:
        print(f"  {path}")
    return 0
