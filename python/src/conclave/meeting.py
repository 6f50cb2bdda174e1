"""The meeting layer (spec-notes/meeting-profile.md): a server, links, guests and participants."""

from __future__ import annotations

import ctypes
from dataclasses import dataclass
from typing import Any, Optional, Sequence

from . import _native
from ._handle import (BytesLike, Handle, buffer_result, data, fixed_result, leaf_array, leaves_result, optional_text,
                      scalar_result, text)
from ._native import lib
from .frame import LiveKitCodec, LiveKitFrames, SframeSender
from .srp import SrpVariant
from .storage import Store

_MAX_HASH_SIZE = 64
#: CONCLAVE_DEFAULT_COMMIT_STEP_MS: the step of Conclave's designated-committer schedule, in milliseconds.
DEFAULT_COMMIT_STEP_MS = 1000


class MeetingServer(Handle):
    """An in-process meeting server (the delivery service and its logins)."""

    _free_function = "conclave_meeting_server_free"

    @classmethod
    def create(cls, variant: Optional[SrpVariant] = None) -> MeetingServer:
        """A server whose logins use `variant` (None: the meeting profile's default)."""
        return cls._made_by(lib.conclave_meeting_server_create, variant)


class MeetingLink(Handle):
    """A meeting link: its URL carries the meeting ID and the password."""

    _free_function = "conclave_meeting_link_free"

    @classmethod
    def generate(cls, base: str) -> MeetingLink:
        """A new meeting's link under the URL `base`."""
        return cls._made_by(lib.conclave_meeting_link_generate, text(base))

    @classmethod
    def parse(cls, url: str) -> MeetingLink:
        """The link of a URL (INVALID_LINK for one not in the profile's form)."""
        return cls._made_by(lib.conclave_meeting_link_parse, text(url))

    @property
    def url(self) -> str:
        """The URL to share."""
        return buffer_result(lib.conclave_meeting_link_url, self).decode()

    @property
    def id(self) -> bytes:
        """The meeting ID."""
        return buffer_result(lib.conclave_meeting_link_id, self)

    def password(self, custom_password: Optional[str] = None) -> bytes:
        """The meeting password of this link and a host's custom password, if any."""
        return buffer_result(lib.conclave_meeting_link_password, self, optional_text(custom_password))


@dataclass
class MeetingProfile:
    """What a meeting uses; None keeps the library's default."""

    suite: Optional[int] = None  #: the group's MLS cipher suite (default 1)
    sframe: Optional[bool] = None  #: SFrame keys from each epoch: protect_frame() (default on)
    livekit: Optional[bool] = None  #: LiveKit keys from each epoch too: livekit_protect() (default off)

    def _to_c(self) -> _native.MeetingProfile:
        profile = _native.MeetingProfile()
        lib.conclave_meeting_profile_default(ctypes.byref(profile))
        for name, value in vars(self).items():
            if value is not None:
                setattr(profile, name, value)
        return profile


@dataclass
class SyncReport:
    """What one sync brought: Commits applied, chats received (chat(i) reads each), messages refused."""

    commits: int
    chats: int
    refused: int
    removed: bool
    link_rotated: bool
    stranded: bool


@dataclass(frozen=True)
class Roles:
    """The roles and the lock of a meeting's current epoch."""

    host: int  #: the host's leaf
    co_hosts: tuple[int, ...]  #: the co-hosts' leaves, ascending
    locked: bool


class Guest(Handle):
    """Someone logged in to a meeting, not yet in its group."""

    _free_function = "conclave_guest_free"

    @classmethod
    def log_in(cls, server: MeetingServer, link: MeetingLink, password: BytesLike, display_name: str,
               profile: Optional[MeetingProfile] = None) -> Guest:
        """Logs in to the meeting of `link` with its password (SRP)."""
        password = data(password)
        return cls._made_by(lib.conclave_guest_log_in, server, link, password, len(password), text(display_name),
                            _profile(profile))

    @property
    def title(self) -> str:
        """The meeting's title."""
        return buffer_result(lib.conclave_guest_title, self).decode()

    def request_welcome(self, server: MeetingServer, partial: bool = False) -> None:
        """Asks to be admitted (the host's admit() adds the guest)."""
        lib.conclave_guest_request_welcome(self, server, int(partial))

    def join(self, server: MeetingServer) -> Participant:
        """Joins from the Welcome the admission sent."""
        return Participant._made_by(lib.conclave_guest_join, self, server)

    def join_external(self, server: MeetingServer) -> Participant:
        """Joins by an external Commit."""
        return Participant._made_by(lib.conclave_guest_join_external, self, server)


class Participant(Handle, SframeSender, LiveKitFrames):
    """A member of a meeting: its group, host controls, chat and media keys."""

    _free_function = "conclave_participant_free"

    @classmethod
    def host(cls, server: MeetingServer, link: MeetingLink, password: BytesLike, display_name: str, title: str,
             profile: Optional[MeetingProfile] = None) -> Participant:
        """Opens the meeting of `link` as its host."""
        password = data(password)
        return cls._made_by(lib.conclave_meeting_host, server, link, password, len(password), text(display_name),
                            text(title), _profile(profile))

    @classmethod
    def load(cls, store: Store, group_id: BytesLike, server: Optional[MeetingServer] = None,
             profile: Optional[MeetingProfile] = None) -> Participant:
        """The participant kept in `store` (persist()) under its group ID."""
        group_id = data(group_id)
        return cls._made_by(lib.conclave_participant_load, store, group_id, len(group_id), server, _profile(profile))

    def sync(self, server: MeetingServer) -> SyncReport:
        """Fetches and applies what the server holds for this participant."""
        report = _native.SyncReport()
        lib.conclave_participant_sync(self, server, ctypes.byref(report))
        return SyncReport(report.commits, report.chats, report.refused, bool(report.removed),
                          bool(report.link_rotated), bool(report.stranded))

    def chat(self, index: int) -> tuple[int, str]:
        """The sender's leaf and the text of the last sync's chat `index`."""
        sender = ctypes.c_uint32()
        chat_text = buffer_result(lib.conclave_participant_chat, self, index, ctypes.byref(sender))
        return sender.value, chat_text.decode()

    def admit(self, server: MeetingServer) -> int:
        """Admits the guests waiting (host only); returns how many."""
        return int(scalar_result(lib.conclave_participant_admit, ctypes.c_size_t, self, server))

    def remove(self, server: MeetingServer, leaf: int) -> None:
        """Removes the participant at `leaf` (host only)."""
        lib.conclave_participant_remove(self, server, leaf)

    def set_locked(self, server: MeetingServer, locked: bool) -> None:
        """Locks or unlocks the meeting (host only)."""
        lib.conclave_participant_set_locked(self, server, int(locked))

    def rotate_link(self, server: MeetingServer) -> MeetingLink:
        """A new link for the meeting, the old one's sessions ended (host only)."""
        return MeetingLink._made_by(lib.conclave_participant_rotate_link, self, server)

    def set_roles(self, server: MeetingServer, host: int, co_hosts: Sequence[int], locked: bool) -> None:
        """Hands the host role to the member at leaf `host` (this one's to keep it), names the
        co-hosts (ascending, not the host) and sets the lock, by a Commit (host only)."""
        leaves = leaf_array(co_hosts)
        lib.conclave_participant_set_roles(self, server, host, leaves, len(leaves), int(locked))

    def remove_and_keep_out(self, server: MeetingServer, leaf: int) -> MeetingLink:
        """Removes the member at `leaf` for good: locks, removes, rotates the link (host only).
        Returns the new link for the members who stay; the old one logs in nowhere."""
        return MeetingLink._made_by(lib.conclave_participant_remove_and_keep_out, self, server, leaf)

    def roles(self) -> Roles:
        """The roles and the lock of the current epoch."""
        host, count, locked = ctypes.c_uint32(), ctypes.c_size_t(), ctypes.c_int()
        co_hosts = leaves_result(lambda leaves, capacity: lib.conclave_participant_roles(
            self, ctypes.byref(host), leaves, capacity, ctypes.byref(count), ctypes.byref(locked)), count)
        return Roles(host.value, tuple(co_hosts), bool(locked.value))

    def pending_proposals(self) -> int:
        """How many proposals received this epoch the next commit_pending() commits."""
        return int(scalar_result(lib.conclave_participant_pending_proposals, ctypes.c_size_t, self))

    def commit_wait(self, step_ms: int = DEFAULT_COMMIT_STEP_MS) -> int:
        """This member's wait in milliseconds, from when it first saw a pending proposal, before
        its commit_pending(): its rank in the epoch's designated-committer schedule times `step_ms`."""
        return int(scalar_result(lib.conclave_participant_commit_wait, ctypes.c_uint64, self, step_ms))

    def leave(self, server: MeetingServer) -> None:
        """Leaves the meeting."""
        lib.conclave_participant_leave(self, server)

    def commit_pending(self, server: MeetingServer) -> None:
        """Commits the proposals received this epoch (SelfRemoves, a co-host's Adds)."""
        lib.conclave_participant_commit_pending(self, server)

    def update(self, server: MeetingServer) -> None:
        """Refreshes every member's keys (a Commit with a fresh path)."""
        lib.conclave_participant_update(self, server)

    def resync(self, server: MeetingServer) -> None:
        """Rejoins by an external Commit after a sync reported `stranded`."""
        lib.conclave_participant_resync(self, server)

    def send_chat(self, server: MeetingServer, chat_text: str) -> None:
        """Sends a chat message to the meeting."""
        lib.conclave_participant_send_chat(self, server, text(chat_text))

    @property
    def epoch(self) -> int:
        """The meeting group's epoch."""
        return int(scalar_result(lib.conclave_participant_epoch, ctypes.c_uint64, self))

    @property
    def own_leaf(self) -> int:
        """This participant's leaf."""
        return int(scalar_result(lib.conclave_participant_own_leaf, ctypes.c_uint32, self))

    @property
    def group_id(self) -> bytes:
        """The meeting group's ID (what load() takes)."""
        return buffer_result(lib.conclave_participant_group_id, self)

    @property
    def is_host(self) -> bool:
        """Whether this participant holds the host role."""
        return bool(scalar_result(lib.conclave_participant_is_host, ctypes.c_int, self))

    @property
    def removed(self) -> bool:
        """Whether this participant was removed from the meeting."""
        return bool(scalar_result(lib.conclave_participant_removed, ctypes.c_int, self))

    def security_code(self) -> str:
        """The security code to compare aloud with the others."""
        return buffer_result(lib.conclave_participant_security_code, self).decode()

    def epoch_authenticator(self) -> bytes:
        """The meeting group's epoch authenticator."""
        return fixed_result(lib.conclave_participant_epoch_authenticator, _MAX_HASH_SIZE, self)

    def display_name(self, leaf: int) -> str:
        """The display name of the participant at `leaf`."""
        return buffer_result(lib.conclave_participant_display_name, self, leaf).decode()

    def persist(self, store: Store) -> None:
        """Keeps this participant in `store` from now on."""
        lib.conclave_participant_persist(self, store)

    def max_protected_size(self, plaintext_size: int) -> int:
        """The most bytes protect_frame() writes for a plaintext of that size."""
        return int(scalar_result(lib.conclave_participant_max_protected_size, ctypes.c_size_t, self, plaintext_size))

    def protect_frame(self, plaintext: BytesLike, metadata: BytesLike = b"") -> bytes:
        """An SFrame frame under the meeting's media keys."""
        return self._protect(lib.conclave_participant_protect_frame, self.max_protected_size, data(metadata),
                             data(plaintext))

    def unprotect_frame(self, frame: BytesLike, metadata: BytesLike = b"") -> bytes:
        """The plaintext of a meeting SFrame frame; last_frame_info says who sent it."""
        return self._unprotect(lib.conclave_participant_unprotect_frame, data(metadata), data(frame))

    def livekit_protect(self, frame: BytesLike, codec: int = LiveKitCodec.AUDIO, key_frame: bool = False,
                        ssrc: int = 0, rtp_timestamp: int = 0) -> bytes:
        """A LiveKit frame under the meeting's LiveKit key of the current epoch (profile with `livekit`)."""
        return self._livekit_protect(lib.conclave_participant_livekit_protect, frame, codec, key_frame, ssrc,
                                     rtp_timestamp)

    def livekit_unprotect(self, frame: BytesLike, codec: int = LiveKitCodec.AUDIO, key_frame: bool = False) -> bytes:
        """The plaintext of a member's LiveKit frame; last_frame_epoch says under which epoch's key."""
        return self._livekit_unprotect(lib.conclave_participant_livekit_unprotect, frame, codec, key_frame)


def _profile(profile: Optional[MeetingProfile]) -> Any:
    return None if profile is None else ctypes.byref(profile._to_c())
