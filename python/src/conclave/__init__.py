"""Conclave over its C API (libconclave.so, through ctypes): MLS (RFC 9420),
SFrame (RFC 9605) and the LiveKit frame cryptor, SRP-6a, and meetings.

Every handle class is a context manager; close() frees (again: nothing), and
a closed handle raises ConclaveError(INVALID_HANDLE). Errors are
ConclaveError with the C status's ``code``, ``name`` and ``status``. Where
the library is loaded from: see conclave._loader (CONCLAVE_LIBRARY first).
"""

from ._native import lib as _lib
from .errors import ConclaveError, Status
from .frame import FrameInfo, LiveKit, LiveKitCodec, SFrame, SframeOptions
from .meeting import (DEFAULT_COMMIT_STEP_MS, Guest, MeetingLink, MeetingProfile, MeetingServer, Participant, Roles,
                      SyncReport)
from .mls import (DEFAULT_SUITE, CommitOptions, CommitOutput, Group, GroupConfig, KeyPackage, Received, ReceivedKind,
                  SenderType)
from .srp import SrpClient, SrpServer, SrpVariant
from .storage import Store

__version__ = "0.1.0"
#: The library's version, "major.minor.patch".
library_version: str = _lib.conclave_version_string().decode()

__all__ = ["ConclaveError", "Status", "FrameInfo", "LiveKit", "LiveKitCodec", "SFrame", "SframeOptions", "Guest",
           "MeetingLink", "MeetingProfile", "MeetingServer", "Participant", "Roles", "SyncReport",
           "DEFAULT_COMMIT_STEP_MS", "DEFAULT_SUITE", "CommitOptions", "CommitOutput", "Group", "GroupConfig",
           "KeyPackage", "Received", "ReceivedKind", "SenderType",
           "SrpClient", "SrpServer", "SrpVariant", "Store", "library_version"]
