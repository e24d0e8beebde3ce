"""The ground-truth test (palabre issue 8): a scripted room per built-in format is replayed
through the real server (phones, a shared kiosk, paper typed in, the facilitator's actions and
moderation), then every figure a person sees is checked against a truth the test computes
itself from what it sent (tests/fixtures/room_truth.py), never from palabre's own counting:
the deck, the workbook, the CSV file, the open-data package, the projector's wall, and a forum
of three of these workshops.

Each test gathers every mismatch of its surface and fails once with the whole list
(surface | figure: expected, found), so its message is the list of what to fix.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from pathlib import Path

import pytest
from palabre.exports import export_forum, export_workshop

from tests.fixtures.office import libreoffice, rendered  # noqa: F401 - decks rendered, checked
from tests.fixtures.restitution import (
    BULLET,
    CHANNEL_LABELS,
    ROLE_LABELS,
    Report,
    by_label,
    chart,
    integer,
    match_lines,
    number,
    others,
    participation_slide,
    read_csv,
    read_deck,
    read_package,
    read_workbook,
    sheet_name,
    titled,
    vote_lines,
    wall_bars,
)
from tests.fixtures.room_truth import ForumTruth, Truth
from tests.fixtures.scripted_room import (
    FORUM,
    HIDDEN_WORD,
    IN_FORUM,
    LATE_WORD,
    WORKSHOPS,
    run_room,
)
from tests.fixtures.truth_checks import (
    OPEN,
    RAW,
    boolean_mark,
    check_answers,
    check_ballots,
    check_forum_deck,
    check_forum_top,
    check_forum_top_slide,
    check_people,
    check_results,
    check_tally,
    label_mark,
)

FORMATS = tuple(WORKSHOPS)
ITEM_NO = "N° d’élément"
TEXT_KINDS = ("ideas", "invert", "persona", "argument", "photo")


class Scripted:
    """Each room is run once, and exported once, the first time a test asks for it."""

    def __init__(self, server, tmp_path_factory):
        self.server, self.tmp = server, tmp_path_factory
        self.ledgers, self.folders = {}, {}

    def truth(self, fmt: str) -> Truth:
        if fmt not in self.ledgers:
            self.ledgers[fmt] = run_room(self.server, fmt)
        return Truth(self.ledgers[fmt])

    def exported(self, fmt: str) -> Path:
        if fmt not in self.folders:
            folder = self.tmp.mktemp(fmt)
            export_workshop(self.server.store, self.truth(fmt).ledger.code, folder, lang="fr")
            self.folders[fmt] = folder
        return self.folders[fmt]

    def forum(self) -> tuple[ForumTruth, Path]:
        truth = ForumTruth([self.truth(fmt) for fmt in IN_FORUM])
        if FORUM not in self.folders:
            folder = self.tmp.mktemp("forum")
            export_forum(self.server.store, FORUM, folder, lang="fr", annex=True)
            self.folders[FORUM] = folder
        return truth, self.folders[FORUM]


@pytest.fixture(scope="module")
def scripted(live_server, tmp_path_factory):
    return Scripted(live_server, tmp_path_factory)


def title(t: Truth, phase_id: str) -> str:
    return t.exercise.phase(phase_id).title.get("fr")


# --- the room itself ----------------------------------------------------------------------
@pytest.mark.parametrize("fmt", FORMATS)
def test_the_room_ran_as_scripted(scripted, fmt):
    """The script's own checks: every answer acknowledged, every refusal refused, the kiosk
    gave each person a number to come back with, and the room has what the checks need."""
    t = scripted.truth(fmt)
    report = Report()
    for problem in t.ledger.problems:
        report.fail("scripted room", "went as scripted", "no problem", problem)
    report.check("scripted room", "people", (25, {"usager": 8, "agent": 15, "elu": 2},
                                             {"phone": 20, "kiosk": 2, "paper": 3}),
                 (t.people, t.by_role, t.by_channel))
    for phase in t.vote_phases():
        ranks = [i.rank for i in t.tally(phase)]
        report.check("scripted room", f"{phase}: a shared rank", True,
                     len(set(ranks)) < len(ranks))
        source = {s.row for s in t.ledger.sent
                  if s.phase == t.exercise.phase(phase).params["source"]}
        report.check("scripted room", f"{phase}: one duplicate merged while voting", 1,
                     sum(dup in source for dup in t.ledger.merged))
        report.check("scripted room", f"{phase}: a changed vote and a corrected paper ballot",
                     ["p13", "q1"], sorted(b.person for b in t.replaced(phase)))
    for phase in (p.id for p in t.phases if p.kind == "invert"):  # more than a deck shows
        report.check("scripted room", f"{phase}: visible worse ideas", 50, len(t.pairs(phase)))
    report.assert_clean()


# --- the deck -----------------------------------------------------------------------------
def check_participation(report: Report, slides, t: Truth) -> None:
    surface = "deck: participation slide"
    slide = participation_slide(report, slides, surface, t.people, t.answers_total)
    if slide is None:
        return
    roles = chart(slide, "participants", "rôle") or chart(slide, "participants", "profil")
    report.check("deck: « Participants par rôle » chart", "people by role",
                 {**t.by_role, "other": 0},
                 by_label(roles, ROLE_LABELS) if roles is not None else "no such chart")
    channels = chart(slide, "participants", "canal")
    report.check("deck: « Participants par canal » chart", "people by channel",
                 {**t.by_channel, "other": 0},
                 by_label(channels, CHANNEL_LABELS) if channels is not None else "no such chart")
    answers = chart(slide, "réponses", "canal")
    if answers is not None:  # kept beside the people chart: it must say answers, then
        report.check("deck: « Réponses par canal » chart", "answers by channel",
                     {**t.answers_by_channel, "other": 0}, by_label(answers, CHANNEL_LABELS))


def check_method(report: Report, slides, t: Truth) -> None:
    surface = "deck: method table"
    found = [table for s in titled(slides, "Méthode et déroulé") for table in s.tables]
    if not found:
        report.fail(surface, "a table on « Méthode et déroulé »", "one", "none")
        return
    header, *rows = found[0]
    column = header.index("Réponses")
    report.check(surface, "rows (phases)", len(t.phases), len(rows))
    for phase, row in zip(t.phases, rows, strict=False):
        report.check(surface, f"answers of « {phase.title.get('fr')} » ({phase.kind})",
                     t.answers(phase.id), integer(row[column]))


def check_vote_slide(report: Report, slides, t: Truth, phase_id: str) -> None:
    surface = f"deck: vote slide « {title(t, phase_id)} »"
    pages = titled(slides, title(t, phase_id))
    voted = {item.row: item for item in t.tally(phase_id) if item.dots}
    matched, unknown = match_lines({k: i.text for k, i in voted.items()}, vote_lines(pages),
                                   {k: i.dots for k, i in voted.items()})
    for row, line in matched.items():
        item = voted[row]
        report.check(surface, f"dots of « {item.text} »", item.dots, line.dots)
        report.check(surface, f"shared rank of « {item.text} » (leading its line)", item.rank,
                     line.rank)
    report.check(surface, "lines that are no item with dots", [], unknown)
    left = others([line for s in pages for line in s.lines])
    report.check(surface, "items with dots: shown + « N autres »", len(voted),
                 len(matched) + (left or 0))
    dots = {item.text: item.dots for item in voted.values()}
    for s in pages:
        # A bar is named by its item's text, or by its rank when the list beside it has
        # the text: a rank's bar bears the dots of a line of that rank on the slide.
        ranked = defaultdict(set)
        for line in vote_lines([s]):
            ranked[str(line.rank)].add(line.dots)
        for label, value in chart(s, "gommettes") or ():
            expected = dots.get(label, "no such item with dots")
            if label.isdigit():
                expected = int(value) if int(value) in ranked[label] else (
                    f"a line of rank {label} with these dots: {sorted(ranked[label])}")
            report.check(surface + " chart", f"dots of « {label} »", expected, int(value))


def check_inversions(report: Report, slides, t: Truth, phase_id: str) -> None:
    surface = f"deck: inversion slides « {title(t, phase_id)} »"
    pages = titled(slides, title(t, phase_id))
    pairs = {text: sorted(better) for text, better in t.pairs(phase_id).values()}
    inversions = {b for better in pairs.values() for b in better}
    seen: Counter[str] = Counter()
    for table in (table for s in pages for table in s.tables):
        for row in table[1:]:
            worse, better = row[0].strip(), " ".join(row[1:])
            if worse not in pairs:
                report.fail(surface, "worse idea in a row", "a visible worse idea", worse)
                continue
            seen[worse] += 1
            report.check(surface, f"inversions of « {worse} »", pairs[worse],
                         sorted(b for b in inversions if b in better))
    report.check(surface, "worse ideas shown twice", [], sorted(w for w, n in seen.items()
                                                                if n > 1))
    lines = [line for s in pages for line in s.lines]
    lines += [cell for s in pages for table in s.tables for row in table for cell in row]
    left = others(lines)
    report.check(surface, "worse ideas: shown + « N autres … voir … »", len(pairs),
                 len(seen) + left if left is not None else
                 f"{len(seen)} shown and no « N autres … voir … » note")


def check_ideas_list(report: Report, slides, t: Truth, phase_id: str) -> None:
    surface = f"deck: answers slides « {title(t, phase_id)} »"
    pages = titled(slides, title(t, phase_id))
    lines = [line for s in pages for line in s.lines]
    bullets = [line[len(BULLET):] for line in lines if line.startswith(BULLET)]
    texts = set(t.texts(phase_id).values())
    report.check(surface, "answers shown that are no visible answer", [],
                 [b for b in bullets if b not in texts])
    left = others(lines)
    report.check(surface, "answers: shown + « N autres »", t.answers(phase_id),
                 len(bullets) + (left or 0))
    columns = [c.get("fr") for c in t.exercise.phase(phase_id).params.get("categories") or ()]
    heads, listed, current = {}, Counter(), None
    if columns:  # a grid shown by column: each heading says how many, list and note add up
        for line in lines:
            head = next((c for c in columns if line.startswith(f"{c} (")), None)
            if head is not None:
                current, heads[head] = head, number(r"\((\d+)\)", [line])
            elif current is not None:
                listed[current] += line.startswith(BULLET) or (others([line]) or 0)
    if heads:
        report.check(surface, "answers per column (heading)", t.by_column(phase_id),
                     [heads.get(c) for c in columns])
        report.check(surface, "answers per column (listed + « N de plus »)",
                     t.by_column(phase_id), [listed[c] for c in columns])


def check_choice_slide(report: Report, slides, t: Truth, phase_id: str) -> None:
    surface = f"deck: choice slide « {title(t, phase_id)} »"
    charts = [chart(s, "réponses") for s in titled(slides, title(t, phase_id))]
    charts = [c for c in charts if c is not None]
    report.check(surface, "people who ticked each option", t.choice_counts(phase_id),
                 [int(v) for _c, v in charts[0]] if charts else "no chart")


@pytest.mark.parametrize("fmt", FORMATS)
def test_deck(scripted, fmt, rendered):  # noqa: F811
    """Participation, method table, each phase's slides, and no moderated or refused text."""
    t = scripted.truth(fmt)
    deck = next(scripted.exported(fmt).glob("*-restitution.pptx"))
    rendered.add(deck, decisions=tuple(title(t, p) for p in t.vote_phases()))
    slides = read_deck(deck)
    report = Report()
    check_participation(report, slides, t)
    check_method(report, slides, t)
    for phase in t.phases:
        if phase.kind == "vote":
            check_vote_slide(report, slides, t, phase.id)
        elif phase.kind == "invert":
            check_inversions(report, slides, t, phase.id)
        elif phase.kind == "ideas":
            check_ideas_list(report, slides, t, phase.id)
        elif phase.kind == "choice":
            check_choice_slide(report, slides, t, phase.id)
    everything = "\n".join(s.everything() for s in slides)
    report.check("deck (text, tables, charts, notes)", "hidden answer's text", 0,
                 everything.count(HIDDEN_WORD))
    report.check("deck (text, tables, charts, notes)", "text refused after the close", 0,
                 everything.count(LATE_WORD))
    report.assert_clean()


# --- the workbook, the CSV file, open data ----------------------------------------------------
@pytest.mark.parametrize("fmt", FORMATS)
def test_workbook(scripted, fmt):
    """People once each, every phase's sheet, every ballot marked. The raw sheet keeps a
    moderated answer flagged hidden (the organiser's audit trail, documented as such); no
    other sheet may show it, and no sheet the answer refused after the close."""
    t = scripted.truth(fmt)
    sheets = read_workbook(next(scripted.exported(fmt).glob("*-contributions.xlsx")))
    report = Report()
    people = sheets.get("participants")
    if people is None:
        report.fail("workbook", "sheet « participants »", "present", sorted(sheets))
    else:
        check_people(report, "workbook: participants sheet", people.rows, t,
                     ("Participant", "Profil", "Canal"), labels=True)
    for phase in t.phases:
        name = sheet_name(phase.title.get("fr"))
        sheet, surface = sheets.get(name), f"workbook: sheet « {name} »"
        if sheet is None:
            report.fail(surface, "present", "the phase's sheet", sorted(sheets))
        elif phase.kind == "vote":
            check_tally(report, surface, sheet.rows, t, phase.id,
                        {"item": ITEM_NO, "dots": "Gommettes", "rank": "Rang",
                         "voters": "Votants"})
        elif phase.kind == "choice":
            report.check(surface, "people who ticked each option", t.choice_counts(phase.id),
                         [integer(r.get("Réponses")) for r in sheet.rows])
        elif phase.kind in TEXT_KINDS:
            report.check(surface, "visible answers", sorted(t.texts(phase.id).values()),
                         sorted(str(r["Texte"]) for r in sheet.rows if r.get("Texte")))
        if sheet is not None and phase.kind == "invert":
            # Where the deck sends the worse ideas it had no room for: every one is here.
            pairs = defaultdict(list)
            for row in sheet.rows:
                pairs[str(row.get("Pire idée"))] += [row["Texte"]] if row.get("Texte") else []
            report.check(surface, "every visible worse idea with its inversions",
                         sorted((w, sorted(b)) for w, b in t.pairs(phase.id).values()),
                         sorted((w, sorted(b)) for w, b in pairs.items()))
    # Dots and shared ranks are on the vote phase's own sheet (checked above); a separate
    # results sheet is not required, but if the workbook has one it must agree.
    results = sheets.get("résultats")
    if results is not None:
        check_results(report, "workbook: résultats sheet", results, t,
                      {"phase": "Identifiant de phase", "item": ITEM_NO, "dots": "Total",
                       "rank": "Rang", "option": "Option"})
    votes = sheets.get("votes")
    if votes is None:
        report.fail("workbook", "sheet « votes »", "present", sorted(sheets))
    else:
        check_ballots(report, "workbook: votes sheet", votes.rows, t,
                      {"ballot": "N° de bulletin", "item": ITEM_NO, "dots": "Gommettes",
                       "counted": "Compté"}, mark=label_mark)
    raw = sheets.get("données brutes")
    for name, sheet in sheets.items():
        if sheet is raw:
            check_answers(report, "workbook: raw sheet", sheet.rows, t, RAW, CHANNEL_LABELS,
                          hidden="Masquée par la modération")
            continue
        report.check(f"workbook: sheet « {name} »", "hidden answer's text", 0,
                     sheet.text().count(HIDDEN_WORD))
        report.check(f"workbook: sheet « {name} »", "text refused after the close", 0,
                     sheet.text().count(LATE_WORD))
    report.assert_clean()


@pytest.mark.parametrize("fmt", FORMATS)
def test_csv_file(scripted, fmt):
    """The CSV of every answer (the raw sheet's columns): the same figures as the deck."""
    t = scripted.truth(fmt)
    table = read_csv(next(scripted.exported(fmt).glob("*-contributions.csv")), ";")
    report = Report()
    check_answers(report, "CSV file", table.rows, t, RAW, CHANNEL_LABELS,
                  hidden="Masquée par la modération")
    report.assert_clean()


@pytest.mark.parametrize("fmt", FORMATS)
def test_open_data(scripted, fmt):
    """The open-data package: raw values (codes, numbers, booleans), visible answers only."""
    t = scripted.truth(fmt)
    descriptor, tables = read_package(scripted.exported(fmt))
    report = Report()
    codes = {v: v for v in ("phone", "kiosk", "paper")}
    check_people(report, "open data: participants.csv", tables["participants"].rows, t,
                 ("participant", "role", "channel"), labels=False)
    check_answers(report, "open data: contributions.csv", tables["contributions"].rows, t,
                  OPEN, codes)
    report.check("open data: contributions.csv", "hidden answer's text", 0,
                 tables["contributions"].text().count(HIDDEN_WORD))
    check_ballots(report, "open data: votes.csv", tables["votes"].rows, t,
                  {"ballot": "ballot", "item": "item", "dots": "dots", "counted": "counted"},
                  mark=boolean_mark)
    fields = {f["name"]: f["type"] for r in descriptor["resources"] if r["name"] == "votes"
              for f in r["schema"]["fields"]}
    report.check("open data: datapackage.json", "type of votes.counted", "boolean",
                 fields.get("counted"))
    check_results(report, "open data: results.csv", tables["results"], t,
                  {"phase": "phase", "item": "item", "dots": "count", "rank": "rank",
                   "option": "option"})
    report.assert_clean()


# --- the wall -----------------------------------------------------------------------------
@pytest.mark.parametrize("fmt", FORMATS)
def test_wall(scripted, fmt):
    """The projector's view of each vote once revealed: people, voters, every item's dots.
    The wall shows how many voted (« N réponses ») but not each item's voters: those are
    checked on the workbook's vote sheet and the forum's tables."""
    t = scripted.truth(fmt)
    report = Report()
    for phase in t.vote_phases():
        surface = f"wall: vote « {title(t, phase)} » after the reveal"
        wall = t.ledger.walls.get(phase)
        if wall is None:
            report.fail(surface, "captured", "the wall's state", "nothing")
            continue
        report.check(surface, "participants figure", t.people,
                     number(r"(\d+)\s+participants?", [wall.counts]))
        report.check(surface, "voters figure (« N réponses »)", t.voters(phase),
                     number(r"(\d+)\s+réponses?", [wall.counts]))
        found = defaultdict(list)
        bars = wall_bars(wall.pages)
        for label, dots in bars:
            found[label].append(dots)
        report.check(surface, "bars best first", sorted((d for _l, d in bars), reverse=True),
                     [d for _l, d in bars])
        items = t.tally(phase)
        for item in items:
            report.check(surface, f"dots of « {item.text} » (one bar)", [item.dots],
                         found.get(item.text, []))
        report.check(surface, "bars that are no item of the vote", [],
                     sorted(label for label in found if label not in {i.text for i in items}))
    report.assert_clean()


# --- a forum of three workshops -------------------------------------------------------------
def test_forum(scripted, rendered):  # noqa: F811
    """Three workshops in one restitution: people summed, by workshop, role and channel, and
    every proposal with dots ranked across the forum, ranks shared by equal dots."""
    truth, folder = scripted.forum()
    places = {t.ledger.code: t.ledger.place for t in truth.truths}
    report = Report()
    deck = rendered.add(next(folder.glob("*-restitution.pptx")),
                        decisions=("Propositions en tête du forum",))
    rendered.add(next(folder.glob("*-annex.pptx")))
    slides = read_deck(deck)
    check_forum_deck(report, slides, truth)
    check_forum_top_slide(report, slides, truth)
    report.check("forum deck", "annex slides (in the annex file now)", [],
                 [s.title for s in slides if s.title.startswith("Annexe")])
    annex = [row for s in read_deck(next(folder.glob("*-annex.pptx")))
             if s.title.startswith("Annexe") for table in s.tables for row in table[1:]]
    check_forum_top(report, "forum annex: every proposal voted on",
                    [dict(zip(("rank", "place", "dots", "voters", "text"), r, strict=False))
                     for r in annex], truth,
                    lambda r, i: (r["place"], r["text"]) if r else (i.place, i.text),
                    {"dots": "dots", "voters": "voters", "rank": "rank"})
    sheets = read_workbook(next(folder.glob("*-contributions.xlsx")))
    top = sheets.get("propositions en tête")
    if top is None:
        report.fail("forum workbook", "sheet « propositions en tête »", "present", sorted(sheets))
    else:
        check_forum_top(report, "forum workbook: top proposals", top.rows, truth,
                        lambda r, i: (r["Atelier"], integer(r[ITEM_NO])) if r
                        else (i.code, i.row),
                        {"dots": "Gommettes", "voters": "Votants", "rank": "Rang"})
    for surface, rows, cols in (
            ("forum workbook: ateliers sheet", sheets["ateliers"].rows,
             ("Atelier", "Participants", "Réponses")),
            ("forum open data: workshops.csv", read_package(folder)[1]["workshops"].rows,
             ("workshop", "participants", "answers"))):
        for t in truth.truths:
            mine = [r for r in rows if r[cols[0]] == t.ledger.code]
            report.check(surface, f"people and answers of {t.ledger.place}",
                         [(t.people, t.answers_total)],
                         [(integer(r[cols[1]]), integer(r[cols[2]])) for r in mine])
    for surface, rows, keys, labels in (
            ("forum workbook: participants sheet", sheets["participants"].rows,
             ("Atelier", "Participant", "Profil", "Canal"), True),
            ("forum open data: participants.csv", read_package(folder)[1]["participants"].rows,
             ("workshop", "participant", "role", "channel"), False)):
        for t in truth.truths:
            mine = [r for r in rows if r[keys[0]] == t.ledger.code]
            check_people(report, f"{surface} ({places[t.ledger.code]})", mine, t, keys[1:],
                         labels)
    report.assert_clean()

