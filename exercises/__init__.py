"""Facilitation formats as data, and the phase engine that runs them.

Pure: no I/O beyond reading format files, no Jupyter, no web; imports nothing else of palabre.
"""

from .engine import RoomState
from .kinds import KINDS, Kind
from .loader import FormatError, builtin_formats, load_format, load_formats
from .model import Exercise, Localized, Phase

__all__ = [
    "KINDS",
    "Exercise",
    "FormatError",
    "Kind",
    "Localized",
    "Phase",
    "RoomState",
    "builtin_formats",
    "load_format",
    "load_formats",
]
