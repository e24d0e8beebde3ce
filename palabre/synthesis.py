"""What the room said, computed once for the projector and the exports alike, so the wall and
the deck can never disagree. Reads one consistent snapshot of the store, then pure functions."""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

from palabre.exercises import Exercise, Phase
from palabre.exercises.kinds import EMPATHY_PARTS
from palabre.store import Contribution, Participant, Session, Store


@dataclass(frozen=True)
class Snapshot:
    session: Session
    participants: tuple[Participant, ...]
    contributions: tuple[Contribution, ...]  # visible ones only; hidden never count
    merged: dict[int, int] = field(default_factory=dict)  # duplicate id -> the item it joined

    @property
    def exercise(self) -> Exercise:
        return self.session.exercise

    def of_phase(self, phase_id: str) -> list[Contribution]:
        return [c for c in self.contributions if c.phase_id == phase_id]


def snapshot(store: Store, code: str) -> Snapshot:
    session = store.session(code)
    if session is None:
        raise KeyError(code)
    everything = store.contributions(session, include_hidden=True)
    merged = {c.id: c.body["merged_into"] for c in everything
              if c.hidden and c.body.get("merged_into")}
    return Snapshot(session=session, participants=tuple(store.participants(session)),
                    contributions=tuple(c for c in everything if not c.hidden), merged=merged)


@dataclass(frozen=True)
class Tally:
    label: str
    count: int
    item: Contribution | None = None  # the voted item, for dot votes
    voters: int = 0


@dataclass(frozen=True)
class Counts:
    participants: int
    answers: int
    by_role: dict[str, int] = field(default_factory=dict)
    by_channel: dict[str, int] = field(default_factory=dict)


def ballot_numbers(store: Store, session: Session, source_phase_id: str
                   ) -> list[tuple[int, Contribution]]:
    """The number of each answer on paper: the same number its card shows on the projector
    and the helper types back in assisted entry (the answer's own id), so it never changes
    when another answer is hidden or merged. Only visible answers are listed."""
    return [(item.id, item) for item in store.contributions(session, source_phase_id)]


def latest_ballots(ballots: list[Contribution]) -> list[Contribution]:
    """A person may change their vote until the round closes: their last ballot counts.
    A ballot stored without a participant counts once on its own."""
    last: dict[int, Contribution] = {}
    loose = []
    for ballot in ballots:
        if ballot.participant_id is None:
            loose.append(ballot)
        else:
            last[ballot.participant_id] = ballot
    return sorted([*last.values(), *loose], key=lambda c: c.id)


def vote_tally(snap: Snapshot, phase: Phase) -> list[Tally]:
    """Items of the source phase with their dots, most dots first, then oldest first."""
    items = snap.of_phase(phase.params["source"])
    dots: Counter[str] = Counter()
    voters: Counter[str] = Counter()
    for ballot in latest_ballots(snap.of_phase(phase.id)):
        for item_id, count in ballot.body.get("dots", {}).items():
            item_id = str(snap.merged.get(int(item_id), item_id))
            dots[item_id] += count
            voters[item_id] += 1
    tallies = [Tally(label=item.text or "", count=dots[str(item.id)], item=item,
                     voters=voters[str(item.id)]) for item in items]
    return sorted(tallies, key=lambda t: (-t.count, t.item.id))


def choice_tally(snap: Snapshot, phase: Phase, lang: str) -> list[Tally]:
    """Options in their given order, with how many people ticked each."""
    counts: Counter[int] = Counter()
    for ballot in latest_ballots(snap.of_phase(phase.id)):
        counts.update(ballot.body.get("choices", []))
    return [Tally(label=option.get(lang), count=counts[i])
            for i, option in enumerate(phase.params["choices"])]


def counts(snap: Snapshot) -> Counts:
    roles = Counter(p.role or "unknown" for p in snap.participants)
    channels = Counter(c.channel for c in snap.contributions)
    return Counts(participants=len(snap.participants), answers=len(snap.contributions),
                  by_role=dict(roles), by_channel=dict(channels))


def ideas(snap: Snapshot, phase: Phase) -> list[Contribution]:
    return snap.of_phase(phase.id)


def answers_by_phase(snap: Snapshot) -> dict[str, int]:
    """Visible answers per phase, every phase of the format listed (zero when none)."""
    found = Counter(c.phase_id for c in snap.contributions)
    return {phase.id: found[phase.id] for phase in snap.exercise.phases}


# --- the formats' own results ------------------------------------------------------------
@dataclass(frozen=True)
class Pair:
    """A worse idea and the positive inversions written from it."""

    worse: Contribution
    better: tuple[Contribution, ...]


def pairs(snap: Snapshot, phase: Phase) -> list[Pair]:
    """Every worse idea of the source phase, with its inversions (possibly none yet)."""
    inversions: dict[int, list[Contribution]] = {}
    for item in snap.of_phase(phase.id):
        inversions.setdefault(item.body.get("source_id"), []).append(item)
    return [Pair(worse=worse, better=tuple(inversions.get(worse.id, ())))
            for worse in snap.of_phase(phase.params["source"])]


def origin(snap: Snapshot, item: Contribution) -> Contribution | None:
    """The worse idea an inversion came from, so a top solution is shown with it."""
    source = item.body.get("source_id")
    if source is None:
        return None
    return next((c for c in snap.contributions if c.id == source), None)


@dataclass(frozen=True)
class Theme:
    title: str
    items: tuple[Contribution, ...]
    quote: Contribution | None  # the item that stands for the theme on a slide


def representative(items: list[Contribution]) -> Contribution | None:
    """A quote for a theme: the item of median length (the longest run on, the shortest say
    too little), ties to the oldest."""
    if not items:
        return None
    ranked = sorted(items, key=lambda c: (len(c.text or ""), c.id))
    return ranked[(len(ranked) - 1) // 2]


def themes(snap: Snapshot, board: dict, phase: Phase) -> list[Theme]:
    """The facilitator's themes over the source phase; items in no theme come last, under an
    empty title the caller names ("Other")."""
    visible = {c.id: c for c in snap.of_phase(phase.params["source"])}
    placed: set[int] = set()
    found = []
    for theme in board.get("themes", []):
        members = [visible[i] for i in theme.get("items", []) if i in visible]
        placed.update(c.id for c in members)
        found.append(Theme(title=theme.get("title", ""), items=tuple(members),
                           quote=representative(members)))
    rest = [c for c in visible.values() if c.id not in placed]
    if rest:
        found.append(Theme(title="", items=tuple(rest), quote=representative(rest)))
    return found


EMPATHY_FIELDS = tuple(EMPATHY_PARTS)


def empathy_maps(snap: Snapshot, phase: Phase) -> dict[str, dict[str, list[Contribution]]]:
    """persona id -> field -> what participants wrote, in the order of the fields."""
    maps: dict[str, dict[str, list[Contribution]]] = {}
    for item in snap.of_phase(phase.id):
        persona = maps.setdefault(item.body.get("persona", ""),
                                  {f: [] for f in phase.params["fields"]})
        persona.setdefault(item.body.get("field", ""), []).append(item)
    return maps


def arguments(snap: Snapshot, phase: Phase) -> dict[str, dict[str, list[Contribution]]]:
    """viewpoint argued (usager, agent) -> side (for, against) -> arguments."""
    sides: dict[str, dict[str, list[Contribution]]] = {
        view: {"for": [], "against": []} for view in ("usager", "agent")}
    for item in snap.of_phase(phase.id):
        view = sides.setdefault(item.body.get("viewpoint", "autre"),
                                {"for": [], "against": []})
        view[item.body.get("side", "for")].append(item)
    return sides


@dataclass(frozen=True)
class ScaleSummary:
    distribution: tuple[int, ...]  # how many people chose 1, 2, ... steps
    responses: int
    mean: float | None
    median: float | None


def scale_summary(snap: Snapshot, phase: Phase) -> ScaleSummary:
    values = sorted(b.body["value"] for b in latest_ballots(snap.of_phase(phase.id)))
    steps = phase.params["steps"]
    distribution = tuple(values.count(step) for step in range(1, steps + 1))
    if not values:
        return ScaleSummary(distribution, 0, None, None)
    middle = len(values) // 2
    median = values[middle] if len(values) % 2 else (values[middle - 1] + values[middle]) / 2
    return ScaleSummary(distribution, len(values), sum(values) / len(values), median)


def role_split(snap: Snapshot, phase: Phase) -> dict[str, int]:
    """Who answered this phase, by their real role (paper notes count under their role)."""
    return dict(Counter(c.role or "unknown" for c in snap.of_phase(phase.id)))


def vote_tally_by_role(snap: Snapshot, phase: Phase) -> dict[str, list[Tally]]:
    """The same dot vote seen by each real role: does the room agree across the counter?"""
    roles = {c.role or "unknown" for c in snap.of_phase(phase.id)}
    split = {}
    for role in sorted(roles):
        only = Snapshot(session=snap.session, participants=snap.participants, merged=snap.merged,
                        contributions=tuple(c for c in snap.contributions
                                            if c.phase_id != phase.id
                                            or (c.role or "unknown") == role))
        split[role] = vote_tally(only, phase)
    return split


def word_counts(snap: Snapshot, phase_ids: list[str] | None = None, lang: str = "fr",
                top: int = 50) -> list[tuple[str, int]]:
    """The words of the room's free text, for a word cloud (French stop words dropped)."""
    from palabre.textmining import word_counts as count_words

    texts = [c.text for c in snap.contributions
             if c.text and (phase_ids is None or c.phase_id in phase_ids)]
    return count_words(texts, lang=lang, top=top)


# --- a forum: several workshops, one restitution -------------------------------------------
FORUM_KINDS = ("ideas", "invert")
"""Phases whose answers stand for a workshop when its facilitator made no themes."""


@dataclass(frozen=True)
class ForumItem:
    """What one workshop brings to the comparison: a facilitator's theme, a group of its ideas
    that say much the same thing, or one idea."""

    workshop: str  # session code
    text: str  # what is compared: the theme's title and its ideas, or the ideas themselves
    ids: tuple[int, ...]  # the answers it stands for
    theme: str = ""  # the facilitator's theme title, when the item is a theme
    label: str = ""  # its name: the facilitator's title, or the words its ideas share
    quote: str = ""  # what stands for it in a list: the theme's title or an idea


@dataclass(frozen=True)
class ForumTheme:
    """Items of several workshops (or of one) that say much the same thing."""

    label: str  # the words they share; empty for an item that joined no group
    items: tuple[ForumItem, ...]
    workshops: tuple[str, ...]  # session codes, in the order the snapshots were given

    @property
    def recurs(self) -> bool:
        return len(self.workshops) >= 2

    @property
    def answers(self) -> int:
        return sum(len(item.ids) for item in self.items)

    @property
    def titles(self) -> tuple[str, ...]:
        """The facilitators' own theme titles gathered here, each once."""
        return tuple(dict.fromkeys(i.theme for i in self.items if i.theme))


def _held_in(snaps: Sequence[Snapshot]) -> str:
    """The language most of the workshops were held in: their participants wrote in it."""
    held = Counter(snap.session.lang for snap in snaps)
    return min(held.items(), key=lambda kv: (-kv[1], kv[0]))[0] if held else "fr"


def forum_items(snap: Snapshot, themes_by_source: Mapping[str, Sequence[dict]] | None = None,
                lang: str | None = None) -> list[ForumItem]:
    """A workshop's facilitator themes (title and ideas) when it has any; else its ideas,
    those that say much the same thing grouped first (the proposal the facilitator would get
    on the dashboard), so the forum compares a workshop's themes rather than each sticky note.

    ``themes_by_source`` maps a source phase id to its themes as ``boards.themes`` gives them.
    """
    from palabre.textmining import propose_clusters

    code = snap.session.code
    visible = {c.id: c for c in snap.contributions}
    found = []
    for themes_ in (themes_by_source or {}).values():
        for theme in themes_:
            members = [visible[i] for i in theme.get("items", []) if i in visible]
            title = theme.get("title", "")
            if not members and not title:
                continue
            text = " ".join([title, *(c.text or "" for c in members)])
            found.append(ForumItem(workshop=code, text=text, theme=title, label=title,
                                   quote=title, ids=tuple(c.id for c in members)))
    if found:
        return found
    kinds = {p.id for p in snap.exercise.phases if p.kind in FORUM_KINDS}
    ideas = {c.id: c for c in snap.contributions if c.phase_id in kinds and c.text}
    for cluster in propose_clusters(((i, c.text) for i, c in ideas.items()),
                                    lang or snap.session.lang):
        members = [ideas[i] for i in cluster.item_ids]
        groups = [[m] for m in members] if cluster.other else [members]
        for group in groups:
            quote = representative(group)
            found.append(ForumItem(workshop=code, text=" ".join(c.text or "" for c in group),
                                   ids=tuple(c.id for c in group), label=cluster.label,
                                   quote=quote.text or "" if quote else ""))
    return sorted(found, key=lambda item: item.ids[0])


def forum_themes(snaps: Sequence[Snapshot],
                 themes: Mapping[str, Mapping[str, Sequence[dict]]] | None = None,
                 lang: str | None = None) -> list[ForumTheme]:
    """Themes across workshops, grouped locally (``textmining.propose_clusters``) from each
    workshop's items (``forum_items``): those spanning two workshops or more come first (most
    workshops, then most answers), then those specific to one, then each item that joined no
    group on its own.

    ``themes`` maps a session code to its facilitator themes by source phase; ``lang`` is the
    language of the participants' text (by default the one most workshops were held in).
    """
    from palabre.textmining import propose_clusters

    themes = themes or {}
    lang = lang or _held_in(snaps)
    order = {snap.session.code: n for n, snap in enumerate(snaps)}
    items = [item for snap in snaps
             for item in forum_items(snap, themes.get(snap.session.code), lang)]
    found = []
    for cluster in propose_clusters(enumerate(i.text for i in items), lang):
        members = [items[i] for i in cluster.item_ids]
        groups = [[m] for m in members] if cluster.other else [members]
        for group in groups:
            codes = sorted({m.workshop for m in group}, key=order.__getitem__)
            # A workshop's theme that meets no other stays a theme, specific to it.
            label = group[0].label if cluster.other else cluster.label
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
    then the workshops' order): the proposals the whole forum put forward."""
    found = []
    for rank, snap in enumerate(snaps):
        for phase in snap.exercise.phases:
            if phase.kind != "vote":
                continue
            for tally in vote_tally(snap, phase):
                if tally.count:
                    found.append((rank, ForumTally(snap.session.code, phase.id, tally)))
    found.sort(key=lambda rt: (-rt[1].tally.count, -rt[1].tally.voters, rt[0],
                               rt[1].tally.item.id))
    return [tally for _rank, tally in found]


def forum_counts(snaps: Sequence[Snapshot]) -> Counts:
    """Participants and answers of every workshop together, by role and by channel."""
    total = Counts(participants=0, answers=0)
    roles: Counter[str] = Counter()
    channels: Counter[str] = Counter()
    for snap in snaps:
        one = counts(snap)
        total = Counts(participants=total.participants + one.participants,
                       answers=total.answers + one.answers)
        roles.update(one.by_role)
        channels.update(one.by_channel)
    return Counts(participants=total.participants, answers=total.answers,
                  by_role=dict(roles), by_channel=dict(channels))
