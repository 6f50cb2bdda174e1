#pragma once

// TLS presentation language (RFC 8446 section 3, as profiled by RFC 9420
// section 2.1) as C++ types:
//
//   uint8..uint64      std::uint8_t .. std::uint64_t, big-endian
//   enum               an enum class over one of those
//   opaque x<V>        Bytes (owned) or BytesView (borrowed, zero-copy)
//   T x<V>             std::vector<T>
//   opaque x[N]        std::array<std::uint8_t, N>
//   optional<T>        std::optional<T>, a presence octet of 0 or 1
//   struct             a type that declares CONCLAVE_FIELDS(a, b, ...)
//   select (tag)       Select<Tag, Cases...>, each case naming its tag
//   opaque secret<V>   crypto::Secret
//
// Each type's Codec<T> gives size() (the exact encoded size), write() and
// read(). read() reports failure through the Reader's sticky error.

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

template <class T>
struct Codec;

// Declares a struct's wire fields, in wire order, next to the fields.
#define CONCLAVE_FIELDS(...)                                        \
  auto wire_fields() { return std::tie(__VA_ARGS__); }             \
  auto wire_fields() const { return std::tie(__VA_ARGS__); }

template <class T>
concept WireStruct = requires(T& t) { t.wire_fields(); };

template <class T>
concept WireInteger =
    std::same_as<T, std::uint8_t> || std::same_as<T, std::uint16_t> ||
    std::same_as<T, std::uint32_t> || std::same_as<T, std::uint64_t>;

template <WireInteger T>
struct Codec<T> {
  static constexpr std::size_t size(T) noexcept { return sizeof(T); }
  static void write(Writer& w, T v) {
    if constexpr (sizeof(T) == 1) w.write_u8(v);
    else if constexpr (sizeof(T) == 2) w.write_u16(v);
    else if constexpr (sizeof(T) == 4) w.write_u32(v);
    else w.write_u64(v);
  }
  static bool read(Reader& r, T& v) noexcept {
    if constexpr (sizeof(T) == 1) return r.read_u8(v);
    else if constexpr (sizeof(T) == 2) return r.read_u16(v);
    else if constexpr (sizeof(T) == 4) return r.read_u32(v);
    else return r.read_u64(v);
  }
};

// Enums travel as their underlying integer. Every value of the integer is
// accepted: unknown values must round-trip (RFC 9420 section 13.5, GREASE).
template <class T>
  requires std::is_enum_v<T>
struct Codec<T> {
  using Int = std::underlying_type_t<T>;
  static constexpr std::size_t size(T) noexcept { return sizeof(Int); }
  static void write(Writer& w, T v) { Codec<Int>::write(w, static_cast<Int>(v)); }
  static bool read(Reader& r, T& v) noexcept {
    Int raw{};
    if (!Codec<Int>::read(r, raw)) return false;
    v = static_cast<T>(raw);
    return true;
  }
};

template <>
struct Codec<BytesView> {
  static std::size_t size(BytesView v) noexcept { return varint_size(v.size()) + v.size(); }
  static void write(Writer& w, BytesView v) { w.write_vector(v); }
  static bool read(Reader& r, BytesView& v) noexcept { return r.read_vector(v); }
};

template <>
struct Codec<Bytes> {
  static std::size_t size(const Bytes& v) noexcept { return Codec<BytesView>::size(v); }
  static void write(Writer& w, const Bytes& v) { w.write_vector(v); }
  static bool read(Reader& r, Bytes& v) {
    BytesView view;
    if (!r.read_vector(view)) return false;
    v.assign(view.begin(), view.end());
    return true;
  }
};

template <>
struct Codec<crypto::Secret> {
  static std::size_t size(const crypto::Secret& v) noexcept { return Codec<BytesView>::size(v.view()); }
  static void write(Writer& w, const crypto::Secret& v) { w.write_vector(v.view()); }
  static bool read(Reader& r, crypto::Secret& v) {
    BytesView view;
    if (!r.read_vector(view)) return false;
    v = crypto::Secret(view);
    return true;
  }
};

template <std::size_t N>
struct Codec<std::array<std::uint8_t, N>> {
  static constexpr std::size_t size(const std::array<std::uint8_t, N>&) noexcept { return N; }
  static void write(Writer& w, const std::array<std::uint8_t, N>& v) { w.write_bytes(v); }
  static bool read(Reader& r, std::array<std::uint8_t, N>& v) noexcept {
    BytesView view;
    if (!r.read_bytes(N, view)) return false;
    std::copy(view.begin(), view.end(), v.begin());
    return true;
  }
};

template <class T>
struct Codec<std::vector<T>> {
  static std::size_t content_size(const std::vector<T>& v) {
    std::size_t total = 0;
    for (const auto& item : v) total += Codec<T>::size(item);
    return total;
  }
  static std::size_t size(const std::vector<T>& v) {
    const auto content = content_size(v);
    return varint_size(content) + content;
  }
  static void write(Writer& w, const std::vector<T>& v) {
    w.write_varint(content_size(v));
    for (const auto& item : v) Codec<T>::write(w, item);
  }
  static bool read(Reader& r, std::vector<T>& v) {
    Reader items(BytesView{}, r.limits());
    if (!r.read_vector(items)) return false;
    v.clear();
    while (!items.empty()) {
      if (!Codec<T>::read(items, v.emplace_back())) return r.fail(items.error());
    }
    return true;
  }
};

template <class T>
struct Codec<std::optional<T>> {
  static std::size_t size(const std::optional<T>& v) {
    return 1 + (v ? Codec<T>::size(*v) : 0);
  }
  static void write(Writer& w, const std::optional<T>& v) {
    w.write_u8(v ? 1 : 0);
    if (v) Codec<T>::write(w, *v);
  }
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

template <WireStruct T>
struct Codec<T> {
  static std::size_t size(const T& v) {
    return std::apply([](const auto&... f) { return (std::size_t{0} + ... + field_size(f)); },
                      v.wire_fields());
  }
  static void write(Writer& w, const T& v) {
    std::apply([&](const auto&... f) { (field_write(w, f), ...); }, v.wire_fields());
  }
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

// The tag value that selects a case: by default the case type's own
// `static constexpr Tag tag`; specialize for types that appear under several
// selects, or that cannot carry a member.
template <class Tag, class Case>
struct SelectTag {
  static constexpr Tag value = Case::tag;
};

// A select's catch-all case: a tag with no case of its own, its body kept
// as opaque<V> data, the convention for extensible selects (custom
// proposal types) so that unknown values round-trip unchanged.
template <class Tag>
struct UnknownCase {
  Tag tag{};
  Bytes data;
  friend bool operator==(const UnknownCase&, const UnknownCase&) = default;
};

template <class Tag>
struct Codec<UnknownCase<Tag>> {
  static std::size_t size(const UnknownCase<Tag>& c) { return Codec<Bytes>::size(c.data); }
  static void write(Writer& w, const UnknownCase<Tag>& c) { Codec<Bytes>::write(w, c.data); }
  static bool read(Reader& r, UnknownCase<Tag>& c) { return Codec<Bytes>::read(r, c.data); }
};

template <class Tag, class Case>
constexpr Tag tag_of(const Case& c) {
  if constexpr (std::is_same_v<Case, UnknownCase<Tag>>) return c.tag;
  else return SelectTag<Tag, Case>::value;
}

// A select: the tag, then the case that the tag names. A tag with no case
// is rejected, unless the last case is UnknownCase<Tag>, which takes it.
template <class Tag, class... Cases>
struct Select {
  std::variant<Cases...> value;

  Tag tag() const {
    return std::visit([](const auto& c) { return tag_of<Tag>(c); }, value);
  }
  template <class Case>
  bool holds() const noexcept { return std::holds_alternative<Case>(value); }
  template <class Case>
  const Case* get_if() const noexcept { return std::get_if<Case>(&value); }
  template <class Case>
  Case* get_if() noexcept { return std::get_if<Case>(&value); }

  friend bool operator==(const Select&, const Select&) = default;
};

template <class Tag, class... Cases>
struct Codec<Select<Tag, Cases...>> {
  using S = Select<Tag, Cases...>;
  static std::size_t size(const S& s) {
    return Codec<Tag>::size(s.tag()) +
           std::visit([](const auto& c) { return Codec<std::decay_t<decltype(c)>>::size(c); },
                      s.value);
  }
  static void write(Writer& w, const S& s) {
    Codec<Tag>::write(w, s.tag());
    std::visit([&](const auto& c) { Codec<std::decay_t<decltype(c)>>::write(w, c); }, s.value);
  }
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

// The exact encoding of a value, written into a buffer of exactly its size.
template <class T>
Bytes encode(const T& value) {
  Bytes out;
  out.reserve(Codec<T>::size(value));
  Writer writer(out);
  Codec<T>::write(writer, value);
  return out;
}

// Decodes one complete value; bytes left over are an error.
template <class T>
Result<T> decode(BytesView data, Limits limits = {}) {
  Reader reader(data, limits);
  T value{};
  if (!Codec<T>::read(reader, value)) return reader.error();
  if (!reader.empty()) return Errc::trailing_data;
  return value;
}

}  // namespace conclave::codec
