#ifndef SYNTHBENCH_CASSETTE_SECRETS_HPP
#define SYNTHBENCH_CASSETTE_SECRETS_HPP

/// @file
/// The last line of defence against committing a credential: every cassette, journal and
/// usage write is scanned first, and refused (SecretLeak) when the content holds
///  - the literal value of a secret environment variable: the one named by
///    $SYNTHBENCH_API_KEY_ENV (default OPENAI_API_KEY) plus any the caller adds; values
///    shorter than 8 characters are not scanned (they would match ordinary text);
///  - an OpenAI-style key: "sk-" followed by at least 20 of [A-Za-z0-9_-];
///  - a bearer token: "Bearer" (any case), blanks, then at least 20 token68 characters
///    (RFC 6750 section 2.1: [A-Za-z0-9-._~+/]+=*).
/// The scan is a plain substring search (no std::regex): it runs over 100 MB cassettes.

#include <cstddef>      // std::size_t
#include <optional>     // std::optional
#include <string>       // std::string
#include <string_view>  // std::string_view
#include <vector>       // std::vector

#include "synthbench/cassette/errors.hpp"    // SecretLeak
#include "synthbench/cassette/mode.hpp"      // environment_value
#include "synthbench/detail/json_input.hpp"  // detail::line_and_column
#include "synthbench/llm/client.hpp"          // llm::api_key_variable
#include "synthbench/version.hpp"            // SYNTHBENCH_NAMESPACE_BEGIN

SYNTHBENCH_NAMESPACE_BEGIN
namespace cassette {

/// Where a secret was found and what kind it is (never the secret itself).
struct SecretFinding {
  std::string what;         ///< "the value of $OPENAI_API_KEY", "an API key pattern (sk-...)"
  std::size_t offset = 0;   ///< byte offset in the scanned text
};

/// The variables whose values must never be written: llm::api_key_variable() plus `extra`.
inline std::vector<std::string> secret_variables(const std::vector<std::string>& extra = {}) {
  std::vector<std::string> names{llm::api_key_variable()};
  for (const auto& n : extra) {
    if (n != names.front()) names.push_back(n);
  }
  return names;
}

namespace detail {

inline bool is_key_char(char c) noexcept {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' || c == '-';
}

inline bool is_token68_char(char c) noexcept {
  return is_key_char(c) || c == '.' || c == '~' || c == '+' || c == '/';
}

inline std::size_t run_length(std::string_view text, std::size_t from, bool (*accept)(char) noexcept) {
  std::size_t n = 0;
  while (from + n < text.size() && accept(text[from + n])) ++n;
  return n;
}

inline std::optional<std::size_t> find_api_key_pattern(std::string_view text) {
  for (std::size_t at = text.find("sk-"); at != std::string_view::npos; at = text.find("sk-", at + 1)) {
    if (at > 0 && is_key_char(text[at - 1])) continue;  // "task-..." is not a key
    if (run_length(text, at + 3, &is_key_char) >= 20) return at;
  }
  return std::nullopt;
}

inline std::optional<std::size_t> find_bearer_token(std::string_view text) {
  for (std::size_t at = 0; at + 6 <= text.size(); ++at) {
    const char c = text[at];
    if (c != 'B' && c != 'b') continue;
    static constexpr char rest[] = "earer";
    bool match = true;
    for (std::size_t k = 0; k < 5 && match; ++k) match = (text[at + 1 + k] | 0x20) == rest[k];
    if (!match || (at > 0 && is_key_char(text[at - 1]))) continue;
    std::size_t p = at + 6;
    std::size_t blanks = 0;
    while (p < text.size() && (text[p] == ' ' || text[p] == '\t')) {
      ++p;
      ++blanks;
    }
    if (blanks > 0 && run_length(text, p, &is_token68_char) >= 20) return at;
  }
  return std::nullopt;
}

}  // namespace detail

/// The first secret in `text` (see the file comment), or nullopt. `variables` are the names
/// of the variables whose values are secret (see secret_variables()).
inline std::optional<SecretFinding> find_secret(std::string_view text, const std::vector<std::string>& variables) {
  std::optional<SecretFinding> first;
  const auto consider = [&first](std::optional<std::size_t> at, std::string what) {
    if (at && (!first || *at < first->offset)) first = SecretFinding{std::move(what), *at};
  };
  for (const auto& name : variables) {
    const auto value = environment_value(name.c_str());
    if (!value || value->size() < 8) continue;
    const auto at = text.find(*value);
    consider(at == std::string_view::npos ? std::nullopt : std::optional<std::size_t>(at), "the value of $" + name);
  }
  consider(detail::find_api_key_pattern(text), "an API key pattern (sk-...)");
  consider(detail::find_bearer_token(text), "a bearer token (Bearer ...)");
  return first;
}

/// Throws SecretLeak when `content`, about to be written to `target`, holds a secret. The
/// message names the file, the line and column, and the kind of secret.
inline void check_no_secrets(const std::string& content, const std::string& target,
                             const std::vector<std::string>& variables) {
  const auto finding = find_secret(content, variables);
  if (!finding) return;
  throw SecretLeak("refusing to write " + target + ": the content has " + finding->what + " at " +
                   synthbench::detail::line_and_column(content, finding->offset + 1) +
                   " of what would be written. Redact it (CassetteOptions::redaction: a JSON pointer or a "
                   "regular expression) or remove it from the request; nothing was written");
}

}  // namespace cassette
SYNTHBENCH_NAMESPACE_END

#endif  // SYNTHBENCH_CASSETTE_SECRETS_HPP
