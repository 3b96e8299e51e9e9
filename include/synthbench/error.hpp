#ifndef SYNTHBENCH_ERROR_HPP
#define SYNTHBENCH_ERROR_HPP

/// @file
/// The exception hierarchy. Every message starts with a stable id such as
/// `[synthbench.input.201]` (the scheme of nlohmann/json's `[json.exception.parse_error.101]`),
/// so that scripts and docs can refer to an error without matching its prose.
/// docs/errors.md lists the ids.

#include <stdexcept>  // std::runtime_error
#include <string>     // std::string, std::to_string

#include "synthbench/version.hpp"

SYNTHBENCH_NAMESPACE_BEGIN

/// Base of everything synthbench throws. `id()` is stable across releases.
class Error : public std::runtime_error {
 public:
  /// `category` is one of input, usage, io, undefined, llm, cassette, http, experiment.
  Error(const std::string& category, int code, const std::string& message)
      : std::runtime_error("[synthbench." + category + "." + std::to_string(code) + "] " + message),
        id_("synthbench." + category + "." + std::to_string(code)),
        code_(code) {}

  /// The stable id, e.g. `synthbench.input.201`.
  const std::string& id() const noexcept { return id_; }
  /// The numeric part of the id.
  int code() const noexcept { return code_; }

 private:
  std::string id_;
  int code_;
};

/// Malformed or inconsistent input: a file, a JSON document, a command-line argument, an
/// LLM output. The message names the source (file) and the position (JSON pointer, line).
class InputError : public Error {
 public:
  /// `source` is a file name or a description such as "<string>"; `where` a JSON pointer,
  /// "line 12" or empty.
  InputError(int code, const std::string& source, const std::string& where,
             const std::string& message)
      : Error("input", code, locate(source, where) + message), source_(source), where_(where) {}

  /// The file or stream the input came from.
  const std::string& source() const noexcept { return source_; }
  /// The position inside it (JSON pointer, "line N"), empty when it names the whole input.
  const std::string& where() const noexcept { return where_; }

 private:
  static std::string locate(const std::string& source, const std::string& where) {
    std::string prefix = source;
    if (!where.empty()) prefix += (prefix.empty() ? "" : " at ") + where;
    return prefix.empty() ? std::string{} : prefix + ": ";
  }

  std::string source_;
  std::string where_;
};

/// A call that breaks a documented precondition (an unknown dataset name, a reserved name).
class UsageError : public Error {
 public:
  /// `code` is listed in docs/errors.md.
  UsageError(int code, const std::string& message) : Error("usage", code, message) {}
};

/// A file-system operation that failed (open, write, rename, lock).
class IoError : public Error {
 public:
  /// `path` is the file the operation was on.
  IoError(int code, const std::string& path, const std::string& message)
      : Error("io", code, path + ": " + message), path_(path) {}

  /// The file the failed operation was on.
  const std::string& path() const noexcept { return path_; }

 private:
  std::string path_;
};

/// Thrown by `Result<T>::value()` when the statistic is undefined; the message says why.
class UndefinedStatistic : public Error {
 public:
  /// `reason` is the human-readable reason of the undefined Result.
  explicit UndefinedStatistic(const std::string& reason) : Error("undefined", 1, reason) {}
};

SYNTHBENCH_NAMESPACE_END

#endif  // SYNTHBENCH_ERROR_HPP
