// The TLS presentation-language codec (RFC 9420 section 2.1): varints,
// vectors, optionals, selects and structs, and the reader's error handling.

#include <gtest/gtest.h>

#include <array>
#include <cstdint>
#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

#include "conclave/codec/codec.hpp"
#include "test_support.hpp"

namespace {

using namespace conclave;
using namespace conclave::codec;
using conclave::test::fails_with;
using conclave::test::hex;
using conclave::test::is_ok;

Bytes encode_varint(std::uint64_t value) {
  Bytes out;
  Writer(out).write_varint(value);
  return out;
}

// One varint that must be the whole input.
Result<std::uint64_t> decode_varint(BytesView data) {
  Reader reader(data);
  std::uint64_t value = 0;
  if (!reader.read_varint(value)) return reader.error();
  if (!reader.empty()) return Errc::trailing_data;
  return value;
}

// ---------------------------------------------------------------- varints

struct VarintCase {
  std::uint64_t value;
  const char* encoding;
};

class VarintBoundary : public ::testing::TestWithParam<VarintCase> {};

TEST_P(VarintBoundary, EncodesAndDecodesExactly) {
  const auto& c = GetParam();
  EXPECT_EQ(to_hex(encode_varint(c.value)), c.encoding);
  EXPECT_EQ(varint_size(c.value), hex(c.encoding).size());
  const auto decoded = decode_varint(hex(c.encoding));
  ASSERT_TRUE(is_ok(decoded));
  EXPECT_EQ(*decoded, c.value);
}

// The edges of each length class, and RFC 9420 section 2.1.2's examples
// (0x25 = 37, 0x7bbd = 15293, 0x9d7f3e7d = 494878333).
INSTANTIATE_TEST_SUITE_P(Codec, VarintBoundary,
                         ::testing::Values(VarintCase{0, "00"}, VarintCase{37, "25"},
                                           VarintCase{63, "3f"}, VarintCase{64, "4040"},
                                           VarintCase{15293, "7bbd"}, VarintCase{16383, "7fff"},
                                           VarintCase{16384, "80004000"},
                                           VarintCase{494878333, "9d7f3e7d"},
                                           VarintCase{(1u << 30) - 1, "bfffffff"}),
                         [](const auto& test) { return "Value" + std::to_string(test.param.value); });

struct BadVarint {
  const char* encoding;
  Errc error;
};

class VarintRejected : public ::testing::TestWithParam<BadVarint> {};

TEST_P(VarintRejected, WithItsError) {
  EXPECT_TRUE(fails_with(decode_varint(hex(GetParam().encoding)), GetParam().error));
}

INSTANTIATE_TEST_SUITE_P(
    Codec, VarintRejected,
    ::testing::Values(
        // A value that fits a shorter form (RFC 9420 section 2.1.2).
        BadVarint{"403f", Errc::non_minimal_varint}, BadVarint{"4000", Errc::non_minimal_varint},
        BadVarint{"8000003f", Errc::non_minimal_varint},
        BadVarint{"80003fff", Errc::non_minimal_varint},
        BadVarint{"80000000", Errc::non_minimal_varint},
        // The reserved 0b11 prefix.
        BadVarint{"c0", Errc::invalid_varint}, BadVarint{"c000000000000000", Errc::invalid_varint},
        BadVarint{"ff", Errc::invalid_varint},
        // Input ending inside the varint.
        BadVarint{"", Errc::truncated}, BadVarint{"40", Errc::truncated},
        BadVarint{"80", Errc::truncated}, BadVarint{"800040", Errc::truncated}),
    [](const auto& test) { return "Hex" + std::string(test.param.encoding) + "_" + std::to_string(test.index); });

TEST(Codec, WriteVarintAboveTwoToThirtyThrows) {
  Bytes out;
  Writer writer(out);
  EXPECT_THROW(writer.write_varint(max_varint + 1), std::length_error);
  EXPECT_THROW(writer.write_varint(std::uint64_t{1} << 40), std::length_error);
  EXPECT_NO_THROW(writer.write_varint(max_varint));
}

// ------------------------------------------------ integers, vectors, limits

TEST(Codec, IntegersAreBigEndian) {
  EXPECT_EQ(to_hex(encode(std::uint16_t{0x0102})), "0102");
  EXPECT_EQ(to_hex(encode(std::uint32_t{0x01020304})), "01020304");
  EXPECT_EQ(to_hex(encode(std::uint64_t{0x0102030405060708})), "0102030405060708");
  const auto decoded = decode<std::uint64_t>(hex("0102030405060708"));
  ASSERT_TRUE(is_ok(decoded));
  EXPECT_EQ(*decoded, 0x0102030405060708u);
}

TEST(Codec, TruncatedIntegerIsRejected) {
  EXPECT_TRUE(fails_with(decode<std::uint32_t>(hex("010203")), Errc::truncated));
}

TEST(Codec, VectorBodyShorterThanItsLengthIsTruncated) {
  EXPECT_TRUE(fails_with(decode<Bytes>(hex("050102")), Errc::truncated));
  EXPECT_TRUE(fails_with(decode<std::vector<std::uint16_t>>(hex("04000100")), Errc::truncated));
}

TEST(Codec, VectorLengthAboveTheLimitIsRejected) {
  const Bytes five = hex("050102030405");
  EXPECT_TRUE(fails_with(decode<Bytes>(five, Limits{4}), Errc::length_limit));
  const auto within = decode<Bytes>(five, Limits{5});
  ASSERT_TRUE(is_ok(within));
  EXPECT_EQ(to_hex(*within), "0102030405");
}

TEST(Codec, LengthLimitIsCheckedBeforeTheBody) {
  // A 2^30 - 1 byte header with no body: beyond the default 2^26 limit.
  EXPECT_TRUE(fails_with(decode<Bytes>(hex("bfffffff")), Errc::length_limit));
}

TEST(Codec, ItemThatOverrunsItsVectorFailsWithTheItemsError) {
  // Three bytes of content hold one uint16 and half of another.
  EXPECT_TRUE(fails_with(decode<std::vector<std::uint16_t>>(hex("03000100")), Errc::truncated));
}

TEST(Codec, TrailingBytesAreRejected) {
  EXPECT_TRUE(fails_with(decode<std::uint16_t>(hex("000102")), Errc::trailing_data));
  EXPECT_TRUE(fails_with(decode<Bytes>(hex("0100ff")), Errc::trailing_data));
}

// ---------------------------------------------------------- decode budget

// A struct of no fields: its items take no input, so only the budget ends a
// vector of them.
struct Empty {
  CONCLAVE_FIELDS()
};

struct Capped {
  std::uint8_t value = 0;
  CONCLAVE_FIELDS(value)
};

}  // namespace

template <>
struct conclave::codec::VectorItemLimit<Capped> {
  static constexpr std::size_t Limits::*field = &Limits::max_extensions;
};

namespace {

Limits budget_of(std::size_t bytes) {
  return Limits{.memory_per_input_byte = 0, .memory_base = bytes};
}

TEST(Codec, VectorItemsBeyondTheirCapAreRefused) {
  const Bytes three = hex("06000100020003");
  EXPECT_TRUE(fails_with(decode<std::vector<std::uint16_t>>(three, Limits{.max_vector_items = 2}),
                         Errc::decode_limit));
  EXPECT_TRUE(is_ok(decode<std::vector<std::uint16_t>>(three, Limits{.max_vector_items = 3})));
}

TEST(Codec, ItemCapIsChosenByTheItemType) {
  const Bytes three = hex("03010203");
  EXPECT_TRUE(is_ok(decode<std::vector<Capped>>(three, Limits{.max_vector_items = 1})));
  EXPECT_TRUE(fails_with(decode<std::vector<Capped>>(three, Limits{.max_extensions = 2}),
                         Errc::decode_limit));
}

TEST(Codec, ItemsThatTakeNoInputEndAtTheCap) {
  EXPECT_TRUE(fails_with(decode<std::vector<Empty>>(hex("0100")), Errc::decode_limit));
}

TEST(Codec, BytesAreChargedToTheMemoryBudget) {
  const Bytes sixty = encode(Bytes(60, 7));
  const std::size_t cost = 60 + Reader::allocation_overhead;
  EXPECT_TRUE(is_ok(decode<Bytes>(sixty, budget_of(cost))));
  EXPECT_TRUE(fails_with(decode<Bytes>(sixty, budget_of(cost - 1)), Errc::decode_limit));
  EXPECT_TRUE(fails_with(decode<crypto::Secret>(sixty, budget_of(cost - 1)), Errc::decode_limit));
  EXPECT_TRUE(is_ok(decode<Bytes>(hex("00"), budget_of(0))));
}

TEST(Codec, AChargeAboveTheWholeBudgetFails) {
  Reader reader(hex("00"), budget_of(10));
  EXPECT_FALSE(reader.charge(100));
  EXPECT_EQ(reader.error(), Errc::decode_limit);
}

TEST(Codec, VectorGrowthIsChargedToTheMemoryBudget) {
  // Four uint32 items fill the first block of 4 * 4 bytes.
  const Bytes four = hex("1000000001000000020000000300000004");
  const std::size_t block = 4 * sizeof(std::uint32_t) + Reader::allocation_overhead;
  EXPECT_TRUE(is_ok(decode<std::vector<std::uint32_t>>(four, budget_of(block))));
  EXPECT_TRUE(fails_with(decode<std::vector<std::uint32_t>>(four, budget_of(block - 1)),
                         Errc::decode_limit));
}

// Ten inner vectors of 200 bytes: each fits the budget alone, all ten do
// not, because the readers of nested vectors share their decode's budget.
// The outer vector ends holding a block of 16, the blocks of 4 and 8 it
// outgrew given back.
TEST(Codec, NestedVectorsShareOneBudget) {
  const Bytes ten = encode(std::vector<Bytes>(10, Bytes(200, 1)));
  const std::size_t items = 16 * sizeof(Bytes) + Reader::allocation_overhead;
  const std::size_t contents = 10 * (200 + Reader::allocation_overhead);
  EXPECT_TRUE(is_ok(decode<std::vector<Bytes>>(ten, budget_of(items + contents))));
  EXPECT_TRUE(fails_with(decode<std::vector<Bytes>>(ten, budget_of(items + contents - 1)),
                         Errc::decode_limit));
}

TEST(Codec, MemoryBudgetGrowsWithTheInput) {
  const Limits limits{.memory_per_input_byte = 3, .memory_base = 5};
  EXPECT_EQ(limits.memory_budget(100), 305u);
  EXPECT_EQ(Reader(Bytes(100), limits).budget(), 305u);
}

// ---------------------------------------------------------------- optional

TEST(Codec, OptionalPresenceOctet) {
  const auto absent = decode<std::optional<std::uint8_t>>(hex("00"));
  ASSERT_TRUE(is_ok(absent));
  EXPECT_FALSE(absent->has_value());

  const auto present = decode<std::optional<std::uint8_t>>(hex("0105"));
  ASSERT_TRUE(is_ok(present));
  EXPECT_EQ(*present, std::optional<std::uint8_t>(5));

  EXPECT_TRUE(fails_with(decode<std::optional<std::uint8_t>>(hex("0205")), Errc::invalid_value));
  EXPECT_TRUE(fails_with(decode<std::optional<std::uint8_t>>(hex("ff05")), Errc::invalid_value));
}

// ------------------------------------------------------------------ select

enum class Shape : std::uint8_t { circle = 1, square = 2 };

struct Circle {
  static constexpr Shape tag = Shape::circle;
  std::uint16_t radius = 0;
  CONCLAVE_FIELDS(radius)
  friend bool operator==(const Circle&, const Circle&) = default;
};

struct Square {
  static constexpr Shape tag = Shape::square;
  Bytes side;
  CONCLAVE_FIELDS(side)
  friend bool operator==(const Square&, const Square&) = default;
};

using AnyShape = Select<Shape, Circle, Square>;

TEST(Codec, SelectWritesTheTagThenTheCase) {
  const AnyShape circle{Circle{0x1234}};
  const AnyShape square{Square{{0xaa, 0xbb}}};
  EXPECT_EQ(to_hex(encode(circle)), "011234");
  EXPECT_EQ(to_hex(encode(square)), "0202aabb");

  const auto decoded = decode<AnyShape>(hex("0202aabb"));
  ASSERT_TRUE(is_ok(decoded));
  EXPECT_EQ(decoded->tag(), Shape::square);
  EXPECT_EQ(*decoded, square);
}

TEST(Codec, SelectWithUnknownTagIsRejected) {
  EXPECT_TRUE(fails_with(decode<AnyShape>(hex("031234")), Errc::unknown_variant));
  EXPECT_TRUE(fails_with(decode<AnyShape>(hex("001234")), Errc::unknown_variant));
}

// ------------------------------------------------------------------ structs

enum class Color : std::uint16_t { red = 1, green = 0x0a0a };

struct Item {
  std::uint8_t id = 0;
  Bytes data;
  CONCLAVE_FIELDS(id, data)
  friend bool operator==(const Item&, const Item&) = default;
};

struct Record {
  std::uint32_t version = 0;
  Color color = Color::red;
  std::array<std::uint8_t, 4> magic{};
  std::vector<Item> items;
  std::vector<std::vector<std::uint16_t>> matrix;
  std::optional<Item> extra;
  std::optional<std::uint64_t> missing;
  CONCLAVE_FIELDS(version, color, magic, items, matrix, extra, missing)
  friend bool operator==(const Record&, const Record&) = default;
};

Record sample_record() {
  return Record{0x01020304,
                Color::green,
                {0xde, 0xad, 0xbe, 0xef},
                {Item{1, {0xaa}}, Item{2, {}}},
                {{1, 2}, {}, {0xffff}},
                Item{7, {1, 2, 3}},
                std::nullopt};
}

// Worked out by hand from the field definitions above.
constexpr const char* sample_record_encoding =
    "01020304"                  // version
    "0a0a"                      // color
    "deadbeef"                  // magic[4]
    "05" "0101aa" "0200"        // items<V>: {1, <aa>}, {2, <>}
    "09" "0400010002" "00" "02ffff"  // matrix<V>: <1, 2>, <>, <ffff>
    "01" "0703010203"           // extra: present, {7, <010203>}
    "00";                       // missing: absent

TEST(Codec, StructEncodesFieldsInOrder) {
  EXPECT_EQ(to_hex(encode(sample_record())), sample_record_encoding);
}

TEST(Codec, StructRoundTrips) {
  const auto decoded = decode<Record>(hex(sample_record_encoding));
  ASSERT_TRUE(is_ok(decoded));
  EXPECT_EQ(*decoded, sample_record());
}

TEST(Codec, UnknownEnumValuesRoundTrip) {
  const auto decoded = decode<Color>(hex("1234"));
  ASSERT_TRUE(is_ok(decoded));
  EXPECT_EQ(static_cast<std::uint16_t>(*decoded), 0x1234);
  EXPECT_EQ(to_hex(encode(*decoded)), "1234");
}

TEST(Codec, EncodeWritesExactlySizeBytesWithoutReallocating) {
  // Items of 70 and 20000 bytes need 2- and 4-byte length prefixes.
  Record record = sample_record();
  record.items.push_back(Item{3, Bytes(70, 0x33)});
  record.items.push_back(Item{4, Bytes(20000, 0x44)});
  record.missing = 9;
  const Bytes out = encode(record);
  EXPECT_EQ(out.size(), Codec<Record>::size(record));
  EXPECT_EQ(out.capacity(), out.size());
  const auto decoded = decode<Record>(out);
  ASSERT_TRUE(is_ok(decoded));
  EXPECT_EQ(*decoded, record);
}

struct Borrowed {
  BytesView first;
  BytesView second;
  CONCLAVE_FIELDS(first, second)
};

TEST(Codec, BytesViewFieldsPointIntoTheInput) {
  const Bytes wire = hex("02aabb03ccddee");
  const auto decoded = decode<Borrowed>(wire);
  ASSERT_TRUE(is_ok(decoded));
  EXPECT_EQ(decoded->first.data(), wire.data() + 1);
  EXPECT_EQ(decoded->first.size(), 2u);
  EXPECT_EQ(decoded->second.data(), wire.data() + 4);
  EXPECT_EQ(decoded->second.size(), 3u);
}

// ------------------------------------------------------------ sticky error

TEST(Codec, FirstFailureIsSticky) {
  const Bytes data = hex("c00102");
  Reader reader(data);
  std::uint64_t varint = 0;
  EXPECT_FALSE(reader.read_varint(varint));
  EXPECT_FALSE(reader.ok());
  EXPECT_EQ(reader.error(), Errc::invalid_varint);

  // Bytes remain, yet every later read fails and the first cause stays.
  std::uint8_t byte = 0;
  BytesView view;
  EXPECT_FALSE(reader.read_u8(byte));
  EXPECT_FALSE(reader.read_bytes(1, view));
  EXPECT_FALSE(reader.read_vector(view));
  EXPECT_FALSE(reader.fail(Errc::truncated));
  EXPECT_EQ(reader.error(), Errc::invalid_varint);
}

// Every integer width can be cut short, and each read and the budget keep
// the first failure.
TEST(Codec, EveryReadAndChargeAfterAFailureFails) {
  const Bytes data = hex("01");
  Reader reader(data);
  std::uint16_t u16 = 0;
  std::uint32_t u32 = 0;
  std::uint64_t u64 = 0;
  EXPECT_FALSE(reader.read_u16(u16));
  EXPECT_EQ(reader.error(), Errc::truncated);
  EXPECT_FALSE(reader.read_u32(u32));
  EXPECT_FALSE(reader.read_u64(u64));
  EXPECT_FALSE(reader.read_varint(u64));
  EXPECT_FALSE(reader.charge(0));
  EXPECT_EQ(reader.error(), Errc::truncated);
  std::uint8_t u8 = 0;
  EXPECT_FALSE(reader.read_u8(u8));
  Reader empty(BytesView{});
  EXPECT_FALSE(empty.read_u8(u8));
  EXPECT_EQ(empty.error(), Errc::truncated);
  Reader short_u32(data);
  EXPECT_FALSE(short_u32.read_u32(u32));
  EXPECT_EQ(short_u32.error(), Errc::truncated);
  Reader short_u64(data);
  EXPECT_FALSE(short_u64.read_u64(u64));
  EXPECT_EQ(short_u64.error(), Errc::truncated);
}

TEST(Codec, StructStopsAtTheFirstFailingField) {
  // magic is cut short; the later fields are never read.
  EXPECT_TRUE(fails_with(decode<Record>(hex("010203040a0adead")), Errc::truncated));
}

}  // namespace
