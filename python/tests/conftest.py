"""Shared fixtures: groups of two, meetings, and a check that a call fails with a status."""

from __future__ import annotations

import contextlib
import os
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Callable, Iterator, Optional

import pytest


def _default_from_checkout(variable: str, relative: str) -> None:
    """Run from a checkout with `variable` unset (`python3 -m pytest
    python/tests` after the README's build step): the release build's file."""
    built = Path(__file__).resolve().parents[2] / "build" / "release" / relative
    if variable not in os.environ and built.is_file():
        os.environ[variable] = str(built)


# Before the package loads the library.
_default_from_checkout("CONCLAVE_LIBRARY", "src/libconclave.so")
_default_from_checkout("CONCLAVE_CPP_PEER", "tools/conclave-capi-peer/conclave-capi-peer")

import conclave  # noqa: E402
from conclave import (CommitOptions, Group, Guest, KeyPackage, MeetingLink, MeetingProfile, MeetingServer, Participant,
                      Status)


@contextlib.contextmanager
def fails_with(status: Status) -> Iterator[None]:
    """The block raises ConclaveError of `status`, its code and the library's name for it."""
    with pytest.raises(conclave.ConclaveError) as caught:
        yield
    assert caught.value.status is status
    assert caught.value.code == int(status)
    assert caught.value.name == conclave._lib.conclave_status_name(int(status)).decode()


def expect_reused_buffer(protect: Callable[[bytes], bytes], buffer: Any) -> None:
    """Frames of one size go through the same output array of `buffer` (a
    FrameBuffer); a larger frame grows it."""
    protect(b"a" * 1000)
    out = buffer.out
    for _ in range(10):
        protect(b"b" * 1000)
    assert buffer.out is out
    big = protect(b"c" * 5000)
    assert len(big) > 5000 and buffer.capacity >= len(big)


@dataclass
class Pair:
    """Alice created the group and added Bob; both are at epoch 1."""

    alice: Group
    bob: Group
    welcome: bytes


def two_members(group_id: bytes = b"group") -> Pair:
    creator = KeyPackage.create(b"alice")
    alice = Group.create(group_id, creator)
    with KeyPackage.create(b"bob") as bob_package:
        output = alice.commit(CommitOptions(add=[bob_package.public()]))
        alice.merge_pending_commit()
        assert output.welcome is not None
        bob = Group.join(output.welcome, bob_package)
    creator.close()
    return Pair(alice, bob, output.welcome)


@pytest.fixture
def pair() -> Iterator[Pair]:
    made = two_members()
    yield made
    made.alice.close()
    made.bob.close()


class Meeting:
    """A server, a link and its host, under `profile`."""

    def __init__(self, profile: Optional[MeetingProfile] = None) -> None:
        self.profile = profile
        self.server = MeetingServer.create()
        self.link = MeetingLink.generate("https://meet.example")
        self.password = self.link.password()
        self.host = Participant.host(self.server, self.link, self.password, "Host", "Standup", profile)

    def guest(self, name: str) -> Guest:
        return Guest.log_in(self.server, self.link, self.password, name, self.profile)

    def join(self, name: str, admitter: Optional[Participant] = None) -> Participant:
        """A guest logs in and asks, `admitter` (the host by default) admits, the guest
        joins from the Welcome, and the host syncs."""
        admitter = admitter or self.host
        with self.guest(name) as guest:
            guest.request_welcome(self.server)
            assert admitter.admit(self.server) == 1
            member = guest.join(self.server)
        self.host.sync(self.server)
        return member

    def close(self) -> None:
        for handle in (self.host, self.link, self.server):
            handle.close()


@pytest.fixture
def meeting() -> Iterator[Meeting]:
    made = Meeting()
    yield made
    made.close()
