"""The facilitator's console: every control, the facilitator's own wall (every page, the
numbers moderation types) and a preview of what the room sees, for one session.

The store is the only state: every action writes the room state through Store.update_state
with the RoomState methods (or a board), and the views are redrawn from the store, so a second
window, the audience view (audience.py), a restart or a phone all see the same room. The
preview is an AudienceView, the very view the projector shows.
"""

from __future__ import annotations

import html
import logging
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from urllib.parse import quote

from ipywidgets import HTML, HBox, VBox
from traitlets import Bool, Int, Unicode

from palabre import boards, exercises, settings, synthesis
from palabre.i18n import N_, Translator
from palabre.store import Session, Store, Watermark

from .audience import AudienceView, qr_shown, show_qr
from .board_actions import BoardActions
from .live import CLOCK_SECONDS, POLL_SECONDS, Following, LiveBox, opened
from .moderation import Moderation
from .panel import Panel, PanelContext
from .panels import panels_for
from .qr import QrPanel, join_url, short_url
from .stepper import PhaseStepper
from .style import stylesheet
from .themes import ThemeActions, ThemeTools
from .tools import CommitmentTools, PersonaTools, PitchTools
from .views import CLOCKED, render_result
from .walls import PER_PAGE, LiveWall, Sources, Wall

log = logging.getLogger(__name__)

# Kinds whose wall carries participants' own text: moderation applies to them only.
MODERATED = frozenset({"ideas", "invert", "persona", "argument", "photo"})


@dataclass(frozen=True)
class _View:
    """Everything one redraw needs, read from the store off the kernel's event loop."""

    mark: Watermark
    session: Session
    participants: int
    wall: Wall
    personas: dict  # the persona board of a persona phase, else empty
    commitments: list  # next steps typed so far
    qr: bool = True  # whether the room's screen shows the QR code
    screen: object = None  # the preview's reading (audience.Screen)
    panels: tuple = ()  # what each extra panel loaded (None: not shown in this phase)
    themes: tuple = ()  # a cluster phase's themes (synthesis), the last holding the rest
    duplicates: list = ()  # a cluster phase's likely duplicates not yet dismissed


class RoomDashboard(ThemeActions, BoardActions, Following, Moderation):
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
        self.stepper = PhaseStepper(self._t)
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
        # What the room sees, drawn by the audience view itself, and the way to open it.
        self.preview = AudienceView(store, code, public_url=public_url, lang=chosen,
                                    clock=clock, live=False, format_id=format_id,
                                    preview=True)  # read with the console's own reads
        self.preview_frame = VBox([self.preview.widget])
        self.preview_frame.add_class("palabre-preview")
        self.screen_links = HTML(self._screen_links(code))
        self.screen_links.add_class("palabre-screen-links")
        self._side = VBox([self.preview_frame, self.screen_links, self.qr])
        self._side.add_class("palabre-console-side")
        # The format's own panels (by default those of the session's format), then the
        # word cloud and the export tools every dashboard has.
        self.panels = tuple(panels_for(format_id or session.exercise.id, self._t)
                            if panels is None else panels)
        super().__init__(**kwargs)
        above = [p for p in self.panels if p.place == "above"]
        below = [p for p in self.panels if p.place != "above"]
        self._controls = VBox([self.stepper, self.tools, *above, self.wall, *below])
        self._controls.add_class("palabre-console")
        self._top = HBox([self._controls, self._side])
        self._top.add_class("palabre-console-columns")
        self.widget = LiveBox([self._style, self.header, self.alert, self._top],
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
        s, w, p, c, pe = (self.stepper, self.wall, self.pitch_tools, self.commitment_tools,
                          self.persona_tools)
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
            (c.add_button, self._add_typed_commitment),
            (c.remove_button, self._remove_typed_commitment),
            (pe.assign_button,
             lambda: self.assign_persona(pe.persona.value, pe.table.value.strip() or None)),
        ):
            button.on_click(self.guarded(action))
        self._wire_themes()
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

    def show_qr(self) -> None:
        """The large QR code back on the room's screen (every window follows)."""
        show_qr(self.store, self._session, True)
        self.refresh()

    def hide_qr(self) -> None:
        """Fold the QR code away once the room has joined, so the wall gets the screen; the
        address stays on it in one line."""
        show_qr(self.store, self._session, False)
        self.refresh()

    def _screen_links(self, code: str) -> str:
        """Open the room's screen in a window of its own (dragged to the projector), or show
        it in this window for a single screen (the P key, or Escape to come back)."""
        _ = self._t.gettext
        target = f"audience.ipynb?session={quote(code)}"
        opened = html.escape(_("Open the room's screen in its own window"))
        only = html.escape(_("Show only the room's screen here (key P, Escape to come back)"))
        follow = html.escape(_("Follow-ups of the proposals"))
        follow_url = f"../../palabre/follow-ups/{quote(code)}"  # from /voila/render/...
        return (f'<a class="palabre-open-audience" href="{html.escape(target, quote=True)}" '
                'target="palabre-audience" rel="opener" onclick="window.open(this.href, '
                "'palabre-audience', 'popup,width=1280,height=720'); return false;\">"
                f"{opened}</a>"
                '<button type="button" class="palabre-room-only-toggle" '
                "onclick=\"document.body.classList.toggle('palabre-room-only')\">"
                f"{only}</button>"
                # After the workshop: what became of each proposal (palabre's own page).
                f'<a class="palabre-follow-ups" href="{html.escape(follow_url, quote=True)}" '
                f'target="palabre-follow-ups">{follow}</a>')

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
                     qr=qr_shown(self.store, session), screen=self.preview._load(),
                     panels=tuple(panel.load(context) for panel in self.panels),
                     **({"themes": result.themes, "duplicates": self.duplicate_pairs(session)}
                        if phase.kind == "cluster" else {}))

    def _due(self, now: float) -> bool:
        return ((self.phase_kind in CLOCKED and now - self._loaded_at >= CLOCK_SECONDS)
                or self.preview._due(now))

    def _apply(self, view: _View) -> None:
        session, state = view.session, view.session.state
        exercise, phase, lang = session.exercise, view.session.phase, self._t.lang
        self._session = session
        self._mark = view.mark
        self._loaded_at = self._clock()
        self.qr_shown = view.qr
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
                          reveal_rule=phase.reveal, collects=exercises.KINDS[phase.kind].collects,
                          visible=self.results_visible)
        self.participants = view.participants
        self.answers = view.wall.answers
        self.pages = view.wall.pages
        self.page = view.wall.page
        self.wall.show(view.wall, view.participants)
        self.wall.moderate(phase.kind in MODERATED, invert=phase.kind == "invert")
        self._draw_tools(view)
        for panel, data in zip(self.panels, view.panels, strict=True):
            panel.show(data)
        self.preview._apply(view.screen)
        self.tick()

    def tick(self) -> None:
        """Redraw the countdown from the stored state and the clock (no store read)."""
        state, exercise = self._session.state, self._session.exercise
        self.timer_running = state.timer_running
        now = self._clock()
        # A pitch phase shows one clock, the speaker's (on the wall), not the phase's too.
        remaining = None if self._session.phase.kind == "pitch" else state.remaining(exercise,
                                                                                      now)
        self.countdown = self.stepper.show_timer(remaining,
                                                 state.timer_running,
                                                 started=state.elapsed(now) > 0)
        for panel in self.panels:
            panel.tick(self._session, now)
        self.preview.tick()

    def _dispose_parts(self) -> None:
        self._closed = True
        self.stop()
        self.preview.dispose()
        for child in (self.header, self.alert, self.qr, self.stepper, self.wall, self._style,
                      self.preview_frame, self.screen_links, self._side, self._controls,
                      self._top,
                      *self._tool_for.values(), self.commitment_tools, self.tools,
                      *self.panels):
            child.close()


def room_app(query_string: str | None = None, *, store: Store | None = None,
             public_url: str | None = None, lang: str | None = None,
             format_id: str | None = None):
    """What workshops/room.ipynb displays: the dashboard of the session in the address, with
    the panels of its format; a format's own notebook names its format (`format_id`).

    Voilà hands the page's query string to the kernel as QUERY_STRING. A missing or unknown
    code gives a readable notice rather than a traceback on the projector.
    """
    return opened(query_string, store, public_url, lang, N_(
        "Open this dashboard with the session code in its address: room.ipynb?session=CODE."),
        lambda store, code: RoomDashboard(store, code, public_url=public_url, lang=lang,
                                          format_id=format_id))
