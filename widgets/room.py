"""The facilitator's dashboard: QR code, phase stepper and live wall, for one session.

The store is the only state: every action writes the room state through Store.update_state
with the RoomState methods, and the view is redrawn from the store, so a second window, a
restart or a phone all see the same room. An asyncio task polls the store's watermark twice a
second and redraws only when it moved.
"""

from __future__ import annotations

import asyncio
import html
import logging
import os
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from urllib.parse import parse_qs

from ipywidgets import HTML, HBox, Layout, VBox
from traitlets import Bool, Int, Unicode

from palabre import boards, codes, exercises, settings, synthesis
from palabre import text as texts
from palabre.i18n import Translator
from palabre.store import Session, Store, Watermark

from .format_walls import persona_names
from .moderation import Moderation
from .panel import Panel, PanelContext
from .panels import panels_for
from .qr import QrPanel, join_url, short_url
from .stepper import PhaseStepper
from .style import stylesheet
from .tools import (
    CommitmentTools,
    PersonaTools,
    PitchTools,
    ThemeTools,
    format_themes,
    parse_themes,
)
from .views import CLOCKED, render_result
from .walls import PER_PAGE, LiveWall, Sources, Wall

log = logging.getLogger(__name__)

POLL_SECONDS = 0.5


@dataclass(frozen=True)
class _View:
    """Everything one redraw needs, read from the store off the kernel's event loop."""

    mark: Watermark
    session: Session
    participants: int
    wall: Wall
    personas: dict  # the persona board of a persona phase, else empty
    commitments: list  # next steps typed so far
    panels: tuple = ()  # what each extra panel loaded (None: not shown in this phase)


class _RoomBox(VBox):
    """The dashboard's outer box: closing it (or the kernel going away) stops the polling."""

    def __init__(self, children, on_close: Callable[[], None], **kwargs):
        self._on_close = on_close
        super().__init__(children, **kwargs)

    def close(self) -> None:
        on_close, self._on_close = self._on_close, None
        if on_close is not None:
            on_close()
        super().close()


class RoomDashboard(Moderation):
    """The projected view of one session, with the facilitator's controls.

    Not a widget itself but the owner of one (`widget`), so that `close()` can mean what the
    facilitator means, "close answers", without clashing with ipywidgets' close. Moderation
    (remove, put back, correct, merge) comes from moderation.Moderation; the format's own
    views are panels (panels.Panel), given at construction.
    """

    code = Unicode(help="The session code phones type or scan.")
    lang = Unicode("fr", help="Language of the dashboard: the session's, or PALABRE_LANG.")
    join_url = Unicode(help="Public address phones open; the QR code encodes it.")
    phase_index = Int(0, help="Index of the current phase, from 0.")
    phase_count = Int(1, help="Number of phases in the session's format.")
    phase_id = Unicode(help="Id of the current phase in the format.")
    phase_kind = Unicode(help="Kind of the current phase (ideas, vote, pitch...).")
    accepting = Bool(True, help="Whether phones may answer the current phase.")
    revealed = Bool(False, help="Whether the facilitator revealed the results.")
    results_visible = Bool(False, help="Whether the wall shows answers, per the reveal rule.")
    timer_running = Bool(False, help="Whether the phase countdown is running.")
    countdown = Unicode(help="Time left as shown (m:ss); empty when the phase has no timebox.")
    participants = Int(0, help="People who joined the session.")
    answers = Int(0, help="Answers (or ballots) in the current phase.")
    page = Int(0, help="Page of the wall on screen, from 0.")
    pages = Int(1, help="Pages the wall has at the current page size.")
    steps_shown = Bool(False, help="Whether the next-steps panel is open.")
    qr_shown = Bool(True, help="Whether the large QR code is on screen; folded away, the wall "
                               "gets the room and the address stays in the header.")

    def __init__(self, store: Store, code: str, *, public_url: str | None = None,
                 lang: str | None = None, clock: Callable[[], float] = time.time,
                 interval: float = POLL_SECONDS, per_page: int = PER_PAGE, live: bool = True,
                 panels: Sequence[Panel] | None = None, format_id: str | None = None,
                 **kwargs):
        session = store.session(code)
        if session is None:
            raise KeyError(code)
        self.store = store
        self._clock = clock
        self._interval = interval
        self._per_page = per_page
        self._session = session
        self._mark: Watermark | None = None
        self._generation = 0  # bumped by every synchronous redraw, so a slower read is dropped
        self._task: asyncio.Task | None = None
        self._closed = False
        chosen = lang or session.lang or str(settings.get("lang"))
        self._t = Translator(chosen)
        url = join_url(code, public_url)
        self._sources = Sources(board=lambda name: store.board(self._session, name),
                                photo=lambda pid: store.photo(self._session, pid),
                                pitch=lambda pid: boards.pitch(store, self._session, pid),
                                clock=clock)

        self.header = HTML()
        self.header.add_class("palabre-header")
        self.alert = HTML()
        self.alert.add_class("palabre-alert")
        self.qr = QrPanel(url, code, self._t)
        self.stepper = PhaseStepper(self._t, layout=Layout(flex="1 1 auto"))
        self.wall = LiveWall(self._t)
        self.pitch_tools = PitchTools(self._t)
        self.theme_tools = ThemeTools(self._t)
        self.persona_tools = PersonaTools(self._t)
        self._tool_for = {"pitch": self.pitch_tools, "cluster": self.theme_tools,
                          "persona": self.persona_tools}
        self.commitment_tools = CommitmentTools(self._t)
        self.commitment_tools.layout.display = "none"
        self.tools = VBox([*self._tool_for.values(), self.commitment_tools])
        self.tools.add_class("palabre-tools")
        self._tools_phase: str | None = None
        self._style = stylesheet()
        self._top = HBox([self.stepper, self.qr], layout=Layout(width="100%",
                                                                grid_gap="24px"))
        # The format's own panels (by default those of the session's format), then the
        # word cloud and the export tools every dashboard has.
        self.panels = tuple(panels_for(format_id or session.exercise.id, self._t)
                            if panels is None else panels)
        super().__init__(**kwargs)
        above = [p for p in self.panels if p.place == "above"]
        below = [p for p in self.panels if p.place != "above"]
        self.widget = _RoomBox([self._style, self.header, self.alert, self._top, self.tools,
                                *above, self.wall, *below],
                               on_close=self._dispose_parts)
        self.widget.add_class("palabre-room")
        self.code = code
        self.lang = self._t.lang
        self.join_url = url
        self._wire()
        self.wall.put_back_button.disabled = True
        self.refresh()
        if live:
            self.start()

    # --- wiring --------------------------------------------------------------------------
    def _wire(self) -> None:
        s, w, p, th, c, pe = (self.stepper, self.wall, self.pitch_tools, self.theme_tools,
                              self.commitment_tools, self.persona_tools)
        for button, action in (
            (s.back_button, self.back),
            (s.next_button, self.advance),
            (s.answers_button, lambda: self.close() if self.accepting else self.open()),
            (s.reveal_button, lambda: self.hide() if self.revealed else self.reveal()),
            (s.start_button, self.start_timer),
            (s.pause_button, self.pause_timer),
            (s.minute_button, self.add_minute),
            (s.qr_button, lambda: self.hide_qr() if self.qr_shown else self.show_qr()),
            (s.steps_button, self.toggle_next_steps),
            (w.previous_page, lambda: self.show_page(self.page - 1)),
            (w.next_page, lambda: self.show_page(self.page + 1)),
            (w.remove_button, self._remove_typed),
            (w.put_back_button, self.put_back),
            (w.correct_button, self._correct_typed),
            (w.invert_button, self._invert_typed),
            (w.merge_button, self._merge_typed),
            (p.set_order_button, lambda: self.set_pitch_order(p.teams.value.split(","))),
            (p.start_button, self.start_pitch),
            (p.pause_button, self.pause_pitch),
            (p.next_button, self.next_team),
            (p.back_button, self.previous_team),
            (th.propose_button, self.propose_themes),
            (th.save_button, lambda: self.set_themes(parse_themes(th.editor.value))),
            (c.add_button, self._add_typed_commitment),
            (c.remove_button, self._remove_typed_commitment),
            (pe.assign_button,
             lambda: self.assign_persona(pe.persona.value, pe.table.value.strip() or None)),
        ):
            button.on_click(self.guarded(action))
        for panel in self.panels:
            panel.attach(self)

    def guarded(self, action: Callable[[], object]) -> Callable[[object], None]:
        """A button's handler: a failure (the store busy or gone) is said on screen, in the
        facilitator's words, instead of vanishing into the kernel's log."""
        def clicked(_button) -> None:
            try:
                action()
            except Exception as error:
                log.exception("palabre dashboard: action failed")
                _ = self._t.gettext
                self.alert.value = html.escape(
                    _("That did not work ({error}). Try again; if it keeps failing, restart "
                      "the kit: nothing already stored is lost.", error=type(error).__name__))
            else:
                self.alert.value = ""
        return clicked

    # --- actions (buttons call these; so can code and tests) ------------------------------
    def _change(self, change: Callable[[Session], exercises.RoomState]) -> None:
        self.store.update_state(self.code, change)
        self.refresh()

    def advance(self) -> None:
        """Next phase: answers open, results hidden, countdown reset."""
        self.page = 0
        self._change(lambda s: s.state.advance(s.exercise))

    def back(self) -> None:
        self.page = 0
        self._change(lambda s: s.state.back(s.exercise))

    def open(self) -> None:
        self._change(lambda s: s.state.open())

    def close(self) -> None:
        """Close answers for the phase (the widget is closed with dispose())."""
        self._change(lambda s: s.state.close())

    def reveal(self) -> None:
        self._change(lambda s: s.state.reveal())

    def hide(self) -> None:
        self._change(lambda s: s.state.hide())

    def start_timer(self) -> None:
        now = self._clock()
        self._change(lambda s: s.state.start_timer(now))

    def pause_timer(self) -> None:
        now = self._clock()
        self._change(lambda s: s.state.pause_timer(now))

    def add_minute(self) -> None:
        self._change(lambda s: s.state.add_minute(1))

    # --- the facilitator's boards (pitch order and clock, themes, personas) -------------
    def set_pitch_order(self, teams: list[str]) -> None:
        """Teams in speaking order; the first one is up, its clock reset."""
        boards.set_pitch_order(self.store, self._session, self.phase_id, teams)
        self.refresh()

    def _pitch(self, action: str) -> None:
        boards.pitch_action(self.store, self._session, self.phase_id, action, now=self._clock())
        self.refresh()

    def start_pitch(self) -> None:
        self._pitch("start")

    def pause_pitch(self) -> None:
        self._pitch("pause")

    def next_team(self) -> None:
        self._pitch("next")

    def previous_team(self) -> None:
        self._pitch("back")

    def set_themes(self, groups: list[tuple[str, list[int]]]) -> list[dict]:
        """Replace the themes of the phase's source answers: [(title, [answer numbers])]."""
        _ = self._t.gettext
        source = self._session.phase.params["source"]
        try:
            saved = boards.set_themes(self.store, self._session, source, groups)
        except texts.TextTooLong as error:
            self.theme_tools.status.value = html.escape(
                _("A theme title is too long: {max_chars} characters at most.",
                  max_chars=error.max_chars))
            return []
        self.theme_tools.editor.value = format_themes(saved)
        self.theme_tools.status.value = html.escape(
            self._t.ngettext("{n} theme saved.", "{n} themes saved.", len(saved)))
        self.refresh()
        return saved

    def propose_themes(self) -> list[dict]:
        """Group the source answers by their shared words, as a start the facilitator edits;
        answers that fit no group stay under "Other ideas"."""
        from palabre import textmining  # numpy: loaded only when a cluster phase needs it

        source = self._session.phase.params["source"]
        items = [(c.id, c.text or "") for c in self.store.contributions(self._session, source)]
        clusters = textmining.propose_clusters(items, lang=self._t.lang)
        return self.set_themes([(c.label, list(c.item_ids)) for c in clusters if not c.other])

    def assign_persona(self, persona_id: str | None, table: str | None = None) -> None:
        """Give a persona to the whole room (table None) or to one table."""
        boards.assign_persona(self.store, self._session, self.phase_id, persona_id, table)
        self.refresh()

    def add_commitment(self, what: str, who: str = "", when: str = "") -> list[dict]:
        """A next step for the restitution: what, who, by when."""
        items = boards.add_commitment(self.store, self._session, what, who, when)
        self.refresh()
        return items

    def remove_commitment(self, number: int) -> list[dict]:
        """Remove the next step shown with this number (from 1)."""
        items = boards.remove_commitment(self.store, self._session, number - 1)
        self.refresh()
        return items

    def toggle_next_steps(self) -> None:
        self.steps_shown = not self.steps_shown
        self.commitment_tools.layout.display = None if self.steps_shown else "none"

    def _add_typed_commitment(self) -> None:
        c = self.commitment_tools
        if not c.what.value.strip():
            return
        try:
            self.add_commitment(c.what.value, c.who.value, c.when.value)
        except texts.TextTooLong as error:  # the fields keep the text, to be shortened
            _ = self._t.gettext
            c.status.value = html.escape(_("Too long: {max_chars} characters at most.",
                                           max_chars=error.max_chars))
            return
        c.what.value = c.who.value = c.when.value = c.status.value = ""

    def _remove_typed_commitment(self) -> None:
        typed = self.commitment_tools.remove_number.value.strip()
        if typed.isdigit():
            self.remove_commitment(int(typed))
            self.commitment_tools.remove_number.value = ""

    def _draw_tools(self, view: _View) -> None:
        _ = self._t.gettext
        phase = view.session.phase
        for kind, tool in self._tool_for.items():
            tool.layout.display = None if kind == phase.kind else "none"
        self.commitment_tools.show(view.commitments, self._t)
        changed, self._tools_phase = self._tools_phase != phase.id, phase.id
        if phase.kind == "cluster" and changed:
            self.theme_tools.editor.value = format_themes(
                boards.themes(self.store, view.session, phase.params["source"]))
            self.theme_tools.status.value = ""
        if phase.kind == "persona":
            names = persona_names()
            offered = list(phase.params.get("personas") or ()) or sorted(names)
            options = [(names.get(pid, pid), pid) for pid in offered]
            board = view.personas
            lines = []
            if board.get("room"):
                room = board["room"]
                lines.append(_("Whole room: {name}", name=names.get(room, room)))
            for table, pid in sorted((board.get("tables") or {}).items()):
                lines.append(_("{table}: {name}", table=table, name=names.get(pid, pid)))
            self.persona_tools.show(options, " · ".join(lines))

    def show_qr(self) -> None:
        """The large QR code back on screen (a local view change, nothing is written)."""
        self.qr_shown = True
        self._draw_qr_state()

    def hide_qr(self) -> None:
        """Fold the QR code away once the room has joined, so the wall gets the screen."""
        self.qr_shown = False
        self._draw_qr_state()

    def _draw_qr_state(self) -> None:
        _ = self._t.gettext
        self.qr.layout.display = None if self.qr_shown else "none"
        button = self.stepper.qr_button
        button.description = _("Hide the QR code") if self.qr_shown else _("Show the QR code")
        session, lang = self._session, self._t.lang
        header = f"{session.title} — {session.exercise.question.get(lang)}"
        if not self.qr_shown:
            join = _("Join: {address} · code {code}", address=short_url(self.join_url),
                     code=self.code)
            header = f"{header} · {join}"
        self.header.value = html.escape(header)

    def show_page(self, page: int) -> None:
        """Page through the wall; a local view change, nothing is written."""
        self.page = max(0, min(page, self.pages - 1))
        self.refresh()

    # --- reading and drawing --------------------------------------------------------------
    def _load(self) -> _View:
        mark = self.store.watermark(self._session)  # before the read: a change in between
        snap = synthesis.snapshot(self.store, self.code)  # is seen again at the next poll
        session = snap.session
        phase = session.phase
        visible = session.state.results_visible(session.exercise)
        result = synthesis.phase_result(snap, phase, self._sources.board, self._t.lang)
        wall = render_result(snap, result, self._t, visible=visible, page=self.page,
                             per_page=self._per_page, sources=self._sources)
        personas = (self.store.board(session, boards.personas_board(phase.id))
                    if phase.kind == "persona" else {})
        context = PanelContext(store=self.store, snap=snap, session=session, phase=phase,
                               visible=visible, translator=self._t, result=result)
        return _View(mark=mark, session=session,
                     participants=synthesis.counts(snap).participants,
                     wall=wall, personas=personas,
                     commitments=boards.commitments(self.store, session),
                     panels=tuple(panel.load(context) for panel in self.panels))

    def refresh(self) -> None:
        """Read the store and redraw now."""
        self._generation += 1
        self._apply(self._load())

    def _apply(self, view: _View) -> None:
        session, state = view.session, view.session.state
        exercise, phase, lang = session.exercise, view.session.phase, self._t.lang
        self._session = session
        self._mark = view.mark
        self._draw_qr_state()
        self.phase_index = state.phase_index
        self.phase_count = len(exercise.phases)
        self.phase_id = phase.id
        self.phase_kind = phase.kind
        self.accepting = state.accepting
        self.revealed = state.revealed
        self.results_visible = state.results_visible(exercise)
        self.stepper.show(index=state.phase_index, count=len(exercise.phases),
                          title=phase.title.get(lang), prompt=phase.prompt.get(lang),
                          accepting=state.accepting, revealed=state.revealed,
                          reveal_rule=phase.reveal, collects=exercises.KINDS[phase.kind].collects)
        self.participants = view.participants
        self.answers = view.wall.answers
        self.pages = view.wall.pages
        self.page = view.wall.page
        self.wall.show(view.wall, view.participants)
        self._draw_tools(view)
        for panel, data in zip(self.panels, view.panels, strict=True):
            panel.show(data)
        self.tick()

    def tick(self) -> None:
        """Redraw the countdown from the stored state and the clock (no store read)."""
        state, exercise = self._session.state, self._session.exercise
        self.timer_running = state.timer_running
        now = self._clock()
        self.countdown = self.stepper.show_timer(state.remaining(exercise, now),
                                                 state.timer_running,
                                                 started=state.elapsed(now) > 0)
        for panel in self.panels:
            panel.tick(self._session, now)

    # --- live updates ---------------------------------------------------------------------
    def start(self) -> bool:
        """Start polling the store from the running event loop (the kernel's, in Voilà).

        Returns False when no loop runs (plain Python): call refresh() yourself then.
        """
        if self._task is not None and not self._task.done():
            return True
        try:
            loop = asyncio.get_running_loop()
        except RuntimeError:
            return False
        self._task = loop.create_task(self._watch())
        return True

    @property
    def live(self) -> bool:
        return self._task is not None and not self._task.done()

    async def _watch(self) -> None:
        """Poll, redraw on change; an error is logged (once while it repeats) and retried."""
        failing: str | None = None
        while not self._closed:
            try:
                mark = await asyncio.to_thread(self.store.watermark, self._session)
                if mark != self._mark or self.phase_kind in CLOCKED:
                    generation = self._generation
                    view = await asyncio.to_thread(self._load)
                    if generation == self._generation:  # else an action redrew meanwhile
                        self._apply(view)
                else:
                    self.tick()
                if failing is not None:
                    log.warning("palabre dashboard: refresh works again")
                    failing = None
            except asyncio.CancelledError:
                raise
            except Exception as error:
                if repr(error) != failing:
                    log.exception("palabre dashboard: refresh failed, trying again")
                    failing = repr(error)
            await asyncio.sleep(self._interval)

    def stop(self) -> None:
        """Stop the live updates (the widget stays as it is)."""
        if self._task is not None:
            self._task.cancel()
            self._task = None

    def dispose(self) -> None:
        """Stop polling and close every widget of the dashboard."""
        self.widget.close()

    def _dispose_parts(self) -> None:
        self._closed = True
        self.stop()
        for child in (self.header, self.alert, self.qr, self.stepper, self.wall, self._style,
                      self._top,
                      *self._tool_for.values(), self.commitment_tools, self.tools,
                      *self.panels):
            child.close()

    def _repr_mimebundle_(self, **kwargs):
        return self.widget._repr_mimebundle_(**kwargs)


def session_from_query(query_string: str | None) -> str | None:
    """The session code in a dashboard address (?session=CODE), read as a person types it
    (lower case, spaces or a dash accepted); what cannot be a code is returned upper-cased so
    the notice can quote it."""
    raw = (parse_qs(query_string or "").get("session") or [""])[0].strip()
    return (codes.normalize(raw) or raw.upper()) if raw else None


def room_app(query_string: str | None = None, *, store: Store | None = None,
             public_url: str | None = None, lang: str | None = None,
             format_id: str | None = None):
    """What workshops/room.ipynb displays: the dashboard of the session in the address, with
    the panels of its format; a format's own notebook names its format (`format_id`).

    Voilà hands the page's query string to the kernel as QUERY_STRING. A missing or unknown
    code gives a readable notice rather than a traceback on the projector.
    """
    if query_string is None:
        query_string = os.environ.get("QUERY_STRING", "")
    t = Translator(lang or str(settings.get("lang")))
    _ = t.gettext
    code = session_from_query(query_string)
    if code is None:
        return _notice(_("Open this dashboard with the session code in its address: "
                         "room.ipynb?session=CODE."))
    store = store or Store.open()
    if store.session(code) is None:
        return _notice(_("No workshop has the code {code}.", code=html.escape(code)))
    if not (public_url or settings.get("public_url")):
        return _notice(_("The address phones should open is unknown: start the kit with "
                         "`palabre start`, or set PALABRE_PUBLIC_URL."))
    return RoomDashboard(store, code, public_url=public_url, lang=lang, format_id=format_id)


def _notice(message: str) -> HTML:
    notice = HTML(f'<div class="palabre-note">{message}</div>')
    notice.add_class("palabre-notice")
    return notice
