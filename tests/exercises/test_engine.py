"""The phase engine as the facilitator drives it; time is given, so nothing waits."""

from palabre.exercises import RoomState, builtin_formats

REVERSE = builtin_formats()["reverse-brainstorm"]


def test_moving_between_phases_resets_the_round():
    state = RoomState().close().reveal().start_timer(100.0)
    moved = state.advance(REVERSE)
    assert moved.phase(REVERSE).id == "flip"
    assert moved.accepting and not moved.revealed and not moved.timer_running
    assert moved.back(REVERSE).phase(REVERSE).id == "worsen"


def test_moving_stops_at_both_ends():
    assert RoomState().back(REVERSE).phase_index == 0
    last = RoomState().go(REVERSE, 99)
    assert last.phase_index == len(REVERSE.phases) - 1
    assert last.advance(REVERSE) == last


def test_the_countdown_counts_pauses_and_added_minutes():
    state = RoomState().start_timer(1000.0)
    assert state.remaining(REVERSE, 1060.0) == 9 * 60
    paused = state.pause_timer(1120.0)
    assert paused.remaining(REVERSE, 5000.0) == 8 * 60
    extended = paused.add_minute().start_timer(6000.0)
    assert extended.remaining(REVERSE, 6030.0) == 8 * 60 + 30
    assert extended.reset_timer().remaining(REVERSE, 9999.0) == 10 * 60


def test_worse_ideas_stay_hidden_until_the_round_closes_or_is_revealed():
    state = RoomState()
    assert not state.results_visible(REVERSE)
    assert state.close().results_visible(REVERSE)
    assert state.reveal().results_visible(REVERSE)
    flip = state.advance(REVERSE)
    assert flip.results_visible(REVERSE)  # live
    vote = flip.go(REVERSE, REVERSE.index("vote"))
    assert not vote.close().results_visible(REVERSE)  # votes wait for the reveal
    assert vote.reveal().results_visible(REVERSE)


def test_the_state_round_trips_through_storage():
    state = RoomState().advance(REVERSE).start_timer(5.0).add_minute()
    assert RoomState.from_dict(state.to_dict()) == state
