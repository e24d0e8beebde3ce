"""The refusal a person reads: raised by the door, the kinds and the photo cleaner, turned into
a page or a JSON error by the server. Its own module so that none of them imports another to
refuse."""

from __future__ import annotations

from palabre.exercises.messages import Refusal


class Refused(Refusal):
    """A refusal a participant reads: HTTP status, the field at fault and a message template."""

    def __init__(self, status: int, code: str, template: str, /, field: str | None = None,
                 **values):
        self.status = status
        self.code = code
        self.field = field
        super().__init__(template, **values)
