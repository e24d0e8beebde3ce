"""Where the room is: the phase title and prompt in large type, the facilitator's controls and
the countdown. It only shows what it is given; RoomDashboard wires the buttons to its actions
so every action stays callable from code."""

from __future__ import annotations

import html
import math

from ipywidgets import HTML, Button, HBox, Layout, VBox

from palabre.i18n import Translator


def clock_text(seconds: float) -> str:
    """Seconds left as m:ss, rounded up so 0:00 means time is really up."""
    whole = max(0, math.ceil(seconds))
    minutes, rest = divmod(whole, 60)
    return f"{minutes}:{rest:02d}"


def _button(css: str, icon: str) -> Button:
    button = Button(icon=icon, layout=Layout(width="auto", flex="0 0 auto"))
    button.add_class("palabre-button")
    button.add_class(css)
    return button


class PhaseStepper(VBox):
    """Title, prompt, phase i / n, previous / next, answers open or closed, reveal, countdown."""

    def __init__(self, translator: Translator, **kwargs):
        self._t = translator
        _ = translator.gettext
        self.position = HTML()
        self.position.add_class("palabre-position")
        self.title = HTML()
        self.title.add_class("palabre-phase-title")
        self.prompt = HTML()
        self.prompt.add_class("palabre-prompt")
        self.status = HTML()
        self.status.add_class("palabre-status")
        self.countdown = HTML()
        self.countdown.add_class("palabre-countdown")

        self.back_button = _button("palabre-back", "arrow-left")
        self.back_button.description = _("Previous phase")
        self.next_button = _button("palabre-next", "arrow-right")
        self.next_button.description = _("Next phase")
        self.answers_button = _button("palabre-answers", "")
        self.reveal_button = _button("palabre-reveal", "eye")
        self.start_button = _button("palabre-start", "play")
        self.start_button.description = _("Start")
        self.pause_button = _button("palabre-pause", "pause")
        self.pause_button.description = _("Pause")
        self.minute_button = _button("palabre-add-minute", "")
        self.minute_button.description = _("+1 minute")
        self.qr_button = _button("palabre-qr-toggle", "qrcode")
        self.steps_button = _button("palabre-steps-toggle", "tasks")
        self.steps_button.description = _("Next steps")

        wrap = {"flex_flow": "row wrap", "grid_gap": "6px"}  # labels never cut on 1280 px
        phase_controls = HBox([self.back_button, self.next_button, self.answers_button,
                               self.reveal_button, self.qr_button, self.steps_button],
                              layout=Layout(**wrap))
        timer_controls = HBox([self.start_button, self.pause_button, self.minute_button],
                              layout=Layout(**wrap))
        self.timer_row = HBox([self.countdown, timer_controls],
                              layout=Layout(align_items="center", grid_gap="16px",
                                            flex_flow="row wrap"))
        timer = self.timer_row
        self._boxes = (phase_controls, timer_controls, timer)
        super().__init__([self.position, self.title, self.prompt, self.status, timer,
                          phase_controls], **kwargs)
        self.add_class("palabre-stepper")

    def show(self, *, index: int, count: int, title: str, prompt: str, accepting: bool,
             revealed: bool, reveal_rule: str, collects: bool,
             visible: bool | None = None) -> None:
        """`visible`: whether the results already show (the reveal rule); then, unless the
        facilitator revealed them, there is nothing to reveal and the button says so by being
        off."""
        _ = self._t.gettext
        self.position.value = html.escape(_("Phase {i} / {n}", i=index + 1, n=count))
        self.title.value = html.escape(title)
        self.prompt.value = html.escape(prompt)
        if not collects:
            self.status.value = ""
        elif accepting:
            self.status.value = html.escape(_("Answers are open."))
        else:
            self.status.value = html.escape(_("Answers are closed."))
        self.back_button.disabled = index == 0
        self.next_button.disabled = index >= count - 1
        self.answers_button.description = _("Close answers") if accepting else _("Open answers")
        self.answers_button.icon = "lock" if accepting else "unlock"
        self.answers_button.disabled = not collects
        self.reveal_button.description = _("Hide results") if revealed else _("Reveal results")
        nothing_hidden = bool(visible) and not revealed
        self.reveal_button.disabled = reveal_rule == "live" or not collects or nothing_hidden

    def show_timer(self, remaining: float | None, running: bool, started: bool = True) -> str:
        """Draw the countdown; returns its m:ss text (empty when the phase has no timebox).

        A countdown not started yet is grey; once started and stopped it says "paused".
        """
        _ = self._t.gettext
        if remaining is None:  # a phase without a timebox: no clock, no clock buttons
            self.countdown.value = ""
            self.timer_row.layout.display = "none"
            return ""
        self.timer_row.layout.display = None
        text = clock_text(remaining)
        if remaining <= 0:
            over = html.escape(_("Time is up"))
            shown = f'<span class="palabre-over">{text} · {over}</span>'
        elif running:
            shown = text
        elif not started:
            shown = f'<span class="palabre-paused">{text}</span>'
        else:
            paused = html.escape(_("paused"))
            shown = f'<span class="palabre-paused">{text} · {paused}</span>'
        if self.countdown.value != shown:
            self.countdown.value = shown
        self.start_button.disabled = running
        self.pause_button.disabled = not running
        self.minute_button.disabled = False
        return text

    def close(self) -> None:
        for child in (self.position, self.title, self.prompt, self.status, self.countdown,
                      self.back_button, self.next_button, self.answers_button,
                      self.reveal_button, self.start_button, self.pause_button,
                      self.minute_button, self.qr_button, self.steps_button, *self._boxes):
            child.close()
        super().close()
