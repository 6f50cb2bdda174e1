"""Every handle type created, used and freed: context managers, close()
twice, use after close, and freeing in any order."""

from __future__ import annotations

from typing import Any, Callable

import pytest

from conclave import (CommitOptions, Group, Guest, KeyPackage, LiveKit, MeetingLink, MeetingServer, Participant, SFrame,
                      SrpClient, SrpServer, SrpVariant, Status, Store)

from conftest import fails_with


def _variant() -> SrpVariant:
    return SrpVariant.rfc5054(2048)


def _srp_server() -> SrpServer:
    with _variant() as variant:
        salt, verifier = variant.register(b"id", b"pw")
        return SrpServer.create(variant, b"id", salt, verifier)


def _host() -> Participant:
    with MeetingServer.create() as server, MeetingLink.generate("https://meet.example") as link:
        return Participant.host(server, link, link.password(), "Host", "Title")


def _guest() -> Guest:
    server, link = MeetingServer.create(), MeetingLink.generate("https://meet.example")
    host = Participant.host(server, link, link.password(), "Host", "Title")
    guest = Guest.log_in(server, link, link.password(), "Guest")
    for handle in (host, link, server):  # the guest keeps what it needs alive
        handle.close()
    return guest


# (what makes a handle of one type, a call a live one answers)
HANDLE_TYPES: dict[str, tuple[Callable[[], Any], Callable[[Any], Any]]] = {
    "key_package": (lambda: KeyPackage.create(b"k"), lambda h: h.public()),
    "group": (lambda: Group.create(b"g", KeyPackage.create(b"k")), lambda h: h.epoch),
    "store": (Store.memory, lambda h: h.erase_group(b"none")),
    "sframe": (SFrame.create, lambda h: h.max_protected_size(10)),
    "livekit": (LiveKit.create, lambda h: h.set_key(1, b"k" * 32)),
    "srp_variant": (_variant, lambda h: h.register(b"id", b"pw")),
    "srp_client": (lambda: SrpClient.create(_variant(), b"id", b"pw"), lambda h: h.start()),
    "srp_server": (_srp_server, lambda h: h.challenge()),
    "meeting_server": (MeetingServer.create, lambda h: MeetingLink.generate("https://x.example").close()),
    "meeting_link": (lambda: MeetingLink.generate("https://meet.example"), lambda h: h.url),
    "guest": (_guest, lambda h: h.title),
    "participant": (_host, lambda h: h.security_code()),
}


@pytest.mark.parametrize("kind", sorted(HANDLE_TYPES))
def test_handle_created_used_and_freed(kind: str) -> None:
    make, use = HANDLE_TYPES[kind]
    with make() as handle:
        assert not handle.closed
        use(handle)
    assert handle.closed
    handle.close()  # again: nothing
    if kind != "meeting_server":  # its probe does not take it
        with fails_with(Status.INVALID_HANDLE):
            use(handle)


@pytest.mark.parametrize("kind", sorted(HANDLE_TYPES))
def test_stale_raw_handle_is_refused_after_free(kind: str) -> None:
    make, use = HANDLE_TYPES[kind]
    handle = make()
    raw = handle._raw
    handle.close()
    stale = type(handle)(raw)  # the freed value, as a C caller might keep it
    if kind != "meeting_server":
        with fails_with(Status.INVALID_HANDLE):
            use(stale)
    stale.close()  # freeing a freed handle is ignored


def test_store_closed_before_its_group() -> None:
    store = Store.memory()
    with Group.create(b"kept", KeyPackage.create(b"k")) as group:
        group.persist(store)
        store.close()
        group.commit(CommitOptions(force_path=True))
        group.merge_pending_commit()
        assert group.epoch == 1


def test_variant_closed_before_its_client() -> None:
    variant = _variant()
    client = SrpClient.create(variant, b"id", b"pw")
    variant.close()
    with client:
        assert client.start()


def test_server_closed_before_its_participant() -> None:
    server, link = MeetingServer.create(), MeetingLink.generate("https://meet.example")
    host = Participant.host(server, link, link.password(), "Host", "Title")
    server.close()
    link.close()
    with host:
        assert host.security_code()


def test_handles_freed_by_the_garbage_collector() -> None:
    for _ in range(200):
        Group.create(b"g", KeyPackage.create(b"k"))  # freed by __del__ at once
