"""A national campaign: regional forums and local debates, one restitution.

A campaign is a forum of forums. Each part (a forum, or a local debate on its own) groups its
themes as a forum does (``forum_themes``, bounded by the part's size); the campaign then groups
the parts' named themes (``group_items``), never every answer at once: the cost grows with the
number of forums, not with its square. People and answers add up by region and by channel;
the top proposals of every vote are ranked together, each with its forum and workshop.
"""

from __future__ import annotations

import unicodedata
from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from .forum import ForumItem, ForumTally, ForumTheme, forum_themes, forum_top, group_items
from .people import Counts, counts, total
from .snapshot import Snapshot

PLACE_THRESHOLD = 0.25
"""Cosine from which an idea its forum left alone joins a campaign theme: stricter than the
grouping's own (``textmining.DEFAULT_THRESHOLD``), since one shared word (« gratuit ») between
a short idea and a theme of other regions is not enough."""


@dataclass(frozen=True)
class CampaignPart:
    """What a campaign is made of: a regional forum, or a local debate (one workshop in no
    forum, its code as ``key``)."""

    key: str  # the forum's name, or the local debate's session code
    region: str
    forum: bool
    snaps: tuple[Snapshot, ...]
    themes: Mapping[str, Mapping[str, Sequence[dict]]] | None = None  # code -> facilitator's

    @property
    def codes(self) -> tuple[str, ...]:
        return tuple(snap.session.code for snap in self.snaps)


@dataclass(frozen=True)
class CampaignTheme:
    """Themes of several parts (or of one) that say much the same thing."""

    label: str  # a facilitator's title, or an answer cut to a title's length
    quote: str  # the whole answer the label was cut from (or the title itself)
    parts: tuple[str, ...]  # part keys, in the campaign's order
    regions: tuple[str, ...]
    workshops: tuple[str, ...]  # session codes, in the campaign's order
    answers: int
    themes: tuple[tuple[str, ForumTheme], ...]  # (part key, that part's own theme)

    @property
    def recurs(self) -> bool:
        return len(self.parts) >= 2


@dataclass(frozen=True)
class Figures:
    """People and answers of a group of workshops (a region, a part)."""

    name: str
    parts: int
    workshops: int
    counts: Counts


@dataclass(frozen=True)
class CampaignResult:
    name: str
    parts: tuple[CampaignPart, ...]
    part_themes: Mapping[str, tuple[ForumTheme, ...]]  # part key -> its own themes
    themes: tuple[CampaignTheme, ...]  # named only, most parts then most answers first
    top: tuple[ForumTally, ...]
    counts: Counts  # the whole campaign
    by_region: tuple[Figures, ...]  # most participants first
    by_part: tuple[Figures, ...]  # in the campaign's order
    by_workshop: Mapping[str, Counts]
    part_of: Mapping[str, str]  # session code -> part key

    def region_of(self, key: str) -> str:
        return next(p.region for p in self.parts if p.key == key)


def _held_in(snaps: Sequence[Snapshot]) -> str:
    held = Counter(snap.session.lang for snap in snaps)
    return min(held.items(), key=lambda kv: (-kv[1], kv[0]))[0] if held else "fr"


def _as_item(key: str, theme: ForumTheme) -> ForumItem:
    """A part's theme as one item to compare across the campaign, by what names it (its
    facilitators' titles, or the answer that stands for it), as the forum's own restitution
    shows it. Not by all its answers: joined, hundreds of answers share so many words that
    every theme looks alike (measured on 13 forums: 371 forum themes fell into 9, one of
    18,354 answers)."""
    numbers = tuple(i for item in theme.items for i in item.numbers)
    return ForumItem(workshop=key, text=" ".join(dict.fromkeys([theme.label, *theme.titles])),
                     numbers=numbers, theme=theme.label if theme.titles else "", label=theme.label,
                     quote=_quote(theme))


def _quote(theme: ForumTheme) -> str:
    """The whole answer a theme's name was cut from (``forum._name``: the representative of
    its quotes), or its facilitators' title: the deck shows it in full, never cut."""
    from palabre.textmining import representative

    if theme.titles:
        return theme.label
    quotes = [item.quote for item in theme.items if item.quote]
    return quotes[representative(quotes)] if quotes else theme.label


def campaign_themes(parts: Sequence[CampaignPart], lang: str
                    ) -> tuple[dict[str, tuple[ForumTheme, ...]], list[CampaignTheme]]:
    """Each part's own themes (``forum_themes``), then the campaign's: the parts' named
    themes grouped across parts (``group_items``), and each idea its forum left alone placed
    in the campaign theme it is closest to (``textmining.nearest_group``), if any."""
    own = part_themes(parts, lang)
    return own, across_parts(parts, own, lang)


def part_themes(parts: Sequence[CampaignPart], lang: str) -> dict[str, tuple[ForumTheme, ...]]:
    """Each part's themes, grouped as its own restitution groups them but from what people
    proposed only (a reverse brainstorm's worse ideas stay out: a national restitution must
    not read « Exiger une adresse électronique » as a theme). A part's cost is bounded by its
    size, so this grows with the number of forums."""
    return {part.key: tuple(forum_themes(part.snaps, part.themes, lang, proposals_only=True))
            for part in parts}


def across_parts(parts: Sequence[CampaignPart], own: Mapping[str, Sequence[ForumTheme]],
                 lang: str) -> list[CampaignTheme]:
    """The campaign's themes from the parts' own: named ones grouped, then the ideas their
    forum left alone placed where they clearly belong."""
    from palabre.textmining import nearest_group

    items, origin = [], []
    for part in parts:
        for theme in own[part.key]:
            if theme.label:
                items.append(_as_item(part.key, theme))
                origin.append((part.key, theme))
    by_item = {id(item): found for item, found in zip(items, origin, strict=True)}
    groups = [(grouped.label, _quote(grouped), [by_item[id(item)] for item in grouped.items])
              for grouped in group_items(items, [part.key for part in parts], lang)
              if grouped.label]
    alone = [(part.key, theme) for part in parts for theme in own[part.key] if not theme.label]
    placed = nearest_group([" ".join(item.text for _key, theme in gathered
                                     for item in theme.items) for _l, _q, gathered in groups],
                           [" ".join(item.text for item in theme.items) for _key, theme in alone],
                           lang, threshold=PLACE_THRESHOLD)
    for one, into in zip(alone, placed, strict=True):
        if into is not None:
            groups[into][2].append(one)
    region = {part.key: part.region for part in parts}
    rank = {part.key: n for n, part in enumerate(parts)}
    order = {code: n for n, code in enumerate(c for part in parts for c in part.codes)}
    found = []
    for label, quote, gathered in groups:
        keys = sorted({key for key, _theme in gathered}, key=rank.__getitem__)
        codes = sorted({item.workshop for _key, theme in gathered for item in theme.items},
                       key=order.__getitem__)
        gathered.sort(key=lambda kt: (rank[kt[0]], not kt[1].label))
        found.append(CampaignTheme(
            label=label, quote=quote, parts=tuple(keys),
            regions=tuple(dict.fromkeys(region[key] for key in keys)), workshops=tuple(codes),
            answers=sum(theme.answers for _key, theme in gathered), themes=tuple(gathered)))
    found.sort(key=lambda t: (-len(t.regions), -len(t.parts), -len(t.workshops), -t.answers,
                              t.label))
    return found


def _round_robin(top: Sequence[ForumTally], part_of: Mapping[str, str],
                 order: Sequence[str]) -> tuple[ForumTally, ...]:
    """Proposals with the same dots and voters, taken in turn from each part: a national tie
    does not list the first forum's proposals first, then the next forum's."""
    rank = {key: n for n, key in enumerate(order)}
    found: list[ForumTally] = []
    start = 0
    while start < len(top):
        end = start
        same = (top[start].tally.count, top[start].tally.voters)
        while end < len(top) and (top[end].tally.count, top[end].tally.voters) == same:
            end += 1
        turns: dict[str, list[ForumTally]] = {}
        for one in top[start:end]:
            turns.setdefault(part_of[one.workshop], []).append(one)
        queues = [turns[key] for key in sorted(turns, key=rank.__getitem__)]
        for turn in range(max(len(q) for q in queues)):
            found += [q[turn] for q in queues if turn < len(q)]
        start = end
    return tuple(found)


def fold(name: str) -> str:
    """A name as an index sorts it: « Île-de-France » among the I, not after Z."""
    decomposed = unicodedata.normalize("NFKD", name.casefold())
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def campaign_result(name: str, parts: Sequence[CampaignPart], lang: str | None = None
                    ) -> CampaignResult:
    """Every figure of the campaign's deck, workbook and open data, computed once."""
    snaps = [snap for part in parts for snap in part.snaps]
    lang = lang or _held_in(snaps)
    own, themes = campaign_themes(parts, lang)
    by_workshop = {snap.session.code: counts(snap) for snap in snaps}
    part_of = {code: part.key for part in parts for code in part.codes}
    by_part = tuple(Figures(part.key, 1, len(part.snaps),
                            total([by_workshop[c] for c in part.codes])) for part in parts)
    regions: dict[str, list[CampaignPart]] = {}
    for part in parts:
        regions.setdefault(part.region, []).append(part)
    by_region = tuple(sorted(
        (Figures(region, len(members), sum(len(p.snaps) for p in members),
                 total([by_workshop[c] for p in members for c in p.codes]))
         for region, members in regions.items()),
        key=lambda f: (-f.counts.participants, fold(f.name), f.name)))
    return CampaignResult(
        name=name, parts=tuple(parts), part_themes=own, themes=tuple(themes),
        top=_round_robin(forum_top(snaps), part_of, [p.key for p in parts]),
        counts=total(list(by_workshop.values())),
        by_region=by_region, by_part=by_part, by_workshop=by_workshop, part_of=part_of)
