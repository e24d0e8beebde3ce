"""Export from the projector laptop while the workshop runs: the restitution files, written in
a background thread so the wall keeps following the phones, with a progress bar, then the
folder they are in (under the data directory: exports/CODE).

The worker never touches a widget itself: each progress call is handed to the kernel's event
loop (the loop that ran the click), or applied at once when no loop runs (code, tests).
"""

from __future__ import annotations

import asyncio
import html
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor
from pathlib import Path

from ipywidgets import HTML, IntProgress, Layout

from palabre import settings

from .panel import Panel, PanelContext, button, row


def export_folder(code: str) -> Path:
    """Where a workshop's files go: the data directory, exports/CODE."""
    return settings.data_dir() / "exports" / code


class ExportPanel(Panel):
    """The restitution (deck, workbook, CSV, open data) at any moment of the workshop."""

    place = "below"

    def __init__(self, translator, **kwargs):
        _ = translator.gettext
        self.export_button = button(_("Export the restitution"), "palabre-export", "download")
        self.progress = IntProgress(value=0, min=0, max=1, layout=Layout(width="20em"))
        self.progress.add_class("palabre-export-progress")
        self.step = HTML()
        self.step.add_class("palabre-export-step")
        self.result = HTML()
        self.result.add_class("palabre-export-result")
        self._row = row([self.export_button, self.progress, self.step])
        self._executor: ThreadPoolExecutor | None = None
        self.running: Future | None = None
        super().__init__(translator, [self._row, self.result], **kwargs)
        self.progress.layout.visibility = "hidden"

    def attach(self, room) -> None:
        super().attach(room)
        self.export_button.on_click(room.guarded(self.export))

    def load(self, context: PanelContext):
        return True  # on every phase: the restitution can be made at any moment

    def export(self) -> Future:
        """Start writing the restitution files; returns the running job (its result: the
        paths written). A second click while it runs returns the same job."""
        if self.running is not None and not self.running.done():
            return self.running
        room = self.room
        code, lang, store = room.code, room.lang, room.store
        out = export_folder(code)
        post = _poster()
        self.export_button.disabled = True
        self.progress.value, self.progress.max = 0, 1
        self.progress.layout.visibility = "visible"
        self.result.value = ""

        def progress(done: int, total: int, label: str) -> None:
            post(lambda: self._progress(done, total, label))

        def work() -> list[Path]:
            from palabre.exports import export_workshop  # heavy: loaded on first export

            try:
                written = export_workshop(store, code, out, lang=lang, progress=progress)
            except Exception as error:
                failure = error
                post(lambda: self._failed(failure))
                raise
            post(lambda: self._done(out, written))
            return written

        if self._executor is None:
            self._executor = ThreadPoolExecutor(max_workers=1,
                                                thread_name_prefix="palabre-export")
        self.running = self._executor.submit(work)
        return self.running

    def _progress(self, done: int, total: int, label: str) -> None:
        self.progress.max = max(total, 1)
        self.progress.value = done
        self.step.value = html.escape(label)

    def _done(self, out: Path, written: list[Path]) -> None:
        _ = self._t.gettext
        names = "".join(f"<li>{html.escape(path.name)}</li>" for path in written)
        where = _("Files written to {folder}", folder=str(out))
        self.result.value = f"<p>{html.escape(where)}</p><ul>{names}</ul>"
        self.export_button.disabled = False

    def _failed(self, error: Exception) -> None:
        _ = self._t.gettext
        translated = getattr(error, "translated", None)
        reason = translated(_) if translated else type(error).__name__
        self.step.value = ""
        self.result.value = html.escape(_("The export did not work: {reason}", reason=reason))
        self.export_button.disabled = False

    def parts(self) -> tuple:
        return (self.export_button, self.progress, self.step, self.result, self._row)

    def close(self) -> None:
        if self._executor is not None:
            self._executor.shutdown(wait=False)
        super().close()


def _poster() -> Callable[[Callable[[], None]], None]:
    """How a worker thread gets a change onto the widgets: through the running loop when there
    is one (the kernel's, in Voilà), else at once."""
    try:
        loop = asyncio.get_running_loop()
    except RuntimeError:
        return lambda change: change()
    return loop.call_soon_threadsafe
