"""Stores through the package: a KeyPackage kept until its Welcome, a group
persisted and loaded after a restart, erased, and an encrypted store."""

from __future__ import annotations

from pathlib import Path

from conclave import CommitOptions, Group, KeyPackage, Status, Store

from conftest import fails_with


def _welcome_for(package: KeyPackage, group: Group) -> bytes:
    output = group.commit(CommitOptions(add=[package.public()]))
    group.merge_pending_commit()
    return output.welcome or b""


def test_join_from_store_then_load_after_a_restart(tmp_path: Path) -> None:
    path = tmp_path / "client.db"
    with Group.create(b"stored", KeyPackage.create(b"alice")) as alice:
        with Store.sqlite(path) as store, KeyPackage.create(b"bob") as package:
            store.save_key_package(package)
            welcome = _welcome_for(package, alice)
        with Store.sqlite(path) as store, Group.join_from_store(welcome, store) as bob:
            assert bob.epoch_authenticator() == alice.epoch_authenticator()
            bob.process(alice.protect(b"before the restart"))
        with Store.sqlite(path) as store, Group.load(store, b"stored") as reloaded:
            assert reloaded.epoch_authenticator() == alice.epoch_authenticator()
            assert reloaded.process(alice.protect(b"after")).application_data == b"after"


def test_persisted_group_follows_each_call_and_is_erased() -> None:
    with Store.memory() as store, Group.create(b"g", KeyPackage.create(b"alice")) as group:
        group.persist(store)
        group.commit(CommitOptions(force_path=True))
        group.merge_pending_commit()
        with Group.load(store, b"g") as loaded:
            assert loaded.epoch == 1
        store.erase_group(b"g")
        with fails_with(Status.NOT_IN_GROUP):
            Group.load(store, b"g")


def test_encrypted_store_needs_its_key(tmp_path: Path) -> None:
    path = tmp_path / "sealed.db"
    with Store.sqlite_encrypted(path, b"k" * 32) as store, Group.create(b"g", KeyPackage.create(b"a")) as group:
        group.persist(store)
    with Store.sqlite_encrypted(path, b"x" * 32) as wrong, fails_with(Status.STORAGE_CORRUPT):
        Group.load(wrong, b"g")
    with fails_with(Status.INVALID_LENGTH):
        Store.sqlite_encrypted(path, b"short")


def test_welcome_for_a_key_package_not_kept() -> None:
    with Store.memory() as store, Group.create(b"g", KeyPackage.create(b"a")) as group:
        with KeyPackage.create(b"b") as package, fails_with(Status.NOT_IN_GROUP):
            Group.join_from_store(_welcome_for(package, group), store)
