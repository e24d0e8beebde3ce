"""The phase engine: where the room is, as plain data the store keeps.

Every action returns a new state; time is passed in (seconds since the epoch), so the engine is
pure and a restart resumes exactly where the room was.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, replace

from .model import Exercise, Phase


@dataclass(frozen=True)
class RoomState:
    phase_index: int = 0
    accepting: bool = True  # answers open
    revealed: bool = False
    timer_running_since: float | None = None  # epoch seconds when the countdown (re)started
    timer_elapsed_s: float = 0.0  # time counted before the last pause
    timer_extra_s: float = 0.0  # minutes the facilitator added, in seconds

    # --- reading -------------------------------------------------------------------------
    def phase(self, exercise: Exercise) -> Phase:
        return exercise.phases[self.phase_index]

    def elapsed(self, now: float) -> float:
        running = (now - self.timer_running_since) if self.timer_running_since else 0.0
        return self.timer_elapsed_s + max(running, 0.0)

    def duration(self, exercise: Exercise) -> float | None:
        timebox = self.phase(exercise).timebox_min
        return None if timebox is None else timebox * 60 + self.timer_extra_s

    def remaining(self, exercise: Exercise, now: float) -> float | None:
        duration = self.duration(exercise)
        return None if duration is None else duration - self.elapsed(now)

    @property
    def timer_running(self) -> bool:
        return self.timer_running_since is not None

    def ended(self, exercise: Exercise) -> bool:
        """The workshop is over once its last phase is closed: the room's address then shows
        what became of the proposals (when some follow-up was recorded)."""
        return self.phase_index == len(exercise.phases) - 1 and not self.accepting

    def results_visible(self, exercise: Exercise) -> bool:
        reveal = self.phase(exercise).reveal
        if reveal == "live":
            return True
        if reveal == "after_close":
            return self.revealed or not self.accepting
        return self.revealed

    # --- acting --------------------------------------------------------------------------
    def go(self, exercise: Exercise, index: int) -> RoomState:
        index = max(0, min(index, len(exercise.phases) - 1))
        if index == self.phase_index:
            return self
        return RoomState(phase_index=index)

    def advance(self, exercise: Exercise) -> RoomState:
        return self.go(exercise, self.phase_index + 1)

    def back(self, exercise: Exercise) -> RoomState:
        return self.go(exercise, self.phase_index - 1)

    def open(self) -> RoomState:
        return replace(self, accepting=True)

    def close(self) -> RoomState:
        return replace(self, accepting=False)

    def reveal(self) -> RoomState:
        return replace(self, revealed=True)

    def hide(self) -> RoomState:
        return replace(self, revealed=False)

    def start_timer(self, now: float) -> RoomState:
        return self if self.timer_running else replace(self, timer_running_since=now)

    def pause_timer(self, now: float) -> RoomState:
        if not self.timer_running:
            return self
        return replace(self, timer_running_since=None, timer_elapsed_s=self.elapsed(now))

    def add_minute(self, minutes: float = 1.0) -> RoomState:
        return replace(self, timer_extra_s=self.timer_extra_s + minutes * 60)

    def reset_timer(self) -> RoomState:
        return replace(self, timer_running_since=None, timer_elapsed_s=0.0, timer_extra_s=0.0)

    # --- storing -------------------------------------------------------------------------
    def to_dict(self) -> dict:
        return asdict(self)

    @classmethod
    def from_dict(cls, data: dict) -> RoomState:
        fields = cls.__dataclass_fields__
        return cls(**{k: v for k, v in data.items() if k in fields})
