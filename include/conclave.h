/* SPDX-License-Identifier: Apache-2.0 */
#ifndef CONCLAVE_H
#define CONCLAVE_H

/**
 * @file
 * Conclave's C API: MLS (RFC 9420), SFrame (RFC 9605) and the LiveKit frame
 * cryptor, SRP-6a and the meeting layer, for any language with a C foreign
 * function interface. C99, no C++ type crosses it, and no exception leaves it.
 *
 * Conventions (libsodium's where they fit; spec-notes/c-api.md gives the
 * reasons and where this API departs from libsodium and libdave):
 * - Every function that can fail returns a ::conclave_status: #CONCLAVE_OK (0)
 *   or an error code; conclave_status_name() names each. An error leaves
 *   every handle as it was and writes no output.
 * - Objects are opaque handles made by a `_create` (or another constructor)
 *   and released by their `_free` function, which accepts NULL and ignores a
 *   handle already freed. A handle is a checked token, never a pointer to
 *   memory: a freed handle, or one of another kind, gives
 *   #CONCLAVE_E_INVALID_HANDLE, never a crash.
 * - Input bytes are a pointer and a size; the pointer may be NULL only when
 *   the size is 0. A NULL required pointer gives #CONCLAVE_E_INVALID_ARGUMENT.
 *   Strings are NUL-terminated UTF-8.
 * - Variable-size output goes into a ::conclave_buffer the library allocates;
 *   it must be empty ({NULL, 0}) when passed in, and conclave_buffer_free()
 *   wipes and frees it. Fixed-size output (keys, exporter secrets, frames)
 *   goes into a caller buffer with its capacity; a short one gives
 *   #CONCLAVE_E_BUFFER_TOO_SMALL and, where the function has a size output,
 *   the size needed.
 * - Thread safety: creating and freeing handles is thread-safe. One handle
 *   is used by one thread at a time (the caller serializes calls on it);
 *   different handles may be used from different threads at once. A handle
 *   passed to another's call as an argument is read during that call only.
 *   Freeing a handle while another thread uses it is undefined.
 * - A group or a participant that a call may have left half changed (the
 *   call failed with #CONCLAVE_E_NO_MEMORY or #CONCLAVE_E_INTERNAL in the
 *   middle of a change) is dead from then on: every call but its `_free`
 *   gives #CONCLAVE_E_INVALID_HANDLE, so nothing reads or sends from a torn
 *   state. Load it again from its store (conclave_group_load(),
 *   conclave_participant_load()) or join again.
 * - Randomness comes from the operating system.
 */

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

/** Marks the C API's functions, exported from libconclave.so under the CONCLAVE_C_0.1 symbol version. */
#if defined(__GNUC__)
#define CONCLAVE_API __attribute__((visibility("default")))
#else
#define CONCLAVE_API
#endif

/** @name Version */
/**@{*/
/** The major version of this header. */
#define CONCLAVE_VERSION_MAJOR 0
/** The minor version of this header. */
#define CONCLAVE_VERSION_MINOR 1
/** The patch version of this header. */
#define CONCLAVE_VERSION_PATCH 0
/** This header's version as a string. */
#define CONCLAVE_VERSION_STRING "0.1.0"

/** The library's version as "major.minor.patch" (a static string). */
CONCLAVE_API const char *conclave_version_string(void);
/** The library's version as major * 10000 + minor * 100 + patch. */
CONCLAVE_API uint32_t conclave_version_number(void);
/**@}*/

/** @name Status codes */
/**@{*/
/**
 * What a call returned. Codes 1 to 62 are those of the C++ API's
 * `conclave::Errc`, in its order; codes from 200 belong to the C API.
 * Values never change once released.
 */
typedef enum conclave_status {
  CONCLAVE_OK = 0, /**< success */
  CONCLAVE_E_TRUNCATED = 1, /**< input ended before the value did */
  CONCLAVE_E_TRAILING_DATA = 2, /**< bytes left after a complete value */
  CONCLAVE_E_LENGTH_LIMIT = 3, /**< a vector length beyond the configured maximum */
  CONCLAVE_E_NON_MINIMAL_VARINT = 4, /**< RFC 9420 section 2.1.2: not the shortest encoding */
  CONCLAVE_E_INVALID_VARINT = 5, /**< RFC 9420 section 2.1.2: the reserved 0b11 prefix */
  CONCLAVE_E_INVALID_VALUE = 6, /**< a field outside its defined range */
  CONCLAVE_E_UNKNOWN_VARIANT = 7, /**< a select over a tag with no known case */
  CONCLAVE_E_INVALID_HEX = 8, /**< a hex string that is not hex */
  CONCLAVE_E_INVALID_LENGTH = 9, /**< a key, nonce or output of the wrong size */
  CONCLAVE_E_INVALID_PUBLIC_KEY = 10, /**< not a valid point or key for the algorithm */
  CONCLAVE_E_INVALID_PRIVATE_KEY = 11, /**< not a valid scalar or key for the algorithm */
  CONCLAVE_E_DH_FAILURE = 12, /**< the shared secret was the identity or all zero */
  CONCLAVE_E_DERIVE_KEY_PAIR_FAILED = 13, /**< RFC 9180 section 7.1.3: no valid private key among 256 candidates */
  CONCLAVE_E_AEAD_FAILURE = 14, /**< authentication tag did not verify */
  CONCLAVE_E_SIGNATURE_INVALID = 15, /**< a signature that is malformed or does not verify under the given key */
  CONCLAVE_E_UNSUPPORTED_ALGORITHM = 16, /**< an algorithm or suite not implemented, or an operation the suite lacks */
  CONCLAVE_E_INVALID_ARGUMENT = 17, /**< an argument the function refuses: out of range, missing, or inconsistent */
  CONCLAVE_E_MESSAGE_LIMIT = 18, /**< RFC 9180 section 5.2: sequence number exhausted */
  CONCLAVE_E_WRONG_GROUP = 19, /**< a message for another group */
  CONCLAVE_E_WRONG_EPOCH = 20, /**< a message for an epoch this member does not hold */
  CONCLAVE_E_INVALID_SENDER = 21, /**< a sender leaf outside the tree, blank, or not allowed */
  CONCLAVE_E_GENERATION_CONSUMED = 22, /**< RFC 9420 section 9.2: that key was used and deleted */
  CONCLAVE_E_GENERATION_TOO_FAR = 23, /**< beyond the configured out-of-order window */
  CONCLAVE_E_INVALID_PADDING = 24, /**< RFC 9420 section 6.3.1: padding that is not all zero */
  CONCLAVE_E_MEMBERSHIP_TAG_INVALID = 25, /**< RFC 9420 section 6.2: a PublicMessage's membership tag did not verify */
  CONCLAVE_E_CONFIRMATION_TAG_INVALID = 26, /**< RFC 9420 section 8.2: a Commit's confirmation tag is missing or wrong */
  CONCLAVE_E_CONTENT_NOT_ALLOWED = 27, /**< a content type or sender the wire format forbids */
  CONCLAVE_E_INVALID_TREE = 28, /**< a ratchet tree whose structure breaks section 7 or 12.4.3.3 */
  CONCLAVE_E_PARENT_HASH_INVALID = 29, /**< RFC 9420 section 7.9.2 */
  CONCLAVE_E_DUPLICATE_KEY = 30, /**< RFC 9420 section 7.3: a key already in the tree */
  CONCLAVE_E_CAPABILITY_MISMATCH = 31, /**< RFC 9420 section 7.3: a capability the group needs is missing */
  CONCLAVE_E_LIFETIME_INVALID = 32, /**< RFC 9420 section 7.3: outside the leaf's lifetime */
  CONCLAVE_E_INVALID_PROPOSAL = 33, /**< RFC 9420 sections 12.1 and 12.2: a proposal or list a commit may not carry */
  CONCLAVE_E_UNKNOWN_PROPOSAL = 34, /**< a proposal reference to nothing received this epoch */
  CONCLAVE_E_PATH_REQUIRED = 35, /**< RFC 9420 section 12.4: a commit whose proposals need an UpdatePath */
  CONCLAVE_E_UNKNOWN_PSK = 36, /**< RFC 9420 section 12.4.2: a PSK this client does not have */
  CONCLAVE_E_NOT_IN_GROUP = 37, /**< no leaf of this client in the group, or removed from it */
  CONCLAVE_E_GROUP_REINITIALIZED = 38, /**< RFC 9420 section 11.2: a ReInit was committed; use the new group */
  CONCLAVE_E_CREDENTIAL_REJECTED = 39, /**< RFC 9420 section 5.3.1: the application's policy refused a credential */
  CONCLAVE_E_INVALID_GROUP = 40, /**< SRP: not a safe prime with a primitive-root generator, or not the variant's modulus */
  CONCLAVE_E_GROUP_TOO_SMALL = 41, /**< SRP: a modulus below the configured minimum size */
  CONCLAVE_E_ZERO_SCRAMBLER = 42, /**< RFC 2945 section 3: u = 0, so the client aborts */
  CONCLAVE_E_PROOF_INVALID = 43, /**< SRP: the peer's proof M1 or M2 did not verify */
  CONCLAVE_E_OUT_OF_ORDER = 44, /**< a protocol call made in the wrong state */
  CONCLAVE_E_NON_MINIMAL_HEADER = 45, /**< RFC 9605 section 4.3: a KID or CTR not in its shortest form */
  CONCLAVE_E_UNKNOWN_KEY = 46, /**< a frame under a key ID or key index this receiver does not hold */
  CONCLAVE_E_REPLAYED_COUNTER = 47, /**< a frame counter already accepted, or older than the replay window */
  CONCLAVE_E_BUFFER_TOO_SMALL = 48, /**< a caller-provided output buffer shorter than the output */
  CONCLAVE_E_INVALID_LINK = 49, /**< a meeting link not in the form spec-notes/meeting-profile.md gives */
  CONCLAVE_E_PSK_MISSING = 50, /**< meeting profile: a Commit without the meeting's password PSK */
  CONCLAVE_E_NOT_PERMITTED = 51, /**< meeting profile: a host operation by another, a join while locked, or a request this session may not make */
  CONCLAVE_E_UNKNOWN_MEETING = 52, /**< meeting server: no meeting by that ID, or an unknown token */
  CONCLAVE_E_DECODE_LIMIT = 53, /**< a decoded value beyond codec::Limits' item or memory budget */
  CONCLAVE_E_DUPLICATE_EXTENSION = 54, /**< RFC 9420 section 13: two extensions of one type in one list */
  CONCLAVE_E_PROPOSAL_REJECTED = 55, /**< RFC 9420 section 12.1.8: the application did not authorize an outsider's proposal */
  CONCLAVE_E_SESSION_EXPIRED = 56, /**< meeting server: a session the link rotation ended; log in with the new link */
  CONCLAVE_E_EPOCH_EXPIRED = 57, /**< RFC 9420 section 14: a past epoch this member held, its secrets since deleted */
  CONCLAVE_E_STORAGE_FAILURE = 58, /**< the store could not read or write (I/O, a full disk, a locked database) */
  CONCLAVE_E_STORAGE_CORRUPT = 59, /**< a stored record that does not decode, fails authentication, or is of an unknown schema version */
  CONCLAVE_E_MEMBERSHIP_PROOF_INVALID = 60, /**< draft-ietf-mls-partial: a membership proof malformed or not of the expected tree */
  CONCLAVE_E_PARTIAL_UNSUPPORTED = 61, /**< draft-ietf-mls-partial: an operation a partial client cannot perform (a Commit changing what it cannot see) */
  CONCLAVE_E_INTERNAL = 62, /**< the crypto provider failed unexpectedly */
  CONCLAVE_E_INVALID_HANDLE = 200, /**< a NULL, freed or wrong-kind handle where a live one is required */
  CONCLAVE_E_NO_MEMORY = 201 /**< an allocation failed */
} conclave_status;

/**
 * A short English name of `status` (a static string; "unknown status" for a
 * value no release defines). Never NULL, never a secret.
 */
CONCLAVE_API const char *conclave_status_name(int status);
/**@}*/

/** @name Buffers */
/**@{*/
/** Bytes the library allocated for the caller; free with conclave_buffer_free(). */
typedef struct conclave_buffer {
  uint8_t *data; /**< the bytes; NULL when empty */
  size_t size;   /**< how many */
} conclave_buffer;

/**
 * Wipes and frees the bytes of `buffer` and leaves it empty. Accepts NULL
 * and an empty buffer. Every buffer the library returns is wiped, since any
 * may hold a secret.
 */
CONCLAVE_API void conclave_buffer_free(conclave_buffer *buffer);
/**@}*/

/*
 * ====================================================================
 * MLS: KeyPackages and groups (RFC 9420): src/capi/mls_*.cpp.
 * ====================================================================
 */

/** A KeyPackage with its private keys (RFC 9420 section 10). */
typedef struct conclave_key_package conclave_key_package;
/** One member's state in one MLS group (RFC 9420 sections 11 to 13). */
typedef struct conclave_group conclave_group;
/**
 * A store that keeps groups and KeyPackages (an SQLite file, or memory). The
 * groups and participants kept in one store may be used from different
 * threads at once: their writes to it take turns.
 */
typedef struct conclave_store conclave_store;

/** @name Cipher suites (RFC 9420 section 17.1) */
/**@{*/
/** MLS_128_DHKEMX25519_AES128GCM_SHA256_Ed25519. */
#define CONCLAVE_SUITE_X25519_AES128GCM_SHA256_ED25519 0x0001
/** MLS_128_DHKEMP256_AES128GCM_SHA256_P256. */
#define CONCLAVE_SUITE_P256_AES128GCM_SHA256_P256 0x0002
/** MLS_128_DHKEMX25519_CHACHA20POLY1305_SHA256_Ed25519. */
#define CONCLAVE_SUITE_X25519_CHACHA20POLY1305_SHA256_ED25519 0x0003
/** MLS_256_DHKEMX448_AES256GCM_SHA512_Ed448. */
#define CONCLAVE_SUITE_X448_AES256GCM_SHA512_ED448 0x0004
/** MLS_256_DHKEMP521_AES256GCM_SHA512_P521. */
#define CONCLAVE_SUITE_P521_AES256GCM_SHA512_P521 0x0005
/** MLS_256_DHKEMX448_CHACHA20POLY1305_SHA512_Ed448. */
#define CONCLAVE_SUITE_X448_CHACHA20POLY1305_SHA512_ED448 0x0006
/** MLS_256_DHKEMP384_AES256GCM_SHA384_P384. */
#define CONCLAVE_SUITE_P384_AES256GCM_SHA384_P384 0x0007
/**@}*/

/** @name KeyPackages */
/**@{*/
/**
 * RFC 9420 section 10: a KeyPackage for `suite` with a basic credential
 * naming `identity`, a fresh signature key pair, fresh init and encryption
 * keys, an unbounded lifetime, and the SelfRemove proposal
 * (draft-ietf-mls-extensions) in its capabilities. The handle keeps the private keys until a
 * group takes them (it is then spent).
 * @param suite The cipher suite (a CONCLAVE_SUITE_ value).
 * @param identity The basic credential's identity.
 * @param identity_size Its size.
 * @param[out] key_package The new handle.
 * @return #CONCLAVE_OK; #CONCLAVE_E_INVALID_ARGUMENT for a NULL
 * `key_package`, or a NULL `identity` with a non-zero size;
 * #CONCLAVE_E_UNSUPPORTED_ALGORITHM for a suite this library does not
 * implement; #CONCLAVE_E_INTERNAL if the crypto provider fails;
 * #CONCLAVE_E_NO_MEMORY.
 */
CONCLAVE_API conclave_status conclave_key_package_create(uint16_t suite, const uint8_t *identity, size_t identity_size,
                                                         conclave_key_package **key_package);
/**
 * The KeyPackage to publish: the encoding of an MLSMessage carrying it
 * (RFC 9420 section 6), as conclave_group_propose_add() and
 * ::conclave_commit_options take it.
 * @param key_package The KeyPackage.
 * @param[out] message An empty buffer; gets the bytes.
 * @return #CONCLAVE_OK; #CONCLAVE_E_INVALID_HANDLE; #CONCLAVE_E_INVALID_ARGUMENT
 * for a spent KeyPackage, or a NULL or non-empty `message`;
 * #CONCLAVE_E_NO_MEMORY.
 */
CONCLAVE_API conclave_status conclave_key_package_public(const conclave_key_package *key_package,
                                                         conclave_buffer *message);
/**
 * RFC 9420 section 5.2: the KeyPackageRef by which a Welcome names the
 * KeyPackage.
 * @param key_package The KeyPackage.
 * @param[out] ref An empty buffer; gets the reference.
 * @return #CONCLAVE_OK; #CONCLAVE_E_INVALID_HANDLE; #CONCLAVE_E_INVALID_ARGUMENT
 * for a spent KeyPackage, or a NULL or non-empty `ref`; #CONCLAVE_E_NO_MEMORY.
 */
CONCLAVE_API conclave_status conclave_key_package_ref(const conclave_key_package *key_package, conclave_buffer *ref);
/** Frees `key_package` and wipes its private keys; accepts NULL and a freed handle. */
CONCLAVE_API void conclave_key_package_free(conclave_key_package *key_package);
/**@}*/

/** @name Group settings */
/**@{*/
/** RFC 9420 section 8.4: an external pre-shared key the application holds. */
typedef struct conclave_external_psk {
  const uint8_t *id;     /**< the PSK's ID (ExternalPskId.psk_id) */
  size_t id_size;        /**< its size */
  const uint8_t *secret; /**< the PSK's value, copied */
  size_t secret_size;    /**< its size */
} conclave_external_psk;

/**
 * A group's settings, given when it is created, joined or loaded (they are
 * not stored with it). Fill with conclave_group_config_default() first.
 */
typedef struct conclave_group_config {
  size_t past_epochs;            /**< RFC 9420 section 14: past epochs kept for late application messages (default 3) */
  size_t max_cached_proposals;   /**< received proposals one epoch keeps (default 65536) */
  uint32_t out_of_order_window;  /**< section 9: generations kept for messages out of order (default 128) */
  uint32_t max_forward_distance; /**< section 9: the furthest a receiver ratchets ahead (default 1024) */
  const conclave_external_psk *external_psks; /**< the external PSKs the group may use (copied) */
  size_t external_psk_count;                  /**< how many */
} conclave_group_config;

/**
 * Fills `config` with the defaults (those of the C++ API's GroupConfig, no
 * external PSK). Does nothing for NULL.
 * @param[out] config The settings to fill.
 */
CONCLAVE_API void conclave_group_config_default(conclave_group_config *config);
/**@}*/

/** @name Groups: create, join, free */
/**@{*/
/**
 * RFC 9420 section 11: a one-member group at epoch 0, of the creator whose
 * KeyPackage `creator` is. On success `creator` is spent: any later use of it
 * gives #CONCLAVE_E_INVALID_ARGUMENT (it must still be freed).
 * @param suite The group's cipher suite; `creator` must be for it.
 * @param group_id The application's ID for the group.
 * @param group_id_size Its size.
 * @param creator The creator's KeyPackage.
 * @param config The settings; NULL for the defaults.
 * @param[out] group The new handle.
 * @return #CONCLAVE_OK; #CONCLAVE_E_INVALID_HANDLE for `creator`;
 * #CONCLAVE_E_INVALID_ARGUMENT for a NULL `group`, a NULL `group_id` with a
 * non-zero size, a spent `creator`, or a `config` with a NULL array or PSK
 * pointer and a non-zero size; #CONCLAVE_E_UNSUPPORTED_ALGORITHM for an
 * unknown suite; #CONCLAVE_E_INVALID_VALUE when `creator` is for another
 * suite; #CONCLAVE_E_INTERNAL; #CONCLAVE_E_NO_MEMORY.
 */
CONCLAVE_API conclave_status conclave_group_create(uint16_t suite, const uint8_t *group_id, size_t group_id_size,
                                                   conclave_key_package *creator, const conclave_group_config *config,
                                                   conclave_group **group);
/**
 * RFC 9420 section 12.4.3.1: joins from a Welcome made for `key_package`,
 * which is spent on success.
 * @param welcome The encoding of an MLSMessage carrying the Welcome.
 * @param welcome_size Its size.
 * @param key_package The KeyPackage the Welcome adds.
 * @param ratchet_tree The ratchet tree (conclave_group_ratchet_tree()) when
 *   the Welcome's GroupInfo does not carry it; NULL (with size 0) otherwise.
 * @param ratchet_tree_size Its size.
 * @param config The settings; NULL for the defaults. It must give every
 *   external PSK the Welcome names.
 * @param[out] group The new handle.
 * @return #CONCLAVE_OK; #CONCLAVE_E_INVALID_HANDLE for `key_package`;
 * #CONCLAVE_E_INVALID_ARGUMENT for a NULL `group`, a NULL data pointer
 * with a non-zero size, a spent `key_package`, a bad `config`, or a Welcome
 * for another suite; the decoding errors (#CONCLAVE_E_TRUNCATED,
 * #CONCLAVE_E_TRAILING_DATA, #CONCLAVE_E_UNKNOWN_VARIANT, ...) for bytes that
 * are not an MLSMessage or a ratchet tree; #CONCLAVE_E_CONTENT_NOT_ALLOWED
 * for an MLSMessage that is not a Welcome; #CONCLAVE_E_NOT_IN_GROUP when the
 * Welcome is not for `key_package`; #CONCLAVE_E_AEAD_FAILURE;
 * #CONCLAVE_E_UNKNOWN_PSK; #CONCLAVE_E_INVALID_TREE; the other errors of
 * the C++ API's Group::join() (include/conclave/mls/group.hpp);
 * #CONCLAVE_E_NO_MEMORY.
 */
CONCLAVE_API conclave_status conclave_group_join(const uint8_t *welcome, size_t welcome_size,
                                                 conclave_key_package *key_package, const uint8_t *ratchet_tree,
                                                 size_t ratchet_tree_size, const conclave_group_config *config,
                                                 conclave_group **group);
/**
 * RFC 9420 section 12.4.3.2: joins by an external Commit from a GroupInfo
 * with external_pub (conclave_group_info()). `key_package` is spent on
 * success; the group is then in the new epoch and `commit` is to be sent to
 * the group.
 * @param group_info The encoding of an MLSMessage carrying the GroupInfo.
 * @param group_info_size Its size.
 * @param key_package The joiner's KeyPackage (its leaf and keys).
 * @param ratchet_tree The ratchet tree when the GroupInfo does not carry it;
 *   NULL (with size 0) otherwise.
 * @param ratchet_tree_size Its size.
 * @param config The settings; NULL for the defaults.
 * @param[out] group The new handle.
 * @param[out] commit An empty buffer; gets the external Commit (an MLSMessage).
 * @return #CONCLAVE_OK; #CONCLAVE_E_INVALID_HANDLE for `key_package`;
 * #CONCLAVE_E_INVALID_ARGUMENT as for conclave_group_join(), a NULL or
 * non-empty `commit`, or a GroupInfo without external_pub; the decoding
 * errors; #CONCLAVE_E_CONTENT_NOT_ALLOWED for an MLSMessage that is not a
 * GroupInfo; #CONCLAVE_E_SIGNATURE_INVALID; #CONCLAVE_E_INVALID_TREE;
 * #CONCLAVE_E_DUPLICATE_KEY; the other errors of the C++ API's
 * Group::join_external(); #CONCLAVE_E_NO_MEMORY.
 */
CONCLAVE_API conclave_status conclave_group_join_external(const uint8_t *group_info, size_t group_info_size,
                                                          conclave_key_package *key_package,
                                                          const uint8_t *ratchet_tree, size_t ratchet_tree_size,
                                                          const conclave_group_config *config, conclave_group **group,
                                                          conclave_buffer *commit);
/**
 * The whole state of `group` (every secret of its epoch: keep it as a
 * secret), for conclave_group_deserialize(). Not while a Commit is pending.
 * @param group The group.
 * @param[out] state An empty buffer; gets the state.
 * @return #CONCLAVE_OK; #CONCLAVE_E_INVALID_HANDLE;
 * #CONCLAVE_E_INVALID_ARGUMENT for a NULL or non-empty `state`, or while a
 * Commit is pending; #CONCLAVE_E_NO_MEMORY.
 */
CONCLAVE_API conclave_status conclave_group_serialize(const conclave_group *group, conclave_buffer *state);
/**
 * A group from what conclave_group_serialize() gave.
 * @param state The serialized state.
 * @param state_size Its size.
 * @param config The settings; NULL for the defaults.
 * @param[out] group The new handle.
 * @return #CONCLAVE_OK; #CONCLAVE_E_INVALID_ARGUMENT for a NULL `group`, a
 * NULL `state` with a non-zero size, or a bad `config`; the decoding errors
 * (#CONCLAVE_E_TRUNCATED, #CONCLAVE_E_TRAILING_DATA, ...) for bytes that are
 * not a serialized group; #CONCLAVE_E_INVALID_VALUE for another format or an
 * inconsistent state; #CONCLAVE_E_UNSUPPORTED_ALGORITHM;
 * #CONCLAVE_E_INVALID_TREE; #CONCLAVE_E_DUPLICATE_KEY;
 * #CONCLAVE_E_INVALID_PRIVATE_KEY; #CONCLAVE_E_NO_MEMORY.
 */
CONCLAVE_API conclave_status conclave_group_deserialize(const uint8_t *state, size_t state_size,
                                                        const conclave_group_config *config, conclave_group **group);
/**
 * Frees `group` and wipes its secrets; accepts NULL and a freed handle. A
 * persisted group's store stays open while another handle uses it.
 */
CONCLAVE_API void conclave_group_free(conclave_group *group);
/**@}*/

/** @name Groups: proposals */
/**@{*/
/**
 * Adds (or replaces) an external PSK the group may use from now on (RFC 9420
 * section 8.4), as ::conclave_group_config gives them.
 * @param group The group.
 * @param psk_id The PSK's ID.
 * @param psk_id_size Its size.
 * @param secret The PSK's value (copied).
 * @param secret_size Its size.
 * @return #CONCLAVE_OK; #CONCLAVE_E_INVALID_HANDLE;
 * #CONCLAVE_E_INVALID_ARGUMENT for a NULL pointer with a non-zero size;
 * #CONCLAVE_E_NO_MEMORY.
 */
CONCLAVE_API conclave_status conclave_group_set_external_psk(conclave_group *group, const uint8_t *psk_id,
                                                             size_t psk_id_size, const uint8_t *secret,
                                                             size_t secret_size);
/**
 * RFC 9420 section 12.1.1: an Add proposal of a published KeyPackage,
 * kept for a later Commit (the KeyPackage is checked when a Commit covers it).
 * @param group The group.
 * @param key_package The encoding of an MLSMessage carrying the KeyPackage
 *   (conclave_key_package_public()).
 * @param key_package_size Its size.
 * @param encrypt 1 for a PrivateMessage, 0 for a PublicMessage.
 * @param[out] message An empty buffer; gets the proposal (an MLSMessage).
 * @return #CONCLAVE_OK; #CONCLAVE_E_INVALID_HANDLE;
 * #CONCLAVE_E_INVALID_ARGUMENT for a NULL pointer, an `encrypt` other than
 * 0 or 1, a NULL or non-empty `message`, or while a Commit is pending; the
 * decoding errors for bytes that are not an MLSMessage;
 * #CONCLAVE_E_CONTENT_NOT_ALLOWED for one that is not a KeyPackage;
 * #CONCLAVE_E_NOT_IN_GROUP once this member is removed;
 * #CONCLAVE_E_GROUP_REINITIALIZED; #CONCLAVE_E_STORAGE_FAILURE for a
 * persisted group whose store fails; #CONCLAVE_E_NO_MEMORY.
 */
CONCLAVE_API conclave_status conclave_group_propose_add(conclave_group *group, const uint8_t *key_package,
                                                        size_t key_package_size, int encrypt, conclave_buffer *message);
/**
 * RFC 9420 section 12.1.3: a Remove proposal of the member at `leaf`.
 * @param group The group.
 * @param leaf The leaf index of the member to remove.
 * @param encrypt 1 for a PrivateMessage, 0 for a PublicMessage.
 * @param[out] message An empty buffer; gets the proposal.
 * @return As conclave_group_propose_add(), without the decoding errors.
 */
CONCLAVE_API conclave_status conclave_group_propose_remove(conclave_group *group, uint32_t leaf, int encrypt,
                                                           conclave_buffer *message);
/**
 * RFC 9420 section 12.1.2: an Update of this member's leaf (a fresh
 * encryption key, kept until a Commit covers it).
 * @param group The group.
 * @param encrypt 1 for a PrivateMessage, 0 for a PublicMessage.
 * @param[out] message An empty buffer; gets the proposal.
 * @return As conclave_group_propose_remove().
 */
CONCLAVE_API conclave_status conclave_group_propose_update(conclave_group *group, int encrypt,
                                                           conclave_buffer *message);
/**
 * RFC 9420 section 12.1.4: a PreSharedKey proposal of the external PSK
 * `psk_id`, with a fresh nonce. Every member needs the PSK when the Commit
 * covering it arrives.
 * @param group The group.
 * @param psk_id The PSK's ID.
 * @param psk_id_size Its size.
 * @param encrypt 1 for a PrivateMessage, 0 for a PublicMessage.
 * @param[out] message An empty buffer; gets the proposal.
 * @return As conclave_group_propose_remove().
 */
CONCLAVE_API conclave_status conclave_group_propose_external_psk(conclave_group *group, const uint8_t *psk_id,
                                                                 size_t psk_id_size, int encrypt,
                                                                 conclave_buffer *message);
/**
 * draft-ietf-mls-extensions "SelfRemove Proposal": asks the group to remove
 * this member (a PublicMessage; another member's Commit includes it).
 * @param group The group.
 * @param[out] message An empty buffer; gets the proposal.
 * @return As conclave_group_propose_remove(); #CONCLAVE_E_INVALID_PROPOSAL
 * when this member already sent one this epoch.
 */
CONCLAVE_API conclave_status conclave_group_propose_self_remove(conclave_group *group, conclave_buffer *message);
/**@}*/

/** @name Groups: commits */
/**@{*/
/** Input bytes: a pointer (NULL only with size 0) and a size. */
typedef struct conclave_bytes {
  const uint8_t *data; /**< the bytes */
  size_t size;         /**< how many */
} conclave_bytes;

/**
 * RFC 9420 section 12.4.1: what a Commit carries and how. Fill with
 * conclave_commit_options_default() first. Every flag is 0 or 1.
 */
typedef struct conclave_commit_options {
  const conclave_bytes *add_key_packages; /**< KeyPackages to add (MLSMessage encodings), by value */
  size_t add_count;                       /**< how many */
  const uint32_t *remove_leaves;          /**< leaves to remove, by value */
  size_t remove_count;                    /**< how many */
  const conclave_bytes *external_psk_ids; /**< external PSKs to inject (by ID), by value */
  size_t external_psk_count;              /**< how many */
  int include_received;                   /**< commit the proposals received this epoch by reference (default 1) */
  int force_path;                         /**< an UpdatePath even when no proposal needs one (default 0) */
  int ratchet_tree_in_welcome;            /**< the ratchet tree in the Welcome's GroupInfo (default 1) */
  int encrypt;                            /**< as a PrivateMessage (default 0) */
  int group_info; /**< a GroupInfo of the new epoch, with the tree, for external joiners (default 0) */
  const uint8_t *authenticated_data; /**< sent with the Commit, authenticated, in the clear */
  size_t authenticated_data_size;    /**< its size */
} conclave_commit_options;

/**
 * Fills `options` with the defaults (those of the C++ API's CommitOptions,
 * nothing by value). Does nothing for NULL.
 * @param[out] options The options to fill.
 */
CONCLAVE_API void conclave_commit_options_default(conclave_commit_options *options);

/** What conclave_group_commit() produced: MLSMessage encodings, each empty when not made. */
typedef struct conclave_commit_output {
  conclave_buffer commit;     /**< the Commit, for the delivery service */
  conclave_buffer welcome;    /**< the Welcome, when the Commit adds members */
  conclave_buffer group_info; /**< the new epoch's GroupInfo, when asked for */
} conclave_commit_output;

/** Frees the three buffers of `output` (conclave_buffer_free()); accepts NULL. */
CONCLAVE_API void conclave_commit_output_free(conclave_commit_output *output);

/**
 * RFC 9420 section 12.4.1: a Commit, staged: the group stays in its epoch
 * until conclave_group_merge_pending_commit() (once the delivery service
 * accepted it) or conclave_group_discard_pending_commit(); nothing else may
 * be sent or processed meanwhile.
 * @param group The group.
 * @param options What the Commit carries; NULL for the defaults.
 * @param[out] output Its three buffers must be empty; gets the messages.
 * @return #CONCLAVE_OK; #CONCLAVE_E_INVALID_HANDLE;
 * #CONCLAVE_E_INVALID_ARGUMENT for a NULL `output`, a non-empty buffer in it,
 * a NULL array or data pointer with a non-zero count or size in `options`, a
 * flag other than 0 or 1, or while a Commit is pending; the decoding errors
 * for an added KeyPackage that is not an MLSMessage, and
 * #CONCLAVE_E_CONTENT_NOT_ALLOWED for one that is not a KeyPackage;
 * #CONCLAVE_E_INVALID_PROPOSAL for an invalid list (a Remove of a
 * non-member or of this member, say); the KeyPackage validation errors
 * (#CONCLAVE_E_SIGNATURE_INVALID, #CONCLAVE_E_DUPLICATE_KEY,
 * #CONCLAVE_E_CAPABILITY_MISMATCH, ...); #CONCLAVE_E_UNKNOWN_PSK;
 * #CONCLAVE_E_NOT_IN_GROUP; #CONCLAVE_E_GROUP_REINITIALIZED;
 * #CONCLAVE_E_STORAGE_FAILURE; the other errors of the C++ API's
 * Group::commit(); #CONCLAVE_E_NO_MEMORY.
 */
CONCLAVE_API conclave_status conclave_group_commit(conclave_group *group, const conclave_commit_options *options,
                                                   conclave_commit_output *output);
/**
 * Moves the group to the epoch of its pending Commit.
 * @param group The group.
 * @return #CONCLAVE_OK; #CONCLAVE_E_INVALID_HANDLE;
 * #CONCLAVE_E_INVALID_ARGUMENT when no Commit is pending;
 * #CONCLAVE_E_STORAGE_FAILURE.
 */
CONCLAVE_API conclave_status conclave_group_merge_pending_commit(conclave_group *group);
/**
 * Drops the pending Commit; the group stays in its epoch. Does nothing when
 * none is pending.
 * @param group The group.
 * @return #CONCLAVE_OK; #CONCLAVE_E_INVALID_HANDLE.
 */
CONCLAVE_API conclave_status conclave_group_discard_pending_commit(conclave_group *group);
/**
 * Whether a Commit of this member's awaits merge or discard.
 * @param group The group.
 * @param[out] pending Gets 1 or 0.
 * @return #CONCLAVE_OK; #CONCLAVE_E_INVALID_HANDLE;
 * #CONCLAVE_E_INVALID_ARGUMENT for a NULL `pending`.
 */
CONCLAVE_API conclave_status conclave_group_has_pending_commit(const conclave_group *group, int *pending);
/**@}*/

/** @name Groups: messages */
/**@{*/
/** ::conclave_received kind: an application message. */
#define CONCLAVE_RECEIVED_APPLICATION 0
/** ::conclave_received kind: a proposal, kept for a later Commit. */
#define CONCLAVE_RECEIVED_PROPOSAL 1
/** ::conclave_received kind: a Commit, applied. */
#define CONCLAVE_RECEIVED_COMMIT 2

/** ::conclave_received sender_type (RFC 9420 SenderType): a member. */
#define CONCLAVE_SENDER_MEMBER 1
/** ::conclave_received sender_type: an external sender of the group's external_senders. */
#define CONCLAVE_SENDER_EXTERNAL 2
/** ::conclave_received sender_type: a new member's proposal. */
#define CONCLAVE_SENDER_NEW_MEMBER_PROPOSAL 3
/** ::conclave_received sender_type: a new member's external Commit. */
#define CONCLAVE_SENDER_NEW_MEMBER_COMMIT 4

/** What conclave_group_process() read. Pass with both buffers empty. */
typedef struct conclave_received {
  int kind;                           /**< a CONCLAVE_RECEIVED_ value */
  uint8_t sender_type;                /**< a CONCLAVE_SENDER_ value */
  uint32_t sender_index;              /**< the member's leaf, or the external sender's index; 0 for a new member */
  int removed;                        /**< 1 for a Commit that removed this member */
  uint64_t epoch;                     /**< the epoch the message was sent in */
  conclave_buffer application_data;   /**< an application message's data */
  conclave_buffer authenticated_data; /**< the sender's authenticated data */
} conclave_received;

/** Frees the two buffers of `received` (conclave_buffer_free()); accepts NULL. */
CONCLAVE_API void conclave_received_free(conclave_received *received);

/**
 * RFC 9420 sections 6 and 12: reads an application message, keeps a
 * proposal, or applies a Commit. A failed call leaves the group as it was.
 * @param group The group.
 * @param message The encoding of an MLSMessage.
 * @param message_size Its size.
 * @param[out] received Gets what the message carried; its buffers must be empty.
 * @return #CONCLAVE_OK; #CONCLAVE_E_INVALID_HANDLE;
 * #CONCLAVE_E_INVALID_ARGUMENT for a NULL `received`, a non-empty buffer in
 * it, a NULL `message` with a non-zero size, or while a Commit is pending;
 * the decoding errors (#CONCLAVE_E_TRUNCATED, #CONCLAVE_E_TRAILING_DATA,
 * #CONCLAVE_E_UNKNOWN_VARIANT, #CONCLAVE_E_INVALID_VALUE, ...) for bytes that
 * are not an MLSMessage; #CONCLAVE_E_CONTENT_NOT_ALLOWED for a Welcome,
 * GroupInfo or KeyPackage; #CONCLAVE_E_WRONG_GROUP; #CONCLAVE_E_WRONG_EPOCH;
 * #CONCLAVE_E_EPOCH_EXPIRED; #CONCLAVE_E_MEMBERSHIP_TAG_INVALID;
 * #CONCLAVE_E_AEAD_FAILURE; #CONCLAVE_E_GENERATION_CONSUMED;
 * #CONCLAVE_E_SIGNATURE_INVALID; #CONCLAVE_E_CONFIRMATION_TAG_INVALID;
 * #CONCLAVE_E_INVALID_PROPOSAL; #CONCLAVE_E_UNKNOWN_PSK;
 * #CONCLAVE_E_NOT_IN_GROUP; #CONCLAVE_E_STORAGE_FAILURE; the other errors
 * of the C++ API's Group::process(); #CONCLAVE_E_NO_MEMORY.
 */
CONCLAVE_API conclave_status conclave_group_process(conclave_group *group, const uint8_t *message, size_t message_size,
                                                    conclave_received *received);
/**
 * RFC 9420 section 6.3: an application message (a PrivateMessage).
 * @param group The group.
 * @param data The message.
 * @param data_size Its size.
 * @param aad Authenticated data sent in the clear; NULL with size 0 for none.
 * @param aad_size Its size.
 * @param[out] message An empty buffer; gets the MLSMessage.
 * @return #CONCLAVE_OK; #CONCLAVE_E_INVALID_HANDLE;
 * #CONCLAVE_E_INVALID_ARGUMENT for a NULL pointer with a non-zero size, a
 * NULL or non-empty `message`, or while a Commit is pending;
 * #CONCLAVE_E_NOT_IN_GROUP; #CONCLAVE_E_GROUP_REINITIALIZED;
 * #CONCLAVE_E_MESSAGE_LIMIT; #CONCLAVE_E_STORAGE_FAILURE; #CONCLAVE_E_NO_MEMORY.
 */
CONCLAVE_API conclave_status conclave_group_protect(conclave_group *group, const uint8_t *data, size_t data_size,
                                                    const uint8_t *aad, size_t aad_size, conclave_buffer *message);
/**@}*/

/** @name Groups: state */
/**@{*/
/**
 * The current epoch.
 * @param group The group.
 * @param[out] epoch Gets it.
 * @return #CONCLAVE_OK; #CONCLAVE_E_INVALID_HANDLE;
 * #CONCLAVE_E_INVALID_ARGUMENT for a NULL `epoch`.
 */
CONCLAVE_API conclave_status conclave_group_epoch(const conclave_group *group, uint64_t *epoch);
/**
 * This member's leaf index.
 * @param group The group.
 * @param[out] leaf Gets it.
 * @return As conclave_group_epoch().
 */
CONCLAVE_API conclave_status conclave_group_own_leaf(const conclave_group *group, uint32_t *leaf);
/**
 * The group's cipher suite (a CONCLAVE_SUITE_ value).
 * @param group The group.
 * @param[out] suite Gets it.
 * @return As conclave_group_epoch().
 */
CONCLAVE_API conclave_status conclave_group_cipher_suite(const conclave_group *group, uint16_t *suite);
/**
 * The group's ID.
 * @param group The group.
 * @param[out] group_id An empty buffer; gets the ID.
 * @return #CONCLAVE_OK; #CONCLAVE_E_INVALID_HANDLE;
 * #CONCLAVE_E_INVALID_ARGUMENT for a NULL or non-empty `group_id`;
 * #CONCLAVE_E_NO_MEMORY.
 */
CONCLAVE_API conclave_status conclave_group_id(const conclave_group *group, conclave_buffer *group_id);
/**
 * RFC 9420 section 8.7: the epoch_authenticator, which members may compare
 * out of band (the suite's hash size: 32 to 64 bytes). A NULL `out` with
 * capacity 0 asks for the size (#CONCLAVE_E_BUFFER_TOO_SMALL and `written`).
 * @param group The group.
 * @param out The caller's buffer.
 * @param capacity Its size.
 * @param[out] written Gets the size, or the size needed; may be NULL.
 * @return #CONCLAVE_OK; #CONCLAVE_E_INVALID_HANDLE;
 * #CONCLAVE_E_INVALID_ARGUMENT for a NULL `out` with a non-zero capacity;
 * #CONCLAVE_E_BUFFER_TOO_SMALL.
 */
CONCLAVE_API conclave_status conclave_group_epoch_authenticator(const conclave_group *group, uint8_t *out,
                                                                size_t capacity, size_t *written);
/**
 * RFC 9420 section 8.5: MLS-Exporter(label, context, length), a secret of
 * the current epoch.
 * @param group The group.
 * @param label The label (a NUL-terminated string).
 * @param context The context.
 * @param context_size Its size.
 * @param out The caller's buffer; gets exactly `length` bytes.
 * @param length How many bytes to export.
 * @return #CONCLAVE_OK; #CONCLAVE_E_INVALID_HANDLE;
 * #CONCLAVE_E_INVALID_ARGUMENT for a NULL `label`, or a NULL `context` or
 * `out` with a non-zero size; #CONCLAVE_E_INVALID_LENGTH for a length over
 * 255 times the suite's hash size.
 */
CONCLAVE_API conclave_status conclave_group_export_secret(const conclave_group *group, const char *label,
                                                          const uint8_t *context, size_t context_size, uint8_t *out,
                                                          size_t length);
/**
 * The leaf indexes of the members, in increasing order.
 * @param group The group.
 * @param leaves The caller's array.
 * @param capacity Its length.
 * @param[out] count Gets the number of members.
 * @return #CONCLAVE_OK; #CONCLAVE_E_INVALID_HANDLE;
 * #CONCLAVE_E_INVALID_ARGUMENT for a NULL `count`, or a NULL `leaves` with a
 * non-zero capacity; #CONCLAVE_E_BUFFER_TOO_SMALL when `capacity` is less
 * than the count (`leaves` is then unchanged).
 */
CONCLAVE_API conclave_status conclave_group_members(const conclave_group *group, uint32_t *leaves, size_t capacity,
                                                    size_t *count);
/**
 * The identity in the credential of the member at `leaf`: a basic
 * credential's identity, or an X.509 credential's end-entity certificate
 * (DER).
 * @param group The group.
 * @param leaf The member's leaf index.
 * @param[out] identity An empty buffer; gets the identity.
 * @return #CONCLAVE_OK; #CONCLAVE_E_INVALID_HANDLE;
 * #CONCLAVE_E_INVALID_ARGUMENT for a leaf that is not a member's, or a NULL
 * or non-empty `identity`; #CONCLAVE_E_NO_MEMORY.
 */
CONCLAVE_API conclave_status conclave_group_member_identity(const conclave_group *group, uint32_t leaf,
                                                            conclave_buffer *identity);
/**
 * RFC 9420 section 12.4.3: this epoch's GroupInfo (an MLSMessage), signed by
 * this member, with external_pub for external joiners.
 * @param group The group.
 * @param with_tree 1 to include the ratchet tree, 0 not to.
 * @param[out] group_info An empty buffer; gets the MLSMessage.
 * @return #CONCLAVE_OK; #CONCLAVE_E_INVALID_HANDLE;
 * #CONCLAVE_E_INVALID_ARGUMENT for a `with_tree` other than 0 or 1, a NULL or
 * non-empty `group_info`, or while a Commit is pending; #CONCLAVE_E_INTERNAL;
 * #CONCLAVE_E_NO_MEMORY.
 */
CONCLAVE_API conclave_status conclave_group_info(const conclave_group *group, int with_tree,
                                                 conclave_buffer *group_info);
/**
 * RFC 9420 section 12.4.3.3: the ratchet tree (the ratchet_tree extension's
 * data), for joiners whose Welcome or GroupInfo lacks it.
 * @param group The group.
 * @param[out] ratchet_tree An empty buffer; gets the tree.
 * @return #CONCLAVE_OK; #CONCLAVE_E_INVALID_HANDLE;
 * #CONCLAVE_E_INVALID_ARGUMENT for a NULL or non-empty `ratchet_tree`;
 * #CONCLAVE_E_NO_MEMORY.
 */
CONCLAVE_API conclave_status conclave_group_ratchet_tree(const conclave_group *group, conclave_buffer *ratchet_tree);
/**@}*/

/*
 * ====================================================================
 * Storage: stores that keep groups and KeyPackages across restarts: src/capi/storage.cpp.
 * ====================================================================
 */

/**
 * A store in memory: nothing survives conclave_store_free().
 * @param[out] store The new handle.
 * @return #CONCLAVE_OK; #CONCLAVE_E_INVALID_ARGUMENT for a NULL `store`;
 * #CONCLAVE_E_NO_MEMORY.
 */
CONCLAVE_API conclave_status conclave_store_open_memory(conclave_store **store);
/**
 * The SQLite database file at `path`, created if it does not exist (WAL
 * mode, secure_delete, every write on the disk when it returns).
 * @param path The file's path (NUL-terminated).
 * @param[out] store The new handle.
 * @return #CONCLAVE_OK; #CONCLAVE_E_INVALID_ARGUMENT for a NULL pointer;
 * #CONCLAVE_E_STORAGE_FAILURE when the file cannot be opened, read or
 * written; #CONCLAVE_E_STORAGE_CORRUPT for a file that is not this
 * library's database, is damaged, or has a newer schema;
 * #CONCLAVE_E_NO_MEMORY.
 */
CONCLAVE_API conclave_status conclave_store_open_sqlite(const char *path, conclave_store **store);
/**
 * As conclave_store_open_sqlite(), every value sealed with
 * ChaCha20-Poly1305 under `key` (the tables' keys, such as group IDs, stay
 * in the clear).
 * @param path The file's path (NUL-terminated).
 * @param key The 32-byte key (copied).
 * @param key_size Its size.
 * @param[out] store The new handle.
 * @return As conclave_store_open_sqlite(); #CONCLAVE_E_INVALID_LENGTH for a
 * key that is not 32 bytes. Reading a value sealed under another key gives
 * #CONCLAVE_E_STORAGE_CORRUPT.
 */
CONCLAVE_API conclave_status conclave_store_open_sqlite_encrypted(const char *path, const uint8_t *key, size_t key_size,
                                                                  conclave_store **store);
/**
 * Frees `store`; accepts NULL and a freed handle. The store stays open
 * while a group persisted in it is alive.
 */
CONCLAVE_API void conclave_store_free(conclave_store *store);
/**
 * Keeps the private keys of `key_package` in `store` until
 * conclave_group_join_from_store() uses them; `key_package` is not spent.
 * @param store The store.
 * @param key_package The KeyPackage.
 * @return #CONCLAVE_OK; #CONCLAVE_E_INVALID_HANDLE;
 * #CONCLAVE_E_INVALID_ARGUMENT for a spent `key_package`;
 * #CONCLAVE_E_STORAGE_FAILURE; #CONCLAVE_E_NO_MEMORY.
 */
CONCLAVE_API conclave_status conclave_store_save_key_package(conclave_store *store,
                                                             const conclave_key_package *key_package);
/**
 * RFC 9420 section 12.4.3.1: joins from a Welcome for a KeyPackage kept in
 * `store` (conclave_store_save_key_package()), deletes its keys there, and
 * keeps the group in `store` (as conclave_group_persist()).
 * @param welcome The encoding of an MLSMessage carrying the Welcome.
 * @param welcome_size Its size.
 * @param store The store.
 * @param ratchet_tree The ratchet tree when the Welcome lacks it; NULL (with
 *   size 0) otherwise.
 * @param ratchet_tree_size Its size.
 * @param config The settings; NULL for the defaults.
 * @param[out] group The new handle.
 * @return As conclave_group_join(); #CONCLAVE_E_INVALID_HANDLE for `store`;
 * #CONCLAVE_E_NOT_IN_GROUP when no KeyPackage the Welcome names is kept;
 * #CONCLAVE_E_INVALID_ARGUMENT also when `store` already holds the group;
 * #CONCLAVE_E_STORAGE_FAILURE; #CONCLAVE_E_STORAGE_CORRUPT. A
 * #CONCLAVE_E_NO_MEMORY after the group was written leaves it in `store`
 * (conclave_group_load() gets it).
 */
CONCLAVE_API conclave_status conclave_group_join_from_store(const uint8_t *welcome, size_t welcome_size,
                                                            conclave_store *store, const uint8_t *ratchet_tree,
                                                            size_t ratchet_tree_size,
                                                            const conclave_group_config *config,
                                                            conclave_group **group);
/**
 * Keeps `group` in `store` from now on: its whole state now, then what each
 * later call changes, atomically, before the call returns. The store stays
 * open as long as the group does. Another live group handle kept under the
 * same group ID in `store` stops (its next change gives
 * #CONCLAVE_E_STORAGE_FAILURE).
 * @param group The group.
 * @param store The store.
 * @return #CONCLAVE_OK; #CONCLAVE_E_INVALID_HANDLE;
 * #CONCLAVE_E_INVALID_ARGUMENT while a Commit is pending;
 * #CONCLAVE_E_STORAGE_FAILURE (the group is then not kept);
 * #CONCLAVE_E_NO_MEMORY.
 */
CONCLAVE_API conclave_status conclave_group_persist(conclave_group *group, conclave_store *store);
/**
 * A group conclave_group_persist() kept, as after its last successful call;
 * it goes on writing to `store`.
 * @param store The store.
 * @param group_id The group's ID.
 * @param group_id_size Its size.
 * @param config The settings; NULL for the defaults.
 * @param[out] group The new handle.
 * @return #CONCLAVE_OK; #CONCLAVE_E_INVALID_HANDLE;
 * #CONCLAVE_E_INVALID_ARGUMENT for a NULL `group`, a NULL `group_id` with a
 * non-zero size, or a bad `config`; #CONCLAVE_E_NOT_IN_GROUP when `store`
 * holds no such group; #CONCLAVE_E_STORAGE_FAILURE;
 * #CONCLAVE_E_STORAGE_CORRUPT; #CONCLAVE_E_NO_MEMORY.
 */
CONCLAVE_API conclave_status conclave_group_load(conclave_store *store, const uint8_t *group_id, size_t group_id_size,
                                                 const conclave_group_config *config, conclave_group **group);
/**
 * Deletes every record of a group from `store`. A live group handle kept
 * there stops (its next change gives #CONCLAVE_E_STORAGE_FAILURE).
 * @param store The store.
 * @param group_id The group's ID.
 * @param group_id_size Its size.
 * @return #CONCLAVE_OK; #CONCLAVE_E_INVALID_HANDLE;
 * #CONCLAVE_E_INVALID_ARGUMENT for a NULL `group_id` with a non-zero size;
 * #CONCLAVE_E_STORAGE_FAILURE.
 */
CONCLAVE_API conclave_status conclave_group_erase(conclave_store *store, const uint8_t *group_id, size_t group_id_size);

/*
 * ====================================================================
 * SFrame (RFC 9605) keyed from MLS, and the LiveKit frame cryptor: src/capi/frame.cpp.
 * ====================================================================
 */

/** SFrame over MLS (RFC 9605 section 5.2) for one member: its keys for a few recent epochs and a replay window per received key. */
typedef struct conclave_sframe conclave_sframe;
/** One participant's LiveKit frame cryptor (spec-notes/livekit.md): a 256-slot key ring and per-SSRC send counters. */
typedef struct conclave_livekit conclave_livekit;

/** @name SFrame cipher suites (RFC 9605 section 8.1) */
/**@{*/
#define CONCLAVE_SFRAME_AES_128_CTR_HMAC_SHA256_80 0x0001 /**< AES-128-CTR with HMAC-SHA256, 80-bit tag */
#define CONCLAVE_SFRAME_AES_128_CTR_HMAC_SHA256_64 0x0002 /**< AES-128-CTR with HMAC-SHA256, 64-bit tag */
#define CONCLAVE_SFRAME_AES_128_CTR_HMAC_SHA256_32 0x0003 /**< AES-128-CTR with HMAC-SHA256, 32-bit tag */
#define CONCLAVE_SFRAME_AES_128_GCM_SHA256_128 0x0004     /**< AES-128-GCM, SHA-256 key schedule, 128-bit tag */
#define CONCLAVE_SFRAME_AES_256_GCM_SHA512_128 0x0005     /**< AES-256-GCM, SHA-512 key schedule, 128-bit tag */
#define CONCLAVE_SFRAME_AES_256_CTR_HMAC_SHA512_80 0x0006 /**< AES-256-CTR with HMAC-SHA512, 80-bit tag */
#define CONCLAVE_SFRAME_AES_256_CTR_HMAC_SHA512_64 0x0007 /**< AES-256-CTR with HMAC-SHA512, 64-bit tag */
#define CONCLAVE_SFRAME_AES_256_CTR_HMAC_SHA512_32 0x0008 /**< AES-256-CTR with HMAC-SHA512, 32-bit tag */
/**@}*/

/**
 * How a ::conclave_sframe keys and keeps epochs. A frame's KID is
 * `context << (S + E) | sender_leaf << E | epoch mod 2^E`.
 */
typedef struct conclave_sframe_options {
  uint16_t suite;            /**< a CONCLAVE_SFRAME_* cipher suite (default AES-128-GCM) */
  uint32_t epoch_bits;       /**< E, 0 to 32: the KID bits that carry the epoch (default 4) */
  int32_t index_bits;        /**< S, 0 to 31, or -1: from each epoch's leaf count (default -1) */
  size_t max_epochs;         /**< epochs a receiver keeps, at least 1 (default 3) */
  uint64_t max_contexts;     /**< contexts accepted per sender, at least 1 (default 16) */
  uint32_t encrypt_delay_ms; /**< how long after an epoch is added before this member sends under it (default 0) */
} conclave_sframe_options;

/**
 * Fills `options` with the defaults (see ::conclave_sframe_options). Does
 * nothing for NULL.
 * @param options The options to fill.
 */
CONCLAVE_API void conclave_sframe_options_default(conclave_sframe_options *options);

/**
 * A new SFrame instance with no epochs.
 * @param options The options; NULL means the defaults.
 * @param sframe Receives the handle.
 * @return #CONCLAVE_OK; #CONCLAVE_E_INVALID_ARGUMENT for a NULL `sframe`,
 * an E above 32, an S below -1 or above 31, a zero `max_epochs` or
 * `max_contexts`; #CONCLAVE_E_UNSUPPORTED_ALGORITHM for an unregistered
 * suite; #CONCLAVE_E_NO_MEMORY.
 */
CONCLAVE_API conclave_status conclave_sframe_create(const conclave_sframe_options *options,
                                                    conclave_sframe **sframe);

/**
 * Adds the group's current epoch: its base key MLS-Exporter("SFrame 1.0
 * Base Key", "", Nk), this member's leaf and the tree's members. Decryption
 * under it works at once, encryption after the delay. RFC 9605 section 5.2:
 * a held epoch with the same low E bits is removed, and so is the oldest
 * when `max_epochs` are held.
 * @param sframe The SFrame instance.
 * @param group The group, read during the call only.
 * @return #CONCLAVE_OK; #CONCLAVE_E_INVALID_HANDLE for a `sframe` or
 * `group` that is not a live handle of its kind;
 * #CONCLAVE_E_INVALID_ARGUMENT for an epoch not newer than every one held,
 * or a tree wider than S bits; #CONCLAVE_E_INTERNAL; #CONCLAVE_E_NO_MEMORY.
 */
CONCLAVE_API conclave_status conclave_sframe_add_epoch(conclave_sframe *sframe,
                                                       const conclave_group *group);

/**
 * Adds an epoch from its parts, as conclave_sframe_add_epoch() takes them
 * from a group (for an application that runs MLS elsewhere).
 * @param sframe The SFrame instance.
 * @param epoch The MLS epoch number.
 * @param base_key The epoch's SFrame base key, the suite's Nk bytes.
 * @param base_key_size Its size.
 * @param own_leaf This member's leaf index.
 * @param members By leaf index, the whole tree: non-zero where a member sits.
 * @param leaf_count The number of leaves (bytes of `members`).
 * @return #CONCLAVE_OK; #CONCLAVE_E_INVALID_HANDLE;
 * #CONCLAVE_E_INVALID_ARGUMENT for a NULL pointer with a non-zero size, an
 * epoch not newer than every one held, a base key of the wrong size, an
 * own leaf that is not a member, or a tree wider than S bits or 2^31
 * leaves; #CONCLAVE_E_INTERNAL; #CONCLAVE_E_NO_MEMORY.
 */
CONCLAVE_API conclave_status conclave_sframe_add_epoch_key(conclave_sframe *sframe, uint64_t epoch,
                                                           const uint8_t *base_key, size_t base_key_size,
                                                           uint32_t own_leaf, const uint8_t *members,
                                                           size_t leaf_count);

/**
 * Drops an epoch and its keys, if held. When it was the sending epoch, the
 * sender moves to the pending epoch, or else to the newest one left.
 * @param sframe The SFrame instance.
 * @param epoch The MLS epoch number.
 * @return #CONCLAVE_OK (also for an epoch not held); #CONCLAVE_E_INVALID_HANDLE.
 */
CONCLAVE_API conclave_status conclave_sframe_remove_epoch(conclave_sframe *sframe, uint64_t epoch);

/**
 * The largest frame conclave_sframe_protect() writes for a plaintext of
 * `plaintext_size` bytes: 17 header bytes, the plaintext and the tag.
 * @param sframe The SFrame instance.
 * @param plaintext_size The plaintext's size.
 * @param size Receives the size.
 * @return #CONCLAVE_OK; #CONCLAVE_E_INVALID_HANDLE;
 * #CONCLAVE_E_INVALID_ARGUMENT for a NULL `size` or a plaintext size so
 * large that the sum overflows.
 */
CONCLAVE_API conclave_status conclave_sframe_max_protected_size(const conclave_sframe *sframe,
                                                                size_t plaintext_size, size_t *size);

/**
 * Encrypts a frame under the current sending epoch and this context's next
 * counter (RFC 9605 section 4.4.3) into `out`. Allocates nothing.
 * @param sframe The SFrame instance.
 * @param metadata The application's metadata, authenticated but not sent.
 * @param metadata_size Its size.
 * @param plaintext The frame's bytes to encrypt.
 * @param plaintext_size Their size.
 * @param out Receives the SFrame; must not overlap `plaintext`.
 * @param capacity The size of `out`; conclave_sframe_max_protected_size()
 * always suffices.
 * @param written Receives the frame's size; with
 * #CONCLAVE_E_BUFFER_TOO_SMALL, conclave_sframe_max_protected_size().
 * @param context The sender context: each has its own key and counter.
 * @return #CONCLAVE_OK; #CONCLAVE_E_INVALID_HANDLE;
 * #CONCLAVE_E_INVALID_ARGUMENT for a NULL `written`, a NULL pointer with a
 * non-zero size, an `out` that overlaps `plaintext`, or a context of
 * `max_contexts` or more or too wide for the KID; #CONCLAVE_E_BUFFER_TOO_SMALL (the counter stays unused);
 * #CONCLAVE_E_WRONG_EPOCH when no epoch was added;
 * #CONCLAVE_E_MESSAGE_LIMIT once the key's counters are exhausted;
 * #CONCLAVE_E_INVALID_LENGTH for a plaintext or metadata of INT_MAX bytes
 * or more; #CONCLAVE_E_INTERNAL.
 */
CONCLAVE_API conclave_status conclave_sframe_protect(conclave_sframe *sframe, const uint8_t *metadata,
                                                     size_t metadata_size, const uint8_t *plaintext,
                                                     size_t plaintext_size, uint8_t *out, size_t capacity,
                                                     size_t *written, uint64_t context);

/** What conclave_sframe_unprotect() found in a frame. */
typedef struct conclave_sframe_frame_info {
  uint64_t epoch;   /**< the full MLS epoch of the key that opened the frame */
  uint32_t sender;  /**< the sender's leaf index */
  uint64_t context; /**< the sender's context, from the KID's high bits */
  uint64_t ctr;     /**< the frame's counter (CTR) */
} conclave_sframe_frame_info;

/**
 * Decrypts a frame under the key its KID names (RFC 9605 section 4.4.4)
 * into `out`. A sender's key is derived on its first frame and kept once
 * that frame authenticates; a counter is accepted once. Allocates nothing
 * but that first key.
 * @param sframe The SFrame instance.
 * @param metadata The application's metadata the sender authenticated.
 * @param metadata_size Its size.
 * @param frame The SFrame as received.
 * @param frame_size Its size.
 * @param out Receives the plaintext; must not overlap `frame`.
 * @param capacity The size of `out`; `frame_size` always suffices.
 * @param written Receives the plaintext's size; with
 * #CONCLAVE_E_BUFFER_TOO_SMALL, `frame_size`.
 * @param info Receives the frame's epoch, sender, context and counter; may
 * be NULL.
 * @return #CONCLAVE_OK; #CONCLAVE_E_INVALID_HANDLE;
 * #CONCLAVE_E_INVALID_ARGUMENT for a NULL `written`, a NULL pointer with a
 * non-zero size, or an `out` that overlaps `frame`; #CONCLAVE_E_TRUNCATED or
 * #CONCLAVE_E_NON_MINIMAL_HEADER for a header that does not decode;
 * #CONCLAVE_E_WRONG_EPOCH for an epoch not held; #CONCLAVE_E_INVALID_SENDER
 * for a leaf that is no member, or this member's own KID;
 * #CONCLAVE_E_UNKNOWN_KEY for a context of `max_contexts` or more;
 * #CONCLAVE_E_REPLAYED_COUNTER; #CONCLAVE_E_AEAD_FAILURE (what was written
 * to `out` is zeroed); #CONCLAVE_E_BUFFER_TOO_SMALL;
 * #CONCLAVE_E_INVALID_LENGTH for a frame or metadata of INT_MAX bytes or
 * more; #CONCLAVE_E_INTERNAL; #CONCLAVE_E_NO_MEMORY.
 */
CONCLAVE_API conclave_status conclave_sframe_unprotect(conclave_sframe *sframe, const uint8_t *metadata,
                                                       size_t metadata_size, const uint8_t *frame,
                                                       size_t frame_size, uint8_t *out, size_t capacity,
                                                       size_t *written, conclave_sframe_frame_info *info);

/**
 * Frees the instance and wipes its keys. Accepts NULL and a freed handle.
 * @param sframe The SFrame instance.
 */
CONCLAVE_API void conclave_sframe_free(conclave_sframe *sframe);

/** @name LiveKit codecs: what decides a frame's clear header */
/**@{*/
#define CONCLAVE_LIVEKIT_AUDIO 0 /**< Opus: 1 clear byte (the TOC byte) */
#define CONCLAVE_LIVEKIT_VP8 1   /**< VP8: 10 clear bytes for a key frame, 3 for a delta frame */
#define CONCLAVE_LIVEKIT_VP9 2   /**< VP9: no clear header */
#define CONCLAVE_LIVEKIT_H264 3  /**< H.264: clear up to the first slice's NAL header and one byte more; the rest RBSP-escaped */
#define CONCLAVE_LIVEKIT_H265 4  /**< H.265: as H.264, with H.265's NAL unit headers */
/**@}*/

/** What the LiveKit cryptor needs to know of a frame besides its bytes. */
typedef struct conclave_livekit_frame_info {
  uint32_t codec;         /**< a CONCLAVE_LIVEKIT_* codec */
  int key_frame;          /**< 1 for a video key frame (VP8's clear header size), else 0 */
  uint32_t ssrc;          /**< the track's RTP SSRC: part of the IV (protect only) */
  uint32_t rtp_timestamp; /**< the frame's RTP timestamp: part of the IV (protect only) */
} conclave_livekit_frame_info;

/**
 * A LiveKit frame cryptor with an empty key ring.
 * @param normalize_start_codes 1 to rewrite 3-byte start codes in an H.26x
 * clear header to 4 bytes (livekit-client 2.23), 0 to send it unchanged (2.17).
 * @param encrypt_delay_ms How long after a key is set before this
 * participant sends under it.
 * @param livekit Receives the handle.
 * @return #CONCLAVE_OK; #CONCLAVE_E_INVALID_ARGUMENT for a NULL `livekit` or
 * a flag other than 0 or 1; #CONCLAVE_E_NO_MEMORY.
 */
CONCLAVE_API conclave_status conclave_livekit_create(int normalize_start_codes, uint32_t encrypt_delay_ms,
                                                     conclave_livekit **livekit);

/**
 * Puts an epoch's key in slot epoch mod 256: usable for decryption at once,
 * for encryption after the delay (the first key at once). Derives the key
 * with 100,000 PBKDF2 iterations: call it once per epoch.
 * @param livekit The cryptor.
 * @param epoch The MLS epoch the material belongs to.
 * @param material The epoch's key material: MLS-Exporter("meet-key", "", 32).
 * @param material_size Its size, 32.
 * @return #CONCLAVE_OK; #CONCLAVE_E_INVALID_HANDLE;
 * #CONCLAVE_E_INVALID_ARGUMENT for a NULL `material` with a non-zero size,
 * or an epoch not newer than every one set before;
 * #CONCLAVE_E_INVALID_LENGTH for material that is not 32 bytes;
 * #CONCLAVE_E_INTERNAL; #CONCLAVE_E_NO_MEMORY.
 */
CONCLAVE_API conclave_status conclave_livekit_set_key(conclave_livekit *livekit, uint64_t epoch,
                                                      const uint8_t *material, size_t material_size);

/**
 * Sets the key of the group's current epoch, from its exporter (label
 * "meet-key"), as conclave_livekit_set_key() does.
 * @param livekit The cryptor.
 * @param group The group, read during the call only.
 * @return #CONCLAVE_OK; #CONCLAVE_E_INVALID_HANDLE for a `livekit` or
 * `group` that is not a live handle of its kind;
 * #CONCLAVE_E_INVALID_ARGUMENT for a group epoch not newer than every one
 * set before; #CONCLAVE_E_INTERNAL; #CONCLAVE_E_NO_MEMORY.
 */
CONCLAVE_API conclave_status conclave_livekit_set_key_from_group(conclave_livekit *livekit,
                                                                 const conclave_group *group);

/**
 * Fixes the send count the next frame of `ssrc` uses (each later frame uses
 * the count after it), in place of the random first count: for test vectors.
 * @param livekit The cryptor.
 * @param ssrc The track's RTP SSRC.
 * @param send_count The next frame's send count.
 * @return #CONCLAVE_OK; #CONCLAVE_E_INVALID_HANDLE; #CONCLAVE_E_NO_MEMORY.
 */
CONCLAVE_API conclave_status conclave_livekit_set_send_count(conclave_livekit *livekit, uint32_t ssrc,
                                                             uint32_t send_count);

/**
 * An output size that always suffices for conclave_livekit_protect() on a
 * frame of `frame_size` bytes: frame_size + frame_size / 2 + 48 (SIZE_MAX
 * when that overflows).
 * @param frame_size The unencrypted frame's size.
 * @return The size.
 */
CONCLAVE_API size_t conclave_livekit_max_protected_size(size_t frame_size);

/**
 * Encrypts a frame under the current sending key and the SSRC's next send
 * count into `out`. Allocates nothing but an SSRC's first counter.
 * @param livekit The cryptor.
 * @param info The frame's codec, key-frame flag, SSRC and RTP timestamp.
 * @param frame The encoded frame.
 * @param frame_size Its size.
 * @param out Receives the encrypted frame; must not overlap `frame`.
 * @param capacity The size of `out`; conclave_livekit_max_protected_size()
 * always suffices.
 * @param written Receives the encrypted frame's size; with
 * #CONCLAVE_E_BUFFER_TOO_SMALL, conclave_livekit_max_protected_size().
 * @return #CONCLAVE_OK; #CONCLAVE_E_INVALID_HANDLE;
 * #CONCLAVE_E_INVALID_ARGUMENT for a NULL `info` or `written`, a NULL
 * pointer with a non-zero size, an `out` that overlaps `frame`, an unknown
 * codec or key-frame flag, or an H.26x frame whose encrypted form a receiver would split at another
 * header; #CONCLAVE_E_UNKNOWN_KEY when no key was set;
 * #CONCLAVE_E_TRUNCATED for a frame shorter than its clear header;
 * #CONCLAVE_E_BUFFER_TOO_SMALL (the send count stays unused);
 * #CONCLAVE_E_INTERNAL; #CONCLAVE_E_NO_MEMORY.
 */
CONCLAVE_API conclave_status conclave_livekit_protect(conclave_livekit *livekit,
                                                      const conclave_livekit_frame_info *info,
                                                      const uint8_t *frame, size_t frame_size, uint8_t *out,
                                                      size_t capacity, size_t *written);

/**
 * Decrypts a frame under the key in the slot its last byte names into
 * `out`. The format has no replay protection. Allocates nothing.
 * @param livekit The cryptor.
 * @param info The frame's codec and key-frame flag (its SSRC and RTP
 * timestamp are not used: the IV travels in the frame).
 * @param frame The encrypted frame as received.
 * @param frame_size Its size.
 * @param out Receives the clear header and the plaintext; must not overlap
 * `frame`.
 * @param capacity The size of `out`: at least `frame_size`.
 * @param written Receives the decrypted frame's size; with
 * #CONCLAVE_E_BUFFER_TOO_SMALL, `frame_size`.
 * @param epoch Receives the epoch of the key that opened the frame; may be NULL.
 * @return #CONCLAVE_OK; #CONCLAVE_E_INVALID_HANDLE;
 * #CONCLAVE_E_INVALID_ARGUMENT for a NULL `info` or `written`, a NULL
 * pointer with a non-zero size, an `out` that overlaps `frame`, or an
 * unknown codec or key-frame flag;
 * #CONCLAVE_E_TRUNCATED for a frame too short for its clear header, tag
 * and trailer; #CONCLAVE_E_INVALID_LENGTH for an IV length byte other than
 * 12; #CONCLAVE_E_UNKNOWN_KEY for an empty key slot;
 * #CONCLAVE_E_AEAD_FAILURE; #CONCLAVE_E_BUFFER_TOO_SMALL;
 * #CONCLAVE_E_INTERNAL.
 */
CONCLAVE_API conclave_status conclave_livekit_unprotect(conclave_livekit *livekit,
                                                        const conclave_livekit_frame_info *info,
                                                        const uint8_t *frame, size_t frame_size, uint8_t *out,
                                                        size_t capacity, size_t *written, uint64_t *epoch);

/**
 * Frees the cryptor and wipes its keys. Accepts NULL and a freed handle.
 * @param livekit The cryptor.
 */
CONCLAVE_API void conclave_livekit_free(conclave_livekit *livekit);


/*
 * ====================================================================
 * SRP-6a (RFC 5054, Proton's auth v4): src/capi/srp.cpp.
 * ====================================================================
 */

/**
 * An SRP-6a variant: the group (N, g), the hash and the formulas. Immutable:
 * unlike other handles, one variant may be used by several threads at once.
 * Clients, servers and meeting servers made with it keep it alive, so it
 * may be freed before them.
 */
typedef struct conclave_srp_variant conclave_srp_variant;
/** The client side of one SRP-6a login: start(), respond(), verify(). */
typedef struct conclave_srp_client conclave_srp_client;
/** The server side of one SRP-6a login: challenge(), receive(), verify(). */
typedef struct conclave_srp_server conclave_srp_server;

/**
 * RFC 5054's SRP-6a over one of its appendix A groups, with SHA-256 as H
 * and the RFC 2945 proofs (the C++ `srp::Rfc5054` with `HashId::sha256`).
 * Integers travel big-endian as len(N) bytes.
 * @param bits The group's size: 2048, 3072, 4096, 6144 or 8192 (1024 and
 * 1536 are below the 2048-bit minimum).
 * @param variant Receives the handle.
 * @return #CONCLAVE_OK; #CONCLAVE_E_INVALID_ARGUMENT for a NULL `variant` or
 * a size that is no appendix A group; #CONCLAVE_E_GROUP_TOO_SMALL for 1024
 * and 1536; #CONCLAVE_E_NO_MEMORY.
 */
CONCLAVE_API conclave_status conclave_srp_variant_rfc5054(uint32_t bits, conclave_srp_variant **variant);

/**
 * Proton's SRP, auth version 4, over the modulus its server hands out
 * (integers 256 bytes little-endian, a bcrypt password hash). Checking the
 * modulus's PGP signature is the caller's job; this checks the modulus
 * itself (2048 bits, N = 3 mod 8, a safe prime with 2 as a primitive root).
 * @param modulus N, 256 bytes little-endian.
 * @param modulus_size Its size.
 * @param variant Receives the handle.
 * @return #CONCLAVE_OK; #CONCLAVE_E_INVALID_ARGUMENT for a NULL `variant` or
 * a NULL `modulus` with a non-zero size; #CONCLAVE_E_INVALID_GROUP when the
 * modulus fails a check, its length included; #CONCLAVE_E_NO_MEMORY.
 */
CONCLAVE_API conclave_status conclave_srp_variant_proton(const uint8_t *modulus, size_t modulus_size,
                                                         conclave_srp_variant **variant);

/**
 * Releases the handle; clients and servers made with the variant keep it
 * alive. Accepts NULL and a freed handle.
 * @param variant The variant.
 */
CONCLAVE_API void conclave_srp_variant_free(conclave_srp_variant *variant);

/**
 * Registration, on the client: a fresh random salt and the verifier v =
 * g^x mod N (RFC 5054 section 2.4) for the server to store. The password
 * never leaves the client.
 * @param variant The variant.
 * @param identity The identity I.
 * @param identity_size Its size.
 * @param password The password P.
 * @param password_size Its size.
 * @param salt Receives the salt s (16 bytes for RFC 5054, 10 for Proton).
 * @param verifier Receives v, len(N) bytes in the variant's byte order.
 * @return #CONCLAVE_OK; #CONCLAVE_E_INVALID_HANDLE;
 * #CONCLAVE_E_INVALID_ARGUMENT for a NULL pointer with a non-zero size, an
 * output buffer that is NULL or not empty, or (Proton) a NUL byte among
 * the first 72 password bytes; #CONCLAVE_E_INTERNAL if the password hash
 * fails; #CONCLAVE_E_NO_MEMORY.
 */
CONCLAVE_API conclave_status conclave_srp_register(const conclave_srp_variant *variant,
                                                   const uint8_t *identity, size_t identity_size,
                                                   const uint8_t *password, size_t password_size,
                                                   conclave_buffer *salt, conclave_buffer *verifier);

/**
 * A client that will log in as `identity` with `password` (kept, wiped,
 * until conclave_srp_client_respond() has derived x from it).
 *
 * The exchange is a state machine: a call out of order gives
 * #CONCLAVE_E_OUT_OF_ORDER and changes nothing. A step that fails on the
 * peer's values (not on an argument check) moves the client to a failed
 * state from which every later step gives #CONCLAVE_E_OUT_OF_ORDER: a
 * departure from the general rule, since SRP must not let a login be
 * retried.
 * @param variant The variant; the client keeps it alive.
 * @param identity The identity I.
 * @param identity_size Its size.
 * @param password The password P.
 * @param password_size Its size.
 * @param client Receives the handle.
 * @return #CONCLAVE_OK; #CONCLAVE_E_INVALID_HANDLE;
 * #CONCLAVE_E_INVALID_ARGUMENT for a NULL `client` or a NULL pointer with a
 * non-zero size; #CONCLAVE_E_NO_MEMORY.
 */
CONCLAVE_API conclave_status conclave_srp_client_create(const conclave_srp_variant *variant,
                                                        const uint8_t *identity, size_t identity_size,
                                                        const uint8_t *password, size_t password_size,
                                                        conclave_srp_client **client);

/**
 * The first step: A = g^a mod N (RFC 5054 section 2.5.4), a fresh.
 * @param client The client.
 * @param client_key Receives A, len(N) bytes in the variant's byte order.
 * @return #CONCLAVE_OK; #CONCLAVE_E_INVALID_HANDLE;
 * #CONCLAVE_E_INVALID_ARGUMENT for a `client_key` that is NULL or not empty;
 * #CONCLAVE_E_OUT_OF_ORDER after the first step; #CONCLAVE_E_NO_MEMORY.
 */
CONCLAVE_API conclave_status conclave_srp_client_start(conclave_srp_client *client,
                                                       conclave_buffer *client_key);

/**
 * The second step: the server's salt and B in, the client's proof M1 out
 * (RFC 5054 section 2.6). The password and a are wiped whatever the outcome.
 * @param client The client.
 * @param salt The salt s, as the server sent it.
 * @param salt_size Its size.
 * @param server_key B, len(N) bytes in the variant's byte order.
 * @param server_key_size Its size.
 * @param client_proof Receives M1.
 * @return #CONCLAVE_OK; #CONCLAVE_E_INVALID_HANDLE;
 * #CONCLAVE_E_INVALID_ARGUMENT for a NULL pointer with a non-zero size, a
 * `client_proof` that is NULL or not empty, or (Proton) a NUL byte among
 * the first 72 password bytes; #CONCLAVE_E_OUT_OF_ORDER unless right after
 * conclave_srp_client_start(); #CONCLAVE_E_INVALID_PUBLIC_KEY for a B that
 * is not len(N) bytes or not 1 < B < N-1; #CONCLAVE_E_ZERO_SCRAMBLER;
 * #CONCLAVE_E_INVALID_LENGTH for a salt of the wrong length (Proton);
 * #CONCLAVE_E_INTERNAL; #CONCLAVE_E_NO_MEMORY. Each error after the
 * argument checks but #CONCLAVE_E_OUT_OF_ORDER fails the client.
 */
CONCLAVE_API conclave_status conclave_srp_client_respond(conclave_srp_client *client, const uint8_t *salt,
                                                         size_t salt_size, const uint8_t *server_key,
                                                         size_t server_key_size,
                                                         conclave_buffer *client_proof);

/**
 * The last step: checks the server's proof M2 in constant time (RFC 2945
 * section 3: K may be used only once the server has proved it too).
 * @param client The client.
 * @param server_proof M2.
 * @param server_proof_size Its size.
 * @return #CONCLAVE_OK; #CONCLAVE_E_INVALID_HANDLE;
 * #CONCLAVE_E_INVALID_ARGUMENT for a NULL `server_proof` with a non-zero
 * size; #CONCLAVE_E_OUT_OF_ORDER unless right after
 * conclave_srp_client_respond(); #CONCLAVE_E_PROOF_INVALID (K is wiped and
 * the client fails).
 */
CONCLAVE_API conclave_status conclave_srp_client_verify(conclave_srp_client *client,
                                                        const uint8_t *server_proof,
                                                        size_t server_proof_size);

/**
 * The session key K, once conclave_srp_client_verify() succeeded.
 * @param client The client.
 * @param key Receives K.
 * @return #CONCLAVE_OK; #CONCLAVE_E_INVALID_HANDLE;
 * #CONCLAVE_E_INVALID_ARGUMENT for a `key` that is NULL or not empty;
 * #CONCLAVE_E_OUT_OF_ORDER before the login is authenticated;
 * #CONCLAVE_E_NO_MEMORY.
 */
CONCLAVE_API conclave_status conclave_srp_client_session_key(const conclave_srp_client *client,
                                                             conclave_buffer *key);

/**
 * Frees the client and wipes its secrets. Accepts NULL and a freed handle.
 * @param client The client.
 */
CONCLAVE_API void conclave_srp_client_free(conclave_srp_client *client);

/**
 * A server for one login against a stored registration. Its state machine
 * is the client's (see conclave_srp_client_create()): out of order gives
 * #CONCLAVE_E_OUT_OF_ORDER and changes nothing; a failure on the client's
 * values fails the server for good.
 * @param variant The variant; the server keeps it alive.
 * @param identity The identity I.
 * @param identity_size Its size.
 * @param salt The stored salt s (non-empty).
 * @param salt_size Its size.
 * @param verifier The stored verifier v, len(N) bytes.
 * @param verifier_size Its size.
 * @param server Receives the handle.
 * @return #CONCLAVE_OK; #CONCLAVE_E_INVALID_HANDLE;
 * #CONCLAVE_E_INVALID_ARGUMENT for a NULL `server`, a NULL pointer with a
 * non-zero size, an empty salt, or a verifier that is not len(N) bytes or
 * not 1 < v < N-1; #CONCLAVE_E_NO_MEMORY.
 */
CONCLAVE_API conclave_status conclave_srp_server_create(const conclave_srp_variant *variant,
                                                        const uint8_t *identity, size_t identity_size,
                                                        const uint8_t *salt, size_t salt_size,
                                                        const uint8_t *verifier, size_t verifier_size,
                                                        conclave_srp_server **server);

/**
 * The first step: B = k*v + g^b mod N (RFC 5054 section 2.5.3), b fresh.
 * Send it with the salt.
 * @param server The server.
 * @param server_key Receives B, len(N) bytes in the variant's byte order.
 * @return #CONCLAVE_OK; #CONCLAVE_E_INVALID_HANDLE;
 * #CONCLAVE_E_INVALID_ARGUMENT for a `server_key` that is NULL or not
 * empty; #CONCLAVE_E_OUT_OF_ORDER after the first step;
 * #CONCLAVE_E_NO_MEMORY.
 */
CONCLAVE_API conclave_status conclave_srp_server_challenge(conclave_srp_server *server,
                                                           conclave_buffer *server_key);

/**
 * The second step: the client's A; derives the premaster secret, K and both
 * proofs (RFC 5054 section 2.6) and wipes b whatever the outcome.
 * @param server The server.
 * @param client_key A, len(N) bytes in the variant's byte order.
 * @param client_key_size Its size.
 * @return #CONCLAVE_OK; #CONCLAVE_E_INVALID_HANDLE;
 * #CONCLAVE_E_INVALID_ARGUMENT for a NULL `client_key` with a non-zero
 * size; #CONCLAVE_E_OUT_OF_ORDER unless right after
 * conclave_srp_server_challenge(); #CONCLAVE_E_INVALID_PUBLIC_KEY unless A
 * is len(N) bytes and 1 < A < N-1 (RFC 5054 section 2.5.4; the server
 * fails); #CONCLAVE_E_NO_MEMORY.
 */
CONCLAVE_API conclave_status conclave_srp_server_receive(conclave_srp_server *server,
                                                         const uint8_t *client_key, size_t client_key_size);

/**
 * The last step: checks the client's proof M1 in constant time and gives
 * the server's proof M2.
 * @param server The server.
 * @param client_proof M1.
 * @param client_proof_size Its size.
 * @param server_proof Receives M2.
 * @return #CONCLAVE_OK; #CONCLAVE_E_INVALID_HANDLE;
 * #CONCLAVE_E_INVALID_ARGUMENT for a NULL `client_proof` with a non-zero
 * size or a `server_proof` that is NULL or not empty;
 * #CONCLAVE_E_OUT_OF_ORDER unless right after
 * conclave_srp_server_receive(); #CONCLAVE_E_PROOF_INVALID (RFC 2945
 * section 3: M2 is never released; K is wiped and the server fails);
 * #CONCLAVE_E_NO_MEMORY.
 */
CONCLAVE_API conclave_status conclave_srp_server_verify(conclave_srp_server *server,
                                                        const uint8_t *client_proof, size_t client_proof_size,
                                                        conclave_buffer *server_proof);

/**
 * The session key K, once conclave_srp_server_verify() succeeded.
 * @param server The server.
 * @param key Receives K.
 * @return #CONCLAVE_OK; #CONCLAVE_E_INVALID_HANDLE;
 * #CONCLAVE_E_INVALID_ARGUMENT for a `key` that is NULL or not empty;
 * #CONCLAVE_E_OUT_OF_ORDER before the login is authenticated;
 * #CONCLAVE_E_NO_MEMORY.
 */
CONCLAVE_API conclave_status conclave_srp_server_session_key(const conclave_srp_server *server,
                                                             conclave_buffer *key);

/**
 * Frees the server and wipes its secrets. Accepts NULL and a freed handle.
 * @param server The server.
 */
CONCLAVE_API void conclave_srp_server_free(conclave_srp_server *server);


/*
 * ====================================================================
 * The meeting layer (spec-notes/meeting-profile.md): src/capi/meeting_*.cpp.
 * ====================================================================
 */

/**
 * The reference meeting server, in memory: the delivery service and the
 * password gate (SRP verifiers, wrapped session keys, the latest GroupInfo,
 * the log). Each call on it takes its own lock: unlike other handles, one
 * server may be used by several threads at once.
 */
typedef struct conclave_meeting_server conclave_meeting_server;
/** A meeting link, `<base>/join/id-<meeting ID>#pwd-<link password>`; it holds the password. */
typedef struct conclave_meeting_link conclave_meeting_link;
/** A guest that proved the meeting password to the server and has not joined yet. */
typedef struct conclave_guest conclave_guest;
/** A member of a meeting's group: its host, or a guest that joined. */
typedef struct conclave_participant conclave_participant;

/**
 * A new meeting server.
 * @param variant The SRP variant of every meeting's verifier (the server keeps
 *   it alive), or NULL for the meeting profile's default: RFC 5054's
 *   2048-bit group with SHA-256.
 * @param server Receives the server.
 * @return #CONCLAVE_OK; #CONCLAVE_E_INVALID_ARGUMENT for a NULL `server`;
 *   #CONCLAVE_E_INVALID_HANDLE for a `variant` that is not NULL and not a
 *   live SRP variant; #CONCLAVE_E_INTERNAL if the default group cannot be
 *   made; #CONCLAVE_E_NO_MEMORY.
 */
CONCLAVE_API conclave_status conclave_meeting_server_create(const conclave_srp_variant *variant,
                                                            conclave_meeting_server **server);
/**
 * Frees a server and every meeting it holds (a variant it shares stays with
 * its other holders). Accepts NULL and a freed handle.
 * @param server The server.
 */
CONCLAVE_API void conclave_meeting_server_free(conclave_meeting_server *server);

/**
 * A new link: a fresh meeting ID and link password under `base`.
 * @param base "https://host[:port][/path]", without a trailing '/'.
 * @param link Receives the link.
 * @return #CONCLAVE_OK; #CONCLAVE_E_INVALID_ARGUMENT for a NULL argument;
 *   #CONCLAVE_E_INVALID_LINK for a base that is not https:// and at least one
 *   character, ends in '/', or holds '?', '#' or a space;
 *   #CONCLAVE_E_NO_MEMORY.
 */
CONCLAVE_API conclave_status conclave_meeting_link_generate(const char *base, conclave_meeting_link **link);
/**
 * Splits a link URL into its parts (strict: exactly the form of a link).
 * @param url The link's URL.
 * @param link Receives the link.
 * @return #CONCLAVE_OK; #CONCLAVE_E_INVALID_ARGUMENT for a NULL argument;
 *   #CONCLAVE_E_INVALID_LINK for anything but a link; #CONCLAVE_E_NO_MEMORY.
 */
CONCLAVE_API conclave_status conclave_meeting_link_parse(const char *url, conclave_meeting_link **link);
/**
 * The link's URL, which holds the password.
 * @param link The link.
 * @param url Receives the URL, NUL-terminated (the NUL not counted in its size).
 * @return #CONCLAVE_OK; #CONCLAVE_E_INVALID_HANDLE; #CONCLAVE_E_INVALID_ARGUMENT
 *   for a NULL or non-empty `url`; #CONCLAVE_E_NO_MEMORY.
 */
CONCLAVE_API conclave_status conclave_meeting_link_url(const conclave_meeting_link *link, conclave_buffer *url);
/**
 * The link's meeting ID: 10 characters of [A-Z0-9], the server's name for the meeting.
 * @param link The link.
 * @param id Receives the ID, NUL-terminated (the NUL not counted in its size).
 * @return #CONCLAVE_OK; #CONCLAVE_E_INVALID_HANDLE; #CONCLAVE_E_INVALID_ARGUMENT
 *   for a NULL or non-empty `id`; #CONCLAVE_E_NO_MEMORY.
 */
CONCLAVE_API conclave_status conclave_meeting_link_id(const conclave_meeting_link *link, conclave_buffer *id);
/**
 * The meeting password the SRP login and the password PSK use: the link
 * password, then "_" and the custom password when the host set one.
 * @param link The link.
 * @param custom_password The host's custom password, or NULL for none.
 * @param password Receives the password, NUL-terminated (the NUL not counted
 *   in its size); conclave_buffer_free() wipes it.
 * @return #CONCLAVE_OK; #CONCLAVE_E_INVALID_HANDLE; #CONCLAVE_E_INVALID_ARGUMENT
 *   for a NULL or non-empty `password`, or an empty custom password;
 *   #CONCLAVE_E_NO_MEMORY.
 */
CONCLAVE_API conclave_status conclave_meeting_link_password(const conclave_meeting_link *link,
                                                            const char *custom_password, conclave_buffer *password);
/**
 * Frees a link and wipes its password. Accepts NULL and a freed handle.
 * @param link The link.
 */
CONCLAVE_API void conclave_meeting_link_free(conclave_meeting_link *link);

/** What every participant of one meeting uses; its SRP variant is the server's. */
typedef struct conclave_meeting_profile {
  uint16_t suite; /**< the group's MLS cipher suite (RFC 9420 section 17.1); default 1 */
  int sframe;     /**< 1: SFrame keys from each epoch (RFC 9605 section 5.2), the frame functions; default 1 */
  int livekit;    /**< 1: LiveKit keys from each epoch too (PBKDF2, 100,000 iterations each); default 0 */
} conclave_meeting_profile;

/**
 * Fills `profile` with the defaults (suite 1, SFrame on, LiveKit off).
 * Ignores NULL.
 * @param profile The profile to fill.
 */
CONCLAVE_API void conclave_meeting_profile_default(conclave_meeting_profile *profile);

/**
 * Hosts a new meeting at `server`: the group (whose first Commit carries the
 * password PSK), the SRP verifier, the wrapped session key and the sealed
 * title, registered under the link's meeting ID. The caller is its host.
 * @param server The server.
 * @param link The meeting's link, from conclave_meeting_link_generate().
 * @param password The meeting password (conclave_meeting_link_password()).
 * @param password_size Its size in bytes.
 * @param display_name The host's name, as the other members see it.
 * @param title The meeting title, which logged-in guests read.
 * @param profile The meeting's profile, or NULL for the defaults.
 * @param host Receives the host's participant.
 * @return #CONCLAVE_OK; #CONCLAVE_E_INVALID_HANDLE; #CONCLAVE_E_INVALID_ARGUMENT
 *   for a NULL argument, an empty password, an `sframe` or `livekit` other
 *   than 0 or 1, or a meeting ID the server already holds;
 *   #CONCLAVE_E_UNSUPPORTED_ALGORITHM for a suite Conclave lacks;
 *   #CONCLAVE_E_INTERNAL if Argon2id's memory cannot be had;
 *   #CONCLAVE_E_NO_MEMORY.
 */
CONCLAVE_API conclave_status conclave_meeting_host(conclave_meeting_server *server, const conclave_meeting_link *link,
                                                   const uint8_t *password, size_t password_size,
                                                   const char *display_name, const char *title,
                                                   const conclave_meeting_profile *profile,
                                                   conclave_participant **host);

/**
 * Logs a guest in: SRP-6a with the meeting password (the server proves it
 * holds the verifier too), then the password PSK and the session key; opens
 * the title and makes the guest's KeyPackage.
 * @param server The meeting's server.
 * @param link The meeting's link (conclave_meeting_link_parse() of what the guest was sent).
 * @param password The meeting password.
 * @param password_size Its size in bytes.
 * @param display_name The name the other members see.
 * @param profile The meeting's profile, or NULL for the defaults.
 * @param guest Receives the guest.
 * @return #CONCLAVE_OK; #CONCLAVE_E_INVALID_HANDLE; #CONCLAVE_E_INVALID_ARGUMENT
 *   for a NULL argument, an empty password or a bad profile flag;
 *   #CONCLAVE_E_UNKNOWN_MEETING for a meeting the server does not hold;
 *   #CONCLAVE_E_NOT_PERMITTED while the meeting is locked;
 *   #CONCLAVE_E_PROOF_INVALID for a wrong password;
 *   #CONCLAVE_E_AEAD_FAILURE for a session key or title the password does not open;
 *   #CONCLAVE_E_UNSUPPORTED_ALGORITHM for a suite Conclave lacks;
 *   #CONCLAVE_E_INTERNAL; the other SRP errors; #CONCLAVE_E_NO_MEMORY.
 */
CONCLAVE_API conclave_status conclave_guest_log_in(conclave_meeting_server *server, const conclave_meeting_link *link,
                                                   const uint8_t *password, size_t password_size,
                                                   const char *display_name, const conclave_meeting_profile *profile,
                                                   conclave_guest **guest);
/**
 * The meeting title the guest opened at its login.
 * @param guest The guest.
 * @param title Receives the title, NUL-terminated (the NUL not counted in its size).
 * @return #CONCLAVE_OK; #CONCLAVE_E_INVALID_HANDLE; #CONCLAVE_E_INVALID_ARGUMENT
 *   for a NULL or non-empty `title`; #CONCLAVE_E_OUT_OF_ORDER once the guest
 *   has joined; #CONCLAVE_E_NO_MEMORY.
 */
CONCLAVE_API conclave_status conclave_guest_title(const conclave_guest *guest, conclave_buffer *title);
/**
 * Queues the guest's JoinRequest (its KeyPackage, tagged with the password
 * PSK) for the host to admit.
 * @param guest The guest.
 * @param server The meeting's server.
 * @param partial 1: join as a partial member (draft-ietf-mls-partial), 0: as a full one.
 * @return #CONCLAVE_OK; #CONCLAVE_E_INVALID_HANDLE; #CONCLAVE_E_INVALID_ARGUMENT
 *   for a `partial` other than 0 or 1; #CONCLAVE_E_UNKNOWN_MEETING if the
 *   server no longer knows the guest's session; #CONCLAVE_E_SESSION_EXPIRED
 *   after a link rotation; #CONCLAVE_E_NOT_PERMITTED while the meeting is
 *   locked or its queue is full; #CONCLAVE_E_OUT_OF_ORDER once the guest has
 *   joined; #CONCLAVE_E_NO_MEMORY.
 */
CONCLAVE_API conclave_status conclave_guest_request_welcome(conclave_guest *guest, conclave_meeting_server *server,
                                                            int partial);
/**
 * Joins from the Welcome the host left for the guest, binds its session to
 * its leaf and reads the log on from that Commit. The guest's state moves
 * into the participant: afterwards the guest handle only accepts
 * conclave_guest_free() (other calls give #CONCLAVE_E_OUT_OF_ORDER). On an
 * error the guest stays as it was.
 * @param guest The guest.
 * @param server The meeting's server.
 * @param participant Receives the new member.
 * @return #CONCLAVE_OK; #CONCLAVE_E_INVALID_HANDLE; #CONCLAVE_E_INVALID_ARGUMENT
 *   for a NULL `participant`; #CONCLAVE_E_UNKNOWN_MEETING while no Welcome is
 *   there; #CONCLAVE_E_PSK_MISSING for a Welcome without the password PSK;
 *   #CONCLAVE_E_OUT_OF_ORDER once the guest has joined; the errors of
 *   joining an MLS group by Welcome; #CONCLAVE_E_NO_MEMORY.
 */
CONCLAVE_API conclave_status conclave_guest_join(conclave_guest *guest, conclave_meeting_server *server,
                                                 conclave_participant **participant);
/**
 * Joins by an external Commit (RFC 9420 section 12.4.3.2) from the server's
 * GroupInfo, with the password PSK, retrying when another Commit came first.
 * As conclave_guest_join(), the guest's state moves into the participant.
 * @param guest The guest.
 * @param server The meeting's server.
 * @param participant Receives the new member.
 * @return #CONCLAVE_OK; #CONCLAVE_E_INVALID_HANDLE; #CONCLAVE_E_INVALID_ARGUMENT
 *   for a NULL `participant`; #CONCLAVE_E_UNKNOWN_MEETING;
 *   #CONCLAVE_E_NOT_PERMITTED while the meeting is locked;
 *   #CONCLAVE_E_PSK_MISSING; #CONCLAVE_E_WRONG_EPOCH when every attempt lost
 *   to another Commit; #CONCLAVE_E_OUT_OF_ORDER once the guest has joined;
 *   the errors of an external join; #CONCLAVE_E_NO_MEMORY.
 */
CONCLAVE_API conclave_status conclave_guest_join_external(conclave_guest *guest, conclave_meeting_server *server,
                                                          conclave_participant **participant);
/**
 * Frees a guest and wipes its keys. Accepts NULL and a freed handle.
 * @param guest The guest.
 */
CONCLAVE_API void conclave_guest_free(conclave_guest *guest);

/** What one conclave_participant_sync() did. */
typedef struct conclave_sync_report {
  size_t commits;   /**< Commits processed, one that removed this participant included */
  size_t chats;     /**< chat messages read: conclave_participant_chat() 0 to chats - 1 */
  size_t refused;   /**< messages the group refused and skipped (each left it unchanged) */
  int removed;      /**< 1: a Commit removed this participant */
  int link_rotated; /**< 1: the host announced a new link */
  int stranded;     /**< 1: the server took a Commit this participant refused; conclave_participant_resync() */
} conclave_sync_report;

/**
 * Processes every message posted since the last sync, in order; keeps the
 * chat messages read for conclave_participant_chat() (until the next sync).
 * @param participant The member.
 * @param server The meeting's server.
 * @param report Receives what the sync did.
 * @return #CONCLAVE_OK; #CONCLAVE_E_INVALID_HANDLE; #CONCLAVE_E_INVALID_ARGUMENT
 *   for a NULL `report`; #CONCLAVE_E_NOT_IN_GROUP once removed;
 *   #CONCLAVE_E_STORAGE_FAILURE for a persisted participant whose write
 *   failed; #CONCLAVE_E_UNKNOWN_MEETING if the server no longer knows its
 *   session; the errors of logging in again after a link rotation;
 *   #CONCLAVE_E_NO_MEMORY.
 */
CONCLAVE_API conclave_status conclave_participant_sync(conclave_participant *participant,
                                                       conclave_meeting_server *server, conclave_sync_report *report);
/**
 * One chat message the last conclave_participant_sync() read.
 * @param participant The member.
 * @param index Which: 0 to the report's `chats` - 1, in log order.
 * @param sender Receives the sender's leaf index.
 * @param text Receives the text (UTF-8 as sent, unchecked), NUL-terminated
 *   (the NUL not counted in its size).
 * @return #CONCLAVE_OK; #CONCLAVE_E_INVALID_HANDLE; #CONCLAVE_E_INVALID_ARGUMENT
 *   for a NULL argument, a non-empty `text` or an `index` past the last
 *   chat; #CONCLAVE_E_NO_MEMORY.
 */
CONCLAVE_API conclave_status conclave_participant_chat(const conclave_participant *participant, size_t index,
                                                       uint32_t *sender, conclave_buffer *text);
/**
 * Sends `text` to the group as a chat message (an MLS PrivateMessage with
 * its sender's membership proof).
 * @param participant The member.
 * @param server The meeting's server.
 * @param text The message (UTF-8).
 * @return #CONCLAVE_OK; #CONCLAVE_E_INVALID_HANDLE; #CONCLAVE_E_INVALID_ARGUMENT
 *   for a NULL `text`; #CONCLAVE_E_NOT_IN_GROUP once removed;
 *   #CONCLAVE_E_STORAGE_FAILURE; #CONCLAVE_E_WRONG_EPOCH while the server
 *   has a Commit this participant has not synced; #CONCLAVE_E_NO_MEMORY.
 */
CONCLAVE_API conclave_status conclave_participant_send_chat(conclave_participant *participant,
                                                            conclave_meeting_server *server, const char *text);
/**
 * Host control: adds every queued JoinRequest whose tag proves the password,
 * in one Commit with the PSK (none when there is nothing to add).
 * @param participant The host or a co-host.
 * @param server The meeting's server.
 * @param admitted Receives how many guests the Commit added.
 * @return #CONCLAVE_OK; #CONCLAVE_E_INVALID_HANDLE; #CONCLAVE_E_INVALID_ARGUMENT
 *   for a NULL `admitted`; #CONCLAVE_E_NOT_PERMITTED for anyone but the host
 *   or a co-host; #CONCLAVE_E_NOT_IN_GROUP once removed;
 *   #CONCLAVE_E_STORAGE_FAILURE; #CONCLAVE_E_WRONG_EPOCH when another Commit
 *   came first (sync and try again); the errors of a Commit;
 *   #CONCLAVE_E_NO_MEMORY.
 */
CONCLAVE_API conclave_status conclave_participant_admit(conclave_participant *participant,
                                                        conclave_meeting_server *server, size_t *admitted);
/**
 * Host control: removes the member at `leaf` by a Commit; the server revokes
 * its session.
 * @param participant The host or a co-host.
 * @param server The meeting's server.
 * @param leaf The member's leaf index.
 * @return #CONCLAVE_OK; #CONCLAVE_E_INVALID_HANDLE; #CONCLAVE_E_NOT_PERMITTED
 *   for anyone but the host or a co-host, or a removal the roles do not allow
 *   (the host's own leaf); #CONCLAVE_E_INVALID_PROPOSAL for a blank leaf;
 *   #CONCLAVE_E_NOT_IN_GROUP once removed; #CONCLAVE_E_STORAGE_FAILURE;
 *   #CONCLAVE_E_WRONG_EPOCH when another Commit came first; the errors of a
 *   Commit; #CONCLAVE_E_NO_MEMORY.
 */
CONCLAVE_API conclave_status conclave_participant_remove(conclave_participant *participant,
                                                         conclave_meeting_server *server, uint32_t leaf);
/**
 * Host control: locks or unlocks the meeting (a Commit of the roles, then the
 * server's lock). While locked, the members refuse Adds and external
 * Commits, and the server refuses logins' metadata, GroupInfo and JoinRequests.
 * @param participant The host or a co-host.
 * @param server The meeting's server.
 * @param locked 1 to lock, 0 to unlock.
 * @return #CONCLAVE_OK; #CONCLAVE_E_INVALID_HANDLE; #CONCLAVE_E_INVALID_ARGUMENT
 *   for a `locked` other than 0 or 1; #CONCLAVE_E_NOT_PERMITTED for anyone
 *   but the host or a co-host; #CONCLAVE_E_OUT_OF_ORDER while a role
 *   holder's departure is pending (conclave_participant_commit_pending()
 *   first); #CONCLAVE_E_NOT_IN_GROUP; #CONCLAVE_E_STORAGE_FAILURE;
 *   #CONCLAVE_E_WRONG_EPOCH; the errors of a Commit; #CONCLAVE_E_NO_MEMORY.
 */
CONCLAVE_API conclave_status conclave_participant_set_locked(conclave_participant *participant,
                                                             conclave_meeting_server *server, int locked);
/**
 * Host control: a new link (meeting ID and link password under the same
 * base) and a fresh session key; the members move to it at their next sync,
 * and the old password opens nothing after. A custom password does not carry over.
 * @param participant The host.
 * @param server The meeting's server.
 * @param link Receives the new link, to hand out.
 * @return #CONCLAVE_OK; #CONCLAVE_E_INVALID_HANDLE; #CONCLAVE_E_INVALID_ARGUMENT
 *   for a NULL `link`; #CONCLAVE_E_NOT_PERMITTED for anyone but the host;
 *   #CONCLAVE_E_NOT_IN_GROUP; #CONCLAVE_E_STORAGE_FAILURE;
 *   #CONCLAVE_E_WRONG_EPOCH; #CONCLAVE_E_INTERNAL if Argon2id's memory
 *   cannot be had; the errors of a Commit; #CONCLAVE_E_NO_MEMORY.
 */
CONCLAVE_API conclave_status conclave_participant_rotate_link(conclave_participant *participant,
                                                              conclave_meeting_server *server,
                                                              conclave_meeting_link **link);
/**
 * Host control: sets the roles and the lock by a Commit (an AppDataUpdate
 * of the meeting's roles, with the PSK): hands the host role over, names or
 * drops co-hosts. Every member checks it against the roles of the epoch.
 * @param participant The host.
 * @param server The meeting's server.
 * @param host The new host's leaf index (this participant's to keep the role).
 * @param co_hosts The co-hosts' leaf indices, strictly ascending, none the
 *   host's; may be NULL when `co_host_count` is 0.
 * @param co_host_count How many.
 * @param locked 1: the meeting locked, 0: open.
 * @return #CONCLAVE_OK; #CONCLAVE_E_INVALID_HANDLE; #CONCLAVE_E_INVALID_ARGUMENT
 *   for a NULL `co_hosts` with a non-zero count, a `locked` other than 0 or 1,
 *   or a host or co-host that is no member's leaf;
 *   #CONCLAVE_E_INVALID_VALUE for co-hosts not strictly ascending or naming
 *   the host; #CONCLAVE_E_NOT_PERMITTED for anyone but the host;
 *   #CONCLAVE_E_OUT_OF_ORDER while a role holder's departure is pending
 *   (conclave_participant_commit_pending() first); #CONCLAVE_E_NOT_IN_GROUP;
 *   #CONCLAVE_E_STORAGE_FAILURE; #CONCLAVE_E_WRONG_EPOCH; the errors of a
 *   Commit; #CONCLAVE_E_NO_MEMORY.
 */
CONCLAVE_API conclave_status conclave_participant_set_roles(conclave_participant *participant,
                                                            conclave_meeting_server *server, uint32_t host,
                                                            const uint32_t *co_hosts, size_t co_host_count,
                                                            int locked);
/**
 * Host control: removes a member for good. Locks the meeting (unless it is
 * locked), removes the member at `leaf`, then rotates the link
 * (conclave_participant_rotate_link()), whose Commit restores the lock as
 * it was. Nothing the removed member holds opens anything afterwards: its
 * link logs in nowhere, its session is revoked, and its keys open no later
 * message or frame.
 * @param participant The host.
 * @param server The meeting's server.
 * @param leaf The member's leaf index: another member's.
 * @param link Receives the new link, to hand out to the members who stay.
 * @return #CONCLAVE_OK; #CONCLAVE_E_INVALID_HANDLE; #CONCLAVE_E_INVALID_ARGUMENT
 *   for a NULL `link`, or a `leaf` that is blank, outside the tree or this
 *   participant's own; #CONCLAVE_E_NOT_PERMITTED for anyone but the host;
 *   #CONCLAVE_E_OUT_OF_ORDER while a role holder's departure is pending;
 *   #CONCLAVE_E_NOT_IN_GROUP; #CONCLAVE_E_STORAGE_FAILURE;
 *   #CONCLAVE_E_WRONG_EPOCH; #CONCLAVE_E_INTERNAL if Argon2id's memory
 *   cannot be had; the errors of a Commit; #CONCLAVE_E_NO_MEMORY. Unlike
 *   other calls, an error after the first step leaves the steps before it
 *   done (the lock, or the lock and the removal): sync and call it again.
 */
CONCLAVE_API conclave_status conclave_participant_remove_and_keep_out(conclave_participant *participant,
                                                                      conclave_meeting_server *server, uint32_t leaf,
                                                                      conclave_meeting_link **link);
/**
 * Leaves the meeting: a SelfRemove proposal for whoever commits next
 * (conclave_participant_commit_pending()). Send nothing more; sync reads on
 * to the Commit that removes this participant.
 * @param participant The member.
 * @param server The meeting's server.
 * @return #CONCLAVE_OK; #CONCLAVE_E_INVALID_HANDLE; #CONCLAVE_E_NOT_IN_GROUP;
 *   #CONCLAVE_E_STORAGE_FAILURE; #CONCLAVE_E_PARTIAL_UNSUPPORTED for a
 *   partial member; #CONCLAVE_E_INVALID_PROPOSAL for a second SelfRemove in
 *   one epoch; #CONCLAVE_E_WRONG_EPOCH; #CONCLAVE_E_NO_MEMORY.
 */
CONCLAVE_API conclave_status conclave_participant_leave(conclave_participant *participant,
                                                        conclave_meeting_server *server);
/**
 * Commits the proposals received this epoch (SelfRemoves, a co-host's Adds)
 * by reference, with the PSK; nothing pending commits nothing.
 * @param participant The member.
 * @param server The meeting's server.
 * @return #CONCLAVE_OK; #CONCLAVE_E_INVALID_HANDLE; #CONCLAVE_E_NOT_PERMITTED
 *   when a pending proposal removes this member; #CONCLAVE_E_NOT_IN_GROUP;
 *   #CONCLAVE_E_STORAGE_FAILURE; #CONCLAVE_E_PARTIAL_UNSUPPORTED for a
 *   partial member; #CONCLAVE_E_WRONG_EPOCH; the errors of a Commit;
 *   #CONCLAVE_E_NO_MEMORY.
 */
CONCLAVE_API conclave_status conclave_participant_commit_pending(conclave_participant *participant,
                                                                 conclave_meeting_server *server);
/** The step of the designated-committer schedule Conclave uses, in milliseconds. */
#define CONCLAVE_DEFAULT_COMMIT_STEP_MS 1000
/**
 * How many proposals this member received this epoch (SelfRemoves, a
 * co-host's Adds), each one the roles allow its sender: what its next
 * conclave_participant_commit_pending() commits.
 * @param participant The member.
 * @param count Receives the number.
 * @return #CONCLAVE_OK; #CONCLAVE_E_INVALID_HANDLE; #CONCLAVE_E_INVALID_ARGUMENT for a NULL `count`.
 */
CONCLAVE_API conclave_status conclave_participant_pending_proposals(const conclave_participant *participant,
                                                                    size_t *count);
/**
 * This member's wait in the current epoch's designated-committer schedule
 * (spec-notes/meeting-profile.md, "Continuity"): every member ranks the
 * members alike from a secret of the epoch, and one of rank r waits
 * r * `step_ms`, from when it first saw a pending proposal, before it calls
 * conclave_participant_commit_pending().
 * @param participant The member.
 * @param step_ms How much longer each rank waits than the one before
 *   (#CONCLAVE_DEFAULT_COMMIT_STEP_MS is Conclave's choice).
 * @param wait_ms Receives the wait in milliseconds.
 * @return #CONCLAVE_OK; #CONCLAVE_E_INVALID_HANDLE; #CONCLAVE_E_INVALID_ARGUMENT
 *   for a NULL `wait_ms`; #CONCLAVE_E_NOT_IN_GROUP once removed;
 *   #CONCLAVE_E_PARTIAL_UNSUPPORTED for a partial member, which never
 *   commits; #CONCLAVE_E_INTERNAL; #CONCLAVE_E_NO_MEMORY.
 */
CONCLAVE_API conclave_status conclave_participant_commit_wait(const conclave_participant *participant,
                                                              uint32_t step_ms, uint64_t *wait_ms);
/**
 * A Commit with a fresh path and the PSK: new keys for every member.
 * @param participant The member.
 * @param server The meeting's server.
 * @return #CONCLAVE_OK; #CONCLAVE_E_INVALID_HANDLE; #CONCLAVE_E_NOT_IN_GROUP;
 *   #CONCLAVE_E_STORAGE_FAILURE; #CONCLAVE_E_PARTIAL_UNSUPPORTED for a
 *   partial member; #CONCLAVE_E_WRONG_EPOCH when another Commit came first;
 *   the errors of a Commit; #CONCLAVE_E_NO_MEMORY.
 */
CONCLAVE_API conclave_status conclave_participant_update(conclave_participant *participant,
                                                         conclave_meeting_server *server);
/**
 * The way back after a sync reported `stranded`: an external Commit that
 * replaces this participant's leaf, with the PSK.
 * @param participant The member.
 * @param server The meeting's server.
 * @return #CONCLAVE_OK; #CONCLAVE_E_INVALID_HANDLE; #CONCLAVE_E_NOT_IN_GROUP;
 *   #CONCLAVE_E_STORAGE_FAILURE; #CONCLAVE_E_PARTIAL_UNSUPPORTED for a
 *   partial member; #CONCLAVE_E_WRONG_EPOCH when another Commit came first;
 *   #CONCLAVE_E_WRONG_GROUP; the errors of an external join;
 *   #CONCLAVE_E_NO_MEMORY.
 */
CONCLAVE_API conclave_status conclave_participant_resync(conclave_participant *participant,
                                                         conclave_meeting_server *server);

/**
 * The participant's current epoch.
 * @param participant The member.
 * @param epoch Receives the epoch.
 * @return #CONCLAVE_OK; #CONCLAVE_E_INVALID_HANDLE; #CONCLAVE_E_INVALID_ARGUMENT for a NULL `epoch`.
 */
CONCLAVE_API conclave_status conclave_participant_epoch(const conclave_participant *participant, uint64_t *epoch);
/**
 * The participant's leaf index.
 * @param participant The member.
 * @param leaf Receives the leaf index.
 * @return #CONCLAVE_OK; #CONCLAVE_E_INVALID_HANDLE; #CONCLAVE_E_INVALID_ARGUMENT for a NULL `leaf`.
 */
CONCLAVE_API conclave_status conclave_participant_own_leaf(const conclave_participant *participant, uint32_t *leaf);
/**
 * Whether the participant is the host of the current epoch.
 * @param participant The member.
 * @param is_host Receives 1 or 0.
 * @return #CONCLAVE_OK; #CONCLAVE_E_INVALID_HANDLE; #CONCLAVE_E_INVALID_ARGUMENT for a NULL `is_host`.
 */
CONCLAVE_API conclave_status conclave_participant_is_host(const conclave_participant *participant, int *is_host);
/**
 * Whether a Commit removed the participant (then it can send nothing more).
 * @param participant The member.
 * @param removed Receives 1 or 0.
 * @return #CONCLAVE_OK; #CONCLAVE_E_INVALID_HANDLE; #CONCLAVE_E_INVALID_ARGUMENT for a NULL `removed`.
 */
CONCLAVE_API conclave_status conclave_participant_removed(const conclave_participant *participant, int *removed);
/**
 * The roles and the lock of the current epoch, from the group's context.
 * @param participant The member.
 * @param host Receives the host's leaf index.
 * @param co_hosts Receives the co-hosts' leaf indices, ascending; may be
 *   NULL when `capacity` is 0 (to ask for the count).
 * @param capacity How many `co_hosts` holds.
 * @param co_host_count Receives the number of co-hosts, also with
 *   #CONCLAVE_E_BUFFER_TOO_SMALL (then nothing else is written).
 * @param locked Receives 1 when the meeting is locked, else 0.
 * @return #CONCLAVE_OK; #CONCLAVE_E_INVALID_HANDLE; #CONCLAVE_E_INVALID_ARGUMENT
 *   for a NULL `host`, `co_host_count` or `locked`, or a NULL `co_hosts`
 *   with a non-zero capacity; #CONCLAVE_E_BUFFER_TOO_SMALL for a capacity
 *   below the number of co-hosts; #CONCLAVE_E_INVALID_VALUE or a decoding
 *   error for roles that do not decode (which no member accepts);
 *   #CONCLAVE_E_NO_MEMORY.
 */
CONCLAVE_API conclave_status conclave_participant_roles(const conclave_participant *participant, uint32_t *host,
                                                        uint32_t *co_hosts, size_t capacity, size_t *co_host_count,
                                                        int *locked);
/**
 * The group's ID, which conclave_participant_load() takes.
 * @param participant The member.
 * @param group_id Receives the ID.
 * @return #CONCLAVE_OK; #CONCLAVE_E_INVALID_HANDLE; #CONCLAVE_E_INVALID_ARGUMENT
 *   for a NULL or non-empty `group_id`; #CONCLAVE_E_NO_MEMORY.
 */
CONCLAVE_API conclave_status conclave_participant_group_id(const conclave_participant *participant,
                                                           conclave_buffer *group_id);
/**
 * The security code of the current epoch, which members compare by voice or
 * on screen: "Epoch <n>: <the epoch_authenticator (RFC 9420 section 8.7) as
 * lowercase hex in groups of four>".
 * @param participant The member.
 * @param text Receives the code, NUL-terminated (the NUL not counted in its size).
 * @return #CONCLAVE_OK; #CONCLAVE_E_INVALID_HANDLE; #CONCLAVE_E_INVALID_ARGUMENT
 *   for a NULL or non-empty `text`; #CONCLAVE_E_NO_MEMORY.
 */
CONCLAVE_API conclave_status conclave_participant_security_code(const conclave_participant *participant,
                                                                conclave_buffer *text);
/**
 * The current epoch's epoch_authenticator (RFC 9420 section 8.7).
 * @param participant The member.
 * @param out Receives it.
 * @param capacity The size of `out`.
 * @param written Receives its size (the size needed with
 *   #CONCLAVE_E_BUFFER_TOO_SMALL); may be NULL.
 * @return #CONCLAVE_OK; #CONCLAVE_E_INVALID_HANDLE; #CONCLAVE_E_INVALID_ARGUMENT
 *   for a NULL `out` with a non-zero capacity; #CONCLAVE_E_BUFFER_TOO_SMALL.
 */
CONCLAVE_API conclave_status conclave_participant_epoch_authenticator(const conclave_participant *participant,
                                                                      uint8_t *out, size_t capacity, size_t *written);
/**
 * A member's display name, opened from its sealed credential.
 * @param participant The member asking.
 * @param leaf The named member's leaf index (as a chat's sender).
 * @param name Receives the name, NUL-terminated (the NUL not counted in its size).
 * @return #CONCLAVE_OK; #CONCLAVE_E_INVALID_HANDLE; #CONCLAVE_E_INVALID_ARGUMENT
 *   for a NULL or non-empty `name`; #CONCLAVE_E_INVALID_SENDER for a leaf
 *   outside the tree or blank; #CONCLAVE_E_PARTIAL_UNSUPPORTED for a partial
 *   member without that leaf's proof this epoch; #CONCLAVE_E_AEAD_FAILURE
 *   for a name not sealed under this meeting's key; #CONCLAVE_E_NO_MEMORY.
 */
CONCLAVE_API conclave_status conclave_participant_display_name(const conclave_participant *participant, uint32_t leaf,
                                                               conclave_buffer *name);

/**
 * Keeps the participant in `store` from now on (its meeting state and its
 * group, written now and by every later call that changes them, atomically);
 * the participant keeps the store alive.
 * @param participant The member.
 * @param store The store.
 * @return #CONCLAVE_OK; #CONCLAVE_E_INVALID_HANDLE;
 *   #CONCLAVE_E_STORAGE_FAILURE when the store cannot be written (the
 *   participant is then unusable: load it again);
 *   #CONCLAVE_E_PARTIAL_UNSUPPORTED for a partial member; #CONCLAVE_E_NO_MEMORY.
 */
CONCLAVE_API conclave_status conclave_participant_persist(conclave_participant *participant, conclave_store *store);
/**
 * A participant conclave_participant_persist() kept, at the epoch of its last
 * write; it goes on writing to `store`. Call conclave_participant_sync() first.
 * @param store The store.
 * @param group_id The group's ID (conclave_participant_group_id()).
 * @param group_id_size Its size.
 * @param server The meeting's server (its SRP variant is the profile's).
 * @param profile The meeting's profile as the participant had it, or NULL for the defaults.
 * @param participant Receives the participant.
 * @return #CONCLAVE_OK; #CONCLAVE_E_INVALID_HANDLE; #CONCLAVE_E_INVALID_ARGUMENT
 *   for a NULL argument or a bad profile flag; #CONCLAVE_E_NOT_IN_GROUP when
 *   the store holds no participant of that group; #CONCLAVE_E_STORAGE_FAILURE;
 *   #CONCLAVE_E_STORAGE_CORRUPT for records that do not decode or fit
 *   together; #CONCLAVE_E_NO_MEMORY.
 */
CONCLAVE_API conclave_status conclave_participant_load(conclave_store *store, const uint8_t *group_id,
                                                       size_t group_id_size, conclave_meeting_server *server,
                                                       const conclave_meeting_profile *profile,
                                                       conclave_participant **participant);

/**
 * The most bytes conclave_participant_protect_frame() writes for a
 * plaintext of `plaintext_size`.
 * @param participant The member (its profile with `sframe` on).
 * @param plaintext_size The plaintext's size.
 * @param size Receives the bound.
 * @return #CONCLAVE_OK; #CONCLAVE_E_INVALID_HANDLE; #CONCLAVE_E_INVALID_ARGUMENT
 *   for a NULL `size`, a participant without SFrame, or a plaintext size so
 *   large that the bound overflows.
 */
CONCLAVE_API conclave_status conclave_participant_max_protected_size(const conclave_participant *participant,
                                                                     size_t plaintext_size, size_t *size);
/**
 * Protects a media frame with the meeting's SFrame keys of the current epoch
 * (RFC 9605 section 5.2); allocates nothing.
 * @param participant The member (its profile with `sframe` on).
 * @param metadata The frame's metadata, authenticated with it.
 * @param metadata_size Its size.
 * @param plaintext The frame.
 * @param plaintext_size Its size.
 * @param out Receives the SFrame ciphertext; must not overlap `plaintext`.
 * @param capacity The size of `out` (conclave_participant_max_protected_size() suffices).
 * @param written Receives the ciphertext's size; with #CONCLAVE_E_BUFFER_TOO_SMALL,
 *   conclave_participant_max_protected_size(), a size that suffices.
 * @return #CONCLAVE_OK; #CONCLAVE_E_INVALID_HANDLE; #CONCLAVE_E_INVALID_ARGUMENT
 *   for a NULL pointer with a non-zero size, overlapping buffers, a NULL
 *   `written` or a participant without SFrame; #CONCLAVE_E_BUFFER_TOO_SMALL (the counter
 *   is then not used); #CONCLAVE_E_WRONG_EPOCH when there is no epoch yet;
 *   #CONCLAVE_E_MESSAGE_LIMIT when the counter is exhausted;
 *   #CONCLAVE_E_INVALID_LENGTH for a plaintext or metadata of INT_MAX bytes
 *   or more; #CONCLAVE_E_INTERNAL.
 */
CONCLAVE_API conclave_status conclave_participant_protect_frame(conclave_participant *participant,
                                                                const uint8_t *metadata, size_t metadata_size,
                                                                const uint8_t *plaintext, size_t plaintext_size,
                                                                uint8_t *out, size_t capacity, size_t *written);
/**
 * Opens a media frame another member protected, with the SFrame keys of the
 * epochs this participant holds; allocates nothing.
 * @param participant The member (its profile with `sframe` on).
 * @param metadata The frame's metadata.
 * @param metadata_size Its size.
 * @param frame The SFrame ciphertext.
 * @param frame_size Its size.
 * @param out Receives the plaintext; must not overlap `frame`.
 * @param capacity The size of `out` (`frame_size` suffices).
 * @param written Receives the plaintext's size; with #CONCLAVE_E_BUFFER_TOO_SMALL,
 *   `frame_size`, a size that suffices.
 * @param info Receives the frame's epoch, sender, context and counter; may be NULL.
 * @return #CONCLAVE_OK; #CONCLAVE_E_INVALID_HANDLE; #CONCLAVE_E_INVALID_ARGUMENT
 *   for a NULL pointer with a non-zero size, overlapping buffers, a NULL
 *   `written` or a participant without SFrame; #CONCLAVE_E_BUFFER_TOO_SMALL; the errors of
 *   a frame: #CONCLAVE_E_TRUNCATED, #CONCLAVE_E_NON_MINIMAL_HEADER,
 *   #CONCLAVE_E_UNKNOWN_KEY, #CONCLAVE_E_WRONG_EPOCH,
 *   #CONCLAVE_E_INVALID_SENDER, #CONCLAVE_E_AEAD_FAILURE,
 *   #CONCLAVE_E_REPLAYED_COUNTER, #CONCLAVE_E_INVALID_LENGTH,
 *   #CONCLAVE_E_INTERNAL. The participant's keys are unchanged by a frame
 *   that does not open.
 */
CONCLAVE_API conclave_status conclave_participant_unprotect_frame(conclave_participant *participant,
                                                                  const uint8_t *metadata, size_t metadata_size,
                                                                  const uint8_t *frame, size_t frame_size, uint8_t *out,
                                                                  size_t capacity, size_t *written,
                                                                  conclave_sframe_frame_info *info);
/**
 * Protects a media frame with the meeting's LiveKit key of the current
 * epoch (spec-notes/livekit.md), as conclave_livekit_protect() does;
 * allocates nothing but an SSRC's first counter.
 * @param participant The member (its profile with `livekit` on).
 * @param info The frame's codec, key-frame flag, SSRC and RTP timestamp.
 * @param frame The encoded frame.
 * @param frame_size Its size.
 * @param out Receives the encrypted frame; must not overlap `frame`.
 * @param capacity The size of `out`; conclave_livekit_max_protected_size()
 *   always suffices.
 * @param written Receives the encrypted frame's size; with
 *   #CONCLAVE_E_BUFFER_TOO_SMALL, conclave_livekit_max_protected_size().
 * @return #CONCLAVE_OK; #CONCLAVE_E_INVALID_HANDLE; #CONCLAVE_E_INVALID_ARGUMENT
 *   for a participant without LiveKit, a NULL `info` or `written`, a NULL
 *   pointer with a non-zero size, overlapping buffers, an unknown codec or
 *   key-frame flag, or an H.26x frame whose encrypted form a receiver
 *   would split at another header; #CONCLAVE_E_TRUNCATED for a frame
 *   shorter than its clear header; #CONCLAVE_E_BUFFER_TOO_SMALL (the send
 *   count stays unused); #CONCLAVE_E_INTERNAL; #CONCLAVE_E_NO_MEMORY.
 */
CONCLAVE_API conclave_status conclave_participant_livekit_protect(conclave_participant *participant,
                                                                  const conclave_livekit_frame_info *info,
                                                                  const uint8_t *frame, size_t frame_size,
                                                                  uint8_t *out, size_t capacity, size_t *written);
/**
 * Opens a media frame a member protected with the meeting's LiveKit keys,
 * those of every epoch this participant entered (the last 256); allocates
 * nothing. The format has no replay protection.
 * @param participant The member (its profile with `livekit` on).
 * @param info The frame's codec and key-frame flag (its SSRC and RTP
 *   timestamp are not used).
 * @param frame The encrypted frame as received.
 * @param frame_size Its size.
 * @param out Receives the clear header and the plaintext; must not overlap `frame`.
 * @param capacity The size of `out`: at least `frame_size`.
 * @param written Receives the decrypted frame's size; with
 *   #CONCLAVE_E_BUFFER_TOO_SMALL, `frame_size`.
 * @param epoch Receives the epoch of the key that opened the frame; may be NULL.
 * @return #CONCLAVE_OK; #CONCLAVE_E_INVALID_HANDLE; #CONCLAVE_E_INVALID_ARGUMENT
 *   for a participant without LiveKit, a NULL `info` or `written`, a NULL
 *   pointer with a non-zero size, overlapping buffers, or an unknown codec
 *   or key-frame flag; #CONCLAVE_E_TRUNCATED for a frame too short for its
 *   clear header, tag and trailer; #CONCLAVE_E_INVALID_LENGTH for an IV
 *   length byte other than 12; #CONCLAVE_E_UNKNOWN_KEY for a key slot no
 *   epoch of this participant filled; #CONCLAVE_E_AEAD_FAILURE;
 *   #CONCLAVE_E_BUFFER_TOO_SMALL; #CONCLAVE_E_INTERNAL.
 */
CONCLAVE_API conclave_status conclave_participant_livekit_unprotect(conclave_participant *participant,
                                                                    const conclave_livekit_frame_info *info,
                                                                    const uint8_t *frame, size_t frame_size,
                                                                    uint8_t *out, size_t capacity, size_t *written,
                                                                    uint64_t *epoch);
/**
 * Frees a participant and wipes its group state (a store or server it uses
 * stays with its other holders). Accepts NULL and a freed handle.
 * @param participant The member.
 */
CONCLAVE_API void conclave_participant_free(conclave_participant *participant);

#ifdef __cplusplus
}
#endif

#endif /* CONCLAVE_H */
