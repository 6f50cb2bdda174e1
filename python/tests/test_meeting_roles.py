"""A meeting's host and continuity controls through the package (the C API's
meeting_roles calls): the roles read and set, the host role handed over,
co-hosts, removal for good, the pending proposals and the committer's wait,
a participant's LiveKit frames, and the bad input of each."""

from __future__ import annotations

from typing import Iterator

import pytest

from conclave import (DEFAULT_COMMIT_STEP_MS, Guest, LiveKit, LiveKitCodec, MeetingProfile, Participant, Roles,
                      Status)

from conftest import Meeting, expect_reused_buffer, fails_with


@pytest.fixture
def livekit_meeting() -> Iterator[Meeting]:
    made = Meeting(MeetingProfile(livekit=True))
    yield made
    made.close()


def test_a_hosted_meeting_has_its_creator_as_host_and_no_co_host(meeting: Meeting) -> None:
    assert meeting.host.roles() == Roles(meeting.host.own_leaf, (), False)
    meeting.host.set_locked(meeting.server, True)
    assert meeting.host.roles().locked


def test_the_host_hands_over_and_the_new_host_admits_a_guest(meeting: Meeting) -> None:
    host, server = meeting.host, meeting.server
    with meeting.join("Guest") as member:
        host.set_roles(server, member.own_leaf, [], False)
        assert member.sync(server).commits == 1
        assert member.is_host and not host.is_host
        assert member.roles() == host.roles() == Roles(member.own_leaf, (), False)
        with fails_with(Status.NOT_PERMITTED):
            host.admit(server)
        with meeting.join("Late", admitter=member) as late:
            assert late.security_code() == member.security_code() == host.security_code()
            with fails_with(Status.NOT_PERMITTED):
                host.set_roles(server, host.own_leaf, [], False)


def test_co_hosts_read_back_in_order_and_a_co_host_admits(meeting: Meeting) -> None:
    host, server = meeting.host, meeting.server
    with meeting.join("One") as one, meeting.join("Two") as two:
        one.sync(server)
        co_hosts = sorted([one.own_leaf, two.own_leaf])
        host.set_roles(server, host.own_leaf, co_hosts, False)
        one.sync(server)
        two.sync(server)
        expected = Roles(host.own_leaf, tuple(co_hosts), False)
        assert host.roles() == one.roles() == two.roles() == expected
        with meeting.join("Late", admitter=two) as late:
            assert late.roles() == expected
        with fails_with(Status.NOT_PERMITTED):
            two.remove_and_keep_out(server, one.own_leaf)


def test_remove_and_keep_out_makes_the_removed_guests_link_useless(meeting: Meeting) -> None:
    host, server = meeting.host, meeting.server
    with meeting.join("Guest") as member, meeting.join("Other") as other:
        with host.remove_and_keep_out(server, member.own_leaf) as fresh:
            assert member.sync(server).removed and member.removed
            other.sync(server)
            assert other.security_code() == host.security_code()
            assert not host.roles().locked, "the lock as it was"
            with fails_with(Status.UNKNOWN_MEETING):
                Guest.log_in(server, meeting.link, meeting.password, "Guest again")
            with fails_with(Status.NOT_IN_GROUP):
                member.send_chat(server, "still here?")
            with fails_with(Status.NOT_IN_GROUP):
                member.commit_wait()
            with fails_with(Status.WRONG_EPOCH):
                member.unprotect_frame(host.protect_frame(b"after the removal"))
            assert fresh.url != meeting.link.url
            Guest.log_in(server, fresh, fresh.password(), "Late").close()


def test_pending_proposals_count_what_commit_pending_takes(meeting: Meeting) -> None:
    host, server = meeting.host, meeting.server
    with meeting.join("Guest") as member:
        assert host.pending_proposals() == 0
        member.leave(server)
        host.sync(server)
        assert host.pending_proposals() == 1
        host.commit_pending(server)
        assert host.pending_proposals() == 0
        assert member.sync(server).removed


def test_commit_wait_gives_each_member_its_own_rank(meeting: Meeting) -> None:
    with meeting.join("One") as one, meeting.join("Two") as two:
        one.sync(meeting.server)
        members = [meeting.host, one, two]
        assert sorted(member.commit_wait() for member in members) == [0, 1000, 2000]
        for member in members:
            rank = member.commit_wait(1)
            assert member.commit_wait(DEFAULT_COMMIT_STEP_MS) == member.commit_wait() == rank * DEFAULT_COMMIT_STEP_MS
            assert (member.commit_wait(250), member.commit_wait(0)) == (rank * 250, 0)


def test_livekit_frames_between_participants_under_their_epochs(livekit_meeting: Meeting) -> None:
    host, server = livekit_meeting.host, livekit_meeting.server
    with livekit_meeting.join("Guest") as member:
        first_epoch = host.epoch
        early = host.livekit_protect(b"an audio frame", ssrc=0x1234, rtp_timestamp=90000)
        assert len(early) <= LiveKit.max_protected_size(len(b"an audio frame"))
        assert member.livekit_unprotect(early) == b"an audio frame"
        assert member.last_frame_epoch == first_epoch

        member.update(server)
        host.sync(server)
        video = b"\x90" * 200
        later = member.livekit_protect(video, codec=LiveKitCodec.VP8, key_frame=True, ssrc=7)
        assert host.livekit_unprotect(later, codec=LiveKitCodec.VP8, key_frame=True) == video
        assert host.last_frame_epoch == first_epoch + 1
        assert host.livekit_unprotect(early) == b"an audio frame"
        assert host.last_frame_epoch == first_epoch, "the earlier epoch's key is kept"
        forged = bytearray(later)
        forged[len(forged) // 2] ^= 1
        with fails_with(Status.AEAD_FAILURE):
            host.livekit_unprotect(forged, codec=LiveKitCodec.VP8, key_frame=True)


def test_livekit_frames_reuse_the_participants_buffer(livekit_meeting: Meeting) -> None:
    expect_reused_buffer(livekit_meeting.host.livekit_protect, livekit_meeting.host._livekit_buffer)


def test_livekit_calls_need_a_profile_with_livekit(meeting: Meeting) -> None:
    with fails_with(Status.INVALID_ARGUMENT):
        meeting.host.livekit_protect(b"frame")
    with fails_with(Status.INVALID_ARGUMENT):
        meeting.host.livekit_unprotect(b"frame" * 10)
    with fails_with(Status.INVALID_ARGUMENT):
        Meeting(MeetingProfile(livekit=2))  # type: ignore[arg-type]


def test_livekit_calls_refuse_bad_frames_and_keep_the_keys(livekit_meeting: Meeting) -> None:
    host = livekit_meeting.host
    with livekit_meeting.join("Guest") as member:
        frame = host.livekit_protect(b"an audio frame")
        refused = (lambda: host.livekit_protect(None), lambda: member.livekit_unprotect(None),
                   lambda: host.livekit_protect(b"frame", codec=99), lambda: member.livekit_unprotect(frame, codec=99),
                   lambda: host.livekit_protect(b"frame", key_frame=2),
                   lambda: member.livekit_unprotect(frame, key_frame=2))
        for call in refused:
            with fails_with(Status.INVALID_ARGUMENT):
                call()  # type: ignore[no-untyped-call]
        with fails_with(Status.TRUNCATED):
            member.livekit_unprotect(frame[:1] + frame[-2:])  # the clear header and the trailer, no IV or tag
        assert member.livekit_unprotect(frame) == b"an audio frame"
        assert host.livekit_unprotect(member.livekit_protect(b"keyed")) == b"keyed"


def test_role_calls_refuse_bad_input_and_change_nothing(meeting: Meeting) -> None:
    host, server = meeting.host, meeting.server
    with meeting.join("One") as one, meeting.join("Two") as two:
        one.sync(server)
        roles, epoch = host.roles(), host.epoch
        descending = sorted([one.own_leaf, two.own_leaf], reverse=True)
        refused = [
            (Status.INVALID_ARGUMENT, lambda: host.set_roles(server, host.own_leaf, None, False)),
            (Status.INVALID_ARGUMENT, lambda: host.set_roles(server, host.own_leaf, [], 2)),
            (Status.INVALID_ARGUMENT, lambda: host.set_roles(server, 9, [], False)),
            (Status.INVALID_ARGUMENT, lambda: host.set_roles(server, host.own_leaf, [one.own_leaf, 9], False)),
            (Status.INVALID_VALUE, lambda: host.set_roles(server, host.own_leaf, descending, False)),
            (Status.INVALID_VALUE, lambda: host.set_roles(server, host.own_leaf, [host.own_leaf], False)),
            (Status.NOT_PERMITTED, lambda: one.set_roles(server, one.own_leaf, [], False)),
            (Status.INVALID_ARGUMENT, lambda: host.remove_and_keep_out(server, host.own_leaf)),
            (Status.INVALID_ARGUMENT, lambda: host.remove_and_keep_out(server, 9)),
            (Status.NOT_PERMITTED, lambda: one.remove_and_keep_out(server, two.own_leaf)),
            (Status.INVALID_HANDLE, lambda: host.set_roles(None, host.own_leaf, [], False)),
            (Status.INVALID_HANDLE, lambda: host.set_roles(meeting.link, host.own_leaf, [], False)),
            (Status.INVALID_HANDLE, lambda: host.remove_and_keep_out(None, one.own_leaf)),
            (Status.INVALID_HANDLE, lambda: host.remove_and_keep_out(two, one.own_leaf)),
            (Status.INVALID_HANDLE, lambda: Participant.roles(server)),
            (Status.INVALID_HANDLE, lambda: Participant.pending_proposals(meeting.link)),
            (Status.INVALID_HANDLE, lambda: Participant.commit_wait(server)),
        ]
        for status, call in refused:
            with fails_with(status):
                call()  # type: ignore[no-untyped-call]
        assert (host.roles(), host.epoch) == (roles, epoch)
        assert two.sync(server).commits == 0, "nothing was posted"
        meeting.guest("Late").close()  # neither locked nor rotated


def test_a_closed_participant_refuses_the_role_and_livekit_calls(livekit_meeting: Meeting) -> None:
    server = livekit_meeting.server
    member = livekit_meeting.join("Guest")
    member.close()
    for call in (member.roles, member.pending_proposals, member.commit_wait,
                 lambda: member.set_roles(server, 0, [], False), lambda: member.remove_and_keep_out(server, 0),
                 lambda: member.livekit_protect(b"frame"), lambda: member.livekit_unprotect(b"frame" * 10)):
        with fails_with(Status.INVALID_HANDLE):
            call()
