"""The plain functions behind the handlers, and the rate limiter, in-process."""

from __future__ import annotations

import pytest
from palabre.exercises import KINDS, load_formats

from palabre.answers import Refused
from palabre.server import room
from palabre.server.limits import Limiter, RateLimits


def test_every_phase_kind_has_a_phone_form():
    from pathlib import Path

    import palabre.server

    assert set(room.FORMS) == set(KINDS)
    templates = Path(palabre.server.__file__).parent / "templates"
    for form in room.FORMS.values():
        assert (templates / form.template).is_file(), form.template


def test_every_kind_has_form_fields():
    for kind in KINDS:
        assert isinstance(room.form_payload(kind, lambda n, d=None: "1", lambda n: ["1"], [7]),
                          dict)


def test_every_action_of_the_api_is_an_action_of_the_engine(store):
    session = store.create_session(load_formats()["reverse-brainstorm"], title="t")
    for action in room.ACTIONS:
        room.act(store, session.code, action, index=1)
    with pytest.raises(Refused) as refused:
        room.act(store, session.code, "go", index="2")
    assert refused.value.field == "index"


def test_profile_cleans_the_table_and_checks_the_role():
    assert room.profile("", "") == (None, None)
    assert room.profile("usager", " Table\x00 4 ") == ("usager", "Table 4")
    with pytest.raises(Refused):
        room.profile("maire", None)
    with pytest.raises(Refused) as refused:
        room.profile(None, "x" * 61)
    assert refused.value.status == 422 and refused.value.values["max_chars"] == 60


class Clock:
    def __init__(self):
        self.now = 1000.0

    def __call__(self):
        return self.now


def test_bucket_allows_a_burst_then_asks_to_wait_then_refills():
    clock = Clock()
    limiter = Limiter(per_min=6, clock=clock)
    assert [limiter.retry_after("a") for _ in range(6)] == [0] * 6
    assert limiter.retry_after("a") == 10  # one token every 10 s
    assert limiter.retry_after("b") == 0  # buckets are per key
    clock.now += 10
    assert limiter.retry_after("a") == 0
    assert limiter.retry_after("a") > 0


def test_rate_limits_keep_devices_and_sessions_apart():
    limits = RateLimits(device_per_min=1, session_per_min=3, clock=Clock())
    assert limits.check_device("AAAAA", "d1") == 0
    assert limits.check_device("AAAAA", "d1") > 0
    assert limits.check_device("AAAAA", "d2") == 0
    assert limits.check_device("CCCCC", "d1") == 0
    assert [limits.check_session("AAAAA") for _ in range(4)][-1] > 0


def test_zero_disables_a_limit():
    limiter = Limiter(per_min=0)
    assert all(limiter.retry_after("a") == 0 for _ in range(1000))


def test_full_buckets_are_forgotten_when_too_many_keys():
    clock = Clock()
    limiter = Limiter(per_min=60, clock=clock, max_keys=3)
    for key in "abc":
        limiter.retry_after(key)
    clock.now += 60
    limiter.retry_after("d")
    assert set(limiter.buckets) == {"d"}


def test_a_refused_request_spends_nothing():
    limits = RateLimits(device_per_min=2, session_per_min=5, clock=Clock())
    for _ in range(200):  # one phone sending back to back
        limits.check("AAAAA", "flood")
    assert [limits.check("AAAAA", f"other-{i}") for i in range(3)] == [0, 0, 0]
    assert limits.session.buckets["AAAAA"].tokens == 0  # 2 of the flood's, 3 of the others'


def test_new_identities_are_bounded_per_address_and_per_kiosk():
    clock = Clock()
    limits = RateLimits(device_per_min=0, session_per_min=0, identity_per_min=3,
                        kiosk_per_min=1, clock=clock)
    assert [limits.check_identity("10.0.0.2") for _ in range(4)][-1] > 0
    assert limits.check_identity("10.0.0.3", "AAAAA:10.0.0.3") == 0
    assert limits.check_identity("10.0.0.3", "AAAAA:10.0.0.3") > 0
    assert limits.check_identity("10.0.0.3") == 0  # the kiosk's refusal cost its address nothing


def test_a_refusal_is_logged_once_a_minute():
    clock = Clock()
    limits = RateLimits(device_per_min=1, session_per_min=1, clock=clock)
    assert [limits.first_refusal("d1") for _ in range(3)] == [True, False, False]
    assert limits.first_refusal("d2")
    clock.now += 60
    assert limits.first_refusal("d1")
