"""The consolidated deck of a forum: what several workshops said together.

Slides: cover (the forum's name, days and places), participation by workshop and by role
(native charts), themes that recur across workshops, themes specific to one, the top proposals
of every vote (each with its workshop), one summary per workshop, the next steps, and an
annex ranking every proposal voted on. Same template, budgets and rules as a workshop's deck;
every answer is in the workbook and the CSV file.
"""

from __future__ import annotations

from pathlib import Path

from pptx.enum.shapes import PP_PLACEHOLDER

from palabre.store.store import CHANNELS, ROLES
from palabre.text import shorten

from .canvas import Canvas
from .deck import LANGUAGE_TAGS, next_steps_slides, open_template
from .forum import Forum, next_steps
from .layout import (
    ANNEX_LINES,
    ANNEX_ROWS,
    CHART_LABEL_CHARS,
    IDEA_LINES,
    QUESTION_CHARS,
    SUBTITLE_HEIGHT,
    TOP_ITEMS,
    Size,
    TextFit,
    cell_budget,
    chart_label,
    fill,
    one_line,
    paragraph_lines,
    row_height,
    table_pages,
)

SUMMARY_TOP = 3  # proposals shown on a workshop's summary
SUMMARY_THEMES = 5  # themes shown on a workshop's summary
SPECIFIC_THEMES = 4  # themes specific to a workshop, listed in its row
SPECIFIC_WIDTHS = (2.0, 7.0)  # workshop, its own themes
FORUM_ANNEX_WIDTHS = (0.6, 1.6, 0.7, 0.8, 8.3)  # rank, workshop, dots, voters, proposal
FORUM_STEP_WIDTH = 1.8  # the workshop column beside what, who, when
NOTES_ITEMS = 30  # proposals listed in the notes


class ForumDeckBuilder:
    def __init__(self, forum: Forum, template: str | Path | None = None):
        self.forum = forum
        self.lang = forum.lang
        self._ = forum._
        self.canvas = Canvas(open_template(template), lang=LANGUAGE_TAGS.get(self.lang, "fr-FR"))

    def _list(self, slide, box, texts: list[str], more: str) -> None:
        fit = TextFit.of(box.width, box.height, Size.LIST)
        lines = fill([one_line(t) for t in texts], fit, item_lines=IDEA_LINES, more=more,
                     spacing_lines=paragraph_lines(Size.LIST))
        self.canvas.text(slide, box, lines or ["–"], size=Size.LIST)

    def _heading(self, slide, box, text: str):
        band, rest = box.take_top(SUBTITLE_HEIGHT)
        self.canvas.text(slide, band, [text], size=Size.BODY, bold_first=True)
        return rest

    # --- the slides ---------------------------------------------------------------------
    def cover(self) -> None:
        _, forum = self._, self.forum
        slide = self.canvas.slide("cover", forum.name)
        lines = [forum.dates(), " · ".join(forum.places()),
                 _.ngettext("{n} workshop", "{n} workshops", len(forum.workshops))]
        lines = [line for line in lines if line]
        subtitle = self.canvas.placeholder(slide, PP_PLACEHOLDER.SUBTITLE)
        if subtitle is not None:
            subtitle.text_frame.text = "\n".join(lines)
        else:
            self.canvas.text(slide, self.canvas.body(slide), lines, size=Size.BODY)
        self.canvas.notes(slide, [
            _("Consolidated restitution of the forum {name}, exported by palabre.",
              name=forum.name),
            *(f"{forum.label(w.session.code)}: {w.session.title} ({w.session.code})"
              for w in forum.workshops),
        ])

    def participation(self) -> None:
        _, forum = self._, self.forum
        figures = forum.counts
        slide = self.canvas.slide("title_only", _("Participation"))
        summary = " · ".join([
            _.ngettext("{n} workshop", "{n} workshops", len(forum.workshops)),
            _.ngettext("{n} participant", "{n} participants", figures.participants),
            _.ngettext("{n} answer", "{n} answers", figures.answers),
        ])
        rest = self._heading(slide, self.canvas.body(slide), summary)
        left, middle, right = rest.columns(3)
        people = [w.result.counts.participants for w in forum.workshops]
        self.canvas.bar_chart(slide, left, _("Participants by workshop"),
                              [chart_label(forum.label(w.session.code), w.session.code)
                               for w in forum.workshops], people)
        first = forum.workshops[0]
        roles = [*ROLES, *(["unknown"] if figures.by_role.get("unknown") else [])]
        self.canvas.bar_chart(slide, middle, _("Participants by role"),
                              [chart_label(first.role(r), r) for r in roles],
                              [figures.by_role.get(r, 0) for r in roles], horizontal=False)
        self.canvas.bar_chart(slide, right, _("Participants by channel"),
                              [chart_label(first.channel(c), c) for c in CHANNELS],
                              [figures.people_by_channel.get(c, 0) for c in CHANNELS],
                              horizontal=False)
        self.canvas.notes(slide, [
            summary,
            *(_("{workshop}: {participants} participants, {answers} answers",
                workshop=forum.label(w.session.code), participants=w.result.counts.participants,
                answers=w.result.counts.answers) for w in forum.workshops),
            *(f"{first.role(r)}: {figures.by_role.get(r, 0)}" for r in roles),
            *(_("{channel}: {people} people, {answers} answers",
                channel=first.channel(c), people=figures.people_by_channel.get(c, 0),
                answers=figures.answers_by_channel.get(c, 0)) for c in CHANNELS),
            _("A participant is a phone, a person at a kiosk (who gives their number when "
              "they come back), or a numbered box of a paper table card typed in by the "
              "team: each is counted once, whatever the phase. A replaced ballot is not "
              "counted."),
        ])

    def _where(self, codes: tuple[str, ...]) -> str:
        return ", ".join(self.forum.label(code) for code in codes)

    def recurring(self) -> None:
        _, forum = self._, self.forum
        found = [t for t in forum.themes if t.label and t.recurs]
        slide = self.canvas.slide("title_only", _("Themes shared across workshops"))
        body = self.canvas.body(slide)
        if not found:
            self.canvas.text(slide, body, [_("No theme comes up in more than one workshop.")],
                             size=Size.BODY)
            self.canvas.notes(slide, [_("Themes are grouped from the words the answers share; "
                                        "the workbook lists them all.")])
            return
        shown = found[:TOP_ITEMS]
        chart_box, list_box = body.columns(2, weights=(1.0, 1.3))
        self.canvas.bar_chart(slide, chart_box, _("Answers"),
                              [chart_label(t.label, str(n)) for n, t in enumerate(shown, 1)],
                              [t.answers for t in shown])
        self._list(slide, list_box, [
            _("{theme} — {workshops}", theme=t.label, workshops=self._where(t.workshops))
            for t in found], more=_("… and {n} more: see the workbook."))
        self.canvas.notes(slide, [
            _("Themes are grouped from the words the answers share; the workbook lists them "
              "all."),
            *(_.ngettext("{theme}: {n} answer, in {workshops}",
                         "{theme}: {n} answers, in {workshops}", t.answers, theme=t.label,
                         workshops=self._where(t.workshops))
              + "".join(f"\n  - {one_line(i.quote)}" for i in t.items[:NOTES_ITEMS])
              for t in found),
        ])

    def specific(self) -> None:
        _, forum = self._, self.forum
        box = self.canvas.body_for("title_only")
        budget = cell_budget(box, SPECIFIC_WIDTHS, 1, Size.TABLE, 3)
        rows, notes = [], []
        for w in forum.workshops:
            own = forum.specific(w.session.code)
            labels = [t.label for t in own[:SPECIFIC_THEMES]]
            rows.append([forum.label(w.session.code),
                         shorten(" · ".join(labels), budget) or _("none")])
            notes.append(f"{forum.label(w.session.code)}: " + (
                "; ".join(f"{t.label} ({t.answers})" for t in own) or _("none")))
        pages = table_pages(rows, SPECIFIC_WIDTHS, box, Size.TABLE, max_rows=ANNEX_ROWS)
        title = _("Themes specific to one workshop")
        for number, page in enumerate(pages, 1):
            slide = self.canvas.slide("title_only", title if len(pages) == 1 else _(
                "{title} ({page}/{pages})", title=title, page=number, pages=len(pages)))
            self.canvas.table(slide, box, [_("Workshop"), _("Its own themes")], page,
                              SPECIFIC_WIDTHS, row_height=row_height(1))
            self.canvas.notes(slide, notes if number == 1 else [])

    def top(self) -> None:
        _, forum = self._, self.forum
        slide = self.canvas.slide("title_only", _("Top proposals of the forum"))
        body = self.canvas.body(slide)
        if not forum.top:
            self.canvas.text(slide, body, [_("No dot was placed in any workshop.")],
                             size=Size.BODY)
            self.canvas.notes(slide, [_("Proposals come from the dot votes of the workshops.")])
            return
        shown = forum.top[:TOP_ITEMS]
        left_out = len(forum.top) - len(shown)
        chart_box, list_box = body.columns(2, weights=(1.0, 1.2))
        # A proposal is named with its workshop: two workshops may have written the same.
        self.canvas.bar_chart(slide, chart_box, _("Dots"),
                              [chart_label(_("{text} ({workshop})", text=shorten(
                                  one_line(t.tally.label), CHART_LABEL_CHARS // 2),
                                  workshop=forum.label(t.workshop)), str(n))
                               for n, t in enumerate(shown, 1)], [t.tally.count for t in shown])
        fit = TextFit.of(list_box.width, list_box.height, Size.LIST)
        spacing = paragraph_lines(Size.LIST)
        rows = len(shown) + (1 if left_out else 0)
        per_item = max(int((fit.lines - spacing * rows) // rows), 1)

        def line(found, text: str) -> str:
            rank = (_("{rank} (tied)", rank=found.tally.rank) if found.tally.tied
                    else str(found.tally.rank))
            return _.ngettext("{rank} · {n} dot — {text} ({workshop})",
                              "{rank} · {n} dots — {text} ({workshop})", found.tally.count,
                              rank=rank, text=text, workshop=forum.label(found.workshop))

        # The proposal's text gives way, never its rank nor its workshop.
        lines = [line(t, shorten(one_line(t.tally.label),
                                 max(fit.budget(per_item) - len(line(t, "")), 10)))
                 for t in shown]
        if left_out:
            lines.append(_.ngettext(
                "{n} more proposal received dots: see the workbook, sheet “{sheet}”.",
                "{n} more proposals received dots: see the workbook, sheet “{sheet}”.",
                left_out, sheet=_("top proposals")))
        self.canvas.text(slide, list_box, lines, size=Size.LIST)
        self.canvas.notes(slide, [
            _("Dots are counted in each workshop's own vote, then ranked together."),
            *(_("{workshop}, no. {id}: {dots} dots from {voters} people. {text}",
                workshop=forum.label(t.workshop), id=t.tally.item.id, dots=t.tally.count,
                voters=t.tally.voters, text=t.tally.label) for t in forum.top[:NOTES_ITEMS]),
        ])

    def summaries(self) -> None:
        _, forum = self._, self.forum
        for w in forum.workshops:
            code = w.session.code
            slide = self.canvas.slide("title_only", forum.label(code))
            body = self.canvas.body(slide)
            question = w.exercise.question.get(self.lang)
            band, rest = body.take_top(SUBTITLE_HEIGHT * 2)
            facts = [
                w.session.title,
                forum.date(w.session.held_on) if w.session.held_on else "",
                _.ngettext("{n} participant", "{n} participants", w.result.counts.participants),
                _.ngettext("{n} answer", "{n} answers", w.result.counts.answers),
            ]
            self.canvas.text(slide, band, [shorten(one_line(question), QUESTION_CHARS // 2),
                                           " · ".join(f for f in facts if f)],
                             size=Size.SUBTITLE, bold_first=True)
            left, right = rest.columns(2)
            top = [t for t in forum.top if t.workshop == code][:SUMMARY_TOP]
            top_lines = [_.ngettext("{n} dot — {text}", "{n} dots — {text}", t.tally.count,
                                    text=t.tally.label) for t in top]
            self._list(slide, self._heading(slide, left, _("Top proposals")),
                       top_lines or [_("No dot was placed.")],
                       more=_("{n} more: see the workbook.", n="{n}"))
            themes = forum.workshop_themes(code)[:SUMMARY_THEMES]
            self._list(slide, self._heading(slide, right, _("Themes")),
                       themes or [_("No theme.")],
                       more=_("{n} more: see the workbook.", n="{n}"))
            self.canvas.notes(slide, [
                question,
                _("Workshop {code}: {title}", code=code, title=w.session.title),
                *top_lines,
                *themes,
            ])

    def steps(self) -> None:
        _, forum = self._, self.forum
        next_steps_slides(self.canvas, _, [(step, (forum.label(code),))
                                           for code, step in next_steps(forum)],
                          none_recorded=_("No next step was recorded in any workshop."),
                          extra=(_("Workshop"),), extra_widths=(FORUM_STEP_WIDTH,))

    def annex(self) -> None:
        """Every proposal that received dots, ranked across the forum, with its workshop.
        Every answer of every workshop is in the workbook: thousands of them on slides would
        make a deck nobody opens."""
        _, forum = self._, self.forum
        if not forum.top:
            return
        box = self.canvas.body_for("title_only")
        budget = cell_budget(box, FORUM_ANNEX_WIDTHS, 4, Size.TABLE, ANNEX_LINES)
        place_budget = cell_budget(box, FORUM_ANNEX_WIDTHS, 1, Size.TABLE, 2)
        rows = [[str(t.tally.rank), shorten(forum.label(t.workshop), place_budget),
                 str(t.tally.count), str(t.tally.voters), shorten(one_line(t.tally.label), budget)]
                for t in forum.top]
        pages = table_pages(rows, FORUM_ANNEX_WIDTHS, box, Size.TABLE, max_rows=ANNEX_ROWS)
        for number, page in enumerate(pages, 1):
            slide = self.canvas.slide("title_only", _(
                "Annex: every proposal voted on ({page}/{pages})", page=number,
                pages=len(pages)))
            self.canvas.table(slide, box, [_("Rank"), _("Workshop"), _("Dots"), _("Voters"),
                                           _("Proposal")], page, FORUM_ANNEX_WIDTHS,
                              row_height=row_height(1))
            if number == 1:
                self.canvas.notes(slide, [_("Every answer of every workshop is in the workbook "
                                            "(raw sheet) and the CSV file.")])

    def build(self, path: Path) -> Path:
        self.cover()
        self.participation()
        self.recurring()
        self.specific()
        self.top()
        self.summaries()
        self.steps()
        self.annex()
        props = self.canvas.deck.core_properties
        props.title = self.forum.name[:255]
        props.language = self.canvas.lang
        self.canvas.deck.save(path)
        return path


def write_forum_deck(forum: Forum, path: Path, *, template: str | Path | None = None) -> Path:
    return ForumDeckBuilder(forum, template).build(path)
