"""A meeting through the package: a host, a guest who logs in with the link
password and joins, chat, media frames, host controls, persistence."""

from __future__ import annotations

from conclave import Guest, MeetingLink, Participant, Status, Store

from conftest import Meeting, fails_with


def test_guest_joins_and_agrees_with_the_host(meeting: Meeting) -> None:
    with meeting.guest("Guest") as guest:
        assert guest.title == "Standup"
        guest.request_welcome(meeting.server)
        assert meeting.host.admit(meeting.server) == 1
        member = guest.join(meeting.server)
    with member:
        assert meeting.host.sync(meeting.server).refused == 0
        assert member.epoch == meeting.host.epoch
        assert member.security_code() == meeting.host.security_code()
        assert member.epoch_authenticator() == meeting.host.epoch_authenticator()
        assert meeting.host.is_host and not member.is_host
        assert member.display_name(meeting.host.own_leaf) == "Host"
        assert meeting.host.display_name(member.own_leaf) == "Guest"
        assert member.group_id == meeting.host.group_id


def test_chat_both_ways(meeting: Meeting) -> None:
    with meeting.join("Guest") as member:
        meeting.host.send_chat(meeting.server, "hello")
        report = member.sync(meeting.server)
        assert report.chats == 1
        assert member.chat(0) == (meeting.host.own_leaf, "hello")
        member.send_chat(meeting.server, "hi host")
        assert meeting.host.sync(meeting.server).chats == 1
        assert meeting.host.chat(0) == (member.own_leaf, "hi host")


def test_media_frames_between_participants(meeting: Meeting) -> None:
    with meeting.join("Guest") as member:
        frame = meeting.host.protect_frame(b"a video frame", metadata=b"rtp")
        assert member.unprotect_frame(frame, metadata=b"rtp") == b"a video frame"
        assert (member.last_frame_info.sender, member.last_frame_info.epoch) == (meeting.host.own_leaf, member.epoch)


def test_guest_joins_by_external_commit(meeting: Meeting) -> None:
    with meeting.guest("Late") as guest, guest.join_external(meeting.server) as member:
        meeting.host.sync(meeting.server)
        assert member.epoch_authenticator() == meeting.host.epoch_authenticator()


def test_host_removes_a_member(meeting: Meeting) -> None:
    with meeting.join("Guest") as member:
        meeting.host.remove(meeting.server, member.own_leaf)
        assert member.sync(meeting.server).removed
        assert member.removed


def test_member_leaves_and_updates(meeting: Meeting) -> None:
    with meeting.join("One") as one, meeting.join("Two") as two:
        one.sync(meeting.server)
        two.update(meeting.server)
        meeting.host.sync(meeting.server)
        one.sync(meeting.server)
        assert one.epoch_authenticator() == two.epoch_authenticator() == meeting.host.epoch_authenticator()
        two.leave(meeting.server)
        meeting.host.sync(meeting.server)
        meeting.host.commit_pending(meeting.server)
        assert two.sync(meeting.server).removed


def test_locked_meeting_refuses_a_join(meeting: Meeting) -> None:
    meeting.host.set_locked(meeting.server, True)
    with fails_with(Status.NOT_PERMITTED):
        meeting.guest("Late")
    meeting.host.set_locked(meeting.server, False)
    meeting.guest("Late").close()


def test_wrong_password_and_bad_links(meeting: Meeting) -> None:
    with fails_with(Status.PROOF_INVALID):
        Guest.log_in(meeting.server, meeting.link, b"wrong", "Mallory")
    with fails_with(Status.INVALID_LINK):
        MeetingLink.parse("https://meet.example/not-a-link")
    with MeetingLink.parse(meeting.link.url) as parsed:
        assert (parsed.id, parsed.password()) == (meeting.link.id, meeting.password)


def test_rotated_link_admits_with_its_own_password(meeting: Meeting) -> None:
    with meeting.host.rotate_link(meeting.server) as rotated:
        with Guest.log_in(meeting.server, rotated, rotated.password(), "New") as guest:
            assert guest.title == "Standup"
        with fails_with(Status.UNKNOWN_MEETING):
            Guest.log_in(meeting.server, meeting.link, meeting.password, "Old")


def test_participant_persisted_and_loaded(meeting: Meeting, tmp_path) -> None:
    with Store.sqlite(tmp_path / "meeting.db") as store:
        meeting.host.persist(store)
        with Participant.load(store, meeting.host.group_id, meeting.server) as loaded:
            assert loaded.epoch_authenticator() == meeting.host.epoch_authenticator()
            assert loaded.is_host
