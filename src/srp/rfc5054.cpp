#include "conclave/srp/rfc5054.hpp"

#include "digest.hpp"
#include "group_state.hpp"

namespace conclave::srp {

namespace {

// RFC 5054 section 2.5.3: k = H(N | PAD(g)).
Bytes multiplier_of(const Group& group, crypto::HashId hash) {
  const GroupState& state = group.state();
  return digest(hash, {state.modulus_bytes(ByteOrder::big_endian),
                       state.generator_bytes(ByteOrder::big_endian)});
}

// RFC 2945 section 3: H(N) xor H(g), over N and g without padding.
Bytes group_hash_of(const Group& group, crypto::HashId hash) {
  Bytes out = digest(hash, {group.modulus()});
  const Bytes generator_hash = digest(hash, {group.generator()});
  for (std::size_t i = 0; i < out.size(); ++i) out[i] ^= generator_hash[i];
  return out;
}

}  // namespace

Rfc5054::Rfc5054(Group group, crypto::HashId hash)
    : Variant(group, ByteOrder::big_endian, multiplier_of(group, hash)),
      hash_(hash),
      group_hash_(group_hash_of(group, hash)) {}

crypto::Secret Rfc5054::identity_hash(BytesView identity, BytesView password) const {
  return secret_digest(hash_, {identity, as_bytes(":"), password});
}

// RFC 5054 section 2.4: x = H(s | H(I | ":" | P)).
Result<crypto::Secret> Rfc5054::password_key(BytesView identity, BytesView password,
                                             BytesView salt) const {
  const crypto::Secret inner = identity_hash(identity, password);
  return secret_digest(hash_, {salt, inner.view()});
}

// RFC 5054 section 2.6: u = H(PAD(A) | PAD(B)).
Bytes Rfc5054::scrambler(BytesView client_key, BytesView server_key) const {
  return digest(hash_, {client_key, server_key});
}

crypto::Secret Rfc5054::session_key(const crypto::Secret& premaster) const {
  return secret_digest(hash_, {premaster.view()});
}

// RFC 2945 section 3: M1 = H(H(N) xor H(g) | H(I) | s | A | B | K).
Bytes Rfc5054::client_proof(const ProofInput& input) const {
  const Bytes identity_digest = digest(hash_, {input.identity});
  return digest(hash_, {group_hash_, identity_digest, input.salt, input.client_key,
                        input.server_key, input.session_key});
}

// RFC 2945 section 3: M2 = H(A | M1 | K).
Bytes Rfc5054::server_proof(BytesView client_key, BytesView client_proof,
                            const crypto::Secret& session_key) const {
  return digest(hash_, {client_key, client_proof, session_key.view()});
}

}  // namespace conclave::srp
