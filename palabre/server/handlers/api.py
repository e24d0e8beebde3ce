"""The participants' JSON API (public, XSRF like the forms): the room state, joining,
answers and photos, and the OpenAPI document."""

from __future__ import annotations

from jupyter_server.auth.decorator import allow_unauthenticated
from tornado.iostream import StreamClosedError

from palabre import i18n

from .. import live, openapi, room
from .base import PHOTO_BODY_TIME, PHOTO_MAX_BODY, Base, refusals, uploaded


class Api(Base):
    json_errors = True


class SessionStateHandler(Api):
    """GET /palabre/api/sessions/CODE: what the phone shows now, and a version to poll."""

    @allow_unauthenticated
    @refusals
    def get(self, raw_code):
        session = self.session_or_404(raw_code)
        self.xsrf_token  # noqa: B018 - sets the _xsrf cookie a JSON client sends back
        self.write_json(room.session_json(self.store, session, self.lang,
                                          participant=self.participant(session)))


class RoomEventsHandler(Api):
    """GET /palabre/api/sessions/CODE/events: the room's state as Server-Sent Events, sent at
    once and again within a fraction of a second of every change (palabre.server.live)."""

    STREAM_S = 600  # then the browser reconnects by itself: no stream lives for ever

    @allow_unauthenticated
    @refusals
    async def get(self, raw_code):
        session = self.session_or_404(raw_code)
        watches = self.settings.setdefault("palabre_live", live.Watches(self.store))
        self.set_header("Content-Type", "text/event-stream; charset=utf-8")
        self.set_header("Cache-Control", "no-store")
        self.set_header("X-Accel-Buffering", "no")
        watch = watches.listen(session.code)
        sent = -1
        try:
            self.write("retry: 2000\n\n")
            while self.request.request_time() < self.STREAM_S and not self._gone:
                state = watch.state(self.lang)
                if state is None:
                    break
                version, data = state
                if version > sent:
                    self.write(f"id: {version}\nevent: room\ndata: {data}\n\n")
                    sent = version
                else:
                    self.write(": still here\n\n")
                await self.flush()
                await live.next_change(watch, sent, live.KEEPALIVE_S)
        except StreamClosedError:
            pass
        finally:
            watches.leave(watch)

    _gone = False

    def on_connection_close(self):
        """A phone that goes stops being waited for at its next change or keep-alive."""
        self._gone = True


class ParticipantsHandler(Api):
    """POST /palabre/api/sessions/CODE/participants: join; 201 new, 200 already joined."""

    throttled = "session"

    @allow_unauthenticated
    @refusals
    def post(self, raw_code):
        session = self.session_or_404(raw_code)
        body = self.json_body()
        role, table = room.profile(body.get("role"), body.get("table"))
        lang = body.get("lang") if body.get("lang") in i18n.LANGS else self.lang
        known = self.participant(session)
        if known is None:
            self.throttle_identity()
        participant = self.store.join(session, self.ensure_device(), role=role, table=table,
                                      lang=lang)
        self.write_json({"id": participant.id, "role": participant.role,
                         "table": participant.table, "lang": participant.lang},
                        200 if known else 201)


class ContributionsHandler(Api):
    """POST /palabre/api/sessions/CODE/contributions: one answer, idempotent by its key."""

    throttled = "device"

    @allow_unauthenticated
    @refusals
    async def post(self, raw_code):
        session = self.session_or_404(raw_code)
        body = self.json_body()
        row, created = await room.receive_grouped(
            self.writer, session, self.participant(session), body.get("answer"),
            body.get("key"), body.get("phase"))
        self.write_json({"id": row.id, "number": row.number, "phase": row.phase_id,
                         "created": created}, 201 if created else 200)


class PhotosHandler(Api):
    """POST /palabre/api/sessions/CODE/photos: a photo answer, the same multipart fields as
    the phone form (key, phase, caption, photo); idempotent by its key."""

    throttled = "device"

    max_body = PHOTO_MAX_BODY
    body_time = PHOTO_BODY_TIME

    @allow_unauthenticated
    @refusals
    def post(self, raw_code):
        session = self.session_or_404(raw_code)
        row, created = room.receive_photo(
            self.store, session, self.participant(session), uploaded(self.request, "photo"),
            self.get_body_argument("caption", ""), self.get_body_argument("key", ""),
            self.get_body_argument("phase", None))
        self.write_json({"id": row.id, "number": row.number, "phase": row.phase_id,
                         "created": created}, 201 if created else 200)


class OpenApiHandler(Api):
    @allow_unauthenticated
    def get(self):
        self.write_json(openapi.document())
