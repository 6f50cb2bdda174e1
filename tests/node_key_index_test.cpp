#include "conclave/mls/node_key_index.hpp"

#include <gtest/gtest.h>

#include <map>
#include <random>

namespace conclave::mls {
namespace {

// Entries are looked up by keys held outside the index, as the tree holds
// them; a reference map checks every answer through a long run of
// insertions and erasures (which shift probe chains back).
TEST(NodeKeyIndex, AgreesWithAMapThroughInsertionsAndErasures) {
  std::vector<Bytes> keys(600);
  for (std::uint32_t i = 0; i < keys.size(); ++i) {
    keys[i] = {static_cast<std::uint8_t>(i), static_cast<std::uint8_t>(i >> 8), 7};
  }
  const auto key_of = [&](std::uint32_t entry) { return BytesView(keys[entry]); };
  NodeKeyIndex index;
  std::map<std::uint32_t, bool> present;
  std::mt19937 rng(5);
  for (int step = 0; step < 20000; ++step) {
    const auto entry = static_cast<std::uint32_t>(rng() % keys.size());
    if (present[entry]) {
      index.erase(entry, keys[entry], key_of);
      present[entry] = false;
    } else {
      index.insert(entry, keys[entry], key_of);
      present[entry] = true;
    }
    if (step % 97 != 0) continue;
    for (std::uint32_t e = 0; e < keys.size(); ++e) {
      const auto found = index.find(keys[e], key_of);
      ASSERT_EQ(found.has_value(), present[e]) << step << " " << e;
      if (found) {
        ASSERT_EQ(*found, e);
      }
    }
  }
}

TEST(NodeKeyIndex, EmptyIndexFindsNothing) {
  NodeKeyIndex index;
  const Bytes key{1, 2, 3};
  EXPECT_FALSE(index.find(key, [&](std::uint32_t) { return BytesView(key); }).has_value());
}

}  // namespace
}  // namespace conclave::mls
