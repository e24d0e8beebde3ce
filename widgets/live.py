"""What the console and the audience view share: following the store.

The store is the only state. Each view runs an asyncio task in its kernel that asks the store's
cheap watermark ("anything newer?") ten times a second and redraws only when it moved, or when
the view itself says a redraw is due (a running clock, the next page of a large wall). Reads
happen off the kernel's event loop; a slower read overtaken by an action's redraw is dropped.
"""

from __future__ import annotations

import asyncio
import html
import logging
import os
from collections.abc import Callable
from urllib.parse import parse_qs

from ipywidgets import HTML, VBox

from palabre import codes, settings
from palabre.i18n import Translator
from palabre.store import Store, Watermark

log = logging.getLogger(__name__)

# The watermark is one indexed query: asking it often is what keeps tap-to-projector short.
POLL_SECONDS = 0.1
# A running clock or a paging wall is redrawn at most this often.
CLOCK_SECONDS = 0.5


class LiveBox(VBox):
    """A view's outer box: closing it (or the kernel going away) stops the polling."""

    def __init__(self, children, on_close: Callable[[], None], **kwargs):
        self._on_close = on_close
        super().__init__(children, **kwargs)

    def close(self) -> None:
        on_close, self._on_close = self._on_close, None
        if on_close is not None:
            on_close()
        super().close()


class Following:
    """Mixed into a view: `_load()` reads (off the loop), `_apply(view)` draws, `tick()` follows
    the clock without the store, `_due(now)` says when a redraw is wanted without a change."""

    _interval: float = POLL_SECONDS
    _mark: Watermark | None = None
    _generation: int = 0  # bumped by every synchronous redraw, so a slower read is dropped
    _task: asyncio.Task | None = None
    _closed: bool = False
    _loaded_at: float = 0.0

    def _load(self):  # pragma: no cover - each view has its own
        raise NotImplementedError

    def _apply(self, view) -> None:  # pragma: no cover
        raise NotImplementedError

    def tick(self) -> None:
        """Follow the clock between reads (nothing by default)."""

    def _due(self, now: float) -> bool:
        return False

    def _watermark(self) -> Watermark:
        return self.store.watermark(self._session)

    def refresh(self) -> None:
        """Read the store and redraw now."""
        self._generation += 1
        self._apply(self._load())

    def start(self) -> bool:
        """Start polling from the running event loop (the kernel's, in Voilà).

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
                mark = await asyncio.to_thread(self._watermark)
                if mark != self._mark or self._due(self._clock()):
                    generation = self._generation
                    view = await asyncio.to_thread(self._load)
                    if generation == self._generation:  # else an action redrew meanwhile
                        self._apply(view)
                else:
                    self.tick()
                if failing is not None:
                    log.warning("palabre: refresh works again")
                    failing = None
            except asyncio.CancelledError:
                raise
            except Exception as error:
                if repr(error) != failing:
                    log.exception("palabre: refresh failed, trying again")
                    failing = repr(error)
            await asyncio.sleep(self._interval)

    def stop(self) -> None:
        """Stop the live updates (the widget stays as it is)."""
        if self._task is not None:
            self._task.cancel()
            self._task = None

    def dispose(self) -> None:
        """Stop polling and close every widget of the view."""
        self.widget.close()

    def _repr_mimebundle_(self, **kwargs):
        return self.widget._repr_mimebundle_(**kwargs)


def session_from_query(query_string: str | None) -> str | None:
    """The session code in a page address (?session=CODE), read as a person types it (lower
    case, spaces or a dash accepted); what cannot be a code is returned upper-cased so the
    notice can quote it."""
    raw = (parse_qs(query_string or "").get("session") or [""])[0].strip()
    return (codes.normalize(raw) or raw.upper()) if raw else None


def notice(message: str) -> HTML:
    """A readable notice instead of a traceback on a screen (message already escaped)."""
    shown = HTML(f'<div class="palabre-note">{message}</div>')
    shown.add_class("palabre-notice")
    return shown


def opened(query_string: str | None, store: Store | None, public_url: str | None,
           lang: str | None, missing: str, build: Callable[[Store, str], object]):
    """What a dashboard notebook displays: `build(store, code)` for the session in the page's
    address, or a readable notice when the code is missing or unknown or the phones' address
    is not known (Voilà hands the query string to the kernel as QUERY_STRING)."""
    if query_string is None:
        query_string = os.environ.get("QUERY_STRING", "")
    _ = Translator(lang or str(settings.get("lang"))).gettext
    code = session_from_query(query_string)
    if code is None:
        return notice(_(missing))
    store = store or Store.open()
    if store.session(code) is None:
        return notice(_("No workshop has the code {code}.", code=html.escape(code)))
    if not (public_url or settings.get("public_url")):
        return notice(_("The address phones should open is unknown: start the kit with "
                        "`palabre start`, or set PALABRE_PUBLIC_URL."))
    return build(store, code)
