// deserialization.json (mls-implementations): the variable-length integer
// headers of RFC 9420 section 2.1.2, decoded and re-encoded.

#include "check.hpp"
#include "conclave/codec/reader.hpp"
#include "conclave/codec/writer.hpp"

namespace conclave::vectors {

namespace {

void check_header(const Json& v, CaseCheck& check) {
  const Bytes header = hex_field(v, "vlbytes_header");
  const auto length = v.at("length").get<std::uint64_t>();
  codec::Reader reader(header);
  std::uint64_t decoded = 0;
  check.expect(reader.read_varint(decoded) && reader.empty(), "header did not decode");
  check.expect(decoded == length, "decoded length");
  Bytes encoded;
  codec::Writer(encoded).write_varint(length);
  check.expect_equal(encoded, header, "encoded header");
}

}  // namespace

Tally check_deserialization(const Json& doc) { return check_each(doc, check_header); }

}  // namespace conclave::vectors
