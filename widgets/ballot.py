"""What a dot vote is on, chosen from the console: the themes, a shortlist, every answer, or
the default by room size (palabre.synthesis.ballot). The choice is a board, so the phones,
the paper ballots and the tally all read the same one."""

from __future__ import annotations

import html
import re

from ipywidgets import HTML, Dropdown, Layout, Text

from palabre import boards, synthesis
from palabre.i18n import N_, Translator
from palabre.store import Store

from .panel import Panel, PanelContext
from .style import button, row

CHOICES = (("auto", N_("By room size (default)")), ("themes", N_("The themes")),
           ("shortlist", N_("A shortlist")), ("all", N_("Every answer")))
MODE_LABELS = {"themes": N_("the themes"), "shortlist": N_("a shortlist"),
               "all": N_("every answer")}


def numbers(raw: str) -> list[int]:
    """'12 15, 18': the answers' numbers, as the wall shows them."""
    return [int(n) for n in re.findall(r"\d+", raw or "")]


def summary_html(ballot: synthesis.Ballot, t: Translator) -> str:
    """One line: what the vote is on, how many lines, and what no line carries."""
    _ = t.gettext
    said = [_("On the ballot: {what}, {n} lines.", what=_(MODE_LABELS[ballot.mode]),
              n=len(ballot.entries))]
    if not ballot.chosen:
        said.append(_("Chosen by room size; choose below to change it."))
    if ballot.mode == "shortlist" and not ballot.chosen:
        said.append(_("The shortlist was drawn by lot."))
    if ballot.left_out:
        said.append(t.ngettext("{n} answer is on no line.", "{n} answers are on no line.",
                               ballot.left_out))
    if len(ballot.entries) > synthesis.AT_MOST:
        said.append(_("Long for a phone: {most} lines at most read well.",
                      most=synthesis.AT_MOST))
    return f'<p class="palabre-ballot-summary">{html.escape(" ".join(said))}</p>'


class BallotPanel(Panel):
    """In a dot vote: what goes to the vote (palabre.boards.set_ballot)."""

    def __init__(self, translator: Translator, **kwargs):
        _ = translator.gettext
        self.mode = Dropdown(options=[(_(label), value) for value, label in CHOICES],
                             description=_("Vote on"), layout=Layout(width="22em"))
        self.mode.add_class("palabre-ballot-mode")
        self.shortlist = Text(placeholder=_("Numbers of the answers, e.g. 12 15 18"),
                              description=_("Shortlist"), layout=Layout(width="28em"))
        self.shortlist.add_class("palabre-ballot-shortlist")
        self.apply_button = button(_("Put to the vote"), "palabre-ballot-apply", "check")
        self.summary = HTML()
        self.summary.add_class("palabre-ballot-panel")
        self._row = row([self.mode, self.shortlist, self.apply_button])
        self._where: tuple[Store, str, str] | None = None
        super().__init__(translator, [self.summary, self._row], **kwargs)

    def attach(self, room) -> None:
        super().attach(room)
        self.apply_button.on_click(room.guarded(
            lambda: self.choose(self.mode.value, numbers(self.shortlist.value))))

    def choose(self, mode: str, items: list[int] | None = None) -> dict:
        """Put the themes, a shortlist, every answer or the default ("auto") to the vote."""
        store, code, phase_id = self._where
        _ = self._t.gettext
        if mode == "shortlist" and not items:
            self.summary.value = html.escape(_("Type the numbers of the answers to put on "
                                               "the shortlist, as the wall shows them."))
            return {}
        try:
            chosen = boards.set_ballot(store, store.session(code), phase_id,
                                       None if mode == "auto" else mode, items)
        except boards.UnknownAnswers as unknown:
            self.summary.value = html.escape(_("No answer numbered {n} is in the phase voted "
                                               "on.", n=unknown.numbers[0]))
            return {}
        if self.room is not None:
            self.room.refresh()
        return chosen

    def load(self, context: PanelContext):
        if context.phase.kind != "vote":
            return None
        self._where = (context.store, context.session.code, context.phase.id)
        if isinstance(context.result, synthesis.VoteResult) and context.result.ballot:
            return context.result.ballot
        return synthesis.vote_ballot(context.store, context.session, context.phase)

    def draw(self, ballot: synthesis.Ballot) -> None:
        shown = summary_html(ballot, self._t)
        if self.summary.value != shown:
            self.summary.value = shown

    def parts(self) -> tuple:
        return (self.mode, self.shortlist, self.apply_button, self.summary, self._row)
