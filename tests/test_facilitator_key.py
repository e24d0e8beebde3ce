"""The facilitator's key survives a restart, is readable by its owner only, and renews."""

from __future__ import annotations

import stat

from palabre.facilitator_key import FILE, facilitator_key


def test_the_key_is_kept_owner_only_and_renewed_on_request(tmp_path):
    folder = tmp_path / "data"  # a first run: the folder does not exist yet
    first = facilitator_key(folder)
    assert len(first) >= 24
    assert stat.S_IMODE((folder / FILE).stat().st_mode) == 0o600
    assert facilitator_key(folder) == first  # the laptop restarted: the same address
    renewed = facilitator_key(folder, renew=True)
    assert renewed != first and facilitator_key(folder) == renewed


def test_a_damaged_key_file_gets_a_new_key(tmp_path):
    (tmp_path / FILE).write_text("not a key\n")
    (tmp_path / FILE).chmod(0o644)
    key = facilitator_key(tmp_path)
    assert key != "not a key" and facilitator_key(tmp_path) == key
    assert stat.S_IMODE((tmp_path / FILE).stat().st_mode) == 0o600
