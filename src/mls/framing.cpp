#include "conclave/mls/framing.hpp"

#include <algorithm>

namespace conclave::mls {

namespace {

using codec::Codec;
using codec::Reader;
using codec::Writer;

std::size_t auth_size(const FramedContentAuthData& auth) {
  return Codec<Bytes>::size(auth.signature) +
         (auth.confirmation_tag ? Codec<Bytes>::size(*auth.confirmation_tag) : 0);
}

void write_auth(Writer& w, const FramedContentAuthData& auth) {
  Codec<Bytes>::write(w, auth.signature);
  if (auth.confirmation_tag) Codec<Bytes>::write(w, *auth.confirmation_tag);
}

// Section 6.1: the confirmation tag is there for commits and only for them.
bool read_auth(Reader& r, ContentType type, FramedContentAuthData& auth) {
  if (!Codec<Bytes>::read(r, auth.signature)) return false;
  if (type != ContentType::commit) {
    auth.confirmation_tag.reset();
    return true;
  }
  return Codec<Bytes>::read(r, auth.confirmation_tag.emplace());
}

bool has_membership_tag(const FramedContent& content) {
  return content.sender.holds<MemberSender>();
}

// The content without its tag, as PrivateMessageContent carries it.
std::size_t content_body_size(const Content& content) {
  return std::visit([](const auto& c) { return Codec<std::decay_t<decltype(c)>>::size(c); },
                    content.value);
}

void write_content_body(Writer& w, const Content& content) {
  std::visit([&](const auto& c) { Codec<std::decay_t<decltype(c)>>::write(w, c); }, content.value);
}

template <class Case>
bool read_case(Reader& r, Content& content) {
  return Codec<Case>::read(r, content.value.template emplace<Case>());
}

bool read_content_body(Reader& r, ContentType type, Content& content) {
  switch (type) {
    case ContentType::application: return read_case<ApplicationData>(r, content);
    case ContentType::proposal: return read_case<Proposal>(r, content);
    case ContentType::commit: return read_case<Commit>(r, content);
  }
  return r.fail(Errc::unknown_variant);
}

}  // namespace

Bytes encode_private_content(const PrivateMessageContent& content, std::size_t padding) {
  Bytes out;
  out.reserve(content_body_size(content.content) + auth_size(content.auth) + padding);
  Writer w(out);
  write_content_body(w, content.content);
  write_auth(w, content.auth);
  out.resize(out.size() + padding, 0);
  return out;
}

// Section 6.3.1: the padding MUST be all zero; a receiver checks it.
Result<PrivateMessageContent> decode_private_content(BytesView plaintext, ContentType type,
                                                     codec::Limits limits) {
  Reader r(plaintext, limits);
  PrivateMessageContent out;
  if (!read_content_body(r, type, out.content) || !read_auth(r, type, out.auth)) return r.error();
  BytesView padding;
  if (!r.read_bytes(r.remaining(), padding)) return r.error();
  if (std::any_of(padding.begin(), padding.end(), [](std::uint8_t b) { return b != 0; })) {
    return Errc::invalid_padding;
  }
  return out;
}

Bytes framed_content_tbs(WireFormat wire_format, const FramedContent& content,
                         const GroupContext& context) {
  const bool with_context =
      content.sender.holds<MemberSender>() || content.sender.holds<NewMemberCommitSender>();
  Bytes out;
  out.reserve(2 + 2 + Codec<FramedContent>::size(content) +
              (with_context ? Codec<GroupContext>::size(context) : 0));
  Writer w(out);
  Codec<ProtocolVersion>::write(w, ProtocolVersion::mls10);
  Codec<WireFormat>::write(w, wire_format);
  Codec<FramedContent>::write(w, content);
  if (with_context) Codec<GroupContext>::write(w, context);
  return out;
}

Bytes authenticated_content_tbm(const FramedContent& content, const FramedContentAuthData& auth,
                                const GroupContext& context) {
  Bytes out = framed_content_tbs(WireFormat::public_message, content, context);
  out.reserve(out.size() + auth_size(auth));
  Writer w(out);
  write_auth(w, auth);
  return out;
}

Bytes confirmed_transcript_hash_input(const AuthenticatedContent& content) {
  Bytes out;
  out.reserve(2 + Codec<FramedContent>::size(content.content) +
              Codec<Bytes>::size(content.auth.signature));
  Writer w(out);
  Codec<WireFormat>::write(w, content.wire_format);
  Codec<FramedContent>::write(w, content.content);
  Codec<Bytes>::write(w, content.auth.signature);
  return out;
}

}  // namespace conclave::mls

namespace conclave::codec {

using namespace conclave::mls;

std::size_t Codec<AuthenticatedContent>::size(const AuthenticatedContent& v) {
  return 2 + Codec<FramedContent>::size(v.content) + auth_size(v.auth);
}

void Codec<AuthenticatedContent>::write(Writer& w, const AuthenticatedContent& v) {
  Codec<WireFormat>::write(w, v.wire_format);
  Codec<FramedContent>::write(w, v.content);
  write_auth(w, v.auth);
}

bool Codec<AuthenticatedContent>::read(Reader& r, AuthenticatedContent& v) {
  return Codec<WireFormat>::read(r, v.wire_format) && Codec<FramedContent>::read(r, v.content) &&
         read_auth(r, v.content.content.tag(), v.auth);
}

std::size_t Codec<PublicMessage>::size(const PublicMessage& v) {
  return Codec<FramedContent>::size(v.content) + auth_size(v.auth) +
         (v.membership_tag ? Codec<Bytes>::size(*v.membership_tag) : 0);
}

void Codec<PublicMessage>::write(Writer& w, const PublicMessage& v) {
  Codec<FramedContent>::write(w, v.content);
  write_auth(w, v.auth);
  if (v.membership_tag) Codec<Bytes>::write(w, *v.membership_tag);
}

// Section 6.2: the membership tag is there for member senders only.
bool Codec<PublicMessage>::read(Reader& r, PublicMessage& v) {
  if (!Codec<FramedContent>::read(r, v.content) ||
      !read_auth(r, v.content.content.tag(), v.auth)) {
    return false;
  }
  if (!has_membership_tag(v.content)) {
    v.membership_tag.reset();
    return true;
  }
  return Codec<Bytes>::read(r, v.membership_tag.emplace());
}

}  // namespace conclave::codec
