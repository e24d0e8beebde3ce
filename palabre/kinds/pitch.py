"""pitch: teams pitch in turn against a clock on the projector; phones watch."""

from __future__ import annotations

from .base import WATCH, Behaviour

BEHAVIOUR = Behaviour("pitch", WATCH)
