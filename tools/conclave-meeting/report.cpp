#include "report.hpp"

#include <algorithm>
#include <cstdio>
#include <iostream>
#include <numeric>

namespace conclave::tools {

std::string summary_ms(std::vector<double> samples) {
  if (samples.empty()) return "n=0";
  std::sort(samples.begin(), samples.end());
  const double mean = std::accumulate(samples.begin(), samples.end(), 0.0) / static_cast<double>(samples.size());
  char text[96];
  std::snprintf(text, sizeof text, "n=%zu, mean %.2f, p50 %.2f, max %.2f", samples.size(), mean,
                samples[samples.size() / 2], samples.back());
  return text;
}

void Report::begin(std::string_view step) {
  end_step();
  steps_.push_back({std::string(step), 0});
  started_ = std::chrono::steady_clock::now();
  std::cout << "== " << step << std::endl;
}

void Report::end_step() {
  if (steps_.empty() || steps_.back().seconds != 0) return;
  steps_.back().seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started_).count();
}

void Report::progress(std::size_t done, std::size_t total) {
  if (!progress_ || total == 0) return;
  constexpr std::size_t width = 40;
  const std::size_t filled = done * width / total;
  std::cerr << '\r' << '[' << std::string(filled, '#') << std::string(width - filled, '.') << "] " << done << '/'
            << total << (done == total ? "\n" : "") << std::flush;
}

bool Report::check(bool holds, std::string_view what) {
  checks_ += 1;
  if (!holds) {
    failures_ += 1;
    std::cout << "FAILED: " << what << std::endl;
  }
  return holds;
}

void Report::line(std::string_view text) { std::cout << "   " << text << std::endl; }

std::size_t Report::finish() {
  end_step();
  std::cout << "\n" << "step timings (s):\n";
  double total = 0;
  for (const auto& step : steps_) {
    char seconds[32];
    std::snprintf(seconds, sizeof seconds, "%9.3f", step.seconds);
    std::cout << seconds << "  " << step.name << "\n";
    total += step.seconds;
  }
  char sum[32];
  std::snprintf(sum, sizeof sum, "%9.3f", total);
  std::cout << sum << "  total\n";
  std::cout << "checks: " << checks_ - failures_ << " passed, " << failures_ << " failed" << std::endl;
  return failures_;
}

}  // namespace conclave::tools
