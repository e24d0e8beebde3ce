"""`palabre sessions`: the workshops kept in a store, to find a code to reopen or export."""

from __future__ import annotations

import argparse

from palabre.i18n import Translator

from .common import add_db, answers_that_count, open_store, shown_url, table


def add_arguments(parser: argparse.ArgumentParser, _: Translator) -> None:
    add_db(parser, _)
    parser.add_argument("--forum", metavar=_("NAME"),
                        help=_("Only the workshops of this forum."))
    parser.add_argument("--series", metavar=_("NAME"),
                        help=_("Only the sessions of this committee, oldest first."))


def run(args: argparse.Namespace, _: Translator) -> int:
    store = open_store(args.db, _)
    try:
        found = store.sessions(forum=args.forum, series=args.series)
        if args.series:
            found = found[::-1]  # a committee's sessions in the order they met
        answers = answers_that_count(store, [s.code for s in found])
        where = shown_url(store.url)
    finally:
        store.close()
    if not found:
        print(_("No workshop in the store {url} yet.", url=where))
        return 0
    rows = [[s.code, s.exercise_id, s.title, str(s.participants), str(answers[s.code]),
             s.created_at.astimezone().strftime("%Y-%m-%d %H:%M")] for s in found]
    print(table([_("code"), _("format"), _("title"), _("participants"), _("answers"),
                 _("created")], rows))
    return 0
