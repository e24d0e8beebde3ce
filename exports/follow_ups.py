"""What became of the proposals (« droit de suite ») in every restitution made after some were
recorded: the deck's « Suites données » slides, a workbook sheet and an open-data resource of
a workshop (one row per change, so the history is there), and the counts by status per
workshop of a forum or a campaign. Every figure comes from palabre.synthesis.follow_ups.
"""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

from babel.dates import format_date
from palabre.exercises.messages import N_
from pptx.util import Emu

from palabre.labels import STATUS_LABELS
from palabre.store.records import FOLLOW_UP_STATUSES
from palabre.synthesis.follow_ups import Followed, FollowUpResult, totals
from palabre.text import shorten

from .layout import DECISION_PAGES, LINE_EM, MORE_LINES, Size, cell_budget, one_line, table_pages
from .records import C_PHASE, Column, Table, Workshop, utc_naive
from .sheets import phase_sheets, sheet_name

if TYPE_CHECKING:
    from palabre.i18n import Translator

    from .builder import Deck
    from .canvas import Canvas

TITLE = N_("Follow-ups given")
KEY = "follow_ups"
BY_WORKSHOP_KEY = "follow_ups_by_workshop"
SLIDE_WIDTHS = (0.6, 3.1, 2.1, 3.0, 1.5, 1.4)  # no., proposal, status, note, carried by, when
# A committee's restitution names the session of an earlier proposal beside its number.
SERIES_WIDTHS = (1.3, 2.8, 2.1, 2.3, 1.7, 1.5)
GROUP_WIDTHS = (3.0, 1.4, 1.4, 2.2, 1.4, 1.6)  # the group, then each status
PROPOSAL_LINES = 2  # a proposal in the slide's table; the workbook has it whole
OWNER_LINES = 2
NOTE_LINES = 2  # the public note, or why a proposal is not retained

C_MADE_IN = Column("session", N_("Session"), "string",
                   N_("Code of the session where the proposal was made: this one, or an "
                      "earlier session of the same committee."))
C_PROPOSAL = Column("proposal", N_("Proposal no."), "integer",
                    N_("Number of the proposal in the session where it was made."))
C_CHANGE = Column("change", N_("Change"), "integer",
                  N_("Order of this change of the proposal's follow-up, 1 the first."))
C_CURRENT = Column("current", N_("Current"), "boolean",
                   N_("True for the proposal's latest change: its follow-up now."))
C_PROPOSAL_TEXT = Column("text", N_("Proposal"), "string",
                         N_("The proposal as the participant wrote it."), free_text=True)
C_STATUS = Column("status", N_("Status"), "string",
                  N_("What became of the proposal: retained, studying (under study), trial "
                     "(being tried out), done (carried out) or declined (not retained)."),
                  enum=FOLLOW_UP_STATUSES)
C_OWNER = Column("owner", N_("Carried by"), "string",
                 N_("Who carries the proposal (a service, a team)."))
C_DUE = Column("due_on", N_("Expected by"), "date", N_("When the proposal is expected."))
C_NOTE = Column("note", N_("Public note"), "string",
                N_("What the organisers tell the participants about it."))
C_REASON = Column("reason", N_("Reason"), "string",
                  N_("Why the proposal is not retained."))
C_CHANGED = Column("changed_at", N_("Changed (UTC)"), "datetime",
                   N_("When this change was recorded, in UTC."))
C_DECIDED_IN = Column("decided_in", N_("Decided in"), "string",
                      N_("Code of the later session of the committee where this change was "
                         "decided; empty when decided outside a session."))
COUNT_COLUMNS = {status: Column(status, STATUS_LABELS[status], "integer",
                                N_("Proposals with this status now."))
                 for status in FOLLOW_UP_STATUSES}
C_FOLLOWED = Column("followed", N_("With a follow-up"), "integer",
                    N_("Proposals that have a follow-up."))


def follow_up_table(w: Workshop, *, labels: bool) -> Table:
    """Every change of every follow-up, oldest first per proposal: labels for the workbook,
    the status codes for open data."""
    _ = w._
    table = Table(KEY, _(TITLE), [C_MADE_IN, C_PROPOSAL, C_CHANGE, C_CURRENT, C_PHASE,
                                  C_PROPOSAL_TEXT, C_STATUS, C_OWNER, C_DUE, C_NOTE, C_REASON,
                                  C_CHANGED, C_DECIDED_IN])
    for code, item in followed(w):
        for order, change in enumerate(item.history, 1):
            current = order == len(item.history)
            table.rows.append([
                code, item.number, order,
                (_("current") if current else _("earlier")) if labels else current,
                item.phase.id, item.text,
                _(STATUS_LABELS[change.status]) if labels else change.status,
                change.owner, change.due_on, change.note, change.reason,
                utc_naive(change.created_at), change.decided_in or ""])
    return table


def followed(w: Workshop) -> list[tuple[str, Followed]]:
    """(session code, proposal) of the earlier sessions of the committee, then this one's."""
    return [(code, item) for code, result in w.series_follow_ups for item in result.items]


def any_here(w: Workshop) -> bool:
    """Whether this restitution has follow-ups to show (its own or its committee's)."""
    return any(result for _code, result in w.series_follow_ups)


def follow_up_sheet(w: Workshop) -> str:
    """The name ``write_xlsx`` gives the follow-ups' sheet (after the phases' sheets)."""
    taken = {name.lower() for name in phase_sheets(w).values()}
    return sheet_name(w._(TITLE), taken)


def status_line(_: Translator, result: FollowUpResult | dict[str, int]) -> str:
    """« Retenue : 2 · Réalisée : 1 »: the statuses some proposal has."""
    counts = result.by_status if isinstance(result, FollowUpResult) else result
    return " · ".join(_("{status}: {n}", status=_(STATUS_LABELS[status]), n=n)
                      for status, n in counts.items() if n)


def follow_up_slides(deck: Deck) -> None:
    """« Suites données »: each proposal with its status, its public note (for one not
    retained, why), who carries it and by when, on up to DECISION_PAGES slides; a list cut
    there says how many are left and in which sheet."""
    if not any_here(deck.work):
        return
    items = followed(deck.work)
    counts = totals([result for _code, result in deck.work.series_follow_ups])
    own = deck.work.session.code
    _ = deck._
    canvas = deck.canvas
    box = canvas.areas_for("content")[-1].box
    widths = SLIDE_WIDTHS if all(code == own for code, _item in items) else SERIES_WIDTHS
    band, rest = box.take_top(Emu(int(Size.SUBTITLE * LINE_EM * 1.6)))
    more_height = Emu(int(Size.LIST * LINE_EM * MORE_LINES))
    table_box = type(rest)(rest.left, rest.top, rest.width, Emu(rest.height - more_height))
    budget = {column: cell_budget(table_box, widths, column, Size.TABLE, lines)
              for column, lines in ((1, PROPOSAL_LINES), (3, NOTE_LINES), (4, OWNER_LINES))}
    rows = []
    for code, item in items:
        current = item.current
        when = (date.fromisoformat(current.due_on) if item.open and current.due_on
                else item.changed_at.astimezone().date())
        number = str(item.number) if code == own else f"{item.number} ({code})"
        said = " — ".join(x for x in ((current.reason if item.status == "declined" else ""),
                                      current.note) if x)
        rows.append([number, shorten(one_line(item.text), budget[1]),
                     _(STATUS_LABELS[item.status]), shorten(one_line(said), budget[3]) or "–",
                     shorten(one_line(current.owner), budget[4]) or "–",
                     format_date(when, "medium", locale=deck.lang)])
    pages = table_pages(rows, widths, table_box, Size.TABLE, max_rows=len(rows))
    shown_pages = pages[:DECISION_PAGES]
    left_out = len(rows) - sum(len(page) for page in shown_pages)
    title = _(TITLE)
    first = 0
    for number, page in enumerate(shown_pages, 1):
        slide = canvas.slide("content", title if len(shown_pages) == 1 else _(
            "{title} ({page}/{pages})", title=title, page=number, pages=len(shown_pages)))
        canvas.text(slide, band, [status_line(_, counts)], size=Size.SUBTITLE)
        canvas.table(slide, table_box, [_("No."), _("Proposal"), _("Status"), _("Note"),
                                        _("Carried by"), _("Date")], page,
                     widths)
        if left_out and number == len(shown_pages):
            below = type(rest)(rest.left, Emu(rest.top + rest.height - more_height),
                               rest.width, more_height)
            canvas.text(slide, below, [_.ngettext(
                "{n} more follow-up: see the workbook, sheet “{sheet}”.",
                "{n} more follow-ups: see the workbook, sheet “{sheet}”.",
                left_out, sheet=follow_up_sheet(deck.work))], size=Size.LIST)
        canvas.notes(slide, [_("Date: the date expected for a proposal under way, else the "
                               "date of its last change."), *(
            _("No. {number}: {status} — {text}", number=item.number,
              status=_(STATUS_LABELS[item.status]), text=item.text)
            + "".join(f" ({x})" for x in ((item.current.reason if item.status == "declined"
                                           else ""), item.current.note) if x)
            for _code, item in items[first:first + len(page)])])
        first += len(page)


# --- several workshops: a forum, a campaign -------------------------------------------------
def by_group_table(_: Translator, groups: list[tuple[str, list[Workshop]]],
                   lead: Column) -> Table:
    """Proposals by status now, one row per group: a forum's workshops (each alone, by its
    code) or a campaign's forums and local debates (``lead`` names the group's column)."""
    table = Table(BY_WORKSHOP_KEY, _(TITLE), [lead, C_FOLLOWED, *COUNT_COLUMNS.values()])
    for key, workshops in groups:
        results = [w.follow_ups for w in workshops]
        counts = totals(results)
        table.rows.append([key, sum(r.proposals for r in results),
                           *(counts[status] for status in FOLLOW_UP_STATUSES)])
    return table


def any_follow_up(workshops: list[Workshop]) -> bool:
    return any(w.follow_ups for w in workshops)


def by_group_slide(canvas: Canvas, _: Translator, groups: list[tuple[str, list[Workshop]]],
                   heading: str) -> None:
    """« Suites données »: proposals by status for each workshop (or forum), then all
    together, as a table; nothing when no follow-up was recorded anywhere."""
    if not any(any_follow_up(workshops) for _name, workshops in groups):
        return
    widths = GROUP_WIDTHS
    headers = [heading, *(_(STATUS_LABELS[s]) for s in FOLLOW_UP_STATUSES)]
    rows = []
    for name, workshops in groups:
        counts = totals([w.follow_ups for w in workshops])
        rows.append([one_line(name), *(str(counts[s]) for s in FOLLOW_UP_STATUSES)])
    everything = totals([w.follow_ups for _name, workshops in groups for w in workshops])
    rows.append([_("All together"), *(str(everything[s]) for s in FOLLOW_UP_STATUSES)])
    box = canvas.areas_for("content")[-1].box
    pages = table_pages(rows, widths, box, Size.TABLE, max_rows=len(rows))
    for number, page in enumerate(pages, 1):
        title = _(TITLE) if len(pages) == 1 else _("{title} ({page}/{pages})",
                                                   title=_(TITLE), page=number,
                                                   pages=len(pages))
        slide = canvas.slide("content", title)
        canvas.table(slide, canvas.areas_for("content")[-1], headers, page, widths)
        canvas.notes(slide, [status_line(_, everything)])
