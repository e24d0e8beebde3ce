"""`palabre follow-up CODE NUMBER --status …`: what became of a workshop's proposal
(« droit de suite »), each change kept with its date; `palabre follow-up CODE --list` shows
them all, with the counts by status the restitution shows."""

from __future__ import annotations

import argparse

from palabre import codes, synthesis
from palabre import follow_ups as door
from palabre.i18n import Translator
from palabre.labels import STATUS_LABELS
from palabre.refused import Refused
from palabre.synthesis.follow_ups import FollowUpResult, follow_ups
from palabre.text import shorten

from .common import UserError, add_db, open_store, table

PROPOSAL_CHARS = 60  # a proposal's text in the listing; the workbook has it whole


def add_arguments(parser: argparse.ArgumentParser, _: Translator) -> None:
    parser.add_argument("code", metavar=_("CODE"), help=_("Code of the workshop."))
    parser.add_argument("number", metavar=_("NUMBER"), nargs="?",
                        help=_("Number of the proposal, as the wall and the restitution show "
                               "it."))
    parser.add_argument("--status", metavar=_("STATUS"),
                        help=_("What became of it: retained, studying, trial, done or "
                               "declined (or its French or English label)."))
    parser.add_argument("--owner", metavar=_("WHO"),
                        help=_("Who carries it (a service, a team), for the restitution; "
                               "not shown on the participants' page."))
    parser.add_argument("--due", metavar="YYYY-MM-DD",
                        help=_("When it is expected."))
    parser.add_argument("--note", metavar=_("TEXT"), default="",
                        help=_("A short public note for the participants."))
    parser.add_argument("--reason", metavar=_("TEXT"), default="",
                        help=_("Why it is not retained (needed with declined)."))
    parser.add_argument("--in", dest="decided_in", metavar=_("CODE"),
                        help=_("The later session of the same committee where this change "
                               "was decided (a series: palabre start --series)."))
    parser.add_argument("--list", action="store_true",
                        help=_("List the workshop's follow-ups and their counts by status."))
    add_db(parser, _)


def run(args: argparse.Namespace, _: Translator) -> int:
    if args.list and args.number:
        raise UserError(_("Give either a proposal's number or --list, not both."))
    if not args.list and not args.number:
        raise UserError(_("Give the number of the proposal (palabre follow-up {code} 12 "
                          "--status retained), or --list to see them all.", code=args.code))
    store = open_store(args.db, _)
    try:
        code = codes.normalize(args.code)
        session = store.session(code) if code else None
        if session is None:
            raise UserError(_("No workshop has the code {code} in this store. "
                              "`palabre sessions` lists them.", code=args.code))
        if not args.list:
            values = {"number": args.number, "status": args.status, "owner": args.owner,
                      "due": args.due, "note": args.note, "reason": args.reason}
            try:
                later = door.later_session(store, session, args.decided_in)
                change = door.record(store, session, values, _.gettext, decided_in=later)
            except Refused as refused:
                raise UserError(refused.translated(_.gettext)) from None
            print(_("Follow-up of proposal no. {number} recorded: {status}.",
                    number=change.number, status=_(STATUS_LABELS[change.status])))
        result = follow_ups(store, synthesis.snapshot(store, session.code))
    finally:
        store.close()
    if args.list:
        print(listing(result, _))
    return 0


def listing(result: FollowUpResult, _: Translator) -> str:
    """Each proposal's current follow-up, then the counts by status."""
    labels = STATUS_LABELS
    if not result:
        return _("No follow-up recorded yet for this workshop.")
    rows = [[str(item.number), _(labels[item.status]), item.current.owner or "–",
             item.current.due_on or "–", item.changed_at.astimezone().strftime("%Y-%m-%d"),
             str(len(item.history)), shorten(" ".join(item.text.split()), PROPOSAL_CHARS)]
            for item in result.items]
    lines = [table([_("no."), _("status"), _("carried by"), _("due"), _("last change"),
                    _("changes"), _("proposal")], rows), ""]
    lines.append(" · ".join(_("{status}: {n}", status=_(labels[status]), n=n)
                            for status, n in result.by_status.items()))
    return "\n".join(lines)
