"""The national deck of a campaign: what every region said, in about 10 to 15 slides whatever
the number of forums.

Slides: cover (the campaign's name, days, how many forums, local debates and workshops),
participation by region and by channel (native charts), a table of the regions, the themes
that come up in several regions (each once, with how many regions and answers), the themes of
one region only, the top proposals in full (each with its workshop and region), a table of the
forums and local debates, and where to find the rest. Every figure is the campaign's one
result (``palabre.synthesis.campaign_result``).
"""

from __future__ import annotations

from pathlib import Path

from babel.numbers import format_decimal

from palabre.store.store import CHANNELS

from .campaign import Campaign
from .campaign import groups as campaign_groups
from .canvas import Canvas
from .deck import LANGUAGE_TAGS, channel_notes, cover_slide, open_template
from .follow_ups import by_group_slide
from .forum_deck import more_voted, shared_themes_slide
from .layout import (
    DECISION_PAGES,
    SUBTITLE_HEIGHT,
    TOP_ITEMS,
    Size,
    chart_label,
    largest_fit,
    one_line,
    table_pages,
)

REGION_WIDTHS = (3.3, 1.7, 1.7, 1.6, 1.1, 1.1, 1.5)  # region, workshops, people, channels, answers
PART_WIDTHS = (4.2, 3.0, 1.7, 1.8, 1.3)  # forum, region, workshops, participants, answers
SPECIFIC_WIDTHS = (2.6, 9.4)  # region, its own themes
SPECIFIC_THEMES = 4
NAMED_REGIONS = 3  # a shared theme lists its regions up to this many, else counts them
NOTES_ITEMS = 30
TABLE_PAGES = 3
SIZES = (Size.LIST, Size.SUBTITLE, Size.MIN)
FEW = 3  # proposals too few for a slide of their own: counted in the « more » line
SHEETS = ("regions", "channels", "top proposals", "themes")  # sheet titles, translated


def sentence(text: str) -> str:
    """An answer as a theme reads on a national slide: one line, a capital first (a phone
    often types none); the words are the participant's own."""
    line = one_line(text)
    return line[:1].upper() + line[1:]


class CampaignDeckBuilder:
    def __init__(self, campaign: Campaign, template: str | Path | None = None):
        self.campaign = campaign
        self.result = campaign.result
        self.lang = campaign.lang
        self._ = campaign._
        self.canvas = Canvas(open_template(template), lang=LANGUAGE_TAGS.get(self.lang, "fr-FR"))

    def _title(self, title: str, number: int, pages: int) -> str:
        return title if pages == 1 else self._("{title} ({page}/{pages})", title=title,
                                                  page=number, pages=pages)

    def _table(self, title: str, headers: list[str], rows: list[list[str]],
               widths: tuple[float, ...], notes: list[str]) -> None:
        area = self.canvas.areas_for("content")[-1]
        pages = table_pages(rows, widths, area.box, Size.TABLE, max_rows=len(rows) or 1)
        shown = pages[:TABLE_PAGES]
        for number, page in enumerate(shown, 1):
            slide = self.canvas.slide("content", self._title(title, number, len(shown)))
            self.canvas.table(slide, area, headers, page, widths)
            self.canvas.notes(slide, notes if number == 1 else [])

    def _count(self, n: int) -> str:
        """« 23 400 »: a figure a minister reads at a glance."""
        return format_decimal(n, locale=self.lang)

    def _people(self, n: int) -> str:
        return self._.ngettext("{count} participant", "{count} participants", n,
                               count=self._count(n))

    def _answers(self, n: int) -> str:
        return self._.ngettext("{count} answer", "{count} answers", n, count=self._count(n))

    # --- the slides ---------------------------------------------------------------------
    def cover(self) -> None:
        _, campaign, result = self._, self.campaign, self.result
        made_of = [_.ngettext("{n} regional forum", "{n} regional forums",
                              len(campaign.forums))]
        if campaign.debates:
            made_of.append(_.ngettext("{n} local debate", "{n} local debates",
                                      len(campaign.debates)))
        made_of.append(_.ngettext("{n} workshop", "{n} workshops", len(campaign.workshops)))
        lines = [campaign.dates(), " · ".join(made_of),
                 " · ".join([self._people(result.counts.participants),
                             self._answers(result.counts.answers)])]
        cover_slide(self.canvas, campaign.name, lines, [
            _("National restitution of the campaign {name}, exported by palabre.",
              name=campaign.name),
            *(f"{campaign.part_name(p.key)} ({p.region})" for p in result.parts)])

    def participation(self) -> None:
        _, campaign, result = self._, self.campaign, self.result
        figures = result.counts
        slide = self.canvas.slide("content", _("Participation"))
        summary = " · ".join([
            _.ngettext("{n} region", "{n} regions", len(result.by_region)),
            self._people(figures.participants),
            self._answers(figures.answers),
        ])
        body = self.canvas.free(slide, self.canvas.areas_for("content")[-1])
        band, rest = body.take_top(SUBTITLE_HEIGHT)
        self.canvas.text(slide, band, [summary], size=Size.BODY, bold_first=True)
        left, middle, right = rest.columns(3, weights=(1.4, 1.0, 1.0))
        self.canvas.bar_chart(slide, left, _("Participants by region"),
                              [chart_label(f.name, str(n)) for n, f in
                               enumerate(result.by_region, 1)],
                              [f.counts.participants for f in result.by_region])
        first = campaign.workshops[0]
        self.canvas.bar_chart(slide, middle, _("Participants by channel"),
                              [chart_label(first.channel(c), c) for c in CHANNELS],
                              [figures.people_by_channel.get(c, 0) for c in CHANNELS])
        self.canvas.bar_chart(slide, right, _("Answers by channel"),
                              [chart_label(first.channel(c), c) for c in CHANNELS],
                              [figures.answers_by_channel.get(c, 0) for c in CHANNELS])
        self.canvas.notes(slide, [
            summary,
            *(_("{region}: {participants} participants, {answers} answers", region=f.name,
                participants=f.counts.participants, answers=f.counts.answers)
              for f in result.by_region),
            *channel_notes(_, first, figures),
        ])

    def regions(self) -> None:
        _, result = self._, self.result
        first = self.campaign.workshops[0]
        rows = [[f.name, str(f.workshops), self._count(f.counts.participants),
                 *(self._count(f.counts.people_by_channel.get(c, 0)) for c in CHANNELS),
                 self._count(f.counts.answers)] for f in result.by_region]
        self._table(_("Participation by region"),
                    [_("Region"), _("Workshops"), _("Participants"),
                     *(first.channel(c) for c in CHANNELS), _("Answers")],
                    rows, REGION_WIDTHS,
                    [_("Participants by channel: phone, paper (typed in by the team), kiosk; "
                       "each person is counted once.")])

    def _where(self, theme) -> str:
        _ = self._
        if len(theme.regions) <= NAMED_REGIONS:
            return ", ".join(theme.regions)
        return _.ngettext("{n} region of {total}", "{n} regions of {total}",
                          len(theme.regions), total=len(self.result.by_region))

    def shared(self) -> None:
        """Each theme that comes up in several regions, once, with where and how much."""
        _, result = self._, self.result
        found = [t for t in result.themes if len(t.regions) >= 2]
        title = _("Themes shared across regions")
        if not found:
            slide = self.canvas.slide("content", title)
            self.canvas.text(slide, self.canvas.areas_for("content")[-1],
                             [_("No theme comes up in more than one region.")], size=Size.BODY)
            return
        lines = [_.ngettext("{theme} — {where}, {count} answer",
                            "{theme} — {where}, {count} answers", t.answers,
                            theme=sentence(t.quote), where=self._where(t),
                            count=self._count(t.answers)) for t in found[:TOP_ITEMS]]
        slide = shared_themes_slide(self.canvas, _, title, found, lines)
        self.canvas.notes(slide, [
            _("Each forum groups its workshops' answers into themes; the campaign then groups "
              "the forums' themes. The workbook lists them all."),
            *(_("{theme}: {n} answers, in {regions}", theme=t.label, n=t.answers,
                regions=", ".join(t.regions))
              + "".join(f"\n  - {key}: {one_line(own.label)}" for key, own in t.themes[:8])
              for t in found[:NOTES_ITEMS]),
        ])

    def specific(self) -> None:
        """One table row per region with themes of its own."""
        _, result = self._, self.result
        rows, notes = [], []
        for figures in result.by_region:
            own = [t for t in result.themes if t.regions == (figures.name,)]
            if not own:
                continue
            labels = [one_line(t.label) for t in own[:SPECIFIC_THEMES]]
            more = len(own) - len(labels)
            rows.append([figures.name, " · ".join(labels) + (
                " · " + _.ngettext("{n} more", "{n} more", more) if more else "")])
            notes.append(f"{figures.name}: " + "; ".join(f"{t.label} ({t.answers})"
                                                         for t in own))
        if rows:
            self._table(_("Themes of one region"), [_("Region"), _("Its own themes")], rows,
                        SPECIFIC_WIDTHS, notes)

    def _top_line(self, found) -> str:
        _ = self._
        rank = (_("{rank} (tied)", rank=found.tally.rank) if found.tally.tied
                else str(found.tally.rank))
        return _.ngettext("{rank} · {n} dot — {text} ({workshop})",
                          "{rank} · {n} dots — {text} ({workshop})", found.tally.count,
                          rank=rank, text=one_line(found.tally.label),
                          workshop=self.campaign.where(found.workshop))

    def top(self) -> None:
        _, result = self._, self.result
        title = _("Top proposals of the campaign")
        area = self.canvas.areas_for("content")[-1]
        if not result.top:
            slide = self.canvas.slide("content", title)
            self.canvas.text(slide, area, [_("No dot was placed in any workshop.")],
                             size=Size.BODY)
            return
        top = result.top[:TOP_ITEMS]
        size, pages = largest_fit([self._top_line(t) for t in top], area.box, SIZES,
                                  reserve=1.5)
        pages = pages[:DECISION_PAGES]
        if len(pages) > 1 and len(pages[-1]) < FEW:  # not a slide for one or two: the workbook
            pages = pages[:-1]
        left_out = len(result.top) - sum(len(p) for p in pages)
        first = 0
        for number, page in enumerate(pages, 1):
            on_page = top[first:first + len(page)]
            slide = self.canvas.slide("content", self._title(title, number, len(pages)))
            text = list(page)
            if left_out and number == len(pages):
                text.append(more_voted(_, left_out))
            self.canvas.text(slide, area, text, size=size)
            self.canvas.notes(slide, [
                _("Dots are counted in each workshop's own vote, then ranked together."),
                *(_("{workshop} ({forum}), no. {number}: {dots} dots from {voters} people. "
                    "{text}", workshop=self.campaign.full_name(t.workshop),
                    forum=result.part_of[t.workshop], number=t.tally.item.number,
                    dots=t.tally.count, voters=t.tally.voters, text=t.tally.label)
                  for t in on_page),
            ])
            first += len(page)

    def parts(self) -> None:
        _, campaign, result = self._, self.campaign, self.result
        rows = [[one_line(campaign.part_name(f.name)), result.region_of(f.name),
                 str(f.workshops), self._count(f.counts.participants),
                 self._count(f.counts.answers)] for f in result.by_part]
        self._table(_("Forums and local debates"),
                    [_("Forum"), _("Region"), _("Workshops"), _("Participants"), _("Answers")],
                    rows, PART_WIDTHS,
                    [f"{campaign.part_name(p.key)}: " + ", ".join(
                        campaign.label(c) for c in p.codes) for p in result.parts])

    def the_rest(self) -> None:
        _, campaign = self._, self.campaign
        sheets = ", ".join(f"« {_(name)} »" for name in SHEETS)
        lines = [_("Every figure and every answer of every workshop is in the workbook {file} "
                   "(sheets {sheets}, then participants, votes and raw answers) and in the "
                   "open data package (datapackage.json).",
                   file=campaign.slug + "-contributions.xlsx", sheets=sheets),
                 _("Each forum's own restitution: palabre forum export NAME.")]
        self.canvas.lines_slide(_("Where to find everything"), lines)

    def build(self, path: Path) -> Path:
        self.cover()
        self.participation()
        self.regions()
        self.shared()
        self.specific()
        self.top()
        self.parts()
        by_group_slide(self.canvas, self._, [
            (one_line(self.campaign.part_name(key)), part)
            for key, part in campaign_groups(self.campaign)], self._("Forum"))
        self.the_rest()
        for slide in self.canvas.deck.slides:
            self.canvas.drop_unused(slide)
        props = self.canvas.deck.core_properties
        props.title = self.campaign.name[:255]
        props.language = self.canvas.lang
        self.canvas.deck.save(path)
        return path


def write_campaign_deck(campaign: Campaign, path: Path, *,
                        template: str | Path | None = None) -> Path:
    return CampaignDeckBuilder(campaign, template).build(path)
