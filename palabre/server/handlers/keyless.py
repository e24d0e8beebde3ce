"""The page a facilitator's address shows without the server's key.

jupyter_server sends a browser without the key to its `login_url`; palabre's extension points
it here (PalabreApp.initialize_settings), so the person reads, in their language, where the
address with the key is printed instead of Jupyter's English token form. Nothing here lets
anyone in: the key only comes from the terminal.
"""

from __future__ import annotations

from urllib.parse import parse_qs, urlsplit

from jupyter_server.auth.decorator import allow_unauthenticated

from palabre import codes

from .base import Base

ROUTE = "/palabre/key"


class KeylessHandler(Base):
    """GET /palabre/key?next=...: where the facilitator's address is printed."""

    @allow_unauthenticated
    def get(self):
        wanted = self.get_query_argument("next", "")
        if self.current_user:  # the key is already known to this browser: go on
            return self.redirect(self._inside(wanted))
        self.render_page("keyless.html", 403, session=self._session_of(wanted))

    def _inside(self, url: str) -> str:
        """Only an address of this server, never another site's."""
        parts = urlsplit(url)
        if parts.scheme or parts.netloc or "\\" in url or not url.startswith(self.base_url):
            return self.base_url
        return url

    def _session_of(self, url: str):
        """The workshop the address was for, when it names one of this store."""
        raw = parse_qs(urlsplit(url).query).get("session", [""])[0]
        code = codes.normalize(raw)
        return self.store.session(code) if code else None
