"""photo: a phone photo of a flipchart or a prototype, with a caption (not on paper)."""

from __future__ import annotations

from typing import Any

from palabre import photos
from palabre.exercises import Phase
from palabre.exercises.messages import N_
from palabre.store import Contribution

from .base import Answer, Behaviour, Context, PhoneForm, Reader, Refused, Seen, integer, text


def validate(phase: Phase, payload: dict, ctx: Context) -> Answer:
    photo = integer(payload.get("photo"))
    if photo is None or not ctx.photo_exists(photo):
        raise Refused(422, "photo_missing", N_("Choose a photo before sending."), field="photo")
    caption = payload.get("caption") or ""
    value = text({"caption": caption}, "caption", phase.params["max_chars"]) if \
        isinstance(caption, str) and caption.strip() else None
    return Answer(body={"photo": photo, "caption": value or ""}, text=value)


def params(seen: Seen) -> dict[str, Any]:
    return {"max_chars": seen.phase.params["max_chars"],
            "max_mb": photos.MAX_BYTES // (1024 * 1024)}


def read(get_one: Reader, _get_all: Reader, _ids: list[int]) -> dict[str, Any]:
    return {"caption": get_one("caption", "")}


def describe(row: Contribution, _phase: Phase, seen: Seen) -> str:
    caption = row.body.get("caption") or ""
    return seen.t(N_("Photo: {caption}"), caption=caption) if caption \
        else seen.t(N_("A photo"))


BEHAVIOUR = Behaviour("photo", PhoneForm("form_photo.html", params, read, describe,
                                         action="photo"), validate=validate)
