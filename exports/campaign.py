"""A national campaign: regional forums and local debates, one national restitution.

The ``Campaign`` reads every workshop once (a ``records.Workshop`` each) and asks
``palabre.synthesis.campaign_result`` for every figure: themes consolidated across forums,
people and answers by region and by channel, the top proposals with their forum and workshop.
The deck, the workbook and the open data render that one result. The raw tables are the
forum's (a ``workshop`` column first), so a column means the same at every level.
"""

from __future__ import annotations

from pathlib import Path

from palabre.exercises.messages import N_

from palabre import synthesis
from palabre.labels import CHANNEL_LABELS
from palabre.store import Store
from palabre.store import campaigns as stored
from palabre.store.store import CHANNELS

from . import records
from .errors import ExportError
from .follow_ups import BY_WORKSHOP_KEY, any_follow_up, by_group_table
from .forum import (
    C_ANSWERS,
    C_FORMAT,
    C_HELD_ON,
    C_PARTICIPANTS,
    C_PLACE,
    C_QUESTION,
    C_WORKSHOP,
    C_WORKSHOP_TITLE,
    Gathering,
    contributions,
    participants,
    read_workshops,
    results,
    votes,
)
from .opendata import package_name, privacy_notes, write_package
from .records import Column, Table, Workshop
from .spreadsheet import write_book

C_PART = Column("forum", N_("Forum"), "string",
                N_("Name of the regional forum; for a local debate, the code of its "
                   "workshop."))
C_LOCAL = Column("local_debate", N_("Local debate"), "boolean",
                 N_("True for a local debate: a workshop held outside the forums."))
C_REGION = Column("region", N_("Region"), "string", N_("Region of the forum or local debate."))
C_FORUMS = Column("forums", N_("Forums"), "integer",
                  N_("Forums and local debates of the region."))
C_WORKSHOPS = Column("workshops", N_("Workshops"), "integer", N_("Number of workshops."))
C_CHANNEL = Column("channel", N_("Channel"), "string",
                   N_("How people answered: phone, paper (typed in by the team) or kiosk."),
                   enum=tuple(CHANNEL_LABELS))
C_PEOPLE = Column("participants", N_("Participants"), "integer",
                  N_("People who answered through this channel, each counted once."))
C_CHANNEL_ANSWERS = Column("answers", N_("Answers"), "integer",
                           N_("Answers that count, sent through this channel."))
C_THEME = Column("theme", N_("Theme no."), "integer",
                 N_("Number of the theme across the campaign, 1 the most shared."))
C_THEME_LABEL = Column("label", N_("Theme"), "string",
                       N_("What the theme says: a facilitator's title, or one of its answers "
                          "shortened."), free_text=True)
C_THEME_QUOTE = Column("quote", N_("For example"), "string",
                       N_("The whole answer the theme is named after, or the facilitator's "
                          "title."), free_text=True)
C_REGIONS = Column("regions", N_("Regions"), "integer",
                   N_("Number of regions the theme comes up in."))
C_THEME_FORUMS = Column("forums", N_("Forums"), "integer",
                        N_("Number of forums and local debates the theme comes up in."))
C_FORUM_THEME = Column("forum_theme", N_("Theme in the forum"), "string",
                       N_("How the forum's own restitution names this theme."), free_text=True)
C_THEME_WORKSHOPS = Column("workshops", N_("Workshops"), "string",
                           N_("Codes of the forum's workshops the theme comes up in."))
C_THEME_ANSWERS = Column("answers", N_("Answers"), "integer",
                         N_("Answers of the forum the theme gathers."))

PRIMARY_KEYS = {
    BY_WORKSHOP_KEY: ["forum"],
    "workshops": ["workshop"],
    "regions": ["region"],
    "channels": ["channel"],
    "participants": ["workshop", "participant"],
    "contributions": ["workshop", "contribution"],
    "votes": ["workshop", "ballot", "item"],
    "results": ["workshop", "phase", "position"],
}


def read_campaign(store: Store, name: str, lang: str = "fr"
                  ) -> tuple[list[tuple[stored.Member, list[Workshop]]], list[Workshop]]:
    """The campaign's parts (each member with its workshops, read once), in the order they
    were added, and all the workshops in that order."""
    found = stored.get(store, name)
    if found is None:
        raise ExportError(N_("No campaign is called {name}."), name=name)
    if not found.members:
        raise ExportError(N_("The campaign {name} has no forum and no local debate yet."),
                          name=name)
    parts = []
    for member in found.forums:
        parts.append((member, read_workshops(store, member.forum, lang)))
    in_forums = {w.session.code for _member, part in parts for w in part}
    for member in found.debates:  # a debate since tagged with a member forum counts there
        if member.code not in in_forums:
            parts.append((member, [Workshop(store, member.code, lang)]))
    order = {member: n for n, member in enumerate(found.members)}
    parts.sort(key=lambda mp: order[mp[0]])
    return parts, [w for _member, part in parts for w in part]


class Campaign(Gathering):
    """The forums and local debates of a campaign and what they say together."""

    def __init__(self, name: str, parts: list[tuple[stored.Member, list[Workshop]]],
                 lang: str = "fr"):
        super().__init__(name, [w for _member, part in parts for w in part], lang)
        self.members = [member for member, _part in parts]
        self.result = synthesis.campaign_result(name, [
            synthesis.CampaignPart(
                key=member.forum if member.forum is not None else member.code,
                region=member.region or self.unknown_region, forum=member.forum is not None,
                snaps=tuple(w.snap for w in part),
                themes={w.session.code: w.facilitator_themes() for w in part})
            for member, part in parts])
        if not self.slug or self.slug == "forum":
            self.slug = "campagne"

    @property
    def unknown_region(self) -> str:
        return self._("Region not given")

    @classmethod
    def open(cls, store: Store, name: str, lang: str = "fr") -> Campaign:
        parts, _all = read_campaign(store, name, lang)
        return cls(name, parts, lang)

    @property
    def forums(self) -> list[synthesis.CampaignPart]:
        return [p for p in self.result.parts if p.forum]

    @property
    def debates(self) -> list[synthesis.CampaignPart]:
        return [p for p in self.result.parts if not p.forum]

    def part_name(self, key: str) -> str:
        """A forum by its name; a local debate by its workshop (town and title)."""
        part = next(p for p in self.result.parts if p.key == key)
        return key if part.forum else self._("Local debate: {workshop}",
                                             workshop=self.full_name(key))

    def where(self, code: str) -> str:
        """A workshop's town and, for a forum's, the forum's region: « Brest, Bretagne »."""
        part = self.result.part_of[code]
        return self._("{workshop}, {region}", workshop=self.label(code),
                      region=self.result.region_of(part))


# --- tables --------------------------------------------------------------------------------
def workshops(campaign: Campaign) -> Table:
    _, result = campaign._, campaign.result
    table = Table("workshops", _("workshops"),
                  [C_WORKSHOP, C_PART, C_LOCAL, C_REGION, C_WORKSHOP_TITLE, C_PLACE, C_HELD_ON,
                   C_FORMAT, C_QUESTION, C_PARTICIPANTS, C_ANSWERS])
    for w in campaign.workshops:
        code = w.session.code
        part = result.part_of[code]
        figures = result.by_workshop[code]
        table.rows.append([code, part, part == code, result.region_of(part), w.session.title,
                           w.session.place, w.session.held_on, w.exercise.title.get(campaign.lang),
                           w.exercise.question.get(campaign.lang), figures.participants,
                           figures.answers])
    return table


C_BY_CHANNEL = [
    Column("participants_phone", N_("Participants by phone"), "integer",
           N_("People who answered by phone, each counted once.")),
    Column("participants_paper", N_("Participants on paper"), "integer",
           N_("Paper boxes typed in by the team, each counted once.")),
    Column("participants_kiosk", N_("Participants at a kiosk"), "integer",
           N_("People who answered at a kiosk tablet, each counted once.")),
    Column("answers_phone", N_("Answers by phone"), "integer",
           N_("Answers that count, sent by phone.")),
    Column("answers_paper", N_("Answers on paper"), "integer",
           N_("Answers that count, typed in from paper.")),
    Column("answers_kiosk", N_("Answers at a kiosk"), "integer",
           N_("Answers that count, given at a kiosk.")),
]


def regions(campaign: Campaign) -> Table:
    """People and answers of each region, and of each channel in it."""
    _ = campaign._
    table = Table("regions", _("regions"), [C_REGION, C_FORUMS, C_WORKSHOPS, C_PARTICIPANTS,
                                            C_ANSWERS, *C_BY_CHANNEL])
    for figures in campaign.result.by_region:
        c = figures.counts
        table.rows.append([figures.name, figures.parts, figures.workshops, c.participants,
                           c.answers, *(c.people_by_channel.get(ch, 0) for ch in CHANNELS),
                           *(c.answers_by_channel.get(ch, 0) for ch in CHANNELS)])
    return table


def channels(campaign: Campaign) -> Table:
    c = campaign.result.counts
    table = Table("channels", campaign._("channels"), [C_CHANNEL, C_PEOPLE, C_CHANNEL_ANSWERS])
    for channel in CHANNELS:
        table.rows.append([channel, c.people_by_channel.get(channel, 0),
                           c.answers_by_channel.get(channel, 0)])
    return table


def top(campaign: Campaign) -> Table:
    """Every proposal voted on, most dots first, with its forum, region and workshop."""
    _, result = campaign._, campaign.result
    table = Table("top", _("top proposals"),
                  [records.C_RANK, C_PART, C_REGION, C_WORKSHOP, records.C_PHASE,
                   records.C_ITEM, records.C_ITEM_TEXT, records.C_DOTS, records.C_VOTERS])
    for found in result.top:
        part = result.part_of[found.workshop]
        table.rows.append([found.tally.rank, part, result.region_of(part), found.workshop,
                           found.phase_id, found.tally.item.number, found.tally.label,
                           found.tally.count, found.tally.voters])
    return table


def themes(campaign: Campaign) -> Table:
    """Every campaign theme, one row per forum theme it gathers."""
    _, result = campaign._, campaign.result
    table = Table("themes", _("themes"),
                  [C_THEME, C_THEME_LABEL, C_THEME_QUOTE, C_REGIONS, C_THEME_FORUMS, C_PART,
                   C_REGION, C_FORUM_THEME, C_THEME_WORKSHOPS, C_THEME_ANSWERS])
    for number, theme in enumerate(result.themes, 1):
        for key, own in theme.themes:
            table.rows.append([number, theme.label, theme.quote, len(theme.regions),
                               len(theme.parts), key, result.region_of(key), own.label,
                               ", ".join(own.workshops), own.answers])
    return table


def groups(campaign: Campaign) -> list[tuple[str, list[Workshop]]]:
    """Each forum and local debate (its key) with its workshops, in the campaign's order."""
    by_code = {w.session.code: w for w in campaign.workshops}
    return [(part.key, [by_code[code] for code in part.codes]) for part in campaign.result.parts]


def follow_ups(campaign: Campaign) -> list[Table]:
    """Proposals by status in each forum and local debate, once some follow-up exists."""
    if not any_follow_up(campaign.workshops):
        return []
    return [by_group_table(campaign._, groups(campaign), C_PART)]


# --- files ---------------------------------------------------------------------------------
def write_campaign_xlsx(campaign: Campaign, path: Path) -> Path:
    _ = campaign._
    return write_book([workshops(campaign), regions(campaign), channels(campaign), top(campaign),
                       themes(campaign), *follow_ups(campaign),
                       participants(campaign, labels=True),
                       votes(campaign, labels=True),
                       contributions(campaign, labels=True, include_hidden=True,
                                     title=_("raw"))],
                      path, _=_, title=campaign.name)


def write_campaign_datapackage(campaign: Campaign, out_dir: Path, *, include_text: bool = True
                               ) -> list[Path]:
    _ = campaign._
    tables = [workshops(campaign), regions(campaign), channels(campaign), top(campaign),
              themes(campaign), participants(campaign, labels=False),
              contributions(campaign, labels=False, include_hidden=False,
                            title=_("contributions")),
              votes(campaign, labels=False), results(campaign), *follow_ups(campaign)]
    description = " ".join([
        _("Answers of the {n} participatory workshops of the campaign \u201c{name}\u201d: "
          "{forums} regional forums and {debates} local debates ({dates}).",
          n=len(campaign.workshops), name=campaign.name, forums=len(campaign.forums),
          debates=len(campaign.debates), dates=campaign.dates()),
        _("Every table has a workshop column: the code of the workshop, described in the "
          "workshops table with its forum and region."),
        *privacy_notes(_, include_text),
    ])
    formats = sorted({w.exercise.id for w in campaign.workshops})
    return write_package(tables, out_dir, _=_, primary_keys=PRIMARY_KEYS,
                         include_text=include_text, name=package_name(campaign.slug),
                         title=campaign.name, description=description,
                         keywords=["palabre", "campagne", *formats])
