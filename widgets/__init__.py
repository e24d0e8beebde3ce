"""ipywidgets components for the projector and the facilitator.

Imports the core (store, synthesis, boards, i18n), never the server; palabre.exports only
when the facilitator exports. Notebooks in workshops/ only wire: `room_app()` builds the
dashboard for the session named in the page address (`/voila/render/room.ipynb?session=CODE`,
or a format's own notebook such as `role-swap.ipynb`), `picker_app()` the way in
(`index.ipynb`).

    picker.py        SessionPicker: create or reopen a workshop, adjust it, open its dashboard
    console.py       RoomDashboard, the facilitator's console: every control, the wall, a preview
    audience.py      AudienceView: the room's screen on the projector, no control at all
    live.py          following the store: the polling task both views share
    board_actions.py the console's pitches, themes, personas and next steps
    qr.py            the join address as a QR code, in letters, and the session code
    stepper.py       phase title and prompt, controls, countdown
    walls.py         the live wall widget and the views of ideas, votes and choices
    format_walls.py  views of inversions, themes, empathy maps, arguments, scales, photos, pitches
    views.py         WALLS: one projector view per phase kind
    tools.py         the facilitator's tools: pitch order, themes, personas, next steps
    moderation.py    remove, put back, correct a typo, merge duplicates, by the card's number
    panel.py         Panel: an extra view a format brings, loaded off the loop, drawn on it
    panels.py        which panels each format's dashboard has
    format_panels.py persona cards, agenda and lateness, mixed tables, debate, dots by role
    cloud.py         the word cloud of a revealed free-text phase, drawn aside
    export.py        restitution and paper to print, written in the background
    style.py         big type and high contrast, one stylesheet
"""

from .audience import AudienceView, audience_app
from .console import RoomDashboard, room_app
from .live import session_from_query
from .picker import SessionPicker, dashboard_link, picker_app
from .qr import QrPanel, join_url, qr_svg
from .stepper import PhaseStepper, clock_text
from .themes import ThemeTools
from .tools import CommitmentTools, PersonaTools, PitchTools
from .views import CLOCKED, WALLS, render_wall
from .walls import LiveWall, Sources, Wall

__all__ = [
    "CLOCKED",
    "AudienceView",
    "WALLS",
    "CommitmentTools",
    "LiveWall",
    "PersonaTools",
    "PhaseStepper",
    "PitchTools",
    "QrPanel",
    "RoomDashboard",
    "SessionPicker",
    "Sources",
    "ThemeTools",
    "Wall",
    "audience_app",
    "clock_text",
    "dashboard_link",
    "join_url",
    "picker_app",
    "qr_svg",
    "render_wall",
    "room_app",
    "session_from_query",
]
