#include "modular.hpp"

#include <algorithm>
#include <cstdint>
#include <vector>

namespace conclave::srp {

namespace {

// 0xff for 1, 0 for 0.
std::uint8_t mask_of(unsigned bit) { return static_cast<std::uint8_t>(0u - bit); }

// out = a + (b & mask), byte by byte from the least significant; the carry out.
unsigned add_masked(MutableBytesView out, BytesView a, BytesView b, std::uint8_t mask) {
  unsigned carry = 0;
  for (std::size_t i = out.size(); i-- > 0;) {
    const unsigned sum = unsigned{a[i]} + unsigned{static_cast<std::uint8_t>(b[i] & mask)} + carry;
    out[i] = static_cast<std::uint8_t>(sum);
    carry = sum >> 8;
  }
  return carry;
}

// out = a - b modulo 2^(8 * size); the borrow out.
unsigned subtract(MutableBytesView out, BytesView a, BytesView b) {
  unsigned borrow = 0;
  for (std::size_t i = out.size(); i-- > 0;) {
    const unsigned difference = unsigned{a[i]} - unsigned{b[i]} - borrow;
    out[i] = static_cast<std::uint8_t>(difference);
    borrow = (difference >> 8) & 1;
  }
  return borrow;
}

// The i-th least significant byte of an integer in `order`.
std::uint32_t digit(BytesView integer, std::size_t i, ByteOrder order) {
  return order == ByteOrder::big_endian ? integer[integer.size() - 1 - i] : integer[i];
}

}  // namespace

crypto::Secret add_mod(BytesView a, BytesView b, BytesView n) {
  crypto::Secret sum(n.size());
  const unsigned carry = add_masked(sum.mutable_view(), a, b, 0xff);
  crypto::Secret reduced(n.size());
  const unsigned borrow = subtract(reduced.mutable_view(), sum.view(), n);
  // The sum is below n exactly when it did not carry out and taking n away
  // borrowed; then it is the result, else the reduced sum is.
  const std::uint8_t keep_sum = mask_of(borrow & (carry ^ 1));
  MutableBytesView out = reduced.mutable_view();
  for (std::size_t i = 0; i < out.size(); ++i) {
    out[i] = static_cast<std::uint8_t>((sum.view()[i] & keep_sum) | (out[i] & ~keep_sum));
  }
  return reduced;
}

crypto::Secret subtract_mod(BytesView a, BytesView b, BytesView n) {
  crypto::Secret difference(n.size());
  const unsigned borrow = subtract(difference.mutable_view(), a, b);
  // a < b wrapped around 2^(8 * size): adding n brings it back below n.
  add_masked(difference.mutable_view(), difference.view(), n, mask_of(borrow));
  return difference;
}

bool is_between_one_and(BytesView value, BytesView limit, ByteOrder order) {
  // The borrows out of value - limit (set when value < limit) and of
  // 1 - value (set when value > 1), from the least significant byte.
  unsigned below_limit = 0;
  unsigned above_one = 0;
  for (std::size_t i = 0; i < value.size(); ++i) {
    const std::uint32_t byte = digit(value, i, order);
    below_limit = ((byte - digit(limit, i, order) - below_limit) >> 8) & 1;
    above_one = ((std::uint32_t{i == 0} - byte - above_one) >> 8) & 1;
  }
  return (below_limit & above_one) == 1;
}

crypto::Secret multiply_add(BytesView u, BytesView x, BytesView a, ByteOrder order) {
  // Column sums of byte products: at most min(|u|, |x|) * 255^2 + 255 each,
  // within 32 bits for integers of up to 64 KiB.
  std::vector<std::uint32_t> columns(std::max(u.size() + x.size(), a.size()) + 1);
  for (std::size_t i = 0; i < u.size(); ++i) {
    for (std::size_t j = 0; j < x.size(); ++j) columns[i + j] += digit(u, i, order) * digit(x, j, order);
  }
  for (std::size_t i = 0; i < a.size(); ++i) columns[i] += digit(a, i, order);
  crypto::Secret out(columns.size());
  MutableBytesView bytes = out.mutable_view();
  std::uint32_t carry = 0;
  for (std::size_t i = 0; i < columns.size(); ++i) {
    const std::uint64_t value = std::uint64_t{columns[i]} + carry;
    bytes[bytes.size() - 1 - i] = static_cast<std::uint8_t>(value);
    carry = static_cast<std::uint32_t>(value >> 8);
  }
  crypto::secure_zero({reinterpret_cast<std::uint8_t*>(columns.data()), columns.size() * sizeof(std::uint32_t)});
  return out;
}

}  // namespace conclave::srp
