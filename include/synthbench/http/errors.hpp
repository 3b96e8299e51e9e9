#ifndef SYNTHBENCH_HTTP_ERRORS_HPP
#define SYNTHBENCH_HTTP_ERRORS_HPP

/// @file
/// What the HTTP transport throws (category "http"; ids in docs/errors.md). Bodies that are
/// not chat completions throw llm::MalformedResponse instead.

#include <string>   // std::string

#include "synthbench/error.hpp"    // synthbench::Error
#include "synthbench/version.hpp"  // SYNTHBENCH_NAMESPACE_BEGIN

SYNTHBENCH_NAMESPACE_BEGIN
namespace http {

/// A request that failed at the HTTP level: transport error, error status, retries exhausted.
class HttpError : public Error {
 public:
  /// `status` is the last HTTP status (0 when none was received), `attempts` how many
  /// attempts were made.
  HttpError(int code, const std::string& message, long status = 0, int attempts = 0)
      : Error("http", code, message), status_(status), attempts_(attempts) {}

  /// The last HTTP status received, 0 when the failure was below HTTP (connect, timeout).
  long status() const noexcept { return status_; }
  /// Attempts made, retries included.
  int attempts() const noexcept { return attempts_; }

 private:
  long status_;
  int attempts_;
};

/// The spending guard stopped a call before it was sent (synthbench.http.10): the run
/// reached HttpOptions::max_requests or max_tokens. Nothing was sent; what was recorded
/// before stays recorded.
class BudgetExhausted : public HttpError {
 public:
  /// `message` says which limit was reached.
  explicit BudgetExhausted(const std::string& message) : HttpError(10, message) {}
};

}  // namespace http
SYNTHBENCH_NAMESPACE_END

#endif  // SYNTHBENCH_HTTP_ERRORS_HPP
