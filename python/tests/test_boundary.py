"""Bad input at the boundary gives the documented ConclaveError and no
crash: None, wrong sizes, handles of the wrong kind, freed handles, and the
same through the raw C functions for every function that takes a handle."""

from __future__ import annotations

import ctypes
from typing import Any, Iterator

import pytest

import conclave
from conclave import (Group, KeyPackage, LiveKit, MeetingLink, MeetingServer, Participant, SFrame,
                      SrpVariant, Status)
from conclave import _native
from conclave._native import lib

from conftest import Pair, fails_with

# Handle parameters that may be NULL (the default variant; no server);
# conclave_meeting_server_create takes no other handle, so has no NULL case.
OPTIONAL_HANDLES = {("conclave_meeting_server_create", 0), ("conclave_participant_load", 3)}
FREE_FUNCTIONS = sorted(name for name, (result, _) in _native.PROTOTYPES.items()
                        if result is None and name.endswith("_free") and name != "conclave_buffer_free"
                        and _native.PROTOTYPES[name][1] == [_native.H])
HANDLE_FUNCTIONS = sorted(name for name, (result, parameters) in _native.PROTOTYPES.items()
                          if result is _native.STATUS and _native.H in parameters)


def _arguments(name: str, handle: Any) -> list[Any]:
    """Valid arguments for every parameter but the handles, which get `handle`."""
    arguments: list[Any] = []
    for index, parameter in enumerate(_native.PROTOTYPES[name][1]):
        if parameter is _native.H:
            arguments.append(None if handle is None and (name, index) in OPTIONAL_HANDLES else handle)
        elif parameter is ctypes.c_char_p:
            arguments.append(b"")
        elif parameter is _native.OUT:
            arguments.append((ctypes.c_uint8 * 64)())
        elif issubclass(parameter, ctypes._Pointer):
            arguments.append(ctypes.byref(parameter._type_()))
        else:
            arguments.append(0)
    return arguments


def _status_of(name: str, arguments: list[Any]) -> int:
    try:
        getattr(lib, name)(*arguments)
    except conclave.ConclaveError as error:
        return error.code
    return 0


@pytest.fixture(scope="module")
def wrong_kinds() -> Iterator[tuple[KeyPackage, LiveKit]]:
    """Live handles of two kinds: a KeyPackage for the LiveKit functions, a LiveKit for the others."""
    with KeyPackage.create(b"k") as key_package, LiveKit.create() as livekit:
        yield key_package, livekit


@pytest.mark.parametrize("name", HANDLE_FUNCTIONS)
def test_every_function_refuses_a_handle_of_another_kind(name: str, wrong_kinds: tuple[KeyPackage, LiveKit]) -> None:
    key_package, livekit = wrong_kinds
    wrong = key_package if name.startswith("conclave_livekit") else livekit
    assert _status_of(name, _arguments(name, wrong._raw)) == Status.INVALID_HANDLE


@pytest.mark.parametrize("name", HANDLE_FUNCTIONS)
def test_every_function_refuses_a_freed_handle(name: str) -> None:
    group = Group.create(b"g", KeyPackage.create(b"k"))
    freed = group._raw
    group.close()
    assert _status_of(name, _arguments(name, freed)) == Status.INVALID_HANDLE


@pytest.mark.parametrize("name", [name for name in HANDLE_FUNCTIONS if name != "conclave_meeting_server_create"])
def test_every_function_refuses_a_null_handle(name: str) -> None:
    assert _status_of(name, _arguments(name, None)) == Status.INVALID_HANDLE


@pytest.mark.parametrize("name", FREE_FUNCTIONS)
def test_free_ignores_null_freed_and_other_kinds(name: str, pair: Pair) -> None:
    freed = KeyPackage.create(b"k")
    raw = freed._raw
    freed.close()
    with KeyPackage.create(b"live") as other_kind:
        live = other_kind if name == "conclave_group_free" else pair.alice
        for value in (None, raw, live._raw):
            getattr(lib, name)(value)
        if live is pair.alice:
            assert pair.alice.epoch == 1
        else:
            assert other_kind.public()


def test_python_objects_of_the_wrong_kind(pair: Pair) -> None:
    with KeyPackage.create(b"k") as package, SFrame.create() as sframe:
        with fails_with(Status.INVALID_HANDLE):
            sframe.add_epoch(package)  # type: ignore[arg-type]
        with fails_with(Status.INVALID_HANDLE):
            Group.create(b"g", pair.alice)  # type: ignore[arg-type]
        with fails_with(Status.INVALID_HANDLE):
            Group.join(pair.welcome, sframe)  # type: ignore[arg-type]


def test_none_where_bytes_are_required(pair: Pair) -> None:
    for call in (lambda: KeyPackage.create(None), lambda: pair.alice.process(None),
                 lambda: pair.alice.protect(None), lambda: Group.join(None, KeyPackage.create(b"k")),
                 lambda: MeetingLink.parse(None), lambda: SrpVariant.proton(None)):
        with fails_with(Status.INVALID_ARGUMENT):
            call()  # type: ignore[no-untyped-call]


def test_none_where_a_handle_is_required(pair: Pair) -> None:
    with fails_with(Status.INVALID_HANDLE):
        Group.create(b"g", None)  # type: ignore[arg-type]
    with SFrame.create() as sframe, fails_with(Status.INVALID_HANDLE):
        sframe.add_epoch(None)  # type: ignore[arg-type]


def test_null_data_with_a_size_is_refused(pair: Pair) -> None:
    before = pair.alice.epoch_authenticator()
    message = _native.Buffer()
    with fails_with(Status.INVALID_ARGUMENT):
        lib.conclave_group_protect(pair.alice, None, 5, None, 0, ctypes.byref(message))
    with fails_with(Status.INVALID_ARGUMENT):
        lib.conclave_group_process(pair.alice, None, 1, ctypes.byref(_native.Received()))
    assert message.size == 0 and pair.alice.epoch_authenticator() == before


def test_null_and_non_empty_output_buffers_are_refused(pair: Pair) -> None:
    with fails_with(Status.INVALID_ARGUMENT):
        lib.conclave_group_id(pair.alice, None)
    not_empty = _native.Buffer()
    not_empty.size = 1
    with fails_with(Status.INVALID_ARGUMENT):
        lib.conclave_group_id(pair.alice, ctypes.byref(not_empty))
    with fails_with(Status.INVALID_ARGUMENT):
        lib.conclave_key_package_create(1, b"x", 1, None)


def test_flags_other_than_zero_or_one_are_refused(pair: Pair) -> None:
    with fails_with(Status.INVALID_ARGUMENT):
        lib.conclave_group_propose_update(pair.alice, 2, ctypes.byref(_native.Buffer()))
    options = _native.CommitOptions()
    lib.conclave_commit_options_default(ctypes.byref(options))
    options.force_path = 7
    with fails_with(Status.INVALID_ARGUMENT):
        lib.conclave_group_commit(pair.alice, ctypes.byref(options), ctypes.byref(_native.CommitOutput()))
    assert not pair.alice.has_pending_commit


def test_short_caller_buffers_give_the_size_needed(pair: Pair) -> None:
    out, written = (ctypes.c_uint8 * 4)(), ctypes.c_size_t()
    with fails_with(Status.BUFFER_TOO_SMALL):
        lib.conclave_group_epoch_authenticator(pair.alice, out, 4, ctypes.byref(written))
    assert written.value == 32
    leaves, count = (ctypes.c_uint32 * 1)(), ctypes.c_size_t()
    with fails_with(Status.BUFFER_TOO_SMALL):
        lib.conclave_group_members(pair.alice, leaves, 1, ctypes.byref(count))
    with SFrame.create() as sender, SFrame.create() as receiver:
        sender.add_epoch(pair.alice)
        receiver.add_epoch(pair.bob)
        frame = sender.protect(b"frame")
        with fails_with(Status.BUFFER_TOO_SMALL):
            lib.conclave_sframe_unprotect(receiver, b"", 0, frame, len(frame), out, 2, ctypes.byref(written), None)
        assert written.value == len(frame)  # documented: frame_size always suffices
        assert receiver.unprotect(frame) == b"frame"  # the failed call consumed nothing


def test_wrong_sizes(pair: Pair) -> None:
    with fails_with(Status.INVALID_LENGTH):
        pair.alice.export_secret("label", b"", 255 * 32 + 1)
    with LiveKit.create() as livekit, fails_with(Status.INVALID_LENGTH):
        livekit.set_key(1, b"k" * 33)
    with SFrame.create() as sframe, fails_with(Status.INVALID_ARGUMENT):
        sframe.add_epoch_key(1, b"k" * 15, 0, [True])
    with fails_with(Status.TRUNCATED):
        Group.join(pair.welcome[:-1], KeyPackage.create(b"k"))
    with fails_with(Status.TRAILING_DATA):
        pair.bob.process(pair.alice.protect(b"x") + b"\x00")


def test_spent_key_package_is_refused() -> None:
    package = KeyPackage.create(b"k")
    with Group.create(b"g", package):
        with fails_with(Status.INVALID_ARGUMENT):
            package.public()
        with fails_with(Status.INVALID_ARGUMENT):
            Group.create(b"h", package)
    package.close()


def test_meeting_calls_with_wrong_handles() -> None:
    with MeetingServer.create() as server, MeetingLink.generate("https://meet.example") as link:
        with fails_with(Status.INVALID_HANDLE):
            Participant.host(link, link, link.password(), "Host", "Title")  # type: ignore[arg-type]
        with fails_with(Status.INVALID_HANDLE):
            MeetingServer.create(server)  # type: ignore[arg-type]


def test_every_status_has_a_name() -> None:
    unknown = lib.conclave_status_name(9999)
    assert unknown == b"unknown status"
    assert all(lib.conclave_status_name(int(status)) != unknown for status in Status)
    error = _native.error(9999)
    assert (error.code, error.name, error.status) == (9999, "unknown status", None)
