"""The one-day sprint's clock: planned times, breaks, and a warning when the room runs late."""

import textwrap

import pytest
from palabre.exercises import FormatError
from palabre.exercises.agenda import plan, progress
from palabre.exercises.loader import exercise_from_dict, parse_format

DAY = textwrap.dedent("""\
    id: day
    title: {fr: Jour, en: Day}
    question: {fr: Q, en: Q}
    agenda:
      start: "09:30"
      breaks:
        - after: morning
          minutes: 60
          title: {fr: Déjeuner, en: Lunch}
    phases:
      - id: morning
        kind: ideas
        timebox_min: 150
        title: {fr: Matin, en: Morning}
        prompt: {fr: M, en: M}
      - id: afternoon
        kind: ideas
        timebox_min: 90
        title: {fr: Après-midi, en: Afternoon}
        prompt: {fr: A, en: A}
""")


def test_the_plan_gives_clock_times_with_the_lunch_break():
    day = parse_format(DAY, "day.yaml")
    slots = plan(day)
    assert [(s.phase_id, s.clock("start"), s.clock("end")) for s in slots] == [
        ("morning", "09:30", "12:00"), (None, "12:00", "13:00"), ("afternoon", "13:00", "14:30")]
    assert slots[1].title.en == "Lunch"
    assert exercise_from_dict(day.to_dict()).agenda == day.agenda


def test_running_late_is_measured_against_the_plan():
    slots = plan(parse_format(DAY, "day.yaml"))
    on_time = progress(slots, "morning", now_minute=10 * 60, remaining_s=120 * 60)
    assert (on_time.delay_min, on_time.late()) == (0, False)
    late = progress(slots, "afternoon", now_minute=14 * 60, remaining_s=60 * 60)
    assert late.delay_min == 30 and late.late()
    assert (late.planned_finish, late.projected_finish) == (14 * 60 + 30, 15 * 60)


@pytest.mark.parametrize(("broken", "field"), [
    (DAY.replace('"09:30"', '"9h30"'), "agenda.start"),
    (DAY.replace("after: morning", "after: evening"), "agenda.breaks[0].after"),
    (DAY.replace("minutes: 60", "minutes: 0"), "agenda.breaks[0].minutes"),
])
def test_agenda_errors_are_located(broken, field):
    with pytest.raises(FormatError) as caught:
        parse_format(broken, "day.yaml")
    assert caught.value.field == field
