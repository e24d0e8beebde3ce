"""`palabre simulate`: a room of simulated phones, to rehearse a workshop or test a server.

The engine is palabre.simulate (also used by the benchmark and the tests); this only reads
the options, keeps the phones' cookies between runs (``--state``) and prints the figures.
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path

from palabre import codes, simulate
from palabre.i18n import Translator

from .common import UserError, open_store

DEFAULT_URL = "http://127.0.0.1:8866"


def add_arguments(parser: argparse.ArgumentParser, _: Translator) -> None:
    parser.add_argument("code", metavar=_("CODE"), help=_("Code of the workshop."))
    parser.add_argument("--participants", type=int, default=20, metavar="N",
                        help=_("Number of simulated phones (default: 20)."))
    parser.add_argument("--answers-per-participant", type=int, default=1, metavar="K",
                        help=_("Answers each phone sends to the current phase (default: 1)."))
    parser.add_argument("--spread", type=float, default=0.0, metavar=_("SECONDS"),
                        help=_("Phones send their answers within this many seconds, each at "
                               "its own moment, as a room does (default: 0, all at once)."))
    parser.add_argument("--url", default=DEFAULT_URL,
                        help=_("Address of the running palabre (default: {url}).",
                               url=DEFAULT_URL))
    parser.add_argument("--seed", type=int, default=0,
                        help=_("Seed of the simulated answers; the same seed sends the same "
                               "answers with the same keys (default: 0)."))
    parser.add_argument("--state", metavar=_("FILE"),
                        help=_("File keeping the phones' cookies, so a second run comes back "
                               "as the same phones (a replay then stores nothing new)."))
    parser.add_argument("--db", metavar="URL",
                        help=_("Store of the server: when given, count what it holds after "
                               "the run."))


def _read_state(path: Path | None, _: Translator) -> dict:
    """The state file holds, per workshop code, each phone's cookies."""
    if path is None or not path.exists():
        return {}
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError):
        data = None
    if not isinstance(data, dict):
        raise UserError(_("{path} is not a state file written by palabre simulate.",
                          path=path))
    return data


def _save_state(path: Path | None, data: dict, code: str,
                cookies: dict[int, list[dict[str, str]]]) -> None:
    if path is None:
        return
    data[code] = {str(number): jar for number, jar in cookies.items()}
    path.write_text(json.dumps(data, indent=1), encoding="utf-8")


def run(args: argparse.Namespace, _: Translator) -> int:
    code = codes.normalize(args.code)
    if code is None:
        raise UserError(_("'{code}' is not a workshop code: five letters and digits, as "
                          "shown on the screen.", code=args.code))
    if args.participants < 1 or args.answers_per_participant < 1:
        raise UserError(_("--participants and --answers-per-participant must be at least 1."))
    if not 0 <= args.spread <= 600:
        raise UserError(_("--spread is a number of seconds from 0 to 600."))
    state = Path(args.state) if args.state else None
    saved = _read_state(state, _)
    phones = {int(number): jar for number, jar in saved.get(code, {}).items()}
    try:
        result = simulate.run(args.url, code, args.participants, seed=args.seed,
                              answers_per_participant=args.answers_per_participant,
                              cookies=phones, spread_s=args.spread)
    except simulate.SimulationError as error:
        raise UserError(_("The simulation could not start: {reason}",
                          reason=str(error))) from None
    _save_state(state, saved, code, result.cookies)
    print(_("{phones} phones joined workshop {code}; {sent} answers sent, {acknowledged} "
            "acknowledged ({created} new, {replayed} already stored), {errors} errors, "
            "{retries} retries.", phones=result.joined, code=code, sent=result.sent,
            acknowledged=result.acknowledged, created=result.created,
            replayed=result.replayed, errors=len(result.errors), retries=result.retries))
    if result.latencies:
        print(_("Latency from send to acknowledgement: median {p50:.0f} ms, 99th percentile "
                "{p99:.0f} ms; {rate:.0f} answers per second.", p50=result.p50 * 1000,
                p99=result.p99 * 1000, rate=result.answers_per_s))
    if result.skipped:
        print(_("{skipped} answers not sent: this phase takes none a simulated phone can give "
                "(the facilitator works while phones watch, it needs a photo, or there is "
                "nothing to vote on yet).", skipped=result.skipped))
    for error in result.errors[:10]:
        print("  " + error)
    if args.db:
        store = open_store(args.db, _)
        try:
            session = store.session(code)
            if session is not None:
                print(_("The store now holds {answers} answers from {participants} "
                        "participants in this workshop.",
                        answers=len(store.contributions(session, include_hidden=True)),
                        participants=len(store.participants(session))))
        finally:
            store.close()
    return 1 if result.errors else 0
