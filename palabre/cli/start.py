"""`palabre start`: create (or reopen) a workshop, run the server, say how phones connect.

The facilitator's URL carries the server token, so it is printed on the terminal and opened in
the browser, never shown on the projector. The room's state lives in the store, so reopening
a session with ``--session CODE`` resumes exactly where the room was.
"""

from __future__ import annotations

import argparse
import errno
import json
import socket
import sys
import threading
import webbrowser
from datetime import date
from urllib.parse import urlencode

from palabre import codes, settings
from palabre.answers import submit
from palabre.exercises.messages import Refusal
from palabre.facilitator_key import facilitator_key
from palabre.i18n import LANGS, N_, Translator
from palabre.store import Session, Store

from .common import UserError, add_db, exercises_dir, formats, open_store

DEFAULT_EXERCISE = "reverse-brainstorm"
DEMO_TITLE = N_("Demonstration workshop")
# A few answers so the demo wall is not empty; shown in the workshop's language.
DEMO_ANSWERS = (
    ("usager", N_("Table 1"), N_("Only answer the phone on Tuesdays between 2 and 3 pm.")),
    ("agent", N_("Table 1"), N_("Send every letter in administrative jargon.")),
    ("elu", N_("Table 2"), N_("Close the town hall desk on Saturday mornings.")),
    ("usager", N_("Table 2"), N_("Make every form online only, with no help nearby.")),
    ("autre", N_("Table 3"), N_("Ask for the same documents three times.")),
    ("agent", N_("Table 3"), N_("Never say how long a request will take.")),
)


def add_arguments(parser: argparse.ArgumentParser, _: Translator) -> None:
    which = parser.add_argument_group(_("which workshop"))
    which.add_argument("--exercise", metavar="ID",
                       help=_("Format of a new workshop (see `palabre exercises`; default: "
                              "{default}).", default=DEFAULT_EXERCISE))
    which.add_argument("--title", metavar=_("TITLE"),
                       help=_("Title of a new workshop (default: the format's)."))
    which.add_argument("--question", metavar=_("QUESTION"),
                       help=_("The question the workshop works on, in your own words."))
    which.add_argument("--inverted-question", metavar=_("QUESTION"),
                       help=_("Formats that turn the question around (reverse brainstorm): "
                              "the inverted question (default: one proposed from --question, "
                              "shown when the workshop starts)."))
    which.add_argument("--proposition", metavar=_("STATEMENT"),
                       help=_("Formats that argue for or against a proposition (role swap): "
                              "the statement argued; needed with --question."))
    which.add_argument("--place", default="", metavar=_("PLACE"),
                       help=_("Where the workshop takes place."))
    which.add_argument("--date", metavar=_("YYYY-MM-DD"),
                       help=_("Day of the workshop (default: today)."))
    which.add_argument("--facilitator", default="", metavar=_("NAME"),
                       help=_("Name of the facilitator."))
    which.add_argument("--forum", metavar=_("NAME"),
                       help=_("Forum or series the workshop belongs to."))
    which.add_argument("--series", metavar=_("NAME"),
                       help=_("Committee the workshop belongs to, meeting again: its next "
                              "session reviews the open follow-ups of this one."))
    which.add_argument("--exercises", metavar=_("FOLDER"),
                       help=_("Folder of extra format files (YAML), added to the built-in "
                              "formats."))
    which.add_argument("--session", metavar=_("CODE"),
                       help=_("Reopen this workshop where the room left it."))
    which.add_argument("--demo", action="store_true",
                       help=_("Reopen or create a demonstration workshop with a few example "
                              "answers."))
    server = parser.add_argument_group(_("server"))
    server.add_argument("--host", default="0.0.0.0", metavar=_("ADDRESS"),  # noqa: S104
                        help=_("Address to listen on (default: 0.0.0.0, every network)."))
    server.add_argument("--port", type=int, default=8866, metavar="PORT",
                        help=_("Port to listen on (default: 8866; 0 picks a free one)."))
    add_db(server, _)
    server.add_argument("--public-url", metavar="URL",
                        help=_("Address phones use when the kit is behind a reverse proxy "
                               "(default: the laptop's address on the network)."))
    server.add_argument("--new-key", action="store_true",
                        help=_("Make a new facilitator's key: the addresses printed before stop "
                               "working (the key is kept in the data folder, so the address "
                               "survives a restart)."))
    server.add_argument("--no-browser", action="store_true",
                        help=_("Do not open the facilitator's screen in the browser."))
    server.add_argument("--json", action="store_true",
                        help=_("When ready, print one JSON line (facilitator_url, join_url, "
                               "code, pid) for scripts."))


def _held_on(value: str | None, _: Translator) -> str:
    if not value:
        return date.today().isoformat()
    try:
        return date.fromisoformat(value).isoformat()
    except ValueError:
        raise UserError(_("'{value}' is not a date; write it as YYYY-MM-DD.",
                          value=value)) from None


def _reopen(store: Store, raw: str, _: Translator) -> Session:
    code = codes.normalize(raw)
    session = store.session(code) if code else None
    if session is None:
        raise UserError(_("No workshop has the code {code} in this store. "
                          "`palabre sessions` lists them.", code=raw))
    return session


def _demo(store: Store, args: argparse.Namespace, _: Translator) -> Session:
    titles = {Translator(lang)(DEMO_TITLE) for lang in LANGS}
    for summary in store.sessions():
        if summary.title in titles and summary.exercise_id == DEFAULT_EXERCISE:
            return store.session(summary.code)
    exercise = formats(args.exercises, _)[DEFAULT_EXERCISE]
    session = store.create_session(exercise, title=_(DEMO_TITLE), place=args.place,
                                   held_on=_held_on(args.date, _), lang=_.lang,
                                   facilitator=args.facilitator, forum=args.forum)
    for number, (role, table, text) in enumerate(DEMO_ANSWERS, start=1):
        person = store.join(session, f"demo-device-{number}", role=role, table=_(table),
                            lang=_.lang)
        submit(store, session, person, {"text": _(text)}, f"demo-answer-{number:04d}")
    return session


def _create(store: Store, args: argparse.Namespace, _: Translator) -> Session:
    found = formats(args.exercises, _)
    exercise_id = args.exercise or DEFAULT_EXERCISE
    exercise = found.get(exercise_id)
    if exercise is None:
        raise UserError(_("Unknown format '{id}'. Known formats: {known}.",
                          id=exercise_id, known=", ".join(sorted(found))))
    try:
        exercise = exercise.with_changes(question=args.question,
                                         inverted_question=args.inverted_question,
                                         proposition=args.proposition, lang=_.lang)
    except Refusal as refusal:
        raise UserError(refusal.translated(_.gettext)) from None
    return store.create_session(
        exercise, title=args.title or exercise.title.get(_.lang), place=args.place,
        held_on=_held_on(args.date, _), facilitator=args.facilitator, lang=_.lang,
        forum=args.forum, series=_series(args.series, _))


def _series(raw: str | None, _: Translator) -> str | None:
    """A committee's name, one clean line (its sessions are found by it)."""
    if not raw:
        return None
    from palabre import text as texts

    try:
        return texts.clean(raw, max_chars=200, max_bytes=800, multiline=False) or None
    except texts.TextTooLong:
        raise UserError(_("The name of the series is too long: 200 characters at most."
                          )) from None


def _check_port(host: str, port: int, _: Translator) -> None:
    """Say it plainly before the server starts, rather than letting it pick another port."""
    if port == 0:
        return
    if not 0 < port < 65536:
        raise UserError(_("Port {port} does not exist: choose one between 1 and 65535.",
                          port=port))
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    with socket.socket(family, socket.SOCK_STREAM) as probe:
        probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            probe.bind((host, port))
        except OSError as error:
            raise UserError(_port_message(error, host, port, _)) from None


def _port_message(error: OSError, host: str, port: int, _: Translator) -> str:
    if error.errno == errno.EADDRINUSE:
        return _("Port {port} is already in use (another palabre?). Stop it, or choose "
                 "another port with --port.", port=port)
    return _("Cannot listen on {host}:{port}: {reason}", host=host, port=port,
             reason=error.strerror or str(error))


def assist_url(local_url: str, token: str, code: str) -> str:
    """Where a helper types in paper answers (sticky notes, ballots): token needed."""
    return f"{local_url.rstrip('/')}/palabre/assist/{code}?{urlencode({'token': token})}"


def _words(session: Session, derived: bool, _: Translator) -> list[str]:
    """The workshop's inverted question or proposition, as its phases will show them; a
    proposed inverted question says how to change it."""
    words = session.exercise.words()
    lines = []
    if "inverted_question" in session.exercise.needs():
        lines.append(_("Inverted question: {text}",
                       text=words["inverted_question"].get(session.lang)))
        if derived:
            lines.append(_("  (proposed from your question: check it, and if it does not "
                           "suit, start again with --inverted-question \"...\")"))
    if "proposition" in session.exercise.needs():
        lines.append(_("Proposition argued: {text}", text=words["proposition"].get(session.lang)))
    return [*lines, ""] if lines else []


def _banner(session: Session, join: str, facilitator: str, assist: str, port: int,
            _: Translator, derived: bool = False) -> str:
    lines = [
        "",
        _("palabre: “{title}” ({format}) is ready.", title=session.title,
          format=session.exercise.title.get(_.lang)),
        "",
        *_words(session, derived, _),
        _("Phones: open {url} (workshop code: {code})", url=join, code=session.code),
        "",
        _("Facilitator screen (keep it private, it contains the key):"),
        "  " + facilitator,
        _("Paper answers (sticky notes, ballots), typed in by a helper on this computer:"),
        "  " + assist,
        "",
        _("Phones must be on the same Wi-Fi as this computer, or on its hotspot. If the "
          "computer asks, allow incoming connections on port {port}.", port=port),
        _("Stop the workshop with Ctrl+C; reopen it later with: palabre start --session {code}",
          code=session.code),
        "",
    ]
    return "\n".join(lines)


def _qr(url: str) -> str:
    import io

    import qrcode

    code = qrcode.QRCode(border=1)
    code.add_data(url)
    out = io.StringIO()
    code.print_ascii(out=out, invert=True)
    return out.getvalue()


def run(args: argparse.Namespace, _: Translator) -> int:
    db_url = settings.db_url(args.db)
    public_url = args.public_url or settings.get("public_url")
    from palabre.server import guard

    guard.hold_store(db_url)  # a second server on this SQLite file stops here, before writing
    store = open_store(db_url, _)
    derived = False
    try:
        if args.session:
            session = _reopen(store, args.session, _)
        elif args.demo:
            session = _demo(store, args, _)
        else:
            session = _create(store, args, _)
            derived = bool(args.question) and not args.inverted_question
    finally:
        store.close()
    _check_port(args.host, args.port, _)

    from palabre import launcher  # the server stack is heavy: import it only to serve

    def on_ready(info) -> None:
        join = launcher.join_url(info.public_url, session.code)
        facilitator = launcher.facilitator_url(info.local_url, info.token, session.code)
        if args.json:
            audience = launcher.audience_url(info.local_url, info.token, session.code)
            print(json.dumps({"facilitator_url": facilitator, "audience_url": audience,
                              "join_url": join, "code": session.code, "pid": info.pid}),
                  flush=True)
        else:
            assist = assist_url(info.local_url, info.token, session.code)
            print(_banner(session, join, facilitator, assist, info.port, _,
                          derived=derived), flush=True)
            if sys.stdout.isatty():
                print(_qr(join), flush=True)
        if not args.no_browser:
            threading.Thread(target=webbrowser.open, args=(facilitator,), daemon=True).start()

    try:
        launcher.serve(db_url=db_url, host=args.host, port=args.port, public_url=public_url,
                       lang=_.lang, exercises=exercises_dir(args.exercises, _),
                       token=facilitator_key(settings.data_dir(), renew=args.new_key),
                       on_ready=on_ready)
    except OSError as error:
        if error.errno in (errno.EADDRINUSE, errno.EADDRNOTAVAIL, errno.EACCES):
            raise UserError(_port_message(error, args.host, args.port, _)) from None
        raise
    # Ctrl+C (or SIGTERM) ends serve(): say so, and how to come back where the room was.
    print(_("The workshop {code} has stopped; everything is kept. To reopen it where it left "
            "off: palabre start --session {code}", code=session.code), file=sys.stderr,
          flush=True)
    return 0
