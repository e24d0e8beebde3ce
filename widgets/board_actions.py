"""The console's work on the facilitator's boards: the speaking order and clock of pitches,
personas per table, next steps (themes: themes.py); and drawing their tools.

Mixed into the console (console.RoomDashboard provides store, _session, _t, phase_id, the
tools and refresh), so every tool is also a method callable from code.
"""

from __future__ import annotations

import html

from palabre import boards
from palabre import text as texts

from .format_walls import persona_names


class BoardActions:
    """Pitches, personas and next steps, written through palabre.boards."""

    def set_pitch_order(self, teams: list[str]) -> None:
        """Teams in speaking order; the first one is up, its clock reset."""
        boards.set_pitch_order(self.store, self._session, self.phase_id, teams)
        self.refresh()

    def _pitch(self, action: str) -> None:
        boards.pitch_action(self.store, self._session, self.phase_id, action, now=self._clock())
        self.refresh()

    def start_pitch(self) -> None:
        self._pitch("start")

    def pause_pitch(self) -> None:
        self._pitch("pause")

    def next_team(self) -> None:
        self._pitch("next")

    def previous_team(self) -> None:
        self._pitch("back")

    def assign_persona(self, persona_id: str | None, table: str | None = None) -> None:
        """Give a persona to the whole room (table None) or to one table."""
        boards.assign_persona(self.store, self._session, self.phase_id, persona_id, table)
        self.refresh()

    def add_commitment(self, what: str, who: str = "", when: str = "") -> list[dict]:
        """A next step for the restitution: what, who, by when."""
        items = boards.add_commitment(self.store, self._session, what, who, when)
        self.refresh()
        return items

    def remove_commitment(self, number: int) -> list[dict]:
        """Remove the next step shown with this number (from 1)."""
        items = boards.remove_commitment(self.store, self._session, number - 1)
        self.refresh()
        return items

    def toggle_next_steps(self) -> None:
        self.steps_shown = not self.steps_shown
        self.commitment_tools.layout.display = None if self.steps_shown else "none"

    def _add_typed_commitment(self) -> None:
        c = self.commitment_tools
        if not c.what.value.strip():
            return
        try:
            self.add_commitment(c.what.value, c.who.value, c.when.value)
        except texts.TextTooLong as error:  # the fields keep the text, to be shortened
            _ = self._t.gettext
            c.status.value = html.escape(_("Too long: {max_chars} characters at most.",
                                           max_chars=error.max_chars))
            return
        c.what.value = c.who.value = c.when.value = c.status.value = ""

    def _remove_typed_commitment(self) -> None:
        typed = self.commitment_tools.remove_number.value.strip()
        if typed.isdigit():
            self.remove_commitment(int(typed))
            self.commitment_tools.remove_number.value = ""

    def _draw_tools(self, view) -> None:
        _ = self._t.gettext
        phase = view.session.phase
        for kind, tool in self._tool_for.items():
            tool.layout.display = None if kind == phase.kind else "none"
        self.commitment_tools.show(view.commitments, self._t)
        changed, self._tools_phase = self._tools_phase != phase.id, phase.id
        if phase.kind == "cluster":  # redrawn from the store: every window shows the same
            if changed:
                self.theme_tools.status.value = ""
            self._draw_themes(view)
        if phase.kind == "persona":
            names = persona_names()
            offered = list(phase.params.get("personas") or ()) or sorted(names)
            options = [(names.get(pid, pid), pid) for pid in offered]
            board = view.personas
            lines = []
            if board.get("room"):
                room = board["room"]
                lines.append(_("Whole room: {name}", name=names.get(room, room)))
            for table, pid in sorted((board.get("tables") or {}).items()):
                lines.append(_("{table}: {name}", table=table, name=names.get(pid, pid)))
            self.persona_tools.show(options, " · ".join(lines))
