// EncryptedStore beyond the Store contract: what the inner store holds, and
// a value altered, moved, or read under another key fails as storage_corrupt.

#include <gtest/gtest.h>

#include "conclave/storage/encrypted_store.hpp"
#include "conclave/storage/memory_store.hpp"
#include "storage_fixtures.hpp"
#include "../backend_failures.hpp"
#include "../test_support.hpp"

namespace conclave::storage {
namespace {

using test::fails_with;
using test::is_ok;
using test::secret_of;

class EncryptedStoreTest : public ::testing::Test {
 protected:
  EncryptedStoreTest() {
    Batch batch;
    batch.put(Table::psk, {1}, secret_of(plaintext));
    batch.put(Table::psk, {2}, secret_of("another value"));
    EXPECT_TRUE(is_ok(store_.apply(batch)));
  }

  static EncryptedStore over(Store& inner, const crypto::Secret& key) {
    return std::move(*EncryptedStore::create(inner, key.clone()));
  }
  Bytes sealed_at(Table table, const Bytes& key) {
    auto sealed = inner_.get(table, key);
    EXPECT_TRUE(is_ok(sealed));
    return test::copy_of((*sealed)->view());
  }
  void put_inner(Table table, const Bytes& key, BytesView value) {
    Batch batch;
    batch.put(table, key, crypto::Secret(value));
    ASSERT_TRUE(is_ok(inner_.apply(batch)));
  }
  // Every read of the record at `key` in `table` fails as storage_corrupt.
  void expect_corrupt(Store& store, Table table, const Bytes& key) {
    EXPECT_TRUE(fails_with(store.get(table, key), Errc::storage_corrupt));
    EXPECT_TRUE(fails_with(store.list(table, {}), Errc::storage_corrupt));
  }

  static constexpr std::string_view plaintext = "a pre-shared key";
  MemoryStore inner_;
  crypto::Secret key_ = crypto::system_random().secret(32);
  EncryptedStore store_ = over(inner_, key_);
};

TEST_F(EncryptedStoreTest, TheInnerStoreHoldsOnlySealedValues) {
  const Bytes sealed = sealed_at(Table::psk, {1});
  EXPECT_EQ(sealed.size(), 1 + 12 + plaintext.size() + 16);
  EXPECT_EQ(sealed[0], 1);
  EXPECT_FALSE(test::occurs_in(sealed, as_bytes(plaintext)));
  const auto value = store_.get(Table::psk, Bytes{1});
  ASSERT_TRUE(is_ok(value));
  EXPECT_EQ((*value)->text(), plaintext);
}

TEST_F(EncryptedStoreTest, EachPutDrawsAFreshNonce) {
  const Bytes first = sealed_at(Table::psk, {1});
  Batch batch;
  batch.put(Table::psk, {1}, secret_of(plaintext));
  ASSERT_TRUE(is_ok(store_.apply(batch)));
  EXPECT_NE(sealed_at(Table::psk, {1}), first);
}

TEST_F(EncryptedStoreTest, AnAlteredValueIsCorrupt) {
  const Bytes sealed = sealed_at(Table::psk, {1});
  for (const std::size_t index : {std::size_t{1}, std::size_t{13}, sealed.size() - 1}) {
    put_inner(Table::psk, {1}, test::with_bit_flipped(sealed, index));
    expect_corrupt(store_, Table::psk, {1});
  }
}

TEST_F(EncryptedStoreTest, ATruncatedOrUnknownFormatValueIsCorrupt) {
  const Bytes sealed = sealed_at(Table::psk, {1});
  put_inner(Table::psk, {1}, BytesView(sealed).first(1 + 12 + 15));
  expect_corrupt(store_, Table::psk, {1});
  put_inner(Table::psk, {1}, test::with_bit_flipped(sealed, 0, 0x02));
  expect_corrupt(store_, Table::psk, {1});
}

TEST_F(EncryptedStoreTest, AValueMovedToAnotherKeyIsCorrupt) {
  put_inner(Table::psk, {2}, sealed_at(Table::psk, {1}));
  expect_corrupt(store_, Table::psk, {2});
}

TEST_F(EncryptedStoreTest, AValueMovedToAnotherTableIsCorrupt) {
  put_inner(Table::key_package, {1}, sealed_at(Table::psk, {1}));
  expect_corrupt(store_, Table::key_package, {1});
}

TEST_F(EncryptedStoreTest, AnotherKeyCannotOpenTheValues) {
  auto other = over(inner_, crypto::system_random().secret(32));
  expect_corrupt(other, Table::psk, {1});
}

TEST_F(EncryptedStoreTest, AKeyOfAnotherSizeIsRefused) {
  EXPECT_TRUE(fails_with(EncryptedStore::create(inner_, crypto::Secret(16)), Errc::invalid_length));
  EXPECT_TRUE(fails_with(EncryptedStore::create(inner_, crypto::Secret(33)), Errc::invalid_length));
}

// A backend call of the AEAD failing: a batch is refused with
// Errc::internal and writes nothing; a value that cannot be opened reads as
// Errc::storage_corrupt.
TEST_F(EncryptedStoreTest, AFailedSealWritesNothingAndAFailedOpenIsCorrupt) {
  const auto before = test::plain(*inner_.list(Table::psk, {}));
  Batch batch;
  batch.put(Table::psk, {2}, secret_of(plaintext));
  test::with_each_backend_call_failing([&] { return store_.apply(batch); },
                                       [&](const auto& outcome) {
                                         EXPECT_TRUE(test::failed_typed(outcome, {Errc::internal}));
                                         EXPECT_EQ(test::plain(*inner_.list(Table::psk, {})), before);
                                       });
  test::with_each_backend_call_failing(
      [&] { return store_.get(Table::psk, Bytes{1}); },
      [](const auto& outcome) { EXPECT_TRUE(test::failed_typed(outcome, {Errc::storage_corrupt})); });
}

}  // namespace
}  // namespace conclave::storage
