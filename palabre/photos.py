"""Photos of flipcharts and paper prototypes: checked, resized and stripped before storing.

A phone photo carries EXIF metadata, GPS position included; none of it may reach the store,
the deck or the open data. The pixels are re-encoded from scratch, which drops every chunk of
metadata, after applying the EXIF orientation so the picture still stands the right way up.
"""

from __future__ import annotations

import io
import warnings
from dataclasses import dataclass

from PIL import Image, ImageOps, UnidentifiedImageError

from palabre.exercises.messages import N_
from palabre.refused import Refused

ACCEPTED_FORMATS = ("JPEG", "PNG", "WEBP", "GIF")
MAX_BYTES = 12 * 1024 * 1024
MAX_PIXELS = 50_000_000  # a 48-megapixel phone sensor fits; a decompression bomb does not
LONGEST_SIDE = 1600
JPEG_QUALITY = 82


@dataclass(frozen=True)
class Photo:
    data: bytes  # JPEG, no metadata
    width: int
    height: int
    mime: str = "image/jpeg"


def _not_an_image() -> Refused:
    return Refused(415, "not_an_image",
                   N_("This file is not a photo we can read. Send a JPEG or PNG picture."),
                   field="photo")


def accept_photo(data: bytes, *, max_bytes: int = MAX_BYTES,
                 longest_side: int = LONGEST_SIDE) -> Photo:
    if not data:
        raise Refused(422, "photo_missing", N_("Choose a photo before sending."),
                      field="photo")
    if len(data) > max_bytes:
        raise Refused(413, "photo_too_big",
                      N_("This photo is too large: {max_mb} MB at most."), field="photo",
                      max_mb=max_bytes // (1024 * 1024))
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            with Image.open(io.BytesIO(data)) as probe:
                if probe.format not in ACCEPTED_FORMATS:
                    raise _not_an_image()
                if probe.width * probe.height > MAX_PIXELS:
                    raise _not_an_image()
                probe.verify()
            with Image.open(io.BytesIO(data)) as image:
                image.seek(0)
                upright = ImageOps.exif_transpose(image)
                upright = upright.convert("RGB")
                upright.thumbnail((longest_side, longest_side), Image.Resampling.LANCZOS)
                out = io.BytesIO()
                # A fresh encode with no exif/icc/xmp arguments writes pixels only.
                upright.save(out, "JPEG", quality=JPEG_QUALITY, optimize=True)
    except Refused:
        raise
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError,
            Image.DecompressionBombError, Image.DecompressionBombWarning):
        raise _not_an_image() from None
    return Photo(data=out.getvalue(), width=upright.width, height=upright.height)
