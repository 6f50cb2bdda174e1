"""SRP-6a (RFC 5054, and Proton's auth v4): the login a meeting password uses."""

from __future__ import annotations

import ctypes

from . import _native
from ._handle import BytesLike, Handle, buffer_result, data, take
from ._native import lib


class SrpVariant(Handle):
    """The group, hash and proof rules of one SRP flavour."""

    _free_function = "conclave_srp_variant_free"

    @classmethod
    def rfc5054(cls, bits: int) -> SrpVariant:
        """RFC 5054 with the appendix A group of `bits` bits."""
        return cls._made_by(lib.conclave_srp_variant_rfc5054, bits)

    @classmethod
    def proton(cls, modulus: BytesLike) -> SrpVariant:
        """Proton's auth v4 over `modulus`."""
        modulus = data(modulus)
        return cls._made_by(lib.conclave_srp_variant_proton, modulus, len(modulus))

    def register(self, identity: BytesLike, password: BytesLike) -> tuple[bytes, bytes]:
        """A fresh salt and the verifier of `password`: what the server keeps."""
        identity, password = data(identity), data(password)
        salt, verifier = _native.Buffer(), _native.Buffer()
        lib.conclave_srp_register(self, identity, len(identity), password, len(password),
                                  ctypes.byref(salt), ctypes.byref(verifier))
        return take(salt), take(verifier)


class SrpClient(Handle):
    """The client's side of one login: start(), respond(), verify(), session_key()."""

    _free_function = "conclave_srp_client_free"

    @classmethod
    def create(cls, variant: SrpVariant, identity: BytesLike, password: BytesLike) -> SrpClient:
        """A client logging in as `identity` with `password`."""
        identity, password = data(identity), data(password)
        return cls._made_by(lib.conclave_srp_client_create, variant, identity, len(identity), password, len(password))

    def start(self) -> bytes:
        """A, for the server."""
        return buffer_result(lib.conclave_srp_client_start, self)

    def respond(self, salt: BytesLike, server_public: BytesLike) -> bytes:
        """M1, the client's proof, from the server's salt and B."""
        salt, server_public = data(salt), data(server_public)
        return buffer_result(lib.conclave_srp_client_respond, self, salt, len(salt), server_public, len(server_public))

    def verify(self, server_proof: BytesLike) -> None:
        """Checks M2, the server's proof (PROOF_INVALID when it does not verify)."""
        server_proof = data(server_proof)
        lib.conclave_srp_client_verify(self, server_proof, len(server_proof))

    def session_key(self) -> bytes:
        """K, once verify() succeeded."""
        return buffer_result(lib.conclave_srp_client_session_key, self)


class SrpServer(Handle):
    """The server's side of one login: challenge(), receive(), verify(), session_key()."""

    _free_function = "conclave_srp_server_free"

    @classmethod
    def create(cls, variant: SrpVariant, identity: BytesLike, salt: BytesLike, verifier: BytesLike) -> SrpServer:
        """A server checking a login of `identity` against its salt and verifier."""
        identity, salt, verifier = data(identity), data(salt), data(verifier)
        return cls._made_by(lib.conclave_srp_server_create, variant, identity, len(identity), salt, len(salt),
                            verifier, len(verifier))

    def challenge(self) -> bytes:
        """B, for the client."""
        return buffer_result(lib.conclave_srp_server_challenge, self)

    def receive(self, client_public: BytesLike) -> None:
        """Takes A from the client."""
        client_public = data(client_public)
        lib.conclave_srp_server_receive(self, client_public, len(client_public))

    def verify(self, client_proof: BytesLike) -> bytes:
        """Checks M1, the client's proof, and returns M2."""
        client_proof = data(client_proof)
        return buffer_result(lib.conclave_srp_server_verify, self, client_proof, len(client_proof))

    def session_key(self) -> bytes:
        """K, once verify() succeeded."""
        return buffer_result(lib.conclave_srp_server_session_key, self)
