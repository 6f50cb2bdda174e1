"""MLS (RFC 9420): KeyPackages and groups."""

from __future__ import annotations

import ctypes
import enum
from dataclasses import dataclass, field
from typing import Any, Optional

from . import _native
from ._handle import (BytesLike, Handle, buffer_result, copy, data, fixed_result, leaf_array, leaves_result,
                      optional_data, scalar_result, take, text)
from ._native import lib
from .storage import Store

#: MLS_128_DHKEMX25519_AES128GCM_SHA256_Ed25519, the default cipher suite.
DEFAULT_SUITE = 1
_MAX_HASH_SIZE = 64


class KeyPackage(Handle):
    """A KeyPackage with its private keys (RFC 9420 section 10). Creating or
    joining a group with it spends it: a later use raises INVALID_ARGUMENT."""

    _free_function = "conclave_key_package_free"

    @classmethod
    def create(cls, identity: BytesLike, suite: int = DEFAULT_SUITE) -> KeyPackage:
        """A KeyPackage with a basic credential of `identity` and a fresh signature key."""
        identity = data(identity)
        return cls._made_by(lib.conclave_key_package_create, suite, identity, len(identity))

    def public(self) -> bytes:
        """The MLSMessage(KeyPackage), to publish."""
        return buffer_result(lib.conclave_key_package_public, self)

    def ref(self) -> bytes:
        """Its KeyPackageRef (section 5.2)."""
        return buffer_result(lib.conclave_key_package_ref, self)


@dataclass
class GroupConfig:
    """A group's settings; None keeps the library's default."""

    past_epochs: Optional[int] = None
    max_cached_proposals: Optional[int] = None
    out_of_order_window: Optional[int] = None
    max_forward_distance: Optional[int] = None
    external_psks: dict[bytes, bytes] = field(default_factory=dict)

    def _to_c(self) -> _native.GroupConfig:
        config = _native.GroupConfig()
        lib.conclave_group_config_default(ctypes.byref(config))
        _override(config, self, ("past_epochs", "max_cached_proposals", "out_of_order_window", "max_forward_distance"))
        psks = (_native.ExternalPsk * len(self.external_psks))()
        for slot, (psk_id, secret) in zip(psks, self.external_psks.items()):
            slot.id, slot.id_size, slot.secret, slot.secret_size = psk_id, len(psk_id), secret, len(secret)
        config.external_psks, config.external_psk_count = psks, len(psks)
        return config


@dataclass
class CommitOptions:
    """What a Commit carries (RFC 9420 section 12.4.1); None keeps the library's default."""

    add: list[bytes] = field(default_factory=list)
    remove: list[int] = field(default_factory=list)
    external_psks: list[bytes] = field(default_factory=list)
    include_received: Optional[bool] = None
    force_path: Optional[bool] = None
    ratchet_tree_in_welcome: Optional[bool] = None
    encrypt: Optional[bool] = None
    group_info: Optional[bool] = None
    authenticated_data: bytes = b""

    def _to_c(self) -> _native.CommitOptions:
        options = _native.CommitOptions()
        lib.conclave_commit_options_default(ctypes.byref(options))
        _override(options, self, ("include_received", "force_path", "ratchet_tree_in_welcome", "encrypt", "group_info"))
        options.add_key_packages, options.add_count = _bytes_array(self.add), len(self.add)
        options.remove_leaves = leaf_array(self.remove)
        options.remove_count = len(self.remove)
        options.external_psk_ids = _bytes_array(self.external_psks)
        options.external_psk_count = len(self.external_psks)
        options.authenticated_data = self.authenticated_data
        options.authenticated_data_size = len(self.authenticated_data)
        return options


@dataclass
class CommitOutput:
    """The messages of a Commit: the Commit, and a Welcome and a GroupInfo when there are."""

    commit: bytes
    welcome: Optional[bytes]
    group_info: Optional[bytes]


class ReceivedKind(enum.IntEnum):
    """What a processed message carried (CONCLAVE_RECEIVED_*)."""

    APPLICATION = 0
    PROPOSAL = 1
    COMMIT = 2


class SenderType(enum.IntEnum):
    """Who sent a processed message: RFC 9420's SenderType (CONCLAVE_SENDER_*)."""

    MEMBER = 1
    EXTERNAL = 2
    NEW_MEMBER_PROPOSAL = 3
    NEW_MEMBER_COMMIT = 4


@dataclass
class Received:
    """What processing a message produced."""

    kind: ReceivedKind
    sender_type: SenderType
    sender_index: int
    removed: bool
    epoch: int
    application_data: bytes
    authenticated_data: bytes


class Group(Handle):
    """One member's state in one MLS group. A failed call leaves it unchanged."""

    _free_function = "conclave_group_free"

    @classmethod
    def create(cls, group_id: BytesLike, creator: KeyPackage, suite: int = DEFAULT_SUITE,
               config: Optional[GroupConfig] = None) -> Group:
        """A one-member group of `creator` (which it spends), at epoch 0."""
        group_id = data(group_id)
        return cls._made_by(lib.conclave_group_create, suite, group_id, len(group_id), creator, _config(config))

    @classmethod
    def join(cls, welcome: BytesLike, key_package: KeyPackage, ratchet_tree: Optional[BytesLike] = None,
             config: Optional[GroupConfig] = None) -> Group:
        """Joins from a Welcome (the tree from its GroupInfo unless given)."""
        return cls._joined(lib.conclave_group_join, welcome, key_package, ratchet_tree, config)

    @classmethod
    def join_external(cls, group_info: BytesLike, key_package: KeyPackage, ratchet_tree: Optional[BytesLike] = None,
                      config: Optional[GroupConfig] = None) -> tuple[Group, bytes]:
        """Joins by an external Commit; returns the group and the Commit to send."""
        info, tree = data(group_info), optional_data(ratchet_tree)
        out, commit = ctypes.c_void_p(), _native.Buffer()
        lib.conclave_group_join_external(info, len(info), key_package, tree, len(tree), _config(config),
                                         ctypes.byref(out), ctypes.byref(commit))
        return cls(out.value or 0), take(commit)

    @classmethod
    def join_from_store(cls, welcome: BytesLike, store: Store, ratchet_tree: Optional[BytesLike] = None,
                        config: Optional[GroupConfig] = None) -> Group:
        """Joins from a Welcome for a KeyPackage kept in `store`, and keeps the group there."""
        return cls._joined(lib.conclave_group_join_from_store, welcome, store, ratchet_tree, config)

    @classmethod
    def _joined(cls, function: Any, welcome: BytesLike, keys: Handle, ratchet_tree: Optional[BytesLike],
                config: Optional[GroupConfig]) -> Group:
        """A group joined from a Welcome with the keys of a KeyPackage handle or a store."""
        welcome, tree = data(welcome), optional_data(ratchet_tree)
        return cls._made_by(function, welcome, len(welcome), keys, tree, len(tree), _config(config))

    @classmethod
    def load(cls, store: Store, group_id: BytesLike, config: Optional[GroupConfig] = None) -> Group:
        """The group kept in `store` under `group_id`."""
        group_id = data(group_id)
        return cls._made_by(lib.conclave_group_load, store, group_id, len(group_id), _config(config))

    @classmethod
    def deserialize(cls, stored: BytesLike, config: Optional[GroupConfig] = None) -> Group:
        """A group from what serialize() returned."""
        stored = data(stored)
        return cls._made_by(lib.conclave_group_deserialize, stored, len(stored), _config(config))

    def set_external_psk(self, psk_id: BytesLike, secret: BytesLike) -> None:
        """Gives the group an external PSK."""
        psk_id, secret = data(psk_id), data(secret)
        lib.conclave_group_set_external_psk(self, psk_id, len(psk_id), secret, len(secret))

    def propose_add(self, key_package: BytesLike, encrypt: bool = False) -> bytes:
        """An Add proposal of an MLSMessage(KeyPackage)."""
        key_package = data(key_package)
        return buffer_result(lib.conclave_group_propose_add, self, key_package, len(key_package), int(encrypt))

    def propose_remove(self, leaf: int, encrypt: bool = False) -> bytes:
        """A Remove proposal of the member at `leaf`."""
        return buffer_result(lib.conclave_group_propose_remove, self, leaf, int(encrypt))

    def propose_update(self, encrypt: bool = False) -> bytes:
        """An Update proposal of this member's leaf."""
        return buffer_result(lib.conclave_group_propose_update, self, int(encrypt))

    def propose_external_psk(self, psk_id: BytesLike, encrypt: bool = False) -> bytes:
        """A PreSharedKey proposal of an external PSK the group holds."""
        psk_id = data(psk_id)
        return buffer_result(lib.conclave_group_propose_external_psk, self, psk_id, len(psk_id), int(encrypt))

    def propose_self_remove(self) -> bytes:
        """A SelfRemove proposal."""
        return buffer_result(lib.conclave_group_propose_self_remove, self)

    def commit(self, options: Optional[CommitOptions] = None) -> CommitOutput:
        """A staged Commit: merge_pending_commit() or discard_pending_commit() next."""
        out = _native.CommitOutput()
        lib.conclave_group_commit(self, ctypes.byref((options or CommitOptions())._to_c()), ctypes.byref(out))
        try:
            return CommitOutput(copy(out.commit), copy(out.welcome) or None, copy(out.group_info) or None)
        finally:
            lib.conclave_commit_output_free(ctypes.byref(out))

    def merge_pending_commit(self) -> None:
        """Enters the epoch of the staged Commit."""
        lib.conclave_group_merge_pending_commit(self)

    def discard_pending_commit(self) -> None:
        """Forgets the staged Commit."""
        lib.conclave_group_discard_pending_commit(self)

    @property
    def has_pending_commit(self) -> bool:
        """Whether a Commit is staged."""
        return bool(scalar_result(lib.conclave_group_has_pending_commit, ctypes.c_int, self))

    def process(self, message: BytesLike) -> Received:
        """Processes an MLSMessage (application data, a proposal or a Commit)."""
        message = data(message)
        out = _native.Received()
        lib.conclave_group_process(self, message, len(message), ctypes.byref(out))
        try:
            return Received(ReceivedKind(out.kind), SenderType(out.sender_type), out.sender_index, bool(out.removed), out.epoch,
                            copy(out.application_data), copy(out.authenticated_data))
        finally:
            lib.conclave_received_free(ctypes.byref(out))

    def protect(self, application_data: BytesLike, authenticated_data: Optional[BytesLike] = None) -> bytes:
        """An application message (PrivateMessage)."""
        plaintext, aad = data(application_data), optional_data(authenticated_data)
        return buffer_result(lib.conclave_group_protect, self, plaintext, len(plaintext), aad, len(aad))

    @property
    def epoch(self) -> int:
        """The current epoch."""
        return int(scalar_result(lib.conclave_group_epoch, ctypes.c_uint64, self))

    @property
    def own_leaf(self) -> int:
        """This member's leaf index."""
        return int(scalar_result(lib.conclave_group_own_leaf, ctypes.c_uint32, self))

    @property
    def cipher_suite(self) -> int:
        """The group's cipher suite."""
        return int(scalar_result(lib.conclave_group_cipher_suite, ctypes.c_uint16, self))

    @property
    def group_id(self) -> bytes:
        """The group's ID."""
        return buffer_result(lib.conclave_group_id, self)

    def epoch_authenticator(self) -> bytes:
        """The epoch authenticator (RFC 9420 section 8.7)."""
        return fixed_result(lib.conclave_group_epoch_authenticator, _MAX_HASH_SIZE, self)

    def export_secret(self, label: str, context: BytesLike, length: int) -> bytes:
        """MLS-Exporter(label, context, length) (RFC 9420 section 8.5)."""
        label_bytes, context = text(label), data(context)
        out = (ctypes.c_uint8 * length)()
        lib.conclave_group_export_secret(self, label_bytes, context, len(context), out, length)
        return bytes(out)

    def members(self) -> list[int]:
        """The leaf indices of the members."""
        count = ctypes.c_size_t()
        return leaves_result(lambda leaves, capacity: lib.conclave_group_members(self, leaves, capacity,
                                                                                 ctypes.byref(count)), count)

    def member_identity(self, leaf: int) -> bytes:
        """The identity of the basic credential at `leaf`."""
        return buffer_result(lib.conclave_group_member_identity, self, leaf)

    def group_info(self, with_tree: bool = True) -> bytes:
        """A signed MLSMessage(GroupInfo), for external joiners."""
        return buffer_result(lib.conclave_group_info, self, int(with_tree))

    def ratchet_tree(self) -> bytes:
        """The ratchet tree (RFC 9420 section 12.4.3.3)."""
        return buffer_result(lib.conclave_group_ratchet_tree, self)

    def serialize(self) -> bytes:
        """The whole state, every secret of the epoch included: store it as such."""
        return buffer_result(lib.conclave_group_serialize, self)

    def persist(self, store: Store) -> None:
        """Keeps the group in `store` from now on."""
        lib.conclave_group_persist(self, store)


def _config(config: Optional[GroupConfig]) -> Any:
    return None if config is None else ctypes.byref(config._to_c())


def _override(target: ctypes.Structure, source: object, names: tuple[str, ...]) -> None:
    for name in names:
        value = getattr(source, name)
        if value is not None:
            setattr(target, name, value)


def _bytes_array(values: list[bytes]) -> Any:
    array = (_native.Bytes * len(values))()
    for slot, value in zip(array, values):
        slot.data, slot.size = value, len(value)
    return array
