"""The consolidated deck of a forum: what several workshops said together, in about 10 to 20
slides whatever their number.

Slides: cover (the forum's name, days, how many workshops and, when they fit, their towns),
participation by workshop, role and channel (native charts), the themes several workshops
share (each once, with its workshops), themes specific to one, the top proposals in full
(each with its workshop), one summary per workshop (a table of them past SUMMARY_MAX), the
next steps agreed, and where to find the rest. ``--annex`` writes every proposal voted on,
ranked, in a deck of its own.
"""

from __future__ import annotations

from pathlib import Path

from palabre.store.store import CHANNELS, ROLES
from palabre.text import shorten

from .canvas import Canvas
from .deck import LANGUAGE_TAGS, channel_notes, cover_slide, next_steps_slides, open_template
from .follow_ups import by_group_slide
from .forum import Forum, next_steps
from .layout import (
    DECISION_PAGES,
    IDEA_LINES,
    QUESTION_CHARS,
    SUBTITLE_HEIGHT,
    TOP_ITEMS,
    Size,
    TextFit,
    bar_labels,
    chart_label,
    fill,
    largest_fit,
    one_line,
    paragraph_lines,
    table_pages,
)

SUMMARY_MAX = 6  # workshops with a summary slide each; past it, one table of them all
SUMMARY_TOP = 3  # proposals shown on a workshop's summary
SUMMARY_THEMES = 5  # themes shown on a workshop's summary
SPECIFIC_THEMES = 4  # themes specific to a workshop, listed in its row
SPECIFIC_WIDTHS = (2.5, 7.0)  # workshop, its own themes
WORKSHOP_WIDTHS = (5.0, 2.6, 1.9, 1.6)  # workshop, date, participants, answers
ANNEX_WIDTHS = (1.0, 2.2, 1.4, 1.3, 6.5)  # rank, workshop, dots, voters, proposal
FORUM_STEP_WIDTH = 1.8  # the workshop column beside what, who, when
NOTES_ITEMS = 30  # proposals listed in the notes
SIZES = (Size.LIST, Size.SUBTITLE, Size.MIN)


def more_voted(_, left_out: int) -> str:
    """What a top-proposals slide says of the voted proposals it leaves out, and where they
    are (a forum's deck and the national one)."""
    return _.ngettext("{n} more proposal received dots: see the workbook, sheet “{sheet}”.",
                      "{n} more proposals received dots: see the workbook, sheet “{sheet}”.",
                      left_out, sheet=_("top proposals"))


def shared_themes_slide(canvas: Canvas, _, title: str, found: list, lines: list[str]):
    """The themes that recur, a chart of their answers beside their list (``lines``, one a
    theme of ``found``, each with ``label`` and ``answers``); a list cut to the slide says
    how many are left and which sheet has them all. Returns the slide, for its notes."""
    chart_area, list_area = canvas.areas_for("two")
    size, pages = largest_fit(lines, list_area.box, SIZES, reserve=2)
    page = pages[0]
    shown = found[:len(page)]
    numbers = [str(n) for n in range(1, len(page) + 1)]
    labels = bar_labels([t.label for t in shown], numbers)
    slide = canvas.slide("two", title)
    canvas.bar_chart(slide, chart_area, _("Answers"), labels, [t.answers for t in shown])
    text = ([f"{n}. {line}" for n, line in zip(numbers, page, strict=True)]
            if labels is numbers else list(page))
    if len(found) > len(page):
        text.append(_.ngettext("{n} more shared theme: see the workbook, sheet “{sheet}”.",
                               "{n} more shared themes: see the workbook, sheet “{sheet}”.",
                               len(found) - len(page), sheet=_("themes")))
    canvas.text(slide, list_area, text, size=size)
    return slide


class ForumDeckBuilder:
    def __init__(self, forum: Forum, template: str | Path | None = None, *,
                 annex: str | None = None):
        self.forum = forum
        self.lang = forum.lang
        self._ = forum._
        self.annex = annex
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

    def _where(self, codes: tuple[str, ...]) -> str:
        return ", ".join(self.forum.label(code) for code in codes)

    # --- the slides ---------------------------------------------------------------------
    def cover(self) -> None:
        """The number of workshops before their towns: if the towns do not fit, they go
        (the participation chart names them all), never the count."""
        _, forum = self._, self.forum
        lines = [forum.dates(),
                 _.ngettext("{n} workshop", "{n} workshops", len(forum.workshops))]
        towns = " · ".join(forum.towns())
        box = self.canvas.areas_for("content")[-1].box
        size, pages = largest_fit([*lines, towns], box, (Size.MIN,))
        if len(pages) == 1 and len(towns) <= QUESTION_CHARS:
            lines.append(towns)
        cover_slide(self.canvas, forum.name, [line for line in lines if line], [
            _("Consolidated restitution of the forum {name}, exported by palabre.",
              name=forum.name),
            *(f"{forum.full_name(w.session.code)} ({w.session.code}), {w.session.place}"
              for w in forum.workshops)])

    def participation(self) -> None:
        _, forum = self._, self.forum
        figures = forum.counts
        slide = self.canvas.slide("content", _("Participation"))
        summary = " · ".join([
            _.ngettext("{n} workshop", "{n} workshops", len(forum.workshops)),
            _.ngettext("{n} participant", "{n} participants", figures.participants),
            _.ngettext("{n} answer", "{n} answers", figures.answers),
        ])
        body = self.canvas.free(slide, self.canvas.areas_for("content")[-1])
        rest = self._heading(slide, body, summary)
        left, middle, right = rest.columns(3, weights=(1.4, 1.0, 1.0))
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
                              [figures.people_by_channel.get(c, 0) for c in CHANNELS])
        self.canvas.notes(slide, [
            summary,
            *(_("{workshop}: {participants} participants, {answers} answers",
                workshop=forum.full_name(w.session.code),
                participants=w.result.counts.participants,
                answers=w.result.counts.answers) for w in forum.workshops),
            *(f"{first.role(r)}: {figures.by_role.get(r, 0)}" for r in roles),
            *channel_notes(_, first, figures),
        ])

    def recurring(self) -> None:
        """Each theme several workshops share, once, named by its facilitators' title (or an
        answer that stands for it), with the workshops it came up in."""
        _, forum = self._, self.forum
        found = [t for t in forum.themes if t.label and t.recurs]
        title = _("Themes shared across workshops")
        if not found:
            slide = self.canvas.slide("content", title)
            self.canvas.text(slide, self.canvas.areas_for("content")[-1],
                             [_("No theme comes up in more than one workshop.")],
                             size=Size.BODY)
            self.canvas.notes(slide, [_("Themes are grouped from the words the answers "
                                        "share; the workbook lists them all.")])
            return
        lines = [_("{theme} — {workshops}", theme=one_line(t.label),
                   workshops=self._where(t.workshops)) for t in found[:TOP_ITEMS]]
        slide = shared_themes_slide(self.canvas, _, title, found, lines)
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
        """One table row per workshop with themes of its own; none when no workshop has."""
        _, forum = self._, self.forum
        area = self.canvas.areas_for("content")[-1]
        rows, notes = [], []
        for w in forum.workshops:
            own = forum.specific(w.session.code)
            if not own:
                continue
            labels = [one_line(t.label) for t in own[:SPECIFIC_THEMES]]
            more = len(own) - len(labels)
            rows.append([forum.label(w.session.code), " · ".join(labels) + (
                " · " + _.ngettext("{n} more", "{n} more", more) if more else "")])
            notes.append(f"{forum.label(w.session.code)}: "
                         + "; ".join(f"{t.label} ({t.answers})" for t in own))
        if not rows:
            return
        pages = table_pages(rows, SPECIFIC_WIDTHS, area.box, Size.TABLE, max_rows=len(rows))
        title = _("Themes specific to one workshop")
        for number, page in enumerate(pages[:2], 1):
            slide = self.canvas.slide("content", title if len(pages) == 1 else _(
                "{title} ({page}/{pages})", title=title, page=number, pages=min(len(pages), 2)))
            self.canvas.table(slide, area, [_("Workshop"), _("Its own themes")], page,
                              SPECIFIC_WIDTHS)
            self.canvas.notes(slide, notes if number == 1 else [])

    def _top_line(self, found, text: str) -> str:
        _ = self._
        rank = (_("{rank} (tied)", rank=found.tally.rank) if found.tally.tied
                else str(found.tally.rank))
        return _.ngettext("{rank} · {n} dot — {text} ({workshop})",
                          "{rank} · {n} dots — {text} ({workshop})", found.tally.count,
                          rank=rank, text=text, workshop=self.forum.label(found.workshop))

    def top(self) -> None:
        """The forum's top proposals, whole, each with its workshop (two workshops may have
        written the same), on as many slides as they need at a readable size."""
        _, forum = self._, self.forum
        title = _("Top proposals of the forum")
        if not forum.top:
            slide = self.canvas.slide("content", title)
            self.canvas.text(slide, self.canvas.areas_for("content")[-1],
                             [_("No dot was placed in any workshop.")], size=Size.BODY)
            self.canvas.notes(slide, [_("Proposals come from the dot votes of the workshops.")])
            return
        top = forum.top[:TOP_ITEMS]
        lines = [self._top_line(t, one_line(t.tally.label)) for t in top]
        chart_area, list_area = self.canvas.areas_for("two")
        size, pages = largest_fit(lines, list_area.box, SIZES, reserve=1.5)
        role = "two"
        if len(pages) > 1:  # long proposals: the whole width for them, no chart
            role, chart_area, list_area = "content", None, self.canvas.areas_for("content")[-1]
            size, pages = largest_fit(lines, list_area.box, SIZES, reserve=1.5)
        pages = pages[:DECISION_PAGES]
        left_out = len(forum.top) - sum(len(p) for p in pages)
        first = 0
        for number, page in enumerate(pages, 1):
            on_page = top[first:first + len(page)]
            slide = self.canvas.slide(role, title if len(pages) == 1 else _(
                "{title} ({page}/{pages})", title=title, page=number, pages=len(pages)))
            if chart_area is not None:
                self.canvas.bar_chart(slide, chart_area, _("Dots"),
                                      [str(t.tally.rank) for t in on_page],
                                      [t.tally.count for t in on_page])
            text = list(page)
            if left_out and number == len(pages):
                text.append(more_voted(_, left_out))
            self.canvas.text(slide, list_area, text, size=size)
            self.canvas.notes(slide, [
                _("Dots are counted in each workshop's own vote, then ranked together."),
                *(_("{workshop}, no. {id}: {dots} dots from {voters} people. {text}",
                    workshop=forum.label(t.workshop), id=t.tally.item.number, dots=t.tally.count,
                    voters=t.tally.voters, text=t.tally.label)
                  for t in (forum.top[:NOTES_ITEMS] if number == 1 else on_page)),
            ])
            first += len(page)

    def summaries(self) -> None:
        """One slide per workshop (its question, figures, first proposals and themes), or,
        past SUMMARY_MAX workshops, one table of them all: the deck stays short."""
        _, forum = self._, self.forum
        if len(forum.workshops) > SUMMARY_MAX:
            self.workshops_table()
            return
        for w in forum.workshops:
            code = w.session.code
            slide = self.canvas.slide("content", forum.full_name(code))
            body = self.canvas.free(slide, self.canvas.areas_for("content")[-1])
            question = w.exercise.question.get(self.lang)
            band, rest = body.take_top(SUBTITLE_HEIGHT * 2)
            facts = [
                forum.date(w.session.held_on) if w.session.held_on else "",
                _.ngettext("{n} participant", "{n} participants", w.result.counts.participants),
                _.ngettext("{n} answer", "{n} answers", w.result.counts.answers),
            ]
            self.canvas.text(slide, band, [shorten(one_line(question), QUESTION_CHARS // 3),
                                           " · ".join(f for f in facts if f)],
                             size=Size.MIN, bold_first=True)
            left, right = rest.columns(2)
            top = [t for t in forum.top if t.workshop == code][:SUMMARY_TOP]
            top_lines = [_.ngettext("{n} dot — {text}", "{n} dots — {text}", t.tally.count,
                                    text=one_line(t.tally.label)) for t in top]
            box = self._heading(slide, left, _("Top proposals"))
            size, pages = largest_fit(top_lines or [_("No dot was placed.")], box, SIZES)
            self.canvas.text(slide, box, pages[0], size=size)
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

    def workshops_table(self) -> None:
        _, forum = self._, self.forum
        area = self.canvas.areas_for("content")[-1]
        rows = [[forum.full_name(w.session.code),
                 forum.date(w.session.held_on) if w.session.held_on else "–",
                 str(w.result.counts.participants), str(w.result.counts.answers)]
                for w in forum.workshops]
        pages = table_pages(rows, WORKSHOP_WIDTHS, area.box, Size.TABLE, max_rows=len(rows))
        title = _("The workshops")
        for number, page in enumerate(pages, 1):
            slide = self.canvas.slide("content", title if len(pages) == 1 else _(
                "{title} ({page}/{pages})", title=title, page=number, pages=len(pages)))
            self.canvas.table(slide, area, [_("Workshop"), _("Date"), _("Participants"),
                                            _("Answers")], page, WORKSHOP_WIDTHS)
            self.canvas.notes(slide, [f"{forum.full_name(w.session.code)}: "
                                      f"{w.exercise.question.get(self.lang)}"
                                      for w in forum.workshops])

    def steps(self) -> None:
        _, forum = self._, self.forum
        next_steps_slides(self.canvas, _, [(step, (forum.label(code),))
                                           for code, step in next_steps(forum)],
                          extra=(_("Workshop"),), extra_widths=(FORUM_STEP_WIDTH,))

    def the_rest(self) -> None:
        _, forum = self._, self.forum
        lines = [_("Every answer of every workshop, in full, is in the workbook {file} "
                   "(sheets « top proposals », « themes », then participants, votes and raw "
                   "answers) and in the CSV file.", file=f"{forum.slug}-contributions.xlsx")]
        if self.annex:
            lines.append(_("Every proposal voted on, ranked, on slides to print: {file}.",
                           file=self.annex))
        if not next_steps(forum):
            lines.append(_("No next step was recorded in any workshop: agree on who does "
                           "what, and by when, before sending this restitution."))
        self.canvas.lines_slide(_("Where to find everything"), lines)

    def build(self, path: Path) -> Path:
        self.cover()
        self.participation()
        self.recurring()
        self.specific()
        self.top()
        self.summaries()
        self.steps()
        by_group_slide(self.canvas, self._, [(self.forum.label(w.session.code), [w])
                                             for w in self.forum.workshops], self._("Workshop"))
        self.the_rest()
        return self.save(path)

    def save(self, path: Path) -> Path:
        for slide in self.canvas.deck.slides:
            self.canvas.drop_unused(slide)
        props = self.canvas.deck.core_properties
        props.title = self.forum.name[:255]
        props.language = self.canvas.lang
        self.canvas.deck.save(path)
        return path

    def annex_deck(self, path: Path) -> Path:
        """Every proposal that received dots, ranked across the forum, with its workshop,
        whole. Every answer of every workshop is in the workbook."""
        _, forum = self._, self.forum
        cover_slide(self.canvas, _("Annex: {title}", title=forum.name),
                    [_("Every proposal voted on, ranked across the forum.")], [])
        area = self.canvas.areas_for("content")[-1]
        rows = [[str(t.tally.rank), forum.label(t.workshop), str(t.tally.count),
                 str(t.tally.voters), one_line(t.tally.label)] for t in forum.top]
        pages = table_pages(rows, ANNEX_WIDTHS, area.box, Size.TABLE, max_rows=len(rows) or 1)
        for number, page in enumerate(pages, 1):
            slide = self.canvas.slide("content", _(
                "Annex: every proposal voted on ({page}/{pages})", page=number,
                pages=len(pages)))
            self.canvas.table(slide, area, [_("Rank"), _("Workshop"), _("Dots"), _("Voters"),
                                            _("Proposal")], page, ANNEX_WIDTHS)
        return self.save(path)


def write_forum_deck(forum: Forum, path: Path, *, template: str | Path | None = None,
                     annex: str | None = None) -> Path:
    return ForumDeckBuilder(forum, template, annex=annex).build(path)


def write_forum_annex(forum: Forum, path: Path, *, template: str | Path | None = None) -> Path:
    return ForumDeckBuilder(forum, template).annex_deck(path)
