"""SFrame over MLS and the LiveKit cryptor through the package: frames
between two members, their senders, and the reused output buffer."""

from __future__ import annotations

from conclave import LiveKit, LiveKitCodec, SFrame, SframeOptions, Status

from conftest import Pair, expect_reused_buffer, fails_with


def test_sframe_frames_between_members(pair: Pair) -> None:
    with SFrame.create() as sender, SFrame.create() as receiver:
        sender.add_epoch(pair.alice)
        receiver.add_epoch(pair.bob)
        frame = sender.protect(b"audio frame", metadata=b"header", context=3)
        assert len(frame) <= sender.max_protected_size(len(b"audio frame"))
        assert receiver.unprotect(frame, metadata=b"header") == b"audio frame"
        info = receiver.last_frame_info
        assert (info.epoch, info.sender, info.context, info.ctr) == (1, 0, 3, 0)
        with fails_with(Status.REPLAYED_COUNTER):
            receiver.unprotect(frame, metadata=b"header")
        with fails_with(Status.AEAD_FAILURE):
            receiver.unprotect(sender.protect(b"x", metadata=b"header"), metadata=b"other")


def test_sframe_reuses_its_output_buffer(pair: Pair) -> None:
    with SFrame.create() as sender:
        sender.add_epoch(pair.alice)
        expect_reused_buffer(sender.protect, sender._buffer)


def test_sframe_epoch_from_its_parts() -> None:
    options = SframeOptions(index_bits=4)
    with SFrame.create(options) as sender, SFrame.create(options) as receiver:
        key = bytes(range(16))
        sender.add_epoch_key(7, key, 0, [True, True])
        receiver.add_epoch_key(7, key, 1, [True, True])
        assert receiver.unprotect(sender.protect(b"frame")) == b"frame"
        assert receiver.last_frame_info.epoch == 7
        with fails_with(Status.INVALID_ARGUMENT):
            sender.add_epoch_key(8, key[:15], 0, [True, True])
        receiver.remove_epoch(7)
        with fails_with(Status.WRONG_EPOCH):
            receiver.unprotect(sender.protect(b"frame"))


def test_livekit_frames_between_members(pair: Pair) -> None:
    with LiveKit.create() as sender, LiveKit.create() as receiver:
        sender.set_key_from_group(pair.alice)
        receiver.set_key_from_group(pair.bob)
        frame = sender.protect(b"\x90" * 200, codec=LiveKitCodec.VP8, key_frame=True, ssrc=5, rtp_timestamp=9)
        assert len(frame) <= LiveKit.max_protected_size(200)
        assert receiver.unprotect(frame, codec=LiveKitCodec.VP8, key_frame=True) == b"\x90" * 200
        assert receiver.last_frame_epoch == 1


def test_livekit_key_material(pair: Pair) -> None:
    with LiveKit.create() as cryptor:
        with fails_with(Status.INVALID_LENGTH):
            cryptor.set_key(1, b"k" * 31)
        cryptor.set_key(1, b"k" * 32)
        cryptor.set_send_count(0, 41)
        with LiveKit.create() as receiver:
            receiver.set_key(1, b"k" * 32)
            assert receiver.unprotect(cryptor.protect(b"opus")) == b"opus"
