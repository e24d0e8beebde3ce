"""What the store hands out: plain frozen records of sessions, people and answers, and the
closed sets their fields take (channels, roles). No database here."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from palabre.exercises import Exercise, RoomState

CHANNELS = ("phone", "paper", "kiosk")
ROLES = ("usager", "agent", "elu", "autre")
# What became of a proposal (« droit de suite »), in the order it usually goes; the first
# three are still open (a committee reviews them at its next session).
FOLLOW_UP_STATUSES = ("retained", "studying", "trial", "done", "declined")
OPEN_FOLLOW_UPS = ("retained", "studying", "trial")


class KeyConflict(Exception):
    """An idempotency key already used by another participant: never a silent overwrite."""


@dataclass(frozen=True)
class Session:
    id: int
    code: str
    exercise: Exercise
    title: str
    place: str
    held_on: str | None
    facilitator: str
    lang: str
    forum: str | None
    state: RoomState
    version: int
    created_at: datetime
    series: str | None = None  # a committee that meets again: its sessions share a series

    @property
    def phase(self):
        return self.state.phase(self.exercise)


@dataclass(frozen=True)
class SessionSummary:
    code: str
    exercise_id: str
    title: str
    forum: str | None
    participants: int
    answers: int
    created_at: datetime
    series: str | None = None


@dataclass(frozen=True)
class Participant:
    id: int
    session_id: int
    device_key: str
    role: str | None
    table: str | None
    lang: str | None
    channel: str
    kiosk_number: int | None = None  # a kiosk person's number, typed back to come back
    created_at: datetime | None = None


@dataclass(frozen=True)
class Contribution:
    id: int
    session_id: int
    participant_id: int | None
    phase_id: str
    kind: str
    body: dict[str, Any]
    text: str | None
    channel: str
    key: str
    hidden: bool
    created_at: datetime
    number: int = 0  # its short number in the workshop: what people see and type back
    role: str | None = None
    table: str | None = None


@dataclass(frozen=True)
class Watermark:
    """What the projector compares to know whether anything changed since it last looked."""

    version: int
    last_id: int
    participants: int
