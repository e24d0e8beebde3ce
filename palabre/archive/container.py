"""The archive file: a zip with a JSON manifest, one JSON-lines member per table, one file per
photo, and SHA-256 digests.

Why a zip: every system opens one (an organiser can look inside with the file manager), the
standard library writes and reads it, members are read one by one (a photo need not be held
with the rest), each member has its own compression (JSON lines deflated, JPEGs stored as
they are: they do not compress) and a CRC, and the central directory at the end makes a file
cut short while copying fail at once. Why JSON: readable, diffable, no code runs on reading
(unlike pickle), and the rows carry their column names, so an archive of an older palabre
still reads when tables gain columns.

The members:

- ``manifest.json``: the format's name and version, the workshop (uid, code, title), the row
  count of each table, and each member's size and SHA-256;
- ``manifest.sha256``: the SHA-256 of ``manifest.json``, so the whole content is covered:
  this digest covers the manifest, the manifest covers every member;
- ``session.json``: the workshop's row (its format as run, its room state);
- ``<table>.jsonl``: one row per line, store ids as the laptop gave them (remapped on import);
- ``<table>/<sha256>.<ext>``: binary values (photos), named by their digest.

Every digest is checked before an import touches the store.
"""

from __future__ import annotations

import hashlib
import io
import json
import zipfile
import zlib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from palabre.exercises.messages import N_, Refusal

FORMAT = "palabre-workshop-archive"
VERSION = 1  # raised when a reader of this version could not read what is written
MANIFEST = "manifest.json"
CHECKSUM = "manifest.sha256"
SESSION = "session.json"
MAX_MEMBER_BYTES = 512 * 1024 * 1024  # far over a workshop's; a zip bomb stops here


class ArchiveRefused(Refusal):
    """An archive that cannot be imported, with what to do about it."""


def _damaged(path: Path) -> ArchiveRefused:
    return ArchiveRefused(N_("{path} is damaged or incomplete (cut short while copying?). "
                             "Copy it again, or make a new archive on the laptop with "
                             "palabre archive."), path=path)


def _foreign(path: Path) -> ArchiveRefused:
    return ArchiveRefused(N_("{path} is not a palabre workshop archive (palabre archive "
                             "writes them)."), path=path)


def digest(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def jsonl(rows: list[dict[str, Any]]) -> bytes:
    return b"".join(json.dumps(row, ensure_ascii=False, sort_keys=True).encode() + b"\n"
                    for row in rows)


class Writer:
    """Members added one by one; the manifest and its digest last."""

    def __init__(self, path: Path):
        self.path = path
        self._zip = zipfile.ZipFile(path, "w", compression=zipfile.ZIP_DEFLATED,
                                    compresslevel=6)
        self.members: dict[str, dict[str, Any]] = {}

    def add(self, name: str, data: bytes, *, compress: bool = True) -> None:
        self._zip.writestr(name, data,
                           compress_type=zipfile.ZIP_DEFLATED if compress else zipfile.ZIP_STORED)
        self.members[name] = {"bytes": len(data), "sha256": digest(data)}

    def close(self, manifest: dict[str, Any]) -> str:
        """Write the manifest; returns its SHA-256, the digest of the whole content."""
        body = json.dumps({**manifest, "format": FORMAT, "version": VERSION,
                           "members": self.members}, ensure_ascii=False, indent=1,
                          sort_keys=True).encode()
        self._zip.writestr(MANIFEST, body)
        whole = digest(body)
        self._zip.writestr(CHECKSUM, whole + "\n")
        self._zip.close()
        return whole


@dataclass
class Archive:
    """An archive read back whole and checked, member by member, against its digests."""

    path: Path
    manifest: dict[str, Any]
    session: dict[str, Any]
    tables: dict[str, list[dict[str, Any]]] = field(default_factory=dict)
    blobs: dict[str, bytes] = field(default_factory=dict)  # member name -> bytes

    @property
    def uid(self) -> str:
        return self.session["uid"]

    @property
    def code(self) -> str:
        return self.session["code"]


def read(path: Path) -> Archive:
    """The archive at ``path``, every digest checked; ArchiveRefused when it is not one, is
    damaged or cut short, or was written by a newer palabre."""
    path = Path(path)
    try:
        with path.open("rb") as handle:
            start = handle.read(4)
    except OSError as error:
        raise ArchiveRefused(N_("Cannot read {path}: {reason}"), path=path,
                             reason=error.strerror or error) from None
    if start[:2] != b"PK":
        raise _foreign(path)
    try:
        with zipfile.ZipFile(path) as archive:
            return _read(path, archive)
    except (zipfile.BadZipFile, zipfile.LargeZipFile, EOFError, OSError, ValueError,
            KeyError, UnicodeDecodeError, zlib.error) as error:
        if isinstance(error, ArchiveRefused):
            raise
        raise _damaged(path) from None


def _member(path: Path, archive: zipfile.ZipFile, name: str, expected: dict | None) -> bytes:
    info = archive.getinfo(name)
    if info.file_size > MAX_MEMBER_BYTES:
        raise _damaged(path)
    data = archive.read(info)
    if expected is not None and (len(data) != expected.get("bytes")
                                 or digest(data) != expected.get("sha256")):
        raise ArchiveRefused(N_("{path} is damaged: {member} does not match its checksum. "
                                "Copy it again, or make a new archive on the laptop with "
                                "palabre archive."), path=path, member=name)
    return data


def _read(path: Path, archive: zipfile.ZipFile) -> Archive:
    names = set(archive.namelist())
    if MANIFEST not in names:
        raise _foreign(path)
    body = _member(path, archive, MANIFEST, None)
    try:
        manifest = json.loads(body)
    except ValueError:
        raise _damaged(path) from None
    if not isinstance(manifest, dict) or manifest.get("format") != FORMAT:
        raise _foreign(path)
    version = manifest.get("version")
    if not isinstance(version, int) or version < 1:
        raise _damaged(path)
    if version > VERSION:
        raise ArchiveRefused(N_("{path} was written by a newer palabre (archive format "
                                "{found}; this palabre reads format {known} at most). Update "
                                "palabre here, then import again."),
                             path=path, found=version, known=VERSION)
    if CHECKSUM not in names or _member(path, archive, CHECKSUM, None).decode().strip() \
            != digest(body):
        raise ArchiveRefused(N_("{path} is damaged: {member} does not match its checksum. "
                                "Copy it again, or make a new archive on the laptop with "
                                "palabre archive."), path=path, member=MANIFEST)
    members = manifest.get("members") or {}
    if set(members) != names - {MANIFEST, CHECKSUM}:
        raise _damaged(path)
    found = Archive(path=path, manifest=manifest,
                    session=json.loads(_member(path, archive, SESSION, members.get(SESSION))))
    for name in sorted(members):
        if name == SESSION:
            continue
        data = _member(path, archive, name, members[name])
        if name.endswith(".jsonl") and "/" not in name:
            found.tables[name.removesuffix(".jsonl")] = [
                json.loads(line) for line in io.BytesIO(data) if line.strip()]
        else:
            found.blobs[name] = data
    return found
