"""A workshop carried from one store to another: one archive file, imported idempotently."""

from .container import FORMAT, VERSION, Archive, ArchiveRefused
from .importer import Imported, import_archive
from .writer import Written, write_archive

__all__ = ["FORMAT", "VERSION", "Archive", "ArchiveRefused", "Imported", "Written",
           "import_archive", "write_archive"]
