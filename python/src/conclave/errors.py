"""ConclaveError and the status codes of the C API (include/conclave.h)."""

from __future__ import annotations

import enum


class Status(enum.IntEnum):
    """conclave_status: CONCLAVE_OK and CONCLAVE_E_<NAME> as NAME."""

    OK = 0
    TRUNCATED = 1
    TRAILING_DATA = 2
    LENGTH_LIMIT = 3
    NON_MINIMAL_VARINT = 4
    INVALID_VARINT = 5
    INVALID_VALUE = 6
    UNKNOWN_VARIANT = 7
    INVALID_HEX = 8
    INVALID_LENGTH = 9
    INVALID_PUBLIC_KEY = 10
    INVALID_PRIVATE_KEY = 11
    DH_FAILURE = 12
    DERIVE_KEY_PAIR_FAILED = 13
    AEAD_FAILURE = 14
    SIGNATURE_INVALID = 15
    UNSUPPORTED_ALGORITHM = 16
    INVALID_ARGUMENT = 17
    MESSAGE_LIMIT = 18
    WRONG_GROUP = 19
    WRONG_EPOCH = 20
    INVALID_SENDER = 21
    GENERATION_CONSUMED = 22
    GENERATION_TOO_FAR = 23
    INVALID_PADDING = 24
    MEMBERSHIP_TAG_INVALID = 25
    CONFIRMATION_TAG_INVALID = 26
    CONTENT_NOT_ALLOWED = 27
    INVALID_TREE = 28
    PARENT_HASH_INVALID = 29
    DUPLICATE_KEY = 30
    CAPABILITY_MISMATCH = 31
    LIFETIME_INVALID = 32
    INVALID_PROPOSAL = 33
    UNKNOWN_PROPOSAL = 34
    PATH_REQUIRED = 35
    UNKNOWN_PSK = 36
    NOT_IN_GROUP = 37
    GROUP_REINITIALIZED = 38
    CREDENTIAL_REJECTED = 39
    INVALID_GROUP = 40
    GROUP_TOO_SMALL = 41
    ZERO_SCRAMBLER = 42
    PROOF_INVALID = 43
    OUT_OF_ORDER = 44
    NON_MINIMAL_HEADER = 45
    UNKNOWN_KEY = 46
    REPLAYED_COUNTER = 47
    BUFFER_TOO_SMALL = 48
    INVALID_LINK = 49
    PSK_MISSING = 50
    NOT_PERMITTED = 51
    UNKNOWN_MEETING = 52
    DECODE_LIMIT = 53
    DUPLICATE_EXTENSION = 54
    PROPOSAL_REJECTED = 55
    SESSION_EXPIRED = 56
    EPOCH_EXPIRED = 57
    STORAGE_FAILURE = 58
    STORAGE_CORRUPT = 59
    MEMBERSHIP_PROOF_INVALID = 60
    PARTIAL_UNSUPPORTED = 61
    INTERNAL = 62
    INVALID_HANDLE = 200
    NO_MEMORY = 201

class ConclaveError(Exception):
    """A call into libconclave returned an error.

    ``code`` is the conclave_status value, ``name`` the library's name for it
    (conclave_status_name()), and ``status`` the Status member (None for a
    code this package does not know).
    """

    def __init__(self, code: int, name: str) -> None:
        super().__init__(f"{name} (conclave status {code})")
        self.code = code
        self.name = name
        self.status: Status | None = Status(code) if code in Status._value2member_map_ else None
