// RFC 9420 receiver MUSTs on what members send: required capabilities for
// every leaf that enters the tree (section 7.3), the GroupContext
// extensions for Adds (section 13), one extension per type in every list
// (section 13), a ReInit's version (section 12.1.5), credential succession
// (section 5.3.1) and the credential policy for every credential. Each test
// gives the bad input, expects its exact error, and checks that the
// receiver (and, for a list, the committer) is unchanged and goes on.

#include <gtest/gtest.h>

#include "group_validation_fixtures.hpp"
#include "mls/credential_succession.hpp"

namespace {

using namespace conclave;
using namespace conclave::mls;
using namespace conclave::mls::validation;

constexpr auto required_type = static_cast<ExtensionType>(0xff00);
constexpr auto context_type = static_cast<ExtensionType>(0xff01);
constexpr auto unknown_type = static_cast<ExtensionType>(0xff05);

Credential basic(std::string_view identity) {
  return Credential{BasicCredential{Bytes(identity.begin(), identity.end())}};
}

// Two extensions of one type (application_id, a default type that needs no
// capability).
ExtensionList repeated_extensions() {
  return {Extension{ExtensionType::application_id, Bytes{'a'}},
          Extension{ExtensionType::application_id, Bytes{'b'}}};
}

class ReceiverMustTest : public GroupValidationTest {
 protected:
  void expect_update_rejected(const std::function<void(LeafNode&)>& change, Errc expected) {
    const ProposalRef update = carol_update(change);
    expect_tampered_rejected(with_proposals({ProposalOrRef{update}}), expected);
  }
};

// The group requires the extension 0xff00 and uses 0xff01, which every
// member supports.
class RequiredCapabilitiesTest : public ReceiverMustTest {
 protected:
  KeyPackageOptions member_options() const override { return supporting({required_type, context_type}); }
  ExtensionList group_extensions() const override {
    return {make_extension(RequiredCapabilities{{required_type}, {}, {}}), Extension{context_type, Bytes{1}}};
  }

  static KeyPackageOptions supporting(std::vector<ExtensionType> types) {
    KeyPackageOptions options;
    options.capabilities.extensions = std::move(types);
    return options;
  }
};

// Dave's authentication service refuses the basic credential "frank", and
// no credential may replace carol's.
class CredentialPolicyTest : public ReceiverMustTest {
 protected:
  GroupConfig member_config(std::uint32_t leaf) const override {
    GroupConfig config = config_for(leaf);
    if (leaf != dave) return config;
    config.credentials = [](const Credential& credential, BytesView) {
      return credential == basic("frank") ? Status(Errc::credential_rejected) : Status();
    };
    config.credential_successor = [](const Credential& previous, const Credential&) {
      return previous == basic("carol") ? Status(Errc::credential_rejected) : Status();
    };
    return config;
  }
};

// ---- Section 7.3: required capabilities for Update and Commit leaves ----

TEST_F(RequiredCapabilitiesTest, UpdateLeafLacksRequiredExtension) {
  expect_update_rejected([](LeafNode& leaf) { leaf.capabilities.extensions = {context_type}; },
                         Errc::capability_mismatch);
}

TEST_F(RequiredCapabilitiesTest, PathLeafLacksRequiredExtension) {
  expect_tampered_rejected(
      with_path_leaf([](LeafNode& leaf) { leaf.capabilities.extensions = {context_type}; }),
      Errc::capability_mismatch);
}

// An external joiner's path leaf too: frank's lacks 0xff00 and is refused;
// gina's, listing it, is accepted from the same GroupInfo.
TEST_F(RequiredCapabilitiesTest, ExternalJoinerLacksRequiredExtension) {
  expect_external_joiner_refused(key_package("frank", supporting({context_type})),
                                 key_package("gina", member_options()), Errc::capability_mismatch);
}

// ---- Section 13: an Add supports every GroupContext extension ----

// Frank meets the required capabilities but does not list 0xff01, which
// the GroupContext carries.
TEST_F(RequiredCapabilitiesTest, AddLacksGroupContextExtension) {
  auto frank = key_package("frank", supporting({required_type}));
  expect_invalid_list({Proposal{Add{frank.key_package}}}, Errc::capability_mismatch);
}

// ---- Section 13: one extension of each type in every list ----

TEST_F(ReceiverMustTest, AddWithRepeatedKeyPackageExtension) {
  KeyPackageOptions options;
  options.extensions = {Extension{unknown_type, Bytes{1}}, Extension{unknown_type, Bytes{2}}};
  auto frank = key_package("frank", options);
  expect_invalid_list({Proposal{Add{frank.key_package}}}, Errc::duplicate_extension);
}

TEST_F(ReceiverMustTest, AddWithRepeatedLeafExtension) {
  KeyPackageOptions options;
  options.leaf_extensions = repeated_extensions();
  auto frank = key_package("frank", options);
  expect_invalid_list({Proposal{Add{frank.key_package}}}, Errc::duplicate_extension);
}

TEST_F(ReceiverMustTest, UpdateLeafWithRepeatedExtension) {
  expect_update_rejected([](LeafNode& leaf) { leaf.extensions = repeated_extensions(); },
                         Errc::duplicate_extension);
}

TEST_F(ReceiverMustTest, PathLeafWithRepeatedExtension) {
  expect_tampered_rejected(with_path_leaf([](LeafNode& leaf) { leaf.extensions = repeated_extensions(); }),
                           Errc::duplicate_extension);
}

TEST_F(ReceiverMustTest, GroupContextExtensionsWithRepeatedType) {
  expect_invalid_list({Proposal{GroupContextExtensions{repeated_extensions()}}}, Errc::duplicate_extension);
}

TEST_F(ReceiverMustTest, ReInitWithRepeatedExtension) {
  expect_invalid_list({Proposal{ReInit{Bytes{'n'}, ProtocolVersion::mls10, suite.id(), repeated_extensions()}}},
                      Errc::duplicate_extension);
}

// ---- Section 12.1.5: a ReInit does not lower the version ----

TEST_F(ReceiverMustTest, ReInitWithLowerVersion) {
  expect_invalid_list({Proposal{ReInit{Bytes{'n'}, static_cast<ProtocolVersion>(0), suite.id(), {}}}},
                      Errc::invalid_proposal);
}

// ---- Section 5.3.1: a replaced credential has a valid successor ----

// Unset, GroupConfig::credential_successor requires the same credential.
TEST_F(ReceiverMustTest, UpdateWithAnotherCredential) {
  expect_update_rejected([](LeafNode& leaf) { leaf.credential = basic("mallory"); }, Errc::credential_rejected);
}

TEST_F(ReceiverMustTest, PathLeafWithAnotherCredential) {
  expect_tampered_rejected(with_path_leaf([](LeafNode& leaf) { leaf.credential = basic("mallory"); }),
                           Errc::credential_rejected);
}

// Dave's successor policy refuses any change of carol's credential; an
// unchanged credential is its own successor and is not put to the policy.
TEST_F(CredentialPolicyTest, SuccessorPolicyRefusesAnUpdate) {
  expect_update_rejected([](LeafNode& leaf) { leaf.credential = basic("carol 2"); }, Errc::credential_rejected);
}

TEST(CredentialSuccession, UnsetPolicyRequiresEqualCredentials) {
  const GroupConfig config;
  EXPECT_TRUE(is_ok(check_successor(config, basic("carol"), basic("carol"))));
  EXPECT_TRUE(fails_with(check_successor(config, basic("carol"), basic("mallory")), Errc::credential_rejected));
}

// ---- Section 5.3.1: the credential policy sees basic credentials ----

// Dave's policy refuses frank's basic credential in bob's Commit.
TEST_F(CredentialPolicyTest, AddOfRefusedBasicCredential) {
  const ProposalOrRef add{Proposal{Add{key_package("frank").key_package}}};
  expect_tampered_rejected(with_proposals({add}), Errc::credential_rejected);
}

TEST(CredentialValidation, PolicyJudgesBasicCredentials) {
  const CredentialPolicy refuse = [](const Credential&, BytesView) { return Status(Errc::credential_rejected); };
  EXPECT_TRUE(fails_with(validate_credential(basic("alice"), {}, &refuse), Errc::credential_rejected));
  EXPECT_TRUE(is_ok(validate_credential(basic("alice"), {}, nullptr)));
}

}  // namespace
