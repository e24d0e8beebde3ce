"""The formats' own panels: persona cards, the day's agenda, mixed tables, the debate's
speaking order, and a dot vote split by real role. Same rules as the walls: figures from
palabre.synthesis, arrangements through palabre.boards, every text escaped here."""

from __future__ import annotations

import html
from datetime import datetime
from functools import cache

from ipywidgets import HTML, BoundedIntText, Dropdown, Layout
from palabre.exercises import agenda, assign

from palabre import boards, personas, synthesis
from palabre.i18n import N_, Translator
from palabre.labels import NOT_GIVEN, ROLE_GROUPS, ROLE_NOT_GIVEN, VIEWPOINT_LABELS, role_count
from palabre.store import Session

from .panel import Panel, PanelContext
from .style import button, row
from .walls import escape_text

# A role as a column of the chart by role; people who gave none come last.
ROLE_HEADINGS = {**ROLE_GROUPS, NOT_GIVEN: ROLE_NOT_GIVEN}
ROLE_ORDER = tuple(ROLE_HEADINGS)
SPLIT_TOP = 5  # proposals shown in the chart by role
BAR_SHARE = 70  # the longest bar's share of its column, leaving room for its count
DEFAULT_TABLES = 4


@cache
def _library() -> dict[str, personas.Persona]:
    return personas.load_library()


# --- personas ------------------------------------------------------------------------------
def persona_card(persona_id: str, tables: list[str], t: Translator) -> str:
    """A persona large enough to read from the back: who, where from, in their words."""
    _ = t.gettext
    lang = t.lang
    found = _library().get(persona_id)
    if found is None:  # an id the library lacks still shows, by its id
        return (f'<article class="palabre-persona-card"><h2>{html.escape(persona_id)}</h2>'
                "</article>")
    who = ", ".join(tables) if tables else _("The whole room")
    lists = "".join(
        f"<h3>{html.escape(_(title))}</h3><ul>"
        + "".join(f"<li>{html.escape(item)}</li>" for item in found.texts(field, lang))
        + "</ul>" for field, title in (("goals", N_("Goals")),
                                       ("frustrations", N_("Frustrations"))))
    meta = " · ".join((_(personas.KINDS[found.kind]), found.text("place", lang)))
    heading = t.ngettext("{name}, {age} year old", "{name}, {age} years old", found.age,
                         name=found.name, age=found.age)
    return (f'<article class="palabre-persona-card">'
            f"<h2>{html.escape(heading)}</h2>"
            f'<p class="palabre-persona-for">{html.escape(who)}</p>'
            f'<p class="palabre-persona-meta">{html.escape(meta)}</p>'
            f"<blockquote>{html.escape(found.text('quote', lang))}</blockquote>"
            f"<p>{html.escape(found.text('situation', lang))}</p>{lists}</article>")


class PersonaCards(Panel):
    """In a persona phase, the card of each persona given to the room or to tables."""

    def __init__(self, translator: Translator, **kwargs):
        self.cards = HTML()
        self.cards.add_class("palabre-persona-cards")
        super().__init__(translator, [self.cards], **kwargs)

    def load(self, context: PanelContext):
        if context.phase.kind != "persona":
            return None
        board = context.store.board(context.session, boards.personas_board(context.phase.id))
        given: dict[str, list[str]] = {}
        if board.get("room"):
            given[board["room"]] = []
        for table, pid in sorted((board.get("tables") or {}).items()):
            given.setdefault(pid, []).append(table)
        return tuple((pid, tuple(tables)) for pid, tables in given.items()) or None

    def draw(self, data) -> None:
        cards = "".join(persona_card(pid, list(tables), self._t) for pid, tables in data)
        if self.cards.value != cards:
            self.cards.value = cards

    def parts(self) -> tuple:
        return (self.cards,)


# --- the day's agenda ------------------------------------------------------------------
def minute_of_day(now: float) -> float:
    """Local clock time in minutes since midnight: the agenda is read off the room's clock."""
    moment = datetime.fromtimestamp(now)
    return moment.hour * 60 + moment.minute + moment.second / 60


def agenda_html(slots: list[agenda.Slot], session: Session, now: float,
                t: Translator) -> str:
    """Slots with their clock times, the current one marked, and a warning when late."""
    _ = t.gettext
    phase_id = session.phase.id
    remaining = session.state.remaining(session.exercise, now)
    progress = agenda.progress(slots, phase_id, minute_of_day(now), remaining)
    current = next(i for i, slot in enumerate(slots) if slot.phase_id == phase_id)
    items = []
    for i, slot in enumerate(slots):
        css = ["palabre-slot"]
        if slot.phase_id is None:
            css.append("palabre-break")
        css.append("palabre-done" if i < current else "palabre-now" if i == current else "")
        times = f"{slot.clock('start')}–{slot.clock('end')}"
        items.append(f'<li class="{" ".join(c for c in css if c)}">'
                     f'<span class="palabre-slot-time">{times}</span>'
                     f"{html.escape(slot.title.get(t.lang))}</li>")
    if progress.late():
        status = _("Running {minutes} minutes late: the day would end at {projected} instead "
                   "of {planned}.", minutes=progress.delay_min,
                   projected=agenda.clock(progress.projected_finish),
                   planned=agenda.clock(progress.planned_finish))
        line = f'<div class="palabre-agenda-late" role="alert">{html.escape(status)}</div>'
    else:
        status = _("On time: the day ends at {planned}.",
                   planned=agenda.clock(progress.planned_finish))
        line = f'<div class="palabre-agenda-status">{html.escape(status)}</div>'
    return f'{line}<ol class="palabre-agenda">{"".join(items)}</ol>'


class AgendaPanel(Panel):
    """A format that fills a day (it has an agenda): where the room is, and how late."""

    def __init__(self, translator: Translator, **kwargs):
        self.body = HTML()
        self.body.add_class("palabre-agenda-panel")
        self._slots: list[agenda.Slot] = []
        self.late = False
        super().__init__(translator, [self.body], **kwargs)

    def load(self, context: PanelContext):
        exercise = context.session.exercise
        return tuple(agenda.plan(exercise)) if exercise.agenda is not None else None

    def draw(self, data) -> None:
        self._slots = list(data)

    def tick(self, session: Session, now: float) -> None:
        if not self._slots or session.exercise.agenda is None:
            return
        shown = agenda_html(self._slots, session, now, self._t)
        self.late = "palabre-agenda-late" in shown
        if self.body.value != shown:
            self.body.value = shown

    def parts(self) -> tuple:
        return (self.body,)


# --- role swap: mixed tables, the viewpoint each argues, the debate's speakers, votes by role
# The viewpoints a table may be given, as the facilitator's menu says them.
ARGUED_LABELS = {"usager": N_("Argue as service users"), "agent": N_("Argue as public servants"),
                 "elu": N_("Argue as elected officials")}


def table_label(table: boards.Table, t: Translator) -> str:
    return t.gettext("Table {n}", n=table.number) if table.number is not None else table.name


def default_viewpoint(swap: bool, t: Translator) -> str:
    """What a table argues when it was given no viewpoint (assign.viewpoint)."""
    if swap:
        return t.gettext("Each person argues the opposite of their own role")
    return t.gettext("Each person argues from their own role")


def tables_html(tables: list[boards.Table], roles: dict[int, str | None],
                given: dict[str, str], swap: bool, t: Translator) -> str:
    """Each table's mix of roles and the viewpoint it argues: the room sorts itself out from
    this."""
    _ = t.gettext
    rows = []
    for table in tables:
        mix = synthesis.roles_of(table.people, roles)
        parts = [role_count(t, role, mix[role]) for role in ROLE_ORDER if mix.get(role)]
        mix_text = " · ".join(parts) or _("nobody yet")
        view = given.get(table.key)
        argued = _(ARGUED_LABELS[view]) if view in ARGUED_LABELS else default_viewpoint(swap, t)
        rows.append(f"<li><b>{html.escape(table_label(table, t))}</b> "
                    f"{html.escape(mix_text)} <i>{html.escape(argued)}</i></li>")
    return f'<ul class="palabre-seating">{"".join(rows)}</ul>'


class SeatingPanel(Panel):
    """While viewpoints are argued: propose tables that mix service users, public servants
    and elected officials (assign.mixed_tables, kept on the seating board), and give a table
    the viewpoint it argues, or let tables alternate (the viewpoints board). Phones are told
    their table and viewpoint; the door files each argument under it."""

    def __init__(self, translator: Translator, **kwargs):
        _ = translator.gettext
        self.tables = BoundedIntText(DEFAULT_TABLES, min=1, max=60, description=_("Tables"),
                                     layout=Layout(width="12em"))
        self.tables.add_class("palabre-seating-tables")
        self.propose_button = button(_("Propose mixed tables"), "palabre-seating-propose",
                                     "random")
        self.table_choice = Dropdown(description=_("Table"), layout=Layout(width="16em"))
        self.table_choice.add_class("palabre-viewpoint-table")
        self.viewpoint_choice = Dropdown(layout=Layout(width="auto"))
        self.viewpoint_choice.add_class("palabre-viewpoint-choice")
        self.give_button = button(_("Give this viewpoint"), "palabre-viewpoint-give",
                                  "bullhorn")
        self.alternate_button = button(_("Tables alternate: service users, public servants"),
                                       "palabre-viewpoint-alternate", "exchange")
        self.listing = HTML()
        self.listing.add_class("palabre-seating-panel")
        self._row = row([self.tables, self.propose_button])
        self._viewpoint_row = row([self.table_choice, self.viewpoint_choice, self.give_button,
                                   self.alternate_button])
        super().__init__(translator, [self._row, self.listing, self._viewpoint_row], **kwargs)

    def attach(self, room) -> None:
        super().attach(room)
        self.propose_button.on_click(room.guarded(lambda: self.propose(self.tables.value)))
        self.give_button.on_click(room.guarded(
            lambda: self.give(self.table_choice.value, self.viewpoint_choice.value or None)))
        self.alternate_button.on_click(room.guarded(self.alternate))

    def propose(self, tables: int) -> boards.Seating:
        """Deal the people who joined over `tables` tables, each role spread evenly."""
        room = self.room
        session = room.store.session(room.code)
        people = [(p.id, p.role) for p in room.store.participants(session)]
        seats = assign.mixed_tables(people, tables)
        placed = boards.set_seating(room.store, session, seats, tables)
        room.refresh()
        return placed

    def give(self, table_key: str | None, viewpoint: str | None) -> dict[str, str]:
        """Give one table a viewpoint (None: back to the default). The controls show only
        once the room has tables, so there is always one to choose."""
        room = self.room
        given = boards.give_viewpoint(room.store, room.store.session(room.code), table_key,
                                      viewpoint)
        room.refresh()
        return given

    def alternate(self) -> dict[str, str]:
        """Every table in turn argues as service users, then as public servants."""
        room = self.room
        session = room.store.session(room.code)
        keys = [table.key for table in boards.tables(room.store, session)]
        given = boards.give_viewpoints(room.store, session, assign.alternating(keys))
        room.refresh()
        return given

    def load(self, context: PanelContext):
        if context.phase.kind != "argument":
            return None
        people = context.snap.participants
        roles = {p.id: p.role for p in people}
        return (boards.tables(context.store, context.session, list(people)), roles,
                boards.viewpoints(context.store, context.session),
                bool(context.phase.params["swap_roles"]))

    def draw(self, data) -> None:
        _ = self._t.gettext
        tables, roles, given, swap = data
        if tables:
            shown = tables_html(tables, roles, given, swap, self._t)
        else:
            shown = html.escape(_("No tables proposed yet."))
        if self.listing.value != shown:
            self.listing.value = shown
        choices = tuple((table_label(table, self._t), table.key) for table in tables)
        if tuple(self.table_choice.options) != choices:
            kept = self.table_choice.value
            self.table_choice.options = choices
            if kept in dict(choices).values():
                self.table_choice.value = kept
        views = ((default_viewpoint(swap, self._t), ""),
                 *((_(label), view) for view, label in ARGUED_LABELS.items()))
        if tuple(self.viewpoint_choice.options) != views:
            self.viewpoint_choice.options = views
        self._viewpoint_row.layout.display = None if tables else "none"

    def parts(self) -> tuple:
        return (self.tables, self.propose_button, self.table_choice, self.viewpoint_choice,
                self.give_button, self.alternate_button, self.listing, self._row,
                self._viewpoint_row)


def debate_tables(store, session: Session, t: Translator) -> list[str]:
    """The tables that debate: the mixed tables when proposed, else the tables people gave."""
    return [table_label(table, t) for table in boards.tables(store, session)]


class DebatePanel(Panel):
    """Who speaks in the debate: the two viewpoints, or the tables; the pitch tools then run
    the clock for each."""

    def __init__(self, translator: Translator, **kwargs):
        _ = translator.gettext
        self.viewpoints_button = button(_("The two viewpoints speak"),
                                        "palabre-debate-viewpoints", "balance-scale")
        self.tables_button = button(_("The tables speak"), "palabre-debate-tables", "users")
        self.status = HTML()
        self._row = row([self.viewpoints_button, self.tables_button, self.status])
        super().__init__(translator, [self._row], **kwargs)

    def attach(self, room) -> None:
        super().attach(room)
        self.viewpoints_button.on_click(room.guarded(self.viewpoints_speak))
        self.tables_button.on_click(room.guarded(self.tables_speak))

    def viewpoints_speak(self) -> list[str]:
        _ = self._t.gettext
        teams = [_(VIEWPOINT_LABELS[view]) for view in ("usager", "agent")]
        self.room.set_pitch_order(teams)
        return teams

    def tables_speak(self) -> list[str]:
        _ = self._t.gettext
        room = self.room
        teams = debate_tables(room.store, room.store.session(room.code), self._t)
        if not teams:
            self.status.value = html.escape(_("No tables yet: propose mixed tables, or ask "
                                              "people to give their table when joining."))
            return []
        self.status.value = ""
        room.set_pitch_order(teams)
        return teams

    def load(self, context: PanelContext):
        return True if context.phase.kind == "pitch" else None

    def parts(self) -> tuple:
        return (self.viewpoints_button, self.tables_button, self.status, self._row)


def role_split_html(split: dict[str, list[synthesis.Tally]], top: list[synthesis.Tally],
                    t: Translator) -> str:
    """The most voted proposals, one column of dots per real role."""
    _ = t.gettext
    roles = [role for role in ROLE_ORDER if role in split]
    counts = {role: {tally.item.id: tally.count for tally in split[role]} for role in roles}
    highest = max((c for role in roles for c in counts[role].values()), default=0) or 1
    head = "".join(f"<th>{html.escape(_(ROLE_HEADINGS[role]))}</th>" for role in roles)
    rows = []
    for tally in top:
        cells = []
        for role in roles:
            count = counts[role].get(tally.item.id, 0)
            # A share of equal columns (colgroup, fixed layout): equal counts, equal bars.
            width = round(BAR_SHARE * count / highest)
            cells.append(f'<td class="palabre-bar"><span style="width: {width}%"></span>'
                         f"<b>{count}</b></td>")
        rows.append(f'<tr><td class="palabre-label">{escape_text(tally.label)}</td>'
                    f"{''.join(cells)}</tr>")
    title = html.escape(_("Dots by real role"))
    columns = '<col class="palabre-label-column">' + "<col>" * len(roles)
    return (f'<h3 class="palabre-split-title">{title}</h3><table class="palabre-role-split">'
            f"<colgroup>{columns}</colgroup>"
            f"<thead><tr><th></th>{head}</tr></thead><tbody>{''.join(rows)}</tbody></table>")


class RoleSplitPanel(Panel):
    """Once a dot vote is revealed: does the room agree across the counter?"""

    place = "below"

    def __init__(self, translator: Translator, **kwargs):
        self.chart = HTML()
        self.chart.add_class("palabre-role-split-panel")
        super().__init__(translator, [self.chart], **kwargs)

    def load(self, context: PanelContext):
        phase = context.phase
        if phase.kind != "vote" or not context.visible:
            return None
        result = context.result
        top = list(result.voted[:SPLIT_TOP])
        if not top:
            return None
        return role_split_html({role: list(t) for role, t in result.by_voter_role.items()},
                               top, self._t)

    def draw(self, data) -> None:
        if self.chart.value != data:
            self.chart.value = data

    def parts(self) -> tuple:
        return (self.chart,)
