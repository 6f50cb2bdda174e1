// rfc5054-groups.json: each RFC 5054 appendix A group equals Conclave's
// constant, and Group::create accepts it: (N-1)/2 prime, N then proven
// prime, g a primitive root modulo N. The 8192-bit group takes about 10 s.

#include <string>

#include "check.hpp"
#include "conclave/srp/group.hpp"
#include "srp_fields.hpp"

namespace conclave::vectors {

namespace {

constexpr srp::GroupPolicy any_appendix_a_group{.min_bits = 1024};

void check_group(const Json& v, CaseCheck& check) {
  const auto bits = v.at("bits").get<std::size_t>();
  const Bytes modulus = srp_hex(v, "N");
  const Bytes generator = srp_hex(v, "g");
  const auto builtin = srp::rfc5054_group(bits, any_appendix_a_group);
  check.expect(builtin.ok(), "no built-in group of this size");
  if (builtin) {
    expect_same_integer(check, builtin->modulus(), modulus, srp::ByteOrder::big_endian, "N");
    expect_same_integer(check, builtin->generator(), generator, srp::ByteOrder::big_endian, "g");
  }
  const auto created = srp::Group::create(modulus, generator, any_appendix_a_group);
  check.expect(created.ok(), "not a safe prime with a primitive root");
  check.expect(created.ok() && created->bits() == bits, "size differs");
}

}  // namespace

Tally check_srp_groups(const Json& doc) {
  Json cases = Json::array();
  for (const auto& [bits, group] : doc.at("groups").items()) {
    Json c = group;
    c["bits"] = std::stoul(bits);
    cases.push_back(std::move(c));
  }
  return check_each(cases, check_group);
}

}  // namespace conclave::vectors
