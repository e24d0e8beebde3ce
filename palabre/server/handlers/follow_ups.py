"""/palabre/follow-ups/CODE (the server's token): the facilitator records what became of
each proposal, and sees every one with its history and the counts by status."""

from __future__ import annotations

from urllib.parse import urlencode

from tornado import web

from palabre import follow_ups as door
from palabre import launcher
from palabre import settings as palabre_settings
from palabre.labels import STATUS_LABELS
from palabre.refused import Refused

from .. import follow_ups
from .base import Base, refusals


class FollowUpsHandler(Base):
    def page_url(self, session, **query) -> str:
        query = {k: v for k, v in query.items() if v not in (None, "")}
        return f"{self.base_url}palabre/follow-ups/{session.code}" + (
            f"?{urlencode(query)}" if query else "")

    def room_address(self, session) -> str:
        """The address the room's QR code carries (its public one), else the path."""
        public = palabre_settings.get("public_url")
        return launcher.join_url(public, session.code) if public else (
            f"{self.base_url}j/{session.code}")

    def render_follow_ups(self, session, status=200, values=None, error=None, saved=None):
        found = follow_ups.result(self.store, session)
        values = dict(values or {})
        chosen = next((item for item in found.items
                       if str(item.number) == str(values.get("number", "")).strip()), None)
        if chosen is not None and error is None and not values.get("status"):
            current = chosen.current  # a proposal picked from the list: its follow-up so far
            values.update(status=current.status, owner=current.owner,
                          due=current.due_on or "", note=current.note, reason=current.reason)
        self.render_page("follow_ups.html", status, here=self.page_url(session),
                         session=session, result=found, values=values, error=error,
                         saved=saved, statuses=follow_ups.status_options(),
                         followed={item.number: item for item in found.items},
                         labels=STATUS_LABELS, day=lambda d: follow_ups.day(d, self.lang),
                         action=self.page_url(session),
                         room_url=self.room_address(session),
                         ended=session.state.ended(session.exercise))

    @web.authenticated
    @refusals
    def get(self, raw_code):
        session = self.session_or_404(raw_code)
        saved = next((item for item in follow_ups.result(self.store, session).items
                      if str(item.number) == self.get_query_argument("saved", "")), None)
        self.render_follow_ups(session, values={"number": self.get_query_argument("number", "")},
                               saved=saved)

    @web.authenticated
    @refusals
    def post(self, raw_code):
        session = self.session_or_404(raw_code)
        values = {name: self.get_body_argument(name, "") for name in door.FIELDS}
        try:
            change = door.record(self.store, session, values, self.t.gettext)
        except Refused as refused:
            error = {"field": refused.field, "code": refused.code,
                     "message": self.message(refused)}
            return self.render_follow_ups(session, refused.status, values=values, error=error)
        self.redirect(self.page_url(session, saved=change.number) + "#saved", status=303)
