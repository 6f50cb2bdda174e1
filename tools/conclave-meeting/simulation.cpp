#include "simulation.hpp"

#include <algorithm>
#include <atomic>
#include <chrono>
#include <functional>
#include <optional>
#include <random>
#include <set>
#include <string>
#include <thread>
#include <vector>

#include "attacker.hpp"
#include "committer_turn.hpp"
#include "conclave/crypto/random.hpp"
#include "conclave/meeting/participant.hpp"
#include "conclave/meeting/password_psk.hpp"
#include "conclave/srp/group.hpp"
#include "conclave/srp/rfc5054.hpp"
#include "participant_files.hpp"
#include "report.hpp"

namespace conclave::tools {

namespace {

using meeting::Guest;
using meeting::Membership;
using meeting::Participant;

constexpr std::size_t frame_receivers = 8;
// Above this, the stranding attack is skipped: every member's resync is a
// Commit every member processes, so its cost grows with the square.
constexpr std::size_t max_participants_to_strand = 200;

// What one request got: nothing when it succeeded, else its error.
using Outcome = std::optional<Errc>;

template <class R>
Outcome outcome_of(const R& result) {
  return result.ok() ? Outcome{} : Outcome{result.error()};
}

std::string describe(const Outcome& outcome) {
  return outcome ? std::string(to_string(*outcome)) : "accepted";
}

class Simulation {
 public:
  explicit Simulation(const SimulationOptions& options)
      : options_(options),
        report_(options.progress),
        variant_(*srp::rfc5054_group(2048), crypto::HashId::sha256),
        server_(variant_, crypto::system_random()) {
    profile_.suite = options.suite;
    profile_.srp = &variant_;
    if (!options.storage.empty()) files_.emplace(options.storage);
  }

  std::size_t run() {
    if (!create()) return report_.finish();
    // The host, these, one external joiner and the participant removed below.
    const std::size_t by_welcome = options_.participants - 3;
    if (!join_by_welcome(by_welcome) || !join_external("join by external Commit (1 guest)")) return report_.finish();
    chat();
    frames("frames: each member sends one, up to 8 others decrypt it");
    update();
    if (!restart() || !name_co_host()) return report_.finish();
    if (options_.host_leaves && !host_leaves()) return report_.finish();
    if (options_.churn > 0 && !churn(options_.churn)) return report_.finish();
    report_wait_times();
    auto removed = remove_and_keep_out();
    if (!removed) return report_.finish();
    attacks_of_the_removed(*removed);
    attacks_of_a_guest();
    strand_and_resync();
    join_external("join with the new link by external Commit");
    attack_with_the_old_session_key(*removed);
    chat();
    frames("frames after the attacks");
    expect_agreement();
    return report_.finish();
  }

 private:
  // Runs fn(i) for i in [0, count) over the configured threads.
  void parallel(std::size_t count, const std::function<void(std::size_t)>& fn) {
    std::atomic<std::size_t> next{0};
    std::atomic<std::size_t> done{0};
    const auto work = [&](bool shows_progress) {
      for (std::size_t i = next++; i < count; i = next++) {
        fn(i);
        const std::size_t finished = ++done;
        if (shows_progress) report_.progress(finished, count);
      }
    };
    std::vector<std::thread> threads;
    for (unsigned t = 1; t < options_.threads; ++t) threads.emplace_back(work, false);
    work(true);
    for (auto& thread : threads) thread.join();
    report_.progress(count, count);
  }

  template <class T>
  bool ok(const Result<T>& result, std::string_view what) {
    return report_.check(result.ok(), std::string(what) + (result ? "" : ": " + std::string(to_string(result.error()))));
  }
  bool ok(const Status& status, std::string_view what) {
    return report_.check(status.ok(), std::string(what) + (status ? "" : ": " + std::string(to_string(status.error()))));
  }

  bool create() {
    report_.begin("create the meeting (link, password PSK, SRP verifier, group at epoch 1)");
    auto link = meeting::MeetingLink::generate("https://meet.conclave.example", crypto::system_random());
    if (!ok(link, "link generated")) return false;
    link_ = std::move(*link);
    password_ = link_.meeting_password()->text();
    auto host = Participant::host_meeting(server_, link_, password_, "Host", "Conclave demo", profile_,
                                          crypto::system_random());
    if (!ok(host, "meeting created") || !add_member(std::move(*host))) return false;
    report_.line("link: " + link_.base + "/join/id-" + link_.meeting_id + "#pwd-(12 characters, never sent)");
    print_code();
    return true;
  }

  // Guests log in (SRP, PSK, session key) on all threads.
  std::vector<std::optional<Guest>> log_in_guests(std::size_t count, std::string_view prefix) {
    std::vector<std::optional<Guest>> guests(count);
    parallel(count, [&](std::size_t i) {
      auto guest = Guest::log_in(server_, link_, password_, std::string(prefix) + std::to_string(i), profile_,
                                 crypto::system_random());
      if (guest) guests[i].emplace(std::move(*guest));
    });
    return guests;
  }

  // Whether the guest joining by Welcome at `index` joins as a partial
  // member: the share options_.partial of them, spread evenly.
  Membership membership_of(std::size_t index) const {
    const auto below = [&](std::size_t n) { return static_cast<std::size_t>(static_cast<double>(n) * options_.partial); };
    return below(index + 1) > below(index) ? Membership::partial : Membership::full;
  }

  bool join_by_welcome(std::size_t count) {
    report_.begin("log in " + std::to_string(count) + " guests (SRP-6a, password PSK, session key)");
    auto guests = log_in_guests(count, "guest ");
    const auto logged_in = std::count_if(guests.begin(), guests.end(), [](const auto& g) { return g.has_value(); });
    if (!report_.check(static_cast<std::size_t>(logged_in) == count, "every guest logged in")) return false;

    report_.begin("join by Welcome, " + std::to_string(options_.batch) + " guests per Commit");
    std::vector<double> join_ms(count);
    for (std::size_t first = 0; first < count; first += options_.batch) {
      const std::size_t last = std::min(count, first + options_.batch);
      for (std::size_t i = first; i < last; ++i) {
        if (!ok(guests[i]->request_welcome(server_, membership_of(i)), "join request queued")) return false;
      }
      auto admitted = members_[host()].admit(server_);
      if (!ok(admitted, "guests admitted") || !report_.check(*admitted == last - first, "every request admitted")) {
        return false;
      }
      sync_all();
      std::vector<std::optional<Participant>> joined(last - first);
      parallel(last - first, [&](std::size_t i) {
        const auto started = std::chrono::steady_clock::now();
        auto participant = guests[first + i]->join_from_welcome(server_);
        join_ms[first + i] = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - started).count();
        if (participant) joined[i].emplace(std::move(*participant));
      });
      for (auto& participant : joined) {
        if (!report_.check(participant.has_value(), "guest joined from its Welcome") ||
            !add_member(std::move(*participant))) {
          return false;
        }
      }
    }
    report_join_times(join_ms);
    return expect_agreement();
  }

  // The join time of each guest by Welcome, by kind, and what each kind
  // took from the server to join.
  void report_join_times(const std::vector<double>& join_ms) {
    std::vector<double> full;
    std::vector<double> partial;
    for (std::size_t i = 0; i < join_ms.size(); ++i) {
      (membership_of(i) == Membership::partial ? partial : full).push_back(join_ms[i]);
    }
    report_.line("join time per participant (ms), full members:    " + summary_ms(full));
    report_.line("join time per participant (ms), partial members: " + summary_ms(partial));
    const auto* record = server_.record(link_.meeting_id);
    std::size_t full_bytes = 0;
    std::size_t full_joiners = 0;
    for (const auto& [ref, kept] : record->welcomes) {
      if (record->partial.welcomes.count(ref) != 0) continue;
      full_bytes += kept.welcome->size() + kept.ratchet_tree->size();
      full_joiners += 1;
    }
    std::size_t partial_bytes = 0;
    for (const auto& [ref, annotated] : record->partial.welcomes) partial_bytes += annotated.size();
    const auto mean_kb = [](std::size_t bytes, std::size_t n) {
      return n == 0 ? std::string("-") : std::to_string(bytes / n / 1024) + " KB";
    };
    report_.line("taken from the server to join (mean): full " + mean_kb(full_bytes, full_joiners) +
                 " (Welcome and ratchet tree), partial " + mean_kb(partial_bytes, record->partial.welcomes.size()) +
                 " (AnnotatedWelcome)");
  }

  // The first present full member from `from` on (wrapping around): a
  // committer must be one.
  std::size_t full_guest(std::size_t from) const {
    for (std::size_t k = 0; k < members_.size(); ++k) {
      const std::size_t i = (from + k) % members_.size();
      if (present(i) && !members_[i].is_partial()) return i;
    }
    return 0;
  }

  // Neither removed nor gone without a word.
  bool present(std::size_t i) const { return !members_[i].removed() && gone_.count(i) == 0; }

  // The present member whose view the simulation shows: the first full one.
  std::size_t reference() const { return full_guest(0); }

  // The present host, by the roles of its epoch.
  std::size_t host() const {
    for (std::size_t i = 0; i < members_.size(); ++i) {
      if (present(i) && members_[i].is_host()) return i;
    }
    return 0;
  }

  bool join_external(const std::string& step) {
    report_.begin(step);
    auto guest = Guest::log_in(server_, link_, password_, "late guest", profile_, crypto::system_random());
    if (!ok(guest, "late guest logged in")) return false;
    auto joined = guest->join_by_external_commit(server_);
    if (!ok(joined, "late guest joined by external Commit") || !add_member(std::move(*joined))) return false;
    sync_all();
    return expect_agreement();
  }

  // A new member, kept in its file with --storage (a full one: a partial
  // member's state has no storage form).
  bool add_member(Participant participant) {
    members_.push_back(std::move(participant));
    if (!files_ || members_.back().is_partial()) return true;
    return ok(files_->keep(members_.size() - 1, members_.back()), "participant kept in its SQLite file");
  }

  void chat() {
    report_.begin("chat: one member to all");
    chat_from(full_guest(members_.size() / 2), "hello, everyone");
  }

  void chat_from(std::size_t speaker, const std::string& text) {
    ok(members_[speaker].send_chat(server_, text), "chat sent");
    std::atomic<std::size_t> heard{0};
    sync_all([&](std::size_t i, const meeting::SyncReport& sync) {
      if (i != speaker && sync.chats.size() == 1 && sync.chats[0].text == text) ++heard;
    });
    report_.check(heard == live_members() - 1, "every other member read the chat");
  }

  void frames(const std::string& step) {
    report_.begin(step);
    std::size_t decrypted = 0;
    std::size_t sent = 0;
    for (std::size_t i = 0; i < members_.size(); ++i) {
      if (!present(i)) continue;
      const std::string text = "frame from " + std::to_string(i);
      auto frame = frame_from(members_[i], text);
      if (!ok(frame, "frame protected")) return;
      sent += 1;
      for (std::size_t k = 1, seen = 0; k < members_.size() && seen < frame_receivers; ++k) {
        auto& receiver = members_[(i + k) % members_.size()];
        if (!present((i + k) % members_.size())) continue;
        seen += 1;
        Bytes out(frame->size());
        auto opened = receiver.sframe()->unprotect({}, *frame, out);
        if (opened && std::equal(text.begin(), text.end(), out.begin()) && opened->size == text.size()) ++decrypted;
      }
    }
    const std::size_t expected = sent * std::min(frame_receivers, live_members() - 1);
    report_.check(decrypted == expected, "every frame decrypted by its receivers");
    report_.line(std::to_string(sent) + " frames, " + std::to_string(decrypted) + " decryptions");
  }

  void update() {
    report_.begin("update: a member's Commit with a fresh path");
    ok(members_[full_guest(1)].update(server_), "update committed");
    sync_all();
    expect_agreement();
  }

  // With --storage: a guest destroyed mid-meeting and loaded from its file
  // goes on at the same epoch without joining again (its media keys derived
  // again from that epoch): the same security code, a chat both ways, the
  // next Commit.
  bool restart() {
    if (!files_) return true;
    report_.begin("restart a participant from its SQLite file (destroyed, loaded, no new join)");
    const std::size_t index = full_guest(members_.size() / 3);
    const Bytes group_id = members_[reference()].group().context().group_id;
    const std::uint64_t epoch = members_[index].epoch();
    const std::size_t log = log_size();
    { const Participant gone = std::move(members_[index]); }
    auto loaded = files_->reload(index, group_id, profile_, crypto::system_random());
    if (!ok(loaded, "participant loaded from its file")) return false;
    members_[index] = std::move(*loaded);
    report_.check(members_[index].epoch() == epoch && log_size() == log,
                  "it is at the epoch it left, without joining again");
    report_.line("participant " + std::to_string(index) + " destroyed and loaded from its file at epoch " +
                 std::to_string(epoch));
    expect_agreement();
    chat_from(index, "back after a restart");
    chat_from(host(), "welcome back");
    ok(members_[host()].update(server_), "the next Commit made");
    sync_all();
    return expect_agreement();
  }

  // The host names a co-host, so that succession has one to name
  // (spec-notes/meeting-profile.md, "Succession"): the first present full
  // member after it.
  bool name_co_host() {
    const std::size_t host_index = host();
    auto roles = members_[host_index].roles();
    if (!ok(roles, "the roles read")) return false;
    if (!roles->co_hosts.empty()) return true;
    report_.begin("the host names a co-host (an AppDataUpdate of the roles)");
    const std::size_t named = full_guest(host_index + 1);
    roles->co_hosts = {members_[named].own_leaf()};
    if (!ok(members_[host_index].set_roles(server_, *roles), "co-host named")) return false;
    sync_all();
    const bool alike = every_present([&](std::size_t i) {
      auto seen = members_[i].roles();
      return seen && *seen == *roles;
    });
    return report_.check(alike, "every member sees the same roles");
  }

  // The pending proposals of this epoch (each posted at simulated time 0)
  // committed by the designated committer: the first-ranked member that is
  // present and not `absent`. Its wait is each proposal's, in simulated time.
  bool commit_by_schedule(const std::function<bool(std::size_t)>& absent, std::size_t proposals) {
    sync_all();
    const auto turn = committer_turn(members_, reference(), [&](std::size_t i) {
      return !present(i) || members_[i].is_partial() || absent(i);
    }, meeting::default_commit_step);
    if (!report_.check(turn.has_value(), "a member is present to commit")) return false;
    const auto bound = meeting::default_commit_step * static_cast<std::int64_t>(turn->ranked_before);
    report_.line("designated committer: rank " + std::to_string(turn->ranked_before) + " (the " +
                 std::to_string(turn->ranked_before) + " before it absent), after " +
                 std::to_string(turn->wait.count()) + " ms of simulated time");
    if (!ok(members_[turn->committer].commit_pending(server_), "pending proposals committed")) return false;
    for (std::size_t i = 0; i < proposals; ++i) waits_ms_.push_back(static_cast<double>(turn->wait.count()));
    return report_.check(turn->wait <= bound, "committed within (absent members ranked before) * step");
  }

  // The host drops without a word, halfway. A member leaves meanwhile, and
  // the schedule commits its SelfRemove with the host counted absent. Then
  // the successor (the first co-host) removes the host, its Commit carrying
  // the succession; every member names the same next host, which admits
  // the guests that waited and removes one participant.
  bool host_leaves() {
    report_.begin("the host drops without a word; a member leaves by SelfRemove meanwhile");
    const std::size_t old_host = host();
    const std::uint32_t old_leaf = members_[old_host].own_leaf();
    gone_.insert(old_host);
    auto waiting = log_in_guests(3, "waiting guest ");
    for (auto& guest : waiting) {
      if (!report_.check(guest.has_value(), "guest logged in") ||
          !ok(guest->request_welcome(server_), "join request queued while the host is gone")) {
        return false;
      }
    }
    const std::size_t leaver = plain_member(0);
    if (!ok(members_[leaver].leave(server_), "SelfRemove posted")) return false;
    const auto is_leaver = [&](std::size_t i) { return i == leaver; };
    if (!commit_by_schedule(is_leaver, 1)) return false;
    sync_all();
    report_.check(members_[leaver].removed(), "the leaver read the Commit that removed it");

    report_.begin("the successor removes the silent host; every member names the same next host");
    const auto roles = members_[reference()].roles();
    if (!ok(roles, "the roles read")) return false;
    const auto successor = meeting::host_successor(*roles);
    if (!report_.check(successor.has_value(), "the host named a successor")) return false;
    const std::size_t next = member_at(*successor);
    if (!ok(members_[next].remove(server_, old_leaf), "the successor removed the host")) return false;
    sync_all();
    const bool alike = every_present([&](std::size_t i) {
      auto seen = members_[i].roles();
      return seen && seen->host == *successor && !seen->holds_role(old_leaf);
    });
    if (!report_.check(alike && members_[next].is_host(), "every member names the successor host")) return false;

    report_.begin("the next host admits the guests that waited and removes one participant");
    auto admitted = members_[next].admit(server_);
    if (!ok(admitted, "the waiting guests admitted") || !report_.check(*admitted == waiting.size(), "all of them")) {
      return false;
    }
    sync_all();
    for (auto& guest : waiting) {
      auto joined = guest->join_from_welcome(server_);
      if (!ok(joined, "waiting guest joined") || !add_member(std::move(*joined))) return false;
    }
    const std::size_t removed = plain_member(members_.size() / 2);
    if (!ok(members_[next].remove(server_, members_[removed].own_leaf()), "the next host removed a participant")) {
      return false;
    }
    sync_all();
    report_.check(members_[removed].removed(), "the removed participant read its removal");
    return name_co_host() && expect_agreement();
  }

  // N leaves by SelfRemove and N joins by admission, in rounds of up to 5
  // each. In round r the r mod 4 first-ranked present members are offline,
  // so that the schedule's later ranks commit.
  bool churn(std::size_t count) {
    std::mt19937 pick(22);
    std::size_t round = 0;
    for (std::size_t done = 0; done < count; ++round) {
      const std::size_t size = std::min<std::size_t>(5, count - done);
      report_.begin("churn round " + std::to_string(round + 1) + ": " + std::to_string(size) +
                    " leave by SelfRemove, " + std::to_string(size) + " join by admission");
      std::set<std::size_t> leavers;
      while (leavers.size() < size) leavers.insert(plain_member(pick() % members_.size()));
      for (const auto i : leavers) {
        if (!ok(members_[i].leave(server_), "SelfRemove posted")) return false;
      }
      std::set<std::size_t> offline;
      for (const auto i : ranked_members(members_, reference())) {
        if (offline.size() == round % 4) break;
        if (present(i) && leavers.count(i) == 0 && !members_[i].is_partial()) offline.insert(i);
      }
      const auto absent = [&](std::size_t i) { return leavers.count(i) != 0 || offline.count(i) != 0; };
      if (!commit_by_schedule(absent, size)) return false;
      sync_all();
      const bool left = std::all_of(leavers.begin(), leavers.end(), [&](std::size_t i) { return members_[i].removed(); });
      if (!report_.check(left, "every leaver read the Commit that removed it") || !admit_guests(size, "churn guest ")) {
        return false;
      }
      done += size;
      if (!name_co_host() || !expect_agreement()) return false;
    }
    return true;
  }

  // `count` guests log in and ask to join, the host admits them, they join.
  bool admit_guests(std::size_t count, std::string_view prefix) {
    auto guests = log_in_guests(count, prefix);
    for (auto& guest : guests) {
      if (!report_.check(guest.has_value(), "guest logged in") || !ok(guest->request_welcome(server_), "join request queued")) {
        return false;
      }
    }
    auto admitted = members_[host()].admit(server_);
    if (!ok(admitted, "guests admitted") || !report_.check(*admitted == count, "every request admitted")) return false;
    sync_all();
    for (auto& guest : guests) {
      auto joined = guest->join_from_welcome(server_);
      if (!ok(joined, "guest joined from its Welcome") || !add_member(std::move(*joined))) return false;
    }
    return true;
  }

  void report_wait_times() {
    if (waits_ms_.empty()) return;
    report_.line("wait of each pending proposal before its Commit (simulated ms, step " +
                 std::to_string(meeting::default_commit_step.count()) + " ms): " + summary_ms(waits_ms_));
  }

  // A present full member that holds no role, from `from` on.
  std::size_t plain_member(std::size_t from) const {
    const auto roles = members_[reference()].roles();
    for (std::size_t k = 0; k < members_.size(); ++k) {
      const std::size_t i = (from + k) % members_.size();
      if (present(i) && !members_[i].is_partial() && roles && !roles->holds_role(members_[i].own_leaf())) return i;
    }
    return reference();
  }

  // The present member on `leaf`.
  std::size_t member_at(std::uint32_t leaf) const {
    for (std::size_t i = 0; i < members_.size(); ++i) {
      if (present(i) && members_[i].own_leaf() == leaf) return i;
    }
    return reference();
  }

  bool every_present(const std::function<bool(std::size_t)>& holds) const {
    for (std::size_t i = 0; i < members_.size(); ++i) {
      if (present(i) && !holds(i)) return false;
    }
    return true;
  }

  // The removed participant is one the simulation drives itself, so that it
  // keeps its token, session key and SFrame keys for the attacks.
  std::optional<RawMember> remove_and_keep_out() {
    report_.begin("host removes a participant with keep-out (the removal, then a new link and session key)");
    auto removed = RawMember::join(server_, profile_, link_, password_, "removed participant", crypto::system_random());
    if (!ok(removed, "the participant to remove joined by external Commit")) return std::nullopt;
    sync_all();
    // What it holds works until its removal, so that each attack can fail.
    ok(open_host_frame(removed->sframe()), "it decrypts a frame of its epoch");
    ok(server_.group_info(removed->token()), "its session reads the GroupInfo");
    ok(removed->metadata().open(meeting::Metadata::meeting_title, sealed_title()), "its session key opens the title");
    old_link_ = link_.clone();
    old_password_ = password_;
    auto rotated = members_[host()].remove_and_keep_out(server_, removed->group().own_leaf().value);
    if (!ok(rotated, "removed, and the link rotated")) return std::nullopt;
    std::atomic<std::size_t> moved{0};
    sync_all([&](std::size_t, const meeting::SyncReport& sync) {
      if (sync.link_rotated) ++moved;
    });
    report_.check(moved == live_members() - 1, "every member moved to the new link");
    link_ = std::move(*rotated);
    password_ = link_.meeting_password()->text();
    expect_agreement();
    return std::move(*removed);
  }

  void attacks_of_the_removed(RawMember& removed) {
    report_.begin("attacks by the removed participant");
    attack("the removed participant logs in with its old link and password",
           {outcome_of(meeting::log_in_session(server_, profile_, old_link_, old_password_, crypto::system_random()))},
           Errc::unknown_meeting);
    attack("it logs in at the new link's meeting ID with its old password",
           {outcome_of(meeting::log_in_session(server_, profile_, link_, old_password_, crypto::system_random()))},
           Errc::proof_invalid);
    // Sealed before it learns of its removal, then all it still may read.
    auto chat = removed.group().protect(as_bytes("still here"), {}, crypto::system_random());
    if (!ok(chat, "its chat sealed in its last epoch")) return;
    auto read = removed.read_on(server_);
    report_.check(read && *read, "it read up to the Commit that removed it");
    attack("it uses its old session token (the log past its removal, the GroupInfo, a chat)",
           {outcome_of(server_.messages(removed.token(), log_size())), outcome_of(server_.group_info(removed.token())),
            outcome_of(server_.post(removed.token(), codec::encode(*chat)))},
           Errc::unknown_meeting);
    attack("it decrypts a frame of a later epoch with its old SFrame keys",
           {outcome_of(open_host_frame(removed.sframe()))}, Errc::wrong_epoch);
  }

  void attacks_of_a_guest() {
    report_.begin("attacks by a guest the host never admitted");
    attack("an outsider logs in with a wrong password",
           {outcome_of(meeting::log_in_session(server_, profile_, link_, "wrong-password", crypto::system_random()))},
           Errc::proof_invalid);
    auto token = meeting::log_in_session(server_, profile_, link_, password_, crypto::system_random());
    if (!ok(token, "the guest logged in")) return;
    auto forged = forged_member_commit(server_, *token, members_[reference()].own_leaf());
    if (!ok(forged, "the Commit in a member's name made")) return;
    junk_commit("a guest never admitted posts a Commit in a member's name", *token, std::move(*forged),
                Errc::not_permitted);
    auto psk = meeting::password_psk(link_.meeting_id, password_);
    if (!ok(psk, "the password PSK derived")) return;
    auto external = external_commit_with_psk(server_, *token, profile_, psk->psk, crypto::system_random());
    if (!ok(external, "the external Commit made")) return;
    junk_commit("it posts an external Commit with the password PSK and a bad signature", *token,
                with_bad_signature(std::move(*external)), Errc::signature_invalid);
  }

  // The right PSK ID with a wrong value: the server cannot check the value
  // and takes the Commit, every member refuses it and is stranded, then
  // each resyncs in turn (an external Commit replacing its own leaf).
  void strand_and_resync() {
    report_.begin("attack by a guest that strands the members, and their resync");
    if (options_.participants > max_participants_to_strand) {
      report_.line("attack: a guest strands the members with a wrong PSK value -> skipped above " +
                   std::to_string(max_participants_to_strand) + " participants (N resyncs, each processed by all)");
      return;
    }
    if (options_.partial > 0) {
      report_.line("attack: a guest strands the members with a wrong PSK value -> skipped with partial members "
                   "(a resync is an external Commit, which a partial member cannot make)");
      return;
    }
    auto token = meeting::log_in_session(server_, profile_, link_, password_, crypto::system_random());
    if (!ok(token, "the guest logged in")) return;
    auto junk = external_commit_with_psk(server_, *token, profile_, crypto::Secret(Bytes(32, 0x42)),
                                         crypto::system_random());
    if (!ok(junk, "the external Commit made")) return;
    if (!ok(server_.post_commit(*token, std::move(*junk)), "the server took it")) return;
    std::atomic<std::size_t> stranded{0};
    parallel(members_.size(), [&](std::size_t i) {
      if (gone_.count(i) != 0) return;
      auto sync = members_[i].sync(server_);
      if (sync && sync->stranded && sync->refused.size() == 1 &&
          sync->refused[0].second == Errc::confirmation_tag_invalid) {
        ++stranded;
      }
    });
    std::size_t resynced = 0;
    for (std::size_t i = 0; i < members_.size(); ++i) {
      if (present(i) && members_[i].resync(server_)) ++resynced;
    }
    sync_all();
    const bool agree = expect_agreement();
    const std::size_t live = live_members();
    report_.line("attack: a guest posts an external Commit with the password PSK's ID and a wrong value -> the "
                 "server took it (it cannot check a PSK); " +
                 std::to_string(stranded) + " of " + std::to_string(live) +
                 " members refused it (confirmation tag invalid) and were stranded; " + std::to_string(resynced) +
                 " resynced; " + (agree ? "they agree again" : "they DISAGREE"));
    report_.check(stranded == live && resynced == live && agree, "every member refused the Commit, resynced, and agrees");
  }

  // Posts a Commit the server must refuse with `expected`, leaving its log
  // and epoch as they were.
  void junk_commit(std::string_view what, BytesView token, meeting::CommitPost post, Errc expected) {
    const auto* record = server_.record(link_.meeting_id);
    const std::size_t log = record->log.size();
    const std::uint64_t epoch = record->epoch;
    const Outcome posted = outcome_of(server_.post_commit(token, std::move(post)));
    const bool unchanged = record->log.size() == log && record->epoch == epoch;
    attack(what, {posted}, expected, unchanged, "the server's log and epoch unchanged");
  }

  void attack_with_the_old_session_key(const RawMember& removed) {
    report_.begin("attack by the removed participant's old session key");
    const auto& joiner = members_.back();
    const auto leaf = members_[reference()].group().tree().leaf(mls::LeafIndex{joiner.own_leaf()});
    const auto* name = leaf ? leaf->credential.get_if<mls::BasicCredential>() : nullptr;
    if (!report_.check(name != nullptr, "the later joiner's sealed name is in the tree")) return;
    attack("its old session key opens the new title and a later joiner's name",
           {outcome_of(removed.metadata().open(meeting::Metadata::meeting_title, sealed_title())),
            outcome_of(removed.metadata().open(meeting::Metadata::display_name, name->identity))},
           Errc::aead_failure);
  }

  // One attack, one line: what it tried and what came back. Each attempt
  // must be refused with `expected`, and `aftermath` must hold.
  void attack(std::string_view what, const std::vector<Outcome>& outcomes, Errc expected, bool aftermath_holds = true,
              std::string_view aftermath = {}) {
    const bool refused = std::all_of(outcomes.begin(), outcomes.end(), [&](const Outcome& o) { return o == expected; });
    std::string line = "attack: " + std::string(what) + " -> ";
    if (refused) {
      line += "refused (" + std::string(to_string(expected)) + ")";
    } else {
      for (std::size_t i = 0; i < outcomes.size(); ++i) line += (i == 0 ? "" : ", ") + describe(outcomes[i]);
      line += " (expected " + std::string(to_string(expected)) + ")";
    }
    if (!aftermath.empty()) line += std::string(aftermath_holds ? ", " : ", NOT: ") + std::string(aftermath);
    report_.line(line);
    report_.check(refused && aftermath_holds, what);
  }

  // `text` as an SFrame frame `sender` sends now.
  static Result<Bytes> frame_from(Participant& sender, std::string_view text) {
    auto& sframe = *sender.sframe();
    Bytes frame(sframe.max_protected_size(text.size()));
    auto size = sframe.protect({}, as_bytes(text), frame);
    if (!size) return size.error();
    frame.resize(*size);
    return frame;
  }

  // A frame the host sends now, as `receiver` opens it.
  Result<frame::MlsSFrameUnprotected> open_host_frame(frame::MlsSFrame& receiver) {
    auto frame = frame_from(members_[host()], "from the host");
    if (!frame) return frame.error();
    Bytes out(frame->size());
    return receiver.unprotect({}, *frame, out);
  }

  // The title as the server holds it, sealed under the current session key.
  Bytes sealed_title() const { return server_.record(link_.meeting_id)->registration.sealed_title; }
  std::size_t log_size() const { return server_.record(link_.meeting_id)->log.size(); }

  void sync_all(const std::function<void(std::size_t, const meeting::SyncReport&)>& each = {}) {
    std::atomic<std::size_t> failed{0};
    parallel(members_.size(), [&](std::size_t i) {
      if (!present(i)) return;
      auto sync = members_[i].sync(server_);
      if (!sync || !sync->refused.empty()) {
        ++failed;
        return;
      }
      if (each) each(i, *sync);
    });
    report_.check(failed == 0, "every member processed every message");
  }

  std::size_t live_members() const {
    std::size_t live = 0;
    for (std::size_t i = 0; i < members_.size(); ++i) if (present(i)) ++live;
    return live;
  }

  bool expect_agreement() {
    const auto shown = members_[reference()].security_code();
    std::size_t partial = 0;
    bool agree = shown.ok();
    for (std::size_t i = 0; i < members_.size(); ++i) {
      if (!present(i)) continue;
      if (members_[i].is_partial()) ++partial;
      const auto code = members_[i].security_code();
      agree = agree && code && code->epoch == shown->epoch && code->hex_groups == shown->hex_groups;
    }
    report_.check(agree, "every member shows the same security code");
    report_.line(std::to_string(live_members()) + " members (" + std::to_string(partial) + " partial)");
    print_code();
    return agree;
  }

  void print_code() {
    auto code = members_[reference()].security_code();
    if (code) report_.line(code->display() + "  (" + code->decimal + ")");
  }

  SimulationOptions options_;
  Report report_;
  srp::Rfc5054 variant_;
  meeting::MeetingServer server_;
  meeting::MeetingProfile profile_;
  meeting::MeetingLink link_;
  std::string password_;
  meeting::MeetingLink old_link_;
  std::string old_password_;
  std::vector<Participant> members_;
  std::set<std::size_t> gone_;  // members that dropped without a word
  std::vector<double> waits_ms_;  // each committed pending proposal's wait, in simulated time
  std::optional<ParticipantFiles> files_;  // with --storage
};

}  // namespace

std::size_t run_simulation(const SimulationOptions& options) { return Simulation(options).run(); }

}  // namespace conclave::tools
