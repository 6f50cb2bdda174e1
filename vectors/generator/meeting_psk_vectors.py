#!/usr/bin/env python3
"""Independent test-vector generator for Conclave's meeting password PSK.

Writes vectors/meeting-password-psk.json: meeting links, meeting passwords (with
and without a custom part), the Argon2id password PSK, the two HKDF subkeys
Conclave derives from it and the session key wrapped under one of them.

Everything is written from the specifications with the Python standard library
only.  Argon2id (RFC 9106, version 0x13, including H' and the data-independent
addressing) is implemented below on top of hashlib's BLAKE2b.  AES-256-GCM and
HKDF-SHA256 come from the sibling module hpke_vectors.py (also ours, also
independent of the C++ library).

Before anything is written the script runs a self-check: it must reproduce the
Argon2id vector of RFC 9106 section 5.3 and every field of the shared Proton
Meet PSK vectors (proton/proton-meet-psk.json, Argon2id m = 19456 KiB, t = 2,
p = 1), and it must open every session key it wraps.  On any mismatch it aborts
and writes nothing.

Usage (from the project root):
    python3 vectors/generator/meeting_psk_vectors.py [--proton-vectors PATH] [--output PATH]
"""

from __future__ import annotations

import argparse
import hashlib
import json
import struct
import sys
import time
from dataclasses import dataclass
from functools import reduce
from operator import itemgetter, xor
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from hpke_vectors import HKDF_SHA256, VectorError, gcm_open, gcm_seal  # noqa: E402

PROJECT_ROOT = Path(__file__).resolve().parents[2]
DEFAULT_PROTON_VECTORS = PROJECT_ROOT.parent / "shared" / "vectors" / "proton" / "proton-meet-psk.json"
DEFAULT_OUTPUT = PROJECT_ROOT / "vectors" / "meeting-password-psk.json"
PROVENANCE = ("vectors/generator/meeting_psk_vectors.py (independent Python 3.11 standard-library "
              "implementation); it first reproduced the RFC 9106 Argon2id vector and the 4 cases of "
              "proton/proton-meet-psk.json")

M32 = 0xFFFFFFFF
M64 = 0xFFFFFFFFFFFFFFFF


def le32(value: int) -> bytes:
    return value.to_bytes(4, "little")


# ---------------------------------------------------------------------------
# Argon2id (RFC 9106), version 0x13
# ---------------------------------------------------------------------------

ARGON2_VERSION = 0x13
ARGON2ID_TYPE = 2
SYNC_POINTS = 4
BLOCK_WORDS = 128
ADDRESSES_PER_BLOCK = BLOCK_WORDS
_BLOCK = struct.Struct(f"<{BLOCK_WORDS}Q")
_ZERO_BLOCK = [0] * BLOCK_WORDS


def blake2b_long(length: int, data: bytes) -> bytes:
    """H' (RFC 9106 section 3.3), the variable-length BLAKE2b hash."""
    prefixed = le32(length) + data
    if length <= 64:
        return hashlib.blake2b(prefixed, digest_size=length).digest()
    rounds = -(-length // 32) - 2
    v = hashlib.blake2b(prefixed).digest()
    out = [v[:32]]
    for _ in range(rounds - 1):
        v = hashlib.blake2b(v).digest()
        out.append(v[:32])
    out.append(hashlib.blake2b(v, digest_size=length - 32 * rounds).digest())
    return b"".join(out)


def _gb(a: int, b: int, c: int, d: int) -> tuple[int, int, int, int]:
    """GB (RFC 9106 section 3.6): BLAKE2b's G with the multiplications, on 64-bit words."""
    a = (a + b + ((a & M32) * (b & M32) << 1)) & M64
    d ^= a
    d = (d >> 32) | (d << 32) & M64
    c = (c + d + ((c & M32) * (d & M32) << 1)) & M64
    b ^= c
    b = (b >> 24) | (b << 40) & M64
    a = (a + b + ((a & M32) * (b & M32) << 1)) & M64
    d ^= a
    d = (d >> 16) | (d << 48) & M64
    c = (c + d + ((c & M32) * (d & M32) << 1)) & M64
    b ^= c
    b = (b >> 63) | (b << 1) & M64
    return a, b, c, d


def _permute(v0, v1, v2, v3, v4, v5, v6, v7, v8, v9, v10, v11, v12, v13, v14, v15):
    """P (RFC 9106 section 3.6) on 16 words: GB on the columns, then on the diagonals."""
    v0, v4, v8, v12 = _gb(v0, v4, v8, v12)
    v1, v5, v9, v13 = _gb(v1, v5, v9, v13)
    v2, v6, v10, v14 = _gb(v2, v6, v10, v14)
    v3, v7, v11, v15 = _gb(v3, v7, v11, v15)
    v0, v5, v10, v15 = _gb(v0, v5, v10, v15)
    v1, v6, v11, v12 = _gb(v1, v6, v11, v12)
    v2, v7, v8, v13 = _gb(v2, v7, v8, v13)
    v3, v4, v9, v14 = _gb(v3, v4, v9, v14)
    return v0, v1, v2, v3, v4, v5, v6, v7, v8, v9, v10, v11, v12, v13, v14, v15


# A block is an 8x8 matrix of 16-byte registers (2 words each).  Row r holds words
# 16r..16r+15; column c holds words 16r+2c and 16r+2c+1 for r = 0..7.
_COLUMN_ORDER = tuple(16 * row + 2 * col + half for col in range(8) for row in range(8) for half in (0, 1))
_gather_columns = itemgetter(*_COLUMN_ORDER)
_scatter_columns = itemgetter(*sorted(range(BLOCK_WORDS), key=_COLUMN_ORDER.__getitem__))


def compress(x: list[int], y: list[int]) -> list[int]:
    """G (RFC 9106 section 3.5): R = X xor Y, P on the rows, P on the columns, xor R."""
    r = list(map(xor, x, y))
    rows: list[int] = []
    for i in range(0, BLOCK_WORDS, 16):
        rows += _permute(*r[i:i + 16])
    columns = _gather_columns(rows)
    q: list[int] = []
    for i in range(0, BLOCK_WORDS, 16):
        q += _permute(*columns[i:i + 16])
    return list(map(xor, _scatter_columns(q), r))


@dataclass(frozen=True)
class Argon2Layout:
    passes: int
    lanes: int
    lane_length: int  # q = m' / p columns

    @property
    def segment_length(self) -> int:
        return self.lane_length // SYNC_POINTS

    @property
    def blocks(self) -> int:
        return self.lanes * self.lane_length


def argon2_initial_hash(password: bytes, salt: bytes, secret: bytes, associated_data: bytes,
                        length: int, memory_kib: int, layout: Argon2Layout) -> bytes:
    """H_0 (RFC 9106 section 3.2, step 1)."""
    params = b"".join(le32(v) for v in (layout.lanes, length, memory_kib, layout.passes,
                                        ARGON2_VERSION, ARGON2ID_TYPE))
    inputs = b"".join(le32(len(field)) + field for field in (password, salt, secret, associated_data))
    return hashlib.blake2b(params + inputs, digest_size=64).digest()


def _new_lane(h0: bytes, lane: int, layout: Argon2Layout) -> list:
    """A lane whose columns 0 and 1 are H'(1024, H_0 || LE32(column) || LE32(lane))."""
    blocks: list = [None] * layout.lane_length
    for column in (0, 1):
        blocks[column] = list(_BLOCK.unpack(blake2b_long(1024, h0 + le32(column) + le32(lane))))
    return blocks


def _segment_addresses(layout: Argon2Layout, pass_: int, slice_: int, lane: int) -> list[int]:
    """Pseudo-random values of a data-independent segment (RFC 9106 section 3.4.1.2)."""
    header = [pass_, lane, slice_, layout.blocks, layout.passes, ARGON2ID_TYPE]
    padding = [0] * (BLOCK_WORDS - len(header) - 1)
    addresses: list[int] = []
    for counter in range(1, -(-layout.segment_length // ADDRESSES_PER_BLOCK) + 1):
        addresses += compress(_ZERO_BLOCK, compress(_ZERO_BLOCK, header + [counter] + padding))
    return addresses


def _reference_column(layout: Argon2Layout, pass_: int, slice_: int, index: int, j1: int,
                      same_lane: bool) -> int:
    """Maps J1 onto the reference set (RFC 9106 section 3.4.2)."""
    segment = layout.segment_length
    if pass_ == 0:
        area, start = slice_ * segment, 0
    else:
        area, start = layout.lane_length - segment, (slice_ + 1) * segment % layout.lane_length
    area += index - 1 if same_lane else -(index == 0)
    x = j1 * j1 >> 32
    return (start + area - 1 - (area * x >> 32)) % layout.lane_length


def _fill_segment(memory: list[list], layout: Argon2Layout, pass_: int, slice_: int, lane: int) -> None:
    blocks = memory[lane]
    first_slice = pass_ == 0 and slice_ == 0
    addresses = _segment_addresses(layout, pass_, slice_, lane) if pass_ == 0 and slice_ < 2 else None
    base = slice_ * layout.segment_length
    for index in range(2 if first_slice else 0, layout.segment_length):
        column = base + index
        previous = blocks[column - 1]
        rand = previous[0] if addresses is None else addresses[index]
        ref_lane = lane if first_slice else (rand >> 32) % layout.lanes
        ref_column = _reference_column(layout, pass_, slice_, index, rand & M32, ref_lane == lane)
        block = compress(previous, memory[ref_lane][ref_column])
        blocks[column] = block if pass_ == 0 else list(map(xor, blocks[column], block))


def argon2id(password: bytes, salt: bytes, *, passes: int, memory_kib: int, lanes: int = 1,
             length: int = 32, secret: bytes = b"", associated_data: bytes = b"") -> bytes:
    if passes < 1 or lanes < 1 or memory_kib < 8 * lanes or length < 4:
        raise VectorError("Argon2id: parameters out of range")
    layout = Argon2Layout(passes, lanes, SYNC_POINTS * (memory_kib // (SYNC_POINTS * lanes)))
    h0 = argon2_initial_hash(password, salt, secret, associated_data, length, memory_kib, layout)
    memory = [_new_lane(h0, lane, layout) for lane in range(lanes)]
    for pass_ in range(passes):
        for slice_ in range(SYNC_POINTS):
            for lane in range(lanes):
                _fill_segment(memory, layout, pass_, slice_, lane)
    final = reduce(lambda a, b: list(map(xor, a, b)), (blocks[-1] for blocks in memory))
    return blake2b_long(length, _BLOCK.pack(*final))


# ---------------------------------------------------------------------------
# Conclave's meeting password PSK, subkeys and wrapped session key
# ---------------------------------------------------------------------------

PSK_PASSES = 2
PSK_MEMORY_KIB = 19456
PSK_LENGTH = 32
WRAP_LABEL = b"conclave session key wrap"
JOIN_LABEL = b"conclave join request"
LINK_BASE = "https://meet.conclave.example"
MEETING_ID_ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789"
LINK_PASSWORD_ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789"
CUSTOM_PASSWORDS = (None, "café☕", None, "board_2025 review")


def psk_salt(name: str) -> bytes:
    return hashlib.sha256(name.encode()).digest()[:16]


def password_psk(name: str, password: str) -> bytes:
    return argon2id(password.encode(), psk_salt(name), passes=PSK_PASSES, memory_kib=PSK_MEMORY_KIB,
                    length=PSK_LENGTH)


def password_subkey(psk: bytes, label: bytes) -> bytes:
    return HKDF_SHA256.expand(HKDF_SHA256.extract(b"", psk), label, 32)


def seeded_token(label: str, alphabet: str, length: int) -> str:
    """Bytes of SHA-256(label || " " || counter) blocks; a byte at or above the largest
    multiple of the alphabet's size is skipped, the others pick alphabet[byte % size]."""
    limit = 256 - 256 % len(alphabet)
    chars: list[str] = []
    counter = 0
    while len(chars) < length:
        block = hashlib.sha256(f"{label} {counter}".encode()).digest()
        chars += [alphabet[b % len(alphabet)] for b in block if b < limit]
        counter += 1
    return "".join(chars[:length])


def meeting_password(link_password: str, custom_password: str | None) -> str:
    return link_password if custom_password is None else f"{link_password}_{custom_password}"


def build_case(index: int) -> dict:
    meeting_id = seeded_token(f"conclave meeting psk {index} meeting_id", MEETING_ID_ALPHABET, 10)
    link_password = seeded_token(f"conclave meeting psk {index} link_password", LINK_PASSWORD_ALPHABET, 12)
    custom_password = CUSTOM_PASSWORDS[index]
    password = meeting_password(link_password, custom_password)
    psk = password_psk(meeting_id, password)
    wrap_key = password_subkey(psk, WRAP_LABEL)
    session_key = hashlib.sha256(f"conclave session key {index}".encode()).digest()
    iv = hashlib.sha256(f"conclave session iv {index}".encode()).digest()[:12]
    wrapped = iv + gcm_seal(wrap_key, iv, meeting_id.encode(), session_key)
    if gcm_open(wrap_key, wrapped[:12], meeting_id.encode(), wrapped[12:]) != session_key:
        raise VectorError(f"case {index}: the wrapped session key does not open")
    return {
        "meeting_id": meeting_id,
        "link_password": link_password,
        "custom_password": custom_password,
        "meeting_password": password,
        "url": f"{LINK_BASE}/join/id-{meeting_id}#pwd-{link_password}",
        "salt": psk_salt(meeting_id).hex(),
        "psk": psk.hex(),
        "wrap_key": wrap_key.hex(),
        "join_key": password_subkey(psk, JOIN_LABEL).hex(),
        "session_key": session_key.hex(),
        "wrapped_session_key": wrapped.hex(),
    }


def build_document() -> dict:
    return {
        "description": "Conclave meeting password PSK: meeting links, meeting passwords (two with a custom "
                       "part), the Argon2id password PSK, its two HKDF subkeys and the wrapped session key",
        "conventions": {
            "meeting_id": "10 characters of [A-Z0-9]: bytes of SHA-256(\"conclave meeting psk <case index> "
                          "meeting_id <counter>\") for counter = 0, 1, ...; a byte >= 252 is skipped, the "
                          "others pick alphabet[byte mod 36] (alphabet A-Z then 0-9)",
            "link_password": "12 characters of [A-Za-z0-9], the same way from \"conclave meeting psk "
                             "<case index> link_password <counter>\"; a byte >= 248 is skipped, the others "
                             "pick alphabet[byte mod 62] (alphabet A-Z, a-z, 0-9)",
            "custom_password": "chosen; null when the host set none",
            "meeting_password": "link_password, or link_password + \"_\" + custom_password when one is set",
            "url": f"{LINK_BASE}/join/id-<meeting_id>#pwd-<link_password>",
            "salt": "SHA-256(UTF-8(meeting_id))[0..16]",
            "psk": "Argon2id, version 0x13, m = 19456 KiB, t = 2, p = 1, 32 bytes, password = "
                   "UTF-8(meeting_password), salt = salt, no secret and no associated data",
            "wrap_key": "HKDF-SHA256(IKM = psk, salt = empty (HashLen zero bytes), info = \"conclave session "
                        "key wrap\", L = 32)",
            "join_key": "HKDF-SHA256(IKM = psk, salt = empty (HashLen zero bytes), info = \"conclave join "
                        "request\", L = 32)",
            "session_key": "synthetic: SHA-256(\"conclave session key <case index>\")",
            "wrapped_session_key": "IV || AES-256-GCM(wrap_key, IV, AAD = UTF-8(meeting_id), session_key) "
                                   "with the 16-byte tag, 60 bytes; IV = SHA-256(\"conclave session iv "
                                   "<case index>\")[0..12]",
        },
        "provenance": PROVENANCE,
        "cases": [build_case(index) for index in range(len(CUSTOM_PASSWORDS))],
    }


# ---------------------------------------------------------------------------
# Self-check
# ---------------------------------------------------------------------------

RFC9106_ARGON2ID = {
    "password": bytes([0x01]) * 32, "salt": bytes([0x02]) * 16, "secret": bytes([0x03]) * 8,
    "associated_data": bytes([0x04]) * 12, "passes": 3, "memory_kib": 32, "lanes": 4, "length": 32,
    "tag": "0d640df58d78766c08c037a34a8b53c9d01ef0452d75b65eb52520e96b01e659",
}


def check_rfc9106_vector() -> None:
    params = dict(RFC9106_ARGON2ID)
    password, salt, expected = params.pop("password"), params.pop("salt"), params.pop("tag")
    tag = argon2id(password, salt, **params).hex()
    if tag != expected:
        raise VectorError(f"RFC 9106 section 5.3 Argon2id: expected {expected}, got {tag}")


def proton_fields(link_name: str, password: str) -> dict:
    return {
        "link_name_utf8_hex": link_name.encode().hex(),
        "password_utf8_hex": password.encode().hex(),
        "salt16_hex": psk_salt(link_name).hex(),
        "psk_hex": password_psk(link_name, password).hex(),
        "psk_id_hex": link_name.encode().hex(),
    }


def check_proton_vectors(path: Path) -> int:
    """Reproduces every case of proton-meet-psk.json; returns the number of fields compared."""
    try:
        cases = json.loads(path.read_text(encoding="utf-8"))["cases"]
    except (OSError, ValueError, KeyError) as exc:
        raise VectorError(f"cannot load the Proton PSK vectors from {path}: {exc}") from exc
    if not cases:
        raise VectorError(f"{path} has no cases")
    compared = 0
    for index, case in enumerate(cases):
        start = time.monotonic()
        computed = proton_fields(case["link_name"], case["password"])
        mismatches = [f"{key}: expected {case.get(key)}, got {value}"
                      for key, value in computed.items() if case.get(key) != value]
        if mismatches:
            raise VectorError(f"Proton case {index} ({case['link_name']}) differs:\n  " + "\n  ".join(mismatches))
        compared += len(computed)
        print(f"  Proton case {index} ({case['link_name']}) reproduced ({time.monotonic() - start:.1f} s)")
    return compared


# ---------------------------------------------------------------------------

def encode_json(document) -> bytes:
    return (json.dumps(document, indent=2) + "\n").encode("ascii")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--proton-vectors", type=Path, default=DEFAULT_PROTON_VECTORS,
                        help=f"shared Proton Meet PSK vectors (default: {DEFAULT_PROTON_VECTORS})")
    parser.add_argument("--output", type=Path, default=DEFAULT_OUTPUT,
                        help=f"where to write the vectors (default: {DEFAULT_OUTPUT})")
    args = parser.parse_args(argv)
    start = time.monotonic()
    try:
        check_rfc9106_vector()
        print("RFC 9106 Argon2id vector reproduced")
        fields = check_proton_vectors(args.proton_vectors)
        print(f"self-check passed: RFC 9106 Argon2id vector and the Proton PSK vectors, {fields} fields compared")
        document = build_document()
    except VectorError as exc:
        print(f"ABORT: {exc}\nNothing was written.", file=sys.stderr)
        return 1
    data = encode_json(document)
    args.output.parent.mkdir(parents=True, exist_ok=True)
    args.output.write_bytes(data)
    print(f"wrote {len(document['cases'])} cases to {args.output}  sha256 {hashlib.sha256(data).hexdigest()}")
    print(f"done in {time.monotonic() - start:.1f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
