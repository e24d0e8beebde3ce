"""The facilitator's tools for phases where the facilitator, not the phones, does the work:
the speaking order and clock of pitches, personas per table (themes: themes.py).

They only show and collect; RoomDashboard does the writing through palabre.boards, so every
tool is also a method callable from code.
"""

from __future__ import annotations

import html

from ipywidgets import HTML, Dropdown, Layout, Text, VBox

from palabre.i18n import Translator

from .style import button as _button
from .style import row as _row


class PitchTools(VBox):
    """Who speaks in which order, and the pitch clock."""

    def __init__(self, translator: Translator, **kwargs):
        _ = translator.gettext
        self.teams = Text(placeholder=_("Teams in speaking order, separated by commas"),
                          layout=Layout(width="32em"))
        self.teams.add_class("palabre-pitch-teams")
        self.set_order_button = _button(_("Set the order"), "palabre-pitch-order-set", "list")
        self.start_button = _button(_("Start the pitch"), "palabre-pitch-start", "play")
        self.pause_button = _button(_("Pause the pitch"), "palabre-pitch-pause", "pause")
        self.back_button = _button(_("Previous team"), "palabre-pitch-back", "arrow-left")
        self.next_button = _button(_("Next team"), "palabre-pitch-next", "arrow-right")
        self._rows = (_row([self.teams, self.set_order_button]),
                      _row([self.start_button, self.pause_button, self.back_button,
                            self.next_button]))
        super().__init__(list(self._rows), **kwargs)
        self.add_class("palabre-pitch-tools")

    def close(self) -> None:
        for child in (self.teams, self.set_order_button, self.start_button, self.pause_button,
                      self.back_button, self.next_button, *self._rows):
            child.close()
        super().close()


class PersonaTools(VBox):
    """Which persona the room, or one table, works on."""

    def __init__(self, translator: Translator, **kwargs):
        _ = translator.gettext
        self.persona = Dropdown(layout=Layout(width="24em"))
        self.table = Text(placeholder=_("Table (empty: the whole room)"),
                          layout=Layout(width="16em"))
        self.assign_button = _button(_("Give this persona"), "palabre-persona-assign", "user")
        self.status = HTML()
        self._row = _row([self.persona, self.table, self.assign_button])
        super().__init__([self._row, self.status], **kwargs)
        self.add_class("palabre-persona-tools")

    def show(self, options: list[tuple[str, str]], assignments: str) -> None:
        if list(self.persona.options) != options:
            self.persona.options = options
        if self.persona.value is None and options:  # ipywidgets leaves a new list unselected
            self.persona.index = 0
        self.status.value = html.escape(assignments)

    def close(self) -> None:
        for child in (self.persona, self.table, self.assign_button, self.status, self._row):
            child.close()
        super().close()


class CommitmentTools(VBox):
    """Next steps agreed in the room (what, who, by when), typed as they are said; the
    restitution deck lists them."""

    def __init__(self, translator: Translator, **kwargs):
        _ = translator.gettext
        self.what = Text(placeholder=_("What will be done"), layout=Layout(width="28em"))
        self.who = Text(placeholder=_("Who"), layout=Layout(width="12em"))
        self.when = Text(placeholder=_("By when"), layout=Layout(width="10em"))
        self.add_button = _button(_("Add"), "palabre-commitment-add", "plus")
        self.remove_number = Text(placeholder=_("No."), layout=Layout(width="5em"))
        self.remove_button = _button(_("Remove"), "palabre-commitment-remove", "trash")
        self.listing = HTML()
        self.listing.add_class("palabre-commitments")
        self.status = HTML()
        self._rows = (_row([self.what, self.who, self.when, self.add_button]),
                      _row([self.remove_number, self.remove_button, self.status]))
        super().__init__([self._rows[0], self.listing, self._rows[1]], **kwargs)
        self.add_class("palabre-commitment-tools")

    def show(self, items: list[dict], translator: Translator) -> None:
        _ = translator.gettext
        if not items:
            self.listing.value = html.escape(_("No next step yet."))
            return
        rows = []
        for item in items:
            extra = " · ".join(x for x in (item.get("who"), item.get("when")) if x)
            rows.append(f"<li>{html.escape(item.get('text', ''))}"
                        f"{f' <small>({html.escape(extra)})</small>' if extra else ''}</li>")
        listing = f"<ol>{''.join(rows)}</ol>"
        if self.listing.value != listing:
            self.listing.value = listing

    def close(self) -> None:
        for child in (self.what, self.who, self.when, self.add_button, self.remove_number,
                      self.remove_button, self.listing, self.status, *self._rows):
            child.close()
        super().close()
