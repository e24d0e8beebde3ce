"""Every channel counts the same, end to end: a note typed in from paper, a phone's answer and
three people at a kiosk land in the same results and in the same restitution deck."""

from __future__ import annotations

from openpyxl import load_workbook
from palabre.exports import export_workshop
from pptx import Presentation

from palabre import synthesis
from tests.fixtures.server import phone
from tests.server.conftest import answer


def _charts(deck_path):
    """{chart title: {category: value}} for every chart of the deck."""
    found = {}
    for slide in Presentation(deck_path).slides:
        for shape in slide.shapes:
            if shape.has_chart:
                chart = shape.chart
                title = chart.chart_title.text_frame.text if chart.has_title else ""
                plot = chart.plots[0]
                found[title] = dict(zip(plot.categories, plot.series[0].values, strict=True))
    return found


def _deck_text(deck_path) -> str:
    return "\n".join(shape.text_frame.text for slide in Presentation(deck_path).slides
                     for shape in slide.shapes if shape.has_text_frame)


def test_paper_phone_and_kiosk_land_in_the_same_results_and_deck(live_server, tmp_path):
    session = live_server.new_session("personas", title="Atelier pour tous")
    code = session.code
    live_server.store.update_state(
        code, lambda s: s.state.go(s.exercise, s.exercise.index("proposals")))
    with phone(live_server, lang="fr") as device:
        device.join(code, role="agent", table="Table 1")
        assert answer(device, code, text="Une idée envoyée du téléphone").status_code == 303
    with live_server.facilitator(headers={"Accept-Language": "fr"}) as helper:
        page = helper.get(f"/palabre/assist/{code}")
        assert page.status_code == 200
        saved = helper.post(f"/palabre/assist/{code}", data={
            "phase": "proposals", "table": "Table 3", "role": "usager", "box": "4", "note": "1",
            "answer": "Une idée écrite sur un post-it"})
        assert saved.status_code == 303, saved.text
    with phone(live_server, lang="fr") as tablet:  # one shared tablet, three people in turn
        tablet.get(f"/j/{code}", params={"kiosk": "1", "table": "Table 5"})
        for n in range(3):
            assert tablet.post_form(f"/j/{code}/kiosk/start", {}).status_code == 303
            assert answer(tablet, code, text=f"Idée de la tablette {n}").status_code == 303
            assert tablet.post_form(f"/j/{code}/kiosk/next", {}).status_code == 303

    snap = synthesis.snapshot(live_server.store, code)
    counts = synthesis.counts(snap)
    assert counts.answers_by_channel == {"phone": 1, "paper": 1, "kiosk": 3}
    assert counts.participants == 5
    assert {p.channel for p in snap.participants} == {"phone", "paper", "kiosk"}

    written = export_workshop(live_server.store, code, tmp_path, lang="fr")
    deck = next(p for p in written if p.suffix == ".pptx")
    by_channel = next(values for title, values in _charts(deck).items() if "canal" in title)
    assert list(by_channel.values()) == [1.0, 1.0, 3.0]  # phone, paper, kiosk
    text = _deck_text(deck)
    assert "Une idée écrite sur un post-it" in text and "Une idée envoyée du téléphone" in text
    workbook = load_workbook(next(p for p in written if p.suffix == ".xlsx"))
    people = list(workbook["participants"].iter_rows(values_only=True))
    channel = people[0].index("Canal")
    assert sorted(row[channel] for row in people[1:]) == sorted(
        ["Téléphone", "Papier", "Borne", "Borne", "Borne"])
