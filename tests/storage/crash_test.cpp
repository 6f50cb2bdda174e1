// Issue 20, the storage crash test: a member kept in SQLite survives
// SIGKILL at any instant. A child process loads Bob from the database file
// and goes through the script (crash_script.hpp) from where his state is;
// the parent kills it after a seeded random delay, then copies the files,
// reloads Bob from the copy and checks that he is at one of the script's
// epochs (the one after the last step the child reported, or after the step
// it was in), that every message he reported read stays read, and that he
// processes the next Commit and decrypts the next message. Every message Bob
// sent must decrypt at its reader: a generation reused after a crash would
// not. The next child goes on from the real file; at the end of the script
// the file starts over from Bob's first state.
//
// CONCLAVE_CRASH_SEED sets the seed (printed with any failure): the script,
// the kill delays and the store settings follow from it.

#include <gtest/gtest.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <map>
#include <string>
#include <thread>
#include <vector>

#include "conclave/codec/codec.hpp"
#include "conclave/codec/writer.hpp"
#include "conclave/storage/sqlite_store.hpp"
#include "crash_script.hpp"
#include "storage_fixtures.hpp"

namespace conclave::test::crash {
namespace {

using mls::Group;
using storage::SqliteOptions;
using storage::SqliteStore;
using storage::Synchronous;

constexpr int kills = 500;
constexpr int rounds = 3;
// Kill delays are spread evenly on a log scale over this range.
constexpr double shortest_delay_us = 20;
constexpr double longest_delay_us = 20000;

std::uint64_t seed() {
  const char* text = std::getenv("CONCLAVE_CRASH_SEED");
  return text != nullptr ? std::strtoull(text, nullptr, 10) : 20;
}

Bytes seed_bytes(std::uint64_t value, std::uint64_t stream) {
  Bytes out;
  codec::Writer writer(out);
  writer.write_u64(value);
  writer.write_u64(stream);
  return out;
}

std::string text_of(BytesView bytes) { return std::string(bytes.begin(), bytes.end()); }

std::string error_text(const char* what, Errc error) { return std::string(what) + ": " + std::string(to_string(error)); }

// What a child tells the parent, one frame per write(2) (atomic on a pipe).
struct Report {
  enum Type : std::uint8_t { loaded, done, sent, failed };
  std::uint8_t type = loaded;
  std::uint32_t step = 0;
  Bytes payload;
  CONCLAVE_FIELDS(type, step, payload)
};

void send(int fd, Report::Type type, std::size_t step, BytesView payload = {}) {
  const Bytes body = codec::encode(Report{type, static_cast<std::uint32_t>(step), Bytes(payload.begin(), payload.end())});
  Bytes frame;
  codec::Writer writer(frame);
  writer.write_u32(static_cast<std::uint32_t>(body.size()));
  writer.write_bytes(body);
  if (::write(fd, frame.data(), frame.size()) != static_cast<ssize_t>(frame.size())) ::_exit(3);
}

// Reads `size` bytes onto the end of `into`; false at the end of the pipe.
bool read_exactly(int fd, std::size_t size, Bytes& into) {
  const std::size_t start = into.size();
  into.resize(start + size);
  for (std::size_t have = 0; have < size;) {
    const ssize_t got = ::read(fd, into.data() + start + have, size - have);
    if (got <= 0) {
      into.resize(start + have);
      return false;
    }
    have += static_cast<std::size_t>(got);
  }
  return true;
}

std::size_t frame_size(BytesView header) {
  std::size_t size = 0;
  for (const auto byte : header) size = (size << 8) | byte;
  return size;
}

// Reads one frame onto the end of `into`.
void read_frame(int fd, Bytes& into) {
  if (read_exactly(fd, 4, into)) read_exactly(fd, frame_size(BytesView(into).last(4)), into);
}

// The reports in `frames`.
std::vector<Report> reports_in(BytesView frames) {
  std::vector<Report> reports;
  while (frames.size() >= 4) {
    const std::size_t size = frame_size(frames.first(4));
    if (frames.size() < 4 + size) break;
    reports.push_back(*codec::decode<Report>(frames.subspan(4, size)));
    frames = frames.subspan(4 + size);
  }
  return reports;
}

// Whether `received` is what step `index` says Bob gets from it; empty when it is.
std::string mismatch(const Script& script, const Group& bob, std::size_t index, const mls::Received& received) {
  const Step& step = script.steps[index];
  if (step.kind == Step::Kind::application) {
    return received.application_data == step.plaintext ? "" : "wrong plaintext";
  }
  if (step.kind == Step::Kind::proposal) return received.kind == mls::Received::Kind::proposal ? "" : "not a proposal";
  const auto authenticator = bob.epoch_authenticator();
  const Bytes& expected = script.authenticators.at(step.epoch + 1);
  if (bob.epoch() != step.epoch + 1 || !std::equal(authenticator.begin(), authenticator.end(), expected.begin(), expected.end())) {
    return "the Commit led to another epoch";
  }
  return {};
}

// Step `index` in the child: a message read before the crash stays read.
std::string child_step(const Script& script, Group& bob, std::size_t index, crypto::RandomSource& random, int fd) {
  const Step& step = script.steps[index];
  if (step.kind == Step::Kind::bob_sends) {
    auto sent = bob.protect(as_bytes("bob " + std::to_string(index)), {}, random);
    if (!sent) return error_text("protect", sent.error());
    send(fd, Report::sent, index, codec::encode(*sent));
    return {};
  }
  auto received = bob.process(step.message);
  if (!received && step.kind == Step::Kind::application && received.error() == Errc::generation_consumed) return {};
  if (!received) return error_text("process", received.error());
  return mismatch(script, bob, index, *received);
}

std::string child_run(const Script& script, const std::string& path, const SqliteOptions& options, int fd,
                      BytesView stream) {
  auto store = SqliteStore::open(path, options);
  if (!store) return error_text("open", store.error());
  auto bob = Group::load(*store, script.group_id, member_config());
  if (!bob) return error_text("load", bob.error());
  const std::size_t first = script.first_step_of(bob->epoch());
  send(fd, Report::loaded, first);
  crypto::DeterministicRandom random(stream);
  for (std::size_t index = first; index < script.child_end; ++index) {
    if (auto failed = child_step(script, *bob, index, random, fd); !failed.empty()) {
      return "step " + std::to_string(index) + ": " + failed;
    }
    send(fd, Report::done, index);
  }
  return {};
}

// Every reload: what it must hold, given the last step reported done.
class Reload {
 public:
  Reload(const Script& script, std::ptrdiff_t done) : script_(script), done_(done) {}

  std::string check(const std::string& path) {
    auto store = SqliteStore::open(path, {.synchronous = Synchronous::normal, .checkpoint_every = 1000});
    if (!store) return error_text("open", store.error());
    auto bob = Group::load(*store, script_.group_id, member_config());
    if (!bob) return error_text("load", bob.error());
    if (auto wrong = check_epoch(*bob); !wrong.empty()) return wrong;
    return replay(*bob);
  }

  // Whether the kill left Bob in the epoch of the step in flight (its
  // Commit written, its report not sent).
  bool ahead() const { return ahead_; }

 private:
  std::string check_epoch(const Group& bob) {
    const std::uint64_t epoch = bob.epoch();
    const std::uint64_t lowest = script_.epoch_after(done_);
    const std::uint64_t highest = script_.epoch_after(done_ + 1);
    if (epoch < lowest || epoch > highest) {
      return "epoch " + std::to_string(epoch) + " outside " + std::to_string(lowest) + ".." + std::to_string(highest);
    }
    ahead_ = epoch > lowest;
    const auto authenticator = bob.epoch_authenticator();
    const Bytes& expected = script_.authenticators.at(epoch);
    if (!std::equal(authenticator.begin(), authenticator.end(), expected.begin(), expected.end())) {
      return "epoch " + std::to_string(epoch) + " with another epoch_authenticator";
    }
    return {};
  }

  // From the epoch's first step through the next Commit and the next
  // message: a message reported read must be consumed, one not yet reached
  // must decrypt.
  std::string replay(Group& bob) {
    bool committed = false;
    for (std::size_t index = script_.first_step_of(bob.epoch()); index < script_.steps.size(); ++index) {
      const Step& step = script_.steps[index];
      if (step.kind == Step::Kind::bob_sends) continue;
      auto received = bob.process(step.message);
      const auto position = static_cast<std::ptrdiff_t>(index);
      const bool read_before = step.kind == Step::Kind::application && position <= done_ + 1 && !received &&
                               received.error() == Errc::generation_consumed;
      if (step.kind == Step::Kind::application && position <= done_ && !read_before) {
        return "step " + std::to_string(index) + ": a message read before the kill decrypts again";
      }
      if (read_before) continue;
      if (!received) return "step " + std::to_string(index) + ": " + error_text("process", received.error());
      if (auto wrong = mismatch(script_, bob, index, *received); !wrong.empty()) return wrong;
      if (committed && step.kind == Step::Kind::application) return {};
      committed = committed || step.kind == Step::Kind::commit;
    }
    return "no next Commit and message";
  }

  const Script& script_;
  std::ptrdiff_t done_;
  bool ahead_ = false;
};

// The kill loop (see the top of the file).
class Harness {
 public:
  Harness(std::uint64_t seed, Session session)
      : seed_(seed), script_(std::move(session.script)), random_(seed_bytes(seed, 0)) {
    auto store = SqliteStore::open(first_path(), {});
    EXPECT_TRUE(store.ok());
    EXPECT_TRUE(session.bob.persist(*store).ok());
  }

  // Runs `count` kills; empty, or what went wrong.
  std::string run(int count) {
    start_over();
    while (kills_ < count) {
      if (auto failed = one_child(); !failed.empty()) {
        return "seed " + std::to_string(seed_) + ", kill " + std::to_string(kills_) + ": " + failed;
      }
    }
    return {};
  }

  int kills() const { return kills_; }
  int consistent() const { return consistent_; }
  int laps() const { return laps_; }
  int ahead() const { return ahead_; }

 private:
  std::string first_path() const { return directory_.file("first.db"); }
  std::string live_path() const { return directory_.file("bob.db"); }
  std::string copy_path() const { return directory_.file("copy.db"); }

  static void copy_database(const std::string& from, const std::string& to) {
    namespace fs = std::filesystem;
    fs::copy_file(from, to, fs::copy_options::overwrite_existing);
    fs::remove(to + "-shm");
    if (fs::exists(from + "-wal")) {
      fs::copy_file(from + "-wal", to + "-wal", fs::copy_options::overwrite_existing);
    } else {
      fs::remove(to + "-wal");
    }
  }

  // Bob as he joined, and every reader of his messages as at its epoch's start.
  void start_over() {
    copy_database(first_path(), live_path());
    done_ = -1;
    readers_.clear();
  }

  std::uint64_t draw() {
    Bytes bytes(8);
    random_.fill(bytes);
    std::uint64_t value = 0;
    for (const auto byte : bytes) value = (value << 8) | byte;
    return value;
  }

  // Even sync settings and checkpoint intervals a child writes with.
  SqliteOptions child_options() {
    const SqliteOptions choices[] = {{.synchronous = Synchronous::full},
                                     {.synchronous = Synchronous::normal},
                                     {.synchronous = Synchronous::normal, .checkpoint_every = 4}};
    return choices[draw() % 3];
  }

  std::chrono::microseconds delay() {
    const double unit = static_cast<double>(draw() >> 11) / static_cast<double>(1ULL << 53);
    return std::chrono::microseconds(
        static_cast<std::int64_t>(shortest_delay_us * std::pow(longest_delay_us / shortest_delay_us, unit)));
  }

  std::string one_child() {
    const SqliteOptions options = child_options();
    const auto wait = delay();
    // One kill in eight from the fork, the others once Bob is loaded.
    const bool from_fork = draw() % 8 == 0;
    int pipe_fds[2];
    if (::pipe(pipe_fds) != 0) return "pipe failed";
    const Bytes stream = seed_bytes(seed_, static_cast<std::uint64_t>(kills_) + 1);
    const pid_t child = ::fork();
    if (child == 0) {
      ::close(pipe_fds[0]);
      const std::string failed = child_run(script_, live_path(), options, pipe_fds[1], stream);
      if (!failed.empty()) send(pipe_fds[1], Report::failed, 0, as_bytes(failed));
      ::_exit(failed.empty() ? 0 : 1);
    }
    ::close(pipe_fds[1]);
    Bytes frames;
    if (!from_fork) read_frame(pipe_fds[0], frames);
    std::this_thread::sleep_for(wait);
    ::kill(child, SIGKILL);
    int status = 0;
    ::waitpid(child, &status, 0);
    while (read_exactly(pipe_fds[0], 4096, frames)) {
    }
    ::close(pipe_fds[0]);
    return after_child(status, reports_in(frames));
  }

  std::string after_child(int status, const std::vector<Report>& reports) {
    for (const auto& report : reports) {
      if (auto wrong = take(report); !wrong.empty()) return wrong;
    }
    if (WIFEXITED(status) && WEXITSTATUS(status) == 0) {
      ++laps_;
      start_over();
      return {};
    }
    if (!WIFSIGNALED(status) || WTERMSIG(status) != SIGKILL) return "the child ended with status " + std::to_string(status);
    ++kills_;
    copy_database(live_path(), copy_path());
    Reload reload(script_, done_);
    if (auto wrong = reload.check(copy_path()); !wrong.empty()) return "reload after step " + std::to_string(done_) + ": " + wrong;
    ahead_ += reload.ahead() ? 1 : 0;
    ++consistent_;
    return {};
  }

  std::string take(const Report& report) {
    switch (report.type) {
      case Report::loaded:
        // Bob's state is past every step before his epoch's first.
        done_ = std::max(done_, static_cast<std::ptrdiff_t>(report.step) - 1);
        return {};
      case Report::done:
        done_ = std::max(done_, static_cast<std::ptrdiff_t>(report.step));
        return {};
      case Report::sent:
        return read_sent(report);
      case Report::failed:
        return "the child failed: " + text_of(report.payload);
    }
    return "an unknown report";
  }

  // What Bob sent decrypts at its reader, once: its generation is new.
  std::string read_sent(const Report& report) {
    const auto message = codec::decode<mls::MlsMessage>(report.payload);
    const auto* framed = message ? message->body.get_if<mls::PrivateMessage>() : nullptr;
    if (framed == nullptr) return "Bob sent something else than a PrivateMessage";
    auto reader = readers_.find(framed->epoch);
    if (reader == readers_.end()) {
      auto group = Group::deserialize(script_.readers.at(framed->epoch).view(), member_config());
      reader = readers_.emplace(framed->epoch, std::move(*group)).first;
    }
    const auto read = reader->second.process(*message);
    const std::string what = "Bob's message at step " + std::to_string(report.step);
    if (!read) return what + ": " + error_text("its reader", read.error());
    if (text_of(read->application_data) != "bob " + std::to_string(report.step)) return what + ": wrong plaintext";
    return {};
  }

  std::uint64_t seed_;
  Script script_;
  crypto::DeterministicRandom random_;
  ScratchDirectory directory_;
  std::map<std::uint64_t, Group> readers_;
  std::ptrdiff_t done_ = -1;
  int kills_ = 0;
  int consistent_ = 0;
  int laps_ = 0;
  int ahead_ = 0;
};

TEST(StorageCrashTest, EveryKillLeavesAConsistentEpochThatGoesOn) {
  const std::uint64_t value = seed();
  Harness harness(value, make_session(seed_bytes(value, 0), rounds));
  const auto started = std::chrono::steady_clock::now();
  const std::string failed = harness.run(kills);
  const std::chrono::duration<double> took = std::chrono::steady_clock::now() - started;
  std::printf("storage crash test: %d kills, %d consistent reloads\n", harness.kills(), harness.consistent());
  std::printf("  seed %llu, %d laps of the script, %d kills with the step in flight written, %.1f s\n",
              static_cast<unsigned long long>(value), harness.laps(), harness.ahead(), took.count());
  EXPECT_TRUE(failed.empty()) << failed;
  EXPECT_EQ(harness.consistent(), kills);
}

}  // namespace
}  // namespace conclave::test::crash
