"""The audience view: what the projector shows the room, and nothing else.

No button, no field: the facilitator acts in the console (console.py), which shows this same
view as its preview. Both follow the store, so any number of windows agree. The screen is one
fixed frame sized on its container (CSS container units): the phase's question, the wall or
the result, the clock, the way in. It never scrolls: a large wall turns its pages by itself
(« page 2/7 »), a result shows its first items in full.
"""

from __future__ import annotations

import html
import time
from collections.abc import Callable
from dataclasses import dataclass, replace

from ipywidgets import HTML, HBox, VBox

from palabre import boards, exercises, settings, synthesis
from palabre.i18n import N_, Translator
from palabre.store import Session, Store, Watermark
from palabre.text import shorten

from .format_panels import ROLE_ORDER, persona_card, role_split_html, tables_html
from .live import CLOCK_SECONDS, POLL_SECONDS, Following, LiveBox, opened
from .qr import address_html, join_url, qr_svg, short_url
from .stepper import clock_text
from .style import stylesheet
from .views import CLOCKED, render_result
from .walls import Sources, Wall, cards

SCREEN_BOARD = "screen"  # what the facilitator chose for the room's screen (the QR code)
PAGE_SECONDS = 10.0  # a page of a large wall stays this long on screen
PER_PAGE = 9  # cards a page: three columns of three, each with room for its tag
RESULT_TOP = 5  # a result shows this many items, each in full
RESULTS = frozenset({"vote", "choice", "scale"})  # kinds whose revealed wall is a result
SPLIT_FORMATS = frozenset({"role-swap"})  # formats whose vote also shows dots by real role
SPLIT_TOP_SHOWN = 2  # with the dots by role under it, a result shows this many
QUOTE_CHARS = 90  # the idea that stands for a theme, on its card


def qr_shown(store: Store, session: Session) -> bool:
    return bool(store.board(session, SCREEN_BOARD).get("qr", True))


def show_qr(store: Store, session: Session, shown: bool) -> None:
    """Put the QR code on the room's screen or fold it away (every window follows)."""
    store.update_board(session, SCREEN_BOARD, lambda board: {**board, "qr": bool(shown)})


def timebox(session: Session, now: float) -> tuple[float, bool, bool] | None:
    """The phase's clock as (remaining, running, started), or None: no timebox, or a pitch
    phase, whose speaker's clock is the one the room watches."""
    state, exercise = session.state, session.exercise
    if session.phase.kind == "pitch":
        return None
    remaining = state.remaining(exercise, now)
    if remaining is None:
        return None
    return remaining, state.timer_running, state.elapsed(now) > 0


def clock_html(clock: tuple[float, bool, bool] | None, t: Translator) -> str:
    _ = t.gettext
    if clock is None:
        return ""
    remaining, running, started = clock
    text = clock_text(remaining)
    if remaining <= 0:
        return f'<span class="palabre-over">{text} · {html.escape(_("Time is up"))}</span>'
    if running:
        return text
    if not started:
        return f'<span class="palabre-paused">{text}</span>'
    return f'<span class="palabre-paused">{text} · {html.escape(_("paused"))}</span>'


@dataclass(frozen=True)
class Screen:
    """One reading of the room, drawn into the audience view."""

    mark: Watermark
    session: Session
    head: str
    wall: str
    extra: str
    foot: str
    qr: bool
    pages: int
    paged: bool  # whether the wall turns its pages by itself


class AudienceView(Following):
    """The projected screen of one session; `widget` is what Voilà displays."""

    def __init__(self, store: Store, code: str, *, public_url: str | None = None,
                 lang: str | None = None, clock: Callable[[], float] = time.time,
                 interval: float = POLL_SECONDS, live: bool = True,
                 format_id: str | None = None, preview: bool = False):
        session = store.session(code)
        if session is None:
            raise KeyError(code)
        self.store, self.code = store, code
        self._session = session
        self._clock = clock
        self._interval = interval
        self._format = format_id or session.exercise.id
        self._t = Translator(lang or session.lang or str(settings.get("lang")))
        self.join_url = join_url(code, public_url)
        self._sources = Sources(board=lambda name: store.board(self._session, name),
                                photo=lambda pid: store.photo(self._session, pid),
                                pitch=lambda pid: boards.pitch(store, self._session, pid),
                                clock=clock)
        self._since = clock()  # when the wall last changed: its page 1 is shown first
        self._last_id: int | None = None
        self._phase: str | None = None
        self._page_at_load = 0
        self.pages = 1
        self.page = 0
        self._paged = False

        self.head = HTML()
        self.head.add_class("palabre-audience-head")
        self.clock_label = HTML()
        self.clock_label.add_class("palabre-audience-clock")
        self.wall = HTML()
        self.wall.add_class("palabre-audience-wall")
        self.extra = HTML()
        self.extra.add_class("palabre-audience-extra")
        self.foot = HTML()
        self.foot.add_class("palabre-audience-foot")
        self.way_in = HTML(self._way_in())
        self.way_in.add_class("palabre-audience-way-in")
        self._top = HBox([self.head, self.clock_label])
        self._top.add_class("palabre-audience-top")
        self._main = VBox([self._top, self.wall, self.extra, self.foot])
        self._main.add_class("palabre-audience-main")
        self.screen = HBox([self._main, self.way_in])
        self.screen.add_class("palabre-audience")
        parts = [self.screen] if preview else [stylesheet(), self.screen]
        self.widget = LiveBox(parts, on_close=self._dispose_parts)
        self.widget.add_class("palabre-audience-page")
        self.refresh()
        if live:
            self.start()

    def _way_in(self) -> str:
        _ = self._t.gettext
        # Messages outside the f-strings, where the catalog check can read them.
        label = html.escape(_("QR code to join"), quote=True)
        code = _("Code: {code}", code=f"<b>{html.escape(self.code)}</b>")
        return (f'<div class="palabre-audience-qr" role="img" aria-label="{label}">'
                f"{qr_svg(self.join_url)}</div>"
                f'<p class="palabre-audience-url">{address_html(self.join_url)}</p>'
                f'<p class="palabre-audience-code">{code}</p>')

    # --- reading ---------------------------------------------------------------------------
    def _load(self) -> Screen:
        mark = self.store.watermark(self._session)  # before the read: a change in between
        snap = synthesis.snapshot(self.store, self.code)  # is seen again at the next poll
        session, t = snap.session, self._t
        phase = session.phase
        now = self._clock()
        if phase.id != self._phase or _last_id(mark) != self._last_id:
            self._since = now  # something new: page 1, where the newest answers are
        visible = session.state.results_visible(session.exercise)
        result = synthesis.phase_result(snap, phase, self._sources.board, t.lang)
        top = visible and phase.kind in RESULTS
        split = top and phase.kind == "vote" and self._format in SPLIT_FORMATS
        per_page = (SPLIT_TOP_SHOWN if split else RESULT_TOP) if top else PER_PAGE
        grouped = None if top else self._grouped(snap, result, visible)

        def draw(page: int) -> Wall:
            if grouped is not None:
                return themes_wall(grouped, t, page=page, per_page=PER_PAGE,
                                   answers=result.answers)
            return render_result(snap, result, t, visible=visible, page=page,
                                 per_page=per_page, sources=self._sources)

        wall = draw(0)
        page = 0 if top else int((now - self._since) // PAGE_SECONDS) % wall.pages
        if page:
            wall = draw(page)
        return Screen(mark=mark, session=session, head=self._head(session),
                      wall=wall.html, extra=self._extra(snap, result, visible),
                      foot=self._foot(session, snap, wall, top,
                                      len(getattr(result, "tallies", ())), per_page),
                      qr=qr_shown(self.store, session), pages=wall.pages,
                      paged=not top and wall.pages > 1)

    def _grouped(self, snap, result, visible: bool) -> synthesis.ClusterResult | None:
        """A wall of more answers than a page holds, grouped by the facilitator's themes when
        there are some: the grouping phase itself, or a phase whose answers were grouped."""
        phase = result.phase
        if isinstance(result, synthesis.ClusterResult):
            grouped = result
        elif visible and exercises.KINDS[phase.kind].produces_items:
            themes = self._sources.board(boards.themes_board(phase.id)).get("themes")
            if not themes:
                return None
            as_grouping = replace(phase, kind="cluster", params={"source": phase.id})
            grouped = synthesis.phase_result(snap, as_grouping, self._sources.board,
                                             self._t.lang)
        else:
            return None
        named = [theme for theme in grouped.themes if theme.title]
        return grouped if named and grouped.ideas > PER_PAGE else None

    def _head(self, session: Session) -> str:
        _ = self._t.gettext
        phase, lang = session.phase, self._t.lang
        position = _("Phase {i} / {n}", i=session.state.phase_index + 1,
                     n=len(session.exercise.phases))
        return (f'<p class="palabre-audience-position">{html.escape(position)} · '
                f"{html.escape(phase.title.get(lang))}</p>"
                f'<h1 class="palabre-audience-prompt">{html.escape(phase.prompt.get(lang))}</h1>')

    def _foot(self, session: Session, snap, wall, top: bool, total: int, shown: int) -> str:
        t = self._t
        _ = t.gettext
        said = [t.ngettext("{n} participant", "{n} participants",
                           synthesis.counts(snap).participants)]
        if exercises.KINDS[session.phase.kind].collects:
            said.append(t.ngettext("{n} answer", "{n} answers", wall.answers))
            said.append(_("Answers are open.") if session.state.accepting
                        else _("Answers are closed."))
        if top and wall.pages > 1:
            said.append(_("The first {shown} of {total}: all of them in the restitution.",
                          shown=shown, total=total))
        line = html.escape(" · ".join(said))
        pager = ""
        if not top and wall.pages > 1:
            where = _("page {page}/{pages}", page=wall.page + 1, pages=wall.pages)
            pager = f'<span class="palabre-audience-pager">{html.escape(where)}</span>'
        return f'<span class="palabre-audience-counts">{line}</span>{pager}'

    def _extra(self, snap, result, visible: bool) -> str:
        """What a format's panels add for the room: who works on which persona, the mixed
        tables, the dots by real role (display only: their controls stay on the console)."""
        session, phase, t = snap.session, result.phase, self._t
        if phase.kind == "persona":
            board = self.store.board(session, boards.personas_board(phase.id))
            given: dict[str, list[str]] = {}
            if board.get("room"):
                given[board["room"]] = []
            for table, pid in sorted((board.get("tables") or {}).items()):
                given.setdefault(pid, []).append(table)
            cards = "".join(persona_card(pid, tables, t) for pid, tables in given.items())
            return f'<div class="palabre-persona-cards">{cards}</div>' if cards else ""
        if phase.kind == "argument":
            people = snap.participants
            tables = boards.tables(self.store, session, list(people))
            if not tables:
                return ""
            return tables_html(tables, {p.id: p.role for p in people},
                               boards.viewpoints(self.store, session),
                               bool(phase.params.get("swap_roles")), t)
        if phase.kind == "vote" and visible and self._format in SPLIT_FORMATS:
            top = list(result.voted[:SPLIT_TOP_SHOWN])
            if top:
                split = {role: list(found) for role, found in result.by_voter_role.items()
                         if role in ROLE_ORDER}
                return role_split_html(split, top, t)
        return ""

    # --- drawing ---------------------------------------------------------------------------
    def _apply(self, screen: Screen) -> None:
        self._session, self._mark = screen.session, screen.mark
        self._phase, self._last_id = screen.session.phase.id, _last_id(screen.mark)
        self._loaded_at = self._clock()
        self._page_at_load = self._page_now(self._loaded_at, screen.pages)
        self.pages, self._paged = screen.pages, screen.paged
        for widget, value in ((self.head, screen.head), (self.wall, screen.wall),
                              (self.extra, screen.extra), (self.foot, screen.foot)):
            if widget.value != value:
                widget.value = value
        self.extra.layout.display = None if screen.extra else "none"
        self.way_in.layout.display = None if screen.qr else "none"
        if not screen.qr:
            _ = self._t.gettext
            join = _("Join: {address} · code {code}", address=short_url(self.join_url),
                     code=self.code)
            self.foot.value = (screen.foot + f'<span class="palabre-audience-join">'
                               f"{html.escape(join)}</span>")
        self.tick()

    def _page_now(self, now: float, pages: int) -> int:
        return int((now - self._since) // PAGE_SECONDS) % max(pages, 1)

    def _due(self, now: float) -> bool:
        if now - self._loaded_at < CLOCK_SECONDS:
            return False
        if self._session.phase.kind in CLOCKED:
            return True
        return self._paged and self._page_now(now, self.pages) != self._page_at_load

    def tick(self) -> None:
        shown = clock_html(timebox(self._session, self._clock()), self._t)
        if self.clock_label.value != shown:
            self.clock_label.value = shown
        self.clock_label.layout.display = None if shown else "none"

    def _dispose_parts(self) -> None:
        self._closed = True
        self.stop()
        for child in (self.head, self.clock_label, self.wall, self.extra, self.foot,
                      self.way_in, self._top, self._main, self.screen):
            child.close()


def themes_wall(result: synthesis.ClusterResult, t: Translator, *, page: int, per_page: int,
                answers: int) -> Wall:
    """The themes as cards, most ideas first: each its title, how many ideas and the one
    that stands for it, so a wall of hundreds of answers reads in one page or two."""
    _ = t.gettext
    found = sorted(result.themes, key=lambda theme: (not theme.title, -len(theme.items)))
    pages = max(1, -(-len(found) // per_page))
    page = max(0, min(page, pages - 1))
    shown = found[page * per_page:(page + 1) * per_page]
    labels = [(theme.title or _("Other ideas"),
               " · ".join(x for x in (t.ngettext("{n} idea", "{n} ideas", len(theme.items)),
                                      _("“{quote}”", quote=shorten(theme.quote.text or "",
                                                                   QUOTE_CHARS))
                                      if theme.quote else "") if x))
              for theme in shown]
    return Wall(cards(labels), answers, pages, page)


def _last_id(mark: Watermark | None) -> int | None:
    """The newest answer's id in a watermark (None when the store gave none)."""
    return getattr(mark, "last_id", None)


def audience_app(query_string: str | None = None, *, store: Store | None = None,
                 public_url: str | None = None, lang: str | None = None,
                 format_id: str | None = None):
    """What workshops/audience.ipynb displays: the room's screen of the session in the
    address (?session=CODE). A missing or unknown code gives a readable notice."""
    return opened(query_string, store, public_url, lang, N_(
        "Open this screen with the session code in its address: audience.ipynb?session=CODE."),
        lambda store, code: AudienceView(store, code, public_url=public_url, lang=lang,
                                         format_id=format_id))
