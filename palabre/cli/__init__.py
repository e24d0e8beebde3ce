"""The `palabre` command: one parser, one table of subcommands, one module per subcommand.

Every message goes through the chosen language (``--lang`` or ``PALABRE_LANG``, French by
default), argparse's own words included. A person's mistake exits with code 2 and one clear
line; anything unexpected exits with code 1 and a short message (the traceback only with
``PALABRE_DEBUG=1``).
"""

from __future__ import annotations

import argparse
import importlib
import os
import sys
import traceback
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from types import ModuleType

from palabre import __version__, settings
from palabre.i18n import LANGS, N_, Translator, translations

from .common import UserError


@dataclass(frozen=True)
class Command:
    name: str
    help: str  # an English msgid, translated when the parser is built
    module: str  # palabre.cli.<module>, imported only when its command runs

    def load(self) -> ModuleType:
        return importlib.import_module(f"{__name__}.{self.module}")


# The one table of subcommands: each module has add_arguments(parser, _) and run(args, _).
# Modules are imported only for the command given (the store, the exports and the server
# are heavy), so `palabre --help` or `palabre exercises` answer at once.
COMMANDS: tuple[Command, ...] = (
    Command("start", N_("Create or reopen a workshop and start the server for phones and the "
                        "projector."), "start"),
    Command("exercises", N_("List the workshop formats (built-in and from --exercises)."),
            "exercises"),
    Command("sessions", N_("List the workshops kept in the store."), "sessions"),
    Command("export", N_("Write the restitution of a workshop: deck, workbook, CSV and open "
                         "data."), "export"),
    Command("forum", N_("Group workshops into a regional forum and write its consolidated "
                        "restitution."), "forum"),
    Command("campaign", N_("Gather regional forums and local debates into a national "
                           "campaign and write its national restitution."), "campaign"),
    Command("handout", N_("Write the poster to join a workshop, ready to print: QR code, "
                          "address, code and question."), "handout"),
    Command("printables", N_("Write a workshop's paper, ready to print: handout, table cards, "
                             "ballots and persona cards."), "printables"),
    Command("follow-up", N_("Record what became of a workshop's proposal (status, who carries "
                            "it, by when, a public note), or --list them."), "follow_up"),
    Command("simulate", N_("Simulated phones that join a workshop and answer the current "
                           "phase, for rehearsals and load tests."), "simulate"),
    Command("archive", N_("Write one workshop to one file (everything of it, with a checksum) "
                          "to carry it to another store."), "archive"),
    Command("import", N_("Add a workshop's archive to this store; importing it again adds "
                         "nothing, a later archive adds what is new."), "imports"),
)


def _chosen(argv: list[str]) -> str | None:
    """The subcommand named on the line, found before parsing (after any --lang)."""
    skip = False
    for arg in argv:
        if skip:
            skip = False
        elif arg == "--lang":
            skip = True
        elif not arg.startswith("-"):
            return arg
    return None


def _language(argv: list[str]) -> str:
    """The language is needed before parsing, to translate the help itself."""
    for index, arg in enumerate(argv):
        if arg == "--lang" and index + 1 < len(argv):
            return argv[index + 1]
        if arg.startswith("--lang="):
            return arg.split("=", 1)[1]
    return str(settings.get("lang"))


@contextmanager
def _argparse_speaks(_: Translator) -> Iterator[None]:
    """argparse looks its words up in its module's gettext; lend it ours while parsing."""
    saved = argparse._, argparse.ngettext
    argparse._ = _.gettext
    argparse.ngettext = translations(_.lang).ngettext
    try:
        yield
    finally:
        argparse._, argparse.ngettext = saved


def build_parser(_: Translator, chosen: str | None = None) -> argparse.ArgumentParser:
    """Every command is listed; only the chosen one (all when None) gets its options."""
    parser = argparse.ArgumentParser(
        prog="palabre",
        description=_("palabre: in-person participatory workshops with phones, paper and a "
                      "projector."))
    parser.add_argument("--lang", choices=LANGS, default=_.lang,
                        help=_("Language of the messages: fr or en (default: {lang}).",
                               lang=_.lang))
    parser.add_argument("--version", action="version", version=f"palabre {__version__}",
                        help=_("Show palabre's version and exit."))
    subparsers = parser.add_subparsers(dest="command", metavar=_("COMMAND"),
                                       title=_("commands"))
    subparsers.required = True
    for command in COMMANDS:
        sub = subparsers.add_parser(command.name, help=_(command.help),
                                    description=_(command.help))
        sub.add_argument("--lang", choices=LANGS, default=_.lang, help=argparse.SUPPRESS)
        if chosen is None or command.name == chosen:
            module = command.load()
            module.add_arguments(sub, _)
            sub.set_defaults(run=module.run)
    return parser


def main(argv: list[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    _ = Translator(_language(argv))
    with _argparse_speaks(_):
        chosen = _chosen(argv)
        parser = build_parser(_, chosen if chosen in {c.name for c in COMMANDS} else "")
        try:
            args = parser.parse_args(argv)
        except SystemExit as exit_:
            return int(exit_.code or 0)
    _ = Translator(args.lang)
    run: Callable[[argparse.Namespace, Translator], int] = args.run
    try:
        return run(args, _)
    except UserError as error:
        print(_("palabre: {problem}", problem=error.message), file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        print(file=sys.stderr)
        return 130
    except Exception as error:  # noqa: BLE001 - the last line of defence before a traceback
        if os.environ.get("PALABRE_DEBUG") == "1":
            traceback.print_exc()
        else:
            print(_("palabre: unexpected error: {error}. Run again with PALABRE_DEBUG=1 to "
                    "see the details.", error=f"{type(error).__name__}: {error}"),
                  file=sys.stderr)
        return 1


if __name__ == "__main__":
    sys.exit(main())
