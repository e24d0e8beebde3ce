"""A day's agenda from the timeboxes: clock times per phase, breaks, and how late the room is."""

from __future__ import annotations

from dataclasses import dataclass

from .model import Exercise, Localized


@dataclass(frozen=True)
class Break:
    after: str  # phase id
    minutes: int
    title: Localized


@dataclass(frozen=True)
class Agenda:
    start: str  # "HH:MM"
    breaks: tuple[Break, ...] = ()

    @property
    def start_minute(self) -> int:
        hours, minutes = self.start.split(":")
        return int(hours) * 60 + int(minutes)

    def to_dict(self) -> dict:
        return {"start": self.start,
                "breaks": [{"after": b.after, "minutes": b.minutes, "title": b.title.to_dict()}
                           for b in self.breaks]}


@dataclass(frozen=True)
class Slot:
    phase_id: str | None  # None for a break
    title: Localized
    start: int  # minutes since midnight
    end: int

    def clock(self, which: str = "start") -> str:
        return clock(getattr(self, which))


@dataclass(frozen=True)
class Progress:
    delay_min: int  # positive: behind plan
    planned_finish: int
    projected_finish: int

    def late(self, tolerance_min: int = 5) -> bool:
        return self.delay_min > tolerance_min


def clock(minute: float) -> str:
    minute = int(round(minute))
    return f"{minute // 60 % 24:02d}:{minute % 60:02d}"


def plan(exercise: Exercise, start: str | None = None) -> list[Slot]:
    """Phases and breaks with their clock times; phases without a timebox take no time."""
    agenda = exercise.agenda or Agenda(start=start or "09:00")
    now = Agenda(start=start).start_minute if start else agenda.start_minute
    breaks = {b.after: b for b in agenda.breaks}
    slots = []
    for phase in exercise.phases:
        length = round(phase.timebox_min or 0)
        slots.append(Slot(phase.id, phase.title, now, now + length))
        now += length
        if phase.id in breaks:
            pause = breaks[phase.id]
            slots.append(Slot(None, pause.title, now, now + pause.minutes))
            now += pause.minutes
    return slots


def progress(slots: list[Slot], phase_id: str, now_minute: float,
             remaining_s: float | None) -> Progress:
    """Compare where the room is with the plan: the current phase should end at its slot's
    end; it will end now plus what its countdown has left."""
    current = next(s for s in slots if s.phase_id == phase_id)
    projected_end = now_minute + max(remaining_s or 0, 0) / 60
    delay = round(projected_end - current.end)
    finish = slots[-1].end if slots else current.end
    return Progress(delay_min=delay, planned_finish=finish, projected_finish=finish + delay)
