"""X25519 (RFC 7748), DHKEM(X25519, HKDF-SHA256) (RFC 9180 section 7.1) and Ed25519 (RFC 8032).

Written from the RFCs with the Python standard library only, for the generators in
this directory (independent of the C++ library). Affine arithmetic and no constant
time: these keys are test inputs, never secrets.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass

from hpke_vectors import HKDF_SHA256, DhKem, VectorError

P = 2**255 - 19


def _clamp(scalar: bytes) -> int:
    k = bytearray(scalar)
    k[0] &= 248
    k[31] &= 127
    k[31] |= 64
    return int.from_bytes(k, "little")


def x25519(scalar: bytes, u: bytes) -> bytes:
    """RFC 7748 section 5: the Montgomery ladder on the u-coordinate."""
    k, x1 = _clamp(scalar), int.from_bytes(u, "little") & ((1 << 255) - 1)
    x2, z2, x3, z3, swap = 1, 0, x1, 1, 0
    for t in reversed(range(255)):
        bit = (k >> t) & 1
        if swap ^ bit:
            x2, x3, z2, z3 = x3, x2, z3, z2
        swap = bit
        a, b, c, d = x2 + z2, x2 - z2, x3 + z3, x3 - z3
        aa, bb, da, cb = a * a, b * b, d * a, c * b
        e = aa - bb
        x3, z3 = (da + cb) ** 2 % P, x1 * (da - cb) ** 2 % P
        x2, z2 = aa * bb % P, e * (aa + 121665 * e) % P
    if swap:
        x2, z2 = x3, z3
    return (x2 * pow(z2, P - 2, P) % P).to_bytes(32, "little")


X25519_BASE = (9).to_bytes(32, "little")


@dataclass(frozen=True)
class X25519Kem(DhKem):
    """DHKEM(X25519, HKDF-SHA256): keys are their 32-byte encodings."""

    @property
    def nsk(self) -> int:
        return 32

    def public_key(self, sk: bytes) -> bytes:
        return x25519(sk, X25519_BASE)

    def serialize_public_key(self, pk: bytes) -> bytes:
        return pk

    def deserialize_public_key(self, data: bytes) -> bytes:
        if len(data) != 32:
            raise VectorError("malformed X25519 public key")
        return data

    def serialize_private_key(self, sk: bytes) -> bytes:
        return sk

    def derive_key_pair(self, ikm: bytes):
        """RFC 9180 section 7.1.3 for X25519: sk = LabeledExpand(dkp_prk, "sk", "", Nsk)."""
        dkp_prk = self.labeled.extract(b"", b"dkp_prk", ikm)
        sk = self.labeled.expand(dkp_prk, b"sk", b"", self.nsk)
        return sk, self.public_key(sk)

    def dh(self, sk: bytes, pk: bytes) -> bytes:
        shared = x25519(sk, pk)
        if shared == bytes(32):
            raise VectorError("X25519 produced the all-zero value")
        return shared


X25519_KEM = X25519Kem(0x0020, None, HKDF_SHA256, bitmask=0)


# ---------------------------------------------------------------------------
# Ed25519 (RFC 8032 section 5.1)
# ---------------------------------------------------------------------------

ED_L = 2**252 + 27742317777372353535851937790883648493
ED_D = -121665 * pow(121666, P - 2, P) % P
_SQRT_M1 = pow(2, (P - 1) // 4, P)


def _x_of(y: int, sign: int) -> int:
    xx = (y * y - 1) * pow(ED_D * y * y + 1, P - 2, P) % P
    x = pow(xx, (P + 3) // 8, P)
    if (x * x - xx) % P:
        x = x * _SQRT_M1 % P
    if (x * x - xx) % P:
        raise VectorError("Ed25519: not a point")
    return P - x if x & 1 != sign else x


def _add(p1, p2):
    (x1, y1), (x2, y2) = p1, p2
    t = ED_D * x1 * x2 * y1 * y2 % P
    return ((x1 * y2 + x2 * y1) * pow(1 + t, P - 2, P) % P, (y1 * y2 + x1 * x2) * pow(1 - t, P - 2, P) % P)


def _multiply(k: int, point):
    result = (0, 1)
    for bit in bin(k)[2:]:
        result = _add(result, result)
        if bit == "1":
            result = _add(result, point)
    return result


_BASE_Y = 4 * pow(5, P - 2, P) % P
ED_BASE = (_x_of(_BASE_Y, 0), _BASE_Y)


def _encode(point) -> bytes:
    x, y = point
    return (y | ((x & 1) << 255)).to_bytes(32, "little")


def _decode(data: bytes):
    value = int.from_bytes(data, "little")
    y = value & ((1 << 255) - 1)
    if y >= P:
        raise VectorError("Ed25519: non-canonical point")
    return (_x_of(y, value >> 255), y)


def _hash_int(*parts: bytes) -> int:
    return int.from_bytes(hashlib.sha512(b"".join(parts)).digest(), "little")


def _expand(seed: bytes) -> tuple[int, bytes]:
    h = hashlib.sha512(seed).digest()
    return _clamp(h[:32]), h[32:]


def ed25519_public_key(seed: bytes) -> bytes:
    return _encode(_multiply(_expand(seed)[0], ED_BASE))


def ed25519_sign(seed: bytes, message: bytes) -> bytes:
    a, prefix = _expand(seed)
    public = _encode(_multiply(a, ED_BASE))
    r = _hash_int(prefix, message) % ED_L
    big_r = _encode(_multiply(r, ED_BASE))
    s = (r + _hash_int(big_r, public, message) % ED_L * a) % ED_L
    return big_r + s.to_bytes(32, "little")


def ed25519_verify(public: bytes, message: bytes, signature: bytes) -> bool:
    if len(signature) != 64:
        return False
    s = int.from_bytes(signature[32:], "little")
    if s >= ED_L:
        return False
    k = _hash_int(signature[:32], public, message) % ED_L
    return _multiply(s, ED_BASE) == _add(_decode(signature[:32]), _multiply(k, _decode(public)))
