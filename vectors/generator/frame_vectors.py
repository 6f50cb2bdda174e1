#!/usr/bin/env python3
"""Independent test-vector generator for SFrame keyed from MLS and for LiveKit E2EE frames.

Writes two files:
  vectors/mls-sframe.json      RFC 9605 SFrame (all suites 1-8) keyed from an MLS
                               epoch as in RFC 9605 section 5.2 / RFC 9420 section 8.5.
  vectors/livekit-frames.json  LiveKit E2EE media frames as Proton Meet keys them
                               (PBKDF2 key, IV, clear header, AES-128-GCM, trailer,
                               RBSP escaping, 2.23 start-code normalization).

Everything is written from the specifications with the Python standard library
only.  AES, GCM and HKDF come from the sibling module hpke_vectors.py (also ours,
also independent of the C++ library); the SFrame header, key schedule, the
AES-CTR+HMAC AEAD, the MLS exporter and the whole LiveKit frame format are
implemented below.

Before anything is written the script runs a self-check: it must reproduce every
field of the RFC 9605 SFrame test vectors (header, AES-CTR-HMAC and SFrame
entries, including the AES-256-CTR-HMAC suites 6-8), every case of the shared
LiveKit vectors (made with the real livekit-client 2.23.0 and 2.17.1 workers),
and the MLS ExpandWithLabel / DeriveSecret / exporter values of the RFC 9420
test vectors.  On any mismatch it aborts and writes nothing.

Usage (from the project root):
    python3 vectors/generator/frame_vectors.py [--shared DIR] [--output-dir DIR]
"""

from __future__ import annotations

import argparse
import base64
import functools
import hashlib
import hmac
import json
import sys
import time
from dataclasses import dataclass
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from hpke_vectors import Aes, Kdf, VectorError, gcm_open, gcm_seal  # noqa: E402

PROJECT_ROOT = Path(__file__).resolve().parents[2]
DEFAULT_SHARED = PROJECT_ROOT.parent / "shared" / "vectors"
DEFAULT_OUTPUT_DIR = PROJECT_ROOT / "vectors"
PROVENANCE = "vectors/generator/frame_vectors.py (independent Python 3.11 standard-library implementation)"


def xor_bytes(a: bytes, b: bytes) -> bytes:
    return bytes(x ^ y for x, y in zip(a, b, strict=True))


def u64be(value: int) -> bytes:
    return value.to_bytes(8, "big")


def seeded_bytes(label: str, length: int) -> bytes:
    """Deterministic bytes: SHA-256(label || " " || counter) blocks, concatenated."""
    out, counter = b"", 0
    while len(out) < length:
        out += hashlib.sha256(f"{label} {counter}".encode()).digest()
        counter += 1
    return out[:length]


# ---------------------------------------------------------------------------
# SFrame (RFC 9605)
# ---------------------------------------------------------------------------

@dataclass(frozen=True)
class SFrameSuite:
    suite_id: int
    name: str
    hash_name: str
    nk: int            # AEAD key size
    nt: int            # tag size
    nka: int | None    # AES key size inside the CTR+HMAC AEAD; None for GCM
    nn: int = 12

    @property
    def kdf(self) -> Kdf:
        return Kdf(0, self.hash_name)

    def seal(self, key: bytes, nonce: bytes, aad: bytes, pt: bytes) -> bytes:
        if len(key) != self.nk or len(nonce) != self.nn:
            raise VectorError(f"suite {self.suite_id}: bad key or nonce length")
        if self.nka is None:
            return gcm_seal(key, nonce, aad, pt)
        enc_key, auth_key = key[:self.nka], key[self.nka:]
        ct = aes_ctr(enc_key, nonce + bytes(4), pt)
        return ct + self.ctr_hmac_tag(auth_key, nonce, aad, ct)

    def open(self, key: bytes, nonce: bytes, aad: bytes, sealed: bytes) -> bytes:
        if self.nka is None:
            return gcm_open(key, nonce, aad, sealed)
        if len(sealed) < self.nt:
            raise VectorError("SFrame: ciphertext shorter than the tag")
        enc_key, auth_key = key[:self.nka], key[self.nka:]
        ct, tag = sealed[:-self.nt], sealed[-self.nt:]
        if not hmac.compare_digest(tag, self.ctr_hmac_tag(auth_key, nonce, aad, ct)):
            raise VectorError("SFrame AES-CTR-HMAC: authentication tag mismatch")
        return aes_ctr(enc_key, nonce + bytes(4), ct)

    def ctr_hmac_tag(self, auth_key: bytes, nonce: bytes, aad: bytes, ct: bytes) -> bytes:
        auth_data = u64be(len(aad)) + u64be(len(ct)) + u64be(self.nt) + nonce + aad + ct
        return hmac.digest(auth_key, auth_data, self.hash_name)[:self.nt]


SFRAME_SUITES = {s.suite_id: s for s in (
    SFrameSuite(1, "AES_128_CTR_HMAC_SHA256_80", "sha256", nk=48, nt=10, nka=16),
    SFrameSuite(2, "AES_128_CTR_HMAC_SHA256_64", "sha256", nk=48, nt=8, nka=16),
    SFrameSuite(3, "AES_128_CTR_HMAC_SHA256_32", "sha256", nk=48, nt=4, nka=16),
    SFrameSuite(4, "AES_128_GCM_SHA256_128", "sha256", nk=16, nt=16, nka=None),
    SFrameSuite(5, "AES_256_GCM_SHA512_128", "sha512", nk=32, nt=16, nka=None),
    SFrameSuite(6, "AES_256_CTR_HMAC_SHA512_80", "sha512", nk=96, nt=10, nka=32),
    SFrameSuite(7, "AES_256_CTR_HMAC_SHA512_64", "sha512", nk=96, nt=8, nka=32),
    SFrameSuite(8, "AES_256_CTR_HMAC_SHA512_32", "sha512", nk=96, nt=4, nka=32),
)}


def aes_ctr(key: bytes, initial_counter: bytes, data: bytes) -> bytes:
    """AES-CTR with a full 128-bit big-endian counter increment."""
    cipher, counter, out = Aes(key), int.from_bytes(initial_counter, "big"), bytearray()
    for i in range(0, len(data), 16):
        chunk = data[i:i + 16]
        keystream = cipher.encrypt_block(counter.to_bytes(16, "big"))
        out += xor_bytes(chunk, keystream[:len(chunk)])
        counter = (counter + 1) % 2**128
    return bytes(out)


def _compact(value: int) -> bytes:
    """Minimal big-endian encoding of a value >= 8 (1 to 8 bytes)."""
    return value.to_bytes(max(1, (value.bit_length() + 7) // 8), "big")


def encode_sframe_header(kid: int, ctr: int) -> bytes:
    if not (0 <= kid < 2**64 and 0 <= ctr < 2**64):
        raise VectorError("SFrame header: KID/CTR out of range")
    config, tail = 0, b""
    if kid < 8:
        config |= kid << 4
    else:
        kid_bytes = _compact(kid)
        config |= 0x80 | (len(kid_bytes) - 1) << 4
        tail += kid_bytes
    if ctr < 8:
        config |= ctr
    else:
        ctr_bytes = _compact(ctr)
        config |= 0x08 | (len(ctr_bytes) - 1)
        tail += ctr_bytes
    return bytes([config]) + tail


def decode_sframe_header(data: bytes) -> tuple[int, int, int]:
    """Returns (kid, ctr, header length); rejects truncated or non-minimal headers."""
    if not data:
        raise VectorError("SFrame header: empty")
    config, pos = data[0], 1
    values = []
    for flag, field in ((config >> 7) & 1, (config >> 4) & 7), ((config >> 3) & 1, config & 7):
        if not flag:
            values.append(field)
            continue
        length = field + 1
        if pos + length > len(data):
            raise VectorError("SFrame header: truncated")
        value = int.from_bytes(data[pos:pos + length], "big")
        if value < 8 or _compact(value) != data[pos:pos + length]:
            raise VectorError("SFrame header: non-minimal encoding")
        values.append(value)
        pos += length
    return values[0], values[1], pos


def sframe_labels(suite: SFrameSuite, kid: int) -> tuple[bytes, bytes]:
    tail = u64be(kid) + suite.suite_id.to_bytes(2, "big")
    return b"SFrame 1.0 Secret key " + tail, b"SFrame 1.0 Secret salt " + tail


def derive_key_salt(suite: SFrameSuite, kid: int, base_key: bytes) -> dict:
    kdf = suite.kdf
    secret = kdf.extract(b"", base_key)
    key_label, salt_label = sframe_labels(suite, kid)
    return {
        "sframe_key_label": key_label,
        "sframe_salt_label": salt_label,
        "sframe_secret": secret,
        "sframe_key": kdf.expand(secret, key_label, suite.nk),
        "sframe_salt": kdf.expand(secret, salt_label, suite.nn),
    }


def sframe_nonce(salt: bytes, ctr: int) -> bytes:
    return xor_bytes(salt, ctr.to_bytes(len(salt), "big"))


def sframe_protect(suite: SFrameSuite, kid: int, ctr: int, base_key: bytes,
                   metadata: bytes, pt: bytes) -> dict:
    keys = derive_key_salt(suite, kid, base_key)
    header = encode_sframe_header(kid, ctr)
    nonce = sframe_nonce(keys["sframe_salt"], ctr)
    aad = header + metadata
    ct = header + suite.seal(keys["sframe_key"], nonce, aad, pt)
    return {**keys, "header": header, "nonce": nonce, "aad": aad, "ct": ct}


def sframe_unprotect(suite: SFrameSuite, base_key_for_kid, metadata: bytes, frame: bytes):
    """Returns (kid, ctr, plaintext); base_key_for_kid(kid) supplies the base key."""
    kid, ctr, hlen = decode_sframe_header(frame)
    keys = derive_key_salt(suite, kid, base_key_for_kid(kid))
    nonce = sframe_nonce(keys["sframe_salt"], ctr)
    pt = suite.open(keys["sframe_key"], nonce, frame[:hlen] + metadata, frame[hlen:])
    return kid, ctr, pt


# ---------------------------------------------------------------------------
# MLS (RFC 9420 sections 2.1.2, 5.1.3, 8, 8.5)
# ---------------------------------------------------------------------------

MLS_SUITE_HASH = {1: "sha256", 2: "sha256", 3: "sha256", 4: "sha512", 5: "sha512",
                  6: "sha512", 7: "sha384"}


def mls_kdf(mls_suite: int) -> Kdf:
    return Kdf(0, MLS_SUITE_HASH[mls_suite])


def mls_varint(n: int) -> bytes:
    if n < 1 << 6:
        return bytes([n])
    if n < 1 << 14:
        return (0x4000 | n).to_bytes(2, "big")
    if n < 1 << 30:
        return (0x80000000 | n).to_bytes(4, "big")
    raise VectorError("MLS varint: value too large")


def expand_with_label(kdf: Kdf, secret: bytes, label: bytes, context: bytes, length: int) -> bytes:
    full_label = b"MLS 1.0 " + label
    kdf_label = (length.to_bytes(2, "big") + mls_varint(len(full_label)) + full_label
                 + mls_varint(len(context)) + context)
    return kdf.expand(secret, kdf_label, length)


def derive_secret(kdf: Kdf, secret: bytes, label: bytes) -> bytes:
    return expand_with_label(kdf, secret, label, b"", kdf.nh)


def mls_exporter(kdf: Kdf, exporter_secret: bytes, label: bytes, context: bytes, length: int) -> bytes:
    derived = derive_secret(kdf, exporter_secret, label)
    return expand_with_label(kdf, derived, b"exported",
                             hashlib.new(kdf.hash_name, context).digest(), length)


SFRAME_EXPORTER_LABEL = b"SFrame 1.0 Base Key"


def mls_kid(context: int, sender: int, epoch: int, index_bits: int, epoch_bits: int) -> int:
    if sender >= 1 << index_bits:
        raise VectorError("MLS SFrame: sender does not fit in S bits")
    kid = (context << (index_bits + epoch_bits)) | (sender << epoch_bits) | (epoch % (1 << epoch_bits))
    if kid >= 2**64:
        raise VectorError("MLS SFrame: KID does not fit in 64 bits")
    return kid


def split_mls_kid(kid: int, index_bits: int, epoch_bits: int) -> tuple[int, int, int]:
    """(context, sender, epoch low bits)."""
    return (kid >> (index_bits + epoch_bits), (kid >> epoch_bits) & ((1 << index_bits) - 1),
            kid & ((1 << epoch_bits) - 1))


# ---------------------------------------------------------------------------
# LiveKit E2EE frames (livekit-client FrameCryptor, Proton Meet keying)
# ---------------------------------------------------------------------------

LK_SALT = b"LKFrameEncryptionKey"
LK_ITERATIONS = 100000
LK_IV_LENGTH = 12
VP8_CLEAR_BYTES = {"key": 10, "delta": 3}


@functools.lru_cache(maxsize=None)
def livekit_key(raw_key_material: bytes) -> bytes:
    return hashlib.pbkdf2_hmac("sha256", raw_key_material, LK_SALT, LK_ITERATIONS, 16)


def livekit_iv(ssrc: int, timestamp: int, send_count: int) -> bytes:
    third = (timestamp - (send_count % 0xFFFF)) % 2**32
    return ssrc.to_bytes(4, "big") + timestamp.to_bytes(4, "big") + third.to_bytes(4, "big")


class LeadingData(Exception):
    """findNALUIndices: a non-zero byte before the first start code."""


def find_nalu_indices(s: bytes) -> list[int]:
    """Indices of NAL unit header bytes (the medooze-derived scan in livekit's naluUtils)."""
    length = len(s)
    limit = length - 3
    found: list[int] = []
    start = pos = 0
    while pos < limit:
        while pos < limit:
            if pos < limit - 1 and s[pos:pos + 4] == b"\x00\x00\x00\x01":
                break
            if s[pos:pos + 3] == b"\x00\x00\x01":
                break
            pos += 1
        if pos >= limit:
            pos = length
        end = pos
        while end > start and s[end - 1] == 0:
            end -= 1
        if start == 0:
            if end != start:
                raise LeadingData()
        else:
            found.append(start)
        code = 4 if pos < length - 3 and s[pos:pos + 4] == b"\x00\x00\x00\x01" else 3
        start = pos = pos + code
    return found


def is_slice(codec: str, nal_header: int) -> bool:
    if codec == "h264":
        return nal_header & 0x1F in (1, 5)
    nal_type = (nal_header >> 1) & 0x3F
    return nal_type <= 9 or 16 <= nal_type <= 21


def clear_header_size(frame: bytes, codec: str, frame_type: str | None) -> tuple[int, bool]:
    """(unencrypted bytes, NAL mode) as getUnencryptedBytes computes them."""
    if codec == "opus":
        return 1, False
    if codec == "vp8":
        return VP8_CLEAR_BYTES[frame_type], False
    if codec == "vp9":
        return 0, False
    if codec not in ("h264", "h265"):
        raise VectorError(f"LiveKit: unknown codec {codec}")
    try:
        indices = find_nalu_indices(frame)
    except LeadingData:
        indices = []
    for index in indices:
        if is_slice(codec, frame[index]):
            return index + 2, True
    return VP8_CLEAR_BYTES[frame_type], False


def normalize_start_codes(header: bytes) -> bytes:
    """00 00 01 not preceded by a 00 byte -> 00 00 00 01 (livekit-client 2.23)."""
    out, i = bytearray(), 0
    while i < len(header):
        if header[i:i + 3] == b"\x00\x00\x01" and (i == 0 or header[i - 1] != 0):
            out += b"\x00\x00\x00\x01"
            i += 3
        else:
            out.append(header[i])
            i += 1
    return bytes(out)


def rbsp_escape(data: bytes) -> tuple[bytes, int]:
    out, zeros, inserted = bytearray(), 0, 0
    for b in data:
        if b <= 3 and zeros >= 2:
            out.append(3)
            zeros = 0
            inserted += 1
        out.append(b)
        zeros = zeros + 1 if b == 0 else 0
    return bytes(out), inserted


def needs_rbsp_unescape(data: bytes) -> bool:
    return any(data[i] == 0 and data[i + 1] == 0 and data[i + 2] == 3 for i in range(len(data) - 3))


def rbsp_unescape(data: bytes) -> bytes:
    out, i = bytearray(), 0
    while i < len(data):
        if i + 2 < len(data) and data[i] == 0 and data[i + 1] == 0 and data[i + 2] == 3:
            out += b"\x00\x00"
            i += 3
        else:
            out.append(data[i])
            i += 1
    return bytes(out)


@dataclass(frozen=True)
class LiveKitInput:
    codec: str
    frame_type: str | None
    raw_key_material: bytes
    epoch: int
    ssrc: int
    timestamp: int
    send_count: int
    plaintext: bytes


def livekit_encrypt(inp: LiveKitInput, normalize: bool) -> dict:
    key = livekit_key(inp.raw_key_material)
    key_index = inp.epoch % 256
    iv = livekit_iv(inp.ssrc, inp.timestamp, inp.send_count)
    size, nal_mode = clear_header_size(inp.plaintext, inp.codec, inp.frame_type)
    header, rest = inp.plaintext[:size], inp.plaintext[size:]
    if nal_mode:
        if normalize:
            header = normalize_start_codes(header)
    elif normalize_start_codes(header) != header:
        # Outside NAL mode the reading of the normalization rule would matter; keep clear of it.
        raise VectorError("LiveKit: a non-NAL clear header contains a 3-byte start code")
    tail = gcm_seal(key, iv, header, rest) + iv + bytes([LK_IV_LENGTH, key_index])
    inserted = 0
    if nal_mode:
        tail, inserted = rbsp_escape(tail)
    return {"key": key, "key_index": key_index, "iv": iv, "unencrypted_bytes": size,
            "nal_mode": nal_mode, "header": header, "frame": header + tail,
            "inserted": inserted, "decrypted": header + rest}


def livekit_decrypt(frame: bytes, codec: str, frame_type: str | None, raw_key_material: bytes):
    """Returns (decrypted frame, key index, iv), recomputing the header from the frame."""
    size, nal_mode = clear_header_size(frame, codec, frame_type)
    header, tail = frame[:size], frame[size:]
    if nal_mode and needs_rbsp_unescape(tail):
        tail = rbsp_unescape(tail)
    if len(tail) < 2 + LK_IV_LENGTH + 16 or tail[-2] != LK_IV_LENGTH:
        raise VectorError("LiveKit: malformed trailer")
    key_index, iv = tail[-1], tail[-2 - LK_IV_LENGTH:-2]
    pt = gcm_open(livekit_key(raw_key_material), iv, header, tail[:-2 - LK_IV_LENGTH])
    return header + pt, key_index, iv


def livekit_fields(inp: LiveKitInput) -> dict:
    """Every derived field of a livekit-frames.json case, after a round trip of both variants."""
    new = livekit_encrypt(inp, normalize=True)
    old = livekit_encrypt(inp, normalize=False)
    decrypted, key_index, iv = livekit_decrypt(new["frame"], inp.codec, inp.frame_type, inp.raw_key_material)
    if key_index != new["key_index"] or iv != new["iv"] or decrypted != new["decrypted"]:
        raise VectorError("LiveKit: the 2.23 frame does not decrypt to its input")
    old_decrypted, key_index, iv = livekit_decrypt(old["frame"], inp.codec, inp.frame_type,
                                                   inp.raw_key_material)
    if key_index != old["key_index"] or iv != old["iv"] or old_decrypted != inp.plaintext:
        raise VectorError("LiveKit: the 2.17.1 frame does not decrypt to the plaintext")
    return {
        "raw_key_material_b64": base64.b64encode(inp.raw_key_material).decode(),
        "key_index": new["key_index"],
        "derived_aes_key_hex": new["key"].hex(),
        "ssrc_hex": inp.ssrc.to_bytes(4, "big").hex(),
        "iv_hex": new["iv"].hex(),
        "unencrypted_bytes": new["unencrypted_bytes"],
        "aad_header_hex": new["header"].hex(),
        "encrypted_frame_hex": new["frame"].hex(),
        "decrypted_frame_hex": decrypted.hex(),
        "rbsp_escaping_applied": new["nal_mode"],
        "rbsp_emulation_bytes_inserted": new["inserted"],
        "livekit_client_2_17_1_encrypted_frame_hex":
            "identical" if old["frame"] == new["frame"] else old["frame"].hex(),
    }


# ---------------------------------------------------------------------------
# Self-check
# ---------------------------------------------------------------------------

def describe_difference(expected, actual) -> str:
    if isinstance(expected, str) and isinstance(actual, str):
        at = next((i for i, (a, b) in enumerate(zip(expected, actual)) if a != b), min(len(expected), len(actual)))
        return (f"differs at character {at} (lengths {len(expected)}/{len(actual)}): expected "
                f"...{expected[max(0, at - 8):at + 24]}, got ...{actual[max(0, at - 8):at + 24]}")
    return f"expected {expected!r}, got {actual!r}"


class Checker:
    def __init__(self) -> None:
        self.fields = 0
        self.mismatches: list[str] = []

    def compare(self, where: str, expected: dict, computed: dict, inputs: tuple = (),
                descriptive: tuple = ()) -> None:
        """Every key of expected must be an input, descriptive, or computed and equal."""
        for key, value in expected.items():
            if key in inputs or key in descriptive:
                continue
            if key not in computed:
                self.mismatches.append(f"{where}: field {key} is not reproduced")
                continue
            self.fields += 1
            if computed[key] != value:
                self.mismatches.append(f"{where}.{key}: {describe_difference(value, computed[key])}")

    def check(self, where: str, condition: bool, what: str) -> None:
        self.fields += 1
        if not condition:
            self.mismatches.append(f"{where}: {what}")


def load_json(path: Path):
    try:
        return json.loads(path.read_text())
    except OSError as exc:
        raise VectorError(f"cannot read {path}: {exc}") from exc


def check_sframe_vectors(shared: Path, chk: Checker) -> dict:
    main = load_json(shared / "sframe" / "test-vectors.json")
    aes256 = load_json(shared / "sframe" / "test-vectors-aes256.json")
    counts = {"header": 0, "ctr_hmac": 0, "sframe": 0}

    for i, entry in enumerate(main["header"]):
        where = f"sframe header[{i}]"
        encoded = encode_sframe_header(entry["kid"], entry["ctr"])
        chk.compare(where, entry, {"encoded": encoded.hex()}, inputs=("kid", "ctr"))
        kid, ctr, hlen = decode_sframe_header(bytes.fromhex(entry["encoded"]))
        chk.check(where, (kid, ctr, hlen) == (entry["kid"], entry["ctr"], len(encoded)), "decode")
        counts["header"] += 1

    for group in ("aes_ctr_hmac", "aes_256_ctr_hmac"):
        for i, entry in enumerate(main[group]):
            where = f"sframe {group}[{i}]"
            suite = SFRAME_SUITES[entry["cipher_suite"]]
            key, nonce = bytes.fromhex(entry["key"]), bytes.fromhex(entry["nonce"])
            aad, pt = bytes.fromhex(entry["aad"]), bytes.fromhex(entry["pt"])
            ct = suite.seal(key, nonce, aad, pt)
            chk.compare(where, entry, {"enc_key": key[:suite.nka].hex(), "auth_key": key[suite.nka:].hex(),
                                       "ct": ct.hex()},
                        inputs=("cipher_suite", "key", "nonce", "aad", "pt"))
            chk.check(where, suite.open(key, nonce, aad, bytes.fromhex(entry["ct"])) == pt, "decrypt")
            counts["ctr_hmac"] += 1

    for name, entries in (("sframe", main["sframe"]), ("sframe_aes_256_ctr_hmac", aes256["sframe_aes_256_ctr_hmac"])):
        for i, entry in enumerate(entries):
            where = f"sframe {name}[{i}]"
            suite = SFRAME_SUITES[entry["cipher_suite"]]
            base_key = bytes.fromhex(entry["base_key"])
            metadata, pt = bytes.fromhex(entry["metadata"]), bytes.fromhex(entry["pt"])
            out = sframe_protect(suite, entry["kid"], entry["ctr"], base_key, metadata, pt)
            computed = {k: v.hex() for k, v in out.items() if k != "header"}
            chk.compare(where, entry, computed, inputs=("cipher_suite", "kid", "ctr", "base_key", "metadata", "pt"))
            kid, ctr, opened = sframe_unprotect(suite, lambda _kid: base_key, metadata, bytes.fromhex(entry["ct"]))
            chk.check(where, (kid, ctr, opened) == (entry["kid"], entry["ctr"], pt), "decrypt")
            counts["sframe"] += 1
    return counts


LIVEKIT_INPUT_FIELDS = ("name", "kind", "codec", "mime_type", "payload_type", "frame_type",
                        "raw_key_material_hex", "epoch", "ssrc", "timestamp", "send_count", "plaintext_hex")
LIVEKIT_DESCRIPTIVE_FIELDS = ("verified_by", "note")


def livekit_input_of(case: dict) -> LiveKitInput:
    return LiveKitInput(
        codec=case["codec"], frame_type=case["frame_type"],
        raw_key_material=bytes.fromhex(case["raw_key_material_hex"]), epoch=case["epoch"],
        ssrc=case["ssrc"], timestamp=case["timestamp"], send_count=case["send_count"],
        plaintext=bytes.fromhex(case["plaintext_hex"]))


def check_livekit_vectors(shared: Path, chk: Checker) -> dict:
    doc = load_json(shared / "livekit" / "livekit-frames.json")
    counts = {"cases": 0, "legacy_distinct": 0}
    for case in doc["cases"]:
        where = f"livekit {case['name']}"
        inp = livekit_input_of(case)
        computed = livekit_fields(inp)
        chk.compare(where, case, computed, inputs=LIVEKIT_INPUT_FIELDS, descriptive=LIVEKIT_DESCRIPTIVE_FIELDS)
        # Decrypt the shared frames themselves, not only our re-encryptions.
        frame = bytes.fromhex(case["encrypted_frame_hex"])
        decrypted, key_index, _ = livekit_decrypt(frame, inp.codec, inp.frame_type, inp.raw_key_material)
        chk.check(where, decrypted.hex() == case["decrypted_frame_hex"] and key_index == case["key_index"],
                  "decrypting encrypted_frame_hex")
        if case["livekit_client_2_17_1_encrypted_frame_hex"] != "identical":
            legacy = bytes.fromhex(case["livekit_client_2_17_1_encrypted_frame_hex"])
            decrypted, key_index, _ = livekit_decrypt(legacy, inp.codec, inp.frame_type, inp.raw_key_material)
            chk.check(where, decrypted == inp.plaintext and key_index == case["key_index"],
                      "decrypting livekit_client_2_17_1_encrypted_frame_hex")
            counts["legacy_distinct"] += 1
        counts["cases"] += 1
    return counts


def check_mls_vectors(shared: Path, chk: Checker) -> dict:
    counts = {"crypto_basics": 0, "exporters": 0}
    for entry in load_json(shared / "mls" / "crypto-basics.json"):
        suite = entry["cipher_suite"]
        kdf = mls_kdf(suite)
        ewl = entry["expand_with_label"]
        out = expand_with_label(kdf, bytes.fromhex(ewl["secret"]), ewl["label"].encode(),
                                bytes.fromhex(ewl["context"]), ewl["length"])
        chk.check(f"mls crypto-basics suite {suite}", out.hex() == ewl["out"], "expand_with_label")
        ds = entry["derive_secret"]
        out = derive_secret(kdf, bytes.fromhex(ds["secret"]), ds["label"].encode())
        chk.check(f"mls crypto-basics suite {suite}", out.hex() == ds["out"], "derive_secret")
        counts["crypto_basics"] += 1
    for entry in load_json(shared / "mls" / "key-schedule.json"):
        kdf = mls_kdf(entry["cipher_suite"])
        for i, epoch in enumerate(entry["epochs"]):
            exp = epoch["exporter"]
            # The label is used as the JSON string itself (its ASCII bytes), the context as hex.
            out = mls_exporter(kdf, bytes.fromhex(epoch["exporter_secret"]), exp["label"].encode(),
                               bytes.fromhex(exp["context"]), exp["length"])
            chk.check(f"mls key-schedule suite {entry['cipher_suite']} epoch {i}", out.hex() == exp["secret"],
                      "exporter")
            counts["exporters"] += 1
    return counts


def self_check(shared: Path) -> dict:
    chk = Checker()
    try:
        stats = {"sframe": check_sframe_vectors(shared, chk),
                 "livekit": check_livekit_vectors(shared, chk),
                 "mls": check_mls_vectors(shared, chk)}
    except (KeyError, TypeError, ValueError) as exc:
        raise VectorError(f"self-check: malformed reference vectors ({exc!r})") from exc
    if chk.mismatches:
        raise VectorError("self-check failed:\n  " + "\n  ".join(chk.mismatches[:40]))
    stats["fields"] = chk.fields
    return stats


# ---------------------------------------------------------------------------
# mls-sframe.json
# ---------------------------------------------------------------------------

@dataclass(frozen=True)
class MlsCasePlan:
    mls_suite: int
    sframe_suite: int
    epoch: int
    epoch_bits: int
    leaf_count: int
    index_bits: int
    receiver: int
    frames: tuple  # (sender, context, metadata length, plaintext length)


MLS_CASES = (
    MlsCasePlan(1, 1, 0, 4, 2, 1, 1,
                ((0, 0, 6, 0), (0, 0, 14, 21), (0, 1, 3, 64))),
    MlsCasePlan(2, 2, 1, 2, 8, 3, 5,
                ((0, 0, 9, 10), (7, 0, 4, 33), (7, 0, 12, 1), (3, 2, 20, 50))),
    MlsCasePlan(3, 3, 17, 8, 64, 6, 0,
                ((33, 0, 5, 17), (51, 0, 16, 100), (33, 0, 8, 5), (33, 3, 2, 8))),
    MlsCasePlan(4, 4, 255, 0, 1024, 10, 1023,
                ((1000, 0, 11, 48), (1000, 0, 1, 49), (2, 15, 7, 0), (512, 0, 13, 7))),
    MlsCasePlan(5, 5, 256, 8, 8, 5, 6,
                ((1, 0, 10, 16), (1, 0, 0, 96), (4, 1, 6, 3))),
    MlsCasePlan(6, 6, 0x12345678, 16, 64, 6, 63,
                ((20, 0, 18, 40), (20, 0, 3, 41), (62, 7, 9, 12), (0, 0, 1, 1), (20, 0, 15, 80))),
    MlsCasePlan(7, 7, 2**40 + 3, 16, 1024, 10, 512,
                ((511, 0, 7, 30), (511, 0, 19, 2), (1023, 9, 4, 77))),
    MlsCasePlan(1, 8, 2**40 + 3, 4, 2, 1, 0,
                ((1, 0, 8, 25), (1, 0, 5, 26), (1, 2, 17, 99))),
)


def mls_seed(label: str, hash_name: str = "sha256") -> bytes:
    return hashlib.new(hash_name, f"conclave mls-sframe {label}".encode()).digest()


def build_mls_case(index: int, plan: MlsCasePlan) -> dict:
    suite = SFRAME_SUITES[plan.sframe_suite]
    kdf = mls_kdf(plan.mls_suite)
    if plan.leaf_count < 2 or plan.leaf_count & (plan.leaf_count - 1):
        raise VectorError("mls-sframe: leaf_count must be a power of two >= 2")
    if 1 << plan.index_bits < plan.leaf_count:
        raise VectorError("mls-sframe: index_bits too small for leaf_count")
    senders = {f[0] for f in plan.frames}
    if plan.receiver in senders or plan.receiver >= plan.leaf_count or max(senders) >= plan.leaf_count:
        raise VectorError("mls-sframe: bad sender/receiver choice")

    exporter_secret = mls_seed(f"exporter_secret {index}", kdf.hash_name)
    base_key = mls_exporter(kdf, exporter_secret, SFRAME_EXPORTER_LABEL, b"", suite.nk)
    counters: dict[tuple[int, int], int] = {}
    frames = []
    for j, (sender, context, md_len, pt_len) in enumerate(plan.frames):
        if not 0 <= context < 16:
            raise VectorError("mls-sframe: context out of range")
        ctr = counters.get((sender, context), 0)
        counters[(sender, context)] = ctr + 1
        kid = mls_kid(context, sender, plan.epoch, plan.index_bits, plan.epoch_bits)
        metadata = seeded_bytes(f"conclave mls-sframe metadata {index}.{j}", md_len)
        pt = seeded_bytes(f"conclave mls-sframe pt {index}.{j}", pt_len)
        out = sframe_protect(suite, kid, ctr, base_key, metadata, pt)

        # The receiver's side: from the header alone back to sender, context, epoch and plaintext.
        def receiver_base_key(got_kid: int) -> bytes:
            got_context, got_sender, got_epoch = split_mls_kid(got_kid, plan.index_bits, plan.epoch_bits)
            if (got_context, got_sender, got_epoch) != (context, sender, plan.epoch % (1 << plan.epoch_bits)):
                raise VectorError("mls-sframe: KID does not split back")
            return mls_exporter(kdf, exporter_secret, SFRAME_EXPORTER_LABEL, b"", suite.nk)

        got = sframe_unprotect(suite, receiver_base_key, metadata, out["ct"])
        if got != (kid, ctr, pt):
            raise VectorError("mls-sframe: frame does not decrypt")
        frames.append({
            "sender": sender, "context": context, "ctr": ctr, "kid": kid,
            "sframe_key": out["sframe_key"].hex(), "sframe_salt": out["sframe_salt"].hex(),
            "metadata": metadata.hex(), "pt": pt.hex(), "ct": out["ct"].hex(),
        })
    return {
        "mls_cipher_suite": plan.mls_suite,
        "cipher_suite": plan.sframe_suite,
        "exporter_secret": exporter_secret.hex(),
        "base_key": base_key.hex(),
        "epoch": plan.epoch,
        "epoch_bits": plan.epoch_bits,
        "leaf_count": plan.leaf_count,
        "index_bits": plan.index_bits,
        "receiver": plan.receiver,
        "frames": frames,
    }


def build_mls_document() -> dict:
    return {
        "description": "SFrame (RFC 9605) keyed from an MLS epoch (RFC 9605 section 5.2), one case per "
                       "SFrame cipher suite 1-8; each frame is sent in order by its sender and "
                       "decrypted by the receiver",
        "conventions": {
            "sframe_suites": "1,2,3 AES-128-CTR + HMAC-SHA256, tag 10/8/4, Nka 16, Nk 48; 4 AES-128-GCM, "
                             "HKDF-SHA256, Nk 16, tag 16; 5 AES-256-GCM, HKDF-SHA512, Nk 32, tag 16; 6,7,8 "
                             "AES-256-CTR + HMAC-SHA512, tag 10/8/4, Nka 32, Nk 96; Nn 12",
            "mls_suites": "Hash/HKDF per MLS cipher suite: 1,2,3 SHA-256; 4,5,6 SHA-512; 7 SHA-384",
            "exporter_secret": "synthetic: Hash_mls(\"conclave mls-sframe exporter_secret <case index>\"), Nh bytes",
            "base_key": "MLS-Exporter(\"SFrame 1.0 Base Key\", \"\", Nk) = ExpandWithLabel(DeriveSecret("
                        "exporter_secret, \"SFrame 1.0 Base Key\"), \"exported\", Hash(\"\"), Nk); "
                        "ExpandWithLabel uses KDFLabel = uint16(length) || varint-vector(\"MLS 1.0 \" + label) "
                        "|| varint-vector(context)",
            "kid": "(context << (index_bits + epoch_bits)) | (sender << epoch_bits) | (epoch mod 2^epoch_bits)",
            "ctr": "each (sender, context) counts from 0 in the order its frames appear",
            "sframe_key": "HKDF-Expand(HKDF-Extract(\"\", base_key), \"SFrame 1.0 Secret key \" || u64be(kid) "
                          "|| u16be(cipher_suite), Nk)",
            "sframe_salt": "HKDF-Expand(HKDF-Extract(\"\", base_key), \"SFrame 1.0 Secret salt \" || u64be(kid) "
                           "|| u16be(cipher_suite), Nn)",
            "ct": "the whole SFrame: header(kid, ctr) || AEAD(sframe_key, sframe_salt XOR u96be(ctr), "
                  "aad = header || metadata, pt)",
            "aes_ctr_hmac": "enc_key = key[:Nka], auth_key = key[Nka:]; AES-CTR from nonce || 00000000 "
                            "(128-bit increment); tag = HMAC(auth_key, u64be(len aad) || u64be(len ct) || "
                            "u64be(Nt) || nonce || aad || ct)[:Nt]",
            "members": "every leaf below leaf_count is a member; receiver sends nothing",
            "metadata_pt": "synthetic: SHA-256(\"conclave mls-sframe metadata|pt <case>.<frame> <n>\") blocks",
        },
        "provenance": PROVENANCE + "; it first reproduced the RFC 9605 SFrame vectors (suites 1-8) and the "
                                   "RFC 9420 ExpandWithLabel/DeriveSecret/exporter vectors",
        "cases": [build_mls_case(i, plan) for i, plan in enumerate(MLS_CASES)],
    }


# ---------------------------------------------------------------------------
# livekit-frames.json
# ---------------------------------------------------------------------------

CODEC_INFO = {  # codec -> (kind, mime_type, payload_type)
    "opus": ("audio", "audio/opus", 111),
    "vp8": ("video", "video/VP8", 96),
    "vp9": ("video", "video/VP9", 98),
    "h264": ("video", "video/H264", 102),
    "h265": ("video", "video/H265", 104),
}


def raw_key(session: str) -> bytes:
    return hashlib.sha256(f"conclave livekit-frames raw key material {session}".encode()).digest()


def payload(label: str, length: int) -> bytes:
    return seeded_bytes(f"conclave livekit-frames payload {label}", length)


def nal_body(label: str, length: int) -> bytes:
    """Synthetic NAL unit body with no zero bytes (so no 00 00 0x sequences, no trailing zero)."""
    return bytes(b or 0xFF for b in payload(label, length))


SC4, SC3 = b"\x00\x00\x00\x01", b"\x00\x00\x01"


def livekit_plans() -> list[dict]:
    h264_sps = bytes.fromhex("6742c01f") + nal_body("h264 sps", 14)
    h264_pps = bytes.fromhex("68ce3c80")
    h265_vps = bytes.fromhex("4001") + nal_body("h265 vps", 20)
    h265_sps = bytes.fromhex("4201") + nal_body("h265 sps", 30)
    h265_pps = bytes.fromhex("4401") + nal_body("h265 pps", 6)
    vp8_key_header = bytes.fromhex("b01c009d012a8002e001")   # frame tag (key), 9d 01 2a, 640x480
    plans = [
        dict(name="opus-20B-iv-wrap", codec="opus", frame_type=None, session="opus-a", epoch=3,
             ssrc=0x11223344, timestamp=100, send_count=1000,
             plaintext=b"\x78" + payload("opus 20", 19),
             note="timestamp < send count: the third IV word wraps mod 2^32"),
        dict(name="opus-1200B-epoch-300", codec="opus", frame_type=None, session="opus-b", epoch=300,
             ssrc=0x0BADF00D, timestamp=0x00FFFFF0, send_count=0xFFFE,
             plaintext=b"\xfc" + payload("opus 1200", 1199),
             note="epoch 300 -> key index 44; send count 0xfffe is its own residue mod 0xffff"),
        dict(name="vp8-keyframe-epoch-256", codec="vp8", frame_type="key", session="vp8", epoch=256,
             ssrc=0xCAFEBABE, timestamp=90000, send_count=0xFFFF,
             plaintext=vp8_key_header + payload("vp8 key", 150),
             note="epoch 256 -> key index 0; send count 0xffff reduces to 0, so IV words 2 and 3 are equal"),
        dict(name="vp8-delta-send-count-0x10000", codec="vp8", frame_type="delta", session="vp8", epoch=256,
             ssrc=0xCAFEBABE, timestamp=93000, send_count=0x10000,
             plaintext=bytes.fromhex("3117a0") + payload("vp8 delta", 77),
             note="the send count continues from the key frame; 0x10000 mod 0xffff = 1"),
        dict(name="vp9-no-clear-bytes", codec="vp9", frame_type="key", session="vp9", epoch=511,
             ssrc=0x0000ABCD, timestamp=0xFFFFFFF0, send_count=0x1234,
             plaintext=bytes.fromhex("824983420031") + payload("vp9", 90),
             note="VP9 keeps no byte in the clear: the AAD is empty"),
        dict(name="h264-idr-sps-pps-zero-iv", codec="h264", frame_type="key", session="h264", epoch=42,
             ssrc=1, timestamp=0x00000100, send_count=0x0100,
             plaintext=SC4 + h264_sps + SC4 + h264_pps + SC4 + bytes.fromhex("6588") + nal_body("h264 idr", 160),
             note="IV 00000001 00000100 00000000: RBSP escaping inserts 0x03 bytes inside the IV"),
        dict(name="h264-delta-3byte-startcode", codec="h264", frame_type="delta", session="h264", epoch=42,
             ssrc=1, timestamp=0x00000100 + 3000, send_count=0x0101,
             plaintext=SC3 + bytes.fromhex("419a") + nal_body("h264 delta", 70),
             note="livekit-client 2.23 rewrites the 3-byte start code in the clear header to 4 bytes; "
                  "2.17.1 keeps it and its frame decrypts back to the original plaintext"),
        dict(name="h264-no-slice-fallback", codec="h264", frame_type="key", session="h264", epoch=42,
             ssrc=1, timestamp=0x00000100 + 6000, send_count=0x0102,
             plaintext=SC4 + h264_sps + SC4 + h264_pps + SC4 + bytes.fromhex("0605") + nal_body("h264 sei", 20),
             note="no slice NAL unit (SPS, PPS, SEI only): VP8 sizes (10 bytes for a key frame), no RBSP escaping"),
        dict(name="h264-leading-data-fallback", codec="h264", frame_type="delta", session="h264", epoch=42,
             ssrc=1, timestamp=0x00000100 + 9000, send_count=0x0103,
             plaintext=bytes.fromhex("09f0") + SC4 + bytes.fromhex("419a") + nal_body("h264 leading", 60),
             note="non-zero bytes before the first start code: NAL parsing fails, VP8 sizes (3 bytes for a "
                  "delta frame), no RBSP escaping"),
        dict(name="h265-idr-w-radl", codec="h265", frame_type="key", session="h265", epoch=1000,
             ssrc=0x00000200, timestamp=0x00010000, send_count=0xFFFD,
             plaintext=(SC4 + h265_vps + SC4 + h265_sps + SC4 + h265_pps + SC3 + bytes.fromhex("2601")
                        + nal_body("h265 idr", 120)),
             note="VPS/SPS/PPS with 4-byte start codes, IDR_W_RADL (26 01) after a 3-byte start code that 2.23 "
                  "rewrites; epoch 1000 -> key index 232"),
    ]
    return plans


def build_livekit_case(plan: dict) -> dict:
    kind, mime_type, payload_type = CODEC_INFO[plan["codec"]]
    material = raw_key(plan["session"])
    inp = LiveKitInput(codec=plan["codec"], frame_type=plan["frame_type"], raw_key_material=material,
                       epoch=plan["epoch"], ssrc=plan["ssrc"], timestamp=plan["timestamp"],
                       send_count=plan["send_count"], plaintext=plan["plaintext"])
    f = livekit_fields(inp)
    case = {
        "name": plan["name"],
        "kind": kind,
        "codec": plan["codec"],
        "mime_type": mime_type,
        "payload_type": payload_type,
        "frame_type": plan["frame_type"],
        "raw_key_material_hex": material.hex(),
        "raw_key_material_b64": f["raw_key_material_b64"],
        "epoch": plan["epoch"],
        "key_index": f["key_index"],
        "derived_aes_key_hex": f["derived_aes_key_hex"],
        "ssrc": plan["ssrc"],
        "ssrc_hex": f["ssrc_hex"],
        "timestamp": plan["timestamp"],
        "send_count": plan["send_count"],
        "iv_hex": f["iv_hex"],
        "plaintext_hex": plan["plaintext"].hex(),
        "unencrypted_bytes": f["unencrypted_bytes"],
        "aad_header_hex": f["aad_header_hex"],
        "encrypted_frame_hex": f["encrypted_frame_hex"],
        "decrypted_frame_hex": f["decrypted_frame_hex"],
        "rbsp_escaping_applied": f["rbsp_escaping_applied"],
        "rbsp_emulation_bytes_inserted": f["rbsp_emulation_bytes_inserted"],
        "livekit_client_2_17_1_encrypted_frame_hex": f["livekit_client_2_17_1_encrypted_frame_hex"],
        "note": plan["note"],
        "verified_by": [
            "generated by vectors/generator/frame_vectors.py, an independent Python standard-library "
            "implementation that shares no code with the C++ library",
            "frame_vectors.py first reproduced every case of the shared LiveKit vectors (real livekit-client "
            "2.23.0 and 2.17.1 frames) byte for byte",
            "frame_vectors.py decrypted both frames again (header recomputed from the received frame): the "
            "2.23 frame gives decrypted_frame_hex, the 2.17.1 frame gives plaintext_hex",
            "checked by the C++ library's conclave-vectors (tools/conclave-vectors)",
        ],
    }
    return case


def build_livekit_document() -> dict:
    cases = [build_livekit_case(plan) for plan in livekit_plans()]
    names = [c["name"] for c in cases]
    if len(set(names)) != len(names):
        raise VectorError("livekit-frames: duplicate case names")
    return {
        "description": "LiveKit E2EE media frame encryption vectors, Proton Meet configuration "
                       "(Conclave's own cases, same layout as the shared livekit-frames.json)",
        "algorithm": {
            "key_material": "raw_key_material = the 32-byte MLS exporter value of the epoch (synthetic here: "
                            "SHA-256(\"conclave livekit-frames raw key material <session>\"))",
            "aes_key": "PBKDF2-HMAC-SHA256(password = raw_key_material, salt = \"LKFrameEncryptionKey\", "
                       "100000 iterations, 16 bytes) -> AES-128-GCM key",
            "key_index": "epoch mod 256",
            "iv": "u32be(ssrc) || u32be(timestamp) || u32be((timestamp - (send_count % 0xffff)) mod 2^32)",
            "unencrypted_header": "audio 1 byte; VP8 10 (key) / 3 (delta); VP9 0; H.264/H.265: index of the "
                                  "first slice NAL unit header (H.264 types 1, 5; H.265 types 0-9, 16-21) + 2, "
                                  "found with livekit's findNALUIndices; leading non-zero data or no slice NAL "
                                  "unit -> VP8 sizes by frame type without RBSP escaping",
            "normalization": "livekit-client 2.23 (encrypted_frame_hex): in an H.264/H.265 clear header every "
                             "00 00 01 not preceded by 00 becomes 00 00 00 01; 2.17.1 does not do this "
                             "(livekit_client_2_17_1_encrypted_frame_hex, \"identical\" when equal)",
            "aead": "AES-GCM(key, iv, AAD = the clear header as sent, plaintext = rest of the frame) -> "
                    "ciphertext || 16-byte tag",
            "frame": "header || E(ciphertext || tag || iv || 0x0c || key_index); E = RBSP escaping (0x03 "
                     "before a byte <= 3 after two zeros; the zero count restarts after an insertion and at "
                     "the header boundary) when rbsp_escaping_applied (H.26x with a slice), identity otherwise",
            "decryption": "header size recomputed from the received frame; in NAL mode every 00 00 03 after "
                          "the header loses its 03; key_index = last byte, iv_len = second to last, iv before "
                          "them; decrypted_frame_hex = header as sent || plaintext",
        },
        "provenance": {
            "generator": PROVENANCE,
            "reference": "rules of the shared livekit-frames.json (livekit-client 2.23.0 and 2.17.1, Proton "
                         "Meet keying); the generator reproduces all of its cases before it writes this file",
            "note": "raw key material, SSRCs, timestamps, send counts and media payloads are synthetic and "
                    "deterministic; NAL unit bodies contain no 00 00 0x sequences",
        },
        "cases": cases,
    }


# ---------------------------------------------------------------------------

def encode_json(document) -> bytes:
    return (json.dumps(document, indent=2) + "\n").encode("ascii")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--shared", type=Path, default=DEFAULT_SHARED,
                        help=f"shared vectors directory (default: {DEFAULT_SHARED})")
    parser.add_argument("--output-dir", type=Path, default=DEFAULT_OUTPUT_DIR,
                        help=f"where to write the two files (default: {DEFAULT_OUTPUT_DIR})")
    args = parser.parse_args(argv)
    start = time.monotonic()
    try:
        stats = self_check(args.shared)
        sf, lk, mls = stats["sframe"], stats["livekit"], stats["mls"]
        print(f"self-check passed: SFrame {sf['header']} headers + {sf['ctr_hmac']} AES-CTR-HMAC + "
              f"{sf['sframe']} SFrame entries, LiveKit {lk['cases']} cases ({lk['legacy_distinct']} distinct "
              f"2.17.1 frame), MLS {mls['crypto_basics']} crypto-basics + {mls['exporters']} exporters; "
              f"{stats['fields']} fields compared")
        outputs = {"mls-sframe.json": build_mls_document(), "livekit-frames.json": build_livekit_document()}
    except VectorError as exc:
        print(f"ABORT: {exc}\nNothing was written.", file=sys.stderr)
        return 1
    args.output_dir.mkdir(parents=True, exist_ok=True)
    for name, document in outputs.items():
        data = encode_json(document)
        (args.output_dir / name).write_bytes(data)
        print(f"wrote {len(document['cases'])} cases to {args.output_dir / name}  "
              f"sha256 {hashlib.sha256(data).hexdigest()}")
    print(f"done in {time.monotonic() - start:.1f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
