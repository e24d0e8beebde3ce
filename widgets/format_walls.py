"""Projector views of the richer formats: inversions, themes, empathy maps, arguments, scales
and photos. Same rules as walls.py: figures from palabre.synthesis, one HTML string a page,
participant text escaped here."""

from __future__ import annotations

import base64
import html
import io
from functools import cache, lru_cache

from palabre.exercises.kinds import EMPATHY_PARTS
from PIL import Image

from palabre import personas, synthesis
from palabre.i18n import Translator, format_number
from palabre.labels import SIDE_LABELS, viewpoint_label
from palabre.synthesis import Snapshot, Tally

from .stepper import clock_text
from .walls import (
    NO_SOURCES,
    PER_PAGE,
    Sources,
    Wall,
    bars,
    escape_text,
    hidden_note,
    no_answers,
    note,
    paginate,
)

PAIRS_PER_PAGE = 6
PHOTOS_PER_PAGE = 6
THUMBNAIL_PX = 480
MAP_ITEMS = 6  # newest lines shown per quadrant of an empathy map

FIELD_LABELS = EMPATHY_PARTS


def _list(items) -> str:
    return "<ul>" + "".join(f"<li>{escape_text(c.text)}</li>" for c in items) + "</ul>"


def invert_wall(snap: Snapshot, result: synthesis.InvertResult, t: Translator, *,
                visible: bool, page: int, per_page: int = PAIRS_PER_PAGE,
                sources: Sources = NO_SOURCES) -> Wall:
    """Each worse idea with the solutions written from it, the newest worse ideas first."""
    phase, found, answers = result.phase, list(result.pairs), result.answers
    if not found:
        _ = t.gettext
        return Wall(note(_("Nothing to turn around: the earlier phase has no answers.")), 0)
    if not visible:
        return Wall(hidden_note(t, phase, answers), answers)
    shown, pages, page = paginate(list(reversed(found)), page, min(per_page, PAIRS_PER_PAGE))
    blocks = "".join(
        f'<div class="palabre-pair"><div class="palabre-worse">{escape_text(p.worse.text)}</div>'
        f"{_list(p.better)}</div>" for p in shown)
    return Wall(f'<div class="palabre-pairs">{blocks}</div>', answers, pages, page)


def cluster_wall(snap: Snapshot, result: synthesis.ClusterResult, t: Translator, *,
                 visible: bool, page: int, per_page: int = PER_PAGE,
                 sources: Sources = NO_SOURCES) -> Wall:
    """The facilitator's themes over the source phase, each with its ideas and their numbers
    (typed to move them); ideas in no theme come last, under "Other ideas"."""
    _ = t.gettext
    found = list(result.themes)
    total = result.ideas
    if not total:
        return Wall(note(_("Nothing to group: the earlier phase has no answers.")), 0)
    shown, pages, page = paginate(found, page, max(1, per_page // 4))
    blocks = []
    for theme in shown:
        count = html.escape(t.ngettext("{n} idea", "{n} ideas", len(theme.items)))
        title = html.escape(theme.title or _("Other ideas"))
        items = "".join(f'<li><span class="palabre-ref">{c.number}</span>{escape_text(c.text)}</li>'
                        for c in theme.items)
        blocks.append(f'<div class="palabre-theme"><h3>{title} <small>{count}</small></h3>'
                      f"<ul>{items}</ul></div>")
    return Wall(f'<div class="palabre-themes">{"".join(blocks)}</div>', total, pages, page)


@cache
def persona_names() -> dict[str, str]:
    """Persona id -> name, from the library (read once)."""
    return {pid: persona.name for pid, persona in personas.load_library().items()}


def persona_wall(snap: Snapshot, result: synthesis.PersonaResult, t: Translator, *,
                 visible: bool, page: int, per_page: int = PER_PAGE,
                 sources: Sources = NO_SOURCES) -> Wall:
    """One empathy map a page: the persona's name and a quadrant per field, newest lines."""
    _ = t.gettext
    phase, maps, answers = result.phase, result.maps, result.answers
    if not answers:
        return Wall(no_answers(t), 0)
    if not visible:
        return Wall(hidden_note(t, phase, answers), answers)
    shown, pages, page = paginate(sorted(maps.items()), page, 1)
    persona, fields = shown[0]
    quadrants = "".join(
        f'<div class="palabre-quadrant"><h3>{html.escape(_(FIELD_LABELS.get(f, f)))}</h3>'
        f"{_list(list(reversed(items))[:MAP_ITEMS])}</div>" for f, items in fields.items())
    name = persona_names().get(persona, persona)
    return Wall(f'<h2 class="palabre-persona">{html.escape(name)}</h2>'
                f'<div class="palabre-map">{quadrants}</div>', answers, pages, page)


def argument_wall(snap: Snapshot, result: synthesis.ArgumentResult, t: Translator, *,
                  visible: bool, page: int, per_page: int = PER_PAGE,
                  sources: Sources = NO_SOURCES) -> Wall:
    """For and against, by the viewpoint argued, newest arguments first in each column."""
    _ = t.gettext
    phase, sides, answers = result.phase, result.sides, result.answers
    if not answers:
        return Wall(no_answers(t), 0)
    if not visible:
        return Wall(hidden_note(t, phase, answers), answers)
    per_column = max(1, per_page // 4)
    longest = max(len(items) for view in sides.values() for items in view.values())
    _rows, pages, page = paginate(list(range(longest)), page, per_column)
    window = slice(page * per_column, (page + 1) * per_column)
    columns = []
    for view, split in sides.items():
        label = _(viewpoint_label(view))
        for side, title in ((side, _(name)) for side, name in SIDE_LABELS.items()):
            columns.append(
                f'<div class="palabre-side palabre-{side}"><h3>{html.escape(label)} · '
                f"{html.escape(title)}</h3>{_list(list(reversed(split[side]))[window])}</div>")
    proposition = snap.exercise.argued(phase)
    head = f'<div class="palabre-note">{html.escape(proposition.get(t.lang))}</div>'
    return Wall(f'{head}<div class="palabre-arguments">{"".join(columns)}</div>', answers,
                pages, page)


def scale_wall(snap: Snapshot, result: synthesis.ScaleResult, t: Translator, *,
               visible: bool, page: int, per_page: int = PER_PAGE,
               sources: Sources = NO_SOURCES) -> Wall:
    """How many people chose each step, with the median and the mean."""
    _ = t.gettext
    phase, summary = result.phase, result.summary
    if not visible:
        return Wall(hidden_note(t, phase, summary.responses), summary.responses)
    ends = {1: phase.params.get("low"), len(summary.distribution): phase.params.get("high")}

    def label(step: int) -> str:
        end = ends.get(step)
        return f"{step} · {end.get(t.lang)}" if end else str(step)

    tallies = [Tally(label=label(step), count=count)
               for step, count in enumerate(summary.distribution, start=1)]
    figures = ""
    if summary.responses:
        figures = note(html.escape(_("Median {median} · mean {mean}",
                                     median=format_number(summary.median, t.lang),
                                     mean=format_number(summary.mean, t.lang))))
    return Wall(figures + bars(tallies, max(summary.distribution, default=0)),
                summary.responses)


@lru_cache(maxsize=64)
def thumbnail(data: bytes) -> str:
    """A small JPEG as a data URL: photos are stored at up to 1600 px, far too heavy to send
    to the projector a page at a time."""
    with Image.open(io.BytesIO(data)) as image:
        image = image.convert("RGB")
        image.thumbnail((THUMBNAIL_PX, THUMBNAIL_PX))
        out = io.BytesIO()
        image.save(out, "JPEG", quality=80)
    return "data:image/jpeg;base64," + base64.b64encode(out.getvalue()).decode("ascii")


def photo_wall(snap: Snapshot, result: synthesis.PhotoResult, t: Translator, *,
               visible: bool, page: int, per_page: int = PHOTOS_PER_PAGE,
               sources: Sources = NO_SOURCES) -> Wall:
    """Photos of flipcharts and prototypes with their captions, newest first."""
    items = list(result.items)
    if not items:
        return Wall(no_answers(t), 0)
    if not visible:
        return Wall(hidden_note(t, result.phase, result.answers), result.answers)
    shown, pages, page = paginate(list(reversed(items)), page, min(per_page, PHOTOS_PER_PAGE))
    figures = []
    for item in shown:
        stored = sources.photo(item.body.get("photo"))
        image = f'<img src="{thumbnail(stored[0])}" alt="">' if stored else ""
        figures.append(f"<figure>{image}<figcaption>{escape_text(item.text)}</figcaption>"
                       "</figure>")
    return Wall(f'<div class="palabre-photos">{"".join(figures)}</div>', result.answers, pages,
                page)



def pitch_wall(snap: Snapshot, result: synthesis.PitchResult, t: Translator, *,
               visible: bool, page: int, per_page: int = PER_PAGE,
               sources: Sources = NO_SOURCES) -> Wall:
    """The team speaking, its time left, and the speaking order (board "pitch:PHASE").

    Redrawn every poll while the phase is on screen (see views.CLOCKED), as the time runs."""
    _ = t.gettext
    phase = result.phase
    state = sources.pitch(phase.id)
    if not state.order:
        return Wall(note(_("No teams yet: type the speaking order below.")), 0)
    remaining = state.remaining(phase.params["seconds"], sources.clock())
    over = " palabre-over" if remaining <= 0 else ""
    paused = "" if state.running_since is not None else " palabre-paused"
    teams = "".join(
        f'<li class="palabre-current">{html.escape(team)}</li>' if i == state.current
        else f"<li>{html.escape(team)}</li>" for i, team in enumerate(state.order))
    speaking = html.escape(_("Speaking: {team}", team=state.team or ""))
    return Wall(f'<div class="palabre-pitch"><div class="palabre-speaking">{speaking}</div>'
                f'<div class="palabre-pitch-clock{over}{paused}">{clock_text(remaining)}</div>'
                f'<ol class="palabre-pitch-order">{teams}</ol></div>', 0)


REVIEWS_PER_PAGE = 4  # follow-ups with their next steps: what a projector shows legibly


def review_wall(snap: Snapshot, result: synthesis.results.ReviewResult, t: Translator, *,
                visible: bool, page: int, per_page: int = PER_PAGE,
                sources: Sources = NO_SOURCES) -> Wall:
    """Each open follow-up of the committee's previous session the room spoke about: how many
    say it is still relevant, and the next steps proposed (a committee meeting again)."""
    _ = t.gettext
    items = list(result.reviewed)
    if not items:
        return Wall(note(html.escape(_(
            "Each phone lists the open follow-ups of the previous session: say which are "
            "still relevant, or propose a next step."))), 0)
    if not visible:
        return Wall(hidden_note(t, result.phase, result.answers), result.answers)
    shown, pages, page = paginate(items, page, min(per_page, REVIEWS_PER_PAGE))
    blocks = []
    for item in shown:
        title = html.escape(_("No. {number}: {text}", number=item.number, text=item.text))
        still = html.escape(t.ngettext("{n} person: still relevant",
                                       "{n} people: still relevant", item.still))
        steps = "".join(f"<li>{escape_text(step.text)}</li>" for step in item.steps)
        blocks.append(f'<section class="palabre-review"><h3>{title}</h3><p>{still}</p>'
                      + (f"<ul>{steps}</ul>" if steps else "") + "</section>")
    return Wall(f'<div class="palabre-reviews">{"".join(blocks)}</div>', result.answers, pages,
                page)
