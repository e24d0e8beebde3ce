"""`palabre handout CODE --out FILE`: the poster to join a workshop, for tables and walls.

The QR code, the short address, the code in big letters and the question, on one A4 page:
PDF or PNG by the file's extension. The address is ``--public-url``, else PALABRE_PUBLIC_URL,
else the laptop's address on the room's network with the default port.
"""

from __future__ import annotations

import argparse
from pathlib import Path

from palabre import launcher, settings
from palabre.i18n import Translator

from .common import UserError, add_db, open_store

FORMATS = {".pdf": "pdf", ".png": "png"}


def add_public_url(parser: argparse.ArgumentParser, _: Translator) -> None:
    parser.add_argument("--public-url", metavar="URL",
                        help=_("Address phones use to reach the kit (default: "
                               "PALABRE_PUBLIC_URL, else this computer's address on the "
                               "network, port {port}).", port=launcher.DEFAULT_PORT))


def join_address(public_url: str | None, code: str) -> str:
    """The address printed and carried by the QR code: the same one the server announces."""
    public = (public_url or settings.get("public_url")
              or launcher.default_public_url(launcher.DEFAULT_HOST, launcher.DEFAULT_PORT))
    return launcher.join_url(str(public), code)


def add_arguments(parser: argparse.ArgumentParser, _: Translator) -> None:
    parser.add_argument("code", metavar=_("CODE"), help=_("Code of the workshop."))
    parser.add_argument("--out", metavar=_("FILE"), required=True, type=Path,
                        help=_("File to write: .pdf or .png."))
    add_public_url(parser, _)
    add_db(parser, _)


def run(args: argparse.Namespace, _: Translator) -> int:
    from palabre.exports.printables import handout

    fmt = FORMATS.get(args.out.suffix.lower())
    if fmt is None:
        raise UserError(_("The handout is written as PDF or PNG: give a file name ending in "
                          ".pdf or .png, not {file}.", file=args.out.name))
    store = open_store(args.db, _)
    try:
        session = store.session(args.code)
        if session is None:
            raise UserError(_("No workshop has the code {code}.", code=args.code))
        url = join_address(args.public_url, session.code)
        data = handout(session, url, lang=_.lang, fmt=fmt)
    finally:
        store.close()
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_bytes(data)
    print(_("Handout written in {file}, for {url}", file=args.out, url=url))
    return 0
