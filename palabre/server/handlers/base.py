"""What every palabre route shares: language, store, limits, the device and kiosk cookies,
and friendly errors. A refusal becomes a page (forms) or {"error", "message", "field"} (JSON)
with the refusal's status; nothing a phone does shows a stack trace.
"""

from __future__ import annotations

import functools
import json
import re
import secrets
from http import HTTPStatus
from typing import Any
from urllib.parse import unquote, urlencode

from jupyter_server.auth.decorator import allow_unauthenticated
from jupyter_server.base.handlers import JupyterHandler
from jupyter_server.extension.handler import ExtensionHandlerMixin
from tornado import web

from palabre import codes, i18n, photos
from palabre.answers import Refused, unknown_session
from palabre.exercises.messages import N_

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
