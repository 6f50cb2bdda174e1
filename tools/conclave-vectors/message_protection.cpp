// message-protection.json (mls-implementations): RFC 9420 section 6. The
// published PublicMessage and PrivateMessage forms of a proposal, a commit
// and an application message must unprotect to the published content, and
// our own protection of that content must unprotect again. The sender is
// leaf 1 of a two-leaf group.

#include <functional>

#include "check.hpp"
#include "conclave/mls/message.hpp"
#include "conclave/mls/message_protection.hpp"

namespace conclave::vectors {

namespace {

using namespace conclave::mls;

constexpr std::uint32_t sender_leaf = 1;

struct Setup {
  CipherSuite suite;
  GroupContext context;
  const Json& v;

  MessageProtection protection() const {
    const Bytes signer = hex_field(v, "signature_pub");
    return MessageProtection(
        suite, context,
        {crypto::Secret(hex_field(v, "membership_key")), crypto::Secret(hex_field(v, "sender_data_secret")),
         crypto::Secret(hex_field(v, "encryption_secret"))},
        *LeafCount::of(2), [signer](const FramedContent& content) -> std::optional<Bytes> {
          const auto* member = content.sender.get_if<MemberSender>();
          if (member == nullptr || member->leaf_index != sender_leaf) return std::nullopt;
          return signer;
        });
  }

  FramedContent framed(Content content) const {
    return {context.group_id, context.epoch, Sender{MemberSender{sender_leaf}}, {}, std::move(content)};
  }
};

template <class T>
Result<AuthenticatedContent> unprotect_message(const Setup& setup, const Bytes& encoded) {
  auto message = codec::decode<MlsMessage>(encoded);
  if (!message) return message.error();
  const auto* body = message->body.get_if<T>();
  if (body == nullptr) return Errc::unknown_variant;
  auto protection = setup.protection();
  return protection.unprotect(*body);
}

void expect_content(const Result<AuthenticatedContent>& got, const Content& expected,
                    const std::string& what, CaseCheck& check) {
  check.expect(got.ok(), what + " did not unprotect: " + std::string(to_string(got.error())));
  if (got) check.expect(got->content.content == expected, what + " content differs");
}

// Protects with our code and unprotects again, in both forms where allowed.
void round_trip(const Setup& setup, const Content& content, const std::string& what,
                CaseCheck& check) {
  const crypto::Secret signature_key(hex_field(setup.v, "signature_priv"));
  ProtectOptions options;
  if (content.holds<Commit>()) options.confirmation_tag = Bytes(setup.suite.secret_size(), 0x42);
  options.padding = 7;
  auto sender = setup.protection();
  auto receiver = setup.protection();
  auto sent = sender.protect_private(setup.framed(content), signature_key, options,
                                     crypto::system_random());
  expect_content(sent ? receiver.unprotect(*sent) : Result<AuthenticatedContent>(sent.error()),
                 content, what + " own private", check);
  if (content.holds<ApplicationData>()) return;
  auto published = sender.protect_public(setup.framed(content), signature_key, options);
  expect_content(published ? receiver.unprotect(*published)
                           : Result<AuthenticatedContent>(published.error()),
                 content, what + " own public", check);
}

// The proposal and commit fields are encoded structures; the application
// field is the raw application data.
template <class T>
std::optional<Content> content_of(const Bytes& field) {
  if constexpr (std::is_same_v<T, ApplicationData>) {
    return Content{ApplicationData{field}};
  } else {
    auto body = codec::decode<T>(field);
    if (!body) return std::nullopt;
    return Content{std::move(*body)};
  }
}

template <class T>
void check_content(const Setup& setup, const std::string& name, CaseCheck& check) {
  const auto parsed = content_of<T>(hex_field(setup.v, name.c_str()));
  check.expect(parsed.has_value(), name + " did not decode");
  if (!parsed) return;
  const Content& content = *parsed;
  expect_content(unprotect_message<PrivateMessage>(setup, hex_field(setup.v, (name + "_priv").c_str())),
                 content, name + "_priv", check);
  if (setup.v.contains(name + "_pub")) {
    expect_content(unprotect_message<PublicMessage>(setup, hex_field(setup.v, (name + "_pub").c_str())),
                   content, name + "_pub", check);
  }
  round_trip(setup, content, name, check);
}

void check_case(const Json& v, CaseCheck& check) {
  auto suite = suite_of(v);
  check.expect(suite.ok(), "cipher suite unsupported");
  if (!suite) return;
  GroupContext context{ProtocolVersion::mls10, suite->id(), hex_field(v, "group_id"),
                       v.at("epoch").get<std::uint64_t>(), hex_field(v, "tree_hash"),
                       hex_field(v, "confirmed_transcript_hash"), {}};
  const Setup setup{*suite, std::move(context), v};
  check_content<Proposal>(setup, "proposal", check);
  check_content<Commit>(setup, "commit", check);
  check_content<ApplicationData>(setup, "application", check);
}

}  // namespace

Tally check_message_protection(const Json& doc) { return check_each(doc, check_case); }

}  // namespace conclave::vectors
