"""Shared fixtures: groups of two, and a check that a call fails with a status."""

from __future__ import annotations

import contextlib
from dataclasses import dataclass
from typing import Iterator

import pytest

import conclave
from conclave import CommitOptions, Group, KeyPackage, Status


@contextlib.contextmanager
def fails_with(status: Status) -> Iterator[None]:
    """The block raises ConclaveError of `status`, its code and the library's name for it."""
    with pytest.raises(conclave.ConclaveError) as caught:
        yield
    assert caught.value.status is status
    assert caught.value.code == int(status)
    assert caught.value.name == conclave._lib.conclave_status_name(int(status)).decode()


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
