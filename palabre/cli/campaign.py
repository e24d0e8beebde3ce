"""`palabre campaign`: regional forums and local debates, and their national restitution.

    palabre campaign add NAME FORUM… [--workshop CODE]… [--region REGION]
    palabre campaign list
    palabre campaign export NAME --out DIR   the national deck, workbook and open data
"""

from __future__ import annotations

import argparse

from palabre import text as texts
from palabre.exports import ExportError, export_campaign
from palabre.i18n import Translator

from .common import (
    UserError,
    answers_that_count,
    open_store,
    print_progress,
    report_files,
    shown_url,
    table,
)
from .forum import _common
from .restitution import add_restitution_options, free_text_left_out


def add_arguments(parser: argparse.ArgumentParser, _: Translator) -> None:
    actions = parser.add_subparsers(dest="action", metavar=_("ACTION"), title=_("actions"))
    actions.required = True
    add = actions.add_parser(
        "add", help=_("Add regional forums and local debates to a campaign."),
        description=_("Add regional forums and local debates to a campaign (made if new). "
                      "Adding a forum again only changes its region."))
    add.add_argument("name", metavar=_("NAME"), help=_("Name of the campaign."))
    add.add_argument("forums", metavar=_("FORUM"), nargs="*",
                     help=_("Names of the forums to add (see palabre forum list)."))
    add.add_argument("--workshop", metavar=_("CODE"), action="append", default=[],
                     dest="workshops",
                     help=_("Code of a local debate to add: a workshop in no forum "
                            "(repeat for several)."))
    add.add_argument("--region", metavar=_("REGION"), default="",
                     help=_("Region of the forums and local debates added by this command."))
    _common(add, _)
    add.set_defaults(campaign_action=run_add)
    listing = actions.add_parser(
        "list", help=_("List the campaigns, their forums and local debates."),
        description=_("List the campaigns, their forums and local debates."))
    _common(listing, _)
    listing.set_defaults(campaign_action=run_list)
    export = actions.add_parser(
        "export", help=_("Write the national restitution of a campaign: deck, workbook and "
                         "open data."),
        description=_("Write the national restitution of a campaign: deck, workbook and "
                      "open data."))
    export.add_argument("name", metavar=_("NAME"), help=_("Name of the campaign."))
    add_restitution_options(export, _, annex=False, sep=False)
    _common(export, _)
    export.set_defaults(campaign_action=run_export)


def run(args: argparse.Namespace, _: Translator) -> int:
    return args.campaign_action(args, _)


def _refuse_members(store, forums: list[str], codes: list[str], _: Translator) -> None:
    """Add none rather than some: an unknown forum, an unknown code, or a workshop that
    belongs to a forum (its forum is what joins a campaign) is refused."""
    tagged = {s.forum for s in store.sessions() if s.forum}
    unknown = [f for f in forums if f not in tagged]
    if unknown:
        raise UserError(_.ngettext("No workshop belongs to the forum {forums}.",
                                   "No workshop belongs to these forums: {forums}.",
                                   len(unknown), forums=", ".join(unknown)))
    sessions = {code: store.session(code) for code in codes}
    missing = [code for code, found in sessions.items() if found is None]
    if missing:
        raise UserError(_.ngettext("No workshop has the code {codes}.",
                                   "No workshop has these codes: {codes}.", len(missing),
                                   codes=", ".join(missing)))
    for code, found in sessions.items():
        if found.forum:
            raise UserError(_("The workshop {code} is part of the forum {forum}: add the "
                              "forum to the campaign, not its workshop.", code=code,
                              forum=found.forum))


def run_add(args: argparse.Namespace, _: Translator) -> int:
    from palabre.store import campaigns

    name = texts.clean_short(args.name)
    if not name:
        raise UserError(_("A campaign needs a name."))
    forums = list(dict.fromkeys(args.forums))
    codes = list(dict.fromkeys(args.workshops))
    if not forums and not codes:
        raise UserError(_("Name at least one forum, or a local debate with --workshop CODE."))
    region = texts.clean_short(args.region)[:100]
    store = open_store(args.db, _)
    try:
        _refuse_members(store, forums, codes, _)
        found = campaigns.add(store, name, forums=[(f, region) for f in forums],
                              workshops=[(c, region) for c in codes])
    finally:
        store.close()
    print(_("The campaign {name} now has {forums} and {debates}.", name=name,
            forums=_.ngettext("{n} forum", "{n} forums", len(found.forums)),
            debates=_.ngettext("{n} local debate", "{n} local debates", len(found.debates))))
    return 0


def run_list(args: argparse.Namespace, _: Translator) -> int:
    from palabre.store import campaigns

    store = open_store(args.db, _)
    try:
        found = campaigns.all_campaigns(store)
        summaries = store.sessions()
        wanted = {m.forum for c in found for m in c.forums}
        answers = answers_that_count(store, [s.code for s in summaries
                                             if s.forum in wanted or s.code in {
                                                 m.code for c in found for m in c.debates}])
        where = shown_url(store.url)
    finally:
        store.close()
    if not found:
        print(_("No campaign in the store {url} yet. Make one with: palabre campaign add NAME "
                "FORUM…", url=where))
        return 0
    by_forum: dict[str, list] = {}
    by_code = {s.code: s for s in summaries}
    for s in summaries:
        if s.forum:
            by_forum.setdefault(s.forum, []).append(s)
    for number, campaign in enumerate(found):
        if number:
            print()
        print(_("{name}: {forums}, {debates}", name=campaign.name,
                forums=_.ngettext("{n} forum", "{n} forums", len(campaign.forums)),
                debates=_.ngettext("{n} local debate", "{n} local debates",
                                   len(campaign.debates))))
        rows = []
        for member in campaign.members:
            held = (by_forum.get(member.forum, []) if member.forum is not None
                    else [by_code[member.code]])
            rows.append([member.forum if member.forum is not None
                         else _("local debate {code}", code=member.code),
                         member.region or "–", str(len(held)),
                         str(sum(s.participants for s in held)),
                         str(sum(answers[s.code] for s in held))])
        print(table([_("forum"), _("region"), _("workshops"), _("participants"),
                     _("answers")], rows))
    return 0


def run_export(args: argparse.Namespace, _: Translator) -> int:
    store = open_store(args.db, _)
    try:
        files = export_campaign(store, args.name, args.out, lang=_.lang, template=args.template,
                                pdf=args.pdf, include_text=bool(args.include_text),
                                progress=print_progress)
    except ExportError as error:
        raise UserError(error.translated(_.gettext)) from None
    finally:
        store.close()
    if args.include_text is None:
        free_text_left_out(_)
    return report_files(files, args.out, _)
