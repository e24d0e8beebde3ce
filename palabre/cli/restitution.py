"""Options and output shared by the commands that write a restitution (one workshop, a forum)."""

from __future__ import annotations

import argparse
from pathlib import Path

from palabre.exports import SEPARATORS
from palabre.i18n import Translator


def add_restitution_options(parser: argparse.ArgumentParser, _: Translator) -> None:
    parser.add_argument("--out", metavar=_("FOLDER"), required=True, type=Path,
                        help=_("Folder to write the files into (created if needed)."))
    parser.add_argument("--template", metavar="ORG.pptx", type=Path,
                        help=_("The organisation's own PowerPoint template (its master, "
                               "layouts, colours and logo)."))
    parser.add_argument("--annex", action="store_true",
                        help=_("Also write every answer on slides to print, in a separate "
                               "annex file (the deck itself stays short)."))
    parser.add_argument("--pdf", action="store_true",
                        help=_("Also write the deck as PDF (needs LibreOffice)."))
    parser.add_argument("--sep", choices=SEPARATORS, default=";", metavar=";|,",
                        help=_("Separator of the CSV file (default: ;, as French Excel "
                               "expects)."))
    parser.add_argument("--no-text", dest="include_text", action="store_false",
                        help=_("Leave participants' free text out of the open-data package."))
