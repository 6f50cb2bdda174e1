#!/usr/bin/env python3
"""Independent RFC 9180 (HPKE) test-vector generator for DHKEM(P-384, HKDF-SHA384).

Upstream RFC 9180 test vectors contain no P-384 entries, but MLS cipher suite 7
(MLS_256_DHKEMP384_AES256GCM_SHA384_P384) needs HPKE with
    KEM  0x0011 DHKEM(P-384, HKDF-SHA384)
    KDF  0x0002 HKDF-SHA384
    AEAD 0x0002 AES-256-GCM (and 0xFFFF export-only).

This script is a from-scratch implementation that uses nothing but the Python
standard library (hashlib/hmac for SHA-2 and HMAC).  The elliptic-curve
arithmetic, AES, GCM and every piece of HPKE are written out below; it shares
no code with the C++ library it is meant to check.

Before writing anything it reproduces, field by field, the RFC 9180 vectors for
DHKEM(P-256, HKDF-SHA256) with HKDF-SHA256 and AES-128-GCM / AES-256-GCM /
export-only, for all four modes.  It additionally checks the P-256/HKDF-SHA512
and P-521 entries, which exercise the hash- and curve-size parameterisation that
P-384 relies on.  Only if every field matches is vectors/hpke-p384.json written.

None of this code is constant time; it is a test-vector generator only.

Usage (from the project root):
    python3 vectors/generator/hpke_vectors.py [--rfc-vectors PATH] [--output PATH]
"""

from __future__ import annotations

import argparse
import hashlib
import hmac
import json
import sys
import time
from dataclasses import dataclass
from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parents[2]
DEFAULT_RFC_VECTORS = PROJECT_ROOT.parent / "shared" / "vectors" / "hpke" / "test-vectors.json"
DEFAULT_OUTPUT = PROJECT_ROOT / "vectors" / "hpke-p384.json"


class VectorError(Exception):
    """Raised for any internal inconsistency; aborts the run."""


def i2osp(value: int, length: int) -> bytes:
    """I2OSP from RFC 8017, as used throughout RFC 9180 (section 3)."""
    return value.to_bytes(length, "big")


def xor_bytes(a: bytes, b: bytes) -> bytes:
    return bytes(x ^ y for x, y in zip(a, b, strict=True))


# ---------------------------------------------------------------------------
# Short-Weierstrass prime curves (SEC 1 / FIPS 186-4), affine coordinates.
# The point at infinity is represented by None.
# ---------------------------------------------------------------------------

@dataclass(frozen=True)
class Curve:
    name: str
    p: int
    a: int
    b: int
    gx: int
    gy: int
    n: int
    size: int  # bytes in a field element / scalar (Ndh, Nsk)

    @property
    def generator(self) -> tuple[int, int]:
        return (self.gx, self.gy)

    def contains(self, point: tuple[int, int]) -> bool:
        x, y = point
        if not (0 <= x < self.p and 0 <= y < self.p):
            return False
        return (y * y - (x * x * x + self.a * x + self.b)) % self.p == 0

    def add(self, P, Q):
        if P is None:
            return Q
        if Q is None:
            return P
        (x1, y1), (x2, y2) = P, Q
        p = self.p
        if x1 == x2:
            if (y1 + y2) % p == 0:
                return None  # P == -Q (includes doubling a 2-torsion point)
            slope = (3 * x1 * x1 + self.a) * pow(2 * y1, -1, p) % p
        else:
            slope = (y2 - y1) * pow(x2 - x1, -1, p) % p
        x3 = (slope * slope - x1 - x2) % p
        y3 = (slope * (x1 - x3) - y1) % p
        return (x3, y3)

    def multiply(self, k: int, P):
        """Left-to-right double-and-add."""
        result = None
        for bit in bin(k)[2:]:
            result = self.add(result, result)
            if bit == "1":
                result = self.add(result, P)
        return result

    def sanity_check(self) -> None:
        if not self.contains(self.generator):
            raise VectorError(f"{self.name}: generator is not on the curve")
        if self.multiply(self.n, self.generator) is not None:
            raise VectorError(f"{self.name}: n * G is not the point at infinity")


P256 = Curve(
    name="P-256",
    p=0xFFFFFFFF00000001000000000000000000000000FFFFFFFFFFFFFFFFFFFFFFFF,
    a=0xFFFFFFFF00000001000000000000000000000000FFFFFFFFFFFFFFFFFFFFFFFC,
    b=0x5AC635D8AA3A93E7B3EBBD55769886BC651D06B0CC53B0F63BCE3C3E27D2604B,
    gx=0x6B17D1F2E12C4247F8BCE6E563A440F277037D812DEB33A0F4A13945D898C296,
    gy=0x4FE342E2FE1A7F9B8EE7EB4A7C0F9E162BCE33576B315ECECBB6406837BF51F5,
    n=0xFFFFFFFF00000000FFFFFFFFFFFFFFFFBCE6FAADA7179E84F3B9CAC2FC632551,
    size=32,
)

P384 = Curve(
    name="P-384",
    p=int("FFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFE"
          "FFFFFFFF0000000000000000FFFFFFFF", 16),
    a=int("FFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFE"
          "FFFFFFFF0000000000000000FFFFFFFC", 16),
    b=int("B3312FA7E23EE7E4988E056BE3F82D19181D9C6EFE8141120314088F5013875A"
          "C656398D8A2ED19D2A85C8EDD3EC2AEF", 16),
    gx=int("AA87CA22BE8B05378EB1C71EF320AD746E1D3B628BA79B9859F741E082542A38"
           "5502F25DBF55296C3A545E3872760AB7", 16),
    gy=int("3617DE4A96262C6F5D9E98BF9292DC29F8F41DBD289A147CE9DA3113B5F0B8C0"
           "0A60B1CE1D7E819D7A431D7C90EA0E5F", 16),
    n=int("FFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFC7634D81F4372DDF"
          "581A0DB248B0A77AECEC196ACCC52973", 16),
    size=48,
)

P521 = Curve(
    name="P-521",
    p=2**521 - 1,
    a=2**521 - 4,
    b=int("0051953EB9618E1C9A1F929A21A0B68540EEA2DA725B99B315F3B8B489918EF1"
          "09E156193951EC7E937B1652C0BD3BB1BF073573DF883D2C34F1EF451FD46B50"
          "3F00", 16),
    gx=int("00C6858E06B70404E9CD9E3ECB662395B4429C648139053FB521F828AF606B4D"
           "3DBAA14B5E77EFE75928FE1DC127A2FFA8DE3348B3C1856A429BF97E7E31C2E5"
           "BD66", 16),
    gy=int("011839296A789A3BC0045C8A5FB42C7D1BD998F54449579B446817AFBD17273E"
           "662C97EE72995EF42640C550B9013FAD0761353C7086A272C24088BE94769FD1"
           "6650", 16),
    n=int("01FFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFF"
          "FA51868783BF2F966B7FCC0148F709A5D03BB5C9B8899C47AEBB6FB71E913864"
          "09", 16),
    size=66,
)


# ---------------------------------------------------------------------------
# HKDF (RFC 5869) -- RFC 9180 section 7.2, KDF identifiers.
# ---------------------------------------------------------------------------

@dataclass(frozen=True)
class Kdf:
    kdf_id: int
    hash_name: str

    @property
    def nh(self) -> int:
        return hashlib.new(self.hash_name).digest_size

    def extract(self, salt: bytes, ikm: bytes) -> bytes:
        # RFC 5869 section 2.2: an absent salt is HashLen zero bytes.
        return hmac.digest(salt or bytes(self.nh), ikm, self.hash_name)

    def expand(self, prk: bytes, info: bytes, length: int) -> bytes:
        if length > 255 * self.nh:
            raise VectorError("HKDF-Expand: requested length too large")
        output, block, counter = b"", b"", 1
        while len(output) < length:
            block = hmac.digest(prk, block + info + bytes([counter]), self.hash_name)
            output += block
            counter += 1
        return output[:length]


HKDF_SHA256 = Kdf(0x0001, "sha256")
HKDF_SHA384 = Kdf(0x0002, "sha384")
HKDF_SHA512 = Kdf(0x0003, "sha512")
KDFS = {kdf.kdf_id: kdf for kdf in (HKDF_SHA256, HKDF_SHA384, HKDF_SHA512)}


@dataclass(frozen=True)
class LabeledKdf:
    """LabeledExtract / LabeledExpand, RFC 9180 section 4."""

    kdf: Kdf
    suite_id: bytes

    def extract(self, salt: bytes, label: bytes, ikm: bytes) -> bytes:
        labeled_ikm = b"HPKE-v1" + self.suite_id + label + ikm
        return self.kdf.extract(salt, labeled_ikm)

    def expand(self, prk: bytes, label: bytes, info: bytes, length: int) -> bytes:
        labeled_info = i2osp(length, 2) + b"HPKE-v1" + self.suite_id + label + info
        return self.kdf.expand(prk, labeled_info, length)


# ---------------------------------------------------------------------------
# AES block cipher (FIPS 197).  State is a flat list of 16 bytes in input
# order, i.e. byte index = row + 4 * column.
# ---------------------------------------------------------------------------

def _gf256_mul(a: int, b: int) -> int:
    """Multiplication in GF(2^8) modulo x^8 + x^4 + x^3 + x + 1."""
    result = 0
    while b:
        if b & 1:
            result ^= a
        a <<= 1
        if a & 0x100:
            a ^= 0x11B
        b >>= 1
    return result


def _gf256_inverse(a: int) -> int:
    """a^254 = a^-1 in GF(2^8) (maps 0 to 0, as the S-box requires)."""
    result, base, exponent = 1, a, 254
    while exponent:
        if exponent & 1:
            result = _gf256_mul(result, base)
        base = _gf256_mul(base, base)
        exponent >>= 1
    return result


def _rotl8(x: int, shift: int) -> int:
    return ((x << shift) | (x >> (8 - shift))) & 0xFF


def _build_sbox() -> list[int]:
    """FIPS 197 section 5.1.1: multiplicative inverse followed by the affine map."""
    sbox = []
    for x in range(256):
        inv = _gf256_inverse(x)
        sbox.append(inv ^ _rotl8(inv, 1) ^ _rotl8(inv, 2) ^ _rotl8(inv, 3)
                    ^ _rotl8(inv, 4) ^ 0x63)
    return sbox


SBOX = _build_sbox()
XTIME = [_gf256_mul(x, 2) for x in range(256)]  # multiplication by x (i.e. 2)


def _expand_key(key: bytes) -> list[list[int]]:
    """FIPS 197 section 5.2 key expansion; returns one 16-byte list per round."""
    nk = len(key) // 4
    rounds = nk + 6
    words = [list(key[4 * i:4 * i + 4]) for i in range(nk)]
    rcon = 1
    for i in range(nk, 4 * (rounds + 1)):
        temp = list(words[i - 1])
        if i % nk == 0:
            temp = [SBOX[b] for b in temp[1:] + temp[:1]]
            temp[0] ^= rcon
            rcon = _gf256_mul(rcon, 2)
        elif nk > 6 and i % nk == 4:
            temp = [SBOX[b] for b in temp]
        words.append([w ^ t for w, t in zip(words[i - nk], temp)])
    return [sum(words[4 * r:4 * r + 4], []) for r in range(rounds + 1)]


def _shift_rows(state: list[int]) -> list[int]:
    return [state[row + 4 * ((col + row) % 4)] for col in range(4) for row in range(4)]


def _mix_columns(state: list[int]) -> list[int]:
    out = []
    for col in range(4):
        a0, a1, a2, a3 = state[4 * col:4 * col + 4]
        d0, d1, d2, d3 = XTIME[a0], XTIME[a1], XTIME[a2], XTIME[a3]
        out += [d0 ^ d1 ^ a1 ^ a2 ^ a3,   # 2*a0 + 3*a1 + a2 + a3
                a0 ^ d1 ^ d2 ^ a2 ^ a3,   # a0 + 2*a1 + 3*a2 + a3
                a0 ^ a1 ^ d2 ^ d3 ^ a3,   # a0 + a1 + 2*a2 + 3*a3
                d0 ^ a0 ^ a1 ^ a2 ^ d3]   # 3*a0 + a1 + a2 + 2*a3
    return out


class Aes:
    def __init__(self, key: bytes):
        if len(key) not in (16, 32):
            raise VectorError(f"AES: unsupported key length {len(key)}")
        self._round_keys = _expand_key(key)

    def encrypt_block(self, block: bytes) -> bytes:
        keys = self._round_keys
        state = [b ^ k for b, k in zip(block, keys[0])]
        for round_key in keys[1:-1]:
            state = _mix_columns(_shift_rows([SBOX[b] for b in state]))
            state = [b ^ k for b, k in zip(state, round_key)]
        state = _shift_rows([SBOX[b] for b in state])
        return bytes(b ^ k for b, k in zip(state, keys[-1]))


# ---------------------------------------------------------------------------
# GCM (NIST SP 800-38D), 96-bit IV and 128-bit tag only.
# ---------------------------------------------------------------------------

_GCM_R = 0xE1 << 120


def _gf128_mul(x: int, y: int) -> int:
    """SP 800-38D algorithm 1 (bit-reflected GF(2^128) multiplication)."""
    z, v = 0, y
    for i in range(127, -1, -1):
        if (x >> i) & 1:
            z ^= v
        v = (v >> 1) ^ _GCM_R if v & 1 else v >> 1
    return z


def _pad16(data: bytes) -> bytes:
    return data + bytes(-len(data) % 16)


def _ghash(h: bytes, aad: bytes, ciphertext: bytes) -> bytes:
    lengths = i2osp(8 * len(aad), 8) + i2osp(8 * len(ciphertext), 8)
    data = _pad16(aad) + _pad16(ciphertext) + lengths
    h_int, y = int.from_bytes(h, "big"), 0
    for i in range(0, len(data), 16):
        y = _gf128_mul(y ^ int.from_bytes(data[i:i + 16], "big"), h_int)
    return i2osp(y, 16)


def _inc32(block: bytes) -> bytes:
    counter = (int.from_bytes(block[12:], "big") + 1) % 2**32
    return block[:12] + i2osp(counter, 4)


def _gctr(cipher: Aes, icb: bytes, data: bytes) -> bytes:
    output, counter = b"", icb
    for i in range(0, len(data), 16):
        chunk = data[i:i + 16]
        output += xor_bytes(chunk, cipher.encrypt_block(counter)[:len(chunk)])
        counter = _inc32(counter)
    return output


def _gcm_tag(cipher: Aes, j0: bytes, aad: bytes, ciphertext: bytes) -> bytes:
    h = cipher.encrypt_block(bytes(16))
    return xor_bytes(cipher.encrypt_block(j0), _ghash(h, aad, ciphertext))


def gcm_seal(key: bytes, nonce: bytes, aad: bytes, plaintext: bytes) -> bytes:
    cipher, j0 = Aes(key), nonce + b"\x00\x00\x00\x01"
    ciphertext = _gctr(cipher, _inc32(j0), plaintext)
    return ciphertext + _gcm_tag(cipher, j0, aad, ciphertext)


def gcm_open(key: bytes, nonce: bytes, aad: bytes, sealed: bytes) -> bytes:
    cipher, j0 = Aes(key), nonce + b"\x00\x00\x00\x01"
    ciphertext, tag = sealed[:-16], sealed[-16:]
    if not hmac.compare_digest(tag, _gcm_tag(cipher, j0, aad, ciphertext)):
        raise VectorError("AES-GCM: authentication tag mismatch")
    return _gctr(cipher, _inc32(j0), ciphertext)


# ---------------------------------------------------------------------------
# AEADs, RFC 9180 section 7.3.
# ---------------------------------------------------------------------------

@dataclass(frozen=True)
class Aead:
    aead_id: int
    nk: int
    nn: int

    @property
    def export_only(self) -> bool:
        return self.aead_id == 0xFFFF

    def seal(self, key: bytes, nonce: bytes, aad: bytes, pt: bytes) -> bytes:
        if self.export_only:
            raise VectorError("export-only AEAD cannot seal")
        return gcm_seal(key, nonce, aad, pt)

    def open(self, key: bytes, nonce: bytes, aad: bytes, ct: bytes) -> bytes:
        if self.export_only:
            raise VectorError("export-only AEAD cannot open")
        return gcm_open(key, nonce, aad, ct)


AEADS = {aead.aead_id: aead for aead in (
    Aead(0x0001, nk=16, nn=12),   # AES-128-GCM
    Aead(0x0002, nk=32, nn=12),   # AES-256-GCM
    Aead(0xFFFF, nk=0, nn=0),     # export-only
)}


# ---------------------------------------------------------------------------
# DHKEM over NIST curves, RFC 9180 section 4.1 and section 7.1.
# ---------------------------------------------------------------------------

@dataclass(frozen=True)
class DhKem:
    kem_id: int
    curve: Curve
    kdf: Kdf
    bitmask: int  # section 7.1.3: 0xff for P-256 and P-384, 0x01 for P-521

    @property
    def labeled(self) -> LabeledKdf:
        # Section 4.1: suite_id = concat("KEM", I2OSP(kem_id, 2))
        return LabeledKdf(self.kdf, b"KEM" + i2osp(self.kem_id, 2))

    @property
    def nsecret(self) -> int:
        return self.kdf.nh  # section 7.1: Nsecret == Nh for all DHKEMs

    @property
    def nsk(self) -> int:
        return self.curve.size

    # -- keys (section 7.1.1 and 7.1.2) -------------------------------------

    def public_key(self, sk: int):
        return self.curve.multiply(sk, self.curve.generator)

    def serialize_public_key(self, pk) -> bytes:
        size = self.curve.size
        return b"\x04" + i2osp(pk[0], size) + i2osp(pk[1], size)

    def deserialize_public_key(self, data: bytes):
        size = self.curve.size
        if len(data) != 1 + 2 * size or data[0] != 0x04:
            raise VectorError("malformed public key encoding")
        point = (int.from_bytes(data[1:1 + size], "big"),
                 int.from_bytes(data[1 + size:], "big"))
        if not self.curve.contains(point):
            raise VectorError("public key is not on the curve")
        return point

    def serialize_private_key(self, sk: int) -> bytes:
        return i2osp(sk, self.nsk)

    def derive_key_pair(self, ikm: bytes):
        """Section 7.1.3, DeriveKeyPair for P-256, P-384 and P-521."""
        dkp_prk = self.labeled.extract(b"", b"dkp_prk", ikm)
        for counter in range(256):
            candidate = bytearray(self.labeled.expand(
                dkp_prk, b"candidate", i2osp(counter, 1), self.nsk))
            candidate[0] &= self.bitmask
            sk = int.from_bytes(candidate, "big")
            if 0 < sk < self.curve.n:
                return sk, self.public_key(sk)
        raise VectorError("DeriveKeyPairError")

    # -- DH and encapsulation (section 4.1) ---------------------------------

    def dh(self, sk: int, pk) -> bytes:
        """Section 7.1.1: the shared secret is the x-coordinate, Ndh bytes."""
        point = self.curve.multiply(sk, pk)
        if point is None:
            raise VectorError("DH produced the point at infinity")
        return i2osp(point[0], self.curve.size)

    def extract_and_expand(self, dh: bytes, kem_context: bytes) -> bytes:
        eae_prk = self.labeled.extract(b"", b"eae_prk", dh)
        return self.labeled.expand(eae_prk, b"shared_secret", kem_context, self.nsecret)

    def encap(self, pk_r, sk_e: int):
        """Encap with the ephemeral key pair supplied (derived from ikmE)."""
        enc = self.serialize_public_key(self.public_key(sk_e))
        kem_context = enc + self.serialize_public_key(pk_r)
        return self.extract_and_expand(self.dh(sk_e, pk_r), kem_context), enc

    def decap(self, enc: bytes, sk_r: int) -> bytes:
        pk_e = self.deserialize_public_key(enc)
        kem_context = enc + self.serialize_public_key(self.public_key(sk_r))
        return self.extract_and_expand(self.dh(sk_r, pk_e), kem_context)

    def auth_encap(self, pk_r, sk_s: int, sk_e: int):
        enc = self.serialize_public_key(self.public_key(sk_e))
        dh = self.dh(sk_e, pk_r) + self.dh(sk_s, pk_r)
        kem_context = (enc + self.serialize_public_key(pk_r)
                       + self.serialize_public_key(self.public_key(sk_s)))
        return self.extract_and_expand(dh, kem_context), enc

    def auth_decap(self, enc: bytes, sk_r: int, pk_s) -> bytes:
        pk_e = self.deserialize_public_key(enc)
        dh = self.dh(sk_r, pk_e) + self.dh(sk_r, pk_s)
        kem_context = (enc + self.serialize_public_key(self.public_key(sk_r))
                       + self.serialize_public_key(pk_s))
        return self.extract_and_expand(dh, kem_context)


KEMS = {kem.kem_id: kem for kem in (
    DhKem(0x0010, P256, HKDF_SHA256, bitmask=0xFF),
    DhKem(0x0011, P384, HKDF_SHA384, bitmask=0xFF),
    DhKem(0x0012, P521, HKDF_SHA512, bitmask=0x01),
)}


# ---------------------------------------------------------------------------
# Key schedule and encryption context, RFC 9180 section 5.
# ---------------------------------------------------------------------------

MODE_BASE, MODE_PSK, MODE_AUTH, MODE_AUTH_PSK = 0, 1, 2, 3


@dataclass(frozen=True)
class Context:
    """Section 5.1 outputs; seal/open/export per sections 5.2 and 5.3.

    The RFC context keeps an internal sequence number; test vectors index
    encryptions by sequence number, so it is passed explicitly here.
    """

    aead: Aead
    labeled: LabeledKdf
    key_schedule_context: bytes
    secret: bytes
    key: bytes
    base_nonce: bytes
    exporter_secret: bytes

    def nonce(self, seq: int) -> bytes:
        # Section 5.2, ComputeNonce
        return xor_bytes(self.base_nonce, i2osp(seq, self.aead.nn))

    def seal(self, seq: int, aad: bytes, pt: bytes) -> bytes:
        return self.aead.seal(self.key, self.nonce(seq), aad, pt)

    def open(self, seq: int, aad: bytes, ct: bytes) -> bytes:
        return self.aead.open(self.key, self.nonce(seq), aad, ct)

    def export(self, exporter_context: bytes, length: int) -> bytes:
        # Section 5.3
        return self.labeled.expand(self.exporter_secret, b"sec", exporter_context, length)


def verify_psk_inputs(mode: int, psk: bytes, psk_id: bytes) -> None:
    """Section 5.1, VerifyPSKInputs."""
    if (psk == b"") != (psk_id == b""):
        raise VectorError("inconsistent PSK inputs")
    if psk and mode in (MODE_BASE, MODE_AUTH):
        raise VectorError("PSK input provided when not needed")
    if not psk and mode in (MODE_PSK, MODE_AUTH_PSK):
        raise VectorError("missing required PSK input")


def key_schedule(kem: DhKem, kdf: Kdf, aead: Aead, mode: int, shared_secret: bytes,
                 info: bytes, psk: bytes, psk_id: bytes) -> Context:
    """Section 5.1, KeySchedule<ROLE>() (identical for sender and recipient)."""
    verify_psk_inputs(mode, psk, psk_id)
    # Section 5.1: suite_id = concat("HPKE", I2OSP(kem_id, 2), I2OSP(kdf_id, 2), I2OSP(aead_id, 2))
    suite_id = b"HPKE" + i2osp(kem.kem_id, 2) + i2osp(kdf.kdf_id, 2) + i2osp(aead.aead_id, 2)
    labeled = LabeledKdf(kdf, suite_id)
    psk_id_hash = labeled.extract(b"", b"psk_id_hash", psk_id)
    info_hash = labeled.extract(b"", b"info_hash", info)
    ks_context = i2osp(mode, 1) + psk_id_hash + info_hash
    secret = labeled.extract(shared_secret, b"secret", psk)
    key = labeled.expand(secret, b"key", ks_context, aead.nk) if aead.nk else b""
    base_nonce = labeled.expand(secret, b"base_nonce", ks_context, aead.nn) if aead.nn else b""
    exporter_secret = labeled.expand(secret, b"exp", ks_context, kdf.nh)
    return Context(aead, labeled, ks_context, secret, key, base_nonce, exporter_secret)


# ---------------------------------------------------------------------------
# Building one test vector (the same path is used for self-check and output).
# ---------------------------------------------------------------------------

@dataclass(frozen=True)
class VectorInputs:
    mode: int
    kem_id: int
    kdf_id: int
    aead_id: int
    info: bytes
    ikm_r: bytes
    ikm_e: bytes
    ikm_s: bytes | None           # auth modes only
    psk: bytes | None             # psk modes only
    psk_id: bytes | None          # psk modes only
    encryptions: list[tuple[bytes, bytes]]   # (aad, pt) for seq = 0, 1, ...
    exports: list[tuple[bytes, int]]         # (exporter_context, L)


def _encap_both_sides(kem: DhKem, inputs: VectorInputs, keys: dict):
    """Runs (Auth)Encap and (Auth)Decap and checks they agree."""
    if inputs.ikm_s is not None:
        shared, enc = kem.auth_encap(keys["R"][1], keys["S"][0], keys["E"][0])
        received = kem.auth_decap(enc, keys["R"][0], keys["S"][1])
    else:
        shared, enc = kem.encap(keys["R"][1], keys["E"][0])
        received = kem.decap(enc, keys["R"][0])
    if received != shared:
        raise VectorError("Decap does not reproduce the Encap shared secret")
    return shared, enc


def _encryptions(ctx: Context, plan: list[tuple[bytes, bytes]]) -> list[dict]:
    out = []
    for seq, (aad, pt) in enumerate(plan):
        ct = ctx.seal(seq, aad, pt)
        if ctx.open(seq, aad, ct) != pt:
            raise VectorError("Open does not invert Seal")
        out.append({"aad": aad.hex(), "ct": ct.hex(),
                    "nonce": ctx.nonce(seq).hex(), "pt": pt.hex()})
    return out


def _exports(ctx: Context, plan: list[tuple[bytes, int]]) -> list[dict]:
    return [{"exporter_context": context.hex(), "L": length,
             "exported_value": ctx.export(context, length).hex()}
            for context, length in plan]


def build_vector(inputs: VectorInputs) -> dict:
    """Computes one entry, with keys in the same order as the RFC 9180 file."""
    kem, kdf, aead = KEMS[inputs.kem_id], KDFS[inputs.kdf_id], AEADS[inputs.aead_id]
    ikms = {"R": inputs.ikm_r, "S": inputs.ikm_s, "E": inputs.ikm_e}
    roles = "RSE" if inputs.ikm_s is not None else "RE"
    keys = {role: kem.derive_key_pair(ikms[role]) for role in roles}
    shared, enc = _encap_both_sides(kem, inputs, keys)
    psk, psk_id = inputs.psk or b"", inputs.psk_id or b""
    ctx = key_schedule(kem, kdf, aead, inputs.mode, shared, inputs.info, psk, psk_id)

    vector = {"mode": inputs.mode, "kem_id": inputs.kem_id, "kdf_id": inputs.kdf_id,
              "aead_id": inputs.aead_id, "info": inputs.info.hex()}
    vector.update({f"ikm{role}": ikms[role].hex() for role in roles})
    vector.update({f"sk{role}m": kem.serialize_private_key(keys[role][0]).hex()
                   for role in roles})
    if inputs.psk is not None:
        vector.update({"psk": psk.hex(), "psk_id": psk_id.hex()})
    vector.update({f"pk{role}m": kem.serialize_public_key(keys[role][1]).hex()
                   for role in roles})
    vector.update({
        "enc": enc.hex(),
        "shared_secret": shared.hex(),
        "key_schedule_context": ctx.key_schedule_context.hex(),
        "secret": ctx.secret.hex(),
        "key": ctx.key.hex(),
        "base_nonce": ctx.base_nonce.hex(),
        "exporter_secret": ctx.exporter_secret.hex(),
        "encryptions": [] if aead.export_only else _encryptions(ctx, inputs.encryptions),
        "exports": _exports(ctx, inputs.exports),
    })
    return vector


# ---------------------------------------------------------------------------
# Self-check against the RFC 9180 vectors.
# ---------------------------------------------------------------------------

REQUIRED_SUITES = {(0x0010, 0x0001)}                    # P-256 / HKDF-SHA256
EXTRA_SUITES = {(0x0010, 0x0003), (0x0012, 0x0001), (0x0012, 0x0003)}
CHECKED_AEADS = {0x0001, 0x0002, 0xFFFF}


def _optional_hex(entry: dict, key: str) -> bytes | None:
    return bytes.fromhex(entry[key]) if key in entry else None


def inputs_from_rfc_entry(entry: dict) -> VectorInputs:
    return VectorInputs(
        mode=entry["mode"], kem_id=entry["kem_id"], kdf_id=entry["kdf_id"],
        aead_id=entry["aead_id"], info=bytes.fromhex(entry["info"]),
        ikm_r=bytes.fromhex(entry["ikmR"]), ikm_e=bytes.fromhex(entry["ikmE"]),
        ikm_s=_optional_hex(entry, "ikmS"), psk=_optional_hex(entry, "psk"),
        psk_id=_optional_hex(entry, "psk_id"),
        encryptions=[(bytes.fromhex(e["aad"]), bytes.fromhex(e["pt"]))
                     for e in entry["encryptions"]],
        exports=[(bytes.fromhex(e["exporter_context"]), e["L"]) for e in entry["exports"]],
    )


def diff_fields(expected, actual, path: str = "") -> tuple[int, list[str]]:
    """Compares leaf fields recursively; returns (leaves compared, mismatches)."""
    if isinstance(expected, dict) and isinstance(actual, dict):
        mismatches = []
        if list(expected) != list(actual):
            mismatches.append(f"{path or '<entry>'}: keys {list(actual)} != {list(expected)}")
        count = 0
        for key in expected:
            n, errs = diff_fields(expected[key], actual.get(key), f"{path}.{key}".lstrip("."))
            count, mismatches = count + n, mismatches + errs
        return count, mismatches
    if isinstance(expected, list) and isinstance(actual, list) and len(expected) == len(actual):
        count, mismatches = 0, []
        for i, (e, a) in enumerate(zip(expected, actual)):
            n, errs = diff_fields(e, a, f"{path}[{i}]")
            count, mismatches = count + n, mismatches + errs
        return count, mismatches
    if expected == actual:
        return 1, []
    return 1, [f"{path}: expected {_short(expected)}, got {_short(actual)}"]


def _short(value, limit: int = 160) -> str:
    text = repr(value)
    return text if len(text) <= limit else text[:limit] + "..."


def self_check(rfc_path: Path) -> dict:
    try:
        rfc_vectors = json.loads(rfc_path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise VectorError(f"cannot load RFC 9180 vectors from {rfc_path}: {exc}") from exc
    stats = {"required": 0, "extra": 0, "fields": 0}
    for index, entry in enumerate(rfc_vectors):
        suite = (entry["kem_id"], entry["kdf_id"])
        if entry["aead_id"] not in CHECKED_AEADS or suite not in REQUIRED_SUITES | EXTRA_SUITES:
            continue
        fields, mismatches = diff_fields(entry, build_vector(inputs_from_rfc_entry(entry)))
        if mismatches:
            label = (f"RFC entry #{index} (mode {entry['mode']}, kem {entry['kem_id']}, "
                     f"kdf {entry['kdf_id']}, aead {entry['aead_id']})")
            raise VectorError(f"{label} differs:\n  " + "\n  ".join(mismatches))
        stats["required" if suite in REQUIRED_SUITES else "extra"] += 1
        stats["fields"] += fields
    if stats["required"] != 12:
        raise VectorError(f"expected 12 P-256/SHA-256 RFC entries, found {stats['required']}")
    return stats


# ---------------------------------------------------------------------------
# P-384 vector generation.
# ---------------------------------------------------------------------------

# Same inputs as the RFC 9180 test vectors use.
INFO = b"Ode on a Grecian Urn"
PSK = bytes.fromhex("0247fd33b913760fa1fa51e1892d9f307fbe65eb171e8132c2af18555a738b82")
PSK_ID = b"Ennyn Durin aran Moria"
PLAINTEXT = b"Beauty is truth, truth beauty"
EXPORTS = [(b"", 32), (b"\x00", 32), (b"TestContext", 32)]
NUM_ENCRYPTIONS = 10

P384_KEM_ID, P384_KDF_ID = 0x0011, 0x0002
P384_AEAD_IDS = (0x0002, 0xFFFF)
MODES = (MODE_BASE, MODE_PSK, MODE_AUTH, MODE_AUTH_PSK)


def seeded_ikm(role: str, index: int) -> bytes:
    """48 deterministic bytes: SHA-384("conclave hpke-p384 ikm<role> <index>")."""
    return hashlib.sha384(f"conclave hpke-p384 ikm{role} {index}".encode()).digest()


def p384_inputs(index: int, mode: int, aead_id: int) -> VectorInputs:
    uses_psk = mode in (MODE_PSK, MODE_AUTH_PSK)
    uses_auth = mode in (MODE_AUTH, MODE_AUTH_PSK)
    return VectorInputs(
        mode=mode, kem_id=P384_KEM_ID, kdf_id=P384_KDF_ID, aead_id=aead_id, info=INFO,
        ikm_r=seeded_ikm("R", index), ikm_e=seeded_ikm("E", index),
        ikm_s=seeded_ikm("S", index) if uses_auth else None,
        psk=PSK if uses_psk else None, psk_id=PSK_ID if uses_psk else None,
        encryptions=[(f"Count-{i}".encode(), PLAINTEXT) for i in range(NUM_ENCRYPTIONS)],
        exports=EXPORTS,
    )


def generate_p384() -> list[dict]:
    """Entries ordered like the RFC file: grouped by AEAD, modes 0..3 within."""
    combos = [(mode, aead_id) for aead_id in P384_AEAD_IDS for mode in MODES]
    return [build_vector(p384_inputs(index, mode, aead_id))
            for index, (mode, aead_id) in enumerate(combos)]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rfc-vectors", type=Path, default=DEFAULT_RFC_VECTORS,
                        help=f"RFC 9180 test-vectors.json (default: {DEFAULT_RFC_VECTORS})")
    parser.add_argument("--output", type=Path, default=DEFAULT_OUTPUT,
                        help=f"where to write the P-384 vectors (default: {DEFAULT_OUTPUT})")
    args = parser.parse_args(argv)
    start = time.monotonic()
    try:
        for curve in (P256, P384, P521):
            curve.sanity_check()
        stats = self_check(args.rfc_vectors)
        print(f"self-check passed: {stats['required']} RFC 9180 P-256/HKDF-SHA256 entries "
              f"+ {stats['extra']} extra (P-256/HKDF-SHA512, P-521) entries reproduced, "
              f"{stats['fields']} fields compared")
        vectors = generate_p384()
    except VectorError as exc:
        print(f"ABORT: {exc}\nNothing was written.", file=sys.stderr)
        return 1
    payload = (json.dumps(vectors, indent=2) + "\n").encode("ascii")
    args.output.parent.mkdir(parents=True, exist_ok=True)
    args.output.write_bytes(payload)
    print(f"wrote {len(vectors)} DHKEM(P-384, HKDF-SHA384) entries to {args.output}")
    print(f"sha256 {hashlib.sha256(payload).hexdigest()}  ({time.monotonic() - start:.1f} s)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
