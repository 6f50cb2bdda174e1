// draft-ietf-mls-extensions: the app_data_dictionary (sorted, each
// component once, wherever a received extension list is checked),
// AppDataUpdate and AppEphemeral (validation, application, the committer
// leaving out what is invalid, the GroupContextExtensions restriction,
// support by every member, PublicGroup), and safe AAD. Each receiver MUST
// is fed a bad input and expects the exact Errc with the receiver unchanged
// (GroupValidationTest's expect_rejected/expect_invalid_list), then a valid
// input of the same kind is accepted, which fails without the feature.

#include <gtest/gtest.h>

#include "conclave/mls/app_data.hpp"
#include "conclave/mls/public_group.hpp"
#include "../group_validation_fixtures.hpp"

namespace {

using namespace conclave;
using namespace conclave::mls;
using namespace conclave::mls::validation;

constexpr auto counter = static_cast<ComponentId>(0x8001);  // data: the updates, concatenated
constexpr auto journal = static_cast<ComponentId>(0x8002);  // known, for ephemerals
constexpr auto unknown = static_cast<ComponentId>(0x8003);  // no member knows it
const Bytes refused{0xff};                                  // an update or ephemeral the logic refuses

// The application's logic: an update appends its bytes to the data; `refused`
// is refused (Errc::not_permitted), as an ephemeral too.
ComponentLogic test_logic() {
  ComponentLogic logic;
  logic.known = {counter, journal, ComponentId::safe_aad};
  logic.update = [](ComponentId, const Bytes* current, const std::vector<ProposedUpdate>& updates) -> Result<Bytes> {
    Bytes data = current != nullptr ? *current : Bytes{};
    for (const auto& update : updates) {
      if (same_bytes(update.update, refused)) return Errc::not_permitted;
      data.insert(data.end(), update.update.begin(), update.update.end());
    }
    return data;
  };
  logic.ephemeral = [](ComponentId, const Sender&, BytesView data) {
    return same_bytes(data, refused) ? Status(Errc::not_permitted) : Status();
  };
  return logic;
}

Extension dictionary_of(std::vector<ComponentData> entries) { return make_extension(AppDataDictionary{std::move(entries)}); }

Extension required_app_data_update() {
  return make_extension(RequiredCapabilities{{}, {ProposalType::app_data_update}, {}});
}

Bytes data_of(const Group& member, ComponentId component) {
  auto data = group_app_data(member.context(), component);
  return data && *data ? **data : Bytes{};
}

// Every member supports the two proposal types and the dictionary, and
// knows the components.
class AppDataTest : public GroupValidationTest {
 protected:
  KeyPackageOptions member_options() const override {
    KeyPackageOptions options;
    options.capabilities.proposals = {ProposalType::app_data_update, ProposalType::app_ephemeral};
    options.capabilities.extensions = {ExtensionType::app_data_dictionary};
    return options;
  }
  GroupConfig member_config(std::uint32_t leaf) const override {
    GroupConfig config = config_for(leaf);
    config.components = test_logic();
    return config;
  }

  // Bob commits `proposals` by value and merges; dave processes it.
  Received bob_commits(std::vector<Proposal> proposals) {
    auto output = group(bob).commit({.proposals = std::move(proposals), .include_received = false}, random);
    EXPECT_TRUE(is_ok(output));
    EXPECT_TRUE(is_ok(group(bob).merge_pending_commit()));
    auto received = group(dave).process(output->commit);
    EXPECT_TRUE(is_ok(received));
    expect_same_epoch(group(dave), group(bob));
    return received ? std::move(*received) : Received{};
  }

  // The feature works where the bad input was refused: an update of
  // `counter` is committed and applied alike by bob and dave.
  void expect_update_applies() {
    const Bytes before = data_of(group(dave), counter);
    bob_commits({app_data_update(counter, {0x07})});
    Bytes after = before;
    after.push_back(0x07);
    EXPECT_EQ(data_of(group(dave), counter), after);
    EXPECT_TRUE(group(dave).context() == group(bob).context());
  }

  // create_key_package() makes only well-formed dictionaries, so the bad
  // one replaces frank's after the fact, signed again.
  KeyPackageBundle key_package_with_dictionary(const Extension& dictionary, bool in_leaf) {
    KeyPackageOptions options = member_options();
    options.capabilities.extensions.push_back(ExtensionType::app_data_dictionary);
    auto bundle = key_package("frank", options);
    auto& list = in_leaf ? bundle.key_package.leaf_node.extensions : bundle.key_package.extensions;
    std::erase_if(list, [](const Extension& e) { return e.extension_type == ExtensionType::app_data_dictionary; });
    list.push_back(dictionary);
    resign(bundle);
    return bundle;
  }
};

// The group starts with `counter` holding {1}.
class AppDataWithEntryTest : public AppDataTest {
 protected:
  ExtensionList group_extensions() const override { return {dictionary_of({{counter, {0x01}}})}; }
};

// The group requires AppDataUpdate.
class AppDataRequiredTest : public AppDataTest {
 protected:
  ExtensionList group_extensions() const override {
    return {required_app_data_update(), dictionary_of({{counter, {0x01}}})};
  }
};

// Every member knows the components, but the application gave no logic
// for them.
class AppDataWithoutLogicTest : public AppDataTest {
 protected:
  GroupConfig member_config(std::uint32_t leaf) const override {
    GroupConfig config = config_for(leaf);
    config.components.known = {counter, journal};
    return config;
  }
};

// Every member's leaf lists the new proposal types, none the dictionary.
class AppDataWithoutDictionarySupportTest : public AppDataTest {
 protected:
  KeyPackageOptions member_options() const override {
    KeyPackageOptions options;
    options.capabilities.proposals = {ProposalType::app_data_update, ProposalType::app_ephemeral};
    return options;
  }
};

// No member's leaf lists the new proposal types.
class AppDataUnsupportedTest : public AppDataTest {
 protected:
  KeyPackageOptions member_options() const override { return {}; }
};

// The group requires safe AAD.
class SafeAadTest : public AppDataTest {
 protected:
  ExtensionList group_extensions() const override {
    return {dictionary_of({{ComponentId::safe_aad, codec::encode(ComponentsList{})}})};
  }
  MlsMessage bob_application(Bytes authenticated_data) {
    return forger().sign_private(
        application_content(group(bob).context(), LeafIndex{bob}, as_bytes("hi"), authenticated_data), random);
  }
};

// ---- "Attaching Application Data to MLS Messages": sorted, each component once ----

TEST_F(AppDataTest, UnsortedDictionaryInAnAddedLeafIsRefused) {
  const auto frank = key_package_with_dictionary(dictionary_of({{journal, {}}, {counter, {}}}), true);
  expect_invalid_list({Proposal{Add{frank.key_package}}}, Errc::invalid_value);
  expect_update_applies();
}

TEST_F(AppDataTest, RepeatedComponentInAKeyPackageDictionaryIsRefused) {
  const auto frank = key_package_with_dictionary(dictionary_of({{counter, {1}}, {counter, {2}}}), false);
  expect_invalid_list({Proposal{Add{frank.key_package}}}, Errc::invalid_value);
  expect_update_applies();
}

TEST_F(AppDataTest, UnsortedDictionaryInGroupContextExtensionsIsRefused) {
  expect_invalid_list({Proposal{GroupContextExtensions{{dictionary_of({{journal, {}}, {counter, {}}})}}}},
                      Errc::invalid_value);
  expect_update_applies();
}

TEST_F(AppDataTest, UnsortedDictionaryInReInitIsRefused) {
  const ReInit reinit{{'n', 'e', 'w'}, ProtocolVersion::mls10, suite.id(),
                      {dictionary_of({{counter, {}}, {counter, {}}})}};
  expect_invalid_list({Proposal{reinit}}, Errc::invalid_value);
  expect_update_applies();
}

// Section 12.4.3.1 for a joiner (here a follower): the GroupContext's and
// the GroupInfo's own extension lists.
TEST_F(AppDataTest, UnsortedDictionaryInAGroupInfoIsRefused) {
  const GroupInfo info = *group(alice).group_info(true)->body.get_if<GroupInfo>();
  GroupInfo bad_context = info;
  bad_context.group_context.extensions.push_back(dictionary_of({{journal, {}}, {counter, {}}}));
  EXPECT_TRUE(fails_with(PublicGroup::from_group_info(bad_context, std::nullopt, member_config(alice)),
                         Errc::invalid_value));
  GroupInfo bad_info = info;
  bad_info.extensions.push_back(dictionary_of({{counter, {}}, {counter, {}}}));
  EXPECT_TRUE(fails_with(PublicGroup::from_group_info(bad_info, std::nullopt, member_config(alice)),
                         Errc::invalid_value));
  EXPECT_TRUE(is_ok(PublicGroup::from_group_info(info, std::nullopt, member_config(alice))));
}

TEST_F(AppDataTest, CreatingAGroupWithAnUnsortedDictionaryIsRefused) {
  EXPECT_TRUE(fails_with(Group::create(suite, group_id, key_package("frank", member_options()),
                                       {dictionary_of({{journal, {}}, {counter, {}}})}, member_config(alice), random),
                         Errc::invalid_value));
}

// ---- "Updating Application Data in the GroupContext" ----

TEST_F(AppDataTest, UpdateOfAnUnknownComponentIsInvalid) {
  expect_invalid_list({app_data_update(unknown, {1})}, Errc::invalid_proposal);
  expect_update_applies();
}

TEST_F(AppDataTest, RemovalOfAComponentWithoutDataIsInvalid) {
  expect_invalid_list({app_data_removal(counter)}, Errc::invalid_proposal);
  expect_update_applies();
}

TEST_F(AppDataWithEntryTest, TwoRemovalsOfOneComponentAreInvalid) {
  expect_invalid_list({app_data_removal(counter), app_data_removal(counter)}, Errc::invalid_proposal);
  expect_update_applies();
}

TEST_F(AppDataWithEntryTest, UpdateAndRemovalOfOneComponentAreInvalid) {
  expect_invalid_list({app_data_update(counter, {2}), app_data_removal(counter)}, Errc::invalid_proposal);
  twin_bob_again();
  expect_invalid_list({app_data_removal(counter), app_data_update(counter, {2})}, Errc::invalid_proposal);
  expect_update_applies();
}

TEST_F(AppDataTest, AnUpdateTheLogicRefusesMakesTheListInvalid) {
  expect_invalid_list({app_data_update(counter, {2}), app_data_update(counter, refused)}, Errc::not_permitted);
  expect_update_applies();
}

// The updates reach the logic in Commit order with their senders; the new
// entry is inserted in order, into a dictionary added at the end of the
// extensions.
TEST_F(AppDataTest, UpdatesAreAppliedInCommitOrder) {
  bob_commits({app_data_update(journal, {9}), app_data_update(counter, {2}), app_data_update(counter, {3})});
  EXPECT_EQ(data_of(group(dave), counter), (Bytes{2, 3}));
  const auto dictionary = find_app_data_dictionary(group(dave).context().extensions);
  ASSERT_TRUE(is_ok(dictionary) && dictionary->has_value());
  ASSERT_EQ((*dictionary)->component_data.size(), 2u);
  EXPECT_EQ((*dictionary)->component_data[0].component_id, counter);
  EXPECT_EQ((*dictionary)->component_data[1].component_id, journal);
  EXPECT_EQ(group(dave).context().extensions.back().extension_type, ExtensionType::app_data_dictionary);
}

TEST_F(AppDataWithEntryTest, ARemovalDeletesTheEntryWithoutAPath) {
  auto output = group(bob).commit({.proposals = {app_data_removal(counter)}, .include_received = false}, random);
  ASSERT_TRUE(is_ok(output));
  EXPECT_FALSE(commit_of(public_of(output->commit)).path.has_value());
  ASSERT_TRUE(is_ok(group(bob).merge_pending_commit()));
  expect_accepted(group(dave), output->commit, group(bob));
  EXPECT_TRUE(data_of(group(dave), counter).empty());
}

// Section 12.4.1: a received proposal the logic refuses, or one that
// conflicts with what the Commit holds, is left out; the rest commits.
TEST_F(AppDataWithEntryTest, TheCommitterLeavesOutReceivedUpdatesThatWouldFail) {
  deliver(*group(carol).propose(app_data_update(counter, refused)));
  deliver(*group(erin).propose(app_data_update(counter, {4})));
  auto output = group(bob).commit({.proposals = {app_data_update(journal, {5})}}, random);
  ASSERT_TRUE(is_ok(output));
  EXPECT_EQ(commit_of(public_of(output->commit)).proposals.size(), 2u);
  ASSERT_TRUE(is_ok(group(bob).merge_pending_commit()));
  expect_accepted(group(dave), output->commit, group(bob));
  EXPECT_EQ(data_of(group(dave), counter), (Bytes{1, 4}));
}

// A received proposal invalid on its own is left out as well: a removal
// of a component without data (here in a group without a dictionary).
TEST_F(AppDataTest, TheCommitterLeavesOutAReceivedRemovalWithoutADictionary) {
  deliver(*group(carol).propose(app_data_removal(counter)));
  expect_bob_commit_listing({app_data_update(counter, {6})}, 1);
  EXPECT_EQ(data_of(group(dave), counter), (Bytes{6}));
}

// Likewise a removal of a component the dictionary has no entry for, and
// an ephemeral the logic refuses; a valid ephemeral received is committed.
TEST_F(AppDataWithEntryTest, TheCommitterLeavesOutReceivedProposalsInvalidOnTheirOwn) {
  deliver(*group(carol).propose(app_data_removal(journal)));
  deliver(*group(erin).propose(Proposal{AppEphemeral{journal, refused}}));
  deliver(*group(alice).propose(Proposal{AppEphemeral{journal, {7}}}));
  expect_bob_commit_listing({app_data_update(counter, {6})}, 2);
  EXPECT_EQ(data_of(group(dave), counter), (Bytes{1, 6}));
}

TEST_F(AppDataWithEntryTest, TheCommitterLeavesOutARemovalThatConflictsWithItsUpdate) {
  deliver(*group(carol).propose(app_data_removal(counter)));
  auto output = group(bob).commit({.proposals = {app_data_update(counter, {6})}}, random);
  ASSERT_TRUE(is_ok(output));
  EXPECT_EQ(commit_of(public_of(output->commit)).proposals.size(), 1u);
  ASSERT_TRUE(is_ok(group(bob).merge_pending_commit()));
  expect_accepted(group(dave), output->commit, group(bob));
  EXPECT_EQ(data_of(group(dave), counter), (Bytes{1, 6}));
}

// A GroupContextExtensions MUST NOT add, remove or modify the dictionary
// while AppDataUpdate is required; changing another extension is fine.
TEST_F(AppDataRequiredTest, GroupContextExtensionsMayNotTouchTheDictionary) {
  const auto required = required_app_data_update();
  expect_invalid_list({Proposal{GroupContextExtensions{{required, dictionary_of({{counter, {0x02}}})}}}},
                      Errc::invalid_proposal);
  twin_bob_again();
  expect_invalid_list({Proposal{GroupContextExtensions{{required}}}}, Errc::invalid_proposal);
  bob_commits({Proposal{GroupContextExtensions{{dictionary_of({{counter, {0x01}}}), required}}}});
  EXPECT_EQ(data_of(group(dave), counter), (Bytes{1}));
  expect_update_applies();
}

// Section 12.2: a non-default proposal type that some member processing
// the Commit does not support.
TEST_F(AppDataUnsupportedTest, ATypeSomeMemberDoesNotSupportIsInvalid) {
  expect_invalid_list({app_data_update(counter, {1})}, Errc::capability_mismatch);
  twin_bob_again();
  expect_invalid_list({Proposal{AppEphemeral{journal, {1}}}}, Errc::capability_mismatch);
  const GroupInfo info = *group(dave).group_info(true)->body.get_if<GroupInfo>();
  EXPECT_TRUE(fails_with(Group::join_external(info, key_package("frank", member_options()), std::nullopt,
                                              member_config(alice), random, {.app_proposals = {app_data_update(counter, {5})}}),
                         Errc::capability_mismatch));
}

// Section 13: an AppDataUpdate that brings the app_data_dictionary into the
// GroupContext needs every member's support for that extension.
TEST_F(AppDataWithoutDictionarySupportTest, AnUpdateBringingTheDictionaryIsInvalid) {
  expect_invalid_list({app_data_update(counter, {1})}, Errc::capability_mismatch);
}

// "AppDataUpdate proposals can be included in an external Commit": the
// joiner and the members apply it alike; an unknown component is refused,
// and so is anything but an AppDataUpdate or AppEphemeral given as one.
TEST_F(AppDataTest, AnExternalCommitMayCarryAnUpdate) {
  const GroupInfo info = *group(dave).group_info(true)->body.get_if<GroupInfo>();
  EXPECT_TRUE(fails_with(Group::join_external(info, key_package("frank", member_options()), std::nullopt,
                                              member_config(alice), random, {.app_proposals = {app_data_update(unknown, {5})}}),
                         Errc::invalid_proposal));
  EXPECT_TRUE(fails_with(Group::join_external(info, key_package("frank", member_options()), std::nullopt,
                                              member_config(alice), random, {.app_proposals = {Proposal{Remove{carol}}}}),
                         Errc::invalid_argument));
  auto joined = Group::join_external(info, key_package("frank", member_options()), std::nullopt, member_config(alice),
                                     random, {.app_proposals = {app_data_update(counter, {5})}});
  ASSERT_TRUE(is_ok(joined));
  expect_accepted(group(dave), joined->commit, joined->group);
  EXPECT_EQ(data_of(group(dave), counter), (Bytes{5}));
  EXPECT_TRUE(group(dave).context() == joined->group.context());
}

// ---- "Attaching Application Data to a Commit" ----

TEST_F(AppDataTest, AnEphemeralOfAnUnknownComponentIsInvalid) {
  expect_invalid_list({Proposal{AppEphemeral{unknown, {1}}}}, Errc::invalid_proposal);
  expect_update_applies();
}

TEST_F(AppDataTest, AnEphemeralTheLogicRefusesMakesTheListInvalid) {
  expect_invalid_list({Proposal{AppEphemeral{journal, refused}}}, Errc::not_permitted);
  expect_update_applies();
}

TEST_F(AppDataTest, ACommitReportsItsEphemeralsInOrder) {
  const auto received =
      bob_commits({Proposal{AppEphemeral{journal, {1}}}, app_data_update(counter, {3}), Proposal{AppEphemeral{journal, {2}}}});
  ASSERT_EQ(received.app_ephemerals.size(), 2u);
  EXPECT_EQ(received.app_ephemerals[0].proposal, (AppEphemeral{journal, {1}}));
  EXPECT_EQ(received.app_ephemerals[1].proposal, (AppEphemeral{journal, {2}}));
  EXPECT_TRUE(received.app_ephemerals[0].sender == (Sender{MemberSender{bob}}));
  EXPECT_EQ(data_of(group(dave), counter), (Bytes{3}));
}

// "Unset refuses": without the application's logic, no update and no
// ephemeral of a known component is valid.
TEST_F(AppDataWithoutLogicTest, NoUpdateOrEphemeralWithoutTheLogic) {
  expect_invalid_list({app_data_update(counter, {1})}, Errc::invalid_proposal);
  twin_bob_again();
  expect_invalid_list({Proposal{AppEphemeral{journal, {1}}}}, Errc::invalid_proposal);
}

// ---- PublicGroup computes the same GroupContext ----

TEST_F(AppDataTest, AFollowerAppliesUpdatesAsMembersDo) {
  const GroupInfo info = *group(alice).group_info(true)->body.get_if<GroupInfo>();
  auto follower = PublicGroup::from_group_info(info, std::nullopt, member_config(alice));
  auto unaware = PublicGroup::from_group_info(info, std::nullopt, config_for(alice));
  ASSERT_TRUE(is_ok(follower) && is_ok(unaware));
  auto output = group(bob).commit({.proposals = {app_data_update(counter, {8})}, .include_received = false}, random);
  ASSERT_TRUE(is_ok(output));
  ASSERT_TRUE(is_ok(group(bob).merge_pending_commit()));
  ASSERT_TRUE(is_ok(follower->process(output->commit)));
  EXPECT_TRUE(follower->context() == group(bob).context());
  const GroupContext before = unaware->context();
  EXPECT_TRUE(fails_with(unaware->process(output->commit), Errc::invalid_proposal));
  EXPECT_TRUE(unaware->context() == before);
}

// ---- "Safe Additional Authenticated Data" ----

TEST_F(SafeAadTest, AnApplicationMessageWhoseAadIsNoSafeAadIsRefused) {
  expect_rejected(group(dave), bob_application({0x01}), Errc::truncated);
  const Bytes unsorted = codec::encode(SafeAad{{{counter, {1}}, {ComponentId::safe_aad, {2}}}});
  expect_rejected(group(dave), bob_application(unsorted), Errc::invalid_value);
  const Bytes repeated = codec::encode(SafeAad{{{counter, {1}}, {counter, {2}}}});
  expect_rejected(group(dave), bob_application(repeated), Errc::invalid_value);
  auto framed = make_safe_aad({{counter, {1}}, {ComponentId::safe_aad, {2}}});
  ASSERT_TRUE(is_ok(framed));
  auto received = group(dave).process(bob_application(*framed));
  ASSERT_TRUE(is_ok(received));
  auto aad = parse_safe_aad(received->authenticated_data);
  ASSERT_TRUE(is_ok(aad));
  ASSERT_NE(safe_aad_item(*aad, counter), nullptr);
  EXPECT_EQ(*safe_aad_item(*aad, counter), (Bytes{1}));
  EXPECT_EQ(safe_aad_item(*aad, journal), nullptr);
}

TEST_F(SafeAadTest, ACommitWhoseAadIsNoSafeAadIsRefused) {
  expect_tampered_rejected(
      [this](const MlsMessage& genuine) {
        auto message = public_of(genuine);
        message.content.authenticated_data = {0x01};
        return forger().sign_public(std::move(message.content), *message.auth.confirmation_tag);
      },
      Errc::truncated);
}

TEST_F(SafeAadTest, SendingRequiresASafeAad) {
  const Snapshot before = snapshot(group(bob));
  EXPECT_TRUE(fails_with(group(bob).protect(as_bytes("hi"), Bytes{0x01}, random), Errc::invalid_argument));
  EXPECT_TRUE(unchanged(group(bob), before));
  expect_refused(group(bob), {.include_received = false, .authenticated_data = {0x01}}, Errc::invalid_argument);
  auto proposal = group(carol).propose(app_data_update(counter, {1}));
  ASSERT_TRUE(is_ok(proposal));
  EXPECT_EQ(public_of(*proposal).content.authenticated_data, (Bytes{0x00}));
  deliver(*proposal);
  expect_still_works(group(dave));
}

}  // namespace
