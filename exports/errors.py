"""The one error the exports raise for a person to read (CLI, dashboard), translatable."""

from __future__ import annotations

from palabre.exercises.messages import Refusal


class ExportError(Refusal):
    """An export that cannot be made here, with a message the organiser can act on."""
