"""The annex deck (``--annex``): every answer on slides, to print or hand out, beside the core
deck rather than inside it. Tables of the same template, at a readable size; ballots are
not listed one by one (the workbook's votes sheet has them), each vote's full ranking is."""

from __future__ import annotations

from pathlib import Path

from palabre.text import shorten

from .canvas import Canvas
from .deck import LANGUAGE_TAGS, cover_slide, open_template
from .layout import ANNEX_LINES, ANNEX_ROWS, Size, cell_budget, one_line, table_pages
from .records import Workshop

ANNEX_WIDTHS = (0.9, 2.0, 1.6, 7.5)  # No., phase, role, answer
RANKING_WIDTHS = (1.0, 1.6, 1.3, 8.1)  # rank, dots, voters, proposal


def annex_name(code: str) -> str:
    return f"{code}-annex.pptx"


class AnnexBuilder:
    def __init__(self, work: Workshop, template: str | Path | None = None):
        self.work = work
        self._ = work._
        self.canvas = Canvas(open_template(template), lang=LANGUAGE_TAGS.get(work.lang, "fr-FR"))

    def _answer(self, contribution) -> str:
        details = self.work.details(contribution)
        text = contribution.text or ""
        return f"{text} ({details})" if text and details else text or details

    def _pages(self, title: str, headers: list[str], rows: list[list[str]],
               widths: tuple[float, ...]) -> None:
        area = self.canvas.areas_for("content")[-1]
        pages = table_pages(rows, widths, area.box, Size.TABLE, max_rows=ANNEX_ROWS)
        for number, page in enumerate(pages, 1):
            slide = self.canvas.slide("content", title if len(pages) == 1 else self._(
                "{title} ({page}/{pages})", title=title, page=number, pages=len(pages)))
            self.canvas.table(slide, area, headers, page, widths)

    def answers(self) -> None:
        _ = self._
        box = self.canvas.body_for("content")
        budget = cell_budget(box, ANNEX_WIDTHS, 3, Size.TABLE, ANNEX_LINES)
        rows = [[str(c.number), self.work.phase_title(c.phase_id), self.work.role(c.role),
                 shorten(one_line(self._answer(c)), budget)]
                for c in self.snap_items()]
        if rows:
            self._pages(_("Every answer"), [_("No."), _("Phase"), _("Role"), _("Answer")],
                        rows, ANNEX_WIDTHS)

    def snap_items(self):
        ballots = {p.id for p in self.work.exercise.phases if p.kind == "vote"}
        return [c for c in self.work.snap.contributions if c.phase_id not in ballots]

    def rankings(self) -> None:
        _ = self._
        box = self.canvas.body_for("content")
        budget = cell_budget(box, RANKING_WIDTHS, 3, Size.TABLE, ANNEX_LINES)
        for phase in self.work.exercise.phases:
            if phase.kind != "vote":
                continue
            voted = self.work.result.of(phase).voted
            rows = [[str(t.rank), str(t.count), str(t.voters), shorten(one_line(t.label), budget)]
                    for t in voted]
            if rows:
                self._pages(_("Ranking: {title}", title=phase.title.get(self.work.lang)),
                            [_("Rank"), _("Dots"), _("Voters"), _("Proposal")], rows,
                            RANKING_WIDTHS)

    def build(self, path: Path) -> Path:
        session = self.work.session
        cover_slide(self.canvas, self._("Annex: {title}", title=session.title),
                    [self._("Every answer, as the workbook has it in full.")], [])
        self.rankings()
        self.answers()
        for slide in self.canvas.deck.slides:
            self.canvas.drop_unused(slide)
        self.canvas.deck.core_properties.title = self._("Annex: {title}",
                                                        title=session.title)[:255]
        self.canvas.deck.save(path)
        return path


def write_annex(work: Workshop, path: Path, *, template: str | Path | None = None) -> Path:
    return AnnexBuilder(work, template).build(path)
