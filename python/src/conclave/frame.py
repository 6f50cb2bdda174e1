"""Media frames: SFrame (RFC 9605) keyed from MLS, and the LiveKit frame cryptor.

Each object keeps one output buffer and reuses it for every frame, so a
frame costs no allocation on the Python side beyond the bytes returned.
"""

from __future__ import annotations

import ctypes
import enum
from dataclasses import dataclass
from typing import Any, Callable, Optional, Sequence

from . import _native
from ._handle import BytesLike, Handle, data, scalar_result
from ._native import lib
from .mls import Group


class FrameBuffer:
    """A caller output buffer reused frame after frame, grown when too small."""

    def __init__(self, capacity: int = 2048) -> None:
        self.capacity = 0
        self.out: Any = None
        self.written = ctypes.c_size_t()
        self.written_pointer = ctypes.pointer(self.written)
        self.reserve(capacity)

    def reserve(self, capacity: int) -> None:
        """Makes room for `capacity` bytes."""
        if capacity > self.capacity:
            self.out, self.capacity = (ctypes.c_uint8 * capacity)(), capacity

    def result(self) -> bytes:
        """The bytes the last call wrote."""
        return ctypes.string_at(self.out, self.written.value)


@dataclass
class SframeOptions:
    """How an SFrame context works; None keeps the library's default."""

    suite: Optional[int] = None
    epoch_bits: Optional[int] = None
    index_bits: Optional[int] = None  #: -1: from the tree
    max_epochs: Optional[int] = None
    max_contexts: Optional[int] = None
    encrypt_delay_ms: Optional[int] = None


@dataclass
class FrameInfo:
    """Who sent an SFrame frame, under which key and counter."""

    epoch: int
    sender: int
    context: int
    ctr: int


class SframeSender:
    """What SFrame and a meeting Participant share: protecting and unprotecting frames."""

    def __init__(self) -> None:
        super().__init__()  # the next mixin's state (a Participant's LiveKitFrames)
        self._buffer = FrameBuffer()
        self._largest_plaintext = -1
        self._info = _native.SframeFrameInfo()
        self._info_pointer = ctypes.pointer(self._info)

    def _protect(self, protect: Callable[..., Any], max_size: Callable[[int], int], metadata: bytes,
                 plaintext: bytes, *extra: Any) -> bytes:
        if len(plaintext) > self._largest_plaintext:
            self._buffer.reserve(max_size(len(plaintext)))
            self._largest_plaintext = len(plaintext)
        buffer = self._buffer
        protect(self, metadata, len(metadata), plaintext, len(plaintext), buffer.out, buffer.capacity,
                buffer.written_pointer, *extra)
        return buffer.result()

    def _unprotect(self, unprotect: Callable[..., Any], metadata: bytes, frame: bytes) -> bytes:
        buffer = self._buffer
        buffer.reserve(len(frame))
        unprotect(self, metadata, len(metadata), frame, len(frame), buffer.out, buffer.capacity,
                  buffer.written_pointer, self._info_pointer)
        return buffer.result()

    @property
    def last_frame_info(self) -> FrameInfo:
        """Who sent the frame the last unprotect returned."""
        info = self._info
        return FrameInfo(info.epoch, info.sender, info.context, info.ctr)


class SFrame(Handle, SframeSender):
    """An SFrame context over the epochs of an MLS group (RFC 9605 section 5.2)."""

    _free_function = "conclave_sframe_free"

    @classmethod
    def create(cls, options: Optional[SframeOptions] = None) -> SFrame:
        """An SFrame context with no epoch yet."""
        native = _native.SframeOptions()
        lib.conclave_sframe_options_default(ctypes.byref(native))
        for name, value in vars(options or SframeOptions()).items():
            if value is not None:
                setattr(native, name, value)
        return cls._made_by(lib.conclave_sframe_create, ctypes.byref(native))

    def add_epoch(self, group: Group) -> None:
        """Adds the keys of `group`'s current epoch."""
        lib.conclave_sframe_add_epoch(self, group)

    def add_epoch_key(self, epoch: int, base_key: BytesLike, own_leaf: int, members: Sequence[bool]) -> None:
        """Adds an epoch from its base key; members[leaf] says whether a leaf holds a member."""
        base_key, flags = data(base_key), bytes(int(member) for member in members)
        lib.conclave_sframe_add_epoch_key(self, epoch, base_key, len(base_key), own_leaf, flags, len(flags))

    def remove_epoch(self, epoch: int) -> None:
        """Forgets an epoch's keys."""
        lib.conclave_sframe_remove_epoch(self, epoch)

    def max_protected_size(self, plaintext_size: int) -> int:
        """The most bytes protect() writes for a plaintext of that size."""
        return int(scalar_result(lib.conclave_sframe_max_protected_size, ctypes.c_size_t, self, plaintext_size))

    def protect(self, plaintext: BytesLike, metadata: BytesLike = b"", context: int = 0) -> bytes:
        """The SFrame frame of `plaintext` under the newest epoch."""
        return self._protect(lib.conclave_sframe_protect, self.max_protected_size, data(metadata), data(plaintext),
                             context)

    def unprotect(self, frame: BytesLike, metadata: BytesLike = b"") -> bytes:
        """The plaintext of an SFrame frame; last_frame_info says who sent it."""
        return self._unprotect(lib.conclave_sframe_unprotect, data(metadata), data(frame))


class LiveKitCodec(enum.IntEnum):
    """conclave_livekit_frame_info.codec (CONCLAVE_LIVEKIT_*)."""

    AUDIO = 0
    VP8 = 1
    VP9 = 2
    H264 = 3
    H265 = 4


class LiveKitFrames:
    """What LiveKit and a meeting Participant share: LiveKit frames through one
    reused output buffer, frame info and epoch output."""

    def __init__(self) -> None:
        super().__init__()
        self._livekit_buffer = FrameBuffer()
        self._livekit_info = _native.LivekitFrameInfo()
        self._livekit_info_pointer = ctypes.pointer(self._livekit_info)
        self._frame_epoch = ctypes.c_uint64()
        self._frame_epoch_pointer = ctypes.pointer(self._frame_epoch)

    def _livekit_call(self, function: Callable[..., Any], capacity: int, frame: bytes, codec: int, key_frame: bool,
                      ssrc: int, rtp_timestamp: int, *extra: Any) -> bytes:
        info, buffer = self._livekit_info, self._livekit_buffer
        info.codec, info.key_frame, info.ssrc, info.rtp_timestamp = codec, key_frame, ssrc, rtp_timestamp
        buffer.reserve(capacity)
        function(self, self._livekit_info_pointer, frame, len(frame), buffer.out, buffer.capacity,
                 buffer.written_pointer, *extra)
        return buffer.result()

    def _livekit_protect(self, function: Callable[..., Any], frame: Optional[BytesLike], codec: int, key_frame: bool,
                         ssrc: int, rtp_timestamp: int) -> bytes:
        payload = data(frame)
        capacity = lib.conclave_livekit_max_protected_size(len(payload))
        return self._livekit_call(function, capacity, payload, codec, key_frame, ssrc, rtp_timestamp)

    def _livekit_unprotect(self, function: Callable[..., Any], frame: Optional[BytesLike], codec: int,
                           key_frame: bool) -> bytes:
        payload = data(frame)
        return self._livekit_call(function, len(payload), payload, codec, key_frame, 0, 0, self._frame_epoch_pointer)

    @property
    def last_frame_epoch(self) -> int:
        """The epoch of the key that opened the frame the last unprotect returned."""
        return int(self._frame_epoch.value)


class LiveKit(Handle, LiveKitFrames):
    """LiveKit's frame cryptor (its E2EE frame format), keyed per epoch."""

    _free_function = "conclave_livekit_free"

    @classmethod
    def create(cls, normalize_start_codes: bool = False, encrypt_delay_ms: int = 0) -> LiveKit:
        """A frame cryptor with no key yet."""
        return cls._made_by(lib.conclave_livekit_create, int(normalize_start_codes), encrypt_delay_ms)

    def set_key(self, epoch: int, material: BytesLike) -> None:
        """Sets the key material of `epoch`."""
        material = data(material)
        lib.conclave_livekit_set_key(self, epoch, material, len(material))

    def set_key_from_group(self, group: Group) -> None:
        """Sets the key of `group`'s current epoch."""
        lib.conclave_livekit_set_key_from_group(self, group)

    def set_send_count(self, ssrc: int, send_count: int) -> None:
        """Fixes the send count of the next frame of `ssrc` (for test vectors)."""
        lib.conclave_livekit_set_send_count(self, ssrc, send_count)

    @staticmethod
    def max_protected_size(frame_size: int) -> int:
        """The most bytes protect() writes for a frame of that size."""
        return int(lib.conclave_livekit_max_protected_size(frame_size))

    def protect(self, frame: BytesLike, codec: int = LiveKitCodec.AUDIO, key_frame: bool = False, ssrc: int = 0,
                rtp_timestamp: int = 0) -> bytes:
        """The encrypted frame."""
        return self._livekit_protect(lib.conclave_livekit_protect, frame, codec, key_frame, ssrc, rtp_timestamp)

    def unprotect(self, frame: BytesLike, codec: int = LiveKitCodec.AUDIO, key_frame: bool = False) -> bytes:
        """The decrypted frame; last_frame_epoch says under which epoch's key."""
        return self._livekit_unprotect(lib.conclave_livekit_unprotect, frame, codec, key_frame)
