"""ipywidgets components for the projector and the facilitator.

Imports the core (store, synthesis, i18n), never the server. Notebooks in workshops/ only wire:
`room_app()` builds the dashboard for the session named in the page address.
"""

from .qr import QrPanel, join_url, qr_svg
from .room import RoomDashboard, room_app, session_from_query
from .stepper import PhaseStepper, clock_text
from .views import WALLS, render_wall
from .walls import LiveWall, Sources, Wall

__all__ = [
    "WALLS",
    "LiveWall",
    "PhaseStepper",
    "QrPanel",
    "RoomDashboard",
    "Sources",
    "Wall",
    "clock_text",
    "join_url",
    "qr_svg",
    "render_wall",
    "room_app",
    "session_from_query",
]
