"""Stores that keep groups and KeyPackages across restarts."""

from __future__ import annotations

import os
from typing import TYPE_CHECKING, Union

from ._handle import BytesLike, Handle, data
from ._native import lib

if TYPE_CHECKING:
    from .mls import KeyPackage

PathLike = Union[str, "os.PathLike[str]"]


class Store(Handle):
    """A store of groups and KeyPackages: an SQLite file, or memory. It
    lives as long as any group kept in it, whenever it is closed."""

    _free_function = "conclave_store_free"

    @classmethod
    def memory(cls) -> Store:
        """A store in memory, gone when closed."""
        return cls._made_by(lib.conclave_store_open_memory)

    @classmethod
    def sqlite(cls, path: PathLike) -> Store:
        """The SQLite database at `path`, created if it does not exist."""
        return cls._made_by(lib.conclave_store_open_sqlite, os.fsencode(path))

    @classmethod
    def sqlite_encrypted(cls, path: PathLike, key: BytesLike) -> Store:
        """The SQLite database at `path`, its records encrypted under `key`."""
        key = data(key)
        return cls._made_by(lib.conclave_store_open_sqlite_encrypted, os.fsencode(path), key, len(key))

    def save_key_package(self, key_package: KeyPackage) -> None:
        """Keeps a KeyPackage's private keys until its Welcome arrives (Group.join_from_store)."""
        lib.conclave_store_save_key_package(self, key_package)

    def erase_group(self, group_id: BytesLike) -> None:
        """Removes every record of the group `group_id`."""
        group_id = data(group_id)
        lib.conclave_group_erase(self, group_id, len(group_id))
