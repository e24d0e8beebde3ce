"""The persona library: archetypes of service users and agents, as data files.

Pure: reads only its own files; of palabre it imports only the shared YAML reader.
"""

from .loader import (
    FIELDS,
    PersonaError,
    load_library,
    load_persona,
    parse_persona,
    persona_from_dict,
)
from .model import (
    CHANNELS,
    EMPATHY_QUADRANTS,
    KINDS,
    LANGS,
    TERRITORIES,
    DigitalComfort,
    Persona,
    Text,
    of_kind,
)

__all__ = [
    "CHANNELS",
    "EMPATHY_QUADRANTS",
    "FIELDS",
    "KINDS",
    "LANGS",
    "TERRITORIES",
    "DigitalComfort",
    "Persona",
    "PersonaError",
    "Text",
    "load_library",
    "load_persona",
    "of_kind",
    "parse_persona",
    "persona_from_dict",
]
