"""The words for the room's closed sets, said once: roles (who a person says they are, and the
point of view a table argues), channels and the sides of an argument.

The store owns the sets (``ROLES``, ``CHANNELS``); every surface (phone, kiosk, paper, the
helper's page, projector, deck, workbook) reads its labels here, so a role reads the same on a
phone, a table card and a slide. Labels are message ids, translated where they are shown; a
role or a channel added to the store without its labels fails at import.
"""

from __future__ import annotations

from palabre.i18n import N_, Translator
from palabre.store.store import CHANNELS, FOLLOW_UP_STATUSES, ROLES

NOT_GIVEN = "unknown"
"""Where a person who gave no role is counted (palabre.synthesis, the exports' role column)."""


def _each(labels: dict[str, str], closed_set: tuple[str, ...], name: str) -> dict[str, str]:
    """The labels in the store's order, one for every member of its set and no other."""
    if set(labels) != set(closed_set):
        raise RuntimeError(f"{name} must label exactly {closed_set}, not {tuple(labels)}")
    return {member: labels[member] for member in closed_set}


ROLE_LABELS = _each({
    "usager": N_("Service user"),
    "agent": N_("Public servant"),
    "elu": N_("Elected official"),
    "autre": N_("Other role"),
}, ROLES, "ROLE_LABELS")
"""Who a person says they are: on the join form, a paper card's ticks, a chart or a sheet."""

ROLE_NOT_GIVEN = N_("Not given")

ROLE_GROUPS = _each({
    "usager": N_("Service users"),
    "agent": N_("Public servants"),
    "elu": N_("Elected officials"),
    "autre": N_("Others"),
}, ROLES, "ROLE_GROUPS")
"""A role as the heading of what its people said (a chart's column)."""


def role_label(role: str | None) -> str:
    """A stored role's label (a message id), ``Not given`` when the person gave none."""
    if role is None or role == NOT_GIVEN:
        return ROLE_NOT_GIVEN
    return ROLE_LABELS.get(role, ROLE_LABELS["autre"])


def role_count(t: Translator, role: str, n: int) -> str:
    """'2 service users': how many of a role sit at a table."""
    if role == "usager":
        return t.ngettext("{n} service user", "{n} service users", n)
    if role == "agent":
        return t.ngettext("{n} public servant", "{n} public servants", n)
    if role == "elu":
        return t.ngettext("{n} elected official", "{n} elected officials", n)
    return t.ngettext("{n} other participant", "{n} other participants", n)


VIEWPOINT_LABELS = _each({
    "usager": N_("As a service user"),
    "agent": N_("As a public servant"),
    "elu": N_("As an elected official"),
    "autre": N_("Other viewpoint"),
}, ROLES, "VIEWPOINT_LABELS")
"""The point of view a table argues from (a role), as the wall and the deck head it."""

ARGUE_AS = _each({
    "usager": N_("Argue as a service user would."),
    "agent": N_("Argue as a public servant would."),
    "elu": N_("Argue as an elected official would."),
    "autre": N_("Argue from your own point of view."),
}, ROLES, "ARGUE_AS")
"""The same point of view, said to the person who writes the argument."""


def viewpoint_label(viewpoint: str | None) -> str:
    return VIEWPOINT_LABELS.get(viewpoint or "autre", VIEWPOINT_LABELS["autre"])


CHANNEL_LABELS = _each({
    "phone": N_("Phone"),
    "paper": N_("Paper"),
    "kiosk": N_("Kiosk"),
}, CHANNELS, "CHANNEL_LABELS")
"""How an answer came in."""

SIDE_LABELS = {"for": N_("For"), "against": N_("Against")}
"""The sides of an argument, in the order a form, a card and a wall offer them."""

STATUS_LABELS = _each({
    "retained": N_("Retained"),
    "studying": N_("Under study"),
    "trial": N_("Being tried out"),
    "done": N_("Carried out"),
    "declined": N_("Not retained"),
}, FOLLOW_UP_STATUSES, "STATUS_LABELS")
"""What became of a proposal (« droit de suite »): on the room's page, the console, the deck."""
