#ifndef SYNTHBENCH_RESULT_HPP
#define SYNTHBENCH_RESULT_HPP

/// @file
/// `Result<T>`: a statistic's value, or the reason it is undefined.
///
/// The vocabulary every result type of synthbench shares (llm::Parsed<T> too): `ok()` when
/// there is a value, `value()`, `code()` the stable code of a failure to branch or count on,
/// `detail()` what was found, `message()` the sentence for people (here "undefined (code):
/// detail", for a parse failure "code: detail").
///
/// Statistics never return a silent NaN. Too few values, constant input, NaN or infinity,
/// mismatched lengths or approach sets give an undefined Result that says why; an assertion
/// on it fails with that reason, and `value()` throws `UndefinedStatistic` carrying it.

#include <optional>  // std::optional
#include <ostream>   // std::ostream
#include <string>    // std::string
#include <utility>   // std::move

#include "synthbench/error.hpp"
#include "synthbench/version.hpp"

SYNTHBENCH_NAMESPACE_BEGIN

/// Why a statistic has no value.
enum class Undefined {
  too_few,             ///< fewer observations than the statistic needs
  length_mismatch,     ///< paired inputs of different lengths
  not_finite,          ///< a NaN or an infinity in the input
  constant_input,      ///< an input with zero variance (a correlation is 0/0)
  approach_mismatch,   ///< real and synthetic scores name different approaches
  out_of_domain,       ///< a parameter outside its domain (confidence 1.5, n > 10 for exact)
};

/// A short stable name of `why`, as used in JSON reports: "too_few", "constant_input", ...
inline const char* to_string(Undefined why) noexcept {
  switch (why) {
    case Undefined::too_few: return "too_few";
    case Undefined::length_mismatch: return "length_mismatch";
    case Undefined::not_finite: return "not_finite";
    case Undefined::constant_input: return "constant_input";
    case Undefined::approach_mismatch: return "approach_mismatch";
    case Undefined::out_of_domain: return "out_of_domain";
  }
  return "unknown";
}

/// The value of a statistic, or why it is undefined.
template <class T>
class Result {
 public:
  /// A defined result.
  Result(T value) : value_(std::move(value)) {}  // NOLINT: implicit by design, like std::optional

  /// An undefined result; `detail` completes the reason ("y has all 6 values equal to 0.5").
  static Result undefined(Undefined code, std::string detail) {
    Result r;
    r.code_ = code;
    r.detail_ = std::move(detail);
    return r;
  }

  /// Carries the reason of another undefined result over to this type.
  template <class U>
  static Result undefined_from(const Result<U>& other) {
    return undefined(other.code(), other.detail());
  }

  /// True when the statistic has a value (it is defined).
  bool ok() const noexcept { return value_.has_value(); }
  /// Same as ok().
  explicit operator bool() const noexcept { return ok(); }

  /// The value; throws UndefinedStatistic with the reason when undefined.
  const T& value() const& {
    if (!value_) throw UndefinedStatistic(message());
    return *value_;
  }
  /// The value of a temporary, moved out: `for (double r : average_ranks(x).value())` must
  /// not iterate over a reference into a destroyed Result.
  T value() && {
    if (!value_) throw UndefinedStatistic(message());
    return std::move(*value_);
  }
  /// The value, or `fallback` when undefined.
  T value_or(T fallback) const { return value_ ? *value_ : std::move(fallback); }

  /// Why it is undefined (meaningless when ok()).
  Undefined code() const noexcept { return code_; }
  /// The detail given with the reason, e.g. "x has 1 value, Spearman needs at least 2".
  const std::string& detail() const noexcept { return detail_; }
  /// "undefined (constant_input): y has all 6 values equal"; empty when defined.
  std::string message() const {
    if (value_) return {};
    return std::string("undefined (") + to_string(code_) + "): " + detail_;
  }

 private:
  Result() = default;

  std::optional<T> value_;
  Undefined code_ = Undefined::too_few;
  std::string detail_;
};

/// Prints the value, or the reason when undefined.
template <class T>
std::ostream& operator<<(std::ostream& os, const Result<T>& r) {
  if (r.ok()) return os << r.value();
  return os << r.message();
}

SYNTHBENCH_NAMESPACE_END

#endif  // SYNTHBENCH_RESULT_HPP
