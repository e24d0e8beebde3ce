"""Moderation from the dashboard, by the small number on each answer's card: take an answer off
the wall and put it back, correct a typo, fold duplicates into one answer.

Nothing is ever deleted: a hidden answer stays in the raw data flagged hidden, a corrected one
keeps the participant's own words (`original_text`), a merged one is hidden and names the
answer it joined, whose dots it now counts for. Hidden and merged answers never show or count.
"""

from __future__ import annotations

import html
import re
import uuid

from traitlets import HasTraits, Int, List

from palabre import text as texts
from palabre.answers import Refused, submit
from palabre.store import Contribution

CORRECTION_MAX_CHARS = 2000


def answer_number(typed: str) -> int | None:
    """The number a person typed, as on the card ("12", "n° 12", "#12"), else None."""
    typed = typed.strip().lstrip("#n°º").strip()
    return int(typed) if typed.isdigit() else None


def answer_numbers(typed: str) -> list[int]:
    """Every number in what was typed ("12, 15 et 18"), in order, each once."""
    return list(dict.fromkeys(int(n) for n in re.findall(r"\d+", typed)))


class Moderation(HasTraits):
    """The dashboard's moderation actions; RoomDashboard mixes this in (it provides store,
    _session, _t, wall and refresh)."""

    removed = List(Int(), help="Numbers of the answers this dashboard took off the wall, "
                               "latest last, so the facilitator can put them back.")

    def _on_wall(self, number: int) -> Contribution | None:
        """The answer on the wall with this number (the one on its card), if any."""
        row = self.store.contribution_by_number(self._session, number)
        return None if row is None or row.hidden else row

    def _not_on_wall(self, number: int) -> bool:
        _ = self._t.gettext
        self._moderation(_("No answer numbered {n} is on the wall.", n=number))
        return False

    def remove_answer(self, number: int) -> bool:
        """Take an answer off the wall (moderation): it stays in the raw data, flagged hidden,
        and counts nowhere. Returns whether an answer on the wall had that number."""
        _ = self._t.gettext
        row = self._on_wall(number)
        if row is None:
            return self._not_on_wall(number)
        self.store.set_hidden(self._session, row.id, True)
        self.removed = [*self.removed, row.number]
        self._moderation(_("Answer {n} taken off the wall.", n=row.number))
        self.refresh()
        return True

    def put_back(self) -> bool:
        """Undo the latest removal made from this dashboard."""
        _ = self._t.gettext
        if not self.removed:
            self._moderation(_("Nothing to put back."))
            return False
        *rest, last = self.removed
        row = self.store.contribution_by_number(self._session, last)
        if row is not None:
            self.store.set_hidden(self._session, row.id, False)
        self.removed = rest
        self._moderation(_("Answer {n} is back on the wall.", n=last))
        self.refresh()
        return True

    def correct_answer(self, number: int, new_text: str) -> bool:
        """Correct a typo in an answer on the wall; the raw data keeps what was written."""
        _ = self._t.gettext
        row = self._on_wall(number)
        if row is None or row.text is None:
            return self._not_on_wall(number)
        try:
            cleaned = texts.clean(new_text, max_chars=CORRECTION_MAX_CHARS)
        except texts.TextTooLong as error:
            self._moderation(_("Too long: {max_chars} characters at most.",
                               max_chars=error.max_chars))
            return False
        if not cleaned:
            self._moderation(_("Type the corrected text first."))
            return False
        self.store.edit_text(self._session, row.id, cleaned)
        self._moderation(_("Answer {n} corrected.", n=row.number))
        self.refresh()
        return True

    def merge_answers(self, keep_number: int, duplicate_numbers: list[int]) -> bool:
        """Fold duplicates into the answer kept ("merge 12 into 7"): they leave the wall and
        their dots count for it. Only answers of the same phase, all on the wall, merge."""
        _ = self._t.gettext
        keep = self._on_wall(keep_number)
        if keep is None:
            return self._not_on_wall(keep_number)
        duplicates = [n for n in dict.fromkeys(duplicate_numbers) if n != keep_number]
        if not duplicates:
            self._moderation(_("Type the numbers of the duplicates to fold into answer {n}.",
                               n=keep_number))
            return False
        rows = []
        for number in duplicates:
            row = self._on_wall(number)
            if row is None:
                return self._not_on_wall(number)
            if row.phase_id != keep.phase_id:
                self._moderation(_("Answers {a} and {b} belong to different phases: they "
                                   "cannot be merged.", a=number, b=keep_number))
                return False
            rows.append(row)
        self.store.merge(self._session, keep.id, [row.id for row in rows])
        self._moderation(self._t.ngettext(
            "{n} duplicate folded into answer {keep}.",
            "{n} duplicates folded into answer {keep}.", len(duplicates), keep=keep_number))
        self.refresh()
        return True

    def write_inversion(self, worse_number: int, text: str) -> bool:
        """The facilitator turns a worse idea around themselves (during an invert phase): the
        inversion goes through the same door as a phone's, marked as typed in by the team."""
        _ = self._t.gettext
        session = self.store.session(self._session.code)
        phase = session.phase
        if phase.kind != "invert":
            self._moderation(_("Worse ideas are turned around during the phase that does it."))
            return False
        worse = self._on_wall(worse_number)
        if worse is None or worse.phase_id != phase.params["source"]:
            self._moderation(_("No worse idea numbered {n}.", n=worse_number))
            return False
        try:
            row, _created = submit(self.store, session, None,
                                   {"source_id": worse.id, "text": text}, uuid.uuid4().hex,
                                   channel="paper", phase_id=phase.id)
        except Refused as refused:
            self._moderation(refused.translated(self._t.gettext))
            return False
        self._moderation(_("Worse idea {worse} turned around: answer {n}.",
                           worse=worse.number, n=row.number))
        self.refresh()
        return True

    # --- what the facilitator typed ------------------------------------------------------
    def _typed_number(self) -> int | None:
        _ = self._t.gettext
        number = answer_number(self.wall.answer_number.value)
        if number is None:
            self._moderation(_("Type the small number shown on the answer's card."))
        return number

    def _remove_typed(self) -> None:
        number = self._typed_number()
        if number is not None and self.remove_answer(number):
            self.wall.answer_number.value = ""

    def _correct_typed(self) -> None:
        number = self._typed_number()
        if number is not None and self.correct_answer(number, self.wall.correction.value):
            self.wall.answer_number.value = self.wall.correction.value = ""

    def _invert_typed(self) -> None:
        number = self._typed_number()
        if number is not None and self.write_inversion(number, self.wall.correction.value):
            self.wall.answer_number.value = self.wall.correction.value = ""

    def _merge_typed(self) -> None:
        number = self._typed_number()
        if number is not None and self.merge_answers(
                number, answer_numbers(self.wall.duplicates.value)):
            self.wall.answer_number.value = self.wall.duplicates.value = ""

    def _moderation(self, message: str) -> None:
        self.wall.moderation_status.value = html.escape(message)
        self.wall.put_back_button.disabled = not self.removed
