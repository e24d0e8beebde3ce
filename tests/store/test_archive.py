"""A workshop carried from a laptop's SQLite store to a PostgreSQL server: what the organiser
sees there equals what the laptop shows and what the room put in; importing again adds
nothing, a later archive adds only what is new, a bad file adds nothing at all."""

from __future__ import annotations

import json
import zipfile
from pathlib import Path

import pytest
import sqlalchemy as sa

from palabre import boards, synthesis
from palabre.archive import ArchiveRefused, import_archive, tables, write_archive
from palabre.archive.container import CHECKSUM, MANIFEST, digest
from palabre.i18n import Translator
from palabre.store import Store
from palabre.store.schema import metadata, sessions
from tests.fixtures.carried_room import CarriedRoom

pytestmark = pytest.mark.postgres


@pytest.fixture
def laptop(sqlite_url):
    store = Store.open(sqlite_url)
    yield store
    store.close()


@pytest.fixture
def central(postgres_url):
    store = Store.open(postgres_url)
    yield store
    store.close()


def seen(store: Store, code: str) -> dict:
    """What a person finds of a workshop, by key (store ids differ between stores): the
    restitution's figures, the vote, the numbers, flags, boards, photos and follow-ups."""
    snap = synthesis.snapshot(store, code)
    result = synthesis.workshop_result(snap)
    session = snap.session
    rows = store.contributions(session, include_hidden=True)
    key_of = {c.id: c.key for c in rows}
    device_of = {p.id: p.device_key for p in store.participants(session)}
    vote = result.phases["vote"]
    with store.engine.connect() as conn:
        photo_digests = set(conn.execute(sa.text(
            "SELECT sha256 FROM photos WHERE session_id = :s"), {"s": session.id}).scalars())
    return {
        "people": result.counts.participants, "answers": result.counts.answers,
        "by_phase": result.counts.answers_by_phase,
        "people_by_channel": result.counts.people_by_channel,
        "dots": {t.item.key: t.count for t in vote.voted},
        "numbers": {c.key: c.number for c in rows},
        "hidden": {c.key for c in rows if c.hidden},
        "merged": {c.key: key_of[c.body["merged_into"]] for c in rows
                   if c.body.get("merged_into")},
        "sources": {c.key: key_of[c.body["source_id"]] for c in rows if c.phase_id == "flip"},
        "themes": {t["title"]: [key_of[i] for i in t["items"]]
                   for t in boards.themes(store, session, "flip")},
        "shortlist": [key_of[i] for i in store.board(session, "ballot:vote")["items"]],
        "dismissed": {(key_of[a], key_of[b]) for a, b in
                      boards.dismissed_duplicates(store, session, "flip")},
        "seats": {device_of[p]: t for p, t in boards.seating(store, session).seats.items()},
        "photos": photo_digests,
        "follow_ups": [(key_of[f.contribution_id], f.status)
                       for f in store.follow_ups(session)],
        "title": session.title, "exercise": session.exercise.to_dict(),
        "phase": session.state.phase_index,
    }


def against_truth(room: CarriedRoom, found: dict) -> None:
    truth = room.truth
    assert found["people"] == len(truth.people)
    assert found["answers"] == truth.counted
    assert found["by_phase"] == {"worsen": truth.visible("worsen"),
                                 "flip": truth.visible("flip"), "themes": 0,
                                 "vote": len(truth.ballots)}
    assert found["dots"] == truth.dots
    assert found["hidden"] == truth.hidden
    assert found["merged"] == truth.merged
    assert found["themes"] == truth.themes
    assert found["seats"] == truth.seats
    assert found["photos"] == truth.photos
    assert found["follow_ups"] == truth.follow_ups
    assert sorted(found["numbers"].values()) == list(range(1, len(truth.answers) + 1))


def test_a_laptop_workshop_reaches_postgres_once_and_a_later_archive_adds_only_what_is_new(
        laptop, central, tmp_path):
    CarriedRoom(central, title="Brest").part(phones=3, worse=6)  # store ids differ from here on
    room = CarriedRoom(laptop).part()
    first = write_archive(laptop, room.code, tmp_path / "first.palabre.zip")
    assert first.rows["contributions"] == len(room.truth.answers)

    done = import_archive(central, first.path)
    assert done.new and done.code == room.code and not done.renamed
    assert done.added == {"participants": 12, "contributions": 12 + 12 + 13, "photos": 2,
                          "boards": 4, "follow_ups": 2}
    on_laptop = seen(laptop, room.code)
    against_truth(room, on_laptop)
    assert seen(central, room.code) == on_laptop

    again = import_archive(central, first.path)
    assert again.nothing_new and not any(again.added.values())
    assert seen(central, room.code) == on_laptop

    room.part(phones=8, worse=6, photos=1)
    room.hide("key-p0-worse-0005")
    later = write_archive(laptop, room.code, tmp_path / "later.palabre.zip")
    done = import_archive(central, later.path)
    assert not done.new and done.code == room.code
    assert done.added == {"participants": 10, "contributions": 6 + 6 + 11, "photos": 1,
                          "boards": 0, "follow_ups": 2}
    # the part-0 answer hidden since, and the four boards arranged again
    assert done.changed == {"participants": 0, "contributions": 1, "photos": 0, "boards": 4,
                            "follow_ups": 0}
    on_laptop = seen(laptop, room.code)
    against_truth(room, on_laptop)
    assert seen(central, room.code) == on_laptop
    assert import_archive(central, later.path).nothing_new


def test_an_older_archive_imported_after_a_newer_one_changes_nothing_back(
        laptop, central, tmp_path):
    room = CarriedRoom(laptop).part(phones=4, worse=8, photos=1)
    older = write_archive(laptop, room.code, tmp_path / "older.zip")
    room.hide("key-p0-worse-0001")  # taken off the wall after the first archive
    room.part(phones=3, worse=8, photos=0)
    newer = write_archive(laptop, room.code, tmp_path / "newer.zip")
    assert import_archive(central, newer.path).new
    on_laptop = seen(laptop, room.code)
    done = import_archive(central, older.path)
    assert done.older and done.nothing_new  # everything of it is there already
    assert seen(central, room.code) == on_laptop  # the hidden answer stays hidden
    assert not import_archive(central, newer.path).older  # the newest is never "older"


def test_a_workshop_of_the_central_store_goes_to_a_laptop_too(laptop, central, tmp_path):
    """Archiving reads PostgreSQL as well (one REPEATABLE READ snapshot): the way back."""
    CarriedRoom(laptop, title="Brest").part(phones=3, worse=6)  # store ids differ
    room = CarriedRoom(central).part(phones=5, worse=8)
    done = import_archive(laptop, write_archive(central, room.code, tmp_path / "c.zip").path)
    assert done.new and done.code == room.code
    against_truth(room, seen(central, room.code))
    assert seen(laptop, room.code) == seen(central, room.code)


def test_two_workshops_sharing_a_code_are_never_mixed(laptop, central, tmp_path):
    theirs = CarriedRoom(central, code="ACDEF", title="Brest").part(phones=4, worse=6)
    before = seen(central, "ACDEF")
    mine = CarriedRoom(laptop, code="ACDEF").part()
    done = import_archive(central, write_archive(laptop, "ACDEF", tmp_path / "a.zip").path)
    assert done.new and done.renamed and done.archived_code == "ACDEF"
    assert done.code != "ACDEF" and central.session(done.code).title == "Atelier de Rennes"
    assert seen(central, "ACDEF") == before  # Brest's workshop untouched
    assert seen(central, done.code) == seen(laptop, "ACDEF")

    mine.part(phones=3, worse=6, photos=0)
    later = import_archive(central, write_archive(laptop, "ACDEF", tmp_path / "b.zip").path)
    assert later.code == done.code and not later.new and later.added["participants"] == 5
    assert seen(central, done.code) == seen(laptop, "ACDEF")
    assert seen(central, "ACDEF") == before
    assert theirs.code == "ACDEF"


def test_a_follow_up_decided_in_a_later_session_finds_it_once_that_one_is_imported(
        laptop, central, tmp_path):
    first = CarriedRoom(laptop).part(phones=3, worse=6)
    later = CarriedRoom(laptop, title="Rennes, un mois après").part(phones=3, worse=6)
    proposal = laptop.contribution(first.session, first.ids["key-p0-flip-0001"])
    laptop.add_follow_up(first.session, proposal, status="trial", owner="CCAS",
                         decided_in=later.session)

    def decided(code: str) -> list:
        session = central.session(code)
        return [(f.status, f.decided_in) for f in central.follow_ups(session)]

    done = import_archive(central, write_archive(laptop, first.code, tmp_path / "1.zip").path)
    assert decided(done.code) == [("retained", None), ("studying", None), ("trial", None)]
    import_archive(central, write_archive(laptop, later.code, tmp_path / "2.zip").path)
    again = import_archive(central, write_archive(laptop, first.code, tmp_path / "3.zip").path)
    assert again.added["follow_ups"] == 0 and again.changed["follow_ups"] == 1
    assert decided(first.code) == [("retained", None), ("studying", None),
                                   ("trial", later.code)]


def _sessions(store: Store) -> int:
    with store.engine.connect() as conn:
        return conn.execute(sa.select(sa.func.count()).select_from(sessions)).scalar_one()


def _rewrite(source: Path, target: Path, change) -> Path:
    """The archive with one member changed and every digest made right again: a file that
    passes its checksums but says something else."""
    with zipfile.ZipFile(source) as zin:
        members = {name: zin.read(name) for name in zin.namelist()}
    manifest = json.loads(members.pop(MANIFEST))
    members.pop(CHECKSUM)
    change(manifest, members)
    for name, data in members.items():
        manifest["members"][name] = {"bytes": len(data), "sha256": digest(data)}
    body = json.dumps(manifest).encode()
    with zipfile.ZipFile(target, "w") as zout:
        for name, data in members.items():
            zout.writestr(name, data)
        zout.writestr(MANIFEST, body)
        zout.writestr(CHECKSUM, digest(body))
    return target


def _member_offset(path: Path, name: str) -> int:
    """Where a member's stored bytes start in the file."""
    with zipfile.ZipFile(path) as archive:
        info = archive.getinfo(name)
    with path.open("rb") as handle:
        handle.seek(info.header_offset + 26)
        lengths = handle.read(4)
    return (info.header_offset + 30 + int.from_bytes(lengths[:2], "little")
            + int.from_bytes(lengths[2:], "little"))


def _flipped(path: Path, at: int, target: Path) -> Path:
    data = bytearray(path.read_bytes())
    data[at] ^= 0x01
    target.write_bytes(bytes(data))
    return target


BAD = {
    "a flipped byte in the answers": (
        lambda good, out: _flipped(good, _member_offset(good, "contributions.jsonl") + 40, out),
        "est abîmé"),
    "a flipped byte in a photo": (
        lambda good, out: _flipped(good, _member_offset(good, next(
            n for n in zipfile.ZipFile(good).namelist() if n.startswith("photos/"))) + 500,
            out), "est abîmé"),
    "a flipped byte in the manifest": (
        lambda good, out: _flipped(good, _member_offset(good, MANIFEST) + 20, out),
        "est abîmé"),
    "cut in half": (lambda good, out: out.write_bytes(good.read_bytes()[:good.stat().st_size
                                                                         // 2]) and out,
                    "est abîmé ou incomplet"),
    "its last byte missing": (lambda good, out: out.write_bytes(good.read_bytes()[:-1]) and out,
                              "est abîmé ou incomplet"),
    "a text file": (lambda _good, out: out.write_text("code;réponse\nACDEF;oui\n") and out,
                    "n’est pas une archive d’atelier palabre"),
    "an empty file": (lambda _good, out: out.write_bytes(b"") or out,
                      "n’est pas une archive d’atelier palabre"),
    "another zip": (lambda _good, out: zipfile.ZipFile(out, "w").writestr("notes.txt", "x")
                    or out, "n’est pas une archive d’atelier palabre"),
    "a newer format": (lambda good, out: _rewrite(good, out, lambda m, _members: m.update(
        version=m["version"] + 1)), "plus récente de palabre"),
}


@pytest.mark.parametrize("bad", list(BAD))
def test_a_damaged_truncated_or_foreign_file_is_refused_and_adds_nothing(
        laptop, central, tmp_path, bad):
    room = CarriedRoom(laptop).part(phones=4, worse=6)
    good = write_archive(laptop, room.code, tmp_path / "good.palabre.zip").path
    make, said = BAD[bad]
    wrong = make(good, tmp_path / "wrong.palabre.zip")
    with pytest.raises(ArchiveRefused) as refused:
        import_archive(central, wrong)
    message = refused.value.translated(Translator("fr").gettext)
    assert said in message and str(wrong) in message
    assert _sessions(central) == 0
    assert import_archive(central, good).new  # the good copy still goes in


def test_a_refusal_half_way_through_rolls_everything_back(laptop, central, tmp_path):
    """Digests right, but a follow-up points at an answer the file does not hold: the last
    table fails after every other row went in, and nothing stays."""
    room = CarriedRoom(laptop).part(phones=4, worse=6)
    good = write_archive(laptop, room.code, tmp_path / "good.zip").path

    def orphan(_manifest, members):
        rows = [json.loads(line) for line in members["follow_ups.jsonl"].splitlines()]
        rows[-1]["contribution_id"] = 999_999
        members["follow_ups.jsonl"] = b"".join(json.dumps(r).encode() + b"\n" for r in rows)

    with pytest.raises(ArchiveRefused) as refused:
        import_archive(central, _rewrite(good, tmp_path / "orphan.zip", orphan))
    assert "Rien n’a été ajouté" in refused.value.translated(Translator("fr").gettext)
    assert _sessions(central) == 0
    with central.engine.connect() as conn:
        assert conn.execute(sa.text("SELECT count(*) FROM contributions")).scalar_one() == 0


def test_every_table_of_a_workshop_is_carried():
    """A table with a session_id belongs to a workshop: carried, or named with its reason.
    A table added by a later migration fails here until it is one or the other."""
    carried = {t.name for t in tables.carried_tables()}
    owned = {t.name for t in metadata.sorted_tables if "session_id" in t.c}
    assert owned - carried - set(tables.NOT_CARRIED) == set()
    assert {"participants", "contributions", "photos", "boards", "follow_ups"} <= carried
    assert set(tables.NOT_CARRIED) <= owned  # no stale exception


def test_an_archive_holds_a_member_per_workshop_table(laptop, tmp_path):
    room = CarriedRoom(laptop).part(phones=3, worse=6)
    path = write_archive(laptop, room.code, tmp_path / "a.zip").path
    names = set(zipfile.ZipFile(path).namelist())
    assert {f"{t.name}.jsonl" for t in tables.carried_tables()} <= names
    assert {MANIFEST, CHECKSUM, "session.json"} <= names
    assert sum(n.startswith("photos/") and n.endswith(".jpg") for n in names) == 2


def test_workshops_stored_before_uids_existed_each_get_their_own(sqlite_url):
    from alembic import command
    from alembic.config import Config

    from palabre.store.store import create_engine

    engine = create_engine(sqlite_url)
    config = Config()
    config.set_main_option("script_location", "palabre.store:migrations")
    with engine.begin() as connection:
        config.attributes["connection"] = connection
        command.upgrade(config, "0005")
    with engine.begin() as connection:
        for session_id, code in ((1, "AAAAA"), (2, "CCCCC"), (3, "DDDDD")):
            connection.exec_driver_sql(
                "INSERT INTO sessions (id, code, exercise_id, exercise, title, place, "
                "facilitator, lang, state, version, created_at, updated_at) VALUES "
                f"({session_id}, '{code}', 'x', '{{}}', 't', '', '', 'fr', '{{}}', 0, "
                "'2026-11-30', '2026-11-30')")
    engine.dispose()
    store = Store.open(sqlite_url)
    with store.engine.connect() as conn:
        uids = conn.execute(sa.select(sessions.c.uid)).scalars().all()
    store.close()
    assert len(uids) == 3 and len(set(uids)) == 3 and all(len(u) == 32 for u in uids)
