"""A forum: several workshops, one restitution. Themes are compared across workshops; the
top proposals keep their workshop; people and answers add up, each workshop's counted once."""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from palabre.exercises import KINDS

from .groups import representative
from .people import Counts, counts, total
from .snapshot import Snapshot
from .tally import Tally, ranked, vote_tally

FORUM_KINDS = tuple(name for name, kind in KINDS.items() if kind.proposals)
"""Phases whose answers stand for a workshop when its facilitator made no themes: free-text
proposals (the registry's ``proposals``), worse and better ideas alike."""


@dataclass(frozen=True)
class ForumItem:
    """What one workshop brings to the comparison: a facilitator's theme, a group of its ideas
    that say much the same thing, or one idea."""

    workshop: str  # session code
    text: str  # what is compared: the theme's title and its ideas, or the ideas themselves
    numbers: tuple[int, ...]  # the numbers (in their workshop) of the answers it stands for
    theme: str = ""  # the facilitator's theme title, when the item is a theme
    label: str = ""  # its name: the facilitator's title, or a representative idea
    quote: str = ""  # what stands for it in a list: the theme's title or an idea


@dataclass(frozen=True)
class ForumTheme:
    """Items of several workshops (or of one) that say much the same thing."""

    label: str  # a facilitator's title, else a representative idea; empty for one alone
    items: tuple[ForumItem, ...]
    workshops: tuple[str, ...]  # session codes, in the order the snapshots were given

    @property
    def recurs(self) -> bool:
        return len(self.workshops) >= 2

    @property
    def answers(self) -> int:
        return sum(len(item.numbers) for item in self.items)

    @property
    def titles(self) -> tuple[str, ...]:
        """The facilitators' own theme titles gathered here, each once."""
        return tuple(dict.fromkeys(i.theme for i in self.items if i.theme))


def _held_in(snaps: Sequence[Snapshot]) -> str:
    """The language most of the workshops were held in: their participants wrote in it."""
    held = Counter(snap.session.lang for snap in snaps)
    return min(held.items(), key=lambda kv: (-kv[1], kv[0]))[0] if held else "fr"


def turned_around(snap: Snapshot) -> frozenset[str]:
    """Phases of worse ideas (a reverse brainstorm's): those another phase turns around, and
    those asking the workshop's inverted question. What people proposed is the inversion."""
    phases = snap.exercise.phases
    return frozenset({p.params.get("source", "") for p in phases if p.kind == "invert"}
                     | {p.id for p in phases if p.template is not None and any(
                         "{inverted_question}" in text for text in (p.template.fr,
                                                                    p.template.en))})


def forum_items(snap: Snapshot, themes_by_source: Mapping[str, Sequence[dict]] | None = None,
                lang: str | None = None, *, proposals_only: bool = False) -> list[ForumItem]:
    """A workshop's facilitator themes (title and ideas) when it has any; else its ideas,
    those that say much the same thing grouped first (the proposal the facilitator would get
    on the dashboard), so the forum compares a workshop's themes rather than each sticky note.

    ``themes_by_source`` maps a source phase id to its themes as ``boards.themes`` gives them.
    ``proposals_only`` leaves out the answers a later phase turns around (``turned_around``).
    """
    from palabre.textmining import propose_clusters

    code = snap.session.code
    visible = {c.id: c for c in snap.contributions}
    skipped = turned_around(snap) if proposals_only else frozenset()
    found = []
    for source, themes_ in (themes_by_source or {}).items():
        if source in skipped:
            continue
        for theme in themes_:
            members = [visible[i] for i in theme.get("items", []) if i in visible]
            title = theme.get("title", "")
            if not members and not title:
                continue
            text = " ".join([title, *(c.text or "" for c in members)])
            found.append(ForumItem(workshop=code, text=text, theme=title, label=title,
                                   quote=title, numbers=tuple(c.number for c in members)))
    if found:
        return found
    kinds = {p.id for p in snap.exercise.phases if p.kind in FORUM_KINDS} - skipped
    ideas = {c.id: c for c in snap.contributions if c.phase_id in kinds and c.text}
    for cluster in propose_clusters(((i, c.text) for i, c in ideas.items()),
                                    lang or snap.session.lang):
        members = [ideas[i] for i in cluster.item_ids]
        groups = [[m] for m in members] if cluster.other else [members]
        for group in groups:
            quote = representative(group)
            found.append(ForumItem(workshop=code, text=" ".join(c.text or "" for c in group),
                                   numbers=tuple(c.number for c in group), label=cluster.label,
                                   quote=quote.text or "" if quote else ""))
    return sorted(found, key=lambda item: item.numbers[0])


def _name(items: Sequence[ForumItem]) -> str:
    """A theme across workshops is called by the facilitators' own title that stands for the
    most answers (ties: the first given); with no title, by its representative idea."""
    from palabre.textmining import representative, title

    titles: Counter[str] = Counter()
    for item in items:
        if item.theme:
            titles[item.theme] += len(item.numbers) or 1
    if titles:
        return max(titles.items(), key=lambda kv: kv[1])[0]
    quotes = [item.quote for item in items if item.quote]
    return title(quotes[representative(quotes)]) if quotes else ""


def forum_themes(snaps: Sequence[Snapshot],
                 themes: Mapping[str, Mapping[str, Sequence[dict]]] | None = None,
                 lang: str | None = None, *, proposals_only: bool = False) -> list[ForumTheme]:
    """Themes across workshops, grouped locally (``textmining.propose_clusters``) from each
    workshop's items (``forum_items``): those spanning two workshops or more come first (most
    workshops, then most answers), then those specific to one, then each item that joined no
    group on its own.

    ``themes`` maps a session code to its facilitator themes by source phase; ``lang`` is the
    language of the participants' text (by default the one most workshops were held in);
    ``proposals_only``: see ``forum_items``.
    """
    themes = themes or {}
    lang = lang or _held_in(snaps)
    items = [item for snap in snaps
             for item in forum_items(snap, themes.get(snap.session.code), lang,
                                     proposals_only=proposals_only)]
    return group_items(items, [snap.session.code for snap in snaps], lang)


def group_items(items: Sequence[ForumItem], order: Sequence[str], lang: str
                ) -> list[ForumTheme]:
    """Items of several sources (a forum's workshops, a campaign's forums) grouped by what
    they say; ``order`` lists the sources (``ForumItem.workshop``) in the order to show them.
    Named themes come first, most sources then most answers; then items that joined none."""
    from palabre.textmining import propose_clusters

    rank = {source: n for n, source in enumerate(order)}
    found = []
    for cluster in propose_clusters(enumerate(i.text for i in items), lang):
        members = [items[i] for i in cluster.item_ids]
        groups = [[m] for m in members] if cluster.other else [members]
        for group in groups:
            codes = sorted({m.workshop for m in group}, key=rank.__getitem__)
            # A workshop's theme that meets no other stays a theme, specific to it.
            label = group[0].label if cluster.other else _name(group)
            found.append(ForumTheme(label=label, items=tuple(group), workshops=tuple(codes)))
    named = sorted((t for t in found if t.label), key=lambda t: (
        -len(t.workshops), -t.answers, -len(t.items), t.label))
    return named + [t for t in found if not t.label]


@dataclass(frozen=True)
class ForumTally:
    """A dot-vote result with the workshop it comes from."""

    workshop: str  # session code
    phase_id: str
    tally: Tally


def forum_top(snaps: Sequence[Snapshot]) -> list[ForumTally]:
    """Every item that received dots in any workshop, most dots first (then most voters,
    then the workshops' order), ranked across the forum: equal dots share a rank."""
    found = []
    for order, snap in enumerate(snaps):
        for phase in snap.exercise.phases:
            if phase.kind != "vote":
                continue
            for one in vote_tally(snap, phase):
                if one.count:
                    found.append((order, snap.session.code, phase.id, one))
    found.sort(key=lambda f: (-f[3].count, -f[3].voters, f[0], f[3].item.id))
    reranked = ranked([f[3] for f in found])
    return [ForumTally(code, phase_id, one)
            for (_order, code, phase_id, _old), one in zip(found, reranked, strict=True)]


def forum_counts(snaps: Sequence[Snapshot]) -> Counts:
    """People and answers of every workshop together, by role and by channel."""
    return total([counts(snap) for snap in snaps])
