"""The one YAML reader of format and persona files: YAML 1.2 scalars, and the line of every key.

PyYAML resolves YAML 1.1, where an option `en: Yes` becomes True, `on` a boolean and an unquoted
`10:30` the number 630: a facilitator writing a format in plain words must get their words back.
Here only the YAML 1.2 core schema resolves (true/false, null, integers, floats such as 1e3);
anything else is text. Pure (PyYAML only), so that `palabre.personas` may import it too.
"""

from __future__ import annotations

import re
from typing import Any

import yaml

__all__ = ["LineMap", "LineSeq", "MarkedYAMLError", "load"]

MarkedYAMLError = yaml.MarkedYAMLError


class LineMap(dict):
    """A mapping that remembers its own line and the line of each key (1-based)."""

    line: int = 0
    lines: dict[Any, int]


class LineSeq(list):
    """A list that remembers its own line and the line of each item (1-based)."""

    line: int = 0
    lines: list[int]


class _Resolver(yaml.resolver.BaseResolver):
    """The YAML 1.2 core schema's implicit tags, and nothing of YAML 1.1's."""


_IMPLICIT = (
    ("tag:yaml.org,2002:bool", r"^(?:true|True|TRUE|false|False|FALSE)$", "tTfF"),
    ("tag:yaml.org,2002:null", r"^(?:~|null|Null|NULL|)$", ["~", "n", "N", ""]),
    ("tag:yaml.org,2002:int", r"^(?:[-+]?[0-9]+|0o[0-7]+|0x[0-9a-fA-F]+)$",
     list("-+0123456789")),
    ("tag:yaml.org,2002:float",
     r"^(?:[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?"
     r"|[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN))$", list("-+.0123456789")),
)
for _tag, _pattern, _first in _IMPLICIT:
    _Resolver.add_implicit_resolver(_tag, re.compile(_pattern), list(_first))


class _Loader(yaml.reader.Reader, yaml.scanner.Scanner, yaml.parser.Parser,
              yaml.composer.Composer, yaml.constructor.SafeConstructor, _Resolver):
    def __init__(self, stream):
        yaml.reader.Reader.__init__(self, stream)
        yaml.scanner.Scanner.__init__(self)
        yaml.parser.Parser.__init__(self)
        yaml.composer.Composer.__init__(self)
        yaml.constructor.SafeConstructor.__init__(self)
        _Resolver.__init__(self)


def _bool(loader, node):
    return loader.construct_scalar(node).lower() == "true"


def _int(loader, node):
    value = loader.construct_scalar(node)
    if value.startswith("0o"):
        return int(value[2:], 8)
    if value.startswith("0x"):
        return int(value[2:], 16)
    return int(value, 10)  # YAML 1.2: 010 is ten, not eight


def _float(loader, node):
    value = loader.construct_scalar(node).lower()
    if value.endswith(".inf"):
        return float("-inf") if value.startswith("-") else float("inf")
    return float("nan") if value == ".nan" else float(value)


def _map(loader, node):
    loader.flatten_mapping(node)
    result = LineMap()
    result.line = node.start_mark.line + 1
    result.lines = {}
    for key_node, value_node in node.value:
        key = loader.construct_object(key_node, deep=True)
        result[key] = loader.construct_object(value_node, deep=True)
        result.lines[key] = key_node.start_mark.line + 1
    return result


def _seq(loader, node):
    result = LineSeq(loader.construct_object(child, deep=True) for child in node.value)
    result.line = node.start_mark.line + 1
    result.lines = [child.start_mark.line + 1 for child in node.value]
    return result


_Loader.add_constructor("tag:yaml.org,2002:bool", _bool)
_Loader.add_constructor("tag:yaml.org,2002:int", _int)
_Loader.add_constructor("tag:yaml.org,2002:float", _float)
_Loader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _map)
_Loader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_SEQUENCE_TAG, _seq)


def load(text: str) -> Any:
    """Parse one YAML document with YAML 1.2 scalars; raises MarkedYAMLError with its line."""
    return yaml.load(text, Loader=_Loader)  # noqa: S506 - safe constructors only
