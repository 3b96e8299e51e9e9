#ifndef SYNTHBENCH_CASSETTE_ERRORS_HPP
#define SYNTHBENCH_CASSETTE_ERRORS_HPP

/// @file
/// What the cassette layer throws (category "cassette"; ids in docs/errors.md). Malformed
/// cassette, journal and usage files throw InputError (synthbench.input.4xx) instead, naming
/// the file and the position, like every other malformed input.

#include <string>   // std::string
#include <utility>  // std::move

#include "synthbench/error.hpp"    // synthbench::Error
#include "synthbench/version.hpp"  // SYNTHBENCH_NAMESPACE_BEGIN

SYNTHBENCH_NAMESPACE_BEGIN
namespace cassette {

/// Base of the cassette layer's errors.
class CassetteError : public Error {
 public:
  /// `code` is listed under "cassette" in docs/errors.md.
  CassetteError(int code, const std::string& message) : Error("cassette", code, message) {}
};

/// A replayed request that the cassette does not hold (synthbench.cassette.10). The message
/// has the cassette path, the request, a field-level diff against the nearest recorded
/// request, and the command that records it; the parts are also available separately.
class CassetteMiss : public CassetteError {
 public:
  /// All parts are already formatted; `message` is the full text.
  CassetteMiss(const std::string& message, std::string path, std::string request, std::string diff,
               std::string record_command)
      : CassetteError(10, message),
        path_(std::move(path)),
        request_(std::move(request)),
        diff_(std::move(diff)),
        record_command_(std::move(record_command)) {}

  /// The cassette file.
  const std::string& path() const noexcept { return path_; }
  /// The canonical request that missed, as pretty JSON.
  const std::string& request() const noexcept { return request_; }
  /// One line per differing field against the nearest recorded request ("" when the
  /// cassette is empty or missing).
  const std::string& diff() const noexcept { return diff_; }
  /// The shell command that records the missing interaction.
  const std::string& record_command() const noexcept { return record_command_; }

 private:
  std::string path_;
  std::string request_;
  std::string diff_;
  std::string record_command_;
};

/// A write refused because the content holds a secret (synthbench.cassette.20). The
/// message says which kind and where, never the secret itself.
class SecretLeak : public CassetteError {
 public:
  /// `message` names the file and the position.
  explicit SecretLeak(const std::string& message) : CassetteError(20, message) {}
};

/// Recording refused, e.g. in CI without SYNTHBENCH_RECORD_IN_CI=1 (synthbench.cassette.2).
class RecordingRefused : public CassetteError {
 public:
  /// `message` says why and how to allow it.
  explicit RecordingRefused(const std::string& message) : CassetteError(2, message) {}
};

}  // namespace cassette
SYNTHBENCH_NAMESPACE_END

#endif  // SYNTHBENCH_CASSETTE_ERRORS_HPP
