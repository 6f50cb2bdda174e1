"""Reads include/conclave.h: its functions' prototypes, its structs' fields
and its integer constants, to check the package's ctypes declarations
against the header they bind."""

from __future__ import annotations

import re
from pathlib import Path

HEADER = Path(__file__).resolve().parents[2] / "include" / "conclave.h"


def _source() -> str:
    text = HEADER.read_text()
    text = re.sub(r"/\*.*?\*/", " ", text, flags=re.S)
    text = re.sub(r"//[^\n]*", " ", text)
    return re.sub(r"^\s*#[^\n]*", " ", text, flags=re.M)


def _type_of(declaration: str) -> str:
    """`const uint8_t *data` -> `const uint8_t *` (whitespace normalized)."""
    declaration = re.sub(r"\s+", " ", declaration.strip())
    declaration = re.sub(r"\s*\*\s*", " * ", declaration).strip()
    words = declaration.split(" ")
    if words[-1] != "*" and len(words) > 1:
        words = words[:-1]
    return " ".join(words).replace("*  *", "**").replace("* *", "**")


def functions() -> dict[str, tuple[str, list[str]]]:
    """Each CONCLAVE_API function: its return type and its parameter types."""
    found = {}
    for match in re.finditer(r"CONCLAVE_API\s+([^;{]*?)\b(conclave_\w+)\s*\(([^)]*)\)\s*;", _source()):
        result, name, parameters = match.groups()
        parameters = [] if parameters.strip() in ("", "void") else [_type_of(p) for p in parameters.split(",")]
        found[name] = (_type_of(result + " x"), parameters)
    return found


def structs() -> dict[str, list[tuple[str, str]]]:
    """Each `typedef struct x { ... } x;`: its fields, as (type, name)."""
    found = {}
    for match in re.finditer(r"typedef struct (\w+)\s*\{([^}]*)\}\s*\w+\s*;", _source()):
        fields = []
        for member in match.group(2).split(";"):
            member = re.sub(r"\s+", " ", member).strip()
            if member:
                fields.append((_type_of(member), re.findall(r"\w+", member)[-1]))
        found[match.group(1)] = fields
    return found


def constants() -> dict[str, int]:
    """Every `#define CONCLAVE_X <int>` and enumerator `CONCLAVE_X = <int>`."""
    source = re.sub(r"/\*.*?\*/", " ", HEADER.read_text(), flags=re.S)
    pairs = re.findall(r"#define (CONCLAVE_\w+) \(?(-?\d+)[uU]?\)?\s*\n", source)
    pairs += re.findall(r"\b(CONCLAVE_\w+)\s*=\s*(-?\d+)", source)
    return {name: int(value) for name, value in pairs}


def handle_types() -> set[str]:
    """The opaque handle types: `typedef struct x x;` with no body."""
    return set(re.findall(r"typedef struct (\w+) \1\s*;", _source()))
