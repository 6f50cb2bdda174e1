"""The package's ctypes declarations against include/conclave.h: every C
function declared, each with the types the header gives, every struct with
its fields, every constant the package mirrors with the header's value."""

from __future__ import annotations

import ctypes
from typing import Any

import pytest

import conclave
from conclave import _native

import c_header

pytestmark = pytest.mark.skipif(not c_header.HEADER.is_file(), reason="include/conclave.h not found (not a checkout)")

_SCALARS = {"int": ctypes.c_int, "conclave_status": ctypes.c_int, "uint8_t": ctypes.c_uint8,
            "uint16_t": ctypes.c_uint16, "uint32_t": ctypes.c_uint32, "uint64_t": ctypes.c_uint64,
            "int32_t": ctypes.c_int32, "size_t": ctypes.c_size_t}
_STRUCTS = {"conclave_buffer": _native.Buffer, "conclave_external_psk": _native.ExternalPsk,
            "conclave_group_config": _native.GroupConfig, "conclave_bytes": _native.Bytes,
            "conclave_commit_options": _native.CommitOptions, "conclave_commit_output": _native.CommitOutput,
            "conclave_received": _native.Received, "conclave_sframe_options": _native.SframeOptions,
            "conclave_sframe_frame_info": _native.SframeFrameInfo,
            "conclave_livekit_frame_info": _native.LivekitFrameInfo,
            "conclave_meeting_profile": _native.MeetingProfile, "conclave_sync_report": _native.SyncReport}


def _ctype_of(c_type: str) -> Any:
    """The ctypes type the package must declare for a C type."""
    handles = c_header.handle_types()
    base = c_type.removeprefix("const ").rstrip(" *")
    stars = c_type.count("*")
    if stars == 0:
        return None if c_type == "void" else _SCALARS[c_type]
    if c_type in ("const char *", "const uint8_t *"):
        return ctypes.c_char_p  # input bytes or a string
    if c_type == "uint8_t *" or (base in handles and stars == 1):
        return ctypes.c_void_p  # a caller output buffer, or a handle
    if base in handles:
        return ctypes.POINTER(ctypes.c_void_p)  # a handle output
    return ctypes.POINTER(_STRUCTS.get(base) or _SCALARS[base])


def _field_ctype(c_type: str) -> Any:
    """The ctypes type of a struct field: a struct by value, or the bytes a buffer points to."""
    if c_type in _STRUCTS:
        return _STRUCTS[c_type]
    return ctypes.POINTER(ctypes.c_uint8) if c_type == "uint8_t *" else _ctype_of(c_type)


def test_every_c_function_is_declared_and_nothing_else() -> None:
    assert sorted(_native.PROTOTYPES) == sorted(c_header.functions())


@pytest.mark.parametrize("name", sorted(c_header.functions()) if c_header.HEADER.is_file() else [])
def test_prototype_matches_header(name: str) -> None:
    result, parameters = c_header.functions()[name]
    expected_result = ctypes.c_char_p if result == "const char *" else _ctype_of(result)
    declared_result, declared_parameters = _native.PROTOTYPES[name]
    assert declared_result is expected_result
    assert declared_parameters == [_ctype_of(p) for p in parameters]


@pytest.mark.parametrize("name", sorted(_STRUCTS))
def test_struct_matches_header(name: str) -> None:
    fields = c_header.structs()[name]
    declared = _STRUCTS[name]._fields_
    assert [n for n, _ in declared] == [n for _, n in fields]
    assert [t for _, t in declared] == [_field_ctype(t) for t, _ in fields]


def test_status_codes_match_header() -> None:
    constants = c_header.constants()
    header = {name.removeprefix("CONCLAVE_").removeprefix("E_"): value for name, value in constants.items()
              if name == "CONCLAVE_OK" or name.startswith("CONCLAVE_E_")}
    assert {status.name: int(status) for status in conclave.Status} == header


@pytest.mark.parametrize("enum_class, prefix", [(conclave.ReceivedKind, "CONCLAVE_RECEIVED_"),
                                                (conclave.SenderType, "CONCLAVE_SENDER_"),
                                                (conclave.LiveKitCodec, "CONCLAVE_LIVEKIT_")])
def test_enum_matches_header(enum_class: Any, prefix: str) -> None:
    header = {name.removeprefix(prefix): value for name, value in c_header.constants().items()
              if name.startswith(prefix)}
    assert {member.name: int(member) for member in enum_class} == header


def test_commit_step_is_the_headers() -> None:
    assert conclave.DEFAULT_COMMIT_STEP_MS == c_header.constants()["CONCLAVE_DEFAULT_COMMIT_STEP_MS"]


def test_library_version_is_the_headers() -> None:
    constants = c_header.constants()
    major, minor, patch = (constants[f"CONCLAVE_VERSION_{part}"] for part in ("MAJOR", "MINOR", "PATCH"))
    assert conclave.library_version == f"{major}.{minor}.{patch}"
