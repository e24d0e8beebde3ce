"""cluster: the facilitator groups answers into themes on the dashboard; phones watch."""

from __future__ import annotations

from .base import WATCH, Behaviour

BEHAVIOUR = Behaviour("cluster", WATCH)
