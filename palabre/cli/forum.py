"""`palabre forum`: several workshops of one regional forum, and their one restitution.

    palabre forum add NAME CODE…        tag workshops with the forum's name
    palabre forum list                  the forums and their workshops
    palabre forum export NAME --out DIR the consolidated deck, workbook, CSV and open data
"""

from __future__ import annotations

import argparse

from palabre import text as texts
from palabre.exports import ExportError, export_forum
from palabre.i18n import LANGS, Translator

from .common import (
    UserError,
    add_db,
    answers_that_count,
    open_store,
    print_progress,
    report_files,
    shown_url,
    table,
)
from .restitution import add_restitution_options, free_text_left_out


def _common(parser: argparse.ArgumentParser, _: Translator) -> None:
    parser.add_argument("--lang", choices=LANGS, default=_.lang, help=argparse.SUPPRESS)
    add_db(parser, _)


def add_arguments(parser: argparse.ArgumentParser, _: Translator) -> None:
    actions = parser.add_subparsers(dest="action", metavar=_("ACTION"), title=_("actions"))
    actions.required = True
    add = actions.add_parser("add", help=_("Tag workshops as part of a forum."),
                             description=_("Tag workshops as part of a forum."))
    add.add_argument("name", metavar=_("NAME"), help=_("Name of the forum."))
    add.add_argument("codes", metavar=_("CODE"), nargs="+",
                     help=_("Codes of the workshops to tag."))
    _common(add, _)
    add.set_defaults(forum_action=run_add)
    listing = actions.add_parser("list", help=_("List the forums and their workshops."),
                                 description=_("List the forums and their workshops."))
    _common(listing, _)
    listing.set_defaults(forum_action=run_list)
    export = actions.add_parser(
        "export", help=_("Write the consolidated restitution of a forum: deck, workbook, CSV "
                         "and open data."),
        description=_("Write the consolidated restitution of a forum: deck, workbook, CSV "
                      "and open data."))
    export.add_argument("name", metavar=_("NAME"), help=_("Name of the forum."))
    add_restitution_options(export, _)
    _common(export, _)
    export.set_defaults(forum_action=run_export)


def run(args: argparse.Namespace, _: Translator) -> int:
    return args.forum_action(args, _)


def run_add(args: argparse.Namespace, _: Translator) -> int:
    name = texts.clean_short(args.name)
    if not name:
        raise UserError(_("A forum needs a name."))
    store = open_store(args.db, _)
    try:
        unknown = [code for code in args.codes if store.session(code) is None]
        if unknown:  # tag none rather than half of them
            raise UserError(_.ngettext("No workshop has the code {codes}.",
                                       "No workshop has these codes: {codes}.", len(unknown),
                                       codes=", ".join(unknown)))
        for code in args.codes:
            store.update_session(code, forum=name)
        count = len(store.sessions(forum=name))
    finally:
        store.close()
    print(_.ngettext("The forum {name} now has {n} workshop.",
                     "The forum {name} now has {n} workshops.", count, name=name))
    return 0


def run_list(args: argparse.Namespace, _: Translator) -> int:
    store = open_store(args.db, _)
    try:
        found = [s for s in store.sessions() if s.forum]
        answers = answers_that_count(store, [s.code for s in found])
        where = shown_url(store.url)
    finally:
        store.close()
    if not found:
        print(_("No forum in the store {url} yet. Tag workshops with: palabre forum add NAME "
                "CODE…", url=where))
        return 0
    forums: dict[str, list] = {}
    for summary in sorted(found, key=lambda s: s.created_at):
        forums.setdefault(summary.forum, []).append(summary)
    for number, (name, workshops) in enumerate(sorted(forums.items())):
        if number:
            print()
        print(_.ngettext("{name} ({n} workshop)", "{name} ({n} workshops)", len(workshops),
                         name=name))
        rows = [[s.code, s.title, str(s.participants), str(answers[s.code]),
                 s.created_at.astimezone().strftime("%Y-%m-%d")] for s in workshops]
        print(table([_("code"), _("title"), _("participants"), _("answers"), _("created")],
                    rows))
    return 0


def run_export(args: argparse.Namespace, _: Translator) -> int:
    store = open_store(args.db, _)


    try:
        files = export_forum(store, args.name, args.out, lang=_.lang, template=args.template,
                             sep=args.sep, pdf=args.pdf, annex=args.annex,
                             include_text=bool(args.include_text),
                             progress=print_progress)
    except ExportError as error:
        raise UserError(error.translated(_.gettext)) from None
    finally:
        store.close()
    if args.include_text is None:
        free_text_left_out(_)
    return report_files(files, args.out, _)
