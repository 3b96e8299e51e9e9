#ifndef SYNTHBENCH_CASSETTE_SECRETS_HPP
#define SYNTHBENCH_CASSETTE_SECRETS_HPP

/// @file
/// The last line of defence against committing a credential: every cassette, journal and
/// usage write is scanned first and refused (SecretLeak) when the content holds one, and
/// `synthbench cassette verify` runs the same scan over committed files. It finds
///  - the literal value of a secret environment variable: the one named by
///    $SYNTHBENCH_API_KEY_ENV (default OPENAI_API_KEY) plus any the caller adds; values
///    shorter than 8 characters are not scanned (they would match ordinary text);
///  - an OpenAI-style key: "sk-" followed by at least 20 of [A-Za-z0-9_-];
///  - a bearer token: "Bearer" (any case), blanks, then at least 20 token68 characters
///    (RFC 6750 section 2.1: [A-Za-z0-9-._~+/]+=*);
///  - an AWS access key id: "AKIA" or "ASIA" and 16 of [A-Z0-9] (AWS IAM User Guide,
///    "Unique identifiers");
///  - a GitHub token: "ghp_", "gho_", "ghu_", "ghs_" or "ghr_" and at least 36 of
///    [A-Za-z0-9], or "github_pat_" and at least 22 of [A-Za-z0-9_] (GitHub docs, "About
///    authentication to GitHub", token prefixes);
///  - a Google API key: "AIza" and at least 35 of [A-Za-z0-9_-];
///  - a Slack token: "xoxb-", "xoxp-", "xoxa-", "xoxe-", "xoxr-" or "xoxs-" and at least 10
///    of [A-Za-z0-9-];
///  - a JSON Web Token (RFC 7519): "eyJ" (base64url of `{"`) and at least 7 more base64url
///    characters, a dot, at least 10, a dot, and the signature (possibly empty);
///  - a PEM private key (RFC 7468): "-----BEGIN <label>PRIVATE KEY-----" followed by at
///    least 40 characters of base64 body;
///  - a Hugging Face token: "hf_" and at least 30 of [A-Za-z0-9].
/// A prefix counts only at the start of a word ("task-..." is not "sk-...").
///
/// Decoded, not only raw: JSON text is scanned the way a loader reads it. Every string (keys
/// and values alike, in every field: request, response, headers, metadata) that holds an
/// escape is decoded (`sk\u002d...`, `\/` in a token, `\n` in a PEM block) and scanned again,
/// and strings inside decoded strings (JSON in a JSON string, as tool-call arguments) too,
/// three levels deep. Text that is not JSON is scanned as it is. A plain byte scan, no
/// std::regex: it runs over 100 MB cassettes.
///
/// False positives: each finding has a fingerprint, 16 hex digits (FNV-1a 64 of the matched
/// text, which it does not reveal). A fingerprint listed in a `secret-allowlist.txt` in the
/// folder of the file written or checked, or in any folder above it, is not reported (one
/// fingerprint per line, `#` starts a comment; docs/cassettes.md, "Secrets").

#include <algorithm>    // std::stable_sort, std::unique
#include <cstddef>      // std::size_t
#include <cstdint>      // std::uint32_t
#include <filesystem>   // std::filesystem::path
#include <optional>     // std::optional
#include <set>          // std::set
#include <string>       // std::string
#include <string_view>  // std::string_view
#include <utility>      // std::move
#include <vector>       // std::vector

#include "synthbench/cassette/errors.hpp"    // SecretLeak
#include "synthbench/cassette/mode.hpp"      // environment_value
#include "synthbench/detail/files.hpp"       // detail::read_file
#include "synthbench/detail/hash.hpp"        // detail::fnv1a64, hex16
#include "synthbench/detail/json_input.hpp"  // detail::line_and_column
#include "synthbench/error.hpp"              // InputError
#include "synthbench/llm/client.hpp"         // llm::api_key_variable
#include "synthbench/version.hpp"            // SYNTHBENCH_NAMESPACE_BEGIN

SYNTHBENCH_NAMESPACE_BEGIN
namespace cassette {

/// Where a secret was found and what kind it is (never the secret itself).
struct SecretFinding {
  std::string what;         ///< "the value of $OPENAI_API_KEY", "an API key pattern (sk-...)", ...
  std::size_t offset = 0;   ///< byte offset in the scanned text (of the escape, when it was escaped)
  std::string fingerprint;  ///< 16 hex digits naming the matched text in an allowlist
};

/// The name of the allowlist file looked for beside what is written or checked.
inline constexpr const char* secret_allowlist_name = "secret-allowlist.txt";

/// Fingerprints of findings declared not to be secrets (see the file comment).
struct SecretAllowlist {
  std::set<std::string> fingerprints;  ///< 16 lower-case hex digits each
  std::vector<std::string> files;      ///< where they came from

  /// True when `finding` is declared not to be a secret.
  bool allows(const SecretFinding& finding) const { return fingerprints.count(finding.fingerprint) != 0; }
  /// Adds the entries of `other`.
  void add(const SecretAllowlist& other) {
    fingerprints.insert(other.fingerprints.begin(), other.fingerprints.end());
    files.insert(files.end(), other.files.begin(), other.files.end());
  }
};

/// The variables whose values must never be written: llm::api_key_variable() plus `extra`.
inline std::vector<std::string> secret_variables(const std::vector<std::string>& extra = {}) {
  std::vector<std::string> names{llm::api_key_variable()};
  for (const auto& n : extra) {
    if (n != names.front()) names.push_back(n);
  }
  return names;
}

/// An allowlist from its text (`source` names it in errors): one fingerprint (16 hex digits)
/// per line, optionally followed by blanks and a comment; blank lines and lines starting with
/// `#` are skipped. Throws InputError 433 naming the line of anything else.
inline SecretAllowlist parse_secret_allowlist(const std::string& text, const std::string& source) {
  SecretAllowlist out;
  out.files.push_back(source);
  std::size_t line = 0;
  for (std::size_t start = 0; start <= text.size();) {
    std::size_t end = text.find('\n', start);
    if (end == std::string::npos) end = text.size();
    ++line;
    std::string content = text.substr(start, end - start);
    start = end + 1;
    if (!content.empty() && content.back() == '\r') content.pop_back();
    const std::size_t first = content.find_first_not_of(" \t");
    if (first == std::string::npos || content[first] == '#') continue;
    const std::size_t last = content.find_first_of(" \t#", first);
    std::string token = content.substr(first, last == std::string::npos ? std::string::npos : last - first);
    bool hex = token.size() == 16;
    for (char& c : token) {
      if (c >= 'A' && c <= 'F') c = static_cast<char>(c - 'A' + 'a');
      hex = hex && ((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'));
    }
    if (!hex) {
      throw InputError(433, source, "line " + std::to_string(line),
                       "expected a fingerprint of 16 hex digits (as `synthbench cassette verify` prints it), "
                       "optionally followed by a comment");
    }
    out.fingerprints.insert(token);
  }
  return out;
}

/// The allowlists that apply to `file`: every `secret-allowlist.txt` in its folder and the
/// folders above it. Throws IoError when one exists but cannot be read, InputError 433 when
/// one is malformed.
inline SecretAllowlist secret_allowlist_for(const std::filesystem::path& file) {
  SecretAllowlist out;
  std::error_code ec;
  std::filesystem::path dir = std::filesystem::absolute(file, ec).parent_path();
  while (!dir.empty()) {
    const auto candidate = dir / secret_allowlist_name;
    if (std::filesystem::is_regular_file(candidate, ec)) {
      out.add(parse_secret_allowlist(synthbench::detail::read_file(candidate), candidate.string()));
    }
    if (dir == dir.root_path() || dir.parent_path() == dir) break;
    dir = dir.parent_path();
  }
  return out;
}

namespace detail {

constexpr bool is_alnum(char c) noexcept {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
}

constexpr bool is_key_char(char c) noexcept { return is_alnum(c) || c == '_' || c == '-'; }

inline bool is_token68_char(char c) noexcept {
  return is_key_char(c) || c == '.' || c == '~' || c == '+' || c == '/';
}

inline bool is_upper_or_digit(char c) noexcept { return (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9'); }

inline bool is_slack_char(char c) noexcept { return is_alnum(c) || c == '-'; }

inline bool is_alnum_or_underscore(char c) noexcept { return is_alnum(c) || c == '_'; }

inline bool is_base64_body_char(char c) noexcept {
  return is_alnum(c) || c == '+' || c == '/' || c == '=' || c == '\n' || c == '\r' || c == ' ' || c == '\t';
}

inline std::size_t run_length(std::string_view text, std::size_t from, bool (*accept)(char) noexcept) {
  std::size_t n = 0;
  while (from + n < text.size() && accept(text[from + n])) ++n;
  return n;
}

inline bool starts_with(std::string_view text, std::size_t at, std::string_view prefix) noexcept {
  return text.compare(at, prefix.size(), prefix) == 0;
}

/// A match of one of the patterns: [begin, end) is the secret's text (what the fingerprint
/// hashes), `at` where the finding is reported (the start of "Bearer" for a bearer token).
struct PatternMatch {
  const char* what = nullptr;
  std::size_t at = 0;
  std::size_t begin = 0;
  std::size_t end = 0;
};

/// A PEM private key block whose "-----BEGIN " is at `i`.
inline std::optional<PatternMatch> match_private_key(std::string_view s, std::size_t i) {
  if (!starts_with(s, i, "-----BEGIN ")) return std::nullopt;
  const std::size_t label_end = s.find("-----", i + 11);
  if (label_end == std::string_view::npos || label_end - i > 64) return std::nullopt;
  const std::string_view label = s.substr(i + 11, label_end - i - 11);
  if (label.size() < 11 || label.find("PRIVATE KEY") == std::string_view::npos) return std::nullopt;
  const std::size_t body = label_end + 5;
  const std::size_t n = run_length(s, body, &is_base64_body_char);
  if (n < 40) return std::nullopt;
  std::size_t end = body + n;
  if (starts_with(s, end, "-----END ")) {
    const std::size_t close = s.find("-----", end + 9);
    if (close != std::string_view::npos && close - end < 80) end = close + 5;
  }
  return PatternMatch{"a PEM private key (-----BEGIN ... PRIVATE KEY-----)", i, i, end};
}

/// The pattern (see the file comment) that starts at `i` in `s`, if any.
inline std::optional<PatternMatch> match_at(std::string_view s, std::size_t i) {
  const char c = s[i];
  const bool word_start = i == 0 || !is_key_char(s[i - 1]);
  const auto prefixed = [&](std::string_view prefix, bool (*accept)(char) noexcept, std::size_t minimum,
                            const char* what) -> std::optional<PatternMatch> {
    if (!starts_with(s, i, prefix)) return std::nullopt;
    const std::size_t n = run_length(s, i + prefix.size(), accept);
    if (n < minimum) return std::nullopt;
    return PatternMatch{what, i, i, i + prefix.size() + n};
  };
  switch (c) {
    case 's':
      if (word_start) return prefixed("sk-", &is_key_char, 20, "an API key pattern (sk-...)");
      return std::nullopt;
    case '-': return match_private_key(s, i);
    case 'B':
    case 'b': {
      static constexpr char rest[] = "earer";
      if (!word_start || i + 6 > s.size()) return std::nullopt;
      for (std::size_t k = 0; k < 5; ++k) {
        if ((s[i + 1 + k] | 0x20) != rest[k]) return std::nullopt;
      }
      std::size_t p = i + 6;
      while (p < s.size() && (s[p] == ' ' || s[p] == '\t')) ++p;
      if (p == i + 6) return std::nullopt;
      const std::size_t n = run_length(s, p, &is_token68_char);
      if (n < 20) return std::nullopt;
      std::size_t end = p + n;
      while (end < s.size() && s[end] == '=') ++end;
      return PatternMatch{"a bearer token (Bearer ...)", i, p, end};
    }
    case 'A': {
      if (i > 0 && is_alnum(s[i - 1])) return std::nullopt;
      if (starts_with(s, i, "AKIA") || starts_with(s, i, "ASIA")) {
        if (run_length(s, i + 4, &is_upper_or_digit) != 16) return std::nullopt;
        if (i + 20 < s.size() && is_alnum(s[i + 20])) return std::nullopt;
        return PatternMatch{"an AWS access key id (AKIA...)", i, i, i + 20};
      }
      return prefixed("AIza", &is_key_char, 35, "a Google API key (AIza...)");
    }
    case 'g': {
      if (!word_start) return std::nullopt;
      if (auto m = prefixed("github_pat_", &is_alnum_or_underscore, 22, "a GitHub token (github_pat_...)")) return m;
      for (const char* prefix : {"ghp_", "gho_", "ghu_", "ghs_", "ghr_"}) {
        if (auto m = prefixed(prefix, &is_alnum, 36, "a GitHub token (ghp_...)")) return m;
      }
      return std::nullopt;
    }
    case 'x': {
      if (!word_start || !starts_with(s, i, "xox") || i + 4 >= s.size() || s[i + 4] != '-') return std::nullopt;
      const char kind = s[i + 3];
      if (kind != 'a' && kind != 'b' && kind != 'e' && kind != 'p' && kind != 'r' && kind != 's') return std::nullopt;
      const std::size_t n = run_length(s, i + 5, &is_slack_char);
      if (n < 10) return std::nullopt;
      return PatternMatch{"a Slack token (xoxb-...)", i, i, i + 5 + n};
    }
    case 'e': {
      if (i > 0 && is_key_char(s[i - 1])) return std::nullopt;
      if (!starts_with(s, i, "eyJ")) return std::nullopt;
      std::size_t p = i + 3;  // base64url: [A-Za-z0-9_-], the key characters
      const std::size_t header = run_length(s, p, &is_key_char);
      p += header;
      if (header < 7 || p >= s.size() || s[p] != '.') return std::nullopt;
      const std::size_t payload = run_length(s, ++p, &is_key_char);
      p += payload;
      if (payload < 10 || p >= s.size() || s[p] != '.') return std::nullopt;
      p += 1 + run_length(s, p + 1, &is_key_char);
      return PatternMatch{"a JSON Web Token (eyJ...)", i, i, p};
    }
    case 'h':
      if (word_start) return prefixed("hf_", &is_alnum, 30, "a Hugging Face token (hf_...)");
      return std::nullopt;
    default: return std::nullopt;
  }
}

/// What the scan looks up per byte: the key characters (a pattern starts where a run of
/// them starts), and the pairs of bytes a pattern starts with ("sk", "Be", "AK", "gh", "--"
/// of a PEM block, ...), as a bit set of 65,536 bits (8 KB, in the L1 cache). Checking a pair
/// at each word start keeps the slow path to a few positions per kilobyte of English text.
struct ScanClasses {
  bool key[256] = {};
  std::uint64_t pairs[1024] = {};
  constexpr ScanClasses() {
    for (int c = 0; c < 256; ++c) key[c] = is_key_char(static_cast<char>(c));
    const char* const starts[] = {"sk", "Be", "BE", "bE", "be", "AK", "AS", "AI", "gh", "gi", "xo", "ey", "hf", "--"};
    for (const char* p : starts) {
      const unsigned index = static_cast<unsigned char>(p[0]) * 256u + static_cast<unsigned char>(p[1]);
      pairs[index / 64] |= std::uint64_t{1} << (index % 64);
    }
  }
  constexpr bool pair(unsigned char a, unsigned char b) const {
    const unsigned index = a * 256u + b;
    return ((pairs[index / 64] >> (index % 64)) & 1u) != 0;
  }
};

/// Scans JSON (or any) text as the file comment says, calling `report(finding)` for every
/// finding, with offsets in the outermost text. Each byte is matched once, at the deepest
/// level of decoding that applies to it.
class SecretScanner {
 public:
  /// Reads the values of `variables` (those of 8 characters or more are scanned for).
  explicit SecretScanner(const std::vector<std::string>& variables) {
    for (const auto& name : variables) {
      const auto value = environment_value(name.c_str());
      if (value && value->size() >= 8) values_.push_back({name, *value});
    }
  }

  /// Scans `text`.
  template <class Report>
  void scan(std::string_view text, Report& report) const {
    scan_layer(text, Level{}, 0, 1, report);
  }

 private:
  struct Variable {
    std::string name;
    std::string value;
  };

  // Where the text of one level of decoding came from: index k of a decoded string is at
  // index map(k) of the text it was decoded from (`from`), piecewise linear between anchors
  // (one at each escape and after it); the outermost level is the text itself.
  struct Level {
    const Level* from = nullptr;
    std::size_t base = 0;  // the decoded string's content starts at index `base` of `from`
    std::vector<std::pair<std::size_t, std::size_t>> anchors;  // (index here, index in the raw content)

    std::size_t offset(std::size_t k) const {
      if (from == nullptr) return k;
      auto it = std::upper_bound(anchors.begin(), anchors.end(), std::make_pair(k, ~std::size_t{0}));
      --it;  // anchors start with (0, 0)
      return from->offset(base + it->second + (k - it->first));
    }
  };

  static constexpr int max_levels = 3;

  // Finds the patterns in `s`, which is at index `base` of `level`'s text.
  template <class Report>
  void match(std::string_view s, const Level& level, std::size_t base, Report& report) const {
    for (const auto& v : values_) {
      for (std::size_t at = s.find(v.value); at != std::string_view::npos; at = s.find(v.value, at + 1)) {
        report(SecretFinding{"the value of $" + v.name, level.offset(base + at),
                             synthbench::detail::hex16(synthbench::detail::fnv1a64(v.value))});
      }
    }
    static constexpr ScanClasses classes;
    // Pointers and locals, one pass, no branch on word boundaries but where a pair matches.
    const auto* const begin = reinterpret_cast<const unsigned char*>(s.data());
    const auto* const end = begin + s.size();
    bool after_key = false;  // the byte before is a key character (no word starts here)
    for (const unsigned char* p = begin; p + 1 < end;) {
      const bool candidate = !after_key && classes.pair(p[0], p[1]);
      after_key = classes.key[*p];
      if (!candidate) {
        ++p;
        continue;
      }
      if (const auto m = match_at(s, static_cast<std::size_t>(p - begin))) {
        report(SecretFinding{m->what, level.offset(base + m->at),
                             synthbench::detail::hex16(synthbench::detail::fnv1a64(s.substr(m->begin, m->end - m->begin)))});
        p = begin + m->end;
        after_key = classes.key[p[-1]];
        continue;
      }
      ++p;
    }
  }

  // One level: the text between strings and the strings without escapes as they are, the
  // strings with escapes decoded (one level deeper).
  template <class Report>
  void scan_layer(std::string_view s, const Level& level, std::size_t base, int depth, Report& report) const {
    std::size_t plain_from = 0;  // start of the text not matched yet
    std::size_t backslash = s.find('\\');  // the next backslash (npos: none left)
    std::size_t i = 0;
    while (i < s.size()) {
      const std::size_t quote = s.find('"', i);
      if (quote == std::string_view::npos) break;
      // The string opening at `quote` runs to the next unescaped quote (or the end); most
      // strings hold no backslash, and two memchr-speed finds say so.
      if (backslash != std::string_view::npos && backslash <= quote) backslash = s.find('\\', quote + 1);
      std::size_t end = s.find('"', quote + 1);
      if (end == std::string_view::npos) end = s.size();
      const bool escaped = backslash != std::string_view::npos && backslash < end;
      if (escaped) {
        end = backslash;
        while (end < s.size() && s[end] != '"') end += s[end] == '\\' ? std::size_t{2} : std::size_t{1};
        if (end > s.size()) end = s.size();
        backslash = end < s.size() ? s.find('\\', end + 1) : std::string_view::npos;
        match(s.substr(plain_from, quote + 1 - plain_from), level, base + plain_from, report);
        decode_and_scan(s.substr(quote + 1, end - quote - 1), level, base + quote + 1, depth, report);
        plain_from = end;
      }
      i = end + 1;
    }
    if (plain_from < s.size()) match(s.substr(plain_from), level, base + plain_from, report);
  }

  // Decodes the JSON escapes of string content `raw` (at index `base` of `level`'s text) and
  // scans the result one level deeper (or only matches it, at the last level).
  template <class Report>
  void decode_and_scan(std::string_view raw, const Level& level, std::size_t base, int depth, Report& report) const {
    Level decoded;
    decoded.from = &level;
    decoded.base = base;
    std::string out;
    out.reserve(raw.size());
    const auto hex = [&](std::size_t k, std::uint32_t& code) {
      if (k + 4 > raw.size()) return false;
      code = 0;
      for (std::size_t d = 0; d < 4; ++d) {
        const char h = raw[k + d];
        const int v = h >= '0' && h <= '9'   ? h - '0'
                      : h >= 'a' && h <= 'f' ? h - 'a' + 10
                      : h >= 'A' && h <= 'F' ? h - 'A' + 10
                                             : -1;
        if (v < 0) return false;
        code = code * 16 + static_cast<std::uint32_t>(v);
      }
      return true;
    };
    // Appends code point `cp` as UTF-8, its bytes placed at the escape at index `from` of `raw`.
    const auto put = [&](std::uint32_t cp, std::size_t from) {
      decoded.anchors.emplace_back(out.size(), from);
      const auto byte = [&](std::uint32_t b) { out += static_cast<char>(b); };
      if (cp < 0x80) {
        byte(cp);
      } else if (cp < 0x800) {
        byte(0xC0 | (cp >> 6));
        byte(0x80 | (cp & 0x3F));
      } else if (cp < 0x10000) {
        byte(0xE0 | (cp >> 12));
        byte(0x80 | ((cp >> 6) & 0x3F));
        byte(0x80 | (cp & 0x3F));
      } else {
        byte(0xF0 | (cp >> 18));
        byte(0x80 | ((cp >> 12) & 0x3F));
        byte(0x80 | ((cp >> 6) & 0x3F));
        byte(0x80 | (cp & 0x3F));
      }
    };
    for (std::size_t k = 0; k < raw.size();) {
      if (raw[k] != '\\' || k + 1 >= raw.size()) {
        // A run without escapes, copied whole.
        std::size_t next = raw.find('\\', k + 1);
        if (next == std::string_view::npos || next + 1 >= raw.size()) next = raw.size();
        decoded.anchors.emplace_back(out.size(), k);
        out.append(raw.data() + k, next - k);
        k = next;
        continue;
      }
      const char e = raw[k + 1];
      std::uint32_t code = 0;
      switch (e) {
        case 'b': put('\b', k); k += 2; break;
        case 'f': put('\f', k); k += 2; break;
        case 'n': put('\n', k); k += 2; break;
        case 'r': put('\r', k); k += 2; break;
        case 't': put('\t', k); k += 2; break;
        case 'u':
          if (!hex(k + 2, code)) {
            put('u', k);
            k += 2;
            break;
          }
          if (code >= 0xD800 && code <= 0xDBFF && k + 7 < raw.size() && raw[k + 6] == '\\' && raw[k + 7] == 'u') {
            std::uint32_t low = 0;
            if (hex(k + 8, low) && low >= 0xDC00 && low <= 0xDFFF) {
              put(0x10000 + ((code - 0xD800) << 10) + (low - 0xDC00), k);
              k += 12;
              break;
            }
          }
          put(code, k);
          k += 6;
          break;
        default:  // '"', '\\', '/', and whatever a malformed file holds: the character itself
          decoded.anchors.emplace_back(out.size(), k);
          out += e;
          k += 2;
      }
    }
    if (depth >= max_levels) {
      match(std::string_view(out), decoded, 0, report);
    } else {
      scan_layer(std::string_view(out), decoded, 0, depth + 1, report);
    }
  }

  std::vector<Variable> values_;
};

}  // namespace detail

/// Every secret in `text` (see the file comment), ordered by offset, without those
/// `allowed` declares not to be secrets. `variables` are the names of the variables whose
/// values are secret (see secret_variables()).
inline std::vector<SecretFinding> find_secrets(std::string_view text, const std::vector<std::string>& variables,
                                               const SecretAllowlist& allowed = {}) {
  std::vector<SecretFinding> found;
  auto keep = [&](SecretFinding f) {
    if (!allowed.allows(f)) found.push_back(std::move(f));
  };
  detail::SecretScanner(variables).scan(text, keep);
  std::stable_sort(found.begin(), found.end(), [](const SecretFinding& a, const SecretFinding& b) { return a.offset < b.offset; });
  // The same secret at the same place, seen by two layers of decoding: once.
  found.erase(std::unique(found.begin(), found.end(),
                          [](const SecretFinding& a, const SecretFinding& b) {
                            return a.offset == b.offset && a.fingerprint == b.fingerprint;
                          }),
              found.end());
  return found;
}

/// The first secret in `text` (see find_secrets), or nullopt.
inline std::optional<SecretFinding> find_secret(std::string_view text, const std::vector<std::string>& variables,
                                                const SecretAllowlist& allowed = {}) {
  auto all = find_secrets(text, variables, allowed);
  if (all.empty()) return std::nullopt;
  return std::move(all.front());
}

/// Throws SecretLeak when `content`, about to be written to `target`, holds a secret that
/// `allowed` does not declare a false positive. The message names the file, the line and
/// column, the kind of secret and its fingerprint.
inline void check_no_secrets(const std::string& content, const std::string& target,
                             const std::vector<std::string>& variables, const SecretAllowlist& allowed) {
  const auto finding = find_secret(content, variables, allowed);
  if (!finding) return;
  throw SecretLeak("refusing to write " + target + ": the content has " + finding->what + " at " +
                   synthbench::detail::line_and_column(content, finding->offset + 1) +
                   " of what would be written (fingerprint " + finding->fingerprint +
                   "). Redact it (CassetteOptions::redaction: a JSON pointer or a regular expression) or remove it "
                   "from the request; if it is not a secret, add its fingerprint to a " + secret_allowlist_name +
                   " beside the file. Nothing was written");
}

/// check_no_secrets with the allowlists that apply to `target` (secret_allowlist_for).
inline void check_no_secrets(const std::string& content, const std::string& target,
                             const std::vector<std::string>& variables) {
  const auto finding = find_secret(content, variables);
  if (!finding) return;
  check_no_secrets(content, target, variables, secret_allowlist_for(target));
}

}  // namespace cassette
SYNTHBENCH_NAMESPACE_END

#endif  // SYNTHBENCH_CASSETTE_SECRETS_HPP
