"""A national campaign: three regional forums and a local debate in one store, one national
restitution read back (deck, workbook, open data), every figure checked against what the test
put in (tests.exports.campaign_rooms), and the decks rendered by LibreOffice."""

from __future__ import annotations

import csv
import json
from itertools import groupby

import pytest
from frictionless import validate
from openpyxl import load_workbook
from palabre.exports import ExportError, export_campaign
from palabre.exports.forum import slug
from pptx import Presentation

from palabre.i18n import Translator
from palabre.store import campaigns

from .campaign_rooms import CAMPAIGN, GREEN, REGIONS, SATURDAY, VOTES, WORKSHOPS, build
from .helpers import charts, series, slide_titled, texts, titles

SLUG = slug(CAMPAIGN)
PLACES = list(WORKSHOPS)
CHANNELS = ("phone", "paper", "kiosk")


@pytest.fixture
def campaign(store):
    return build(store)


def _export(store, out, lang="fr", rendered=None, **options):
    files = export_campaign(store, CAMPAIGN, out, lang=lang, **options)
    deck = out / f"{SLUG}-restitution.pptx"
    if rendered is not None:
        rendered.add(deck, decisions=("Propositions en tête", "Top proposals"))
    return files, Presentation(str(deck))


def _regions_by_people(truth):
    """Regions, most participants first (ties by name), as the test counts them."""
    return sorted(set(REGIONS.values()), key=lambda r: (-truth.region_people(r), r))


def _ranking(truth):
    """Every voted idea, ranked as the campaign must: most dots, most voters; among equals,
    one forum (or local debate) after the other in turn, each in its workshops' order."""
    found = []
    for order, place in enumerate(PLACES):
        ideas = WORKSHOPS[place][2]
        for index, text in enumerate(ideas):
            if (place, text) in truth.dots:
                found.append((-truth.dots[place, text], -truth.voters[place, text], order,
                              index, place, text))
    part = {place: WORKSHOPS[place][0] or place for place in PLACES}
    parts = list(dict.fromkeys(part.values()))
    ranked = []
    for _same, group in groupby(sorted(found), key=lambda f: f[:2]):
        queues: dict[str, list] = {}
        for one in group:
            queues.setdefault(part[one[4]], []).append(one)
        ordered = [queues[key] for key in parts if key in queues]
        for turn in range(max(len(q) for q in ordered)):
            ranked += [q[turn] for q in ordered if turn < len(q)]
    return ranked


def test_french_deck_figures_are_what_was_put_in(campaign, store, tmp_path, rendered):
    _files, deck = _export(store, tmp_path, rendered=rendered)
    people = sum(campaign.people.values())
    answers = sum(campaign.answers.values())
    assert people == 36 and answers == 57  # the fixture itself, as written
    cover = deck.slides[0]
    assert cover.shapes.title.text == CAMPAIGN
    assert texts(cover)[1:] == [
        "du 24 novembre 2017 au 8 décembre 2017",
        "3 forums régionaux · 1 débat local · 7 ateliers",
        f"{people} participants · {answers} réponses"]

    slide = slide_titled(deck, "Participation")
    assert f"4 régions · {people} participants · {answers} réponses" in texts(slide)
    by_region, by_channel, answers_by_channel = charts(slide)
    regions = _regions_by_people(campaign)
    assert series(by_region) == (regions, [campaign.region_people(r) for r in regions])
    assert series(by_channel) == (["Téléphone", "Papier", "Borne"],
                                  [campaign.channel(campaign.people, c) for c in CHANNELS])
    assert series(answers_by_channel) == (
        ["Téléphone", "Papier", "Borne"], [campaign.channel(campaign.answers, c) for c in CHANNELS])

    table = next(s.table for s in slide_titled(deck, "Participation par région").shapes
                 if s.has_table)
    rows = [[c.text for c in row.cells] for row in table.rows]
    assert rows[0] == ["Région", "Ateliers", "Participants", "Téléphone", "Papier", "Borne",
                       "Réponses"]
    workshops_in = {r: sum(1 for f, *_rest in WORKSHOPS.values() if REGIONS[f] == r)
                    for r in regions}
    assert rows[1:] == [[r, str(workshops_in[r]), str(campaign.region_people(r)),
                         *(str(campaign.people[r, c]) for c in CHANNELS),
                         str(campaign.region_answers(r))] for r in regions]

    shared = texts(slide_titled(deck, "Thèmes partagés entre régions"))
    saturday_answers = sum(1 for place in PLACES for text in WORKSHOPS[place][2]
                           if "samedi" in text)
    assert f"Ouverture le samedi — 4 régions sur 4, {saturday_answers} réponses" in shared
    own = next(s.table for s in slide_titled(deck, "Thèmes d’une seule région").shapes
               if s.has_table)
    own_rows = {row.cells[0].text: row.cells[1].text for row in list(own.rows)[1:]}
    assert "numéro vert" in own_rows["Bretagne"]  # Rennes and Brest, nowhere else
    assert GREEN not in " ".join(shared)

    top = texts(slide_titled(deck, "Propositions en tête de la campagne"))[1:]  # no title
    ranking = _ranking(campaign)
    dots, _voters, _order, _index, place, text = ranking[0]
    region = REGIONS[WORKSHOPS[place][0]]
    tied = "" if ranking[1][0] != dots else " ex æquo"
    assert top[0] == f"1{tied} · {-dots} gommettes — {text} ({place}, {region})"
    for line, (dots_n, _v, _o, _i, where, said) in zip(top[1:], ranking[1:], strict=False):
        if " — " in line:  # a proposal, not the « more » line
            assert f"{-dots_n} gommettes — {said} ({where}, " in line

    parts = next(s.table for s in slide_titled(deck, "Forums et débats locaux").shapes
                 if s.has_table)
    part_rows = [[c.text for c in row.cells] for row in list(parts.rows)[1:]]
    expected = []
    for forum in ("Forum Ouest", "Forum Occitanie", "Forum Grand Est", None):
        places = [p for p in PLACES if WORKSHOPS[p][0] == forum]
        region = REGIONS[forum]
        expected.append([forum or "Débat local : Atelier de Vierzon", region, str(len(places)),
                         str(campaign.region_people(region)),
                         str(campaign.region_answers(region))])
    assert part_rows == expected  # one forum per region here: a region's figures are its own
    assert titles(deck)[-1] == "Où trouver le reste"


def test_english_deck(campaign, store, tmp_path, rendered):
    _files, deck = _export(store, tmp_path, lang="en", rendered=rendered)
    assert titles(deck) == [CAMPAIGN, "Participation", "Participation by region",
                            "Themes shared across regions", "Themes of one region",
                            "Top proposals of the campaign", "Forums and local debates",
                            "Where to find everything"]
    assert "3 regional forums · 1 local debate · 7 workshops" in texts(deck.slides[0])


def test_workbook_reads_back(campaign, store, tmp_path):
    _export(store, tmp_path)
    book = load_workbook(tmp_path / f"{SLUG}-contributions.xlsx", read_only=True)
    assert book.sheetnames[:5] == ["ateliers", "régions", "canaux", "propositions en tête",
                                   "thèmes"]
    rows = list(book["régions"].iter_rows(values_only=True))
    assert rows[0][:5] == ("Région", "Forums", "Ateliers", "Participants", "Réponses")
    assert rows[0][5:] == ("Participants par téléphone", "Participants sur papier",
                           "Participants à une borne", "Réponses par téléphone",
                           "Réponses sur papier", "Réponses à une borne")
    regions = _regions_by_people(campaign)
    assert [r[0] for r in rows[1:]] == regions
    for row in rows[1:]:
        region = row[0]
        assert row[3:] == (campaign.region_people(region), campaign.region_answers(region),
                           *(campaign.people[region, c] for c in CHANNELS),
                           *(campaign.answers[region, c] for c in CHANNELS))
    channels = list(book["canaux"].iter_rows(values_only=True))[1:]
    assert channels == [(c, campaign.channel(campaign.people, c),
                         campaign.channel(campaign.answers, c)) for c in CHANNELS]
    top = list(book["propositions en tête"].iter_rows(values_only=True))
    assert top[0][:4] == ("Rang", "Forum", "Région", "Atelier")
    voted = _ranking(campaign)
    assert len(top) - 1 == len(voted)
    first = top[1]
    place, text = voted[0][4], voted[0][5]
    assert (first[1], first[2], first[3], first[6], first[7]) == (
        WORKSHOPS[place][0] or campaign.codes[place], REGIONS[WORKSHOPS[place][0]],
        campaign.codes[place], text, -voted[0][0])
    assert first[5] == WORKSHOPS[place][2].index(text) + 1  # its number in its workshop
    raw = list(book["données brutes"].iter_rows(values_only=True))
    assert len(raw) - 1 == sum(campaign.answers.values())  # the campaign's only, not Nantes'
    assert {row[0] for row in raw[1:]} == set(campaign.codes.values())
    book.close()


def test_open_data_package(campaign, store, tmp_path):
    _export(store, tmp_path, include_text=False)
    descriptor = tmp_path / "datapackage.json"
    assert validate(str(descriptor)).valid
    package = json.loads(descriptor.read_text(encoding="utf-8"))
    names = [r["name"] for r in package["resources"]]
    assert names == ["workshops", "regions", "channels", "top", "themes", "participants",
                     "contributions", "votes", "results"]
    with (tmp_path / "data" / "regions.csv").open(encoding="utf-8") as handle:
        regions = list(csv.DictReader(handle))
    assert {r["region"]: (int(r["participants"]), int(r["answers"]), int(r["answers_paper"]))
            for r in regions} == {
        region: (campaign.region_people(region), campaign.region_answers(region),
                 campaign.answers[region, "paper"]) for region in set(REGIONS.values())}
    schema = next(r for r in package["resources"] if r["name"] == "regions")["schema"]
    assert schema["primaryKey"] == ["region"]
    assert {f["name"]: f["type"] for f in schema["fields"]}["participants_kiosk"] == "integer"
    with (tmp_path / "data" / "workshops.csv").open(encoding="utf-8") as handle:
        workshops = list(csv.DictReader(handle))
    assert {w["workshop"]: (w["forum"], w["region"], w["local_debate"]) for w in workshops} == {
        campaign.codes[p]: (WORKSHOPS[p][0] or campaign.codes[p], REGIONS[WORKSHOPS[p][0]],
                            "true" if WORKSHOPS[p][0] is None else "false") for p in PLACES}
    with (tmp_path / "data" / "contributions.csv").open(encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    assert len(rows) == sum(len(WORKSHOPS[p][2]) + min(len(VOTES[p]), sum(WORKSHOPS[p][3:6]))
                            for p in PLACES)
    assert "text" not in rows[0]  # free text left out on request
    assert SATURDAY not in (tmp_path / "data" / "top.csv").read_text(encoding="utf-8")


def test_refusals_say_what_to_do(store, tmp_path):
    _ = Translator("fr").gettext
    with pytest.raises(ExportError) as raised:
        export_campaign(store, "Nulle part", tmp_path / "x")
    assert raised.value.translated(_) == "Aucune campagne ne s’appelle Nulle part."
    campaigns.add(store, "Vide")
    with pytest.raises(ExportError) as raised:
        export_campaign(store, "Vide", tmp_path / "x")
    assert raised.value.translated(_) == "La campagne Vide n’a encore ni forum ni débat local."
    campaigns.add(store, "Fantôme", forums=[("Forum disparu", "Bretagne")])
    with pytest.raises(ExportError) as raised:
        export_campaign(store, "Fantôme", tmp_path / "x")
    assert raised.value.translated(_) == "Aucun atelier n’appartient au forum Forum disparu."
    assert not (tmp_path / "x").exists()


def test_worse_ideas_stay_out_of_the_national_themes(campaign, store):
    """A reverse brainstorm's worse ideas are turned around: the campaign's themes gather the
    inversions people proposed, never « Fermer la mairie le samedi » as a wish."""
    from palabre.exercises import builtin_formats
    from palabre.exports.campaign import Campaign

    from palabre.answers import submit

    from .conftest import _advance

    session = store.create_session(builtin_formats()["reverse-brainstorm"], title="Débat",
                                   place="Quimperlé", held_on="2017-12-09")
    people = [store.join(session, f"quimperle-{i}") for i in range(3)]
    worse = [submit(store, session, people[i], {"text": text}, f"quimperle-worse-{i}")[0]
             for i, text in enumerate(["Fermer la mairie le samedi matin et tout l'été",
                                       "Fermer la mairie le samedi matin sans prévenir"])]
    session = _advance(store, session.code)
    for i, row in enumerate(worse):
        submit(store, session, people[i], {"source_id": row.id,
                                           "text": "Ouvrir la mairie le samedi matin"},
               f"quimperle-flip-{i}")
    campaigns.add(store, CAMPAIGN, workshops=[(session.code, "Bretagne")])
    result = Campaign.open(store, CAMPAIGN).result
    saturday = result.themes[0]
    assert saturday.label == "Ouverture le samedi" and session.code in saturday.workshops
    gathered = [item.text for _key, own in saturday.themes for item in own.items]
    assert not any("Fermer" in text for text in gathered)
    assert not any("Fermer" in t.quote for t in result.themes)


def test_a_debate_later_tagged_with_a_member_forum_counts_once(campaign, store, tmp_path):
    vierzon = campaign.codes["Vierzon"]
    store.update_session(vierzon, forum="Forum Ouest")
    _files, deck = _export(store, tmp_path)
    people = sum(campaign.people.values())
    assert f"{people} participants · {sum(campaign.answers.values())} réponses" in texts(
        deck.slides[0])
    assert "3 forums régionaux · 7 ateliers" in texts(deck.slides[0])
