"""A Python member and a C++ member (tools/conclave-capi-peer, through the
C++ API only) of one group agree on the epoch authenticator. The peer's
path comes from CONCLAVE_CPP_PEER; without it the test is skipped."""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

import pytest

from conclave import CommitOptions, Group, KeyPackage

PEER = os.environ.get("CONCLAVE_CPP_PEER")
pytestmark = pytest.mark.skipif(not PEER, reason="CONCLAVE_CPP_PEER (tools/conclave-capi-peer) is not set")


def _peer(*arguments: str) -> str:
    result = subprocess.run([PEER or "", *arguments], capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stdout + result.stderr
    return result.stdout.strip()


def test_python_and_cpp_members_agree_on_the_epoch_authenticator(tmp_path: Path) -> None:
    state = str(tmp_path / "peer.db")
    cpp_key_package = bytes.fromhex(_peer("keypackage", state, "cpp member"))
    with Group.create(b"cross-check", KeyPackage.create(b"python member")) as group:
        output = group.commit(CommitOptions(add=[cpp_key_package]))
        group.merge_pending_commit()
        assert group.member_identity(1) == b"cpp member"
        assert output.welcome is not None
        cpp_authenticator = bytes.fromhex(_peer("join", state, output.welcome.hex()))
        assert cpp_authenticator == group.epoch_authenticator()
        assert len(cpp_authenticator) == 32


def test_cpp_peer_refuses_a_welcome_for_another_key_package(tmp_path: Path) -> None:
    state = str(tmp_path / "peer.db")
    _peer("keypackage", state, "cpp member")
    with Group.create(b"other", KeyPackage.create(b"python member")) as group, KeyPackage.create(b"x") as other:
        output = group.commit(CommitOptions(add=[other.public()]))
        result = subprocess.run([PEER or "", "join", state, (output.welcome or b"").hex()], capture_output=True,
                                text=True, timeout=60)
        assert result.returncode == 1 and result.stdout.startswith("error ")
