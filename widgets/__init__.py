"""ipywidgets components for the projector and the facilitator.

Imports the core (store, synthesis, boards, i18n), never the server. Notebooks in workshops/
only wire: `room_app()` builds the dashboard for the session named in the page address
(`/voila/render/room.ipynb?session=CODE`).

    picker.py        SessionPicker: create or reopen a workshop, adjust it, open its dashboard
    room.py          RoomDashboard: QR panel, phase stepper, tools, live wall, polling task
    qr.py            the join address as a QR code, in letters, and the session code
    stepper.py       phase title and prompt, controls, countdown
    walls.py         the live wall widget and the views of ideas, votes and choices
    format_walls.py  views of inversions, themes, empathy maps, arguments, scales, photos, pitches
    views.py         WALLS: one projector view per phase kind
    tools.py         the facilitator's tools: pitch order, themes, personas, next steps
    style.py         big type and high contrast, one stylesheet
"""

from .picker import SessionPicker, dashboard_link, picker_app
from .qr import QrPanel, join_url, qr_svg
from .room import RoomDashboard, room_app, session_from_query
from .stepper import PhaseStepper, clock_text
from .tools import CommitmentTools, PersonaTools, PitchTools, ThemeTools
from .views import CLOCKED, WALLS, render_wall
from .walls import LiveWall, Sources, Wall

__all__ = [
    "CLOCKED",
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
    "clock_text",
    "dashboard_link",
    "join_url",
    "picker_app",
    "qr_svg",
    "render_wall",
    "room_app",
    "session_from_query",
]
