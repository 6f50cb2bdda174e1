#pragma once

// What the simulation prints: timed steps, checks, a progress bar for long
// steps (on a terminal), and the security code of each epoch.

#include <chrono>
#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace conclave::tools {

// "n=…, mean …, p50 …, max …" of `samples` (milliseconds), or "n=0".
std::string summary_ms(std::vector<double> samples);

class Report {
 public:
  explicit Report(bool progress) : progress_(progress) {}

  // Times the step from here to the next begin() or finish().
  void begin(std::string_view step);
  // Shown as a bar while a step counts through `total` items.
  void progress(std::size_t done, std::size_t total);
  // A check that must hold; a failure is printed and counted.
  bool check(bool holds, std::string_view what);
  void line(std::string_view text);
  // Ends the last step and prints the timings; the count of failed checks.
  std::size_t finish();

 private:
  void end_step();

  struct Step {
    std::string name;
    double seconds = 0;
  };
  bool progress_;
  std::vector<Step> steps_;
  std::chrono::steady_clock::time_point started_;
  std::size_t checks_ = 0;
  std::size_t failures_ = 0;
};

}  // namespace conclave::tools
