"""`palabre exercises`: the formats a facilitator can pick, and where each one comes from."""

from __future__ import annotations

import argparse

from palabre.i18n import Translator

from .common import formats, table


def add_arguments(parser: argparse.ArgumentParser, _: Translator) -> None:
    parser.add_argument("--exercises", metavar=_("FOLDER"),
                        help=_("Folder of extra format files (YAML), added to the built-in "
                               "formats."))


def run(args: argparse.Namespace, _: Translator) -> int:
    found = formats(args.exercises, _)
    rows = [[exercise.id, exercise.title.get(_.lang), str(len(exercise.phases)),
             exercise.source] for exercise in found.values()]
    print(table([_("id"), _("title"), _("phases"), _("file")], rows))
    return 0
