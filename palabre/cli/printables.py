"""`palabre printables CODE --out DIR`: everything to print for a workshop.

The handout, a table card for each phase that collects answers, a paper ballot for each dot
vote and persona cards for persona phases; ``--phase`` prints one phase only (a ballot is best
printed once the ideas to vote on are in).
"""

from __future__ import annotations

import argparse
from pathlib import Path

from palabre.i18n import Translator

from .common import UserError, add_db, open_store, report_files
from .handout import add_public_url, join_address


def add_arguments(parser: argparse.ArgumentParser, _: Translator) -> None:
    parser.add_argument("code", metavar=_("CODE"), help=_("Code of the workshop."))
    parser.add_argument("--out", metavar=_("FOLDER"), required=True, type=Path,
                        help=_("Folder to write the files into (created if needed)."))
    parser.add_argument("--phase", metavar="ID",
                        help=_("Only the printables of this phase (its id in the format)."))
    parser.add_argument("--personas-per-page", type=int, choices=(1, 2), default=2,
                        help=_("Persona cards on one A4 page: 1, or 2 to cut in half "
                               "(default: 2)."))
    add_public_url(parser, _)
    add_db(parser, _)


def run(args: argparse.Namespace, _: Translator) -> int:
    from palabre.exports import ExportError
    from palabre.exports.printables import write_printables

    store = open_store(args.db, _)
    try:
        session = store.session(args.code)
        code = session.code if session else args.code
        files = write_printables(store, code, args.out, join_url=join_address(
            args.public_url, code), lang=_.lang, phase_id=args.phase,
            personas_per_page=args.personas_per_page)
    except ExportError as error:
        raise UserError(error.translated(_.gettext)) from None
    finally:
        store.close()
    return report_files(files, args.out, _)
