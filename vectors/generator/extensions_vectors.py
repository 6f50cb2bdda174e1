#!/usr/bin/env python3
"""Independent test-vector generator for draft-ietf-mls-extensions.

Writes vectors/mls-extensions.json: the encodings of every structure and
proposal the draft adds (with encodings a receiver must refuse), the
application_export_secret and the Exporter Tree, the psk_secret of
application PSKs, and the application of AppDataUpdate proposals to an
app_data_dictionary.

Everything is written from the draft and RFC 9420 with the Python standard
library only: the TLS presentation-language encoders are below, and HKDF comes
from the sibling module hpke_vectors.py (also ours, also independent of the C++
library), ExpandWithLabel and DeriveSecret from frame_vectors.py.

Before anything is written the script runs a self-check against the RFC 9420
test vectors of mlswg/mls-implementations: ExpandWithLabel and DeriveSecret
(crypto-basics.json), the secrets derived from each epoch_secret
(key-schedule.json), the secret tree built with the same tree code as the
Exporter Tree (secret-tree.json), and the psk_secret chain with the same
PSKLabel code as the application PSKs (psk_secret.json).  On any mismatch it
aborts and writes nothing.

Usage (from the project root):
    python3 vectors/generator/extensions_vectors.py [--shared DIR] [--output PATH]
"""

from __future__ import annotations

import argparse
import hashlib
import json
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from frame_vectors import (  # noqa: E402
    Checker, check_mls_vectors, derive_secret, expand_with_label, load_json, mls_kdf, mls_varint)
from curve25519 import X25519_KEM, ed25519_public_key, ed25519_sign, ed25519_verify  # noqa: E402
from hpke_vectors import AEADS, HKDF_SHA256, KEMS, MODE_BASE, Kdf, VectorError, key_schedule  # noqa: E402

PROJECT_ROOT = Path(__file__).resolve().parents[2]
DEFAULT_SHARED = PROJECT_ROOT.parent / "shared" / "vectors"
DEFAULT_OUTPUT = PROJECT_ROOT / "vectors" / "mls-extensions.json"
PROVENANCE = "vectors/generator/extensions_vectors.py (independent Python 3.11 standard-library implementation)"
SUITES = range(1, 8)

# The draft's suggested code points (section "IANA Considerations").
PROPOSAL_APP_DATA_UPDATE = 0x0008
PROPOSAL_APP_EPHEMERAL = 0x0009
PROPOSAL_SELF_REMOVE = 0x000A
EXTENSION_APP_DATA_DICTIONARY = 0x0006
EXTENSION_SUPPORTED_WIRE_FORMATS = 0x0007
EXTENSION_REQUIRED_WIRE_FORMATS = 0x0008
# "MLS Component Types"
APP_COMPONENTS, SAFE_AAD, CONTENT_MEDIA_TYPES, LAST_RESORT_KEY_PACKAGE, APP_ACK = 1, 2, 3, 4, 5
GREASE_COMPONENTS = (0x0A0A, 0x1A1A, 0x2A2A, 0x3A3A, 0x4A4A, 0x5A5A, 0x6A6A, 0x7A7A)
# AppDataUpdateOperation, PSKType
OP_INVALID, OP_UPDATE, OP_REMOVE = 0, 1, 2
PSK_EXTERNAL, PSK_RESUMPTION, PSK_APPLICATION = 1, 2, 3
EXPORTER_TREE_LEAVES = 1 << 16


def seeded_bytes(label: str, length: int) -> bytes:
    """Deterministic bytes: SHA-512("conclave mls-extensions " || label || " " || counter) blocks."""
    out, counter = b"", 0
    while len(out) < length:
        out += hashlib.sha512(f"conclave mls-extensions {label} {counter}".encode()).digest()
        counter += 1
    return out[:length]


# ---------------------------------------------------------------------------
# TLS presentation language (RFC 9420 section 2.1)
# ---------------------------------------------------------------------------

def u8(value: int) -> bytes:
    return value.to_bytes(1, "big")


def u16(value: int) -> bytes:
    return value.to_bytes(2, "big")


def u32(value: int) -> bytes:
    return value.to_bytes(4, "big")


def opaque(data: bytes) -> bytes:
    """opaque data<V>: a variable-size length prefix, then the bytes."""
    return mls_varint(len(data)) + data


def vector(items, encode_item) -> bytes:
    """T items<V>: the encodings of the items, prefixed by their total length."""
    return opaque(b"".join(encode_item(item) for item in items))


def hx(value: str) -> bytes:
    return bytes.fromhex(value)


# ---------------------------------------------------------------------------
# The draft's structures, encoded from the JSON values the file carries
# (byte strings as hex, integers as numbers)
# ---------------------------------------------------------------------------

def enc_component_operation_label(v: dict) -> bytes:
    return opaque(hx(v["base_label"])) + u16(v["component_id"]) + opaque(hx(v["label"]))


def enc_component_data(v: dict) -> bytes:
    return u16(v["component_id"]) + opaque(hx(v["data"]))


def enc_app_data_dictionary(v: dict) -> bytes:
    return vector(v["component_data"], enc_component_data)


def enc_components_list(v: dict) -> bytes:
    return vector(v["component_ids"], u16)


def enc_wire_formats(v: dict) -> bytes:
    return vector(v["wire_formats"], u16)


def enc_safe_aad_item(v: dict) -> bytes:
    return u16(v["component_id"]) + opaque(hx(v["aad_item_data"]))


def enc_safe_aad(v: dict) -> bytes:
    return vector(v["aad_items"], enc_safe_aad_item)


def enc_media_type_parameter(v: dict) -> bytes:
    return opaque(hx(v["parameter_name"])) + opaque(hx(v["parameter_value"]))


def enc_media_type(v: dict) -> bytes:
    return opaque(hx(v["type"])) + vector(v["parameters"], enc_media_type_parameter)


def enc_media_type_list(v: dict) -> bytes:
    return vector(v["media_type_list"], enc_media_type)


def enc_application_framing(v: dict) -> bytes:
    return enc_media_type(v["media_type"]) + opaque(hx(v["inner_application_content"]))


def enc_message_range(v: dict) -> bytes:
    return u32(v["sender"]) + u32(v["first_generation"]) + u32(v["last_generation"])


def enc_app_ack(v: dict) -> bytes:
    return vector(v["received_ranges"], enc_message_range)


def enc_app_data_update_body(v: dict) -> bytes:
    body = u16(v["component_id"]) + u8(v["op"])
    return body + opaque(hx(v["update"])) if v["op"] == OP_UPDATE else body


def enc_proposal(v: dict) -> bytes:
    """Proposal: msg_type, then the body of the draft's three proposal types."""
    kind = v["proposal_type"]
    if kind == PROPOSAL_APP_DATA_UPDATE:
        body = enc_app_data_update_body(v)
    elif kind == PROPOSAL_APP_EPHEMERAL:
        body = u16(v["component_id"]) + opaque(hx(v["data"]))
    elif kind == PROPOSAL_SELF_REMOVE:
        body = b""
    else:
        raise VectorError(f"proposal type {kind} is not one of the draft's")
    return u16(kind) + body


def enc_pre_shared_key_id(v: dict) -> bytes:
    """PreSharedKeyID (RFC 9420 section 8.4 with the draft's application case)."""
    kind = v["psktype"]
    if kind == PSK_EXTERNAL:
        body = opaque(hx(v["psk_id"]))
    elif kind == PSK_APPLICATION:
        body = u16(v["component_id"]) + opaque(hx(v["psk_id"]))
    else:
        raise VectorError(f"psktype {kind} is not generated")
    return u8(kind) + body + opaque(hx(v["psk_nonce"]))


ENCODERS = {
    "ComponentOperationLabel": enc_component_operation_label,
    "ComponentData": enc_component_data,
    "AppDataDictionary": enc_app_data_dictionary,
    "ComponentsList": enc_components_list,
    "SupportedWireFormats": enc_wire_formats,
    "RequiredWireFormats": enc_wire_formats,
    "SafeAAD": enc_safe_aad,
    "MediaType": enc_media_type,
    "MediaTypeList": enc_media_type_list,
    "ApplicationFraming": enc_application_framing,
    "AppAck": enc_app_ack,
    "Proposal": enc_proposal,
    "PreSharedKeyID": enc_pre_shared_key_id,
}

EXTENSION_TYPES = {
    "AppDataDictionary": EXTENSION_APP_DATA_DICTIONARY,
    "SupportedWireFormats": EXTENSION_SUPPORTED_WIRE_FORMATS,
    "RequiredWireFormats": EXTENSION_REQUIRED_WIRE_FORMATS,
}


def enc_extension(extension_type: int, data: bytes) -> bytes:
    return u16(extension_type) + opaque(data)


# ---------------------------------------------------------------------------
# Secret trees (RFC 9420 sections 4.1, 9 and appendix C) and the Exporter Tree
# ---------------------------------------------------------------------------

def level(node: int) -> int:
    k = 0
    while (node >> k) & 1:
        k += 1
    return k


def tree_node_secret(kdf: Kdf, root_secret: bytes, n_leaves: int, leaf: int) -> bytes:
    """The secret of `leaf` in a tree of n_leaves (a power of two) leaves rooted at root_secret:
    each step down is ExpandWithLabel(parent, "tree", "left" or "right", KDF.Nh)."""
    if n_leaves & (n_leaves - 1) or not 0 <= leaf < n_leaves:
        raise VectorError("secret tree: bad width or leaf")
    node, target, secret = n_leaves - 1, 2 * leaf, root_secret
    while node != target:
        step = 1 << (level(node) - 1)
        if target < node:
            node, secret = node - step, expand_with_label(kdf, secret, b"tree", b"left", kdf.nh)
        else:
            node, secret = node + step, expand_with_label(kdf, secret, b"tree", b"right", kdf.nh)
    return secret


def application_export_secret(kdf: Kdf, epoch_secret: bytes) -> bytes:
    return derive_secret(kdf, epoch_secret, b"application_export")


def safe_export_secret(kdf: Kdf, epoch_secret: bytes, component_id: int) -> bytes:
    """SafeExportSecret(ComponentID) = tree_node_[LeafIndex(ComponentID)]_secret."""
    return tree_node_secret(kdf, application_export_secret(kdf, epoch_secret), EXPORTER_TREE_LEAVES,
                            component_id)


# ---------------------------------------------------------------------------
# PSKs (RFC 9420 section 8.4)
# ---------------------------------------------------------------------------

def psk_label(psk_id: dict, index: int, count: int) -> bytes:
    return enc_pre_shared_key_id(psk_id) + u16(index) + u16(count)


def psk_secret(kdf: Kdf, psks: list[tuple[dict, bytes]]) -> bytes:
    """The chain of section 8.4: psk_secret_[i] = Extract(salt = psk_input_[i-1], psk_secret_[i-1])."""
    secret = bytes(kdf.nh)
    for index, (psk_id, psk) in enumerate(psks):
        extracted = kdf.extract(b"", psk)
        psk_input = expand_with_label(kdf, extracted, b"derived psk", psk_label(psk_id, index, len(psks)),
                                      kdf.nh)
        secret = kdf.extract(psk_input, secret)
    return secret


# ---------------------------------------------------------------------------
# The safe labeled operations ("Hybrid Public Key Encryption (HPKE) Keys",
# "Signature Keys"): RFC 9420 section 5.1's operations with the encoded
# ComponentOperationLabel as their Label, after the "MLS 1.0 " prefix
# ---------------------------------------------------------------------------

# The HPKE suites of the MLS cipher suites covered: KEM, AEAD (both with HKDF-SHA256).
HPKE_SUITES = {1: (X25519_KEM, AEADS[0x0001]), 2: (KEMS[0x0010], AEADS[0x0001])}
ED25519_SUITES = (1, 3)


def component_operation_label(component_id: int, label: bytes) -> bytes:
    return enc_component_operation_label(
        {"base_label": b"MLS Component".hex(), "component_id": component_id, "label": label.hex()})


def labeled_struct(label: bytes, data: bytes) -> bytes:
    """EncryptContext and SignContent: opaque label<V> = "MLS 1.0 " + Label, then opaque data<V>."""
    return opaque(b"MLS 1.0 " + label) + opaque(data)


def encrypt_with_label(suite: int, public_key: bytes, label: bytes, context: bytes, plaintext: bytes,
                       ikm_e: bytes) -> tuple[bytes, bytes]:
    """Section 5.1.3: SealBase with info EncryptContext and empty aad; the ephemeral key from ikm_e."""
    kem, aead = HPKE_SUITES[suite]
    shared, enc = kem.encap(kem.deserialize_public_key(public_key), kem.derive_key_pair(ikm_e)[0])
    ctx = key_schedule(kem, HKDF_SHA256, aead, MODE_BASE, shared, labeled_struct(label, context), b"", b"")
    return enc, ctx.seal(0, b"", plaintext)


def decrypt_with_label(suite: int, private_key: bytes, label: bytes, context: bytes, kem_output: bytes,
                       ciphertext: bytes) -> bytes:
    kem, aead = HPKE_SUITES[suite]
    sk = private_key if kem is X25519_KEM else int.from_bytes(private_key, "big")
    shared = kem.decap(kem_output, sk)
    ctx = key_schedule(kem, HKDF_SHA256, aead, MODE_BASE, shared, labeled_struct(label, context), b"", b"")
    return ctx.open(0, b"", ciphertext)


def sign_with_label(seed: bytes, label: bytes, content: bytes) -> bytes:
    """Section 5.1.2 with Ed25519."""
    return ed25519_sign(seed, labeled_struct(label, content))


# ---------------------------------------------------------------------------
# Self-check against the RFC 9420 vectors
# ---------------------------------------------------------------------------

EPOCH_SECRET_LABELS = {
    "sender_data_secret": b"sender data", "encryption_secret": b"encryption", "exporter_secret": b"exporter",
    "external_secret": b"external", "confirmation_key": b"confirm", "membership_key": b"membership",
    "resumption_psk": b"resumption", "epoch_authenticator": b"authentication", "init_secret": b"init",
}


def check_key_schedule(shared: Path, chk: Checker) -> int:
    count = 0
    for entry in load_json(shared / "mls" / "key-schedule.json"):
        kdf = mls_kdf(entry["cipher_suite"])
        for i, epoch in enumerate(entry["epochs"]):
            member = kdf.extract(hx(epoch["joiner_secret"]), hx(epoch["psk_secret"]))
            epoch_secret = expand_with_label(kdf, member, b"epoch", hx(epoch["group_context"]), kdf.nh)
            computed = {name: derive_secret(kdf, epoch_secret, label).hex()
                        for name, label in EPOCH_SECRET_LABELS.items()}
            chk.compare(f"key-schedule suite {entry['cipher_suite']} epoch {i}",
                        {name: epoch[name] for name in EPOCH_SECRET_LABELS}, computed)
            count += 1
    return count


AEAD_KEY_SIZE = {1: 16, 2: 16, 3: 32, 4: 32, 5: 32, 6: 32, 7: 32}
AEAD_NONCE_SIZE = 12


def ratchet_key_nonce(kdf: Kdf, suite: int, leaf_secret: bytes, label: bytes, generation: int) -> tuple[str, str]:
    """Section 9.1: the key and nonce of one generation of a leaf's ratchet."""
    secret = expand_with_label(kdf, leaf_secret, label, b"", kdf.nh)
    for g in range(generation):
        secret = expand_with_label(kdf, secret, b"secret", u32(g), kdf.nh)
    key = expand_with_label(kdf, secret, b"key", u32(generation), AEAD_KEY_SIZE[suite])
    nonce = expand_with_label(kdf, secret, b"nonce", u32(generation), AEAD_NONCE_SIZE)
    return key.hex(), nonce.hex()


def check_secret_tree(shared: Path, chk: Checker) -> int:
    count = 0
    for entry in load_json(shared / "mls" / "secret-tree.json"):
        suite = entry["cipher_suite"]
        kdf = mls_kdf(suite)
        n_leaves = len(entry["leaves"])
        width = 1 << (n_leaves - 1).bit_length()
        for leaf, generations in enumerate(entry["leaves"]):
            leaf_secret = tree_node_secret(kdf, hx(entry["encryption_secret"]), width, leaf)
            for expected in generations:
                g = expected["generation"]
                computed = {"generation": g}
                computed["handshake_key"], computed["handshake_nonce"] = ratchet_key_nonce(
                    kdf, suite, leaf_secret, b"handshake", g)
                computed["application_key"], computed["application_nonce"] = ratchet_key_nonce(
                    kdf, suite, leaf_secret, b"application", g)
                chk.compare(f"secret-tree suite {suite} leaf {leaf} generation {g}", expected, computed)
                count += 1
    return count


def check_psk_secret(shared: Path, chk: Checker) -> int:
    count = 0
    for i, entry in enumerate(load_json(shared / "mls" / "psk_secret.json")):
        kdf = mls_kdf(entry["cipher_suite"])
        psks = [({"psktype": PSK_EXTERNAL, "psk_id": p["psk_id"], "psk_nonce": p["psk_nonce"]}, hx(p["psk"]))
                for p in entry["psks"]]
        chk.compare(f"psk_secret[{i}]", {"psk_secret": entry["psk_secret"]},
                    {"psk_secret": psk_secret(kdf, psks).hex()})
        count += 1
    return count


def check_labeled_operations(shared: Path, chk: Checker) -> int:
    """crypto-basics.json: EncryptWithLabel (decrypted) and Ed25519 SignWithLabel (reproduced)."""
    count = 0
    for entry in load_json(shared / "mls" / "crypto-basics.json"):
        suite, where = entry["cipher_suite"], f"crypto-basics suite {entry['cipher_suite']}"
        if suite in HPKE_SUITES:
            e = entry["encrypt_with_label"]
            opened = decrypt_with_label(suite, hx(e["priv"]), e["label"].encode(), hx(e["context"]),
                                        hx(e["kem_output"]), hx(e["ciphertext"]))
            chk.check(where, opened.hex() == e["plaintext"], "decrypt_with_label")
            count += 1
        if suite in ED25519_SUITES:
            e = entry["sign_with_label"]
            chk.compare(where, {"pub": e["pub"], "signature": e["signature"]},
                        {"pub": ed25519_public_key(hx(e["priv"])).hex(),
                         "signature": sign_with_label(hx(e["priv"]), e["label"].encode(), hx(e["content"])).hex()})
            count += 1
    return count


def check_x25519_kem(shared: Path, chk: Checker) -> int:
    """RFC 9180 DHKEM(X25519, HKDF-SHA256) base-mode entries: keys, enc and shared secret."""
    count = 0
    for i, entry in enumerate(load_json(shared / "hpke" / "test-vectors.json")):
        if entry["kem_id"] != X25519_KEM.kem_id or entry["mode"] != MODE_BASE:
            continue
        sk_r, pk_r = X25519_KEM.derive_key_pair(hx(entry["ikmR"]))
        sk_e, _ = X25519_KEM.derive_key_pair(hx(entry["ikmE"]))
        secret, enc = X25519_KEM.encap(pk_r, sk_e)
        chk.compare(f"hpke[{i}]", {k: entry[k] for k in ("skRm", "pkRm", "enc", "shared_secret")},
                    {"skRm": sk_r.hex(), "pkRm": pk_r.hex(), "enc": enc.hex(), "shared_secret": secret.hex()})
        count += 1
    return count


def self_check(shared: Path) -> dict:
    chk = Checker()
    try:
        stats = {"basics": check_mls_vectors(shared, chk), "key_schedule": check_key_schedule(shared, chk),
                 "secret_tree": check_secret_tree(shared, chk), "psk_secret": check_psk_secret(shared, chk),
                 "labeled": check_labeled_operations(shared, chk), "x25519": check_x25519_kem(shared, chk)}
    except (KeyError, TypeError, ValueError) as exc:
        raise VectorError(f"self-check: malformed reference vectors ({exc!r})") from exc
    if chk.mismatches:
        raise VectorError("self-check failed:\n  " + "\n  ".join(chk.mismatches[:40]))
    stats["fields"] = chk.fields
    return stats


# ---------------------------------------------------------------------------
# The values of mls-extensions.json
# ---------------------------------------------------------------------------

def text(value: str) -> str:
    return value.encode("utf-8").hex()


def media_type(type_: str, *parameters: tuple[str, str]) -> dict:
    return {"type": text(type_),
            "parameters": [{"parameter_name": text(n), "parameter_value": text(v)} for n, v in parameters]}


TEXT_PLAIN_UTF8 = media_type("text/plain", ("charset", "UTF-8"))
MEDIA_TYPES = {"media_type_list": [
    TEXT_PLAIN_UTF8, media_type("application/json"), media_type("application/vnd.example.msgbus+cbor"),
    # boundary="a\"b c": the value without its quotes and the escaping backslash.
    media_type("multipart/alternative", ("boundary", 'a"b c'))]}
ACK_TWO_RANGES = {"received_ranges": [{"sender": 0, "first_generation": 0, "last_generation": 17},
                               {"sender": 3, "first_generation": 5, "last_generation": 0xFFFFFFFF}]}


def component_data(component_id: int, data: bytes) -> dict:
    return {"component_id": component_id, "data": data.hex()}


def leaf_dictionary() -> dict:
    """A LeafNode's app_data_dictionary: supported components (with a GREASE value), safe AAD
    components, media types, and a GREASE entry."""
    return {"component_data": [
        component_data(APP_COMPONENTS, enc_components_list(
            {"component_ids": [APP_COMPONENTS, SAFE_AAD, CONTENT_MEDIA_TYPES, APP_ACK, 0x3A3A, 0x8001]})),
        component_data(SAFE_AAD, enc_components_list({"component_ids": [0x8001]})),
        component_data(CONTENT_MEDIA_TYPES, enc_media_type_list(MEDIA_TYPES)),
        component_data(0x4A4A, seeded_bytes("grease 0x4A4A", 7)),
        component_data(0x8001, b""),
    ]}


def app_data_update(component_id: int, update: bytes | None) -> dict:
    value = {"proposal_type": PROPOSAL_APP_DATA_UPDATE, "component_id": component_id,
             "op": OP_REMOVE if update is None else OP_UPDATE}
    if update is not None:
        value["update"] = update.hex()
    return value


def app_ephemeral(component_id: int, data: bytes) -> dict:
    return {"proposal_type": PROPOSAL_APP_EPHEMERAL, "component_id": component_id, "data": data.hex()}


def application_psk_id(component_id: int, psk_id: bytes, nonce: bytes) -> dict:
    return {"psktype": PSK_APPLICATION, "component_id": component_id, "psk_id": psk_id.hex(),
            "psk_nonce": nonce.hex()}


def encoding_plans() -> list[tuple[str, str, dict]]:
    """(what it shows, structure, value) for each encoding."""
    mls_component = text("MLS Component")
    return [
        ("label of an HPKE encryption by app_components", "ComponentOperationLabel",
         {"base_label": mls_component, "component_id": APP_COMPONENTS, "label": text("encrypt key")}),
        ("label with an empty operation, private-use component", "ComponentOperationLabel",
         {"base_label": mls_component, "component_id": 0x8000, "label": ""}),
        ("label of 70 bytes (a two-byte length)", "ComponentOperationLabel",
         {"base_label": mls_component, "component_id": 0xFFFF, "label": seeded_bytes("label", 70).hex()}),
        ("last_resort_key_package: empty data", "ComponentData", component_data(LAST_RESORT_KEY_PACKAGE, b"")),
        ("data of 300 bytes", "ComponentData", component_data(0x1234, seeded_bytes("component data", 300))),
        ("empty dictionary", "AppDataDictionary", {"component_data": []}),
        ("a KeyPackage's dictionary: last resort", "AppDataDictionary",
         {"component_data": [component_data(LAST_RESORT_KEY_PACKAGE, b"")]}),
        ("a LeafNode's dictionary with GREASE", "AppDataDictionary", leaf_dictionary()),
        ("empty components list", "ComponentsList", {"component_ids": []}),
        ("components list with GREASE and private-use values", "ComponentsList",
         {"component_ids": [APP_COMPONENTS, SAFE_AAD, CONTENT_MEDIA_TYPES, LAST_RESORT_KEY_PACKAGE, APP_ACK,
                            *GREASE_COMPONENTS[:2], 0x8000, 0xFFFF]}),
        ("no extra wire format", "SupportedWireFormats", {"wire_formats": []}),
        ("two private-use wire formats", "SupportedWireFormats", {"wire_formats": [0xF000, 0xF0A0]}),
        ("one required private-use wire format", "RequiredWireFormats", {"wire_formats": [0xF0A0]}),
        ("safe_aad with nothing to send", "SafeAAD", {"aad_items": []}),
        ("two AAD items, sorted", "SafeAAD",
         {"aad_items": [{"component_id": 0x0010, "aad_item_data": seeded_bytes("aad 1", 5).hex()},
                        {"component_id": 0x8001, "aad_item_data": ""}]}),
        ("media type without parameters", "MediaType", media_type("image/png")),
        ("text/plain;charset=\"UTF-8\"", "MediaType", TEXT_PLAIN_UTF8),
        ("four media types, one parameter with a quoted-pair", "MediaTypeList", MEDIA_TYPES),
        ("framing with the group's first media type", "ApplicationFraming",
         {"media_type": media_type(""), "inner_application_content": text("hello")}),
        ("framing as text/plain;charset=UTF-8", "ApplicationFraming",
         {"media_type": TEXT_PLAIN_UTF8, "inner_application_content": text("caf\u00e9 \u2615")}),
        ("no message received", "AppAck", {"received_ranges": []}),
        ("two ranges, the second to the last generation", "AppAck", ACK_TWO_RANGES),
        ("AppDataUpdate update", "Proposal", app_data_update(0x8000, seeded_bytes("update", 20))),
        ("AppDataUpdate update with empty data", "Proposal", app_data_update(CONTENT_MEDIA_TYPES, b"")),
        ("AppDataUpdate remove", "Proposal", app_data_update(0x8001, None)),
        ("AppEphemeral carrying an AppAck", "Proposal", app_ephemeral(APP_ACK, enc_app_ack(ACK_TWO_RANGES))),
        ("AppEphemeral with empty data", "Proposal", app_ephemeral(0xFFFF, b"")),
        ("SelfRemove", "Proposal", {"proposal_type": PROPOSAL_SELF_REMOVE}),
        ("application PSK, 32-byte nonce", "PreSharedKeyID",
         application_psk_id(0x8000, b"shared file", seeded_bytes("nonce 1", 32))),
        ("application PSK, empty psk_id, 64-byte nonce", "PreSharedKeyID",
         application_psk_id(APP_COMPONENTS, b"", seeded_bytes("nonce 2", 64))),
    ]


def build_encodings() -> list[dict]:
    out = []
    for what, structure, value in encoding_plans():
        encoded = ENCODERS[structure](value)
        entry = {"name": what, "structure": structure, "value": value, "encoded": encoded.hex()}
        if structure in EXTENSION_TYPES:
            entry["extension"] = enc_extension(EXTENSION_TYPES[structure], encoded).hex()
        out.append(entry)
    return out


def dictionary_bytes(*entries: tuple[int, bytes]) -> bytes:
    return enc_app_data_dictionary({"component_data": [component_data(c, d) for c, d in entries]})


def invalid_plans() -> list[tuple[str, str, str, bytes]]:
    """(why it is refused, structure, by what, encoding)."""
    upd = u16(PROPOSAL_APP_DATA_UPDATE) + u16(0x8000)
    return [
        ("AppDataUpdate op invalid(0)", "Proposal", "decoding", upd + u8(OP_INVALID)),
        ("AppDataUpdate op invalid(0) followed by update data", "Proposal", "decoding",
         upd + u8(OP_INVALID) + opaque(b"abc")),
        ("AppDataUpdate op 3, which is not defined", "Proposal", "decoding", upd + u8(3) + opaque(b"abc")),
        ("AppDataUpdate op 255", "Proposal", "decoding", upd + u8(255)),
        ("AppDataUpdate update whose data ends early", "Proposal", "decoding", upd + u8(OP_UPDATE) + b"\x05ab"),
        ("AppDataUpdate without its op", "Proposal", "decoding", upd),
        ("AppDataUpdate with half a component ID", "Proposal", "decoding", u16(PROPOSAL_APP_DATA_UPDATE) + b"\x80"),
        ("AppDataUpdate remove followed by a byte", "Proposal", "decoding", upd + u8(OP_REMOVE) + b"\x00"),
        ("AppEphemeral whose data ends early", "Proposal", "decoding",
         u16(PROPOSAL_APP_EPHEMERAL) + u16(APP_ACK) + b"\x0c" + bytes(11)),
        ("SelfRemove followed by a byte", "Proposal", "decoding", u16(PROPOSAL_SELF_REMOVE) + b"\x00"),
        ("ComponentsList of an odd number of bytes", "ComponentsList", "decoding", b"\x03\x00\x01\x00"),
        ("AppAck with a MessageRange of 11 bytes", "AppAck", "decoding", b"\x0b" + bytes(11)),
        ("dictionary not sorted by component_id", "AppDataDictionary", "validation",
         dictionary_bytes((CONTENT_MEDIA_TYPES, b"a"), (APP_COMPONENTS, b"b"))),
        ("dictionary with a component_id twice", "AppDataDictionary", "validation",
         dictionary_bytes((APP_COMPONENTS, b"a"), (SAFE_AAD, b"b"), (SAFE_AAD, b"b"))),
        ("dictionary with a component_id twice, empty data", "AppDataDictionary", "validation",
         dictionary_bytes((0x8000, b""), (0x8000, b""))),
        ("SafeAAD items not sorted by component_id", "SafeAAD", "validation",
         enc_safe_aad({"aad_items": [{"component_id": 0x8001, "aad_item_data": "01"},
                                     {"component_id": 0x0010, "aad_item_data": "02"}]})),
        ("MediaTypeList without a media type", "MediaTypeList", "validation", enc_media_type_list({"media_type_list": []})),
    ]


def build_invalid_encodings() -> list[dict]:
    return [{"name": why, "structure": structure, "refused_by": by, "encoded": encoded.hex()}
            for why, structure, by, encoded in invalid_plans()]


EXPORTED_COMPONENTS = (0x0000, 0x0001, 0x0002, 0x0005, 0x00FF, 0x7FFF, 0x8000, 0xFFFF)


def build_exporter_tree() -> list[dict]:
    cases = []
    for suite in SUITES:
        kdf = mls_kdf(suite)
        epoch_secret = seeded_bytes(f"epoch_secret {suite}", kdf.nh)
        cases.append({
            "cipher_suite": suite, "epoch_secret": epoch_secret.hex(),
            "application_export_secret": application_export_secret(kdf, epoch_secret).hex(),
            "leaves": [{"component_id": c, "secret": safe_export_secret(kdf, epoch_secret, c).hex()}
                       for c in EXPORTED_COMPONENTS]})
    return cases


def psk_plans(suite: int, nh: int) -> list[dict]:
    nonce = lambda i: seeded_bytes(f"psk nonce {suite} {i}", nh)  # noqa: E731
    return [
        application_psk_id(0x8000, b"shared file", nonce(0)),
        {"psktype": PSK_EXTERNAL, "psk_id": seeded_bytes(f"external psk id {suite}", 16).hex(),
         "psk_nonce": nonce(1).hex()},
        application_psk_id(APP_COMPONENTS, b"", nonce(2)),
        # The same component and psk_id as the first, so only the nonce tells them apart.
        application_psk_id(0x8000, b"shared file", nonce(3)),
    ]


def psk_case(suite: int, kdf: Kdf, psks: list[tuple[dict, bytes]]) -> dict:
    return {"cipher_suite": suite,
            "psks": [{"id": psk_id, "pre_shared_key_id": enc_pre_shared_key_id(psk_id).hex(),
                      "psk_label": psk_label(psk_id, i, len(psks)).hex(), "psk": psk.hex()}
                     for i, (psk_id, psk) in enumerate(psks)],
            "psk_secret": psk_secret(kdf, psks).hex()}


def build_application_psks() -> list[dict]:
    """Per suite: one application PSK alone, then it with an external PSK and two more application PSKs."""
    cases = []
    for suite in SUITES:
        kdf = mls_kdf(suite)
        psks = [(psk_id, seeded_bytes(f"psk {suite} {i}", kdf.nh))
                for i, psk_id in enumerate(psk_plans(suite, kdf.nh))]
        cases += [psk_case(suite, kdf, psks[:1]), psk_case(suite, kdf, psks)]
    return cases


SAFE_OPERATIONS = (  # (component_id, label, context or content, plaintext length)
    (APP_COMPONENTS, b"welcome key", b"", 32),
    (0x8000, b"", seeded_bytes("context", 40), 0),
    (0xFFFF, seeded_bytes("long label", 70), b"epoch 7", 100),
)


def build_safe_hpke() -> list[dict]:
    cases = []
    for suite, (kem, _) in HPKE_SUITES.items():
        sk, pk = kem.derive_key_pair(seeded_bytes(f"hpke recipient {suite}", kem.nsk))
        priv, pub = kem.serialize_private_key(sk), kem.serialize_public_key(pk)
        for i, (component, label, context, length) in enumerate(SAFE_OPERATIONS):
            full_label = component_operation_label(component, label)
            plaintext, ikm_e = seeded_bytes(f"plaintext {suite} {i}", length), seeded_bytes(f"ikmE {suite} {i}", kem.nsk)
            kem_output, ciphertext = encrypt_with_label(suite, pub, full_label, context, plaintext, ikm_e)
            if decrypt_with_label(suite, priv, full_label, context, kem_output, ciphertext) != plaintext:
                raise VectorError("SafeDecryptWithLabel does not invert SafeEncryptWithLabel")
            cases.append({"cipher_suite": suite, "component_id": component, "label": label.hex(),
                          "context": context.hex(), "plaintext": plaintext.hex(), "priv": priv.hex(),
                          "pub": pub.hex(), "ikm_e": ikm_e.hex(),
                          "encrypt_context": labeled_struct(full_label, context).hex(),
                          "kem_output": kem_output.hex(), "ciphertext": ciphertext.hex()})
    return cases


def build_safe_signatures() -> list[dict]:
    cases = []
    for suite in ED25519_SUITES:
        seed = seeded_bytes(f"signature key {suite}", 32)
        pub = ed25519_public_key(seed)
        for i, (component, label, content, _) in enumerate(SAFE_OPERATIONS):
            full_label = component_operation_label(component, label)
            signature = sign_with_label(seed, full_label, content)
            if not ed25519_verify(pub, labeled_struct(full_label, content), signature):
                raise VectorError("SafeVerifyWithLabel rejects SafeSignWithLabel")
            cases.append({"cipher_suite": suite, "component_id": component, "label": label.hex(),
                          "content": content.hex(), "priv": seed.hex(), "pub": pub.hex(),
                          "sign_content": labeled_struct(full_label, content).hex(), "signature": signature.hex()})
    return cases


# ---------------------------------------------------------------------------
# Applying AppDataUpdate proposals ("Updating Application Data in the GroupContext")
# ---------------------------------------------------------------------------

KNOWN_COMPONENTS = (0x8000, 0x8001, 0x8002)
COMPONENT_LOGIC = ("The application knows the components in known_components. A component's new data is its "
                   "current data (empty when it has none) followed by the data of each of its updates, in "
                   "the order of the list; the logic refuses an update whose data is empty.")
EXTENSION_REQUIRED_CAPABILITIES = 0x0003
# RequiredCapabilities: the dictionary is required, and AppDataUpdate with it.
REQUIRED_CAPABILITIES = enc_extension(
    EXTENSION_REQUIRED_CAPABILITIES,
    vector([EXTENSION_APP_DATA_DICTIONARY], u16) + vector([PROPOSAL_APP_DATA_UPDATE], u16) + vector([], u16))


class InvalidList(Exception):
    """The proposal list is invalid."""


def component_logic(current: bytes | None, updates: list[bytes]) -> bytes:
    if any(not update for update in updates):
        raise InvalidList("the component logic refuses an empty update")
    return (current or b"") + b"".join(updates)


def apply_component(data: dict[int, bytes], component: int, ops: list[dict]) -> None:
    if component not in KNOWN_COMPONENTS:
        raise InvalidList("unknown component")
    if len(ops) == 1 and ops[0]["op"] == OP_REMOVE:
        if component not in data:
            raise InvalidList("remove of a component without data")
        del data[component]
    elif all(op["op"] == OP_UPDATE for op in ops):
        data[component] = component_logic(data.get(component), [hx(op["update"]) for op in ops])
    else:
        raise InvalidList("remove with another AppDataUpdate of the same component")


def apply_app_data_updates(before: dict | None, proposals: list[dict]) -> dict | None:
    """The dictionary after the proposals (None: still absent); InvalidList when the list is invalid."""
    data = {} if before is None else {e["component_id"]: hx(e["data"]) for e in before["component_data"]}
    by_component: dict[int, list[dict]] = {}
    for proposal in proposals:
        by_component.setdefault(proposal["component_id"], []).append(proposal)
    for component, ops in by_component.items():
        apply_component(data, component, ops)
    if before is None and not by_component:
        return None
    return {"component_data": [component_data(c, data[c]) for c in sorted(data)]}


def group_context_extensions(dictionary: dict | None, dictionary_first: bool) -> str:
    """The GroupContext's extensions: required_capabilities and the dictionary (added at the end when
    it was absent, kept in place otherwise)."""
    extensions = [REQUIRED_CAPABILITIES]
    if dictionary is not None:
        entry = enc_extension(EXTENSION_APP_DATA_DICTIONARY, enc_app_data_dictionary(dictionary))
        extensions.insert(0 if dictionary_first else 1, entry)
    return opaque(b"".join(extensions)).hex()


# The GroupContexts before: (dictionary, whether it comes before required_capabilities).
UNKNOWN_COMPONENT = 0x0100  # has data, but the application does not know it
THREE_ENTRIES = ({"component_data": [
    component_data(UNKNOWN_COMPONENT, b"kept"), component_data(0x8000, b"x"), component_data(0x8002, b"z")]}, True)
ONE_ENTRY = ({"component_data": [component_data(0x8000, b"x")]}, False)
NO_DICTIONARY = (None, False)


def update_plans() -> list[tuple[str, tuple[dict | None, bool], list[dict]]]:
    """(what it shows, the GroupContext before, proposals)."""
    upd, rem = app_data_update, lambda c: app_data_update(c, None)  # noqa: E731
    return [
        ("no dictionary: an update adds the extension at the end", NO_DICTIONARY, [upd(0x8001, b"ab")]),
        ("update inserted between two entries", THREE_ENTRIES, [upd(0x8001, b"y")]),
        ("updates of two components, interleaved, applied in order", THREE_ENTRIES,
         [upd(0x8000, b"1"), upd(0x8002, b"3"), upd(0x8000, b"2")]),
        ("remove", THREE_ENTRIES, [rem(0x8002)]),
        ("remove one component and update another", THREE_ENTRIES, [rem(0x8000), upd(0x8001, b"new")]),
        ("removing the last entry leaves an empty dictionary", ONE_ENTRY, [rem(0x8000)]),
        ("remove of a component without data", THREE_ENTRIES, [rem(0x8001)]),
        ("remove with no dictionary", NO_DICTIONARY, [rem(0x8000)]),
        ("two removes of one component", THREE_ENTRIES, [rem(0x8000), rem(0x8000)]),
        ("update then remove of one component", THREE_ENTRIES, [upd(0x8000, b"1"), rem(0x8000)]),
        ("remove then update of one component", THREE_ENTRIES, [rem(0x8002), upd(0x8002, b"1")]),
        ("update of a component the application does not know", THREE_ENTRIES, [upd(0x8003, b"1")]),
        ("remove of a component with data the application does not know", THREE_ENTRIES, [rem(UNKNOWN_COMPONENT)]),
        ("update the component logic refuses (empty data)", THREE_ENTRIES, [upd(0x8000, b"1"), upd(0x8000, b"")]),
    ]


def build_app_data_updates() -> list[dict]:
    cases = []
    for what, (before, first), proposals in update_plans():
        case = {"name": what, "known_components": list(KNOWN_COMPONENTS), "dictionary_before": before,
                "group_context_extensions_before": group_context_extensions(before, first),
                "proposals": [dict(p, encoded=enc_proposal(p).hex()) for p in proposals]}
        try:
            after = apply_app_data_updates(before, proposals)
            case.update(valid=True, dictionary_after=after,
                        group_context_extensions_after=group_context_extensions(after, first))
        except InvalidList as exc:
            case.update(valid=False, reason=str(exc))
        cases.append(case)
    return cases


# ---------------------------------------------------------------------------

CONVENTIONS = {
    "code_points": "the draft's suggested values: proposals app_data_update 0x0008, app_ephemeral 0x0009, "
                   "self_remove 0x000a; extensions app_data_dictionary 0x0006, supported_wire_formats 0x0007, "
                   "required_wire_formats 0x0008; PSKType application 3",
    "values": "byte strings are hex; integers are numbers; a value has the draft's field names",
    "encodings": "encoded is the TLS encoding of value as structure; a Proposal includes its msg_type; "
                 "extension (for extension types) is the whole Extension: type and opaque data",
    "invalid_encodings": "refused_by decoding: the bytes are not a structure (a unknown select case, "
                         "data that ends early, bytes left over); refused_by validation: the bytes decode "
                         "but break a rule of the draft (a dictionary sorted by component_id, each at most once; SafeAAD items "
                         "sorted by component_id; a MediaTypeList of at least one item)",
    "safe_hpke": "SafeEncryptWithLabel = EncryptWithLabel (RFC 9420 section 5.1.3) with Label the encoded "
                 "ComponentOperationLabel (base_label \"MLS Component\", component_id, label), so the "
                 "EncryptContext label is \"MLS 1.0 \" followed by it; encrypt_context is the HPKE info; the "
                 "ephemeral key pair is DeriveKeyPair(ikm_e)",
    "safe_signatures": "SafeSignWithLabel = SignWithLabel (RFC 9420 section 5.1.2) with Label the encoded "
                       "ComponentOperationLabel; sign_content is the signed SignContent; Ed25519",
    "exporter_tree": "application_export_secret = DeriveSecret(epoch_secret, \"application_export\"); each "
                     "leaf's secret is tree_node_[component_id]_secret of a secret tree (RFC 9420 section 9) "
                     "of 2^16 leaves rooted at application_export_secret",
    "application_psks": "psk_secret as RFC 9420 section 8.4 with PreSharedKeyID psktype application(3); "
                        "psk_label is the PSKLabel of each PSK",
    "app_data_updates": COMPONENT_LOGIC + " dictionary_before/after null: no app_data_dictionary extension. "
                        "group_context_extensions_*: the GroupContext's extensions<V> (required_capabilities "
                        "and the dictionary). valid false: the proposal list is invalid",
    "inputs": "deterministic: SHA-512(\"conclave mls-extensions <label> <counter>\") blocks",
}


def build_document() -> dict:
    return {
        "description": "draft-ietf-mls-extensions: encodings, refused encodings, the Exporter Tree, "
                       "application PSKs and AppDataUpdate application",
        "generator": PROVENANCE,
        "conventions": CONVENTIONS,
        "encodings": build_encodings(),
        "invalid_encodings": build_invalid_encodings(),
        "safe_hpke": build_safe_hpke(),
        "safe_signatures": build_safe_signatures(),
        "exporter_tree": build_exporter_tree(),
        "application_psks": build_application_psks(),
        "app_data_updates": build_app_data_updates(),
    }


def encode_json(document) -> bytes:
    return (json.dumps(document, indent=2) + "\n").encode("ascii")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--shared", type=Path, default=DEFAULT_SHARED,
                        help=f"shared vectors directory (default: {DEFAULT_SHARED})")
    parser.add_argument("--output", type=Path, default=DEFAULT_OUTPUT,
                        help=f"where to write the file (default: {DEFAULT_OUTPUT})")
    args = parser.parse_args(argv)
    start = time.monotonic()
    try:
        stats = self_check(args.shared)
        basics = stats["basics"]
        print(f"self-check passed: MLS {basics['crypto_basics']} crypto-basics + {basics['exporters']} "
              f"exporters, {stats['key_schedule']} key-schedule epochs, {stats['secret_tree']} secret-tree "
              f"generations, {stats['psk_secret']} psk_secrets, {stats['labeled']} labeled operations, "
              f"{stats['x25519']} X25519 KEM entries; {stats['fields']} fields compared")
        document = build_document()
    except VectorError as exc:
        print(f"ABORT: {exc}\nNothing was written.", file=sys.stderr)
        return 1
    data = encode_json(document)
    args.output.parent.mkdir(parents=True, exist_ok=True)
    args.output.write_bytes(data)
    counts = ", ".join(f"{len(v)} {k}" for k, v in document.items() if isinstance(v, list))
    print(f"wrote {counts} to {args.output}  sha256 {hashlib.sha256(data).hexdigest()}")
    print(f"done in {time.monotonic() - start:.1f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
