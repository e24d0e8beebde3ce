"""Every route of the extension, listed once here (HANDLERS), one module per noun.

Handlers are short: they read the request, call plain functions (palabre.server.room,
palabre.answers) and render. Participant routes carry @allow_unauthenticated; the facilitator
API needs the server's token. What they share (errors, language, device) is in .base.
"""

from __future__ import annotations

from .api import (
    ContributionsHandler,
    OpenApiHandler,
    ParticipantsHandler,
    PhotosHandler,
    RoomEventsHandler,
    SessionStateHandler,
)
from .assisted import AssistHandler, AssistUndoHandler
from .base import NotFoundHandler
from .facilitator import ActionsHandler, PhotoFileHandler, SessionsHandler
from .follow_ups import FollowUpsHandler
from .keyless import ROUTE as KEYLESS_ROUTE
from .keyless import KeylessHandler
from .kiosk import KioskNextHandler, KioskStartHandler
from .pages import (
    AnswerFormHandler,
    CodeEntryHandler,
    JoinFormHandler,
    PhotoFormHandler,
    RoomHandler,
)

CODE = r"([^/]+)"
PHOTO_ID = r"([0-9]+)"
HANDLERS = [
    (r"/j/?", CodeEntryHandler),
    (rf"/j/{CODE}/?", RoomHandler),
    (rf"/j/{CODE}/join", JoinFormHandler),
    (rf"/j/{CODE}/answer", AnswerFormHandler),
    (rf"/j/{CODE}/photo", PhotoFormHandler),
    (rf"/j/{CODE}/kiosk/start", KioskStartHandler),
    (rf"/j/{CODE}/kiosk/next", KioskNextHandler),
    (r"/j/(.*)", NotFoundHandler),
    (r"/palabre/openapi.json", OpenApiHandler),
    (r"/palabre/api/sessions", SessionsHandler),
    (rf"/palabre/api/sessions/{CODE}", SessionStateHandler),
    (rf"/palabre/api/sessions/{CODE}/events", RoomEventsHandler),
    (rf"/palabre/api/sessions/{CODE}/participants", ParticipantsHandler),
    (rf"/palabre/api/sessions/{CODE}/contributions", ContributionsHandler),
    (rf"/palabre/api/sessions/{CODE}/actions", ActionsHandler),
    (rf"/palabre/api/sessions/{CODE}/photos", PhotosHandler),
    (rf"/palabre/api/sessions/{CODE}/photos/{PHOTO_ID}", PhotoFileHandler),
    (rf"/palabre/assist/{CODE}", AssistHandler),
    (rf"/palabre/assist/{CODE}/undo", AssistUndoHandler),
    (rf"/palabre/follow-ups/{CODE}", FollowUpsHandler),
    (KEYLESS_ROUTE, KeylessHandler),
]
