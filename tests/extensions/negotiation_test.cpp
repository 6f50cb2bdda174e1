// draft-ietf-mls-extensions, "Negotiating Extensions and Components",
// "GREASE", "Content Advertisement" and "Last-Resort KeyPackages". Each
// receiver MUST: the bad input, its exact error, the receiver unchanged.

#include <gtest/gtest.h>

#include <algorithm>
#include <initializer_list>

#include "conclave/mls/content_media.hpp"
#include "conclave/mls/extension_types.hpp"
#include "conclave/mls/negotiation.hpp"
#include "../group_validation_fixtures.hpp"

namespace {

using namespace conclave;
using namespace conclave::mls;
using namespace conclave::mls::validation;

constexpr auto extra_format = static_cast<WireFormat>(0xf0f0);
constexpr auto chat = ComponentId{0x8001};
constexpr auto unknown_component = ComponentId{0x9999};
constexpr auto grease = ComponentId{0x3a3a};

Extension components_dictionary(std::vector<ComponentData> entries) {
  return make_extension(AppDataDictionary{std::move(entries)});
}

ComponentData components_entry(ComponentId which, std::vector<ComponentId> ids) {
  return {which, codec::encode(ComponentsList{std::move(ids)})};
}

// A leaf's extensions: supported wire formats and supported components.
ExtensionList leaf_support(std::vector<WireFormat> formats, std::vector<ComponentId> components) {
  return {make_extension(SupportedWireFormats{std::move(formats)}),
          components_dictionary({components_entry(ComponentId::app_components, std::move(components))})};
}

// Every member supports the wire format 0xf0f0 and the component 0x8001,
// which the group requires.
class NegotiationTest : public GroupValidationTest {
 protected:
  KeyPackageOptions member_options() const override { return supporting({extra_format}, {chat}); }
  ExtensionList group_extensions() const override {
    return {make_extension(RequiredWireFormats{{extra_format}}),
            components_dictionary({components_entry(ComponentId::app_components, {chat})})};
  }

  static KeyPackageOptions supporting(std::vector<WireFormat> formats, std::vector<ComponentId> components) {
    KeyPackageOptions options;
    options.leaf_extensions = leaf_support(std::move(formats), std::move(components));
    options.capabilities.extensions = {ExtensionType::required_wire_formats};
    return options;
  }

  void expect_update_rejected(const std::function<void(LeafNode&)>& change, Errc expected) {
    const ProposalRef update = carol_update(change);
    expect_tampered_rejected(with_proposals({ProposalOrRef{update}}), expected);
  }
};

// ---- Adds: the KeyPackage's leaf supports what the group requires ----

TEST_F(NegotiationTest, AddLacksRequiredWireFormat) {
  auto frank = key_package("frank", supporting({}, {chat}));
  expect_invalid_list({Proposal{Add{frank.key_package}}}, Errc::capability_mismatch);
}

TEST_F(NegotiationTest, AddLacksRequiredComponent) {
  auto frank = key_package("frank", supporting({extra_format}, {}));
  expect_invalid_list({Proposal{Add{frank.key_package}}}, Errc::capability_mismatch);
}

// "GREASE": unknown and GREASE values in a leaf's lists and dictionary are
// ignored: frank supports what is required and more, and is added.
TEST_F(NegotiationTest, UnknownAndGreaseComponentsIgnored) {
  KeyPackageOptions options = supporting({extra_format, static_cast<WireFormat>(0x0a0a)},
                                         {grease, chat, unknown_component});
  auto with_unknown = with_component(options.leaf_extensions, {unknown_component, Bytes{1, 2, 3}});
  ASSERT_TRUE(is_ok(with_unknown));
  auto with_grease = with_component(*with_unknown, {grease, {}});
  ASSERT_TRUE(is_ok(with_grease));
  options.leaf_extensions = *with_grease;
  auto frank = key_package("frank", options);
  auto commit = group(bob).commit({.proposals = {Proposal{Add{frank.key_package}}}}, random);
  ASSERT_TRUE(is_ok(commit));
  ASSERT_TRUE(is_ok(group(bob).merge_pending_commit()));
  expect_accepted(group(dave), commit->commit, group(bob));
}

// ---- Updates and Commit paths ----

TEST_F(NegotiationTest, UpdateLeafLacksRequiredWireFormat) {
  expect_update_rejected([](LeafNode& leaf) { leaf.extensions = leaf_support({}, {chat}); },
                         Errc::capability_mismatch);
}

TEST_F(NegotiationTest, PathLeafLacksRequiredComponent) {
  expect_tampered_rejected(
      with_path_leaf([](LeafNode& leaf) { leaf.extensions = leaf_support({extra_format}, {}); }),
      Errc::capability_mismatch);
}

// An external joiner's leaf too: frank lacks the wire format and is
// refused; gina, with it, is accepted from the same GroupInfo.
TEST_F(NegotiationTest, ExternalJoinerLacksRequiredWireFormat) {
  expect_external_joiner_refused(key_package("frank", supporting({}, {chat})),
                                 key_package("gina", member_options()), Errc::capability_mismatch);
}

// ---- GroupContextExtensions: every member supports the new requirements ----

TEST_F(NegotiationTest, GroupContextExtensionsRequireUnsupportedWireFormat) {
  const ExtensionList extensions{make_extension(RequiredWireFormats{{static_cast<WireFormat>(0xf0f1)}})};
  expect_invalid_list({Proposal{GroupContextExtensions{extensions}}}, Errc::capability_mismatch);
}

TEST_F(NegotiationTest, GroupContextExtensionsRequireUnsupportedComponent) {
  const ExtensionList extensions{
      components_dictionary({components_entry(ComponentId::app_components, {chat, unknown_component})})};
  expect_invalid_list({Proposal{GroupContextExtensions{extensions}}}, Errc::capability_mismatch);
}

// The five wire formats of RFC 9420 need no advertisement.
TEST(ComponentRequirements, DefaultWireFormatsNeedNoSupport) {
  auto required = find_component_requirements({make_extension(RequiredWireFormats{{WireFormat::welcome}})});
  ASSERT_TRUE(is_ok(required));
  EXPECT_TRUE(required->wire_formats.empty());
  EXPECT_TRUE(is_ok(meets_component_requirements(LeafNode{}, *required)));
}

// "Negotiating Extensions and Components": safe_aad follows the same model.
TEST(ComponentRequirements, SafeAadRequired) {
  const ExtensionList group{components_dictionary({components_entry(ComponentId::safe_aad, {chat})})};
  LeafNode leaf;
  leaf.extensions = {components_dictionary({components_entry(ComponentId::safe_aad, {grease})})};
  EXPECT_TRUE(fails_with(supports_component_requirements(leaf, group), Errc::capability_mismatch));
  leaf.extensions = {components_dictionary({components_entry(ComponentId::safe_aad, {grease, chat})})};
  EXPECT_TRUE(is_ok(supports_component_requirements(leaf, group)));
}

// ---- Malformed lists: each is refused with the codec's error ----

// A vector whose length prefix (4) claims more than the one byte after it.
const Bytes truncated_vector{0x04, 0x00};

Extension unparsable(ExtensionType type) { return {type, truncated_vector}; }

// Extension lists broken in each list a requirement or a support is read
// from: the wire formats, the dictionary, and the two ComponentsLists in it.
std::vector<ExtensionList> malformed_lists(ExtensionType wire_formats) {
  return {{unparsable(wire_formats)},
          {unparsable(ExtensionType::app_data_dictionary)},
          {components_dictionary({{ComponentId::app_components, truncated_vector}})},
          {components_dictionary({components_entry(ComponentId::app_components, {chat}),
                                  {ComponentId::safe_aad, truncated_vector}})}};
}

TEST(ComponentRequirements, MalformedGroupRequirementsRefused) {
  const auto suite = *CipherSuite::find(CipherSuiteId::mls_128_dhkemx25519_aes128gcm_sha256_ed25519);
  crypto::DeterministicRandom random{as_bytes("malformed requirements")};
  const RatchetTree tree(suite, test::make_member(suite, random, 0).leaf);
  for (const auto& group : malformed_lists(ExtensionType::required_wire_formats)) {
    EXPECT_TRUE(fails_with(find_component_requirements(group), Errc::truncated));
    EXPECT_TRUE(fails_with(supports_component_requirements(LeafNode{}, group), Errc::truncated));
    EXPECT_TRUE(fails_with(members_meet_component_requirements(tree, group), Errc::truncated));
  }
}

TEST(ComponentRequirements, MalformedLeafSupportRefused) {
  const ComponentRequirements required{{extra_format}, {chat}, {}};
  for (const auto& extensions : malformed_lists(ExtensionType::supported_wire_formats)) {
    LeafNode leaf;
    leaf.extensions = extensions;
    EXPECT_TRUE(fails_with(meets_component_requirements(leaf, required), Errc::truncated));
  }
}

// RFC 9420 section 17.2 registers wire formats 1 to 5; 0 is reserved, not
// a default one, so a group that requires it requires an advertisement.
TEST(ComponentRequirements, ReservedWireFormatIsNoDefault) {
  const auto reserved = static_cast<WireFormat>(0);
  auto required = find_component_requirements({make_extension(RequiredWireFormats{{reserved}})});
  ASSERT_TRUE(is_ok(required));
  EXPECT_EQ(required->wire_formats, std::vector<WireFormat>{reserved});
  EXPECT_TRUE(fails_with(meets_component_requirements(LeafNode{}, *required), Errc::capability_mismatch));
}

// Section 12.1.7, as for required_capabilities: a GroupContextExtensions
// proposal whose required wire formats do not parse is invalid.
TEST_F(NegotiationTest, GroupContextExtensionsWithUnparsableWireFormats) {
  expect_invalid_list({Proposal{GroupContextExtensions{{unparsable(ExtensionType::required_wire_formats)}}}},
                      Errc::invalid_proposal);
}

// A dictionary or ComponentsList that does not parse is not rewritten.
TEST(Grease, MalformedDictionariesAreNotExtended) {
  crypto::DeterministicRandom random{as_bytes("malformed dictionaries")};
  Capabilities with_dictionary;
  with_dictionary.extensions = {ExtensionType::app_data_dictionary};
  const ExtensionList bad_dictionary{unparsable(ExtensionType::app_data_dictionary)};
  EXPECT_TRUE(fails_with(with_component(bad_dictionary, {chat, {}}), Errc::truncated));
  EXPECT_TRUE(fails_with(mark_last_resort(bad_dictionary), Errc::truncated));
  EXPECT_TRUE(fails_with(with_grease_components(bad_dictionary, random), Errc::truncated));
  EXPECT_TRUE(fails_with(prepare_leaf_components(bad_dictionary, with_dictionary, random), Errc::truncated));
  const ExtensionList bad_components{components_dictionary({{ComponentId::app_components, truncated_vector}})};
  EXPECT_TRUE(fails_with(with_grease_components(bad_components, random), Errc::truncated));
  EXPECT_TRUE(fails_with(prepare_leaf_components(bad_components, with_dictionary, random), Errc::truncated));
  const ExtensionList bad_safe_aad{components_dictionary({{ComponentId::safe_aad, truncated_vector}})};
  EXPECT_TRUE(fails_with(with_grease_components(bad_safe_aad, random), Errc::truncated));
}

// "GREASE": a GREASE component already in the dictionary is kept, its
// data with it.
TEST(Grease, GreaseEntriesAlreadyPresentAreKept) {
  crypto::DeterministicRandom random{as_bytes("grease kept")};
  const std::initializer_list<std::uint16_t> grease_values{0x0a0a, 0x1a1a, 0x2a2a, 0x3a3a,
                                                          0x4a4a, 0x5a5a, 0x6a6a, 0x7a7a};
  std::vector<ComponentData> entries;
  for (const std::uint16_t value : grease_values) entries.push_back({ComponentId{value}, Bytes{0x01}});
  const AppDataDictionary all_grease{entries};
  auto greased = with_grease_components({make_extension(all_grease)}, random);
  ASSERT_TRUE(is_ok(greased));
  auto dictionary = find_app_data_dictionary(*greased);
  ASSERT_TRUE(is_ok(dictionary));
  ASSERT_TRUE(dictionary->has_value());
  EXPECT_EQ(**dictionary, all_grease);
}

// "Last-Resort KeyPackages": no mark without a dictionary holding it, nor
// in a dictionary that does not parse.
TEST(LastResort, NoMarkWithoutAParsedDictionary) {
  KeyPackage key_package;
  EXPECT_FALSE(is_last_resort(key_package));
  key_package.extensions = {unparsable(ExtensionType::app_data_dictionary)};
  EXPECT_FALSE(is_last_resort(key_package));
  key_package.extensions = {components_dictionary({{ComponentId::app_components, {}}})};
  EXPECT_FALSE(is_last_resort(key_package));
}

// ---- Conclave's own KeyPackages ----

// "Every implementation that advertises support for app_data_dictionary
// MUST understand and advertise app_components"; "GREASE": a random GREASE
// component where the dictionary and its lists are present.
TEST(OwnKeyPackages, AdvertiseAppComponentsAndGrease) {
  const auto suite = *CipherSuite::find(CipherSuiteId::mls_128_dhkemx25519_aes128gcm_sha256_ed25519);
  crypto::DeterministicRandom random{as_bytes("own key packages")};
  KeyPackageOptions options;
  options.capabilities.extensions = {ExtensionType::app_data_dictionary};
  options.leaf_extensions = {components_dictionary({{ComponentId::content_media_types, {}}})};
  auto bundle = create_key_package(suite, Credential{BasicCredential{Bytes{'a'}}},
                                   suite.signature().generate_key_pair(random), options, random);
  ASSERT_TRUE(is_ok(bundle));
  auto dictionary = find_app_data_dictionary(bundle->key_package.leaf_node.extensions);
  ASSERT_TRUE(is_ok(dictionary));
  ASSERT_TRUE(dictionary->has_value());
  const Bytes* advertised = component_data(**dictionary, ComponentId::app_components);
  ASSERT_NE(advertised, nullptr);
  auto list = codec::decode<ComponentsList>(*advertised);
  ASSERT_TRUE(is_ok(list));
  const auto& ids = list->component_ids;
  EXPECT_NE(std::find(ids.begin(), ids.end(), ComponentId::app_components), ids.end());
  EXPECT_NE(std::find(ids.begin(), ids.end(), ComponentId::content_media_types), ids.end());
  EXPECT_TRUE(std::any_of(ids.begin(), ids.end(), is_grease_component));
  const auto& entries = (*dictionary)->component_data;
  EXPECT_TRUE(std::any_of(entries.begin(), entries.end(),
                          [](const ComponentData& e) { return is_grease_component(e.component_id); }));
  EXPECT_TRUE(std::is_sorted(entries.begin(), entries.end(), [](const auto& a, const auto& b) {
    return a.component_id < b.component_id;
  }));
  EXPECT_TRUE(is_ok(validate_key_package(suite, bundle->key_package, std::nullopt)));
}

TEST(Grease, RegistryValues) {
  const std::initializer_list<std::uint16_t> grease_values{0x0a0a, 0x1a1a, 0x2a2a, 0x3a3a,
                                                          0x4a4a, 0x5a5a, 0x6a6a, 0x7a7a};
  for (const std::uint16_t v : grease_values) EXPECT_TRUE(is_grease_component(ComponentId{v})) << v;
  const std::initializer_list<std::uint16_t> other_values{0x0000, 0x0001, 0x8a8a, 0x0a1a, 0xfafa};
  for (const std::uint16_t v : other_values) EXPECT_FALSE(is_grease_component(ComponentId{v})) << v;
}

// ---- Last-resort KeyPackages ----

TEST_F(NegotiationTest, LastResortMarkSurvivesAnAdd) {
  KeyPackageOptions options = member_options();
  auto marked = mark_last_resort({});
  ASSERT_TRUE(is_ok(marked));
  options.extensions = *marked;
  options.capabilities.extensions.push_back(ExtensionType::app_data_dictionary);
  auto frank = key_package("frank", options);
  EXPECT_TRUE(is_last_resort(frank.key_package));
  EXPECT_FALSE(is_last_resort(key_package("gina", member_options()).key_package));
  auto data = find_app_data_dictionary(frank.key_package.extensions);
  ASSERT_TRUE(is_ok(data));
  EXPECT_TRUE(component_data(**data, ComponentId::last_resort_key_package)->empty());
  auto commit = group(bob).commit({.proposals = {Proposal{Add{frank.key_package}}}}, random);
  ASSERT_TRUE(is_ok(commit));
  ASSERT_TRUE(is_ok(group(bob).merge_pending_commit()));
  expect_accepted(group(dave), commit->commit, group(bob));
}

// ---- Content advertisement ----

MediaType media(std::string_view type) { return MediaType{Bytes(type.begin(), type.end()), {}}; }

// "Syntax": a MediaTypeList "must contain at least one item".
TEST(ContentMedia, EmptyMediaTypeListRefused) {
  EXPECT_TRUE(fails_with(parse_media_type_list(Bytes{0x00}), Errc::invalid_value));
  EXPECT_TRUE(fails_with(parse_media_type_list(Bytes{0x05, 0x00}), Errc::truncated));
}

// text/plain;charset="UTF-8" written out: type<V>, parameters<V> of
// (name<V>, value<V>).
TEST(ContentMedia, MediaTypeListByHand) {
  Bytes encoded{0x1a, 0x0a};
  for (char c : std::string_view("text/plain")) encoded.push_back(static_cast<std::uint8_t>(c));
  encoded.push_back(0x0e);
  encoded.push_back(0x07);
  for (char c : std::string_view("charset")) encoded.push_back(static_cast<std::uint8_t>(c));
  encoded.push_back(0x05);
  for (char c : std::string_view("UTF-8")) encoded.push_back(static_cast<std::uint8_t>(c));
  auto list = parse_media_type_list(encoded);
  ASSERT_TRUE(is_ok(list));
  ASSERT_EQ(list->media_type_list.size(), 1u);
  const auto& type = list->media_type_list[0];
  EXPECT_EQ(type.type, test::copy_of(as_bytes("text/plain")));
  ASSERT_EQ(type.parameters.size(), 1u);
  EXPECT_EQ(type.parameters[0].parameter_value, test::copy_of(as_bytes("UTF-8")));
}

// "Framing of application_data": a zero-length type is the group's first.
TEST(ContentMedia, FramingEmptyTypeIsTheGroupsFirst) {
  const MediaTypeList group{{media("application/json"), media("image/png")}};
  const Bytes framed = frame_application_data(MediaType{}, as_bytes("{}"));
  EXPECT_EQ(framed, (Bytes{0x00, 0x00, 0x02, '{', '}'}));
  auto unframed = unframe_application_data(framed, group);
  ASSERT_TRUE(is_ok(unframed));
  EXPECT_EQ(unframed->media_type, media("application/json"));
  EXPECT_EQ(unframed->inner_application_content, (Bytes{'{', '}'}));
  auto png = unframe_application_data(frame_application_data(media("image/png"), Bytes{1}), group);
  ASSERT_TRUE(is_ok(png));
  EXPECT_EQ(png->media_type, media("image/png"));
  EXPECT_TRUE(fails_with(unframe_application_data(framed, MediaTypeList{}), Errc::invalid_value));
  EXPECT_TRUE(fails_with(unframe_application_data(Bytes{0x00}, group), Errc::truncated));
}

TEST(ContentMedia, GroupMediaTypes) {
  const MediaTypeList list{{media("text/plain")}};
  const ExtensionList with{components_dictionary({{ComponentId::content_media_types, codec::encode(list)}})};
  auto found = group_media_types(with);
  ASSERT_TRUE(is_ok(found));
  ASSERT_TRUE(found->has_value());
  EXPECT_EQ(**found, list);
  auto none = group_media_types({});
  ASSERT_TRUE(is_ok(none));
  EXPECT_FALSE(none->has_value());
  const ExtensionList empty{components_dictionary({{ComponentId::content_media_types, Bytes{0x00}}})};
  EXPECT_TRUE(fails_with(group_media_types(empty), Errc::invalid_value));
}

}  // namespace
