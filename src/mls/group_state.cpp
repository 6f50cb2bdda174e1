#include "group_state.hpp"

#include "conclave/mls/extension_types.hpp"
#include "conclave/mls/transcript_hash.hpp"

namespace conclave::mls {

Status GroupState::enter_epoch(GroupContext next, EpochSecrets secrets, Bytes tag,
                               std::vector<RatchetTree::LeafSigner> signers_changed) {
  if (!epoch.resumption_psk.empty()) {
    resumption_psks.emplace_back(context.epoch, std::move(epoch.resumption_psk));
    while (resumption_psks.size() > config.resumption_psk_epochs) resumption_psks.pop_front();
  }
  if (epoch.protection) {
    past_epochs.push_back({std::move(*epoch.protection).retire(), std::move(signers_changed)});
    trim_past_epochs();
  } else {
    first_epoch = next.epoch;
  }
  auto protection = std::make_unique<MessageProtection>(
      suite, next,
      ProtectionSecrets{std::move(secrets.membership_key), std::move(secrets.sender_data_secret),
                        std::move(secrets.encryption_secret)},
      tree.leaf_count(), [this](const FramedContent& content) { return signer_of(content); },
      config.secret_tree);
  epoch = EpochState{std::move(secrets.init_secret),
                     std::move(secrets.exporter_secret),
                     std::move(secrets.external_secret),
                     std::move(secrets.resumption_psk),
                     std::move(secrets.epoch_authenticator),
                     std::move(protection),
                     ExporterTree(std::move(secrets.application_export_secret))};
  begin_epoch(std::move(next), std::move(tag));
  return {};
}

std::optional<crypto::Secret> GroupState::psk(const PreSharedKeyId& id) const {
  return group_psk(context, epoch.resumption_psk, resumption_psks, config, id);
}

std::optional<crypto::Secret> group_psk(const GroupContext& context, const crypto::Secret& resumption_psk,
                                        const std::deque<std::pair<std::uint64_t, crypto::Secret>>& history,
                                        const GroupConfig& config, const PreSharedKeyId& id) {
  if (const auto* resumption = id.psk.get_if<ResumptionPskId>()) {
    if (resumption->psk_group_id == context.group_id) {
      if (resumption->psk_epoch == context.epoch) return resumption_psk.clone();
      for (const auto& [number, secret] : history) {
        if (number == resumption->psk_epoch) return secret.clone();
      }
    }
  }
  if (!config.psks) return std::nullopt;
  return config.psks(id);
}

Status enter_next_epoch(GroupState& state, NextEpoch next) {
  auto signers_changed = state.tree.staged_leaf_signers();
  state.tree.keep_staged();
  state.private_keys = std::move(next.private_keys);
  state.removed = next.removed_self;
  state.reinit = std::move(next.reinit);
  state.first_commit_usage.reset();
  state.pending_update_keys.clear();
  return state.enter_epoch(std::move(next.context), std::move(next.secrets),
                           std::move(next.confirmation_tag), std::move(signers_changed));
}

Result<GroupInfo> make_group_info(const GroupState& state, const GroupContext& context,
                                  BytesView external_secret, const Bytes& confirmation_tag,
                                  bool with_tree) {
  GroupInfo info{context, {}, confirmation_tag, state.own_leaf.value, {}};
  if (with_tree) info.extensions.push_back({ExtensionType::ratchet_tree, state.tree.encoded_nodes()});
  auto external = state.suite.derive_key_pair(external_secret);
  if (!external) return external.error();
  info.extensions.push_back(make_extension(ExternalPub{std::move(external->public_key)}));
  auto signature = state.suite.sign_with_label(state.signature_key, "GroupInfoTBS", group_info_tbs(info));
  if (!signature) return signature.error();
  info.signature = std::move(*signature);
  return info;
}

FramedContent application_content(const GroupContext& context, LeafIndex sender, BytesView application_data,
                                  BytesView authenticated_data) {
  return FramedContent{context.group_id, context.epoch, Sender{MemberSender{sender.value}},
                       Bytes(authenticated_data.begin(), authenticated_data.end()),
                       Content{ApplicationData{Bytes(application_data.begin(), application_data.end())}}};
}

Bytes proposal_ref(const CipherSuite& suite, const AuthenticatedContent& content) {
  return suite.ref_hash("MLS 1.0 Proposal Reference", codec::encode(content));
}

}  // namespace conclave::mls
