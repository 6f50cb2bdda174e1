#pragma once

/// @file
/// draft-ietf-mls-extensions, "Exported Secrets": the forward-secure
/// Exporter Tree, one secret per ComponentID, each handed out once.

#include <cstdint>
#include <map>
#include <vector>

#include "conclave/crypto/secret.hpp"
#include "conclave/error.hpp"
#include "conclave/mls/cipher_suite.hpp"
#include "conclave/mls/components.hpp"
#include "conclave/mls/secret_tree.hpp"
#include "conclave/mls/tree_math.hpp"

namespace conclave::mls {

/// "Exported Secrets": a tree of 2^16 leaves shaped like the Secret Tree
/// (RFC 9420 section 9), rooted at the epoch's application_export_secret;
/// leaf c's tree_node_secret is SafeExportSecret(c). Nodes are derived on
/// demand, and every secret used to derive another is deleted (section 9.2):
/// the tree keeps only the frontier of secrets still unused.
class ExporterTree {
 public:
  /// The number of leaves: one per 16-bit ComponentID.
  static constexpr std::uint32_t leaf_count = std::uint32_t{1} << 16;

  /// A tree with no secret left (every take() fails).
  ExporterTree() = default;
  /// A tree whose root is `application_export_secret` (KDF.Nh bytes).
  explicit ExporterTree(crypto::Secret application_export_secret);

  /// SafeExportSecret(component): the tree_node_secret of the component's
  /// leaf. The secret is then consumed: it and every secret on its path
  /// from the nearest kept ancestor are deleted, the siblings kept.
  /// @errors `Errc::generation_consumed` when the component's secret was
  /// already taken (or the tree is empty), the tree unchanged;
  /// `Errc::invalid_length` only if the suite's KDF could not expand Nh bytes.
  Result<crypto::Secret> take(const CipherSuite& suite, ComponentId component);

  /// The secrets still kept, by node index, in index order.
  std::vector<StoredNodeSecret> store() const;
  /// The tree `store()` gave.
  /// @errors `Errc::invalid_value` for a node outside the tree, nodes not in
  /// strictly increasing order, a node inside another's subtree, or a secret
  /// that is not Nh bytes.
  static Result<ExporterTree> restore(const CipherSuite& suite, std::vector<StoredNodeSecret> stored);

 private:
  std::map<std::uint32_t, crypto::Secret> nodes_;
};

}  // namespace conclave::mls
