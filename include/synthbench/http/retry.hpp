#ifndef SYNTHBENCH_HTTP_RETRY_HPP
#define SYNTHBENCH_HTTP_RETRY_HPP

/// @file
/// When to retry and how long to wait. No curl here: the policy is testable on its own.
///
/// - Retry-After (RFC 9110 section 10.2.3) is either delay-seconds or an HTTP-date; an
///   HTTP-date is IMF-fixdate ("Sun, 06 Nov 1994 08:49:37 GMT") or one of the two obsolete
///   forms recipients must accept (RFC 9110 section 5.6.7: RFC 850 "Sunday, 06-Nov-94
///   08:49:37 GMT" and asctime "Sun Nov  6 08:49:37 1994").
/// - Without Retry-After the wait is exponential backoff with "full jitter": uniform in
///   [0, min(cap, base * 2^attempt)] (M. Brooker, "Exponential Backoff And Jitter", AWS
///   Architecture Blog, 2015), which spreads retries of many clients apart.

#include <algorithm>  // std::min
#include <chrono>     // std::chrono
#include <cstdint>    // std::uint64_t
#include <cstdio>     // std::sscanf
#include <cstring>    // std::strncmp
#include <ctime>      // std::tm, timegm
#include <optional>   // std::optional
#include <random>     // std::mt19937_64, std::uniform_real_distribution
#include <string>     // std::string

#include "synthbench/version.hpp"  // SYNTHBENCH_NAMESPACE_BEGIN

SYNTHBENCH_NAMESPACE_BEGIN
namespace http {

/// True for the statuses worth retrying: 429 (rate limited) and every 5xx.
inline bool retryable_status(long status) noexcept { return status == 429 || (status >= 500 && status <= 599); }

namespace detail {

inline int month_index(const char* name) {
  static const char* const months[] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                       "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
  for (int i = 0; i < 12; ++i) {
    if (std::strncmp(name, months[i], 3) == 0) return i;
  }
  return -1;
}

inline std::optional<std::time_t> make_utc(int year, int month, int day, int hour, int minute, int second) {
  if (month < 0 || day < 1 || day > 31 || hour > 23 || minute > 59 || second > 60) return std::nullopt;
  std::tm tm{};
  tm.tm_year = year - 1900;
  tm.tm_mon = month;
  tm.tm_mday = day;
  tm.tm_hour = hour;
  tm.tm_min = minute;
  tm.tm_sec = second;
  return timegm(&tm);
}

}  // namespace detail

/// The UTC time of an HTTP-date in any of the three forms, or nullopt when `text` is not one.
inline std::optional<std::time_t> parse_http_date(const std::string& text) {
  char wkday[16] = {};
  char month[4] = {};
  char zone[4] = {};
  int day = 0;
  int year = 0;
  int hour = 0;
  int minute = 0;
  int second = 0;
  int consumed = 0;
  // IMF-fixdate: Sun, 06 Nov 1994 08:49:37 GMT
  if (std::sscanf(text.c_str(), "%3s, %2d %3s %4d %2d:%2d:%2d %3s%n", wkday, &day, month, &year, &hour, &minute,
                  &second, zone, &consumed) == 8 &&
      static_cast<std::size_t>(consumed) == text.size() && std::string(zone) == "GMT") {
    return detail::make_utc(year, detail::month_index(month), day, hour, minute, second);
  }
  // RFC 850: Sunday, 06-Nov-94 08:49:37 GMT (two-digit years: 70-99 -> 19xx, else 20xx)
  if (std::sscanf(text.c_str(), "%15[A-Za-z], %2d-%3s-%2d %2d:%2d:%2d %3s%n", wkday, &day, month, &year, &hour,
                  &minute, &second, zone, &consumed) == 8 &&
      static_cast<std::size_t>(consumed) == text.size() && std::string(zone) == "GMT") {
    year += year >= 70 ? 1900 : 2000;
    return detail::make_utc(year, detail::month_index(month), day, hour, minute, second);
  }
  // asctime: Sun Nov  6 08:49:37 1994
  if (std::sscanf(text.c_str(), "%3s %3s %2d %2d:%2d:%2d %4d%n", wkday, month, &day, &hour, &minute, &second, &year,
                  &consumed) == 7 &&
      static_cast<std::size_t>(consumed) == text.size()) {
    return detail::make_utc(year, detail::month_index(month), day, hour, minute, second);
  }
  return std::nullopt;
}

/// The wait a Retry-After value asks for, relative to `now` (a date in the past gives 0),
/// or nullopt when the value is neither delay-seconds nor an HTTP-date.
inline std::optional<std::chrono::milliseconds> parse_retry_after(
    const std::string& value, std::chrono::system_clock::time_point now = std::chrono::system_clock::now()) {
  std::string v = value;
  while (!v.empty() && (v.back() == ' ' || v.back() == '\t' || v.back() == '\r' || v.back() == '\n')) v.pop_back();
  while (!v.empty() && (v.front() == ' ' || v.front() == '\t')) v.erase(0, 1);
  if (v.empty()) return std::nullopt;
  if (v.find_first_not_of("0123456789") == std::string::npos) {
    if (v.size() > 9) return std::chrono::milliseconds(std::chrono::hours(24 * 365));  // absurd: treat as "very long"
    return std::chrono::milliseconds(std::stoll(v) * 1000);
  }
  const auto date = parse_http_date(v);
  if (!date) return std::nullopt;
  const auto target = std::chrono::system_clock::from_time_t(*date);
  if (target <= now) return std::chrono::milliseconds(0);
  return std::chrono::duration_cast<std::chrono::milliseconds>(target - now);
}

/// Full-jitter exponential backoff (see the file comment). Not thread-safe: guard it.
class Backoff {
 public:
  /// `base` is the first cap, `cap` the largest; `seed` 0 draws a random seed.
  Backoff(std::chrono::milliseconds base, std::chrono::milliseconds cap, std::uint64_t seed = 0)
      : base_(base), cap_(cap), rng_(seed != 0 ? seed : std::random_device{}()) {}

  /// The wait before retry number `attempt` (0 for the first retry).
  std::chrono::milliseconds delay(int attempt) {
    double ceiling = static_cast<double>(base_.count());
    for (int i = 0; i < attempt && ceiling < static_cast<double>(cap_.count()); ++i) ceiling *= 2;
    ceiling = std::min(ceiling, static_cast<double>(cap_.count()));
    std::uniform_real_distribution<double> uniform(0.0, ceiling);
    return std::chrono::milliseconds(static_cast<long long>(uniform(rng_)));
  }

 private:
  std::chrono::milliseconds base_;
  std::chrono::milliseconds cap_;
  std::mt19937_64 rng_;
};

}  // namespace http
SYNTHBENCH_NAMESPACE_END

#endif  // SYNTHBENCH_HTTP_RETRY_HPP
