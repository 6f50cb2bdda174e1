"""SRP-6a through the package: a login, a wrong password, calls out of order."""

from __future__ import annotations

import pytest

from conclave import SrpClient, SrpServer, SrpVariant, Status

from conftest import fails_with


@pytest.fixture(scope="module")
def variant() -> SrpVariant:
    return SrpVariant.rfc5054(2048)


def _log_in(variant: SrpVariant, password: bytes, registered: bytes) -> tuple[SrpClient, SrpServer, bytes]:
    salt, verifier = variant.register(b"alice", registered)
    client = SrpClient.create(variant, b"alice", password)
    server = SrpServer.create(variant, b"alice", salt, verifier)
    client_public, server_public = client.start(), server.challenge()
    server.receive(client_public)
    return client, server, client.respond(salt, server_public)


def test_login_agrees_on_the_session_key(variant: SrpVariant) -> None:
    client, server, client_proof = _log_in(variant, b"secret", b"secret")
    with client, server:
        client.verify(server.verify(client_proof))
        assert client.session_key() == server.session_key()
        assert len(client.session_key()) == 32


def test_wrong_password_fails_the_proof(variant: SrpVariant) -> None:
    client, server, client_proof = _log_in(variant, b"guess", b"secret")
    with client, server:
        with fails_with(Status.PROOF_INVALID):
            server.verify(client_proof)
        with fails_with(Status.OUT_OF_ORDER):
            server.session_key()


def test_session_key_before_the_proofs_is_out_of_order(variant: SrpVariant) -> None:
    with SrpClient.create(variant, b"alice", b"secret") as client:
        with fails_with(Status.OUT_OF_ORDER):
            client.session_key()


def test_variant_bounds() -> None:
    with fails_with(Status.GROUP_TOO_SMALL):
        SrpVariant.rfc5054(1024)
    with fails_with(Status.INVALID_ARGUMENT):
        SrpVariant.rfc5054(2000)
