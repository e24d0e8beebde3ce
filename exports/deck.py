"""The restitution deck: an editable 16:9 PowerPoint, in the language chosen at export.

Slides: cover, the question (and its inverted form), method and agenda as run, participation
(native charts), one or more slides per phase through the registry of ``slides``, the next
steps agreed, and an annex with every visible answer in tables. An organisation's own
template (its master, layouts, colours and logo) replaces the shipped one with ``template=``.
"""

from __future__ import annotations

from datetime import date
from importlib import resources
from pathlib import Path
from zipfile import BadZipFile

from babel.dates import format_date
from palabre.exercises.messages import N_
from pptx import Presentation
from pptx.enum.shapes import PP_PLACEHOLDER
from pptx.exc import PackageNotFoundError

from palabre.store.store import CHANNELS, ROLES
from palabre.text import shorten

from . import slides
from .canvas import Canvas, remove_slides
from .errors import ExportError
from .layout import (
    ANNEX_LINES,
    ANNEX_ROWS,
    PROMPT_CHARS,
    QUESTION_CHARS,
    SUBTITLE_HEIGHT,
    Box,
    Size,
    cell_budget,
    chart_label,
    one_line,
    row_height,
    table_pages,
)
from .records import Workshop

TEMPLATE = "palabre-16x9.pptx"
LANGUAGE_TAGS = {"fr": "fr-FR", "en": "en-GB"}
ANNEX_WIDTHS = (0.6, 1.6, 1.3, 8.5)  # No., phase, role, answer
AGENDA_WIDTHS = (0.5, 3.0, 2.0, 1.2, 1.2)  # #, phase, kind, timebox, answers
STEP_WIDTHS = (6.0, 2.5, 1.8)  # what, who, when
STEP_LINES = 3  # one next step in its cell, then shortened (the notes have it whole)
PHASE_LABEL_CHARS = 40


def open_template(template: str | Path | None):
    if template is None:
        with (resources.files(__package__) / "templates" / TEMPLATE).open("rb") as handle:
            return Presentation(handle)
    try:
        deck = Presentation(str(template))
    except (PackageNotFoundError, BadZipFile, KeyError, ValueError) as error:
        raise ExportError(N_("The template {file} is not a PowerPoint presentation (.pptx) "
                             "palabre can read: {detail}"),
                          file=Path(template).name, detail=str(error)) from None
    remove_slides(deck)
    return deck


def next_steps_slides(canvas: Canvas, _, steps: list[tuple[dict, tuple[str, ...]]], *,
                      none_recorded: str, extra: tuple[str, ...] = (),
                      extra_widths: tuple[float, ...] = ()) -> None:
    """Next steps as a paginated What / Who / When table (plus `extra` columns, such as the
    workshop in a forum, whose cells come with each step). With none recorded the slide
    still comes, saying so: the organisers see the gap before sending the deck."""
    title = _("Next steps")
    if not steps:
        slide = canvas.slide("title_only", title)
        canvas.text(slide, canvas.body(slide), [
            none_recorded,
            _("Agree on who does what, and by when, before sending this restitution."),
        ], size=Size.BODY, bold_first=True)
        canvas.notes(slide, [_("Next steps are typed on the facilitator's dashboard at the end "
                               "of the workshop.")])
        return
    widths = (*STEP_WIDTHS, *extra_widths)
    box = canvas.body_for("title_only")
    budgets = [cell_budget(box, widths, column, Size.TABLE, STEP_LINES)
               for column in range(len(widths))]
    rows = [[shorten(one_line(str(cell or "")), budget) or "–"
             for cell, budget in zip((step.get("text"), step.get("who"), step.get("when"),
                                      *cells), budgets, strict=True)]
            for step, cells in steps]
    pages = table_pages(rows, widths, box, Size.TABLE, max_rows=ANNEX_ROWS)
    first = 0
    for number, page in enumerate(pages, 1):
        slide = canvas.slide("title_only", title if len(pages) == 1 else _(
            "{title} ({page}/{pages})", title=title, page=number, pages=len(pages)))
        canvas.table(slide, box, [_("What"), _("Who"), _("When"), *extra], page, widths,
                     row_height=row_height(1))
        canvas.notes(slide, [
            _("{what} — {who}, {when}", what=step.get("text") or "",
              who=step.get("who") or "–", when=step.get("when") or "–")
            + "".join(f" ({cell})" for cell in cells)
            for step, cells in steps[first:first + len(page)]])
        first += len(page)


class DeckBuilder:
    def __init__(self, work: Workshop, template: str | Path | None = None):
        self.work = work
        self.snap = work.snap
        self.lang = work.lang
        self._ = work._
        self.canvas = Canvas(open_template(template), lang=LANGUAGE_TAGS.get(self.lang, "fr-FR"))

    # --- the fixed slides -------------------------------------------------------------------
    def cover(self) -> None:
        _ = self._
        session = self.work.session
        slide = self.canvas.slide("cover", session.title)
        held = date.fromisoformat(session.held_on) if session.held_on else (
            session.created_at.date())
        lines = [self.work.exercise.title.get(self.lang),
                 " · ".join(x for x in (session.place, format_date(held, "long",
                                                                   locale=self.lang)) if x)]
        if session.facilitator:
            lines.append(_("Facilitation: {name}", name=session.facilitator))
        subtitle = self.canvas.placeholder(slide, PP_PLACEHOLDER.SUBTITLE)
        if subtitle is not None:
            subtitle.text_frame.text = "\n".join(lines)
        else:
            self.canvas.text(slide, self.canvas.body(slide), lines, size=Size.BODY)
        self.canvas.notes(slide, [
            _("Restitution of the workshop {code}, exported by palabre.", code=session.code),
            self.work.exercise.description.get(self.lang),
        ])

    def question(self) -> None:
        _ = self._
        exercise = self.work.exercise
        slide = self.canvas.slide("title_only", _("The question"))
        body = self.canvas.body(slide)
        question = shorten(one_line(exercise.question.get(self.lang)), QUESTION_CHARS)
        notes = [exercise.question.get(self.lang)]
        if exercise.inverted_question is None:
            self.canvas.text(slide, body, [question], size=Size.QUESTION)
        else:
            upper, lower = body.take_top(body.height // 2)
            self.canvas.text(slide, upper, [question], size=Size.QUESTION)
            inverted = shorten(one_line(exercise.inverted_question.get(self.lang)),
                               QUESTION_CHARS)
            self.canvas.text(slide, lower, [_("Turned around to start the brainstorm:"),
                                            inverted], size=Size.BODY, bold_first=True)
            notes += [_("Inverted question: {question}",
                        question=exercise.inverted_question.get(self.lang))]
        self.canvas.notes(slide, notes)

    def method(self) -> None:
        _ = self._
        exercise = self.work.exercise
        slide = self.canvas.slide("title_only", _("Method and agenda"))
        body = self.canvas.body(slide)
        description = exercise.description.get(self.lang)
        band, rest = body.take_top(SUBTITLE_HEIGHT * 2)
        self.canvas.text(slide, band, [exercise.title.get(self.lang),
                                       shorten(one_line(description), PROMPT_CHARS)],
                         size=Size.SUBTITLE, bold_first=True)
        answers = self.work.result.counts.answers_by_phase
        rows = []
        for index, phase in enumerate(exercise.phases, 1):
            timebox = (_("{minutes} min", minutes=f"{phase.timebox_min:g}")
                       if phase.timebox_min is not None else "-")
            rows.append([str(index), shorten(phase.title.get(self.lang), PHASE_LABEL_CHARS),
                         self.work.kind(phase.kind), timebox, str(answers[phase.id])])
        self.canvas.table(slide, rest, [_("#"), _("Phase"), _("Activity"), _("Timebox"),
                                        _("Answers")], rows, AGENDA_WIDTHS,
                          row_height=self.row_height(1))
        total = sum(p.timebox_min or 0 for p in exercise.phases)
        self.canvas.notes(slide, [
            description,
            _("Planned time in all: {minutes} min.", minutes=f"{total:g}"),
            *(f"{p.title.get(self.lang)}: {p.prompt.get(self.lang)}" for p in exercise.phases),
        ])

    def participation(self) -> None:
        """People by role and by channel, each person once; the answers figure says it
        counts answers (each person's last ballot only)."""
        _ = self._
        figures = self.work.result.counts
        slide = self.canvas.slide("title_only", _("Participation"))
        body = self.canvas.body(slide)
        summary = " · ".join([
            _.ngettext("{n} participant", "{n} participants", figures.participants),
            _.ngettext("{n} answer", "{n} answers", figures.answers),
        ])
        band, rest = body.take_top(SUBTITLE_HEIGHT)
        self.canvas.text(slide, band, [summary], size=Size.BODY, bold_first=True)
        roles = [*ROLES, *(["unknown"] if figures.by_role.get("unknown") else [])]
        left, right = rest.columns(2)
        self.canvas.bar_chart(slide, left, _("Participants by role"),
                              [chart_label(self.work.role(r), r) for r in roles],
                              [figures.by_role.get(r, 0) for r in roles])
        self.canvas.bar_chart(slide, right, _("Participants by channel"),
                              [chart_label(self.work.channel(c), c) for c in CHANNELS],
                              [figures.people_by_channel.get(c, 0) for c in CHANNELS],
                              horizontal=False)
        self.canvas.notes(slide, [
            summary,
            *(f"{self.work.role(r)}: {figures.by_role.get(r, 0)}" for r in roles),
            *(_("{channel}: {people} people, {answers} answers",
                channel=self.work.channel(c), people=figures.people_by_channel.get(c, 0),
                answers=figures.answers_by_channel.get(c, 0)) for c in CHANNELS),
            _("A participant is a phone, a person at a kiosk (who gives their number when "
              "they come back), or a numbered box of a paper table card typed in by the "
              "team: each is counted once, whatever the phase. A replaced ballot is not "
              "counted."),
        ])

    # --- what happens next ---------------------------------------------------------------
    def next_steps(self) -> None:
        """Who does what, and by when, as typed on the dashboard."""
        _ = self._
        next_steps_slides(self.canvas, _, [(step, ()) for step in self.work.commitments()],
                          none_recorded=_("No next step was recorded during the workshop."))

    # --- the annex ----------------------------------------------------------------------
    def row_height(self, lines: float):
        return row_height(lines)

    def _answer(self, contribution) -> str:
        details = self.work.details(contribution)
        text = contribution.text or ""
        said = f"{text} ({details})" if text and details else text or details
        if contribution.id in self.work.replaced:
            return self._("{answer} (not counted: replaced by a later ballot)", answer=said)
        return said

    def annex(self) -> None:
        _ = self._
        items = list(self.snap.contributions)
        if not items:
            return
        box = self.canvas.body_for("title_only")
        budget = cell_budget(box, ANNEX_WIDTHS, 3, Size.TABLE, ANNEX_LINES)
        phase_budget = cell_budget(box, ANNEX_WIDTHS, 1, Size.TABLE, 2)
        rows = [[str(c.id), shorten(self.work.phase_title(c.phase_id), phase_budget),
                 self.work.role(c.role), shorten(one_line(self._answer(c)), budget)]
                for c in items]
        pages = table_pages(rows, ANNEX_WIDTHS, box, Size.TABLE, max_rows=ANNEX_ROWS)
        for number, rows in enumerate(pages, 1):
            title = _("Annex: every answer ({page}/{pages})", page=number, pages=len(pages))
            slide = self.canvas.slide("title_only", title)
            self.canvas.table(slide, Box(box.left, box.top, box.width, box.height),
                              [_("No."), _("Phase"), _("Role"), _("Answer")], rows,
                              ANNEX_WIDTHS, row_height=self.row_height(1))
            if number == 1:  # a notes page costs a part per slide: one is enough here
                self.canvas.notes(slide, [_("Full texts are in the workbook (raw sheet) and "
                                            "the CSV file.")])

    # --- all together -------------------------------------------------------------------
    def build(self, path: Path) -> Path:
        self.cover()
        self.question()
        self.method()
        self.participation()
        for phase in self.work.exercise.phases:
            slides.phase_slides(self, phase)
        self.next_steps()
        self.annex()
        props = self.canvas.deck.core_properties
        props.title = self.work.session.title[:255]
        props.language = self.canvas.lang
        self.canvas.deck.save(path)
        return path


def write_deck(work: Workshop, path: Path, *, template: str | Path | None = None) -> Path:
    return DeckBuilder(work, template).build(path)
