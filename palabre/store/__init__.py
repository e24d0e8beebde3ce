"""The store: the only shared state of a room (phones, projector, exports all go through it)."""

from .store import (
    Contribution,
    FollowUp,
    KeyConflict,
    Participant,
    Session,
    SessionSummary,
    Store,
    Watermark,
)

__all__ = ["Contribution", "FollowUp", "KeyConflict", "Participant", "Session",
           "SessionSummary", "Store", "Watermark"]
