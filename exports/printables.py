"""Paper, so nobody is left out: the handout to join, table cards, paper ballots, personas.

Each printable is an A4 PDF built from the session and the format (the dashboard calls the
same functions as ``palabre handout`` and ``palabre printables``):

- the handout: QR code, short address, the code in big letters and the question;
- a table card per collecting phase: its title and prompt, QR and code, and numbered answer
  boxes (the box number, with the table's name written on top, is what the helper types in);
- a paper ballot per dot vote: what the vote is on (``synthesis.vote_ballot``: the themes, a
  shortlist or every answer) with the number to type back and circles to fill, and how many
  dots each person has;
- persona cards for persona phases, one or two a page.

One registry keyed by phase kind says what each kind prints; an unknown kind is an error.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from palabre.exercises import KINDS, Phase
from palabre.exercises.messages import N_, Refusal
from palabre.personas import Persona

from palabre import personas as persona_library
from palabre import synthesis
from palabre.i18n import Translator
from palabre.labels import ROLE_LABELS, SIDE_LABELS
from palabre.store import Session, Store

from .errors import ExportError
from .paper import MONO, Area, Mm, Page, Pt, line_height, pdf, png, text_width, wrap
from .records import FIELD_LABELS

# --- sizes: prompts and questions are read from across a table ------------------------------
TITLE = Pt(24)
PROMPT = Pt(20)
QUESTION = Pt(24)
CODE = Pt(60)
BODY = Pt(14)
SMALL = Pt(11)
TICK = Pt(10)
ITEM = Pt(13)
NUMBER = Pt(18)

HANDOUT_QR = Mm(120)
CARD_QR = Mm(32)
CARD_BOXES = (4, 2)  # rows, columns of answer boxes on a table card
BALLOT_NUMBER_WIDTH = Mm(16)
DOT = Mm(6.5)  # diameter of a circle to fill on a ballot
ITEM_LINES = 3  # an item on a ballot: at most this many lines, then shortened
GAP = Mm(4)
PERSONA_PAGES = (1, 2)


class UnknownPrintable(Refusal):
    """A phase kind with no entry in the printables registry."""


@dataclass(frozen=True)
class Printable:
    """One file to print: a stem for its name and its bytes."""

    name: str
    data: bytes


def _safe(text: str) -> str:
    return re.sub(r"[^A-Za-z0-9_-]+", "-", text).strip("-") or "phase"


# --- the handout ------------------------------------------------------------------------------
def handout_page(session: Session, join_url: str, _: Translator) -> Page:
    page = Page()
    area = page.body
    width = area.width
    band, area = area.take_top(line_height(TITLE) * 2, GAP)
    page.paragraph(band, session.title, TITLE, bold=True, align="center", max_lines=2)
    band, area = area.take_top(line_height(PROMPT), GAP)
    page.paragraph(band, _("Join the workshop from your phone"), PROMPT, align="center")
    square, area = area.take_top(HANDOUT_QR, GAP)
    page.qr(square, join_url)
    address = wrap(join_url, width, PROMPT, family=MONO)
    band, area = area.take_top(line_height(PROMPT) * len(address), GAP)
    page.text(band.left, band.top, address, PROMPT, family=MONO, align="center", width=width)
    band, area = area.take_top(line_height(BODY), 0)
    page.text(band.left, band.top, [_("or go to the address above and type the code")], BODY,
              align="center", width=width)
    band, area = area.take_top(line_height(CODE), GAP)
    page.text(band.left, band.top, [session.code], CODE, bold=True, family=MONO,
              align="center", width=width)
    footer_lines = 2.2  # two lines and a little air
    question, footer = area.take_top(area.height - line_height(SMALL) * footer_lines, 0)
    page.paragraph(question, session.exercise.question.get(_.lang), QUESTION, align="center")
    page.paragraph(footer, _("No account, nothing to install. No phone? Ask for a paper card: "
                             "your answers count just the same."), SMALL, align="center")
    return page


def handout(session: Session, join_url: str, *, lang: str = "fr", fmt: str = "pdf") -> bytes:
    """The poster for tables and walls, as PDF or PNG."""
    _ = Translator(lang)
    page = handout_page(session, join_url, _)
    if fmt == "png":
        return png(page)
    if fmt != "pdf":
        raise ValueError(f"format must be pdf or png, not {fmt!r}")
    return pdf([page], title=session.title)


# --- what every phase sheet starts with ---------------------------------------------------
def _header(page: Page, session: Session, phase: Phase, join_url: str, _: Translator,
            *, who: bool) -> Area:
    """Title, prompt and the QR with the code at the top right; the table's name (and the box
    number on a ballot) to write on top. Returns the area left below."""
    area = page.body
    qr_box = Area(Mm(area.left + area.width - CARD_QR), area.top, CARD_QR, CARD_QR)
    page.qr(qr_box, join_url)
    page.text(qr_box.left, qr_box.bottom, [session.code], BODY, bold=True, family=MONO,
              align="center", width=CARD_QR)
    left = Area(area.left, area.top, Mm(area.width - CARD_QR - GAP), area.height)
    fields = _("Table: ______________")
    if who:
        fields += "   " + _("Box no.: ______")
    taken = page.text(left.left, left.top, [fields], BODY)
    band, rest = left.take_top(taken, GAP / 2)
    taken = page.paragraph(Area(rest.left, rest.top, rest.width, line_height(TITLE) * 2),
                           phase.title.get(_.lang), TITLE, bold=True, max_lines=2)
    _band, rest = rest.take_top(taken, GAP / 2)
    taken = page.paragraph(Area(rest.left, rest.top, rest.width, line_height(PROMPT) * 4),
                           phase.prompt.get(_.lang), PROMPT, max_lines=4)
    bottom = max(rest.top + taken, qr_box.bottom + line_height(BODY))
    return Area(area.left, Mm(bottom + GAP), area.width, Mm(area.bottom - bottom - GAP))


def _roles(_: Translator) -> list[str]:
    return [_(label) for label in ROLE_LABELS.values()]


# --- table cards ----------------------------------------------------------------------------
def _box_extra(page: Page, phase: Phase, cell: Area, top: Mm, _: Translator) -> Mm:
    """What a box of this phase holds besides room to write: columns to tick, options to
    circle or a scale."""
    params, lang = phase.params, _.lang
    inner = cell.width - 2 * GAP
    if phase.kind == "ideas" and params.get("categories"):
        return page.tick_boxes(cell.left + GAP, top, [c.get(lang) for c in params["categories"]],
                               TICK, inner)
    if phase.kind == "choice":
        options = [f"{n}. {c.get(lang)}" for n, c in enumerate(params["choices"], 1)]
        return page.tick_boxes(cell.left + GAP, top, options, TICK, inner)
    if phase.kind == "argument":
        return page.tick_boxes(cell.left + GAP, top, [_(s) for s in SIDE_LABELS.values()],
                               TICK, inner)
    if phase.kind == "persona":
        return page.tick_boxes(cell.left + GAP, top,
                               [_(FIELD_LABELS[f]) for f in params["fields"]], TICK, inner)
    if phase.kind == "invert":
        # The worse idea's number, as the wall and the paper ballots show it.
        label = _("Worse idea n°")
        page.text(cell.left + GAP, top, [label], TICK)
        start = cell.left + GAP + text_width(label, TICK) + GAP / 2
        page.line(start, top + line_height(TICK) * 0.9, Mm(25))
        return line_height(TICK)
    if phase.kind == "scale":
        steps = [str(n) for n in range(1, params["steps"] + 1)]
        used = page.tick_boxes(cell.left + GAP, top, steps, TICK, inner)
        ends = _("1 = {low} · {steps} = {high}", low=params["low"].get(lang),
                 steps=params["steps"], high=params["high"].get(lang))
        lines = wrap(ends, inner, TICK, max_lines=2)
        return Mm(used + page.text(cell.left + GAP, top + used, lines, TICK))
    return Mm(0)


def card_page(session: Session, phase: Phase, join_url: str, _: Translator) -> Page:
    page = Page()
    area = _header(page, session, phase, join_url, _, who=False)
    note = _("One person per box: tick your role and write your answer. A helper types the "
             "boxes in with the table's name and the box number.")
    taken = page.paragraph(Area(area.left, area.top, area.width, line_height(SMALL) * 2), note,
                           SMALL, max_lines=2)
    _band, area = area.take_top(taken, GAP)
    rows, cols = CARD_BOXES
    for number, cell in enumerate(area.grid(rows, cols, GAP), 1):
        page.box(cell)
        page.text(cell.left + GAP / 2, cell.top + GAP / 2, [str(number)], NUMBER, bold=True)
        ticks_left = cell.left + GAP * 2 + line_height(NUMBER)
        used = page.tick_boxes(ticks_left, cell.top + GAP / 2, _roles(_), TICK,
                               cell.left + cell.width - ticks_left - GAP / 2)
        top = Mm(cell.top + GAP / 2 + max(used, line_height(NUMBER)) + GAP / 2)
        _box_extra(page, phase, cell, top, _)
    return page


def table_card(session: Session, phase: Phase, join_url: str, *, lang: str = "fr") -> bytes:
    """One A4 card for a table: the phase's question and numbered answer boxes."""
    _ = Translator(lang)
    return pdf([card_page(session, phase, join_url, _)], title=phase.title.get(lang))


# --- paper ballots --------------------------------------------------------------------------
def ballot_pages(store: Store, session: Session, phase: Phase, join_url: str,
                 _: Translator) -> list[Page]:
    dots, per_item = phase.params["dots"], phase.params["max_per_item"] or phase.params["dots"]
    # What the vote is on (synthesis.ballot: themes, a shortlist or every answer), so a
    # ballot of the room's default length fits on two sheets.
    numbered = list(synthesis.vote_ballot(store, session, phase).printed.items())
    item_lines = ITEM_LINES if len(numbered) <= 10 else ITEM_LINES - 1
    number_width = Mm(max([BALLOT_NUMBER_WIDTH] + [
        text_width(str(n), NUMBER, bold=True) + GAP for n, _e in numbered]))
    pages: list[Page] = []
    remaining = list(numbered)
    while True:
        page = Page()
        area = _header(page, session, phase, join_url, _, who=True)
        rules = _.ngettext("You have {n} dot: fill in a circle beside the proposal you choose.",
                           "You have {n} dots: fill in the circles beside the proposals you "
                           "choose, {per_item} at most on one.", dots, per_item=per_item)
        taken = page.paragraph(Area(area.left, area.top, area.width, line_height(BODY) * 2),
                               rules, BODY, bold=True, max_lines=2)
        _band, area = area.take_top(taken, GAP / 2)
        used = page.tick_boxes(area.left, area.top, _roles(_), TICK, area.width)
        _band, area = area.take_top(used, GAP)
        circles = Mm(per_item * (DOT + GAP / 2))
        text_room = Mm(area.width - number_width - circles - GAP)
        y = area.top
        while remaining:
            number, item = remaining[0]
            lines = wrap(item.text or "", text_room, ITEM, max_lines=item_lines) or [""]
            height = Mm(max(line_height(ITEM) * len(lines), DOT) + GAP)
            if y + height > area.bottom and y > area.top:
                break
            page.line(area.left, y, area.width, weight=0.4)
            page.text(area.left, y + GAP / 2, [str(number)], NUMBER, bold=True)
            page.text(area.left + number_width, y + GAP / 2, lines, ITEM)
            for n in range(per_item):
                page.circle(area.left + area.width - circles + n * (DOT + GAP / 2),
                            y + GAP / 2, DOT)
            y = Mm(y + height)
            remaining.pop(0)
        if not numbered:
            page.paragraph(Area(area.left, y, area.width, line_height(BODY)),
                           _("Nothing to vote on yet: print the ballots once the answers are "
                             "in."), BODY)
        pages.append(page)
        if not remaining:
            break
    if len(pages) > 1:
        for number, page in enumerate(pages, 1):
            page.text(page.body.left, page.body.bottom, [_("Page {page}/{pages}", page=number,
                                                            pages=len(pages))], SMALL,
                      align="right", width=page.body.width)
    return pages


def ballot(store: Store, session: Session, phase: Phase, join_url: str, *,
           lang: str = "fr") -> bytes:
    """A paper ballot for one person: the ballot's lines with their printed numbers."""
    _ = Translator(lang)
    return pdf(ballot_pages(store, session, phase, join_url, _), title=phase.title.get(lang))


# --- persona cards --------------------------------------------------------------------------
def _persona(page: Page, area: Area, persona: Persona, _: Translator, scale: float) -> None:
    """One persona in the area: who, situation and quote on the left; goals, frustrations,
    digital comfort and channels on the right."""
    lang = _.lang
    name, body = Pt(28 * scale), Pt(13 * scale)
    heading = Pt(14 * scale)
    page.box(area)
    inner = Area(Mm(area.left + GAP), Mm(area.top + GAP), Mm(area.width - 2 * GAP),
                 Mm(area.height - 2 * GAP))
    left, right = inner.grid(1, 2, GAP * 2)

    def flow(column: Area, blocks: list[tuple[str, Pt, bool]]) -> None:
        y = column.top
        for text, size, bold in blocks:
            room = int((column.bottom - y) / line_height(size))
            if room < 1:
                return
            y = Mm(y + page.paragraph(Area(column.left, y, column.width, column.bottom - y),
                                      text, size, bold=bold, max_lines=room)
                   + line_height(size) * 0.3)

    who = " · ".join([_("{age} years old", age=persona.age),
                      _(persona_library.KINDS.get(persona.kind, persona.kind)),
                      _(persona_library.TERRITORIES.get(persona.territory, persona.territory))])
    flow(left, [(persona.name, name, True), (who, body, False),
                (persona.place.get(lang), body, False),
                (persona.situation.get(lang), body, False),
                (persona.quote.get(lang), heading, True)])
    dots = "●" * persona.digital_comfort.level + "○" * (5 - persona.digital_comfort.level)
    channels = " · ".join(_(persona_library.CHANNELS.get(c, c)) for c in persona.channels)
    flow(right, [
        (_("Goals"), heading, True),
        *((f"• {t.get(lang)}", body, False) for t in persona.goals),
        (_("Frustrations"), heading, True),
        *((f"• {t.get(lang)}", body, False) for t in persona.frustrations),
        (_("Digital comfort"), heading, True),
        (f"{dots} {persona.digital_comfort.label.get(lang)}", body, False),
        (_("How they reach public services"), heading, True),
        (channels, body, False),
    ])


def persona_pages(chosen: list[Persona], _: Translator, per_page: int = 2) -> list[Page]:
    if per_page not in PERSONA_PAGES:
        raise ValueError(f"per_page must be one of {PERSONA_PAGES}, not {per_page}")
    pages = []
    for start in range(0, len(chosen), per_page):
        page = Page()
        slots = page.body.grid(per_page, 1, GAP * 2)
        for slot, persona in zip(slots, chosen[start:start + per_page], strict=False):
            _persona(page, slot, persona, _, 1.0 if per_page == 1 else 0.8)
        pages.append(page)
    return pages


def persona_cards(chosen: list[Persona], *, lang: str = "fr", per_page: int = 2) -> bytes:
    """Persona cards for the tables, one or two a page (cut in half: A5 cards)."""
    _ = Translator(lang)
    return pdf(persona_pages(chosen, _, per_page), title=_("Personas"))


def phase_personas(phase: Phase) -> list[Persona]:
    """The personas a phase offers first, else the whole library, in the library's order."""
    library = persona_library.load_library()
    wanted = list(phase.params.get("personas") or ())
    if wanted:
        return [library[pid] for pid in wanted if pid in library]
    return [library[pid] for pid in sorted(library)]


# --- what each kind prints, in one registry -------------------------------------------------
@dataclass(frozen=True)
class Job:
    store: Store
    session: Session
    join_url: str
    _: Translator
    personas_per_page: int = 2


PrintableBuilder = Callable[[Job, Phase], list[Printable]]


def _card(job: Job, phase: Phase) -> list[Printable]:
    page = card_page(job.session, phase, job.join_url, job._)
    return [Printable(f"{_safe(phase.id)}-card", pdf([page], title=phase.title.get(job._.lang)))]


def _ballot(job: Job, phase: Phase) -> list[Printable]:
    pages = ballot_pages(job.store, job.session, phase, job.join_url, job._)
    return [Printable(f"{_safe(phase.id)}-ballot",
                      pdf(pages, title=phase.title.get(job._.lang)))]


def _persona_phase(job: Job, phase: Phase) -> list[Printable]:
    pages = persona_pages(phase_personas(phase), job._, job.personas_per_page)
    return [*_card(job, phase),
            Printable(f"{_safe(phase.id)}-personas", pdf(pages, title=job._("Personas")))]


def _nothing(_job: Job, _phase: Phase) -> list[Printable]:
    return []


# A kind paper carries (the registry's `paper`) prints a table card, or its own paper below;
# the others print nothing (photos cannot be sent on paper; the facilitator runs clusters and
# pitches on the dashboard).
OWN_PAPER: dict[str, PrintableBuilder] = {"vote": _ballot, "persona": _persona_phase}
BUILDERS: dict[str, PrintableBuilder] = {
    name: OWN_PAPER.get(name, _card) if kind.paper else _nothing
    for name, kind in KINDS.items()}


def phase_printables(job: Job, phase: Phase) -> list[Printable]:
    builder = BUILDERS.get(phase.kind)
    if builder is None:
        raise UnknownPrintable(N_("Nothing to print for the phase kind '{kind}' (phase "
                                  "'{phase}')."), kind=phase.kind, phase=phase.id)
    return builder(job, phase)


def write_printables(store: Store, code: str, out_dir: str | Path, *, join_url: str,
                     lang: str = "fr", phase_id: str | None = None,
                     personas_per_page: int = 2) -> list[Path]:
    """Write the session's printables into out_dir: the handout, then what each phase calls
    for (only that phase's with ``phase_id``). Returns the files written."""
    session = store.session(code)
    if session is None:
        raise ExportError(N_("No workshop has the code {code}."), code=code)
    phases = list(session.exercise.phases)
    if phase_id is not None:
        phases = [p for p in phases if p.id == phase_id]
        if not phases:
            raise ExportError(N_("The workshop {code} has no phase {phase}. Its phases: "
                                 "{phases}."), code=code, phase=phase_id,
                              phases=", ".join(p.id for p in session.exercise.phases))
    _ = Translator(lang)
    job = Job(store, session, join_url, _, personas_per_page)
    found = [] if phase_id else [Printable("handout", handout(session, join_url, lang=lang))]
    for phase in phases:
        found += phase_printables(job, phase)
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    written = []
    for printable in found:
        path = out / f"{session.code}-{printable.name}.pdf"
        path.write_bytes(printable.data)
        written.append(path)
    return written
