"""Restitution: the deck, the workbook, the CSV and the open-data package of one workshop
(``export_workshop``), of a regional forum of several (``export_forum``) or of a national
campaign of forums and local debates (``export_campaign``). Paper to print
before and during a workshop is in ``printables``.

Figures come from ``palabre.synthesis`` (the projector's module), so the wall and the deck
never disagree; no exit lets a text become a formula (see neutralise.py).
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from palabre.exercises.messages import N_

from palabre.store import Store

from .annex import annex_name, write_annex
from .campaign import Campaign, write_campaign_datapackage, write_campaign_xlsx
from .campaign_deck import write_campaign_deck
from .deck import write_deck
from .errors import ExportError
from .forum import Forum, write_forum_csv, write_forum_datapackage, write_forum_xlsx
from .forum_deck import write_forum_annex, write_forum_deck
from .opendata import write_datapackage
from .pdf import to_pdf
from .records import Workshop
from .spreadsheet import write_xlsx
from .tables import SEPARATORS, write_csv

Progress = Callable[[int, int, str], None]

__all__ = ["SEPARATORS", "ExportError", "Progress", "export_campaign", "export_forum",
           "export_workshop"]


def export_workshop(store: Store, code: str, out_dir: str | Path, *, lang: str = "fr",
                    template: str | Path | None = None, sep: str = ";", pdf: bool = False,
                    include_text: bool = True, annex: bool = False,
                    progress: Progress | None = None) -> list[Path]:
    """Write every restitution file of workshop ``code`` into ``out_dir``; return their paths.
    ``annex`` also writes every answer on slides, in a deck of its own.

    ``progress(done, total, label)`` is called before each file and once at the end, with a
    translated label, so a dashboard or the CLI can show how far it is.
    """
    if sep not in SEPARATORS:
        raise ValueError(f"separator must be one of {SEPARATORS}, not {sep!r}")
    if template is not None and not Path(template).is_file():
        raise ExportError(N_("The template {file} does not exist."), file=str(template))
    if store.session(code) is None:
        raise ExportError(N_("No workshop has the code {code}."), code=code)
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    work = Workshop(store, code, lang)
    deck_path = out / f"{code}-restitution.pptx"
    annex_path = out / annex_name(code)
    steps: list[tuple[str, Callable[[], list[Path]]]] = [
        (N_("Slides"), lambda: [write_deck(work, deck_path, template=template,
                                           annex=annex_path.name if annex else None)]),
        (N_("Workbook"), lambda: [write_xlsx(work, out / f"{code}-contributions.xlsx")]),
        (N_("CSV file"), lambda: [write_csv(work, out / f"{code}-contributions.csv", sep=sep)]),
        (N_("Open data package"),
         lambda: write_datapackage(work, out, include_text=include_text)),
    ]
    if annex:
        steps.append((N_("Annex"), lambda: [write_annex(work, annex_path, template=template)]))
    if pdf:
        steps.append((N_("PDF"), lambda: [to_pdf(deck_path, out)]))
    return _run(steps, work._, progress)


def export_forum(store: Store, name: str, out_dir: str | Path, *, lang: str = "fr",
                 template: str | Path | None = None, sep: str = ";", pdf: bool = False,
                 include_text: bool = True, annex: bool = False,
                 progress: Progress | None = None) -> list[Path]:
    """Write the consolidated restitution of every workshop tagged with forum ``name``:
    ``<slug>-restitution.pptx``, ``<slug>-contributions.xlsx`` and ``.csv``, and the open-data
    package, with the same progress calls as ``export_workshop``."""
    if sep not in SEPARATORS:
        raise ValueError(f"separator must be one of {SEPARATORS}, not {sep!r}")
    if template is not None and not Path(template).is_file():
        raise ExportError(N_("The template {file} does not exist."), file=str(template))
    forum = Forum.open(store, name, lang)
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    stem = forum.slug
    deck_path = out / f"{stem}-restitution.pptx"
    annex_path = out / f"{stem}-annex.pptx"
    steps: list[tuple[str, Callable[[], list[Path]]]] = [
        (N_("Slides"), lambda: [write_forum_deck(forum, deck_path, template=template,
                                                 annex=annex_path.name if annex else None)]),
        (N_("Workbook"), lambda: [write_forum_xlsx(forum, out / f"{stem}-contributions.xlsx")]),
        (N_("CSV file"),
         lambda: [write_forum_csv(forum, out / f"{stem}-contributions.csv", sep=sep)]),
        (N_("Open data package"),
         lambda: write_forum_datapackage(forum, out, include_text=include_text)),
    ]
    if annex:
        steps.append((N_("Annex"),
                      lambda: [write_forum_annex(forum, annex_path, template=template)]))
    if pdf:
        steps.append((N_("PDF"), lambda: [to_pdf(deck_path, out)]))
    return _run(steps, forum._, progress)


def export_campaign(store: Store, name: str, out_dir: str | Path, *, lang: str = "fr",
                    template: str | Path | None = None, pdf: bool = False,
                    include_text: bool = True, progress: Progress | None = None
                    ) -> list[Path]:
    """Write the national restitution of campaign ``name``: ``<slug>-restitution.pptx``,
    ``<slug>-contributions.xlsx`` and the open-data package, every figure from one
    ``synthesis.campaign_result``."""
    if template is not None and not Path(template).is_file():
        raise ExportError(N_("The template {file} does not exist."), file=str(template))
    campaign = Campaign.open(store, name, lang)
    out = writable_folder(out_dir)
    stem = campaign.slug
    deck_path = out / f"{stem}-restitution.pptx"
    steps: list[tuple[str, Callable[[], list[Path]]]] = [
        (N_("Slides"), lambda: [write_campaign_deck(campaign, deck_path, template=template)]),
        (N_("Workbook"),
         lambda: [write_campaign_xlsx(campaign, out / f"{stem}-contributions.xlsx")]),
        (N_("Open data package"),
         lambda: write_campaign_datapackage(campaign, out, include_text=include_text)),
    ]
    if pdf:
        steps.append((N_("PDF"), lambda: [to_pdf(deck_path, out)]))
    return _run(steps, campaign._, progress)


def writable_folder(out_dir: str | Path) -> Path:
    """The folder to write in, made if missing; refused with a message when it cannot be."""
    out = Path(out_dir)
    try:
        out.mkdir(parents=True, exist_ok=True)
        probe = out / ".palabre-write-test"
        probe.write_bytes(b"")
        probe.unlink()
    except OSError:
        raise ExportError(N_("Cannot write in the folder {folder}: choose a folder you may "
                             "write in, with --out."), folder=str(out)) from None
    return out


def _run(steps: list[tuple[str, Callable[[], list[Path]]]], _,
         progress: Progress | None) -> list[Path]:
    written: list[Path] = []
    for done, (label, step) in enumerate(steps):
        if progress:
            progress(done, len(steps), _(label))
        written += step()
    if progress:
        progress(len(steps), len(steps), _("Done"))
    return written
