"""The way in: a QR code of the join address, the short address and the session code, large.

Only the public join address is ever drawn here; the facilitator's token-bearing address must
never reach the projected view.
"""

from __future__ import annotations

import html
from urllib.parse import quote

import qrcode
import qrcode.image.svg
from ipywidgets import HTML, VBox
from traitlets import Unicode

from palabre import settings
from palabre.i18n import Translator


def join_url(code: str, public_url: str | None = None) -> str:
    """The address phones open: the public base URL plus /j/CODE."""
    base = public_url or settings.get("public_url")
    if not base:
        raise ValueError("no public address: set PALABRE_PUBLIC_URL (palabre start sets it)")
    return f"{str(base).rstrip('/')}/j/{quote(code)}"


def qr_svg(data: str) -> str:
    """An SVG QR code; medium error correction survives a washed-out projector."""
    code = qrcode.QRCode(error_correction=qrcode.constants.ERROR_CORRECT_M, border=2,
                         image_factory=qrcode.image.svg.SvgPathImage)
    code.add_data(data)
    code.make(fit=True)
    return code.make_image().to_string(encoding="unicode")


def short_url(url: str) -> str:
    """The address as a person types it: without the scheme."""
    return url.split("://", 1)[-1]


def address_html(url: str) -> str:
    """The address as HTML that may wrap after its last slash, never inside the code."""
    base, _slash, code = short_url(url).rpartition("/")
    return (f'<span class="palabre-url-base">{html.escape(base)}/</span><wbr>'
            f'<span class="palabre-url-code">{html.escape(code)}</span>')


class QrPanel(VBox):
    """Scan or type: the join address as a QR code, in letters, and the session code."""

    url = Unicode(help="The public join address encoded in the QR code.")
    code = Unicode(help="The session code shown under the QR code.")

    def __init__(self, url: str, code: str, translator: Translator, **kwargs):
        self._t = translator
        self.image = HTML()
        self.image.add_class("palabre-qr")
        self.address = HTML()
        self.address.add_class("palabre-join-url")
        self.code_label = HTML()
        self.code_label.add_class("palabre-code")
        super().__init__([self.image, self.address, self.code_label], **kwargs)
        self.add_class("palabre-qr-panel")
        self.url = url
        self.code = code
        self._draw()

    def _draw(self) -> None:
        _ = self._t.gettext
        self.image.value = qr_svg(self.url)
        self.address.value = address_html(self.url)
        self.code_label.value = _("Code: {code}", code=f"<b>{html.escape(self.code)}</b>")

    def close(self) -> None:
        for child in (self.image, self.address, self.code_label):
            child.close()
        super().close()
