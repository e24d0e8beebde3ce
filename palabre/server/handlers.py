"""Every route of the extension, listed once at the bottom (HANDLERS).

Handlers are short: they read the request, call plain functions (palabre.server.room,
palabre.answers) and render. Participant routes carry @allow_unauthenticated; the facilitator
API needs the server's token. Refusals become a page (forms) or {"error", "message", "field"}
(JSON) with the refusal's status; nothing a phone does shows a stack trace.
"""

from __future__ import annotations

import functools
import json
import re
import secrets
from datetime import UTC, datetime, timedelta
from http import HTTPStatus
from typing import Any
from urllib.parse import quote, unquote, urlencode

from jupyter_server.auth.decorator import allow_unauthenticated
from jupyter_server.base.handlers import JupyterHandler
from jupyter_server.extension.handler import ExtensionHandlerMixin
from tornado import web

from palabre import codes, i18n, launcher, photos
from palabre import settings as palabre_settings
from palabre.answers import Refused, unknown_session
from palabre.exercises import load_formats
from palabre.exercises.messages import N_
from palabre.store.store import ROLES

from . import assist, openapi, room

DEVICE_COOKIE = "palabre_device"
LANG_COOKIE = "palabre_lang"
KIOSK_COOKIE = "palabre_kiosk"  # the session code this browser is a shared kiosk for
KIOSK_TABLE_COOKIE = "palabre_kiosk_table"
KIOSK_DAYS = 30
START_REPLAY_S = 10  # a second tap on a kiosk's Start within this is the same person
# A photo route takes a phone picture (palabre.photos refuses past MAX_BYTES, by name) and
# its form fields; every other route keeps the max_body_bytes setting.
PHOTO_MAX_BODY = photos.MAX_BYTES + 256 * 1024
_DEVICE_RE = re.compile(r"^[0-9a-f]{32}$")
YEAR_DAYS = 400

# What an HTTP error means to a person, by status (the JSON "error" code and the message).
ERRORS = {
    400: ("bad_request", N_("This request could not be read. Reload the page and try again.")),
    403: ("forbidden", N_("You are not allowed to do this. Open the link shown on the screen.")),
    404: ("not_found", N_("This page does not exist. Check the address shown on the screen.")),
    405: ("bad_method", N_("This request could not be read. Reload the page and try again.")),
    413: ("too_large", N_("What you sent is too large. Shorten it and send again.")),
    429: ("slow_down", N_("Too many answers at once. Wait {seconds} seconds, then send "
                          "again: nothing you wrote is lost.")),
}
XSRF_ERROR = ("xsrf", N_("This page has expired. Reload it, then send your answer again."))
UNEXPECTED = ("unexpected", N_("Something went wrong on the facilitator's computer. Wait a "
                               "moment and try again; if it goes on, tell the facilitator."))


class Refusal(web.HTTPError):
    """Carries a palabre Refused through tornado's error path (status, code, message, field)."""

    def __init__(self, refused: Refused):
        super().__init__(refused.status, reason=HTTPStatus(refused.status).phrase)
        self.refused = refused


class Base(ExtensionHandlerMixin, JupyterHandler):
    """Language, store, limits and friendly errors, shared by every palabre route."""

    json_errors = False  # JSON API handlers answer errors as JSON
    max_body: int | None = None  # this route's body cap; None: the max_body_bytes setting

    # --- shared objects ---------------------------------------------------------------
    @property
    def store(self):
        return self.settings["palabre_store"]

    @property
    def writer(self):
        """Answers are written through one group commit (palabre.store.writer)."""
        return self.settings["palabre_writer"]

    @property
    def limits(self):
        return self.settings["palabre_limits"]

    # --- request guards ---------------------------------------------------------------
    async def prepare(self):
        self.lang = self._language()
        self.t = i18n.Translator(self.lang)
        self._retry_after = 0
        if len(self.request.body or b"") > (self.max_body or self.settings["palabre_max_body"]):
            raise web.HTTPError(413)
        await super().prepare(_redirect_to_login=not self.json_errors)

    def _language(self) -> str:
        asked = self.get_query_argument("lang", None)
        if asked in i18n.LANGS:
            self.set_cookie(LANG_COOKIE, asked, expires_days=YEAR_DAYS, samesite="Lax",
                            path="/")
            return asked
        chosen = self.get_cookie(LANG_COOKIE)
        if chosen in i18n.LANGS:
            return chosen
        return i18n.negotiate(self.request.headers.get("Accept-Language"))

    def throttle(self, code: str, device: str | None = None) -> None:
        """Answer 429 with Retry-After when the session, or this phone, sends too much.

        Called by every POST of a session; reads (pages, the 3-second poll) are not counted:
        300 phones polling would use the whole session budget by themselves."""
        wait = self.limits.check_session(code)
        if not wait and device:
            wait = self.limits.check_device(code, device)
        if wait:
            self._retry_after = wait
            raise web.HTTPError(429)

    # --- device and session -----------------------------------------------------------
    @property
    def device(self) -> str | None:
        value = self.get_cookie(DEVICE_COOKIE)
        return value if value and _DEVICE_RE.match(value) else None

    def ensure_device(self, fresh: bool = False, key: str | None = None) -> str:
        """This browser's device key: created on first use, anew for a kiosk's next person,
        or the given one (a kiosk person coming back, or the start form's own key)."""
        device = key or (None if fresh else self.device) or secrets.token_hex(16)
        self.set_cookie(DEVICE_COOKIE, device, expires_days=YEAR_DAYS, path="/", httponly=True,
                        samesite="Lax", secure=self.request.protocol == "https")
        return device

    def forget_device(self) -> None:
        self.clear_cookie(DEVICE_COOKIE, path="/")

    def kiosk(self, session) -> bool:
        """Whether this browser is the shared kiosk of this session."""
        return self.get_cookie(KIOSK_COOKIE) == session.code

    def kiosk_table(self) -> str | None:
        raw = self.get_cookie(KIOSK_TABLE_COOKIE)
        return unquote(raw) if raw else None

    def session_or_404(self, raw_code: str):
        code = codes.normalize(raw_code) or raw_code[:20]
        session = self.store.session(code)
        if session is None:
            raise Refusal(unknown_session(code))
        return session

    def participant(self, session):
        device = self.device
        return self.store.participant(session, device) if device else None

    # --- output -----------------------------------------------------------------------
    def message(self, refused: Refused) -> str:
        return refused.translated(self.t.gettext)

    def render_page(self, template: str, status: int = 200, here: str | None = None,
                    **ns: Any) -> None:
        """Render a page; `here` is the GET address the language switch links to."""
        self.xsrf_token  # noqa: B018 - every page sets the _xsrf cookie that POSTs send back
        other = "en" if self.lang == "fr" else "fr"
        query = {k: self.get_query_argument(k) for k in self.request.query_arguments
                 if k not in ("lang", "sent")} if here is None else {}
        switch = f"{here or self.request.path}?{urlencode({**query, 'lang': other})}"
        page = self.settings["palabre_jinja"].get_template(template).render(
            _=self.t.gettext, ngettext=self.t.ngettext, lang=self.lang, other_lang=other,
            switch_url=switch, static=self.static_url, base_url=self.base_url,
            xsrf_form_html=self.xsrf_form_html, **ns)
        self.set_status(status)
        self.set_header("Content-Type", "text/html; charset=UTF-8")
        self.set_header("Cache-Control", "no-store")
        self.finish(page)

    def write_json(self, data: Any, status: int = 200) -> None:
        self.set_status(status)
        self.set_header("Content-Type", "application/json; charset=UTF-8")
        self.set_header("Cache-Control", "no-store")
        self.finish(json.dumps(data, ensure_ascii=False, default=str))

    def json_body(self) -> dict:
        try:
            body = json.loads(self.request.body or b"{}")
        except (ValueError, UnicodeDecodeError):
            raise web.HTTPError(400) from None
        if not isinstance(body, dict):
            raise web.HTTPError(400)
        return body

    def log_exception(self, typ, value, tb):
        if isinstance(value, Refusal):
            return  # a refusal is an answer, not an incident
        super().log_exception(typ, value, tb)

    def write_error(self, status_code: int, **kwargs: Any) -> None:
        """Every error a person can meet, in their language: a page, or JSON for the API."""
        if not hasattr(self, "t"):  # failed before prepare() ran
            self.lang = i18n.DEFAULT_LANG
            self.t = i18n.Translator(self.lang)
        retry_after = getattr(self, "_retry_after", 0)
        error = kwargs.get("exc_info", (None, None, None))[1]
        field = None
        if isinstance(error, Refusal):
            code, message, field = (error.refused.code, self.message(error.refused),
                                    error.refused.field)
        else:
            if status_code == 403 and error is not None and "xsrf" in str(
                    getattr(error, "log_message", "") or "").lower():
                code, template = XSRF_ERROR
            else:
                code, template = ERRORS.get(status_code, UNEXPECTED)
            message = self.t(template, seconds=retry_after) if status_code == 429 \
                else self.t(template)
        if status_code == 429:
            self.set_header("Retry-After", str(retry_after))
        if self.json_errors:
            self.write_json({"error": code, "message": message, "field": field}, status_code)
            return
        here = None
        if self.request.method != "GET":  # the switch link must lead to a page, not a POST
            here = f"{self.base_url}j/" + (self.path_args[0] if self.path_args else "")
        self.render_page("error.html", status_code, here=here, http_status=status_code,
                         error_code=code, message=message, error=None, value="",
                         code_form=code in ("unknown_session", "not_found"))


def refusals(method):
    """Turn a Refused raised by a plain function into the refusal's HTTP answer."""

    @functools.wraps(method)
    async def wrapper(self, *args, **kwargs):
        try:
            result = method(self, *args, **kwargs)
            if hasattr(result, "__await__"):
                await result
        except Refused as refused:
            raise Refusal(refused) from None

    return wrapper


# --- phone pages (HTML, work without JavaScript) ----------------------------------------
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
            message = self.t("A code has {length} letters or digits, as shown on the screen.",
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
        self.render_page("room.html", status, here=self.room_url(session), session=session,
                         view=view, unsent=unsent, form=room.FORMS[view.kind].template,
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
        participant = self.participant(session)
        if participant is None:
            return self.render_join(session)
        sent = self.get_query_argument("sent", "")
        self.render_room(session, participant, sent=sent.isdigit())

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

    @allow_unauthenticated
    @refusals
    def post(self, raw_code):
        session = self.session_or_404(raw_code)
        self.throttle(session.code)
        values = {"role": self.get_body_argument("role", ""),
                  "table": self.get_body_argument("table", "")}
        try:
            role, table = room.profile(values["role"], values["table"])
        except Refused as refused:
            return self.render_join(session, refused.status, error=self.error_of(refused),
                                    values=values)
        self.store.join(session, self.ensure_device(), role=role, table=table, lang=self.lang)
        self.redirect(self.room_url(session), status=303)


class KioskStartHandler(RoomPages):
    """POST /j/CODE/kiosk/start: the next person at the kiosk gets a fresh anonymous
    identity (channel kiosk) and a number, with the kiosk's table and the role they choose;
    a person typing the number they were given comes back as the same participant.

    A new identity's device key is the start form's own key, so a double tap on Start makes
    one participant, not two."""

    @allow_unauthenticated
    @refusals
    def post(self, raw_code):
        session = self.session_or_404(raw_code)
        if not self.kiosk(session):
            return self.redirect(self.room_url(session), status=303)
        self.throttle(session.code)
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
            self.store.join(session, self.ensure_device(fresh=True, key=self.start_key(session)),
                            role=role, table=self.kiosk_table(), lang=self.lang,
                            channel="kiosk")
        self.redirect(self.room_url(session), status=303)

    def start_key(self, session) -> str | None:
        """The start form's key, unless it already holds a person who has answered or started
        more than a moment ago (a start page brought back by the Back button): the next
        person never becomes the one before."""
        key = self.get_body_argument("key", "")
        if not _DEVICE_RE.match(key):
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


class AnswerFormHandler(RoomPages):
    """POST /j/CODE/answer: the form without JavaScript; 303 to the confirmation."""

    @allow_unauthenticated
    @refusals
    async def post(self, raw_code):
        session = self.session_or_404(raw_code)
        participant = self.participant(session)
        if participant is None:
            return self.redirect(self.room_url(session), status=303)
        self.throttle(session.code, self.device)
        phase_id = self.get_body_argument("phase", None)
        kind = session.phase.kind if phase_id in (None, session.phase.id) else None
        item_ids = [i["id"] for i in room.phase_view(self.store, session, self.lang)
                    .params.get("items", [])] if kind == "vote" else []
        payload = room.form_payload(kind, self.get_body_argument, self.get_body_arguments,
                                    item_ids) if kind else {"text": self.get_body_argument(
                                        "text", "")}
        try:
            row, _created = await room.receive_grouped(
                self.writer, session, participant, payload, self.get_body_argument("key", ""),
                phase_id)
        except Refused as refused:
            return self.refused_answer(session, participant, refused, payload)
        self.redirect(f"{self.room_url(session)}?sent={row.id}", status=303)


class PhotoFormHandler(RoomPages):
    """POST /j/CODE/photo: a photo phase's multipart form (photo, caption); 303 to the
    confirmation. The one phone route with a body cap large enough for a picture."""

    max_body = PHOTO_MAX_BODY

    @allow_unauthenticated
    @refusals
    def post(self, raw_code):
        session = self.session_or_404(raw_code)
        participant = self.participant(session)
        if participant is None:
            return self.redirect(self.room_url(session), status=303)
        self.throttle(session.code, self.device)
        caption = self.get_body_argument("caption", "")
        try:
            row, _created = room.receive_photo(
                self.store, session, participant, uploaded(self.request, "photo"), caption,
                self.get_body_argument("key", ""), self.get_body_argument("phase", None))
        except Refused as refused:
            return self.refused_answer(session, participant, refused, {"caption": caption})
        self.redirect(f"{self.room_url(session)}?sent={row.id}", status=303)


def uploaded(request, name: str) -> bytes:
    """The bytes of an uploaded file field (empty when none was chosen)."""
    files = request.files.get(name) or []
    return files[0].body if files else b""


# --- JSON API: participants (public) ----------------------------------------------------
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


class ParticipantsHandler(Api):
    """POST /palabre/api/sessions/CODE/participants: join; 201 new, 200 already joined."""

    @allow_unauthenticated
    @refusals
    def post(self, raw_code):
        session = self.session_or_404(raw_code)
        self.throttle(session.code)
        body = self.json_body()
        role, table = room.profile(body.get("role"), body.get("table"))
        lang = body.get("lang") if body.get("lang") in i18n.LANGS else self.lang
        known = self.participant(session)
        participant = self.store.join(session, self.ensure_device(), role=role, table=table,
                                      lang=lang)
        self.write_json({"id": participant.id, "role": participant.role,
                         "table": participant.table, "lang": participant.lang},
                        200 if known else 201)


class ContributionsHandler(Api):
    """POST /palabre/api/sessions/CODE/contributions: one answer, idempotent by its key."""

    @allow_unauthenticated
    @refusals
    async def post(self, raw_code):
        session = self.session_or_404(raw_code)
        self.throttle(session.code, self.device)
        body = self.json_body()
        row, created = await room.receive_grouped(
            self.writer, session, self.participant(session), body.get("answer"),
            body.get("key"), body.get("phase"))
        self.write_json({"id": row.id, "phase": row.phase_id, "created": created},
                        201 if created else 200)


class PhotosHandler(Api):
    """POST /palabre/api/sessions/CODE/photos: a photo answer, the same multipart fields as
    the phone form (key, phase, caption, photo); idempotent by its key."""

    max_body = PHOTO_MAX_BODY

    @allow_unauthenticated
    @refusals
    def post(self, raw_code):
        session = self.session_or_404(raw_code)
        self.throttle(session.code, self.device)
        row, created = room.receive_photo(
            self.store, session, self.participant(session), uploaded(self.request, "photo"),
            self.get_body_argument("caption", ""), self.get_body_argument("key", ""),
            self.get_body_argument("phase", None))
        self.write_json({"id": row.id, "phase": row.phase_id, "created": created},
                        201 if created else 200)


class OpenApiHandler(Api):
    @allow_unauthenticated
    def get(self):
        self.write_json(openapi.document())


# --- JSON API: facilitator (token) ------------------------------------------------------
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
        session = room.act(self.store, session.code, body.get("action"), body.get("index"))
        self.write_json(room.session_json(self.store, session, self.lang))


class PhotoFileHandler(Api):
    """GET /palabre/api/sessions/CODE/photos/ID: a stored photo, for the facilitator only
    (token); browsers may keep it, shared caches may not."""

    @web.authenticated
    @refusals
    def get(self, raw_code, photo_id):
        session = self.session_or_404(raw_code)
        found = self.store.photo(session, int(photo_id))
        if found is None:
            raise web.HTTPError(404)
        data, mime = found
        self.set_header("Content-Type", mime)
        self.set_header("Cache-Control", "private, max-age=3600")
        self.set_header("X-Content-Type-Options", "nosniff")
        self.finish(data)


# --- assisted entry of paper answers (token) --------------------------------------------
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
        self.redirect(self.assist_url(session, saved=f"{row.id}{'' if created else '-again'}",
                                      **following), status=303)


class AssistUndoHandler(AssistPages):
    """POST /palabre/assist/CODE/undo: take a typed-in paper answer back (hidden, never
    deleted), or put it back."""

    @web.authenticated
    @refusals
    def post(self, raw_code):
        session = self.session_or_404(raw_code)
        assist.undo(self.store, session, self.get_body_argument("id", ""),
                    hide=self.get_body_argument("hide", "1") == "1")
        kept = {k: self.get_body_argument(k, "") for k in assist.KEPT}
        self.redirect(self.assist_url(session, **kept), status=303)


class NotFoundHandler(Base):
    """Anything else under /j/ gets the friendly 404 page."""

    @allow_unauthenticated
    def get(self, *_args):
        raise web.HTTPError(404)

    post = get


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
    (rf"/palabre/api/sessions/{CODE}/participants", ParticipantsHandler),
    (rf"/palabre/api/sessions/{CODE}/contributions", ContributionsHandler),
    (rf"/palabre/api/sessions/{CODE}/actions", ActionsHandler),
    (rf"/palabre/api/sessions/{CODE}/photos", PhotosHandler),
    (rf"/palabre/api/sessions/{CODE}/photos/{PHOTO_ID}", PhotoFileHandler),
    (rf"/palabre/assist/{CODE}", AssistHandler),
    (rf"/palabre/assist/{CODE}/undo", AssistUndoHandler),
]
