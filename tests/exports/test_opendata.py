"""The open-data package: valid Frictionless, licensed, anonymous, without hidden answers."""

from __future__ import annotations

import csv
import json

from frictionless import Package, validate
from palabre.exports import export_workshop

from .conftest import HIDDEN_TEXT, HOSTILE, LONG_TEXT, SOLUTIONS


def _package(built, tmp_path, **options):
    files = export_workshop(built.store, built.code, tmp_path, **options)
    descriptor = tmp_path / "datapackage.json"
    assert descriptor in files
    return descriptor, files


def test_the_package_validates_and_carries_the_etalab_licence(brainstorm, tmp_path):
    descriptor, _files = _package(brainstorm, tmp_path)
    report = validate(str(descriptor))
    assert report.valid, report.flatten(["rowNumber", "fieldName", "type", "note"])
    data = json.loads(descriptor.read_text("utf-8"))
    assert data["licenses"] == [{
        "name": "etalab-2.0", "title": "Licence Ouverte / Etalab 2.0",
        "path": "https://www.etalab.gouv.fr/licence-ouverte-open-licence"}]
    assert [r["name"] for r in data["resources"]] == ["participants", "contributions", "votes",
                                                      "results"]
    for resource in data["resources"]:
        assert resource["dialect"]["delimiter"] == ","
        for field in resource["schema"]["fields"]:
            assert field["type"] and field["description"], field
    fields = {f["name"]: f for f in data["resources"][1]["schema"]["fields"]}
    assert fields["text"]["description"] == "La réponse telle qu’écrite par le participant."


def test_descriptions_follow_the_chosen_language(brainstorm, tmp_path):
    descriptor, _files = _package(brainstorm, tmp_path, lang="en")
    data = json.loads(descriptor.read_text("utf-8"))
    fields = {f["name"]: f for f in data["resources"][1]["schema"]["fields"]}
    assert fields["text"]["description"] == "The answer as written by the participant."
    assert validate(str(descriptor)).valid


def test_no_device_key_and_no_hidden_answer_is_published(brainstorm, tmp_path):
    descriptor, files = _package(brainstorm, tmp_path)
    published = [descriptor, *(tmp_path / "data").iterdir()]
    text = "\n".join(f.read_text("utf-8") for f in published)
    assert not any(key in text for key in brainstorm.device_keys)
    assert HIDDEN_TEXT not in text
    assert str(brainstorm.hidden_id) not in [row["contribution"] for row in _rows(
        tmp_path / "data" / "contributions.csv")]
    package = Package(str(descriptor))
    rows = package.get_resource("contributions").read_rows()
    texts = [r["text"] for r in rows]
    # Verbatim: open data is read by programs; no apostrophe is added to a formula start.
    assert LONG_TEXT in texts and HOSTILE[0] in texts and HOSTILE[-1] in texts
    assert "-2 agents à l'accueil" in texts and "'-2 agents à l'accueil" not in texts
    people = package.get_resource("participants").read_rows()
    assert [r["participant"] for r in people] == [f"P{i:03d}" for i in range(1, 10)]
    results = package.get_resource("results").read_rows()
    assert [(r["item_text"], r["count"]) for r in results[:2]] == [(SOLUTIONS[0], 10),
                                                                   (SOLUTIONS[1], 8)]


def test_free_text_can_be_left_out(brainstorm, tmp_path):
    descriptor, _files = _package(brainstorm, tmp_path, include_text=False)
    assert validate(str(descriptor)).valid
    published = "\n".join(f.read_text("utf-8") for f in (tmp_path / "data").iterdir())
    for text in (*SOLUTIONS[:1], LONG_TEXT[:40], "pour plus de guichets"):
        assert text not in published
    data = json.loads(descriptor.read_text("utf-8"))
    names = {f["name"] for r in data["resources"] for f in r["schema"]["fields"]}
    assert "text" not in names and "item_text" not in names
    assert "option" in names  # options come from the format, not from participants
    # The organisers' own files still hold everything.
    assert SOLUTIONS[0] in (tmp_path / f"{brainstorm.code}-contributions.csv").read_text(
        "utf-8-sig")


def test_choice_results_are_published_with_their_options(role_swap, tmp_path):
    descriptor, _files = _package(role_swap, tmp_path, lang="en")
    assert validate(str(descriptor)).valid
    results = Package(str(descriptor)).get_resource("results").read_rows()
    assert [(r["option"], r["count"]) for r in results] == [
        ("Service user", 2), ("Civil servant", 3), ("Elected official", 1), ("Other", 0)]


def _rows(path):
    with path.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))
