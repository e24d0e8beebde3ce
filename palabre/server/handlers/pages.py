"""The phone pages (HTML, work without JavaScript): the code entry, joining, the room page
and its answer and photo forms."""

from __future__ import annotations

import secrets
from urllib.parse import quote

from jupyter_server.auth.decorator import allow_unauthenticated

from palabre import codes
from palabre.answers import Refused
from palabre.labels import STATUS_LABELS
from palabre.store.store import ROLES

from .. import follow_ups, live, room
from .base import (
    KIOSK_COOKIE,
    KIOSK_DAYS,
    KIOSK_TABLE_COOKIE,
    PHOTO_BODY_TIME,
    PHOTO_MAX_BODY,
    Base,
    refusals,
    uploaded,
)


class CodeEntryHandler(Base):
    """/j: type the short code read off the screen."""

    @allow_unauthenticated
    @refusals
    def get(self):
        raw = self.get_query_argument("code", None)
        if raw is None:
            return self.render_page("code.html", value="", error=None)
        code = codes.normalize(raw)
        if code is None:
            _ = self.t.gettext  # the extractor reads _(...): these ids are checked too
            said = []
            if len("".join(raw.split()).replace("-", "")) != codes.LENGTH:
                said.append(_("A code has {length} letters or digits, as shown on the "
                              "screen.", length=codes.LENGTH))
            wrong = codes.never_used(raw)
            if wrong:  # « abcde » has five: its B is what no code holds
                said.append(_("Codes never use {never}: « {wrong} » cannot be in a "
                              "code. Check the code on the screen.",
                              never=", ".join(codes.NEVER), wrong=" ".join(wrong)))
            message = " ".join(said) or _(
                "A code has {length} letters or digits, as shown on the screen.",
                length=codes.LENGTH)
            return self.render_page("code.html", 422, value=raw[:40], error=message)
        self.redirect(f"{self.base_url}j/{code}", status=303)


class RoomPages(Base):
    """The join page and the room page, rendered by GET and re-rendered by refused POSTs."""

    def room_url(self, session) -> str:
        return f"{self.base_url}j/{session.code}"

    def render_join(self, session, status=200, error=None, values=None):
        template = "kiosk.html" if self.kiosk(session) else "join.html"
        self.render_page(template, status, here=self.room_url(session), session=session,
                         question=session.exercise.question.get(self.lang), roles=ROLES,
                         role_labels=room.ROLE_LABELS, error=error, values=values or {},
                         key=secrets.token_hex(16))

    def render_room(self, session, participant, status=200, error=None, values=None,
                    sent=False, unsent=""):
        view = room.phase_view(self.store, session, self.lang, participant=participant)
        if values is None:
            values = room.current_ballot(self.store, session, participant)
        watching = {} if view.collects else live.live_state(self.store, session, self.lang)
        self.render_page("room.html", status, here=self.room_url(session), session=session,
                         view=view, unsent=unsent, live=watching,
                         form=room.FORMS[view.kind].template,
                         ballot=view.kind in room.BALLOTS,
                         question=session.exercise.question.get(self.lang),
                         mine=room.own_answers(self.store, session, participant, self.lang),
                         key=secrets.token_urlsafe(16), fresh_key=lambda: secrets.token_urlsafe(16),
                         error=error, values=values, sent=sent, kiosk=self.kiosk(session),
                         kiosk_number=participant.kiosk_number if participant else None)

    def error_of(self, refused: Refused) -> dict:
        return {"field": refused.field, "code": refused.code, "message": self.message(refused)}

    def refused_answer(self, session, participant, refused: Refused, payload: dict):
        """The room page again, the refusal tied to its field and what was typed kept; an
        answer written for an ended phase is shown back so it can be copied, never misfiled."""
        changed = refused.code == "phase_changed"
        unsent = (payload.get("text") or payload.get("caption") or "") if changed else ""
        return self.render_room(self.store.session(session.code), participant, refused.status,
                                error=self.error_of(refused),
                                values=None if changed else payload, unsent=unsent)


class RoomHandler(RoomPages):
    """/j/CODE: the join page for a new phone, then the current phase's form.
    ?kiosk=1 makes this browser a table's shared kiosk; ?kiosk=0 (the facilitator's exit
    link) makes it an ordinary phone again."""

    @allow_unauthenticated
    @refusals
    def get(self, raw_code):
        session = self.session_or_404(raw_code)
        kiosk = self.get_query_argument("kiosk", None)
        if kiosk in ("0", "1"):
            return self.switch_kiosk(session, kiosk == "1")
        if session.code != raw_code:
            return self.redirect(self.room_url(session))
        outcome = follow_ups.public(self.store, session)
        if outcome is not None:  # the workshop is over: what became of the proposals
            return self.render_page("outcome.html", here=self.room_url(session),
                                    session=session, result=outcome, labels=STATUS_LABELS,
                                    question=session.exercise.question.get(self.lang),
                                    day=lambda d: follow_ups.day(d, self.lang))
        participant = self.participant(session)
        if participant is None:
            return self.render_join(session)
        sent = room.sent_here(self.store, session, participant,
                              self.get_query_argument("sent", ""))
        self.render_room(session, participant, sent=sent)

    def switch_kiosk(self, session, on: bool):
        self.forget_device()  # whoever used this browser before is not the kiosk's next person
        if on:
            secure = self.request.protocol == "https"
            self.set_cookie(KIOSK_COOKIE, session.code, expires_days=KIOSK_DAYS, path="/",
                            httponly=True, samesite="Lax", secure=secure)
            _role, table = room.profile(None, self.get_query_argument("table", ""))
            if table:
                self.set_cookie(KIOSK_TABLE_COOKIE, quote(table), expires_days=KIOSK_DAYS,
                                path="/", httponly=True, samesite="Lax", secure=secure)
            else:
                self.clear_cookie(KIOSK_TABLE_COOKIE, path="/")
        else:
            self.clear_cookie(KIOSK_COOKIE, path="/")
            self.clear_cookie(KIOSK_TABLE_COOKIE, path="/")
        self.redirect(self.room_url(session), status=303)


class JoinFormHandler(RoomPages):
    """POST /j/CODE/join: one phone becomes one participant (optional role and table)."""

    throttled = "session"

    @allow_unauthenticated
    @refusals
    def post(self, raw_code):
        session = self.session_or_404(raw_code)
        values = {"role": self.get_body_argument("role", ""),
                  "table": self.get_body_argument("table", "")}
        try:
            role, table = room.profile(values["role"], values["table"])
        except Refused as refused:
            return self.render_join(session, refused.status, error=self.error_of(refused),
                                    values=values)
        if self.participant(session) is None:
            self.throttle_identity()
        self.store.join(session, self.ensure_device(), role=role, table=table, lang=self.lang)
        self.redirect(self.room_url(session), status=303)


class AnswerFormHandler(RoomPages):
    """POST /j/CODE/answer: the form without JavaScript; 303 to the confirmation."""

    throttled = "device"

    @allow_unauthenticated
    @refusals
    async def post(self, raw_code):
        session = self.session_or_404(raw_code)
        participant = self.participant(session)
        if participant is None:
            return self.redirect(self.room_url(session), status=303)
        phase_id = self.get_body_argument("phase", None)
        kind = session.phase.kind if phase_id in (None, session.phase.id) else None
        # A ballot's fields are named dots-KEY; the door checks each key (a phone's order
        # and list are its own, so the fields sent are what it read).
        item_ids = [name[5:] for name in self.request.body_arguments
                    if name.startswith("dots-")] if kind == "vote" else []
        payload = room.form_payload(kind, self.get_body_argument, self.get_body_arguments,
                                    item_ids) if kind else {"text": self.get_body_argument(
                                        "text", "")}
        try:
            row, _created = await room.receive_grouped(
                self.writer, session, participant, payload, self.get_body_argument("key", ""),
                phase_id)
        except Refused as refused:
            return self.refused_answer(session, participant, refused, payload)
        self.redirect(f"{self.room_url(session)}?sent={row.number}", status=303)


class PhotoFormHandler(RoomPages):
    """POST /j/CODE/photo: a photo phase's multipart form (photo, caption); 303 to the
    confirmation. The one phone route with a body cap large enough for a picture."""

    throttled = "device"

    max_body = PHOTO_MAX_BODY
    body_time = PHOTO_BODY_TIME

    @allow_unauthenticated
    @refusals
    def post(self, raw_code):
        session = self.session_or_404(raw_code)
        participant = self.participant(session)
        if participant is None:
            return self.redirect(self.room_url(session), status=303)
        caption = self.get_body_argument("caption", "")
        try:
            row, _created = room.receive_photo(
                self.store, session, participant, uploaded(self.request, "photo"), caption,
                self.get_body_argument("key", ""), self.get_body_argument("phase", None))
        except Refused as refused:
            return self.refused_answer(session, participant, refused, {"caption": caption})
        self.redirect(f"{self.room_url(session)}?sent={row.number}", status=303)
