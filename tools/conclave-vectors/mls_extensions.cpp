// mls-extensions.json (Conclave's own, from an independent Python
// generator): draft-ietf-mls-extensions. Each encoding decodes to the
// fields listed and re-encodes to the same bytes; each refused encoding is
// refused, by the decoder or by validation.

#include <algorithm>
#include <map>
#include <stdexcept>
#include <string>
#include <type_traits>

#include "conclave/mls/app_data.hpp"
#include "conclave/mls/content_media.hpp"
#include "conclave/mls/extension_types.hpp"
#include "conclave/mls/proposal.hpp"
#include "mls_extensions.hpp"

namespace conclave::vectors {

namespace {

using namespace conclave::mls;

// A JSON number as a component ID.
ComponentId component_id(const Json& id) { return static_cast<ComponentId>(id.get<std::uint16_t>()); }

template <class T, class Item>
std::vector<T> list_of(const Json& items, Item item) {
  std::vector<T> out;
  for (const auto& each : items) out.push_back(item(each));
  return out;
}

ComponentData component_data_of(const Json& v) { return {component_of(v), hex_field(v, "data")}; }

AppDataDictionary dictionary_of(const Json& v) {
  return {list_of<ComponentData>(v.at("component_data"), component_data_of)};
}

ComponentsList components_list_of(const Json& v) {
  return {list_of<ComponentId>(v.at("component_ids"), component_id)};
}

std::vector<WireFormat> wire_formats_of(const Json& v) {
  return list_of<WireFormat>(v.at("wire_formats"),
                             [](const Json& format) { return static_cast<WireFormat>(format.get<std::uint16_t>()); });
}

SafeAad safe_aad_of(const Json& v) {
  return {list_of<SafeAadItem>(v.at("aad_items"), [](const Json& item) {
    return SafeAadItem{component_of(item), hex_field(item, "aad_item_data")};
  })};
}

MediaType media_type_of(const Json& v) {
  return {hex_field(v, "type"), list_of<MediaTypeParameter>(v.at("parameters"), [](const Json& parameter) {
            return MediaTypeParameter{hex_field(parameter, "parameter_name"), hex_field(parameter, "parameter_value")};
          })};
}

MediaTypeList media_type_list_of(const Json& v) {
  return {list_of<MediaType>(v.at("media_type_list"), media_type_of)};
}

ApplicationFraming framing_of(const Json& v) {
  return {media_type_of(v.at("media_type")), hex_field(v, "inner_application_content")};
}

AppDataUpdate app_data_update_of(const Json& v) {
  AppDataUpdate update{component_of(v), {}};
  const auto op = static_cast<AppDataUpdateOperation>(v.at("op").get<std::uint8_t>());
  if (op == AppDataUpdateOperation::update) {
    update.op = {ComponentUpdate{hex_field(v, "update")}};
  } else if (op == AppDataUpdateOperation::remove) {
    update.op = {ComponentRemoval{}};
  } else {
    throw std::invalid_argument("op is neither update nor remove");
  }
  return update;
}

// One of the draft's proposals, named by its code point in this build.
Proposal proposal_of(const Json& v) {
  const auto type = static_cast<ProposalType>(v.at("proposal_type").get<std::uint16_t>());
  if (type == ProposalType::app_data_update) return {app_data_update_of(v)};
  if (type == ProposalType::app_ephemeral) return {AppEphemeral{component_of(v), hex_field(v, "data")}};
  if (type == ProposalType::self_remove) return {SelfRemove{}};
  throw std::invalid_argument("proposal_type is not one of the draft's in this build");
}

ComponentOperationLabel label_of(const Json& v) {
  return {hex_field(v, "base_label"), component_of(v), hex_field(v, "label")};
}

// Field equality, for the types without operator==.
template <class T>
bool same(const T& a, const T& b) {
  return a == b;
}

bool same(const ComponentOperationLabel& a, const ComponentOperationLabel& b) {
  return a.base_label == b.base_label && a.component_id == b.component_id && a.label == b.label;
}

bool same(const SupportedWireFormats& a, const SupportedWireFormats& b) { return a.wire_formats == b.wire_formats; }

bool same(const RequiredWireFormats& a, const RequiredWireFormats& b) { return a.wire_formats == b.wire_formats; }

// The structures that are the data of an extension type.
template <class T>
concept ExtensionData = std::is_same_v<decltype(T::type), const ExtensionType>;

// The case's bytes decode to `expected` and re-encode to themselves; an
// extension type's whole Extension parses to it too.
template <class T>
void expect_encoding(const Json& v, const T& expected, CaseCheck& check) {
  const Bytes encoded = hex_field(v, "encoded");
  check.expect_equal(codec::encode(expected), encoded, "encoding of the value");
  const auto decoded = codec::decode<T>(encoded);
  check.expect(decoded.ok(), "encoded did not decode");
  if (!decoded) return;
  check.expect(same(*decoded, expected), "decoded fields");
  check.expect_equal(codec::encode(*decoded), encoded, "re-encoding");
  if constexpr (ExtensionData<T>) {
    const auto extension = codec::decode<Extension>(hex_field(v, "extension"));
    check.expect(extension.ok(), "extension did not decode");
    if (!extension) return;
    const auto parsed = parse_extension<T>(*extension);
    check.expect(parsed.ok() && same(*parsed, expected), "extension type or data");
  }
}

using EncodingCheck = void (*)(const Json& v, CaseCheck& check);

template <class T, T (*ValueOf)(const Json&)>
void encoding_of(const Json& v, CaseCheck& check) {
  expect_encoding(v, ValueOf(v.at("value")), check);
}

SupportedWireFormats supported_of(const Json& v) { return {wire_formats_of(v)}; }
RequiredWireFormats required_of(const Json& v) { return {wire_formats_of(v)}; }

// The structures this build has a type for (not AppAck).
const std::map<std::string, EncodingCheck>& encoding_checks() {
  static const std::map<std::string, EncodingCheck> checks = {
      {"ComponentOperationLabel", encoding_of<ComponentOperationLabel, label_of>},
      {"ComponentData", encoding_of<ComponentData, component_data_of>},
      {"AppDataDictionary", encoding_of<AppDataDictionary, dictionary_of>},
      {"ComponentsList", encoding_of<ComponentsList, components_list_of>},
      {"SupportedWireFormats", encoding_of<SupportedWireFormats, supported_of>},
      {"RequiredWireFormats", encoding_of<RequiredWireFormats, required_of>},
      {"SafeAAD", encoding_of<SafeAad, safe_aad_of>},
      {"MediaType", encoding_of<MediaType, media_type_of>},
      {"MediaTypeList", encoding_of<MediaTypeList, media_type_list_of>},
      {"ApplicationFraming", encoding_of<ApplicationFraming, framing_of>},
      {"Proposal", encoding_of<Proposal, proposal_of>},
      {"PreSharedKeyID", encoding_of<PreSharedKeyId, pre_shared_key_id_of>},
  };
  return checks;
}

const char* const missing_type_note = "AppAck: Conclave has no type for it";

std::string structure_of(const Json& v) { return v.at("structure").get<std::string>(); }

void check_encoding(const Json& v, CaseCheck& check) { encoding_checks().at(structure_of(v))(v, check); }

template <class T>
bool decodes(BytesView encoded) {
  return codec::decode<T>(encoded).ok();
}

const std::map<std::string, bool (*)(BytesView)>& decoders() {
  static const std::map<std::string, bool (*)(BytesView)> checks = {
      {"AppDataDictionary", decodes<AppDataDictionary>},
      {"ComponentsList", decodes<ComponentsList>},
      {"Proposal", decodes<Proposal>},
      {"SafeAAD", decodes<SafeAad>},
      {"MediaTypeList", decodes<MediaTypeList>},
  };
  return checks;
}

// The library's checks of what decodes but breaks a rule of the draft.
bool valid_dictionary(BytesView encoded) {
  const auto dictionary = codec::decode<AppDataDictionary>(encoded);
  return dictionary && check_app_data_dictionary(*dictionary);
}

bool valid_safe_aad(BytesView encoded) { return parse_safe_aad(encoded).ok(); }

bool valid_media_types(BytesView encoded) { return parse_media_type_list(encoded).ok(); }

const std::map<std::string, bool (*)(BytesView)>& validators() {
  static const std::map<std::string, bool (*)(BytesView)> checks = {
      {"AppDataDictionary", valid_dictionary},
      {"SafeAAD", valid_safe_aad},
      {"MediaTypeList", valid_media_types},
  };
  return checks;
}

bool refused_by_decoding(const Json& v) { return v.at("refused_by").get<std::string>() == "decoding"; }

// Refused by the decoder, or decoded and refused by the library's check.
void check_refused(const Json& v, CaseCheck& check) {
  const Bytes encoded = hex_field(v, "encoded");
  const auto structure = structure_of(v);
  if (refused_by_decoding(v)) {
    check.expect(!decoders().at(structure)(encoded), "decoded");
    return;
  }
  check.expect(decoders().at(structure)(encoded), "did not decode");
  check.expect(!validators().at(structure)(encoded), "passed validation");
}

bool has_encoding_check(const Json& v) { return encoding_checks().count(structure_of(v)) > 0; }

bool has_decoder(const Json& v) { return decoders().count(structure_of(v)) > 0; }

// check_each_where() over one member of the file.
template <class Supported, class CheckOne>
Tally check_member_where(const Json& doc, const char* member, Supported supported, CheckOne check_one) {
  Tally tally = check_each_where(doc.at(member), supported, missing_type_note, check_one);
  name_failures(tally, member);
  return tally;
}

}  // namespace

ComponentId component_of(const Json& v) { return component_id(v.at("component_id")); }

PreSharedKeyId pre_shared_key_id_of(const Json& v) {
  const auto type = static_cast<PskType>(v.at("psktype").get<std::uint8_t>());
  const Bytes psk_id = hex_field(v, "psk_id");
  if (type == PskType::external) return {{ExternalPskId{psk_id}}, hex_field(v, "psk_nonce")};
  if (type == PskType::application) return {{ApplicationPskId{component_of(v), psk_id}}, hex_field(v, "psk_nonce")};
  throw std::invalid_argument("psktype is neither external nor application");
}

void name_failures(Tally& tally, const char* member) {
  for (auto& failure : tally.failures) failure = std::string(member) + " " + failure;
}

Tally check_mls_extensions(const Json& doc) {
  Tally total;
  merge(total, check_member_where(doc, "encodings", has_encoding_check, check_encoding));
  merge(total, check_member_where(doc, "invalid_encodings", has_decoder, check_refused));
  merge(total, check_safe_api_cases(doc));
  merge(total, check_app_data_update_cases(doc));
  return total;
}

}  // namespace conclave::vectors
