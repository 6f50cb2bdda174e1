"""A two-member group end to end through the Python package, and the rest of
the MLS calls: proposals, staged commits, external joins, PSKs, state."""

from __future__ import annotations

import pytest

from conclave import CommitOptions, Group, GroupConfig, KeyPackage, ReceivedKind, SenderType, Status

from conftest import Pair, fails_with, two_members


def test_two_members_agree_and_exchange_messages(pair: Pair) -> None:
    alice, bob = pair.alice, pair.bob
    assert (alice.epoch, bob.epoch) == (1, 1)
    assert (alice.own_leaf, bob.own_leaf) == (0, 1)
    assert alice.epoch_authenticator() == bob.epoch_authenticator()
    assert len(alice.epoch_authenticator()) == 32
    assert alice.export_secret("label", b"context", 42) == bob.export_secret("label", b"context", 42)
    assert alice.members() == bob.members() == [0, 1]
    assert bob.member_identity(0) == b"alice"
    assert alice.group_id == bob.group_id == b"group"
    assert alice.cipher_suite == bob.cipher_suite == 1

    received = bob.process(alice.protect(b"hello bob", b"aad"))
    assert received.kind is ReceivedKind.APPLICATION
    assert received.sender_type is SenderType.MEMBER
    assert (received.sender_index, received.epoch, received.removed) == (0, 1, False)
    assert (received.application_data, received.authenticated_data) == (b"hello bob", b"aad")
    assert alice.process(bob.protect(b"hello alice")).application_data == b"hello alice"


def test_proposal_committed_by_another_member(pair: Pair) -> None:
    alice, bob = pair.alice, pair.bob
    proposal = bob.propose_update(encrypt=True)
    assert alice.process(proposal).kind is ReceivedKind.PROPOSAL
    output = alice.commit()
    assert output.welcome is None and output.group_info is None
    assert alice.has_pending_commit
    alice.merge_pending_commit()
    assert not alice.has_pending_commit
    received = bob.process(output.commit)
    assert (received.kind, received.epoch) == (ReceivedKind.COMMIT, 1)
    assert alice.epoch == bob.epoch == 2
    assert alice.epoch_authenticator() == bob.epoch_authenticator()


def test_discarded_commit_leaves_the_epoch(pair: Pair) -> None:
    before = pair.alice.epoch_authenticator()
    pair.alice.commit(CommitOptions(force_path=True))
    pair.alice.discard_pending_commit()
    assert not pair.alice.has_pending_commit
    assert (pair.alice.epoch, pair.alice.epoch_authenticator()) == (1, before)
    with fails_with(Status.INVALID_ARGUMENT):
        pair.alice.merge_pending_commit()


def test_remove_by_proposal_and_by_value(pair: Pair) -> None:
    alice, bob = pair.alice, pair.bob
    alice.process(bob.propose_remove(0))
    with KeyPackage.create(b"carol") as carol_package:
        output = bob.commit(CommitOptions(add=[carol_package.public()], include_received=False))
        bob.merge_pending_commit()
        alice.process(output.commit)
        carol = Group.join(output.welcome or b"", carol_package)
    removal = carol.commit(CommitOptions(remove=[0]))
    carol.merge_pending_commit()
    assert alice.process(removal.commit).removed
    bob.process(removal.commit)
    assert bob.members() == carol.members() == [1, 2]
    assert bob.epoch_authenticator() == carol.epoch_authenticator()
    carol.close()


def test_self_remove_committed_by_another(pair: Pair) -> None:
    received = pair.alice.process(pair.bob.propose_self_remove())
    assert (received.kind, received.sender_index) == (ReceivedKind.PROPOSAL, 1)
    output = pair.alice.commit()
    pair.alice.merge_pending_commit()
    assert pair.bob.process(output.commit).removed
    assert pair.alice.members() == [0]


def test_welcome_without_the_tree_joins_with_it_out_of_band() -> None:
    with Group.create(b"tree", KeyPackage.create(b"alice")) as alice, KeyPackage.create(b"bob") as bob_package:
        output = alice.commit(CommitOptions(add=[bob_package.public()], ratchet_tree_in_welcome=False))
        alice.merge_pending_commit()
        with Group.join(output.welcome or b"", bob_package, ratchet_tree=alice.ratchet_tree()) as bob:
            assert bob.epoch_authenticator() == alice.epoch_authenticator()


def test_external_join_from_a_group_info(pair: Pair) -> None:
    with KeyPackage.create(b"dave") as dave_package:
        dave, commit = Group.join_external(pair.alice.group_info(with_tree=True), dave_package)
    with dave:
        pair.alice.process(commit)
        pair.bob.process(commit)
        assert dave.epoch_authenticator() == pair.alice.epoch_authenticator() == pair.bob.epoch_authenticator()
        assert dave.members() == [0, 1, 2]


def test_commit_with_group_info_and_authenticated_data(pair: Pair) -> None:
    output = pair.alice.commit(CommitOptions(force_path=True, encrypt=True, group_info=True,
                                             authenticated_data=b"commit aad"))
    pair.alice.merge_pending_commit()
    assert output.group_info is not None
    assert pair.bob.process(output.commit).authenticated_data == b"commit aad"
    with KeyPackage.create(b"erin") as erin_package:
        erin, _ = Group.join_external(output.group_info, erin_package)
        erin.close()


def test_external_psk_injected_by_proposal_and_by_value() -> None:
    config = GroupConfig(external_psks={b"psk one": b"s" * 32}, past_epochs=1)
    creator = KeyPackage.create(b"alice")
    with Group.create(b"psk", creator, config=config) as alice, KeyPackage.create(b"bob") as bob_package:
        output = alice.commit(CommitOptions(add=[bob_package.public()]))
        alice.merge_pending_commit()
        with Group.join(output.welcome or b"", bob_package, config=config) as bob:
            for group in (alice, bob):
                group.set_external_psk(b"psk two", b"t" * 32)
            bob.process(alice.propose_external_psk(b"psk one"))
            output = alice.commit(CommitOptions(external_psks=[b"psk two"]))
            alice.merge_pending_commit()
            bob.process(output.commit)
            assert alice.epoch_authenticator() == bob.epoch_authenticator()
            with fails_with(Status.UNKNOWN_PSK):
                alice.commit(CommitOptions(external_psks=[b"psk three"]))
            assert not alice.has_pending_commit


def test_add_proposal_then_commit_by_reference(pair: Pair) -> None:
    with KeyPackage.create(b"frank") as frank_package:
        proposal = pair.alice.propose_add(frank_package.public())
        pair.bob.process(proposal)
        output = pair.bob.commit()
        pair.bob.merge_pending_commit()
        pair.alice.process(output.commit)
        with Group.join(output.welcome or b"", frank_package) as frank:
            assert frank.epoch_authenticator() == pair.alice.epoch_authenticator()


def test_serialized_group_goes_on(pair: Pair) -> None:
    with Group.deserialize(pair.bob.serialize()) as copy:
        assert copy.epoch_authenticator() == pair.bob.epoch_authenticator()
        assert copy.process(pair.alice.protect(b"after reload")).application_data == b"after reload"


def test_serialize_refused_while_a_commit_is_pending(pair: Pair) -> None:
    pair.alice.commit(CommitOptions(force_path=True))
    with fails_with(Status.INVALID_ARGUMENT):
        pair.alice.serialize()


def test_members_of_a_larger_group() -> None:
    packages = [KeyPackage.create(str(i).encode()) for i in range(70)]
    with Group.create(b"large", packages[0]) as group:
        group.commit(CommitOptions(add=[p.public() for p in packages[1:]]))
        group.merge_pending_commit()
        assert group.members() == list(range(70))
    for package in packages:
        package.close()


def test_key_package_ref_and_public_are_stable() -> None:
    with KeyPackage.create(b"x") as package:
        assert package.ref() == package.ref()
        assert len(package.ref()) == 32
        assert package.public() == package.public()


@pytest.mark.parametrize("garbage", [b"", b"\x00", b"\x00\x01\x00\x01\x00"])
def test_garbage_messages_leave_the_group_unchanged(pair: Pair, garbage: bytes) -> None:
    before = pair.bob.epoch_authenticator()
    with pytest.raises(Exception) as caught:
        pair.bob.process(garbage)
    assert caught.value.status in (Status.TRUNCATED, Status.INVALID_VALUE, Status.UNKNOWN_VARIANT)
    assert pair.bob.epoch_authenticator() == before
    assert pair.bob.process(pair.alice.protect(b"still")).application_data == b"still"


def test_a_second_pair_is_another_group() -> None:
    first, second = two_members(b"one"), two_members(b"two")
    with fails_with(Status.WRONG_GROUP):
        first.bob.process(second.alice.protect(b"x"))
