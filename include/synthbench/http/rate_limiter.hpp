#ifndef SYNTHBENCH_HTTP_RATE_LIMITER_HPP
#define SYNTHBENCH_HTTP_RATE_LIMITER_HPP

/// @file
/// Client-side limits in requests and tokens per minute, as providers state their quotas
/// (OpenAI: RPM and TPM). A sliding-window log: a request may start when, over the last 60
/// seconds, fewer than `requests_per_minute` requests started and the tokens they used plus
/// its own estimate stay within `tokens_per_minute`. The estimate is replaced by the usage
/// the server reports once the answer is in. A single request larger than the whole token
/// budget still goes, alone in its window: refusing it forever would help nobody.

#include <chrono>      // std::chrono
#include <cstdint>     // std::int64_t, std::uint64_t
#include <deque>       // std::deque
#include <functional>  // std::function
#include <mutex>       // std::mutex, std::unique_lock
#include <thread>      // std::this_thread::sleep_for
#include <utility>     // std::move

#include "synthbench/version.hpp"  // SYNTHBENCH_NAMESPACE_BEGIN

SYNTHBENCH_NAMESPACE_BEGIN
namespace http {

/// The sliding-window limiter (see the file comment). Thread-safe.
class RateLimiter {
 public:
  /// The clock it reads.
  using Clock = std::function<std::chrono::steady_clock::time_point()>;
  /// How it waits (tests pass one that advances a fake clock).
  using Sleep = std::function<void(std::chrono::steady_clock::duration)>;

  /// Limits of 0 mean unlimited.
  RateLimiter(double requests_per_minute, double tokens_per_minute, Clock clock = {}, Sleep sleep = {})
      : rpm_(requests_per_minute),
        tpm_(tokens_per_minute),
        clock_(clock ? std::move(clock) : Clock([] { return std::chrono::steady_clock::now(); })),
        sleep_(sleep ? std::move(sleep) : Sleep([](std::chrono::steady_clock::duration d) { std::this_thread::sleep_for(d); })) {}

  /// Waits until a request of `estimated_tokens` may start, then counts it. Returns a ticket
  /// for settle().
  std::uint64_t acquire(std::int64_t estimated_tokens) {
    if (rpm_ <= 0 && tpm_ <= 0) return 0;
    std::unique_lock<std::mutex> lock(mutex_);
    for (;;) {
      const auto now = clock_();
      while (!log_.empty() && now - log_.front().start >= window()) log_.pop_front();
      std::int64_t tokens = 0;
      for (const auto& e : log_) tokens += e.tokens;
      const bool requests_ok = rpm_ <= 0 || static_cast<double>(log_.size()) + 1 <= rpm_;
      const bool tokens_ok = tpm_ <= 0 || log_.empty() || static_cast<double>(tokens + estimated_tokens) <= tpm_;
      if (requests_ok && tokens_ok) {
        log_.push_back({now, estimated_tokens, ++next_ticket_});
        return next_ticket_;
      }
      const auto wait = log_.front().start + window() - now;
      lock.unlock();
      sleep_(wait);
      lock.lock();
    }
  }

  /// Replaces the estimate of `ticket` with the tokens the request really used.
  void settle(std::uint64_t ticket, std::int64_t actual_tokens) {
    if (ticket == 0) return;
    std::lock_guard<std::mutex> lock(mutex_);
    for (auto& e : log_) {
      if (e.ticket == ticket) e.tokens = actual_tokens;
    }
  }

 private:
  struct Entry {
    std::chrono::steady_clock::time_point start;
    std::int64_t tokens;
    std::uint64_t ticket;
  };
  static constexpr std::chrono::steady_clock::duration window() { return std::chrono::minutes(1); }

  double rpm_;
  double tpm_;
  Clock clock_;
  Sleep sleep_;
  std::mutex mutex_;
  std::deque<Entry> log_;
  std::uint64_t next_ticket_ = 0;
};

}  // namespace http
SYNTHBENCH_NAMESPACE_END

#endif  // SYNTHBENCH_HTTP_RATE_LIMITER_HPP
