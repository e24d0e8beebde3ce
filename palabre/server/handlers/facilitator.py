"""The facilitator's JSON API (the server's token): sessions, room actions, stored photos."""

from __future__ import annotations

from tornado import web

from palabre import launcher
from palabre import settings as palabre_settings
from palabre.exercises import load_formats

from .. import room
from .api import Api
from .base import refusals


class SessionsHandler(Api):
    """GET lists the sessions, POST creates one (token needed)."""

    @web.authenticated
    def get(self):
        self.write_json({"sessions": [
            {"code": s.code, "exercise": s.exercise_id, "title": s.title, "forum": s.forum,
             "participants": s.participants, "answers": s.answers,
             "created_at": s.created_at.isoformat()} for s in self.store.sessions()]})

    @web.authenticated
    @refusals
    def post(self):
        formats = load_formats(self.settings["palabre_exercises_dir"])
        session = room.create(self.store, formats, self.json_body())
        public = palabre_settings.get("public_url")
        self.write_json({"code": session.code, "title": session.title,
                         "exercise": session.exercise.id,
                         "join_url": launcher.join_url(public, session.code) if public else None,
                         "state": room.session_json(self.store, session, self.lang)}, 201)


class ActionsHandler(Api):
    """POST /palabre/api/sessions/CODE/actions: advance, close, reveal, timer... (token)."""

    @web.authenticated
    @refusals
    def post(self, raw_code):
        session = self.session_or_404(raw_code)
        body = self.json_body()
        session = room.act(self.store, session.code, body.get("action"), body.get("index"),
                           body)
        self.write_json(room.session_json(self.store, session, self.lang))


class PhotoFileHandler(Api):
    """GET /palabre/api/sessions/CODE/photos/ID: a stored photo, for the facilitator only
    (token); browsers may keep it, shared caches may not."""

    @web.authenticated
    @refusals
    def get(self, raw_code, photo_id):
        session = self.session_or_404(raw_code)
        found = self.store.photo(session, int(photo_id)) if len(photo_id) <= 12 else None
        if found is None:
            raise web.HTTPError(404)
        data, mime = found
        self.set_header("Content-Type", mime)
        self.set_header("Cache-Control", "private, max-age=3600")
        self.set_header("X-Content-Type-Options", "nosniff")
        self.finish(data)
