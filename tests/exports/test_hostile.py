"""A corpus of hostile text through every channel (phone, kiosk, paper typed in) and out of
every file exit (deck, workbook, CSV, open data, printables with the handout): every export
is written, text comes out as typed, nothing is read as a formula or as mathematics.

The server's pages and Chromium have their own probes (tests/server/test_hardened.py,
test_pages.py, test_browser*.py); this one is about what is drawn or written from the store.
"""

from __future__ import annotations

import csv
import re
import unicodedata

from palabre.exports import export_workshop
from palabre.exports.printables import write_printables
from pypdf import PdfReader

from palabre import answers
from palabre.server import assist
from palabre.text import MAX_MARKS

from .conftest import fixed_formats

# Each line once broke, or could break, an exit: mathematics for matplotlib, formulas for
# spreadsheets, markup, controls, bidi, marks stacked on a letter, format placeholders.
CORPUS = [
    "Coût : $x^2$ par usager",
    "$$\\frac{1}{0}$$ et $\\alpha$",
    "Un seul $ dans la phrase",
    "=SOMME(A1:A9)",
    "+33 1 23 45 67 89",
    "@tous ; -1 ; \t= tab",
    "<script>alert(1)</script> & <b>gras</b>",
    "Z" + "\u0301" * 200 + " empilé",
    "\u202eerèvne\u202c à l'envers",
    "Nul\x00 cloche\x07 échappement\x1b[31m",
    "{question} {0} %s %(x)s \\n \\\\",
    "لا ترد على الهاتف أبدا",
    "Famille \U0001f468\u200d\U0001f469\u200d\U0001f467 et drapeau \U0001f1eb\U0001f1f7",
    "mot" * 60,
]


def marks_run(text: str) -> int:
    longest = run = 0
    for char in text:
        run = run + 1 if unicodedata.combining(char) else 0
        longest = max(longest, run)
    return longest


def test_hostile_text_from_every_channel_reaches_every_file_as_typed(store, tmp_path):
    session = store.create_session(fixed_formats()["reverse-brainstorm"],
                                   title="Atelier $x^2$ =1+1", place="<b>Rennes</b>",
                                   facilitator="@Claire", lang="fr")
    phone = store.join(session, "device-hostile-phone-0001", table="Table $1$ " + "\u0301" * 3)
    kiosk = store.join(session, "device-hostile-kiosk-0001", channel="kiosk")
    for i, text in enumerate(CORPUS):
        who, channel = (phone, "phone") if i % 2 else (kiosk, "kiosk")
        answers.submit(store, session, who, {"text": text}, f"hostile-{i:04d}", channel=channel)
    for box, text in enumerate(CORPUS[:4], start=1):  # paper notes, typed in by a helper
        assist.record(store, session, {"phase": "worsen", "table": "Table $2$", "box": str(box),
                                       "note": "1", "answer": text})
    session = store.update_state(session.code, lambda s: s.state.advance(s.exercise))
    for i, text in enumerate(CORPUS[:3]):  # proposals the paper ballot prints
        answers.submit(store, session, phone, {"text": text}, f"hostile-sol-{i:04d}")
    stored = [row.text for row in store.contributions(session)]
    assert len(stored) == len(CORPUS) + 4 + 3
    assert all(marks_run(text) <= MAX_MARKS for text in stored)
    assert not any(re.search("[\x00-\x08\x1b\u202e]", text) for text in stored)

    files = export_workshop(store, session.code, tmp_path / "out", lang="fr")
    names = {path.suffix for path in files}
    assert {".pptx", ".xlsx", ".csv"} <= names
    with open(next(p for p in files if p.suffix == ".csv"), encoding="utf-8-sig") as handle:
        cells = [cell for row in csv.reader(handle, delimiter=";") for cell in row]
    assert "Coût : $x^2$ par usager" in cells
    assert not any(cell[:1] in ("=", "+", "-", "@", "\t", "\r") for cell in cells)

    printed = write_printables(store, session.code, tmp_path / "paper",
                               join_url=f"http://192.168.1.20:8866/j/{session.code}")
    assert printed and all(path.stat().st_size > 0 for path in printed)
    text = {path.name: " ".join(page.extract_text() for page in PdfReader(path).pages
                                ).replace("\n", " ") for path in printed}
    assert any("Atelier $x^2$" in page for page in text.values()), text  # drawn as typed
    assert any("$x^2$ par usager" in page for page in text.values())  # the ballot's line
