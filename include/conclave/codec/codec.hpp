#pragma once

/// @file
/// TLS presentation language (RFC 8446 section 3, as profiled by RFC 9420
/// section 2.1) as C++ types:
///
/// | Wire type          | C++ type                                              |
/// |--------------------|-------------------------------------------------------|
/// | `uint8..uint64`    | `std::uint8_t` .. `std::uint64_t`, big-endian         |
/// | `enum`             | an enum class over one of those                       |
/// | `opaque x<V>`      | `Bytes` (owned) or `BytesView` (borrowed, zero-copy)  |
/// | `T x<V>`           | `std::vector<T>`                                      |
/// | `opaque x[N]`      | `std::array<std::uint8_t, N>`                         |
/// | `optional<T>`      | `std::optional<T>`, a presence octet of 0 or 1        |
/// | `struct`           | a type that declares `CONCLAVE_FIELDS(a, b, ...)`     |
/// | `select (tag)`     | `Select<Tag, Cases...>`, each case naming its tag     |
/// | `opaque secret<V>` | `crypto::Secret`                                      |
///
/// Each type's Codec<T> gives size() (the exact encoded size), write() and
/// read(). read() reports failure through the Reader's sticky error.

#include <algorithm>
#include <array>
#include <concepts>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <tuple>
#include <type_traits>
#include <variant>
#include <vector>

#include "conclave/bytes.hpp"
#include "conclave/codec/reader.hpp"
#include "conclave/codec/varint.hpp"
#include "conclave/codec/writer.hpp"
#include "conclave/crypto/secret.hpp"
#include "conclave/error.hpp"

namespace conclave::codec {

/// The encoding of one wire type `T`: static `size(value)` (the exact encoded
/// size), `write(writer, value)` and `read(reader, value)`.
///
/// `read` returns false and records the cause in the Reader on failure. Only
/// the specializations below exist; a type with none does not compile.
/// Specialize it for a type that needs an encoding of its own.
///
/// @tparam T the C++ type being encoded.
template <class T>
struct Codec;

/// Declares a struct's wire fields, in wire order, next to the fields.
///
/// Use it once inside the struct body, with no semicolon after it. It defines
/// `wire_fields()`, a tuple of references to the fields, which makes the
/// struct a WireStruct: its encoding is the fields' encodings in order.
#define CONCLAVE_FIELDS(...)                                        \
  auto wire_fields() { return std::tie(__VA_ARGS__); }             \
  auto wire_fields() const { return std::tie(__VA_ARGS__); }

/// A struct that declared its fields with CONCLAVE_FIELDS.
template <class T>
concept WireStruct = requires(T& t) { t.wire_fields(); };

/// The four unsigned integer types of the wire format: uint8, uint16, uint32 and uint64.
template <class T>
concept WireInteger =
    std::same_as<T, std::uint8_t> || std::same_as<T, std::uint16_t> ||
    std::same_as<T, std::uint32_t> || std::same_as<T, std::uint64_t>;

/// Unsigned integers: `sizeof(T)` bytes, big-endian.
template <WireInteger T>
struct Codec<T> {
  /// Unsigned integers: `sizeof(T)`.
  static constexpr std::size_t size(T) noexcept { return sizeof(T); }
  /// Unsigned integers: appends `v` big-endian.
  static void write(Writer& w, T v) {
    if constexpr (sizeof(T) == 1) w.write_u8(v);
    else if constexpr (sizeof(T) == 2) w.write_u16(v);
    else if constexpr (sizeof(T) == 4) w.write_u32(v);
    else w.write_u64(v);
  }
  /// Unsigned integers: reads `v` big-endian. @errors `Errc::truncated` when the input is too short.
  static bool read(Reader& r, T& v) noexcept {
    if constexpr (sizeof(T) == 1) return r.read_u8(v);
    else if constexpr (sizeof(T) == 2) return r.read_u16(v);
    else if constexpr (sizeof(T) == 4) return r.read_u32(v);
    else return r.read_u64(v);
  }
};

/// Enums travel as their underlying integer. Every value of the integer is
/// accepted: unknown values must round-trip (RFC 9420 section 13.5, GREASE).
template <class T>
  requires std::is_enum_v<T>
struct Codec<T> {
  /// Enums: the underlying integer type, which must be a WireInteger.
  using Int = std::underlying_type_t<T>;
  /// Enums: `sizeof(Int)`.
  static constexpr std::size_t size(T) noexcept { return sizeof(Int); }
  /// Enums: appends the underlying integer of `v`.
  static void write(Writer& w, T v) { Codec<Int>::write(w, static_cast<Int>(v)); }
  /// Enums: reads the underlying integer; any value is accepted. @errors `Errc::truncated` when the input is too short.
  static bool read(Reader& r, T& v) noexcept {
    Int raw{};
    if (!Codec<Int>::read(r, raw)) return false;
    v = static_cast<T>(raw);
    return true;
  }
};

/// `opaque x<V>` borrowed: a varint length, then the bytes. A decoded view
/// points into the input, which must outlive it.
template <>
struct Codec<BytesView> {
  /// The length prefix plus the bytes.
  static std::size_t size(BytesView v) noexcept { return varint_size(v.size()) + v.size(); }
  /// Appends the length prefix and the bytes. @throws std::length_error beyond max_varint bytes.
  static void write(Writer& w, BytesView v) { w.write_vector(v); }
  /// Reads a vector as a view into the input. @errors those of Reader::read_vector().
  static bool read(Reader& r, BytesView& v) noexcept { return r.read_vector(v); }
};

/// `opaque x<V>` owned: the same encoding as BytesView, decoded into a copy.
template <>
struct Codec<Bytes> {
  /// The length prefix plus the bytes.
  static std::size_t size(const Bytes& v) noexcept { return Codec<BytesView>::size(v); }
  /// Appends the length prefix and the bytes. @throws std::length_error beyond max_varint bytes.
  static void write(Writer& w, const Bytes& v) { w.write_vector(v); }
  /// Reads a vector and copies it into `v`, charging the copy to the
  /// reader's memory budget. @errors those of Reader::read_vector() and
  /// Reader::charge().
  static bool read(Reader& r, Bytes& v) {
    BytesView view;
    if (!read_charged(r, view)) return false;
    v.assign(view.begin(), view.end());
    return true;
  }
  /// Reads a vector as a view and charges the copy the caller will make of
  /// it (nothing when it is empty). @errors those of Reader::read_vector()
  /// and Reader::charge().
  static bool read_charged(Reader& r, BytesView& view) noexcept {
    return r.read_vector(view) && (view.empty() || r.charge(view.size()));
  }
};

/// `opaque secret<V>`: the same encoding as Bytes, decoded into a zeroizing
/// Secret (the input buffer itself is the caller's to wipe).
template <>
struct Codec<crypto::Secret> {
  /// The length prefix plus the secret's bytes.
  static std::size_t size(const crypto::Secret& v) noexcept { return Codec<BytesView>::size(v.view()); }
  /// Appends the length prefix and the secret's bytes. @throws std::length_error beyond max_varint bytes.
  static void write(Writer& w, const crypto::Secret& v) { w.write_vector(v.view()); }
  /// Reads a vector and copies it into a new Secret, charged as Bytes are.
  /// @errors those of Codec<Bytes>::read_charged().
  static bool read(Reader& r, crypto::Secret& v) {
    BytesView view;
    if (!Codec<Bytes>::read_charged(r, view)) return false;
    v = crypto::Secret(view);
    return true;
  }
};

/// `opaque x[N]`: exactly `N` bytes, with no length prefix.
template <std::size_t N>
struct Codec<std::array<std::uint8_t, N>> {
  /// `N`.
  static constexpr std::size_t size(const std::array<std::uint8_t, N>&) noexcept { return N; }
  /// Appends the `N` bytes.
  static void write(Writer& w, const std::array<std::uint8_t, N>& v) { w.write_bytes(v); }
  /// Reads `N` bytes into `v`. @errors `Errc::truncated` when fewer than `N` bytes remain.
  static bool read(Reader& r, std::array<std::uint8_t, N>& v) noexcept {
    BytesView view;
    if (!r.read_bytes(N, view)) return false;
    std::copy(view.begin(), view.end(), v.begin());
    return true;
  }
};

/// `T x<V>`: a varint giving the total encoded size of the items in bytes
/// (not their count), then the items in order.
template <class T>
struct Codec<std::vector<T>> {
  /// The encoded size of the items, without the length prefix.
  static std::size_t content_size(const std::vector<T>& v) {
    std::size_t total = 0;
    for (const auto& item : v) total += Codec<T>::size(item);
    return total;
  }
  /// The length prefix plus content_size().
  static std::size_t size(const std::vector<T>& v) {
    const auto content = content_size(v);
    return varint_size(content) + content;
  }
  /// Appends the length prefix, then each item. @throws std::length_error when the items exceed max_varint bytes.
  static void write(Writer& w, const std::vector<T>& v) {
    w.write_varint(content_size(v));
    for (const auto& item : v) Codec<T>::write(w, item);
  }
  /// Reads the vector's bytes, then items until they are used up; `v` is
  /// replaced. An item that ends past the vector's bytes fails. The items
  /// are capped by the Limits field that VectorItemLimit<T> names, and each
  /// growth of `v` is charged to the reader's memory budget: the new block
  /// while the old one is still held, which is given back once freed.
  ///
  /// @errors those of Reader::read_vector() for the outer vector;
  /// `Errc::decode_limit` for an item beyond the cap or a growth beyond the
  /// budget; and any error of `Codec<T>::read` for an item (an item cut off
  /// at the vector's end gives `Errc::truncated`).
  static bool read(Reader& r, std::vector<T>& v) {
    Reader items(BytesView{}, r.limits());
    if (!r.read_vector(items)) return false;
    v.clear();
    const std::size_t cap = r.limits().*VectorItemLimit<T>::field;
    std::size_t charged = 0;
    while (!items.empty()) {
      if (v.size() == cap) return r.fail(Errc::decode_limit);
      if (v.size() == v.capacity() && !grow(items, v, cap, charged)) return r.fail(items.error());
      if (!Codec<T>::read(items, v.emplace_back())) return r.fail(items.error());
    }
    return true;
  }

 private:
  static constexpr std::size_t first_capacity = 4;

  // Doubles the capacity (at most to `cap` items): charges the new block,
  // then gives back the block of `charged` items that it replaces.
  static bool grow(Reader& r, std::vector<T>& v, std::size_t cap, std::size_t& charged) {
    const std::size_t capacity = std::min(cap, std::max(first_capacity, 2 * v.capacity()));
    if (capacity > r.budget() / sizeof(T) || !r.charge(capacity * sizeof(T))) {
      return r.fail(Errc::decode_limit);
    }
    v.reserve(capacity);
    if (charged > 0) r.refund(charged * sizeof(T));
    charged = capacity;
    return true;
  }
};

/// `optional<T>`: a presence octet (0 absent, 1 present), then the value if present.
template <class T>
struct Codec<std::optional<T>> {
  /// One byte, plus the value's size when present.
  static std::size_t size(const std::optional<T>& v) {
    return 1 + (v ? Codec<T>::size(*v) : 0);
  }
  /// Appends the presence octet, then the value if present.
  static void write(Writer& w, const std::optional<T>& v) {
    w.write_u8(v ? 1 : 0);
    if (v) Codec<T>::write(w, *v);
  }
  /// Reads the presence octet, then the value if present.
  ///
  /// @errors `Errc::truncated` when the input is too short;
  /// `Errc::invalid_value` for a presence octet other than 0 or 1; any error
  /// of `Codec<T>::read` for the value.
  static bool read(Reader& r, std::optional<T>& v) {
    std::uint8_t present = 0;
    if (!r.read_u8(present)) return false;
    if (present > 1) return r.fail(Errc::invalid_value);
    if (present == 0) {
      v.reset();
      return true;
    }
    return Codec<T>::read(r, v.emplace());
  }
};

/// Structs: the fields named in CONCLAVE_FIELDS, each encoded in turn, with
/// nothing between them.
template <WireStruct T>
struct Codec<T> {
  /// Structs: the sum of the fields' sizes.
  static std::size_t size(const T& v) {
    return std::apply([](const auto&... f) { return (std::size_t{0} + ... + field_size(f)); },
                      v.wire_fields());
  }
  /// Structs: appends each field in order.
  static void write(Writer& w, const T& v) {
    std::apply([&](const auto&... f) { (field_write(w, f), ...); }, v.wire_fields());
  }
  /// Structs: reads each field in order, stopping at the first failure (later fields
  /// keep their previous values). @errors the first error of a field's codec.
  static bool read(Reader& r, T& v) {
    return std::apply([&](auto&... f) { return (field_read(r, f) && ...); }, v.wire_fields());
  }

 private:
  template <class F>
  static std::size_t field_size(const F& f) { return Codec<F>::size(f); }
  template <class F>
  static void field_write(Writer& w, const F& f) { Codec<F>::write(w, f); }
  template <class F>
  static bool field_read(Reader& r, F& f) { return Codec<F>::read(r, f); }
};

/// The tag value that selects a case: by default the case type's own
/// `static constexpr Tag tag`; specialize for types that appear under several
/// selects, or that cannot carry a member.
template <class Tag, class Case>
struct SelectTag {
  static constexpr Tag value = Case::tag;  ///< The tag that names `Case`.
};

/// A select's catch-all case: a tag with no case of its own, its body kept
/// as `opaque<V>` data, the convention for extensible selects (custom
/// proposal types) so that unknown values round-trip unchanged.
template <class Tag>
struct UnknownCase {
  Tag tag{};   ///< The tag as it appeared on the wire.
  Bytes data;  ///< The body, without its length prefix.
  /// Equal when both the tag and the body are equal.
  friend bool operator==(const UnknownCase&, const UnknownCase&) = default;
};

/// The body of an UnknownCase: its data as `opaque<V>` (the tag is written by the Select).
template <class Tag>
struct Codec<UnknownCase<Tag>> {
  /// The size of `c.data` as a vector.
  static std::size_t size(const UnknownCase<Tag>& c) { return Codec<Bytes>::size(c.data); }
  /// Appends `c.data` as a vector.
  static void write(Writer& w, const UnknownCase<Tag>& c) { Codec<Bytes>::write(w, c.data); }
  /// Reads `c.data` as a vector; `c.tag` is left as set. @errors those of Reader::read_vector().
  static bool read(Reader& r, UnknownCase<Tag>& c) { return Codec<Bytes>::read(r, c.data); }
};

/// The tag of a case value: `c.tag` for an UnknownCase, otherwise
/// `SelectTag<Tag, Case>::value`.
template <class Tag, class Case>
constexpr Tag tag_of(const Case& c) {
  if constexpr (std::is_same_v<Case, UnknownCase<Tag>>) return c.tag;
  else return SelectTag<Tag, Case>::value;
}

/// A select: the tag, then the case that the tag names. A tag with no case
/// is rejected, unless the last case is `UnknownCase<Tag>`, which takes it.
///
/// @tparam Tag the enum (or integer) type of the tag.
/// @tparam Cases the case types, each with a distinct tag (see SelectTag).
template <class Tag, class... Cases>
struct Select {
  std::variant<Cases...> value;  ///< The case this select holds.

  /// The tag of the case held, as it is written on the wire.
  Tag tag() const {
    return std::visit([](const auto& c) { return tag_of<Tag>(c); }, value);
  }
  /// True when the select holds a `Case`.
  template <class Case>
  bool holds() const noexcept { return std::holds_alternative<Case>(value); }
  /// The `Case` held, or null when the select holds another case.
  template <class Case>
  const Case* get_if() const noexcept { return std::get_if<Case>(&value); }
  /// The `Case` held, or null when the select holds another case.
  template <class Case>
  Case* get_if() noexcept { return std::get_if<Case>(&value); }

  /// Equal when both hold the same case with equal values.
  friend bool operator==(const Select&, const Select&) = default;
};

/// Selects: the tag, then the body of the case it names.
template <class Tag, class... Cases>
struct Codec<Select<Tag, Cases...>> {
  using S = Select<Tag, Cases...>;  ///< The select type encoded.
  /// The tag's size plus the held case's size.
  static std::size_t size(const S& s) {
    return Codec<Tag>::size(s.tag()) +
           std::visit([](const auto& c) { return Codec<std::decay_t<decltype(c)>>::size(c); },
                      s.value);
  }
  /// Appends the tag, then the held case.
  static void write(Writer& w, const S& s) {
    Codec<Tag>::write(w, s.tag());
    std::visit([&](const auto& c) { Codec<std::decay_t<decltype(c)>>::write(w, c); }, s.value);
  }
  /// Reads the tag, then the case it names, in the order of `Cases`.
  ///
  /// @errors `Errc::truncated` when the input ends inside the tag;
  /// `Errc::unknown_variant` for a tag no case names when there is no
  /// UnknownCase; any error of the chosen case's codec.
  static bool read(Reader& r, S& s) {
    Tag tag{};
    if (!Codec<Tag>::read(r, tag)) return false;
    return read_case<Cases...>(r, tag, s);
  }

 private:
  template <class Case, class... Rest>
  static bool read_case(Reader& r, Tag tag, S& s) {
    if constexpr (std::is_same_v<Case, UnknownCase<Tag>>) {
      return Codec<Case>::read(r, s.value.template emplace<Case>(Case{tag, {}}));
    } else {
      if (tag == SelectTag<Tag, Case>::value) {
        return Codec<Case>::read(r, s.value.template emplace<Case>());
      }
      if constexpr (sizeof...(Rest) > 0) return read_case<Rest...>(r, tag, s);
      else return r.fail(Errc::unknown_variant);
    }
  }
};

/// The exact encoding of a value, written into a buffer of exactly its size.
///
/// @throws std::length_error when a vector inside `value` is longer than
/// max_varint bytes, which the wire format cannot express.
template <class T>
Bytes encode(const T& value) {
  Bytes out;
  out.reserve(Codec<T>::size(value));
  Writer writer(out);
  Codec<T>::write(writer, value);
  return out;
}

/// The exact encoding of a value that holds a secret, in zeroizing storage;
/// the buffer it was written in (of exactly its size, so never regrown) is
/// wiped.
///
/// @throws std::length_error as encode() does.
template <class T>
crypto::Secret encode_secret(const T& value) {
  Bytes encoded = encode(value);
  crypto::Secret out(encoded);
  crypto::secure_zero(encoded);
  return out;
}

/// Decodes one complete value; bytes left over are an error.
///
/// The value may borrow from `data` (a BytesView field, say), so `data` must
/// outlive it. `T` must be default-constructible.
///
/// @param data the encoding of exactly one `T`.
/// @param limits bounds on the vector lengths and items accepted, and the
/// memory budget (Limits::memory_budget() of `data.size()`).
///
/// @errors `Errc::truncated` when `data` ends before the value does;
/// `Errc::trailing_data` when bytes remain after it; `Errc::length_limit`
/// for a vector longer than `limits` allow; `Errc::decode_limit` for a
/// vector of more items than `limits` allow or a value beyond the memory
/// budget; `Errc::invalid_varint` or
/// `Errc::non_minimal_varint` for a bad length prefix; `Errc::invalid_value`
/// for a bad optional presence octet; `Errc::unknown_variant` for an
/// unknown select tag; and any code a type's own Codec reports.
template <class T>
Result<T> decode(BytesView data, Limits limits = {}) {
  Reader reader(data, limits);
  T value{};
  if (!Codec<T>::read(reader, value)) return reader.error();
  if (!reader.empty()) return Errc::trailing_data;
  return value;
}

}  // namespace conclave::codec
