"""The phone form of each phase kind, in one table (FORMS): its template, what the page needs
from the store, how the HTML form reads into the payload palabre.answers.submit expects, and
how a sent answer reads back on the phone. Each form is written in its kind's module
(palabre.kinds), which is checked against palabre.exercises.KINDS, so an unknown kind fails
loudly, never a blank form."""

from __future__ import annotations

from palabre.kinds import BEHAVIOURS
from palabre.kinds.base import PhoneForm
from palabre.kinds.base import Seen as Seen

FORMS: dict[str, PhoneForm] = {kind: behaviour.form for kind, behaviour in BEHAVIOURS.items()}
