"""Open data: a Frictionless Data Package (datapackage.json and comma-separated CSVs), under
the Licence Ouverte / Etalab 2.0, so the answers can be published on data.gouv.fr.

What is published: anonymous participant numbers (never a device key), visible answers only
(hidden ones are left out entirely), and, on request, no free text at all.
"""

from __future__ import annotations

import json
import re
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from palabre.i18n import Translator

from . import records
from .follow_ups import KEY as FOLLOW_UPS_KEY
from .follow_ups import any_here, follow_up_table
from .tables import write_table

LICENCE = {
    "name": "etalab-2.0",
    "title": "Licence Ouverte / Etalab 2.0",
    "path": "https://www.etalab.gouv.fr/licence-ouverte-open-licence",
}
DATA_FOLDER = "data"
PRIMARY_KEYS = {
    "participants": ["participant"],
    "contributions": ["contribution"],
    "votes": ["ballot", "item"],
    "results": ["phase", "position"],
    FOLLOW_UPS_KEY: ["session", "proposal", "change"],
}


def _value(value: Any, column: records.Column) -> Any:
    if value is None:
        return ""
    if column.type == "datetime":
        return value.strftime("%Y-%m-%dT%H:%M:%SZ")
    if column.type == "boolean":
        return "true" if value else "false"
    return value  # verbatim: open data is read by programs, not opened as a spreadsheet


def _field(column: records.Column, _: Translator) -> dict[str, Any]:
    spec: dict[str, Any] = {"name": column.key, "title": _(column.header),
                            "type": column.type, "description": _(column.description)}
    if column.enum:
        spec["constraints"] = {"enum": list(column.enum)}
    return spec


def _public_tables(w: records.Workshop) -> list[records.Table]:
    tables = [
        records.participants(w, labels=False),
        records.contributions(w, labels=False, include_hidden=False, title=w._("contributions")),
        records.votes(w, labels=False),
        records.results(w),
    ]
    if any_here(w):  # what became of the proposals, every change with its date
        tables.append(follow_up_table(w, labels=False))
    return tables


def package_name(code: str) -> str:
    return "palabre-" + re.sub(r"[^a-z0-9._-]", "-", code.lower())


def write_datapackage(w: records.Workshop, out_dir: Path, *, include_text: bool = True
                      ) -> list[Path]:
    """Write datapackage.json in out_dir and its CSVs under out_dir/data; return the files."""
    session = w.session
    return write_package(_public_tables(w), out_dir, _=w._, primary_keys=PRIMARY_KEYS,
                         include_text=include_text, name=package_name(session.code),
                         title=session.title, description=_description(w, include_text),
                         keywords=["palabre", w.exercise.id])


def write_package(tables: list[records.Table], out_dir: Path, *, _: Translator,
                  primary_keys: dict[str, list[str]], include_text: bool, name: str,
                  title: str, description: str, keywords: list[str]) -> list[Path]:
    """Any set of tables as a Tabular Data Package: one CSV per table under out_dir/data,
    described (fields, types, keys, licence) in out_dir/datapackage.json."""
    folder = out_dir / DATA_FOLDER
    folder.mkdir(parents=True, exist_ok=True)
    written, resources = [], []
    for table in tables:
        if not include_text:
            table = table.without_free_text()
        path = folder / f"{table.key}.csv"
        formatted = records.Table(table.key, table.title, table.columns, [
            [_value(v, c) for v, c in zip(row, table.columns, strict=True)]
            for row in table.rows])
        write_table(formatted, path, headers=[c.key for c in table.columns], sep=",",
                    bom=False, neutralise=False)
        written.append(path)
        schema: dict[str, Any] = {"fields": [_field(c, _) for c in table.columns],
                                  "missingValues": [""]}
        keys = [k for k in primary_keys.get(table.key, []) if k in {c.key for c in table.columns}]
        if keys:
            schema["primaryKey"] = keys
        resources.append({
            "name": table.key, "title": table.title,
            "path": f"{DATA_FOLDER}/{path.name}", "profile": "tabular-data-resource",
            "format": "csv", "mediatype": "text/csv", "encoding": "utf-8",
            "dialect": {"delimiter": ",", "header": True}, "schema": schema,
        })
    descriptor = {
        "profile": "tabular-data-package",
        "name": name,
        "title": title,
        "description": description,
        "licenses": [LICENCE],
        "created": datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ"),
        "keywords": keywords,
        "resources": resources,
    }
    package = out_dir / "datapackage.json"
    package.write_text(json.dumps(descriptor, ensure_ascii=False, indent=2) + "\n",
                       encoding="utf-8")
    return [package, *written]


def _description(w: records.Workshop, include_text: bool) -> str:
    _ = w._
    parts = [
        _("Answers of the participatory workshop \u201c{title}\u201d ({format}), held in "
          "{place} on {date}.", title=w.session.title,
          format=w.exercise.title.get(w.lang), place=w.session.place or "-",
          date=w.session.held_on or "-"),
        _("Question: {question}", question=w.exercise.question.get(w.lang)),
        *privacy_notes(_, include_text),
    ]
    return " ".join(parts)


def privacy_notes(_: Translator, include_text: bool) -> list[str]:
    """What every palabre package says about anonymity, moderation and formulas."""
    notes = [_("Participants are numbered anonymously; answers hidden by moderation are not "
               "published. Texts are published as written: one starting with = + - or @ is a "
               "text, to be read as text, never as a formula.")]
    if not include_text:
        notes.append(_("Free-text answers are left out of this package."))
    return notes

