"""A phone photo reaches the store upright, small and without a trace of where it was taken."""

from __future__ import annotations

import io

import pytest
from PIL import Image

from palabre.answers import Refused
from palabre.photos import accept_photo

GPS_IFD = 0x8825


def _phone_photo(width=4000, height=3000, orientation=6, fmt="JPEG") -> bytes:
    image = Image.new("RGB", (width, height), (200, 30, 30))
    image.paste((20, 20, 220), (0, 0, width // 2, height // 4))  # a marker in the top-left
    exif = Image.Exif()
    exif[0x0112] = orientation
    exif[0x010F] = "PhoneMaker"
    exif.get_ifd(GPS_IFD).update({1: "N", 2: (48.0, 6.0, 0.0), 3: "W", 4: (1.0, 40.0, 0.0)})
    out = io.BytesIO()
    image.save(out, fmt, exif=exif.tobytes())
    return out.getvalue()


def test_metadata_is_stripped_and_the_photo_resized_upright():
    photo = accept_photo(_phone_photo())
    reopened = Image.open(io.BytesIO(photo.data))
    assert reopened.format == "JPEG"
    assert not reopened.getexif()  # no GPS, no maker, no orientation left
    assert "exif" not in reopened.info and "icc_profile" not in reopened.info
    # orientation 6 turns a 4000x3000 landscape into a portrait; longest side capped
    assert (photo.width, photo.height) == (1200, 1600) == reopened.size
    assert b"PhoneMaker" not in photo.data


def test_png_is_accepted_and_reencoded():
    out = io.BytesIO()
    Image.new("RGBA", (300, 200), (0, 0, 0, 0)).save(out, "PNG")
    photo = accept_photo(out.getvalue())
    assert (photo.width, photo.height, photo.mime) == (300, 200, "image/jpeg")


@pytest.mark.parametrize("data", [b"not an image at all", b"%PDF-1.4 fake",
                                  _phone_photo(fmt="JPEG")[:200]])
def test_a_non_image_gets_a_clear_refusal(data):
    with pytest.raises(Refused) as caught:
        accept_photo(data)
    assert (caught.value.status, caught.value.code, caught.value.field) == (
        415, "not_an_image", "photo")


def test_an_oversized_upload_is_refused_before_decoding():
    with pytest.raises(Refused) as caught:
        accept_photo(b"\xff" * 2048, max_bytes=1024)
    assert (caught.value.status, caught.value.code) == (413, "photo_too_big")


def test_a_decompression_bomb_is_refused():
    out = io.BytesIO()
    Image.new("1", (12000, 12000)).save(out, "PNG")  # small file, 144 megapixels
    with pytest.raises(Refused) as caught:
        accept_photo(out.getvalue())
    assert caught.value.code == "not_an_image"


def test_an_empty_upload_asks_for_a_photo():
    with pytest.raises(Refused) as caught:
        accept_photo(b"")
    assert caught.value.code == "photo_missing"
