"""Answer numbers stay short in a store that already held many workshops: the same number
on the phone, the wall, the paper ballot, assisted entry and the exports."""

from __future__ import annotations

import io
import re
from urllib.parse import parse_qs, urlsplit

from openpyxl import load_workbook
from palabre.exports import export_workshop
from palabre.exports.printables import ballot
from palabre.widgets.console import RoomDashboard
from pypdf import PdfReader

from tests.fixtures.server import phone
from tests.server.conftest import act, answer

IDEAS = ("Permanence en mairie", "Numéro unique", "Courrier en FALC")


def said(response, name: str) -> int:
    assert response.status_code == 303, response.text
    return int(parse_qs(urlsplit(response.headers["location"]).query)[name][0])


def earlier_workshops(store, exercise, count: int = 4, answers: int = 300) -> None:
    """Workshops held before in the same store: store ids pass count × answers."""
    for i in range(count):
        session = store.create_session(exercise, title=f"Atelier {i}")
        store.contribute_many([
            {"session": session, "participant": None, "phase_id": "proposals",
             "kind": "ideas", "body": {"text": f"Idée {n}"}, "text": f"Idée {n}",
             "key": f"earlier-{i}-{n:05d}"} for n in range(answers)])


def test_numbers_are_short_and_the_same_everywhere(live_server, tmp_path):
    store = live_server.store
    session = live_server.new_session("personas", title="Atelier de Vannes")
    earlier_workshops(store, session.exercise)
    code = session.code
    with phone(live_server, lang="fr") as author, \
            live_server.facilitator(headers={"Accept-Language": "fr"}) as helper:
        author.join(code)
        act(live_server, code, "go", index=session.exercise.index("proposals"))
        # The phone is told its answer's number in the workshop: 1, 2, 3.
        sent = [said(answer(author, code, text=idea), "sent") for idea in IDEAS]
        assert sent == [1, 2, 3]
        assert min(c.id for c in store.contributions(session)) > 1200  # ids would be long
        typed = helper.post(f"/palabre/assist/{code}", data={
            "phase": "proposals", "table": "T1", "box": "1", "note": "1",
            "answer": "Un guichet itinérant"})
        assert said(typed, "saved") == 4
        page = helper.get(typed.headers["location"]).text
        assert "Enregistrée comme réponse n° 4" in page

        # The wall's cards carry the same numbers, and moderation takes them.
        board = RoomDashboard(store, code, public_url=live_server.public_url, live=False)
        try:
            board.refresh()
            refs = re.findall(r'class="palabre-ref">(\d+)<', board.wall.body.value)
            assert sorted(map(int, refs)) == [1, 2, 3, 4]
            assert board.remove_answer(2)
            assert store.contribution_by_number(session, 2).hidden
            assert board.put_back()
        finally:
            board.dispose()

        act(live_server, code, "go", index=session.exercise.index("vote"))
        vote = store.session(code).exercise.phase("vote")
        # The phone's ballot and the paper ballot print the same short numbers.
        page = author.get(f"/j/{code}").text
        shown = sorted(map(int, re.findall(r'<span class="ref">n° (\d+)</span>', page)))
        assert shown == [1, 2, 3, 4]
        printed = "\n".join(p.extract_text() for p in PdfReader(io.BytesIO(ballot(
            store, store.session(code), vote, f"{live_server.public_url}/j/{code}"))).pages)
        for number, idea in zip((1, 2, 3, 4), (*IDEAS, "Un guichet itinérant"), strict=True):
            assert re.search(rf"(^|\s){number}\s+{idea}", printed), (number, printed)
        # The helper types a paper ballot by those numbers.
        typed = helper.post(f"/palabre/assist/{code}", data={
            "phase": "vote", "table": "T1", "box": "1", "answer": "2:2 4"})
        ballot_number = said(typed, "saved")
        assert ballot_number == 5

    files = export_workshop(store, code, tmp_path)
    book = load_workbook(next(f for f in files if f.suffix == ".xlsx"), read_only=True)
    raw = list(book["données brutes"].iter_rows(values_only=True))
    numbers = [row[raw[0].index("N° de réponse")] for row in raw[1:]]
    assert sorted(numbers) == [1, 2, 3, 4, 5]
    tally = list(book["Vote"].iter_rows(values_only=True))
    assert [r[1:4] for r in tally[1:3]] == [(2, "Numéro unique", 2),
                                            (4, "Un guichet itinérant", 1)]
    rows = list(book["votes"].iter_rows(values_only=True))
    dots = {(r[rows[0].index("N° de bulletin")], r[rows[0].index("N° d’élément")]):
            r[rows[0].index("Gommettes")] for r in rows[1:]}
    assert dots == {(5, 2): 2, (5, 4): 1}
