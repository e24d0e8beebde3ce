"""The tables every export writes, built once from the synthesis snapshot and the raw store.

Spreadsheet, CSV and open data all read these, so a column means the same everywhere. Columns
carry a stable machine name (the open-data field name), a translated header and description,
and whether they hold participants' free text (left out of open data on request).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, datetime
from functools import cache, cached_property
from typing import Any

from palabre.exercises import KINDS, Phase
from palabre.exercises.kinds import EMPATHY_PARTS
from palabre.exercises.messages import N_

from palabre import boards, personas, synthesis
from palabre.i18n import Translator
from palabre.labels import CHANNEL_LABELS, NOT_GIVEN, ROLE_LABELS, SIDE_LABELS, role_label
from palabre.store import Contribution, Store
from palabre.synthesis import Snapshot
from palabre.synthesis.follow_ups import FollowUpResult, follow_up_result

FIELD_LABELS = EMPATHY_PARTS


@dataclass(frozen=True)
class Column:
    key: str  # stable, machine-readable: the open-data field name
    header: str  # message id of the header a person reads
    type: str  # Table Schema type: integer, string, boolean, datetime
    description: str  # message id
    free_text: bool = False  # participants' own words: optional in open data
    enum: tuple[str, ...] = ()


@dataclass
class Table:
    key: str
    title: str  # translated; a sheet name or a resource title
    columns: list[Column]
    rows: list[list[Any]] = field(default_factory=list)

    def without_free_text(self) -> Table:
        keep = [i for i, c in enumerate(self.columns) if not c.free_text]
        return Table(self.key, self.title, [self.columns[i] for i in keep],
                     [[r[i] for i in keep] for r in self.rows])


# --- columns, shared by the tables below ---------------------------------------------------
C_CONTRIBUTION = Column("contribution", N_("Answer no."), "integer",
                        N_("Number of the answer in this workshop."))
C_PHASE = Column("phase", N_("Phase id"), "string",
                 N_("Identifier of the phase in the workshop format."))
C_PHASE_TITLE = Column("phase_title", N_("Phase"), "string", N_("Title of the phase."))
C_KIND = Column("kind", N_("Kind of phase"), "string",
                N_("What the phase asked for: the code of its kind (ideas, vote, choice, "
                   "scale…), every code listed in the constraints."),
                enum=tuple(KINDS))
C_PARTICIPANT = Column("participant", N_("Participant"), "string",
                       N_("Anonymous participant number in this workshop (P001, P002…); "
                          "empty for an answer typed in from paper."))
C_ROLE = Column("role", N_("Role"), "string",
                N_("What the participant said they are: service user, public servant, "
                   "elected official, other, or not given."),
                enum=(*ROLE_LABELS, NOT_GIVEN))
C_TABLE = Column("table", N_("Table"), "string", N_("Table the participant sat at."))
C_CHANNEL = Column("channel", N_("Channel"), "string",
                   N_("How the answer came in: phone, paper (typed in by the team) or kiosk."),
                   enum=tuple(CHANNEL_LABELS))
C_TIME = Column("created_at", N_("Time (UTC)"), "datetime",
                N_("When the answer was recorded, in UTC."))
C_TEXT = Column("text", N_("Text"), "string", N_("The answer as written by the participant."),
                free_text=True)
C_DETAILS = Column("details", N_("Details"), "string",
                   N_("What goes with the answer, separated by \" | \": the options ticked "
                      "(multiple choice), the dots placed (dot vote), the value (scale), the "
                      "side, viewpoint or persona field (other phases)."))
C_HIDDEN = Column("hidden", N_("Hidden by moderation"), "boolean",
                  N_("True when the team hid this answer; it counts nowhere."))
C_RANK = Column("rank", N_("Rank"), "integer",
                N_("Rank in the results, 1 first; equal counts share a rank (1, 1, 3)."))
C_POSITION = Column("position", N_("Line"), "integer",
                    N_("Line of the results, 1 first: equal ranks keep the order of the "
                       "answers' numbers."))
C_ITEM = Column("item", N_("Item no."), "integer",
                N_("Number of the answer voted on (see the contributions)."))
C_ITEM_TEXT = Column("item_text", N_("Item"), "string",
                     N_("Text of the answer voted on."), free_text=True)
C_OPTION = Column("option", N_("Option"), "string", N_("Option of the multiple choice."))
C_DOTS = Column("dots", N_("Dots"), "integer", N_("Number of dots placed."))
C_VOTERS = Column("voters", N_("Voters"), "integer",
                  N_("Number of people who placed at least one dot on the item."))
C_COUNT = Column("count", N_("Answers"), "integer", N_("Number of people who ticked it."))
C_TOTAL = Column("count", N_("Total"), "integer",
                 N_("Dots placed on the item (dot vote), or people who ticked the option "
                    "(multiple choice)."))
C_STEP = Column("step", N_("Step"), "integer", N_("Step of the scale, 1 the lowest."))
C_BALLOT = Column("ballot", N_("Ballot no."), "integer", N_("Number of the ballot (an answer)."))
C_COUNTED = Column("counted", N_("Counted"), "boolean",
                   N_("True for the ballot that counts: a person's last one."))
C_ANSWER_COUNTED = Column("counted", N_("Counted"), "boolean",
                          N_("True when the answer counts in the results: not hidden, and "
                             "for a ballot its author's last one."))
C_WORSE = Column("worse", N_("Worse idea no."), "integer",
                 N_("Number of the worse idea that was turned around."))
C_WORSE_TEXT = Column("worse_text", N_("Worse idea"), "string",
                      N_("Text of the worse idea."), free_text=True)
C_THEME_TITLE = Column("theme", N_("Theme"), "string",
                      N_("Title the facilitator gave to the theme; empty for ideas in none."))


class Workshop:
    """Everything the exports need about one session, read once."""

    def __init__(self, store: Store, code: str, lang: str = "fr"):
        self.store = store
        self.snap: Snapshot = synthesis.snapshot(store, code)
        self.session = self.snap.session
        self.exercise = self.snap.exercise
        self.lang = lang
        self._ = Translator(lang)
        self.raw: list[Contribution] = store.contributions(self.session, include_hidden=True)
        self.anonymous = {p.id: f"P{i:03d}" for i, p in enumerate(self.snap.participants, 1)}

    @cached_property
    def result(self) -> synthesis.WorkshopResult:
        """Every figure of every export comes from this one result, computed once."""
        return synthesis.workshop_result(
            self.snap, board=lambda name: self.store.board(self.session, name), lang=self.lang)

    @cached_property
    def numbers(self) -> dict[int, int]:
        """Store id -> the answer's number in the workshop: answers refer to each other (a
        ballot's dots, a worse idea turned around) by id; people read their numbers."""
        return {c.id: c.number for c in self.raw}

    def number_of(self, key: object) -> object:
        """The number to show for what a ballot or an inversion names: an answer's number, a
        theme's key as it is."""
        return self.numbers.get(int(key), key) if str(key).isdigit() else key

    @cached_property
    def replaced(self) -> frozenset[int]:
        """Ballots a later ballot of the same person replaced: listed, never counted."""
        return frozenset().union(*(r.replaced for r in self.result.phases.values()))

    # --- what the facilitator arranged, read through palabre.boards ---------------------
    def themes(self, source_phase_id: str) -> dict:
        """The facilitator's themes over a source phase, in the shape synthesis.themes reads."""
        return {"themes": boards.themes(self.store, self.session, source_phase_id)}

    def pitch(self, phase_id: str) -> boards.Pitch:
        return boards.pitch(self.store, self.session, phase_id)

    def facilitator_themes(self) -> dict[str, list[dict]]:
        """source phase id -> the facilitator's themes, for every cluster phase of the format."""
        sources = [p.params["source"] for p in self.exercise.phases if p.kind == "cluster"]
        return {source: boards.themes(self.store, self.session, source) for source in sources}

    @cached_property
    def follow_ups(self) -> FollowUpResult:
        """What became of the proposals (« droit de suite »), read once for every export."""
        return follow_up_result(self.snap, self.store.follow_ups(self.session))

    @cached_property
    def series_follow_ups(self) -> list[tuple[str, FollowUpResult]]:
        """(session code, its follow-ups) for the earlier sessions of this one's committee,
        then this one: a committee's restitution carries every proposal's history."""
        from palabre.follow_ups import series_sessions

        found = []
        for session in series_sessions(self.store, self.session):
            if session.code == self.session.code:
                found.append((session.code, self.follow_ups))
            else:
                snap = synthesis.snapshot(self.store, session.code)
                found.append((session.code,
                              follow_up_result(snap, self.store.follow_ups(session))))
        return found

    def commitments(self) -> list[dict]:
        """The next steps typed on the dashboard: what, who, when."""
        return boards.commitments(self.store, self.session)

    def photo(self, photo_id: object) -> bytes | None:
        if not isinstance(photo_id, int):
            return None
        stored = self.store.photo(self.session, photo_id)
        return stored[0] if stored else None

    # --- labels -------------------------------------------------------------------------
    def role(self, code: str | None) -> str:
        return self._(role_label(code))

    def channel(self, code: str) -> str:
        return self._(CHANNEL_LABELS.get(code, code))

    def kind(self, code: str) -> str:
        return self._(KINDS[code].label) if code in KINDS else code

    def phase_title(self, phase_id: str) -> str:
        try:
            return self.exercise.phase(phase_id).title.get(self.lang)
        except KeyError:
            return phase_id

    def details(self, contribution: Contribution) -> str:
        """What an answer holds besides its text, in words (see C_DETAILS)."""
        _, body = self._, contribution.body
        try:
            phase = self.exercise.phase(contribution.phase_id)
        except KeyError:
            phase = None
        params = phase.params if phase is not None else {}
        if contribution.kind == "choice":
            options = params.get("choices") or ()
            return " | ".join(options[i].get(self.lang) for i in body.get("choices", [])
                              if isinstance(i, int) and 0 <= i < len(options))
        if contribution.kind == "vote":
            return " | ".join(_("No. {id} × {dots}", id=self.number_of(item), dots=n)
                              for item, n in body.get("dots", {}).items())
        parts = []
        if "source_id" in body:
            parts.append(_("from No. {id}", id=self.number_of(body["source_id"])))
        if "persona" in body:
            parts.append(persona_name(str(body["persona"])))
        if "field" in body:
            field_label = FIELD_LABELS.get(body["field"])
            parts.append(_(field_label) if field_label else str(body["field"]))
        if "viewpoint" in body:
            parts.append(self.role(body["viewpoint"]))
        if "side" in body:
            parts.append(_(SIDE_LABELS.get(body["side"], SIDE_LABELS["for"])))
        categories = params.get("categories") or ()
        if isinstance(body.get("category"), int) and 0 <= body["category"] < len(categories):
            parts.append(categories[body["category"]].get(self.lang))
        if "value" in body:
            steps = params.get("steps")
            parts.append(f"{body['value']}/{steps}" if steps else str(body["value"]))
        return " | ".join(parts)

    def person(self, contribution: Contribution) -> str:
        return self.anonymous.get(contribution.participant_id, "")


@cache
def _persona_names() -> dict[str, str]:
    return {pid: persona.name for pid, persona in personas.load_library().items()}


def persona_name(persona_id: str) -> str:
    """The persona's name from the library; its id when it is not (or no longer) there."""
    return _persona_names().get(persona_id, persona_id)


def utc_naive(moment: datetime) -> datetime:
    """Spreadsheets hold no time zone: store the UTC wall time, and say UTC in the header."""
    return moment.astimezone(UTC).replace(tzinfo=None, microsecond=0)


# --- tables ---------------------------------------------------------------------------------
def participants(w: Workshop, *, labels: bool) -> Table:
    table = Table("participants", w._("participants"), [C_PARTICIPANT, C_ROLE, C_TABLE, C_CHANNEL])
    for p in w.snap.participants:
        role = w.role(p.role) if labels else (p.role or "unknown")
        channel = w.channel(p.channel) if labels else p.channel
        table.rows.append([w.anonymous[p.id], role, p.table or "", channel])
    return table


def contributions(w: Workshop, *, labels: bool, include_hidden: bool, title: str) -> Table:
    columns = [C_CONTRIBUTION, C_PHASE, C_PHASE_TITLE, C_KIND, C_PARTICIPANT, C_ROLE, C_TABLE,
               C_CHANNEL, C_TIME, C_TEXT, C_DETAILS, C_ANSWER_COUNTED]
    if include_hidden:
        columns.append(C_HIDDEN)
    table = Table("contributions", title, columns)
    for c in (w.raw if include_hidden else w.snap.contributions):
        if labels:
            kind, role, channel = w.kind(c.kind), w.role(c.role), w.channel(c.channel)
        else:
            kind, role, channel = c.kind, c.role or "unknown", c.channel
        row = [c.number, c.phase_id, w.phase_title(c.phase_id), kind, w.person(c), role,
               c.table or "", channel, utc_naive(c.created_at), c.text or "", w.details(c),
               counted_label(w, c, labels=labels)]
        if include_hidden:
            row.append(c.hidden)
        table.rows.append(row)
    return table


def counted_label(w: Workshop, c: Contribution, *, labels: bool) -> bool | str:
    """Whether an answer counts: in the workbook a person reads « compté » or « non compté »
    and why; open data keeps True or False."""
    counted = not c.hidden and c.id not in w.replaced
    if not labels:
        return counted
    if counted:
        return w._("counted")
    return w._("not counted (hidden)") if c.hidden else w._("not counted (replaced)")


def votes(w: Workshop, *, labels: bool) -> Table:
    """Every dot of every visible ballot on a visible item (a merged duplicate's dots go to
    the item it joined), and whether the ballot counts: a replaced one does not."""
    table = Table("votes", w._("votes"),
                  [C_BALLOT, C_PHASE, C_PARTICIPANT, C_ROLE, C_ITEM, C_ITEM_TEXT, C_DOTS,
                   C_COUNTED])
    for phase in w.exercise.phases:
        if phase.kind != "vote":
            continue
        for ballot in w.snap.of_phase(phase.id):
            role = w.role(ballot.role) if labels else (ballot.role or "unknown")
            placed: dict[int, int] = {}
            for item_id, dots in (ballot.body.get("dots") or {}).items():
                target = w.snap.joined(item_id)
                if target is not None and isinstance(dots, int):
                    placed[target] = placed.get(target, 0) + dots
            for item_id, dots in placed.items():
                item = w.snap.by_id[item_id]
                table.rows.append([ballot.number, phase.id, w.person(ballot), role, item.number,
                                   item.text or "", dots,
                                   counted_label(w, ballot, labels=labels)])
    return table


def results(w: Workshop) -> Table:
    """The figures of the vote and choice phases, as the projector showed them: equal counts
    share a rank."""
    table = Table("results", w._("results"),
                  [C_PHASE, C_POSITION, C_RANK, C_ITEM, C_ITEM_TEXT, C_OPTION, C_TOTAL])
    for phase in w.exercise.phases:
        result = w.result.of(phase)
        if phase.kind == "vote":
            for line, tally in enumerate(result.tallies, 1):
                table.rows.append([phase.id, line, tally.rank, tally.number, tally.label, "",
                                   tally.count])
        elif phase.kind == "choice":
            for line, tally in enumerate(result.tallies, 1):
                table.rows.append([phase.id, line, tally.rank, None, "", tally.label,
                                   tally.count])
    return table


def phase_table(w: Workshop, phase: Phase) -> Table:
    """One phase with the columns its kind calls for: tallies for votes, choices and scales,
    worse ideas beside what they became, the answers themselves for the others."""
    title = phase.title.get(w.lang)
    result = w.result.of(phase)
    if phase.kind == "vote":
        table = Table(phase.id, title, [C_RANK, C_ITEM, C_ITEM_TEXT, C_DOTS, C_VOTERS])
        for tally in result.tallies:
            table.rows.append([tally.rank, tally.number, tally.label, tally.count,
                               tally.voters])
        return table
    if phase.kind == "choice":
        table = Table(phase.id, title, [C_RANK, C_OPTION, C_COUNT])
        for tally in result.tallies:
            table.rows.append([tally.rank, tally.label, tally.count])
        return table
    if phase.kind == "scale":
        table = Table(phase.id, title, [C_STEP, C_COUNT])
        for step, count in enumerate(result.summary.distribution, 1):
            table.rows.append([step, count])
        return table
    answer = [C_CONTRIBUTION, C_TEXT, C_DETAILS, C_PARTICIPANT, C_ROLE, C_TABLE, C_CHANNEL,
              C_TIME]

    def cells(c: Contribution) -> list:
        return [c.number, c.text or "", w.details(c), w.person(c), w.role(c.role), c.table or "",
                w.channel(c.channel), utc_naive(c.created_at)]

    if phase.kind == "invert":
        # Every worse idea, each beside what it became (one row per inversion).
        table = Table(phase.id, title, [C_WORSE, C_WORSE_TEXT, *answer])
        for pair in result.pairs:
            for better in pair.better or (None,):
                table.rows.append([pair.worse.number, pair.worse.text or "",
                                   *(cells(better) if better else [None] + [""] * 6 + [None])])
        return table
    if phase.kind == "cluster":
        # Every idea of the source phase under its theme, themes in the facilitator's order.
        table = Table(phase.id, title, [C_THEME_TITLE, *answer])
        for theme in result.themes:
            for c in theme.items:
                table.rows.append([theme.title or w._("Other ideas"), *cells(c)])
        return table
    # Ideas and every other kind: one row per answer, its text and what goes with it.
    table = Table(phase.id, title, answer)
    for c in w.snap.of_phase(phase.id):
        table.rows.append(cells(c))
    return table
