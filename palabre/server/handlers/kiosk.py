"""A shared kiosk tablet: the next person starts (new, or coming back with their number),
then hands over."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from jupyter_server.auth.decorator import allow_unauthenticated

from palabre.answers import Refused

from .. import room
from .base import DEVICE_RE, refusals
from .pages import RoomPages

START_REPLAY_S = 10  # a second tap on a kiosk's Start within this is the same person


class KioskStartHandler(RoomPages):
    """POST /j/CODE/kiosk/start: the next person at the kiosk gets a fresh anonymous
    identity (channel kiosk) and a number, with the kiosk's table and the role they choose;
    a person typing the number they were given comes back as the same participant.

    A new identity's device key is the start form's own key, so a double tap on Start makes
    one participant, not two."""

    throttled = "session"

    @allow_unauthenticated
    @refusals
    def post(self, raw_code):
        session = self.session_or_404(raw_code)
        if not self.kiosk(session):
            return self.redirect(self.room_url(session), status=303)
        values = {"role": self.get_body_argument("role", ""),
                  "number": self.get_body_argument("number", "")}
        try:
            role, _table = room.profile(values["role"], None)
            returning = room.kiosk_returner(self.store, session, values["number"])
        except Refused as refused:
            return self.render_join(session, refused.status, error=self.error_of(refused),
                                    values=values)
        if returning is not None:  # their role is kept unless they tick another one now
            self.store.join(session, self.ensure_device(key=returning.device_key), role=role,
                            lang=self.lang, channel="kiosk")
        else:
            key = self.start_key(session)
            if key is None or self.store.participant(session, key) is None:
                self.throttle_identity(kiosk=session.code)  # a new person at this tablet
            self.store.join(session, self.ensure_device(fresh=True, key=key),
                            role=role, table=self.kiosk_table(), lang=self.lang,
                            channel="kiosk")
        self.redirect(self.room_url(session), status=303)

    def start_key(self, session) -> str | None:
        """The start form's key, unless it already holds a person who has answered or started
        more than a moment ago (a start page brought back by the Back button): the next
        person never becomes the one before."""
        key = self.get_body_argument("key", "")
        if not DEVICE_RE.match(key):
            return None
        holder = self.store.participant(session, key)
        if holder is None:
            return key
        fresh = datetime.now(UTC) - holder.created_at < timedelta(seconds=START_REPLAY_S)
        answered = self.store.contributions(session, participant=holder, include_hidden=True)
        return key if fresh and holder.channel == "kiosk" and not answered else None


class KioskNextHandler(RoomPages):
    """POST /j/CODE/kiosk/next: this person is done; their identity leaves the browser, so
    nothing of theirs is shown to the next one."""

    @allow_unauthenticated
    @refusals
    def post(self, raw_code):
        session = self.session_or_404(raw_code)
        self.forget_device()
        self.redirect(self.room_url(session), status=303)
