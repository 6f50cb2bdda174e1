"""The C API as ctypes sees it: its structs and every function's prototype.

Handles are ``c_void_p`` whatever their kind, so that a handle of the wrong
kind reaches the library's own check (``CONCLAVE_E_INVALID_HANDLE``). Input
bytes and strings are ``c_char_p``: a ``bytes`` object is passed without a
copy. Every function returning a ``conclave_status`` raises ConclaveError
for an error status (through ``errcheck``).
"""

from __future__ import annotations

import ctypes
from ctypes import POINTER, Structure, c_char_p, c_int, c_int32, c_size_t, c_uint8, c_uint16, c_uint32, c_uint64, c_void_p
from typing import Any

from . import _loader
from .errors import ConclaveError, Status


class Buffer(Structure):
    """conclave_buffer: bytes the library allocated."""
    _fields_ = [("data", POINTER(c_uint8)), ("size", c_size_t)]


class ExternalPsk(Structure):
    """conclave_external_psk."""
    _fields_ = [("id", c_char_p), ("id_size", c_size_t), ("secret", c_char_p), ("secret_size", c_size_t)]


class GroupConfig(Structure):
    """conclave_group_config."""
    _fields_ = [("past_epochs", c_size_t), ("max_cached_proposals", c_size_t),
                ("out_of_order_window", c_uint32), ("max_forward_distance", c_uint32),
                ("external_psks", POINTER(ExternalPsk)), ("external_psk_count", c_size_t)]


class Bytes(Structure):
    """conclave_bytes."""
    _fields_ = [("data", c_char_p), ("size", c_size_t)]


class CommitOptions(Structure):
    """conclave_commit_options."""
    _fields_ = [("add_key_packages", POINTER(Bytes)), ("add_count", c_size_t),
                ("remove_leaves", POINTER(c_uint32)), ("remove_count", c_size_t),
                ("external_psk_ids", POINTER(Bytes)), ("external_psk_count", c_size_t),
                ("include_received", c_int), ("force_path", c_int), ("ratchet_tree_in_welcome", c_int),
                ("encrypt", c_int), ("group_info", c_int),
                ("authenticated_data", c_char_p), ("authenticated_data_size", c_size_t)]


class CommitOutput(Structure):
    """conclave_commit_output."""
    _fields_ = [("commit", Buffer), ("welcome", Buffer), ("group_info", Buffer)]


class Received(Structure):
    """conclave_received."""
    _fields_ = [("kind", c_int), ("sender_type", c_uint8), ("sender_index", c_uint32), ("removed", c_int),
                ("epoch", c_uint64), ("application_data", Buffer), ("authenticated_data", Buffer)]


class SframeOptions(Structure):
    """conclave_sframe_options."""
    _fields_ = [("suite", c_uint16), ("epoch_bits", c_uint32), ("index_bits", c_int32), ("max_epochs", c_size_t),
                ("max_contexts", c_uint64), ("encrypt_delay_ms", c_uint32)]


class SframeFrameInfo(Structure):
    """conclave_sframe_frame_info."""
    _fields_ = [("epoch", c_uint64), ("sender", c_uint32), ("context", c_uint64), ("ctr", c_uint64)]


class LivekitFrameInfo(Structure):
    """conclave_livekit_frame_info."""
    _fields_ = [("codec", c_uint32), ("key_frame", c_int), ("ssrc", c_uint32), ("rtp_timestamp", c_uint32)]


class MeetingProfile(Structure):
    """conclave_meeting_profile."""
    _fields_ = [("suite", c_uint16), ("sframe", c_int), ("livekit", c_int)]


class SyncReport(Structure):
    """conclave_sync_report."""
    _fields_ = [("commits", c_size_t), ("chats", c_size_t), ("refused", c_size_t), ("removed", c_int),
                ("link_rotated", c_int), ("stranded", c_int)]


H = c_void_p  # any handle
HP = POINTER(c_void_p)  # a handle output
B = c_char_p  # input bytes, or a NUL-terminated string
Z = c_size_t
ZP = POINTER(c_size_t)
BUF = POINTER(Buffer)
OUT = c_void_p  # a caller output buffer
STATUS = c_int

# name: (return type, argument types); a STATUS return raises on an error.
PROTOTYPES: dict[str, tuple[Any, list[Any]]] = {
    "conclave_version_string": (c_char_p, []),
    "conclave_version_number": (c_uint32, []),
    "conclave_status_name": (c_char_p, [c_int]),
    "conclave_buffer_free": (None, [BUF]),
    # MLS
    "conclave_key_package_create": (STATUS, [c_uint16, B, Z, HP]),
    "conclave_key_package_public": (STATUS, [H, BUF]),
    "conclave_key_package_ref": (STATUS, [H, BUF]),
    "conclave_key_package_free": (None, [H]),
    "conclave_group_config_default": (None, [POINTER(GroupConfig)]),
    "conclave_group_create": (STATUS, [c_uint16, B, Z, H, POINTER(GroupConfig), HP]),
    "conclave_group_join": (STATUS, [B, Z, H, B, Z, POINTER(GroupConfig), HP]),
    "conclave_group_join_external": (STATUS, [B, Z, H, B, Z, POINTER(GroupConfig), HP, BUF]),
    "conclave_group_set_external_psk": (STATUS, [H, B, Z, B, Z]),
    "conclave_group_propose_add": (STATUS, [H, B, Z, c_int, BUF]),
    "conclave_group_propose_remove": (STATUS, [H, c_uint32, c_int, BUF]),
    "conclave_group_propose_update": (STATUS, [H, c_int, BUF]),
    "conclave_group_propose_external_psk": (STATUS, [H, B, Z, c_int, BUF]),
    "conclave_group_propose_self_remove": (STATUS, [H, BUF]),
    "conclave_commit_options_default": (None, [POINTER(CommitOptions)]),
    "conclave_commit_output_free": (None, [POINTER(CommitOutput)]),
    "conclave_group_commit": (STATUS, [H, POINTER(CommitOptions), POINTER(CommitOutput)]),
    "conclave_group_merge_pending_commit": (STATUS, [H]),
    "conclave_group_discard_pending_commit": (STATUS, [H]),
    "conclave_group_has_pending_commit": (STATUS, [H, POINTER(c_int)]),
    "conclave_received_free": (None, [POINTER(Received)]),
    "conclave_group_process": (STATUS, [H, B, Z, POINTER(Received)]),
    "conclave_group_protect": (STATUS, [H, B, Z, B, Z, BUF]),
    "conclave_group_epoch": (STATUS, [H, POINTER(c_uint64)]),
    "conclave_group_own_leaf": (STATUS, [H, POINTER(c_uint32)]),
    "conclave_group_cipher_suite": (STATUS, [H, POINTER(c_uint16)]),
    "conclave_group_id": (STATUS, [H, BUF]),
    "conclave_group_epoch_authenticator": (STATUS, [H, OUT, Z, ZP]),
    "conclave_group_export_secret": (STATUS, [H, B, B, Z, OUT, Z]),
    "conclave_group_members": (STATUS, [H, POINTER(c_uint32), Z, ZP]),
    "conclave_group_member_identity": (STATUS, [H, c_uint32, BUF]),
    "conclave_group_info": (STATUS, [H, c_int, BUF]),
    "conclave_group_ratchet_tree": (STATUS, [H, BUF]),
    "conclave_group_serialize": (STATUS, [H, BUF]),
    "conclave_group_deserialize": (STATUS, [B, Z, POINTER(GroupConfig), HP]),
    "conclave_group_free": (None, [H]),
    # Storage
    "conclave_store_open_memory": (STATUS, [HP]),
    "conclave_store_open_sqlite": (STATUS, [B, HP]),
    "conclave_store_open_sqlite_encrypted": (STATUS, [B, B, Z, HP]),
    "conclave_store_free": (None, [H]),
    "conclave_store_save_key_package": (STATUS, [H, H]),
    "conclave_group_join_from_store": (STATUS, [B, Z, H, B, Z, POINTER(GroupConfig), HP]),
    "conclave_group_persist": (STATUS, [H, H]),
    "conclave_group_load": (STATUS, [H, B, Z, POINTER(GroupConfig), HP]),
    "conclave_group_erase": (STATUS, [H, B, Z]),
    # SRP
    "conclave_srp_variant_rfc5054": (STATUS, [c_uint32, HP]),
    "conclave_srp_variant_proton": (STATUS, [B, Z, HP]),
    "conclave_srp_variant_free": (None, [H]),
    "conclave_srp_register": (STATUS, [H, B, Z, B, Z, BUF, BUF]),
    "conclave_srp_client_create": (STATUS, [H, B, Z, B, Z, HP]),
    "conclave_srp_client_start": (STATUS, [H, BUF]),
    "conclave_srp_client_respond": (STATUS, [H, B, Z, B, Z, BUF]),
    "conclave_srp_client_verify": (STATUS, [H, B, Z]),
    "conclave_srp_client_session_key": (STATUS, [H, BUF]),
    "conclave_srp_client_free": (None, [H]),
    "conclave_srp_server_create": (STATUS, [H, B, Z, B, Z, B, Z, HP]),
    "conclave_srp_server_challenge": (STATUS, [H, BUF]),
    "conclave_srp_server_receive": (STATUS, [H, B, Z]),
    "conclave_srp_server_verify": (STATUS, [H, B, Z, BUF]),
    "conclave_srp_server_session_key": (STATUS, [H, BUF]),
    "conclave_srp_server_free": (None, [H]),
    # SFrame and LiveKit
    "conclave_sframe_options_default": (None, [POINTER(SframeOptions)]),
    "conclave_sframe_create": (STATUS, [POINTER(SframeOptions), HP]),
    "conclave_sframe_add_epoch": (STATUS, [H, H]),
    "conclave_sframe_add_epoch_key": (STATUS, [H, c_uint64, B, Z, c_uint32, B, Z]),
    "conclave_sframe_remove_epoch": (STATUS, [H, c_uint64]),
    "conclave_sframe_max_protected_size": (STATUS, [H, Z, ZP]),
    "conclave_sframe_protect": (STATUS, [H, B, Z, B, Z, OUT, Z, ZP, c_uint64]),
    "conclave_sframe_unprotect": (STATUS, [H, B, Z, B, Z, OUT, Z, ZP, POINTER(SframeFrameInfo)]),
    "conclave_sframe_free": (None, [H]),
    "conclave_livekit_create": (STATUS, [c_int, c_uint32, HP]),
    "conclave_livekit_set_key": (STATUS, [H, c_uint64, B, Z]),
    "conclave_livekit_set_key_from_group": (STATUS, [H, H]),
    "conclave_livekit_set_send_count": (STATUS, [H, c_uint32, c_uint32]),
    "conclave_livekit_max_protected_size": (c_size_t, [Z]),
    "conclave_livekit_protect": (STATUS, [H, POINTER(LivekitFrameInfo), B, Z, OUT, Z, ZP]),
    "conclave_livekit_unprotect": (STATUS, [H, POINTER(LivekitFrameInfo), B, Z, OUT, Z, ZP, POINTER(c_uint64)]),
    "conclave_livekit_free": (None, [H]),
    # Meetings
    "conclave_meeting_server_create": (STATUS, [H, HP]),
    "conclave_meeting_server_free": (None, [H]),
    "conclave_meeting_link_generate": (STATUS, [B, HP]),
    "conclave_meeting_link_parse": (STATUS, [B, HP]),
    "conclave_meeting_link_url": (STATUS, [H, BUF]),
    "conclave_meeting_link_id": (STATUS, [H, BUF]),
    "conclave_meeting_link_password": (STATUS, [H, B, BUF]),
    "conclave_meeting_link_free": (None, [H]),
    "conclave_meeting_profile_default": (None, [POINTER(MeetingProfile)]),
    "conclave_meeting_host": (STATUS, [H, H, B, Z, B, B, POINTER(MeetingProfile), HP]),
    "conclave_guest_log_in": (STATUS, [H, H, B, Z, B, POINTER(MeetingProfile), HP]),
    "conclave_guest_title": (STATUS, [H, BUF]),
    "conclave_guest_request_welcome": (STATUS, [H, H, c_int]),
    "conclave_guest_join": (STATUS, [H, H, HP]),
    "conclave_guest_join_external": (STATUS, [H, H, HP]),
    "conclave_guest_free": (None, [H]),
    "conclave_participant_sync": (STATUS, [H, H, POINTER(SyncReport)]),
    "conclave_participant_chat": (STATUS, [H, Z, POINTER(c_uint32), BUF]),
    "conclave_participant_admit": (STATUS, [H, H, ZP]),
    "conclave_participant_remove": (STATUS, [H, H, c_uint32]),
    "conclave_participant_set_locked": (STATUS, [H, H, c_int]),
    "conclave_participant_rotate_link": (STATUS, [H, H, HP]),
    "conclave_participant_leave": (STATUS, [H, H]),
    "conclave_participant_commit_pending": (STATUS, [H, H]),
    "conclave_participant_update": (STATUS, [H, H]),
    "conclave_participant_resync": (STATUS, [H, H]),
    "conclave_participant_set_roles": (STATUS, [H, H, c_uint32, POINTER(c_uint32), Z, c_int]),
    "conclave_participant_remove_and_keep_out": (STATUS, [H, H, c_uint32, HP]),
    "conclave_participant_roles": (STATUS, [H, POINTER(c_uint32), POINTER(c_uint32), Z, ZP, POINTER(c_int)]),
    "conclave_participant_pending_proposals": (STATUS, [H, ZP]),
    "conclave_participant_commit_wait": (STATUS, [H, c_uint32, POINTER(c_uint64)]),
    "conclave_participant_send_chat": (STATUS, [H, H, B]),
    "conclave_participant_epoch": (STATUS, [H, POINTER(c_uint64)]),
    "conclave_participant_own_leaf": (STATUS, [H, POINTER(c_uint32)]),
    "conclave_participant_is_host": (STATUS, [H, POINTER(c_int)]),
    "conclave_participant_removed": (STATUS, [H, POINTER(c_int)]),
    "conclave_participant_group_id": (STATUS, [H, BUF]),
    "conclave_participant_security_code": (STATUS, [H, BUF]),
    "conclave_participant_epoch_authenticator": (STATUS, [H, OUT, Z, ZP]),
    "conclave_participant_display_name": (STATUS, [H, c_uint32, BUF]),
    "conclave_participant_persist": (STATUS, [H, H]),
    "conclave_participant_load": (STATUS, [H, B, Z, H, POINTER(MeetingProfile), HP]),
    "conclave_participant_max_protected_size": (STATUS, [H, Z, ZP]),
    "conclave_participant_protect_frame": (STATUS, [H, B, Z, B, Z, OUT, Z, ZP]),
    "conclave_participant_unprotect_frame": (STATUS, [H, B, Z, B, Z, OUT, Z, ZP, POINTER(SframeFrameInfo)]),
    "conclave_participant_livekit_protect": (STATUS, [H, POINTER(LivekitFrameInfo), B, Z, OUT, Z, ZP]),
    "conclave_participant_livekit_unprotect": (STATUS, [H, POINTER(LivekitFrameInfo), B, Z, OUT, Z, ZP,
                                                        POINTER(c_uint64)]),
    "conclave_participant_free": (None, [H]),
}


def error(code: int) -> ConclaveError:
    """The ConclaveError of a status code, named by the library."""
    return ConclaveError(code, lib.conclave_status_name(code).decode())


def invalid_argument() -> ConclaveError:
    """What the C API returns for a missing argument, raised before calling it."""
    return error(Status.INVALID_ARGUMENT)


def _check(status: int, function: Any, arguments: tuple[Any, ...]) -> int:
    if status != 0:
        raise error(status)
    return status


def _declare(library: ctypes.CDLL) -> ctypes.CDLL:
    for name, (restype, argtypes) in PROTOTYPES.items():
        function = getattr(library, name)
        function.restype = restype
        function.argtypes = argtypes
        if restype is STATUS:
            function.errcheck = _check
    return library


lib = _declare(_loader.load())
