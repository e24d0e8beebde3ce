"""Before free text is published: the answers that look like they carry personal data.

Free text can name people, and personal data must be removed before publication. The open data
therefore carries free text only on the organiser's explicit choice, made after reading this
list. The patterns look for what a review needs to see (an e-mail address, a French phone
number, a person's name after a title or as « Prénom Nom » inside a sentence); they flag more
than they should rather than less, and never change what is published.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from palabre.exercises.messages import N_

from palabre.store import Store

from . import records

EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
PHONE = re.compile(r"(?<!\d)(?:\+33[\s.]?|0)[1-9](?:[\s.-]?\d{2}){4}(?!\d)")
_UPPER = "A-ZÀÂÄÇÉÈÊËÎÏÔÖÙÛÜŸ"
_LOWER = "a-zàâäçéèêëîïôöùûüÿ"
TITLED = re.compile(rf"\b(?:M\.|Mme|Mlle|Monsieur|Madame|Mademoiselle|Dr|Docteur|Maître)"
                    rf"\s+[{_UPPER}][{_LOWER}{_UPPER}'’-]+")
FULL_NAME = re.compile(rf"\b[{_UPPER}][{_LOWER}]+[ \u00a0]+[{_UPPER}][{_UPPER}{_LOWER}'’-]+")
_SENTENCE_START = ".!?«\"“:;\n"

WHY_EMAIL = N_("an e-mail address")
WHY_PHONE = N_("a phone number")
WHY_NAME = N_("a name")


@dataclass(frozen=True)
class Flagged:
    number: int  # the answer's number, as the workbook and the CSV show it
    text: str
    reasons: tuple[str, ...]  # message ids, translated by the caller


def _named(text: str) -> bool:
    if TITLED.search(text):
        return True
    for match in FULL_NAME.finditer(text):
        before = text[:match.start()].rstrip()
        if before and before[-1] not in _SENTENCE_START:
            return True
    return False


def reasons(text: str) -> tuple[str, ...]:
    """Why a text looks like it carries personal data; empty when it does not."""
    found = []
    if EMAIL.search(text):
        found.append(WHY_EMAIL)
    if PHONE.search(text):
        found.append(WHY_PHONE)
    if _named(text):
        found.append(WHY_NAME)
    return tuple(found)


def personal_looking(store: Store, code: str) -> list[Flagged]:
    """The visible answers of workshop ``code`` (what the open data would publish) whose free
    text looks like it names someone, in the order of their numbers."""
    table = records.contributions(records.Workshop(store, code), labels=False,
                                  include_hidden=False, title="")
    keys = [c.key for c in table.columns]
    number, texts = keys.index("contribution"), [
        i for i, c in enumerate(table.columns) if c.free_text]
    flagged = []
    for row in table.rows:
        text = " | ".join(str(row[i]) for i in texts if row[i])
        why = reasons(text)
        if why:
            flagged.append(Flagged(row[number], text, why))
    return flagged
