"""Photo answers: the phone form (multipart, no JavaScript needed), the public JSON route, and
the facilitator's route that serves a stored photo, against the real server."""

from __future__ import annotations

import io
import re

import pytest
from PIL import Image

from palabre import photos
from palabre.i18n import Translator
from tests.fixtures.server import phone
from tests.server.conftest import act, form_key, main_text, session_at

FR = Translator("fr")


def picture(width=640, height=480, fmt="JPEG", maker="PhoneMaker X1") -> bytes:
    """A phone picture with identifying metadata (maker and model)."""
    image = Image.new("RGB", (width, height), (200, 120, 40))
    exif = Image.Exif()
    exif[0x010F] = maker  # Make
    exif[0x0110] = "Secret model"  # Model
    out = io.BytesIO()
    image.save(out, fmt, exif=exif.tobytes())
    return out.getvalue()


@pytest.fixture
def photo_session(live_server, every_kind):
    return session_at(live_server, every_kind, "wall")


@pytest.fixture
def photographer(live_server, photo_session):
    with phone(live_server, lang="fr") as device:
        assert device.join(photo_session.code, table="Table 4").status_code == 303
        yield device


def send_form(device, code, files=None, **fields):
    page = device.get(f"/j/{code}").text
    data = {"_xsrf": device.xsrf(), "key": form_key(page),
            "phase": re.search(r'name="phase" value="([^"]+)"', page).group(1), **fields}
    return device.post(f"/j/{code}/photo", data=data, files=files or {})


def test_the_photo_form_opens_the_camera_and_posts_multipart(photo_session, photographer):
    page = photographer.get(f"/j/{photo_session.code}").text
    assert 'enctype="multipart/form-data"' in page
    assert f'action="/j/{photo_session.code}/photo"' in page
    assert 'type="file" id="photo" name="photo" accept="image/*" capture="environment"' in page
    assert '<label for="photo">Votre photo</label>' in page
    assert '<label for="caption">Légende (facultative)</label>' in page
    assert "12 Mo au maximum" in main_text(page)


def test_a_photo_is_stored_without_its_metadata(live_server, photo_session, photographer):
    sent = picture()
    assert b"PhoneMaker" in sent
    response = send_form(photographer, photo_session.code, caption="Notre maquette",
                         files={"photo": ("IMG_0001.jpg", sent, "image/jpeg")})
    assert response.status_code == 303, response.text
    confirmation = main_text(photographer.get(response.headers["location"]).text)
    assert "Votre réponse a bien été reçue" in confirmation
    assert "Photo : Notre maquette" in confirmation
    (row,) = live_server.store.contributions(photo_session, "wall")
    assert row.body["caption"] == "Notre maquette" and row.table == "Table 4"
    data, mime = live_server.store.photo(photo_session, row.body["photo"])
    assert mime == "image/jpeg" and b"PhoneMaker" not in data and b"Secret" not in data
    with Image.open(io.BytesIO(data)) as stored:
        assert stored.size == (640, 480) and not stored.getexif()


def test_photo_refusals_are_tied_to_the_file_field(live_server, photo_session, photographer):
    code = photo_session.code
    missing = send_form(photographer, code, caption="Sans photo")
    assert missing.status_code == 422
    assert 'id="photo-error">Choisissez une photo avant d’envoyer.' in missing.text
    assert 'aria-describedby="photo-hint photo-error"' in missing.text
    assert ">Sans photo</textarea>" in missing.text  # the caption is kept
    not_image = send_form(photographer, code,
                          files={"photo": ("notes.txt", b"just some text", "text/plain")})
    assert not_image.status_code == 415
    assert 'aria-invalid="true"' in not_image.text and 'id="photo-error"' in not_image.text
    too_big = send_form(photographer, code, files={
        "photo": ("big.jpg", b"\xff" * (photos.MAX_BYTES + 1), "image/jpeg")})
    assert too_big.status_code == 413
    assert FR("This photo is too large: {max_mb} MB at most.", max_mb=12) in \
        main_text(too_big.text)
    assert live_server.store.contributions(photo_session) == []


def test_only_the_photo_routes_take_a_large_body(live_server, photo_session, photographer):
    big = {"photo": ("big.jpg", b"\xff" * 200_000, "image/jpeg")}
    refused = photographer.post(f"/j/{photo_session.code}/answer",
                                data={"_xsrf": photographer.xsrf(), "key": "big-00000001"},
                                files=big)
    assert refused.status_code == 413  # the ordinary answer route keeps max_body_bytes
    over = photographer.post(f"/j/{photo_session.code}/photo",
                             data={"_xsrf": photographer.xsrf(), "key": "big-00000002"},
                             files={"photo": ("x.jpg", b"\xff" * (13 * 1024 * 1024), "i/j")})
    assert over.status_code == 413
    assert "Traceback" not in over.text


def test_a_closed_photo_phase_refuses_and_stores_no_picture(live_server, photo_session,
                                                            photographer):
    page = photographer.get(f"/j/{photo_session.code}").text
    act(live_server, photo_session.code, "close")
    response = photographer.post(
        f"/j/{photo_session.code}/photo",
        data={"_xsrf": photographer.xsrf(), "key": form_key(page), "phase": "wall"},
        files={"photo": ("a.jpg", picture(), "image/jpeg")})
    assert response.status_code == 409
    assert "Les réponses sont fermées" in main_text(response.text)
    with live_server.store.engine.connect() as conn:
        import sqlalchemy as sa
        assert conn.execute(sa.text("SELECT count(*) FROM photos WHERE session_id = :s"),
                            {"s": photo_session.id}).scalar() == 0


def test_the_json_photo_route_and_the_facilitator_route(live_server, photo_session):
    code = photo_session.code
    with phone(live_server, lang="en") as device:
        device.post_json(f"/palabre/api/sessions/{code}/participants", {})
        url = f"/palabre/api/sessions/{code}/photos"
        fields = {"key": "photo-json-0001", "phase": "wall", "caption": "Prototype"}
        upload = {"photo": ("p.png", picture(fmt="PNG"), "image/png")}
        first = device.post(url, data=fields, files=upload,
                            headers={"X-XSRFToken": device.xsrf()})
        assert first.status_code == 201, first.text
        replay = device.post(url, data=fields, files=upload,
                             headers={"X-XSRFToken": device.xsrf()})
        assert replay.status_code == 200 and replay.json()["id"] == first.json()["id"]
        bad = device.post(url, data={**fields, "key": "photo-json-0002"},
                          files={"photo": ("x.gif", b"GIF89a-nope", "image/gif")},
                          headers={"X-XSRFToken": device.xsrf()})
        assert bad.status_code == 415
        assert bad.json() == {"error": "not_an_image", "field": "photo", "message":
                              "This file is not a photo we can read. Send a JPEG or PNG "
                              "picture."}
        no_xsrf = device.post(url, data={**fields, "key": "photo-json-0003"}, files=upload)
        assert no_xsrf.status_code == 403
        (row,) = live_server.store.contributions(photo_session)
        served = f"/palabre/api/sessions/{code}/photos/{row.body['photo']}"
        assert device.get(served).status_code == 403  # a phone never sees the photos
    with live_server.facilitator() as laptop:
        response = laptop.get(served)
        assert response.status_code == 200
        assert response.headers["content-type"] == "image/jpeg"
        assert response.headers["cache-control"].startswith("private")
        assert response.content == live_server.store.photo(photo_session,
                                                           row.body["photo"])[0]
        assert laptop.get(f"/palabre/api/sessions/{code}/photos/999999").status_code == 404
