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
/** A store that keeps groups and KeyPackages (an SQLite file, or memory). */
typedef struct conclave_store conclave_store;


/*
 * ====================================================================
 * Storage: stores that keep groups and KeyPackages across restarts: src/capi/storage.cpp.
 * ====================================================================
 */


/*
 * ====================================================================
 * SFrame (RFC 9605) keyed from MLS, and the LiveKit frame cryptor: src/capi/frame.cpp.
 * ====================================================================
 */


/*
 * ====================================================================
 * SRP-6a (RFC 5054, Proton's auth v4): src/capi/srp.cpp.
 * ====================================================================
 */


/*
 * ====================================================================
 * The meeting layer (spec-notes/meeting-profile.md): src/capi/meeting.cpp.
 * ====================================================================
 */


#ifdef __cplusplus
}
#endif

#endif /* CONCLAVE_H */
