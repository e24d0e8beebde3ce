"""`palabre export CODE --out DIR`: the restitution files of one workshop, the day after.

The files (deck, workbook, CSV, open data) are in the language of ``--lang``, like the
messages.
"""

from __future__ import annotations

import argparse

from palabre.exports import ExportError, export_workshop
from palabre.i18n import Translator

from .common import UserError, add_db, open_store, print_progress, report_files
from .restitution import add_restitution_options, free_text_left_out


def add_arguments(parser: argparse.ArgumentParser, _: Translator) -> None:
    parser.add_argument("code", metavar=_("CODE"), help=_("Code of the workshop to export."))
    add_restitution_options(parser, _)
    add_db(parser, _)


def review_free_text(store, code: str, include_text: bool | None, _: Translator) -> bool:
    """List the answers that look like they name someone; publish free text in the open data
    only if the organiser says so (the flag, or yes at the prompt of an interactive terminal)."""
    import sys

    from palabre.exports.review import personal_looking

    if include_text is False or store.session(code) is None:
        return False
    flagged = personal_looking(store, code)
    if flagged:
        print(_.ngettext("{n} answer looks like it carries a name, an e-mail address or a "
                         "phone number:",
                         "{n} answers look like they carry a name, an e-mail address or a "
                         "phone number:", len(flagged)))
        for item in flagged:
            why = ", ".join(_(reason) for reason in item.reasons)
            print(_("  no. {number} ({why}): {text}", number=item.number, why=why,
                    text=item.text if len(item.text) <= 120 else item.text[:119] + "…"))
    else:
        print(_("No answer looks like it carries a name, an e-mail address or a phone number."))
    if include_text:
        return True
    if sys.stdin.isatty():
        answer = input(_("Publish participants' free text in the open data? [y/N] "))
        if answer.strip().lower() in {"y", "yes", "o", "oui"}:
            return True
    free_text_left_out(_)
    return False


def run(args: argparse.Namespace, _: Translator) -> int:
    store = open_store(args.db, _)
    try:
        include_text = review_free_text(store, args.code, args.include_text, _)
        files = export_workshop(store, args.code, args.out, lang=_.lang,
                                template=args.template, sep=args.sep, pdf=args.pdf,
                                annex=args.annex, include_text=include_text,
                                progress=print_progress)
    except ExportError as error:
        raise UserError(error.translated(_.gettext)) from None
    finally:
        store.close()
    return report_files(files, args.out, _)
