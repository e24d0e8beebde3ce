"""Assisted entry (the server's token): a helper types in paper sticky notes and ballots."""

from __future__ import annotations

from urllib.parse import urlencode

from tornado import web

from palabre.answers import Refused
from palabre.store.store import ROLES

from .. import assist, room
from .base import Base, refusals


class AssistPages(Base):
    """The assisted entry page, rendered by GET and re-rendered by refused POSTs."""

    def assist_url(self, session, **query) -> str:
        query = {k: v for k, v in query.items() if v not in (None, "")}
        return f"{self.base_url}palabre/assist/{session.code}" + (
            f"?{urlencode(query)}" if query else "")

    def render_assist(self, session, status=200, values=None, error=None, saved=None):
        values = values or {}
        page = assist.page(self.store, session, self.lang, values.get("phase"))
        self.render_page("assist.html", status, here=self.assist_url(session), session=session,
                         page=page, values=values, error=error, saved=saved,
                         roles=ROLES, role_labels=room.ROLE_LABELS,
                         action=self.assist_url(session))


class AssistHandler(AssistPages):
    """/palabre/assist/CODE: a helper types in paper sticky notes and ballots, keyboard
    first; each entry goes through the door as a paper participant of its table and box."""

    @web.authenticated
    @refusals
    def get(self, raw_code):
        session = self.session_or_404(raw_code)
        values = {k: self.get_query_argument(k, "") for k in assist.KEPT}
        saved = self.get_query_argument("saved", "")
        self.render_assist(session, values=values,
                           saved=assist.saved(self.store, session, saved, self.lang))

    @web.authenticated
    @refusals
    def post(self, raw_code):
        session = self.session_or_404(raw_code)
        values = {k: self.get_body_argument(k, "") for k in assist.FIELDS}
        try:
            row, created, following = assist.record(self.store, session, values)
        except Refused as refused:
            error = {"field": refused.field, "code": refused.code,
                     "message": self.message(refused)}
            return self.render_assist(session, refused.status, values=values, error=error)
        self.redirect(self.assist_url(session, saved=f"{row.number}{'' if created else '-again'}",
                                      **following), status=303)


class AssistUndoHandler(AssistPages):
    """POST /palabre/assist/CODE/undo: take a typed-in paper answer back (hidden, never
    deleted), or put it back."""

    @web.authenticated
    @refusals
    def post(self, raw_code):
        session = self.session_or_404(raw_code)
        assist.undo(self.store, session, self.get_body_argument("number", ""),
                    hide=self.get_body_argument("hide", "1") == "1")
        kept = {k: self.get_body_argument(k, "") for k in assist.KEPT}
        self.redirect(self.assist_url(session, **kept), status=303)
