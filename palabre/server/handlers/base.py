"""What every palabre route shares: language, store, limits, the device and kiosk cookies,
bodies capped while they stream, and friendly errors. A refusal becomes a page (forms) or
{"error", "message", "field"} (JSON) with the refusal's status; nothing a phone does shows a
stack trace, and an error page cannot fail (it falls back to a plain one).
"""

from __future__ import annotations

import asyncio
import functools
import json
import logging
import re
import secrets
from http import HTTPStatus
from typing import Any
from urllib.parse import quote, unquote, urlencode

from jupyter_server.auth.decorator import allow_unauthenticated
from jupyter_server.base.handlers import JupyterHandler
from jupyter_server.extension.handler import ExtensionHandlerMixin
from jupyter_server.prometheus.log_functions import prometheus_log_method
from tornado import httputil, web

from palabre import codes, i18n, photos
from palabre.answers import Refused, unknown_session
from palabre.exercises.messages import N_

from ..guard import scrub

DEVICE_COOKIE = "palabre_device"
LANG_COOKIE = "palabre_lang"
KIOSK_COOKIE = "palabre_kiosk"  # the session code this browser is a shared kiosk for
KIOSK_TABLE_COOKIE = "palabre_kiosk_table"
KIOSK_DAYS = 30
# A photo route takes a phone picture (palabre.photos refuses past MAX_BYTES, by name) and
# its form fields; every other route keeps the max_body_bytes setting.
PHOTO_MAX_BODY = photos.MAX_BYTES + 256 * 1024
DEVICE_RE = re.compile(r"^[0-9a-f]{32}$")
YEAR_DAYS = 400
# A form or an answer arrives in well under a second, a phone photo on a poor network in a
# minute or two: a photo route waits this many times the body_timeout setting.
PHOTO_BODY_TIME = 6
BODY_METHODS = ("post", "put", "patch", "delete")
# A body over its route's cap is read and thrown away up to this size, then refused (413): a
# browser that is still sending when the connection closes shows its own error page instead of
# ours. Past it, the answer comes at once and the connection closes unread.
DRAIN_BYTES = 32 * 1024 * 1024
# A phone asked to slow down gets its first refusal of the minute at once; one that insists
# waits this long for each next one, so sending back to back costs the room a request a second.
INSIST_DELAY_S = 1.0

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
# The last resort when even the error page fails: no template, no translation, both languages.
PLAIN_ERROR = ("<!doctype html><html lang=\"fr\"><meta charset=\"utf-8\"><meta name=\"viewport\" "
               "content=\"width=device-width\"><title>palabre</title><p>Cette demande n'a pas "
               "pu être lue. Rechargez la page.</p><p lang=\"en\">This request could not be "
               "read. Reload the page.</p></html>")


def not_a_code() -> Refused:
    """What a person typed, or a link held, that cannot be a code (blank, unreadable)."""
    return Refused(404, "bad_code", N_("A code has {length} letters or digits, as shown on the "
                                       "screen."), field="code", length=codes.LENGTH)


def _after_body(method):
    """Run a handler method once its whole body is in: its rate limit first (before any
    work), then parsed, and its XSRF token checked (a form sends it in the body, which a
    streamed request only has now)."""

    @functools.wraps(method)
    async def wrapper(self, *args, **kwargs):
        if self.throttled:
            await self.throttle(args[0])
        self.body_arrived()
        result = method(self, *args, **kwargs)
        if result is not None and hasattr(result, "__await__"):
            await result

    wrapper.after_body = True
    return wrapper


class Refusal(web.HTTPError):
    """Carries a palabre Refused through tornado's error path (status, code, message, field)."""

    def __init__(self, refused: Refused):
        super().__init__(refused.status, reason=HTTPStatus(refused.status).phrase)
        self.refused = refused


class QuietSuccesses(web.RequestHandler):
    """A success is a debug line for jupyter_server (log_request): unless debug is on, only
    its metrics are recorded, without building a line nobody reads, 1,000 times a second when
    a room votes at once. Anything else is logged as jupyter_server does. Mixed in before
    JupyterHandler (its log and settings)."""

    def _log(self) -> None:
        status = self.get_status()
        if (status < 300 or status == 304) and not self.log.isEnabledFor(logging.DEBUG):
            if self.settings.get("palabre_request_metrics", True):
                prometheus_log_method(self)
            return
        super()._log()


@web.stream_request_body
class Base(ExtensionHandlerMixin, QuietSuccesses, JupyterHandler):
    """Language, store, limits and friendly errors, shared by every palabre route.

    Bodies stream in (tornado's stream_request_body) and are kept only up to this route's cap:
    past it they are thrown away as they come and refused (413), at once when Content-Length
    announces more than DRAIN_BYTES. A client sending too slowly is let go (the body_timeout
    setting). Memory never holds more than the cap."""

    json_errors = False  # JSON API handlers answer errors as JSON
    # A POST of a session (the code its first path argument) counts against the session's
    # budget and the sender's: this phone's answers ("device", the device_rate setting), or
    # its joins ("session", at the same rate); None: not limited.
    throttled: str | None = None
    max_body: int | None = None  # this route's body cap; None: the max_body_bytes setting
    body_time: float = 1  # times the body_timeout setting this route waits for its body
    _body_read = False
    _too_large = False  # over the cap: the rest of the body is thrown away, then 413

    def __init_subclass__(cls, **kwargs):
        super().__init_subclass__(**kwargs)
        for name in BODY_METHODS:  # every route that takes a body, however it is written
            method = cls.__dict__.get(name)
            if method is not None and not getattr(method, "after_body", False):
                setattr(cls, name, _after_body(method))

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
        self._chunks: list[bytes] = []
        self._received = 0
        length = self.request.headers.get("Content-Length", "0").strip()
        connection = self.request.connection
        if not length.isdigit() or int(length) > DRAIN_BYTES:
            if length.isdigit():  # tornado's own cap must not answer a second time
                connection.set_max_body_size(int(length))
            raise web.HTTPError(413)  # before a byte of it is read
        # A chunked body is counted here (data_received), past tornado's cap for the server.
        connection.set_max_body_size(DRAIN_BYTES + 1024 * 1024)
        self._too_large = int(length) > self.body_cap
        connection.set_body_timeout(self.body_time * self.settings["palabre_body_timeout"])
        await super().prepare(_redirect_to_login=not self.json_errors)

    @property
    def body_cap(self) -> int:
        return self.max_body or self.settings["palabre_max_body"]

    def data_received(self, chunk: bytes) -> None:
        if self._finished:
            return
        self._received += len(chunk)
        if self._received > self.body_cap:  # announced so, or a chunked body passing it
            self._too_large, self._chunks = True, []
        if self._received > DRAIN_BYTES:
            self.send_error(413)  # the connection then closes: the rest is never read
        elif not self._too_large:
            self._chunks.append(chunk)

    def body_arrived(self) -> None:
        """The whole body is in: parse it as tornado would, then check the XSRF token."""
        if self._body_read:
            return
        self._body_read = True
        if self._too_large:
            raise web.HTTPError(413)
        request = self.request
        request.body = b"".join(getattr(self, "_chunks", ()))
        self._chunks = []
        if request.body:
            try:
                httputil.parse_body_arguments(request.headers.get("Content-Type", ""),
                                              request.body, request.body_arguments,
                                              request.files, request.headers)
            except httputil.HTTPInputError:
                raise web.HTTPError(400) from None
            for name, values in request.body_arguments.items():
                request.arguments.setdefault(name, []).extend(values)
        self.check_xsrf_cookie()

    def finish(self, chunk=None):
        """An answer sent before the request's body was read (a refusal from its headers)
        makes tornado close the connection; the header says so, or a client sending its next
        request on it would meet a reset."""
        body = getattr(self.request, "_body_future", None)
        if not self._headers_written and body is not None and not body.done():
            self.set_header("Connection", "close")
        return super().finish(chunk)

    def check_xsrf_cookie(self) -> None:
        """Checked once the body is in (body_arrived), where a form's _xsrf field is."""
        if self.request.method.lower() in BODY_METHODS and not self._body_read:
            return
        super().check_xsrf_cookie()

    def decode_argument(self, value: bytes, name: str | None = None) -> str:
        """Bytes that are not UTF-8 (in the address, a field) read as U+FFFD, then are refused
        by what reads them (not a code, not an option) in the person's language, never a
        bare 400 from tornado."""
        return value.decode("utf-8", errors="replace") if isinstance(value, bytes) else value

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

    async def throttle(self, raw_code: str) -> None:
        """Answer 429 with Retry-After when the session, or this phone, sends too much.

        Runs before every POST of a session that says `throttled`, before its body is parsed
        or the store read, so a refusal costs the room almost nothing; only accepted requests
        count (palabre.server.limits). A phone refused again within the minute waits
        INSIST_DELAY_S for its answer, unlogged. Reads (pages, the 3-second poll) are not
        counted: 300 phones polling would use the whole session budget by themselves."""
        # The sender: its device, or its address when it has none (a client dropping its
        # cookie to escape its own limit would otherwise spend the session's budget).
        sender = self.device or f"ip:{self.request.remote_ip}"
        code = codes.normalize(raw_code) or raw_code[:20]
        if self.device:
            key = sender if self.throttled == "device" else f"join:{sender}"
            wait = self.limits.check(code, key)
        else:
            wait = self.limits.check(code, address=sender)
        if wait and not self.limits.first_refusal(sender):
            self._insisting = True
            await asyncio.sleep(INSIST_DELAY_S)
        self._too_many(wait)

    def throttle_identity(self, kiosk: str | None = None) -> None:
        """Answer 429 when this address (or this kiosk tablet) creates participants faster
        than a room does; called just before a new participant is stored."""
        address = self.request.remote_ip or ""
        wait = self.limits.check_identity(address, kiosk and f"{kiosk}:{address}")
        if wait and not self.limits.first_refusal(f"identity:{address}"):
            self._insisting = True  # logged once a minute too
        self._too_many(wait)

    def _too_many(self, wait: int) -> None:
        if wait:
            self._retry_after = wait
            raise web.HTTPError(429)

    # --- device and session -----------------------------------------------------------
    @property
    def device(self) -> str | None:
        value = self.get_cookie(DEVICE_COOKIE)
        return value if value and DEVICE_RE.match(value) else None

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
        code = codes.normalize(raw_code)
        if code is None:
            raise Refusal(not_a_code())
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
        query = {k: self.decode_argument(v[-1]) for k, v in self.request.query_arguments.items()
                 if k not in ("lang", "sent") and v} if here is None else {}
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
        except (ValueError, UnicodeDecodeError, RecursionError):  # [[[[... nested past Python
            raise web.HTTPError(400) from None
        if not isinstance(body, dict):
            raise web.HTTPError(400)
        return body

    def log_exception(self, typ, value, tb):
        if isinstance(value, Refusal):
            return  # a refusal is an answer, not an incident
        if isinstance(value, web.HTTPError) and value.status_code == 429:
            return  # logged once per device and minute, with the request (_log)
        super().log_exception(typ, value, tb)

    _insisting = False  # refused again within the minute: neither logged nor answered at once

    def _log(self) -> None:
        """The access log, with a phone asked to slow down logged once a minute only."""
        if self._insisting and self.get_status() == 429:
            return
        super()._log()

    def _request_summary(self) -> str:
        """What tornado logs of a failed request, without the token of its address."""
        return scrub(super()._request_summary())

    def _allowed(self) -> str:
        own = [m for m in self.SUPPORTED_METHODS
               if getattr(type(self), m.lower(), None) is not getattr(web.RequestHandler,
                                                                     m.lower(), None)]
        return ", ".join(own + (["HEAD"] if "GET" in own and "HEAD" not in own else []))

    def write_error(self, status_code: int, **kwargs: Any) -> None:
        """Every error a person can meet, in their language, and a plain page if even that
        fails: tornado may refuse a request before routing (a method it does not serve, a
        body it cannot read), when nothing of this handler has been set up."""
        try:
            self._write_error(status_code, **kwargs)
        except Exception:  # noqa: BLE001 - the error page itself must not fail
            self.log.warning("palabre: error page %d failed for %s", status_code,
                             self._request_summary(), exc_info=True)
            if self._finished:
                return
            self.clear()
            self.set_status(status_code)
            self.set_header("Content-Type", "text/html; charset=UTF-8")
            self.finish(PLAIN_ERROR)

    def _write_error(self, status_code: int, **kwargs: Any) -> None:
        if not hasattr(self, "_jupyter_current_user"):  # refused before prepare(): nobody
            self.current_user = self._jupyter_current_user = None
        if not hasattr(self, "t"):  # failed before prepare() ran
            try:
                self.lang = self._language()
            except Exception:  # noqa: BLE001 - an unreadable cookie or header
                self.lang = i18n.DEFAULT_LANG
            self.t = i18n.Translator(self.lang)
        if status_code == 405:
            self.set_header("Allow", self._allowed())
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
        path_args = getattr(self, "path_args", None)  # unset when refused before routing
        if self.request.method != "GET" or not path_args:  # the switch link leads to a page
            here = f"{self.base_url}j/" + (quote(path_args[0]) if path_args else "")
        self.render_page("error.html", status_code, here=here, http_status=status_code,
                         error_code=code, message=message, error=None, value="",
                         code_form=code in ("unknown_session", "bad_code", "not_found"))


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


def uploaded(request, name: str) -> bytes:
    """The bytes of an uploaded file field (empty when none was chosen)."""
    files = request.files.get(name) or []
    return files[0].body if files else b""


class NotFoundHandler(Base):
    """Anything else under /j/ gets the friendly 404 page."""

    @allow_unauthenticated
    def get(self, *_args):
        raise web.HTTPError(404)

    post = get
