"""The restitution deck: an editable 16:9 PowerPoint the organiser can show the next day.

About 10 to 20 slides whatever the size of the room: cover, the question, method and agenda
as run, participation (native charts), each phase's result through the registry of
``slides`` (a list cut short says how many are left and in which sheet of the workbook), the
decisions in full, the next steps when some were agreed, and where to find the rest. Every
answer goes to the workbook and, on request, to a separate annex deck (``annex``). An
organisation's own template (its master, layouts, colours and logo) replaces the shipped one
with ``template=``: body content goes into its layouts' content placeholders.
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

from . import slides
from .canvas import Area, Canvas, remove_slides
from .errors import ExportError
from .follow_ups import follow_up_slides
from .layout import Box, Size, chart_label, largest_fit, one_line, table_pages
from .records import Workshop
from .sheets import phase_sheets

TEMPLATE = "palabre-16x9.pptx"
LANGUAGE_TAGS = {"fr": "fr-FR", "en": "en-GB"}
AGENDA_WIDTHS = (0.5, 4.0, 2.6, 1.3, 1.4)  # #, phase, kind, timebox, answers
STEP_WIDTHS = (6.0, 2.5, 1.8)  # what, who, when
NBSP = "\u00a0"
COVER_SIZES = (Size.BODY, Size.SUBTITLE, Size.MIN)
QUESTION_SIZES = (Size.QUESTION, Size.BODY, Size.LIST, Size.MIN)


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


def long_date(day: date, lang: str) -> str:
    """« 18 janvier 2018 », its spaces unbreakable: a date never wraps in two."""
    return format_date(day, "long", locale=lang).replace(" ", NBSP)


def channel_notes(_, work: Workshop, figures) -> list[str]:
    """The speaker's notes under a participation slide: people and answers by channel, and
    what counts as a participant (one workshop, a forum or a campaign alike)."""
    return [*(_("{channel}: {people} people, {answers} answers",
                channel=work.channel(c), people=figures.people_by_channel.get(c, 0),
                answers=figures.answers_by_channel.get(c, 0)) for c in CHANNELS),
            _("A participant is a phone, a person at a kiosk (who gives their number when "
              "they come back), or a numbered box of a paper table card typed in by the "
              "team: each is counted once, whatever the phase. A replaced ballot is not "
              "counted.")]


def cover_slide(canvas: Canvas, title: str, lines: list[str], notes: list[str]) -> None:
    """The title and, under it, the lines at the largest size their placeholder holds."""
    slide = canvas.slide("cover", title)
    subtitle = canvas.placeholder(slide, PP_PLACEHOLDER.SUBTITLE)
    if subtitle is not None:
        box = Box(subtitle.left, subtitle.top, subtitle.width, subtitle.height)
        size, _pages = largest_fit(lines, box, COVER_SIZES)
        canvas.text(slide, Area(box, subtitle.placeholder_format.idx), lines, size=size)
    else:
        canvas.text(slide, canvas.body_for("title_only"), lines, size=Size.BODY)
    canvas.notes(slide, notes)


def next_steps_slides(canvas: Canvas, _, steps: list[tuple[dict, tuple[str, ...]]], *,
                      extra: tuple[str, ...] = (), extra_widths: tuple[float, ...] = ()
                      ) -> None:
    """Next steps as a What / Who / When table (plus `extra` columns, such as the workshop
    in a forum), each step whole, on as many slides as they need. None when none was agreed:
    the closing slide says so."""
    if not steps:
        return
    title = _("Next steps")
    widths = (*STEP_WIDTHS, *extra_widths)
    box = canvas.body_for("content")
    rows = [[one_line(str(cell or "")) or "–"
             for cell in (step.get("text"), step.get("who"), step.get("when"), *cells)]
            for step, cells in steps]
    pages = table_pages(rows, widths, box, Size.TABLE, max_rows=len(rows))
    first = 0
    for number, page in enumerate(pages, 1):
        slide = canvas.slide("content", title if len(pages) == 1 else _(
            "{title} ({page}/{pages})", title=title, page=number, pages=len(pages)))
        canvas.table(slide, canvas.areas_for("content")[-1],
                     [_("What"), _("Who"), _("When"), *extra], page, widths)
        canvas.notes(slide, [
            _("{what} — {who}, {when}", what=step.get("text") or "",
              who=step.get("who") or "–", when=step.get("when") or "–")
            + "".join(f" ({cell})" for cell in cells)
            for step, cells in steps[first:first + len(page)]])
        first += len(page)


class DeckBuilder:
    def __init__(self, work: Workshop, template: str | Path | None = None, *,
                 annex: str | None = None):
        self.work = work
        self.snap = work.snap
        self.lang = work.lang
        self._ = work._
        self.annex = annex  # the annex file's name, when one is written beside the deck
        self.canvas = Canvas(open_template(template), lang=LANGUAGE_TAGS.get(self.lang, "fr-FR"))

    # --- the fixed slides -------------------------------------------------------------------
    def cover(self) -> None:
        _ = self._
        session = self.work.session
        held = date.fromisoformat(session.held_on) if session.held_on else (
            session.created_at.date())
        lines = [self.work.exercise.title.get(self.lang),
                 " · ".join(x for x in (session.place, long_date(held, self.lang)) if x)]
        if session.facilitator:
            lines.append(_("Facilitation: {name}", name=session.facilitator))
        cover_slide(self.canvas, session.title, lines, [
            _("Restitution of the workshop {code}, exported by palabre.", code=session.code),
            self.work.exercise.description.get(self.lang)])

    def question(self) -> None:
        _ = self._
        exercise = self.work.exercise
        lines = [one_line(exercise.question.get(self.lang))]
        notes = [exercise.question.get(self.lang)]
        if exercise.inverted_question is not None:
            lines += [_("Turned around to start the brainstorm:"),
                      one_line(exercise.inverted_question.get(self.lang))]
            notes += [_("Inverted question: {question}",
                        question=exercise.inverted_question.get(self.lang))]
        if exercise.proposition is not None:
            lines += [_("Argued for and against:"),
                      one_line(exercise.proposition.get(self.lang))]
            notes += [_("Proposition argued: {text}", text=exercise.proposition.get(self.lang))]
        area = self.canvas.areas_for("content")[-1]
        size, _pages = largest_fit(lines, area.box, QUESTION_SIZES)
        slide = self.canvas.slide("content", _("The question"))
        self.canvas.text(slide, area, lines, size=size)
        self.canvas.notes(slide, notes)

    def method(self) -> None:
        _ = self._
        exercise = self.work.exercise
        slide = self.canvas.slide("content", _("Method and agenda"))
        answers = self.work.result.counts.answers_by_phase
        rows = []
        for index, phase in enumerate(exercise.phases, 1):
            timebox = (_("{minutes} min", minutes=f"{phase.timebox_min:g}")
                       if phase.timebox_min is not None else "-")
            rows.append([str(index), phase.title.get(self.lang), self.work.kind(phase.kind),
                         timebox, str(answers[phase.id])])
        self.canvas.table(slide, self.canvas.areas_for("content")[-1],
                          [_("#"), _("Phase"), _("Activity"), _("Timebox"), _("Answers")],
                          rows, AGENDA_WIDTHS)
        total = sum(p.timebox_min or 0 for p in exercise.phases)
        self.canvas.notes(slide, [
            exercise.title.get(self.lang),
            exercise.description.get(self.lang),
            _("Planned time in all: {minutes} min.", minutes=f"{total:g}"),
            *(f"{p.title.get(self.lang)}: {p.prompt.get(self.lang)}" for p in exercise.phases),
        ])

    def participation(self) -> None:
        """People by role and by channel, each person once; the answers figure says it
        counts answers (each person's last ballot only)."""
        _ = self._
        figures = self.work.result.counts
        people = _.ngettext("{n} participant", "{n} participants", figures.participants)
        answers = _.ngettext("{n} answer", "{n} answers", figures.answers)
        slide = self.canvas.slide("comparison", _("Participation"))
        head_left, left, head_right, right = self.canvas.areas_for("comparison")
        self.canvas.text(slide, head_left, [people], size=Size.BODY, bold_first=True)
        self.canvas.text(slide, head_right, [answers], size=Size.BODY, bold_first=True)
        roles = [*ROLES, *(["unknown"] if figures.by_role.get("unknown") else [])]
        self.canvas.bar_chart(slide, left, _("Participants by role"),
                              [chart_label(self.work.role(r), r) for r in roles],
                              [figures.by_role.get(r, 0) for r in roles])
        self.canvas.bar_chart(slide, right, _("Participants by channel"),
                              [chart_label(self.work.channel(c), c) for c in CHANNELS],
                              [figures.people_by_channel.get(c, 0) for c in CHANNELS],
                              horizontal=False)
        self.canvas.notes(slide, [
            f"{people} · {answers}",
            *(f"{self.work.role(r)}: {figures.by_role.get(r, 0)}" for r in roles),
            *channel_notes(_, self.work, figures),
        ])

    # --- what happens next ---------------------------------------------------------------
    def next_steps(self) -> None:
        """Who does what, and by when, as typed on the dashboard."""
        next_steps_slides(self.canvas, self._, [(step, ()) for step in self.work.commitments()])

    def the_rest(self) -> None:
        """Where the full lists are: the workbook (a sheet per phase), the CSV file, the open
        data and the annex deck when there is one."""
        _ = self._
        code = self.work.session.code
        sheets = phase_sheets(self.work)
        lines = [_("Every answer, in full, is in the workbook {file}: one sheet per phase "
                   "({sheets}), then the participants, the votes and the raw answers.",
                   file=f"{code}-contributions.xlsx",
                   sheets=", ".join(f"« {s} »" for s in sheets.values())),
                 _("The same answers as a CSV file: {file}; the open data in "
                   "datapackage.json.", file=f"{code}-contributions.csv")]
        if self.annex:
            lines.append(_("Every answer on slides, to print: {file}.", file=self.annex))
        if not self.work.commitments():
            lines.append(_("No next step was recorded during the workshop: agree on who does "
                           "what, and by when, before sending this restitution."))
        slide = self.canvas.lines_slide(_("Where to find everything"), lines)
        self.canvas.notes(slide, [_("Next steps are typed on the facilitator's dashboard at "
                                    "the end of the workshop.")])

    # --- all together -------------------------------------------------------------------
    def build(self, path: Path) -> Path:
        self.cover()
        self.question()
        self.method()
        self.participation()
        for phase in self.work.exercise.phases:
            slides.phase_slides(self, phase)
        self.next_steps()
        follow_up_slides(self)  # « Suites données », once some follow-up was recorded
        self.the_rest()
        for slide in self.canvas.deck.slides:
            self.canvas.drop_unused(slide)
        props = self.canvas.deck.core_properties
        props.title = self.work.session.title[:255]
        props.language = self.canvas.lang
        self.canvas.deck.save(path)
        return path


def write_deck(work: Workshop, path: Path, *, template: str | Path | None = None,
               annex: str | None = None) -> Path:
    return DeckBuilder(work, template, annex=annex).build(path)

