"""One phone flooding the room must not reach the others (benchmarks/flood.py, shorter)."""

from __future__ import annotations

from benchmarks.flood import TARGET_RATIO, measure


def test_one_phone_flooding_gets_no_other_phone_refused_nor_slowed(live_server):
    session = live_server.new_session()
    result = measure(live_server.local_url, session.code, seconds=4, phones=20)
    report = "\n".join(result.lines())
    assert result.baseline.refused == result.flooded.refused == 0, report
    assert result.baseline.errors == result.flooded.errors == 0, report
    assert result.flood_refused >= 1, report  # it was a flood, refused
    assert result.flood_sent - result.flood_refused <= 35, report  # its own budget only
    assert result.ratio <= TARGET_RATIO, report
