#include "simulation.hpp"

#include <algorithm>
#include <atomic>
#include <functional>
#include <optional>
#include <string>
#include <thread>
#include <vector>

#include "conclave/crypto/random.hpp"
#include "conclave/meeting/participant.hpp"
#include "conclave/srp/group.hpp"
#include "conclave/srp/rfc5054.hpp"
#include "report.hpp"

namespace conclave::tools {

namespace {

using meeting::Guest;
using meeting::Participant;

constexpr std::size_t frame_receivers = 8;

class Simulation {
 public:
  explicit Simulation(const SimulationOptions& options)
      : options_(options),
        report_(options.progress),
        variant_(*srp::rfc5054_group(2048), crypto::HashId::sha256),
        server_(variant_, crypto::system_random()) {
    profile_.suite = options.suite;
    profile_.srp = &variant_;
  }

  std::size_t run() {
    if (!create()) return report_.finish();
    const std::size_t by_welcome = options_.participants - 2;
    if (!join_by_welcome(by_welcome) || !join_external("join by external Commit (1 guest)")) return report_.finish();
    chat();
    frames("frames: each member sends one, up to 8 others decrypt it");
    update();
    remove();
    rotate();
    refuse_old_and_wrong_passwords();
    join_external("join with the new link by external Commit");
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
    if (!ok(host, "meeting created")) return false;
    members_.push_back(std::move(*host));
    report_.line("link: " + link_.base + "/join/id-" + link_.meeting_id + "#pwd-(12 characters, never sent)");
    print_code();
    return true;
  }

  // Guests log in (SRP, PSK, session key) on all threads.
  std::vector<std::optional<Guest>> log_in(std::size_t count, std::string_view prefix) {
    std::vector<std::optional<Guest>> guests(count);
    parallel(count, [&](std::size_t i) {
      auto guest = Guest::log_in(server_, link_, password_, std::string(prefix) + std::to_string(i), profile_,
                                 crypto::system_random());
      if (guest) guests[i].emplace(std::move(*guest));
    });
    return guests;
  }

  bool join_by_welcome(std::size_t count) {
    report_.begin("log in " + std::to_string(count) + " guests (SRP-6a, password PSK, session key)");
    auto guests = log_in(count, "guest ");
    const auto logged_in = std::count_if(guests.begin(), guests.end(), [](const auto& g) { return g.has_value(); });
    if (!report_.check(static_cast<std::size_t>(logged_in) == count, "every guest logged in")) return false;

    report_.begin("join by Welcome, " + std::to_string(options_.batch) + " guests per Commit");
    for (std::size_t first = 0; first < count; first += options_.batch) {
      const std::size_t last = std::min(count, first + options_.batch);
      for (std::size_t i = first; i < last; ++i) {
        if (!ok(guests[i]->request_welcome(server_), "join request queued")) return false;
      }
      auto admitted = members_[0].admit(server_);
      if (!ok(admitted, "guests admitted") || !report_.check(*admitted == last - first, "every request admitted")) {
        return false;
      }
      sync_all();
      std::vector<std::optional<Participant>> joined(last - first);
      parallel(last - first, [&](std::size_t i) {
        auto participant = guests[first + i]->join_from_welcome(server_);
        if (participant) joined[i].emplace(std::move(*participant));
      });
      for (auto& participant : joined) {
        if (!report_.check(participant.has_value(), "guest joined from its Welcome")) return false;
        members_.push_back(std::move(*participant));
      }
    }
    return expect_agreement();
  }

  bool join_external(const std::string& step) {
    report_.begin(step);
    auto guest = Guest::log_in(server_, link_, password_, "late guest", profile_, crypto::system_random());
    if (!ok(guest, "late guest logged in")) return false;
    auto joined = guest->join_by_external_commit(server_);
    if (!ok(joined, "late guest joined by external Commit")) return false;
    members_.push_back(std::move(*joined));
    sync_all();
    return expect_agreement();
  }

  void chat() {
    report_.begin("chat: one member to all");
    const std::size_t speaker = members_.size() / 2;
    ok(members_[speaker].send_chat(server_, "hello, everyone"), "chat sent");
    std::atomic<std::size_t> heard{0};
    sync_all([&](std::size_t i, const meeting::SyncReport& sync) {
      if (i != speaker && sync.chats.size() == 1 && sync.chats[0].text == "hello, everyone") ++heard;
    });
    report_.check(heard == live_members() - 1, "every other member read the chat");
  }

  void frames(const std::string& step) {
    report_.begin(step);
    std::size_t decrypted = 0;
    std::size_t sent = 0;
    for (std::size_t i = 0; i < members_.size(); ++i) {
      if (members_[i].removed()) continue;
      const std::string text = "frame from " + std::to_string(i);
      auto& sframe = *members_[i].sframe();
      Bytes frame(sframe.max_protected_size(text.size()));
      auto size = sframe.protect({}, as_bytes(text), frame);
      if (!ok(size, "frame protected")) return;
      frame.resize(*size);
      sent += 1;
      for (std::size_t k = 1, seen = 0; k < members_.size() && seen < frame_receivers; ++k) {
        auto& receiver = members_[(i + k) % members_.size()];
        if (receiver.removed()) continue;
        seen += 1;
        Bytes out(frame.size());
        auto opened = receiver.sframe()->unprotect({}, frame, out);
        if (opened && std::equal(text.begin(), text.end(), out.begin()) && opened->size == text.size()) ++decrypted;
      }
    }
    const std::size_t expected = sent * std::min(frame_receivers, live_members() - 1);
    report_.check(decrypted == expected, "every frame decrypted by its receivers");
    report_.line(std::to_string(sent) + " frames, " + std::to_string(decrypted) + " decryptions");
  }

  void update() {
    report_.begin("update: a member's Commit with a fresh path");
    ok(members_[1].update(server_), "update committed");
    sync_all();
    expect_agreement();
  }

  void remove() {
    report_.begin("host removes a participant");
    auto& removed = members_[2];
    const auto leaf = removed.group().own_leaf().value;
    if (!ok(members_[0].remove(server_, leaf), "remove committed")) return;
    sync_all();
    report_.check(removed.removed(), "the removed participant knows it");
    expect_agreement();
    const std::string text = "after the removal";
    Bytes frame(members_[0].sframe()->max_protected_size(text.size()));
    auto size = members_[0].sframe()->protect({}, as_bytes(text), frame);
    if (!ok(size, "frame protected")) return;
    frame.resize(*size);
    Bytes out(frame.size());
    report_.check(!removed.sframe()->unprotect({}, frame, out), "the removed participant cannot decrypt new frames");
  }

  void rotate() {
    report_.begin("host rotates the link (every member derives the new PSK)");
    meeting::MeetingLink old = link_.clone();
    auto rotated = members_[0].rotate_link(server_);
    if (!ok(rotated, "link rotated")) return;
    std::atomic<std::size_t> moved{0};
    sync_all([&](std::size_t, const meeting::SyncReport& sync) {
      if (sync.link_rotated) ++moved;
    });
    report_.check(moved == live_members() - 1, "every member moved to the new link");
    old_link_ = std::move(old);
    old_password_ = password_;
    link_ = std::move(*rotated);
    password_ = link_.meeting_password()->text();
    expect_agreement();
  }

  void refuse_old_and_wrong_passwords() {
    report_.begin("refuse the old link and a wrong password");
    auto old = Guest::log_in(server_, old_link_, old_password_, "old link", profile_, crypto::system_random());
    report_.check(!old && old.error() == Errc::unknown_meeting, "the old link opens nothing");
    auto wrong = Guest::log_in(server_, link_, "wrong-password", "wrong", profile_, crypto::system_random());
    report_.check(!wrong && wrong.error() == Errc::proof_invalid, "a wrong password fails SRP");
  }

  void sync_all(const std::function<void(std::size_t, const meeting::SyncReport&)>& each = {}) {
    std::atomic<std::size_t> failed{0};
    parallel(members_.size(), [&](std::size_t i) {
      if (members_[i].removed()) return;
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
    return static_cast<std::size_t>(
        std::count_if(members_.begin(), members_.end(), [](const Participant& p) { return !p.removed(); }));
  }

  bool expect_agreement() {
    const auto& host = members_[0].group();
    const bool agree = std::all_of(members_.begin(), members_.end(), [&](const Participant& p) {
      if (p.removed()) return true;
      const auto a = p.group().epoch_authenticator();
      const auto b = host.epoch_authenticator();
      return p.group().epoch() == host.epoch() && std::equal(a.begin(), a.end(), b.begin(), b.end());
    });
    report_.check(agree, "every member shows the same security code");
    report_.line(std::to_string(live_members()) + " members");
    print_code();
    return agree;
  }

  void print_code() {
    auto code = members_[0].security_code();
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
};

}  // namespace

std::size_t run_simulation(const SimulationOptions& options) { return Simulation(options).run(); }

}  // namespace conclave::tools
