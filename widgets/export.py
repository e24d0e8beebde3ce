"""Export from the projector laptop while the workshop runs: the restitution files, and the
paper to print, written in a background thread so the wall keeps following the phones, with a
progress bar, then the folder they are in (under the data directory: exports/CODE).

The worker never touches a widget itself: each progress call is handed to the kernel's event
loop (the loop that ran the click), or applied at once when no loop runs (code, tests).
"""

from __future__ import annotations

import html
import importlib.util
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor
from pathlib import Path

from ipywidgets import HTML, IntProgress, Layout

from palabre import settings

from .panel import Panel, PanelContext, poster
from .style import button, row


def export_folder(code: str) -> Path:
    """Where a workshop's files go: the data directory, exports/CODE."""
    return settings.data_dir() / "exports" / code


def printables_folder(code: str) -> Path:
    """Where the paper goes: exports/CODE/printables, apart from the restitution."""
    return export_folder(code) / "printables"


def printables_available() -> bool:
    """Whether this kit has the printables (handout, table cards, ballots, persona cards)."""
    return importlib.util.find_spec("palabre.exports.printables") is not None


Progress = Callable[[int, int, str], None]


def write_restitution(room, progress: Progress) -> tuple[Path, list[Path]]:
    """The deck, workbook, CSV and open data of the room's workshop."""
    from palabre.exports import export_workshop  # heavy: loaded on first export

    out = export_folder(room.code)
    return out, export_workshop(room.store, room.code, out, lang=room.lang, progress=progress)


def write_paper(room, progress: Progress) -> tuple[Path, list[Path]]:
    """The handout, then each phase's paper (table cards, ballots with the numbers the wall
    shows, persona cards), one step per phase so the bar moves."""
    from palabre.exports.printables import handout, write_printables

    _ = room._t.gettext
    out = printables_folder(room.code)
    out.mkdir(parents=True, exist_ok=True)
    session = room.store.session(room.code)
    phases = session.exercise.phases
    total = len(phases) + 1
    progress(0, total, _("Handout"))
    poster = out / f"{session.code}-handout.pdf"
    poster.write_bytes(handout(session, room.join_url, lang=room.lang))
    written = [poster]
    for done, phase in enumerate(phases, start=1):
        progress(done, total, phase.title.get(room.lang))
        written += write_printables(room.store, room.code, out, join_url=room.join_url,
                                    lang=room.lang, phase_id=phase.id)
    progress(total, total, _("Done"))
    return out, written


class ExportPanel(Panel):
    """The restitution (deck, workbook, CSV, open data) and the paper to print, at any moment
    of the workshop, written in the background."""

    place = "below"

    def __init__(self, translator, **kwargs):
        _ = translator.gettext
        self.export_button = button(_("Export the restitution"), "palabre-export", "download")
        self.print_button = button(_("Documents to print"), "palabre-printables", "print")
        self.print_button.layout.display = None if printables_available() else "none"
        self.progress = IntProgress(value=0, min=0, max=1, layout=Layout(width="20em"))
        self.progress.add_class("palabre-export-progress")
        self.step = HTML()
        self.step.add_class("palabre-export-step")
        self.result = HTML()
        self.result.add_class("palabre-export-result")
        self._row = row([self.export_button, self.print_button, self.progress, self.step])
        self._executor: ThreadPoolExecutor | None = None
        self.running: Future | None = None
        super().__init__(translator, [self._row, self.result], **kwargs)
        self.progress.layout.visibility = "hidden"

    def attach(self, room) -> None:
        super().attach(room)
        self.export_button.on_click(room.guarded(self.export))
        self.print_button.on_click(room.guarded(self.printables))

    def load(self, context: PanelContext):
        return True  # on every phase: the restitution can be made at any moment

    def export(self) -> Future:
        """Start writing the restitution files; returns the running job (its result: the
        paths written). A click while a job runs returns that job."""
        return self._start(write_restitution)

    def printables(self) -> Future:
        """Start writing the paper to print (handout, table cards, ballots, personas)."""
        return self._start(write_paper)

    def _start(self, write: Callable[[object, Progress], tuple[Path, list[Path]]]) -> Future:
        if self.running is not None and not self.running.done():
            return self.running
        room, post = self.room, poster()
        for one in (self.export_button, self.print_button):
            one.disabled = True
        self.progress.value, self.progress.max = 0, 1
        self.progress.layout.visibility = "visible"
        self.result.value = ""

        def progress(done: int, total: int, label: str) -> None:
            post(lambda: self._progress(done, total, label))

        def work() -> list[Path]:
            try:
                out, written = write(room, progress)
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
        self._ready()

    def _failed(self, error: Exception) -> None:
        _ = self._t.gettext
        translated = getattr(error, "translated", None)
        reason = translated(_) if translated else type(error).__name__
        self.step.value = ""
        self.result.value = html.escape(_("The export did not work: {reason}", reason=reason))
        self._ready()

    def _ready(self) -> None:
        for one in (self.export_button, self.print_button):
            one.disabled = False

    def parts(self) -> tuple:
        return (self.export_button, self.print_button, self.progress, self.step, self.result,
                self._row)

    def close(self) -> None:
        if self._executor is not None:
            self._executor.shutdown(wait=False)
        super().close()
