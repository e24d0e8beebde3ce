"""Options and output shared by the commands that write a restitution (one workshop, a forum)."""

from __future__ import annotations

import argparse
from pathlib import Path

from palabre.exports import SEPARATORS
from palabre.i18n import Translator


def add_restitution_options(parser: argparse.ArgumentParser, _: Translator, *,
                            annex: bool = True, sep: bool = True) -> None:
    """``annex`` and ``sep`` off: a restitution with no annex deck and no CSV of its own."""
    parser.add_argument("--out", metavar=_("FOLDER"), required=True, type=Path,
                        help=_("Folder to write the files into (created if needed)."))
    parser.add_argument("--template", metavar="ORG.pptx", type=Path,
                        help=_("The organisation's own PowerPoint template (its master, "
                               "layouts, colours and logo)."))
    if annex:
        parser.add_argument("--annex", action="store_true",
                            help=_("Also write every answer on slides to print, in a separate "
                                   "annex file (the deck itself stays short)."))
    parser.add_argument("--pdf", action="store_true",
                        help=_("Also write the deck as PDF (needs LibreOffice)."))
    if sep:
        parser.add_argument("--sep", choices=SEPARATORS, default=";", metavar=";|,",
                            help=_("Separator of the CSV file (default: ;, as French Excel "
                                   "expects)."))
    # Free text can name people: the open data carries it only on the organiser's explicit
    # choice (None: ask after the review, or leave it out when nobody can answer).
    text = parser.add_mutually_exclusive_group()
    text.add_argument("--open-text", dest="include_text", action="store_const", const=True,
                      help=_("Publish participants' free text in the open-data package: "
                             "only after reviewing the answers palabre lists as looking like "
                             "they carry a name, an e-mail address or a phone number."))
    text.add_argument("--no-text", dest="include_text", action="store_const", const=False,
                      help=_("Leave participants' free text out of the open-data package."))
    parser.set_defaults(include_text=None)


def free_text_left_out(_: Translator) -> None:
    """The line that says the open data has no free text, and how to include it."""
    print(_("Free text is left out of the open data (it can name people). To publish it, "
            "after reviewing the answers, run the command again with --open-text."))
