#ifndef SYNTHBENCH_CASSETTE_COMPACT_JSON_HPP
#define SYNTHBENCH_CASSETTE_COMPACT_JSON_HPP

/// @file
/// A strict scanner for JSON text in the form synthbench writes it: exactly what nlohmann's
/// dump() gives (keys sorted, its escapes, its number format), with any whitespace between
/// tokens (dump(2) indents). Such text is canonical once the whitespace is gone, so the
/// scanner copies it compact and records where each value is, with no DOM: a cassette
/// synthbench wrote loads in a fraction of the time nlohmann's parser takes
/// (docs/performance.md). Anything else, valid JSON in another form or not JSON at all,
/// makes scan() return false, and the caller takes the general path, which reports errors.
///
/// "What dump() gives", precisely: objects with keys strictly increasing in byte order and
/// free of escapes; strings of valid UTF-8 with no raw control character, escaping only
/// `\" \\ \b \f \n \r \t` and other control characters as `\u00xx` (lower-case hex);
/// integers without a sign on zero that fit nlohmann's 64-bit integers; other numbers that
/// dump() writes back byte for byte; true, false, null.

#include <cstddef>      // std::size_t
#include <cstdint>      // std::uint32_t, std::uint64_t
#include <limits>       // std::numeric_limits
#include <string>       // std::string
#include <string_view>  // std::string_view
#include <system_error> // std::errc
#include <vector>       // std::vector

#if __has_include(<charconv>)
#include <charconv>  // std::from_chars, __cpp_lib_to_chars
#endif

#include "synthbench/cassette/canonical.hpp"  // detail::find_json_string_special, detail::append_json_number
#include "synthbench/detail/hex.hpp"          // detail::hex_value
#include "synthbench/detail/json_input.hpp"   // detail::max_json_depth
#include "synthbench/detail/utf8.hpp"         // detail::utf8_sequence_length
#include "synthbench/version.hpp"             // SYNTHBENCH_NAMESPACE_BEGIN

SYNTHBENCH_NAMESPACE_BEGIN
namespace cassette {
namespace detail {

/// One value found by CompactJsonScanner. Object members are a key (a string value) followed
/// by its value; the elements of a container follow it, and `next` skips them all.
struct CompactValue {
  enum class Kind : std::uint8_t { null, boolean, integer, number, string, array, object };
  Kind kind = Kind::null;
  bool truth = false;          ///< boolean: its value
  bool negative = false;       ///< integer: below zero
  bool escaped = false;        ///< string: holds an escape
  std::uint32_t next = 0;      ///< index of the value after this one and everything inside it
  std::size_t begin = 0;       ///< the value's text in compact(): [begin, end)
  std::size_t end = 0;
  std::uint64_t magnitude = 0; ///< integer: its absolute value
  double number = 0;           ///< number (not integer): its value
};

/// Scans values in the form dump() writes (see the file comment), keeping their compact text
/// and a flat list of what they contain. Reusable: clear() keeps the memory.
class CompactJsonScanner {
 public:
  /// Scans one value of `text` at `pos` (leading whitespace skipped), appending its compact
  /// text to compact() and its values to values(); `pos` ends just past it. False when the
  /// text there is not a value in dump()'s form; what was appended is then meaningless.
  bool scan(std::string_view text, std::size_t& pos) {
    text_ = text;
    pos_ = pos;
    const bool ok = scan_value();
    pos = pos_;
    return ok;
  }

  /// Makes scan() fail on arrays and objects nested deeper than `levels` inside the scanned
  /// value (the general path's limit, max_json_depth, less the levels around the value).
  void set_depth_limit(std::size_t levels) noexcept { depth_limit_ = levels; }

  /// Forgets every value scanned (the memory is kept for the next scan).
  void clear() noexcept {
    values_.clear();
    compact_.clear();
  }

  /// The values scanned, in document order.
  const std::vector<CompactValue>& values() const noexcept { return values_; }
  /// The compact text of everything scanned since clear().
  const std::string& compact() const noexcept { return compact_; }

  /// The compact text of value `i` (a string's includes its quotes).
  std::string_view text(std::size_t i) const noexcept {
    return std::string_view(compact_).substr(values_[i].begin, values_[i].end - values_[i].begin);
  }

  /// The content of string value `i`, escapes decoded.
  std::string string(std::size_t i) const {
    const std::string_view raw = text(i).substr(1, text(i).size() - 2);
    if (!values_[i].escaped) return std::string(raw);
    std::string out;
    out.reserve(raw.size());
    for (std::size_t k = 0; k < raw.size(); ++k) {
      if (raw[k] != '\\') {
        out += raw[k];
        continue;
      }
      switch (raw[++k]) {
        case 'b': out += '\b'; break;
        case 'f': out += '\f'; break;
        case 'n': out += '\n'; break;
        case 'r': out += '\r'; break;
        case 't': out += '\t'; break;
        case 'u':
          out += static_cast<char>(synthbench::detail::hex_value(raw[k + 3]) * 16 + synthbench::detail::hex_value(raw[k + 4]));
          k += 4;
          break;
        default: out += raw[k];  // '"' or '\\'
      }
    }
    return out;
  }

  /// The index of the value of `key` in object value `object`, or npos. Keys hold no escape
  /// (scan() accepts none), so the comparison is of the raw text.
  std::size_t member(std::size_t object, std::string_view key) const noexcept {
    for (std::size_t k = object + 1; k < values_[object].next; k = values_[k + 1].next) {
      const std::string_view name = text(k);
      if (name.size() == key.size() + 2 && name.compare(1, key.size(), key) == 0) return k + 1;
    }
    return npos;
  }

  /// Calls f(key, value_index) for each member of object value `object`, in order.
  template <class F>
  void for_each_member(std::size_t object, F&& f) const {
    for (std::size_t k = object + 1; k < values_[object].next; k = values_[k + 1].next) {
      const std::string_view name = text(k);
      f(name.substr(1, name.size() - 2), k + 1);
    }
  }

  /// Calls f(element_index) for each element of array value `array`, in order.
  template <class F>
  void for_each_element(std::size_t array, F&& f) const {
    for (std::size_t e = array + 1; e < values_[array].next; e = values_[e].next) f(e);
  }

  /// Returned by member() for a missing key.
  static constexpr std::size_t npos = static_cast<std::size_t>(-1);

 private:
  bool at_end() const noexcept { return pos_ >= text_.size(); }
  unsigned char peek() const noexcept { return static_cast<unsigned char>(text_[pos_]); }

  void skip_whitespace() noexcept {
    while (pos_ < text_.size()) {
      const char c = text_[pos_];
      if (c != ' ' && c != '\n' && c != '\r' && c != '\t') return;
      ++pos_;
    }
  }

  std::size_t add(CompactValue::Kind kind) {
    CompactValue v;
    v.kind = kind;
    v.begin = compact_.size();
    values_.push_back(v);
    return values_.size() - 1;
  }

  void close(std::size_t i) {
    values_[i].end = compact_.size();
    values_[i].next = static_cast<std::uint32_t>(values_.size());
  }

  // One value, iteratively (an explicit stack of open containers: any depth, no recursion).
  bool scan_value() {
    std::vector<Open>& open = open_;
    open.clear();
    if (values_.size() >= std::numeric_limits<std::uint32_t>::max() / 2) return false;
    while (true) {
      // A value starts here.
      skip_whitespace();
      if (at_end()) return false;
      const unsigned char c = peek();
      if (c == '{' || c == '[') {
        const std::size_t i = add(c == '{' ? CompactValue::Kind::object : CompactValue::Kind::array);
        compact_ += static_cast<char>(c);
        ++pos_;
        open.push_back({i, npos});
        if (open.size() > depth_limit_) return false;  // the general path names the error
        skip_whitespace();
        if (at_end()) return false;
        if (peek() == (c == '{' ? '}' : ']')) {
          compact_ += static_cast<char>(peek());
          ++pos_;
          close(i);
          open.pop_back();
        } else if (c == '{') {
          if (!scan_key(open.back().last_key)) return false;
          continue;
        } else {
          continue;
        }
      } else if (!scan_scalar(c)) {
        return false;
      }
      // A value ended: a comma and the next member or element, or the end of containers.
      while (true) {
        if (open.empty()) return true;
        skip_whitespace();
        if (at_end()) return false;
        Open& top = open.back();
        const bool object = values_[top.value].kind == CompactValue::Kind::object;
        if (peek() == ',') {
          compact_ += ',';
          ++pos_;
          if (object && !scan_key(top.last_key)) return false;
          break;
        }
        if (peek() != (object ? '}' : ']')) return false;
        compact_ += static_cast<char>(peek());
        ++pos_;
        close(top.value);
        open.pop_back();
      }
    }
  }

  // A key, after which comes ':'; keys increase strictly (sorted, no duplicate).
  bool scan_key(std::size_t& last_key) {
    skip_whitespace();
    if (at_end() || peek() != '"') return false;
    const std::size_t k = add(CompactValue::Kind::string);
    if (!scan_string(k) || values_[k].escaped) return false;
    if (last_key != npos) {
      const std::string_view before = text(last_key), now = text(k);
      if (before.substr(1, before.size() - 2) >= now.substr(1, now.size() - 2)) return false;
    }
    last_key = k;
    skip_whitespace();
    if (at_end() || peek() != ':') return false;
    compact_ += ':';
    ++pos_;
    return true;
  }

  bool scan_scalar(unsigned char c) {
    if (c == '"') return scan_string(add(CompactValue::Kind::string));
    if (c == '-' || (c >= '0' && c <= '9')) return scan_number();
    const auto literal = [this](std::string_view word, CompactValue::Kind kind, bool truth) {
      if (text_.compare(pos_, word.size(), word) != 0) return false;
      const std::size_t i = add(kind);
      values_[i].truth = truth;
      compact_ += word;
      pos_ += word.size();
      close(i);
      return true;
    };
    if (c == 't') return literal("true", CompactValue::Kind::boolean, true);
    if (c == 'f') return literal("false", CompactValue::Kind::boolean, false);
    if (c == 'n') return literal("null", CompactValue::Kind::null, false);
    return false;
  }

  // A string at pos_ (its '"'), copied as it is: dump()'s strings are their own compact form.
  bool scan_string(std::size_t i) {
    const std::size_t start = pos_++;
    const char* const base = text_.data();
    const char* const end = base + text_.size();
    while (true) {
      const char* p = find_json_string_special(base + pos_, end);
      pos_ = static_cast<std::size_t>(p - base);
      if (p == end) return false;
      const auto c = static_cast<unsigned char>(*p);
      if (c == '"') {
        ++pos_;
        break;
      }
      if (c < 0x20) return false;  // a raw control character
      if (c == '\\') {
        if (!scan_escape()) return false;
        values_[i].escaped = true;
        continue;
      }
      if (!scan_utf8()) return false;
    }
    compact_.append(text_.data() + start, pos_ - start);
    close(i);
    return true;
  }

  // An escape at pos_ ('\\'), as dump() writes it.
  bool scan_escape() {
    if (pos_ + 1 >= text_.size()) return false;
    const char e = text_[pos_ + 1];
    if (e == '"' || e == '\\' || e == 'b' || e == 'f' || e == 'n' || e == 'r' || e == 't') {
      pos_ += 2;
      return true;
    }
    // \u00xx for the control characters without a short form.
    if (e != 'u' || pos_ + 6 > text_.size() || text_[pos_ + 2] != '0' || text_[pos_ + 3] != '0') return false;
    const char h = text_[pos_ + 4], l = text_[pos_ + 5];
    if ((h != '0' && h != '1') || !((l >= '0' && l <= '9') || (l >= 'a' && l <= 'f'))) return false;
    const int code = (h - '0') * 16 + synthbench::detail::hex_value(l);
    if (code == '\b' || code == '\t' || code == '\n' || code == '\f' || code == '\r') return false;
    pos_ += 6;
    return true;
  }

  // A multi-byte UTF-8 character at pos_, well formed (detail/utf8.hpp: no overlong form,
  // no surrogate, nothing above U+10FFFF).
  bool scan_utf8() {
    const std::size_t length = synthbench::detail::utf8_sequence_length(text_, pos_);
    pos_ += length;
    return length != 0;
  }

  // A number at pos_, in JSON's grammar and in the form dump() writes it.
  bool scan_number() {
    const std::size_t start = pos_;
    const auto digits = [this] {
      const std::size_t from = pos_;
      while (!at_end() && peek() >= '0' && peek() <= '9') ++pos_;
      return pos_ - from;
    };
    const bool negative = peek() == '-';
    if (negative) ++pos_;
    if (at_end()) return false;
    if (peek() == '0') {
      ++pos_;
    } else if (digits() == 0) {
      return false;
    }
    bool integer = true;
    if (!at_end() && peek() == '.') {
      ++pos_;
      if (digits() == 0) return false;
      integer = false;
    }
    if (!at_end() && (peek() == 'e' || peek() == 'E')) {
      ++pos_;
      if (!at_end() && (peek() == '+' || peek() == '-')) ++pos_;
      if (digits() == 0) return false;
      integer = false;
    }
    const std::string_view token = text_.substr(start, pos_ - start);
    const std::size_t i = add(integer ? CompactValue::Kind::integer : CompactValue::Kind::number);
    if (integer) {
      // nlohmann keeps what fits 64 bits as an integer (signed when negative); "-0" reads as 0.
      std::uint64_t m = 0;
      constexpr std::uint64_t max = std::numeric_limits<std::uint64_t>::max();
      for (const char d : token.substr(negative ? 1 : 0)) {
        const auto v = static_cast<std::uint64_t>(d - '0');
        if (m > (max - v) / 10) return false;
        m = m * 10 + v;
      }
      if (negative && (m == 0 || m > (std::uint64_t{1} << 63))) return false;
      values_[i].negative = negative;
      values_[i].magnitude = m;
    } else {
#if defined(__cpp_lib_to_chars)
      double d = 0;
      const auto [end, error] = std::from_chars(token.data(), token.data() + token.size(), d);
      if (error != std::errc() || end != token.data() + token.size()) return false;
      number_text_.clear();
      append_json_number(number_text_, d);
      if (number_text_ != token) return false;
      values_[i].number = d;
#else
      return false;  // no locale-independent parser of doubles here: the general path reads it
#endif
    }
    compact_ += token;
    close(i);
    return true;
  }

  struct Open {
    std::size_t value;     // the container's index
    std::size_t last_key;  // index of its previous key (objects), or npos
  };

  std::string_view text_;
  std::size_t pos_ = 0;
  std::size_t depth_limit_ = synthbench::detail::max_json_depth;
  std::vector<Open> open_;  // the containers scan_value is inside
  std::vector<CompactValue> values_;
  std::string compact_;
  std::string number_text_;
};

}  // namespace detail
}  // namespace cassette
SYNTHBENCH_NAMESPACE_END

#endif  // SYNTHBENCH_CASSETTE_COMPACT_JSON_HPP
