#ifndef SYNTHBENCH_LLM_PARSED_HPP
#define SYNTHBENCH_LLM_PARSED_HPP

/// @file
/// `Parsed<T>`: what a parser of LLM output found, or why it found nothing.
///
/// LLM answers are messy, and an unusable one is an ordinary outcome to count (METHOD.md:
/// "parse failures must be counted and reported, not crash a run or vanish silently"), not
/// an exception. Every failure has a stable `code` ("truncated", "unknown_label", ...;
/// docs/llm-outputs.md lists them per parser) to count by, and a `detail` for people. The
/// names are those of Result<T> (result.hpp): ok(), value(), code(), detail(), message().

#include <optional>  // std::optional
#include <ostream>   // std::ostream
#include <string>    // std::string
#include <utility>   // std::move

#include "synthbench/error.hpp"    // UsageError
#include "synthbench/version.hpp"  // SYNTHBENCH_NAMESPACE_BEGIN

SYNTHBENCH_NAMESPACE_BEGIN
namespace llm {

/// Why an answer could not be used.
struct ParseFailure {
  std::string code;    ///< stable snake_case code, e.g. "truncated" (docs/llm-outputs.md)
  std::string detail;  ///< what was found and where, e.g. "the answer ends inside an object opened at line 1, column 1"

  /// "code: detail" (or just the code when there is no detail).
  std::string message() const { return detail.empty() ? code : code + ": " + detail; }

  /// Equal when code and detail are.
  friend bool operator==(const ParseFailure& a, const ParseFailure& b) {
    return a.code == b.code && a.detail == b.detail;
  }
  /// Not equal.
  friend bool operator!=(const ParseFailure& a, const ParseFailure& b) { return !(a == b); }
};

/// Prints "code: detail".
inline std::ostream& operator<<(std::ostream& os, const ParseFailure& f) { return os << f.message(); }

/// A parsed value, or the failure that prevented it.
template <class T>
class Parsed {
 public:
  /// A success.
  Parsed(T value) : value_(std::move(value)) {}  // NOLINT: implicit by design, like std::optional

  /// A failure with a stable `code` and a `detail` for people.
  static Parsed fail(std::string code, std::string detail) {
    return fail(ParseFailure{std::move(code), std::move(detail)});
  }
  /// A failure.
  static Parsed fail(ParseFailure failure) {
    Parsed p;
    p.failure_ = std::move(failure);
    return p;
  }

  /// True when a value was parsed.
  bool ok() const noexcept { return value_.has_value(); }
  /// Same as ok().
  explicit operator bool() const noexcept { return ok(); }

  /// The value. Throws UsageError synthbench.usage.70 (with the failure) when parsing failed.
  const T& value() const& {
    if (!value_) throw UsageError(70, "value() of a failed parse: " + failure_.message());
    return *value_;
  }
  /// The value of a temporary, moved out. Throws like the other overload.
  T value() && {
    if (!value_) throw UsageError(70, "value() of a failed parse: " + failure_.message());
    return std::move(*value_);
  }
  /// The value as an optional (empty on failure).
  const std::optional<T>& optional() const noexcept { return value_; }

  /// The failure (code and detail empty on success).
  const ParseFailure& failure() const noexcept { return failure_; }
  /// The failure's code ("" on success).
  const std::string& code() const noexcept { return failure_.code; }
  /// The failure's detail ("" on success).
  const std::string& detail() const noexcept { return failure_.detail; }
  /// "code: detail" ("" on success).
  std::string message() const { return failure_.message(); }

 private:
  Parsed() = default;

  std::optional<T> value_;
  ParseFailure failure_;
};

}  // namespace llm
SYNTHBENCH_NAMESPACE_END

#endif  // SYNTHBENCH_LLM_PARSED_HPP
