#ifndef SYNTHBENCH_CASSETTE_FORMAT_PARSE_HPP
#define SYNTHBENCH_CASSETTE_FORMAT_PARSE_HPP

/// @file
/// Parsing cassette text: parse_cassette reads the form dump_cassette writes without a DOM
/// (compact_reader.hpp) and streams any other text through a SAX reader (CassetteSax,
/// parse_cassette_general) that converts one interaction at a time, so that a large cassette
/// never exists as a whole DOM. Syntax errors throw InputError with line and column,
/// duplicate keys with the JSON pointer, and the rest as cassette_from_json
/// (format_read.hpp).

#include <cstddef>  // std::size_t
#include <string>   // std::string
#include <utility>  // std::move
#include <vector>   // std::vector

#include <nlohmann/json.hpp>  // nlohmann::json, nlohmann::json_sax

#include "synthbench/cassette/compact_reader.hpp"  // detail::read_compact_cassette
#include "synthbench/cassette/format_read.hpp"     // interaction_from_json, detail::cassette_from_document
#include "synthbench/cassette/interaction.hpp"     // Interaction, Cassette, format_version
#include "synthbench/detail/json_input.hpp"        // detail::pointer_append, line_and_column, check_json_depth
#include "synthbench/error.hpp"                    // Error, InputError
#include "synthbench/version.hpp"                  // SYNTHBENCH_NAMESPACE_BEGIN

SYNTHBENCH_NAMESPACE_BEGIN
namespace cassette {

namespace detail {

/// A SAX handler (nlohmann::json_sax) that builds the document like nlohmann's DOM parser,
/// with two differences: a repeated key is an error (InputError 102, with its JSON pointer),
/// and once "format": 1 has been seen, each element of the top-level "interactions" array is
/// converted to an Interaction as soon as it is complete and its DOM freed. A 100 MB
/// cassette then never exists as a whole DOM: peak memory is the text plus the result.
class CassetteSax : public nlohmann::json_sax<nlohmann::json> {
 public:
  CassetteSax(const std::string& text, const std::string& source) : text_(text), source_(source) {}

  bool null() override { return add(nlohmann::json()); }
  bool boolean(bool v) override { return add(nlohmann::json(v)); }
  bool number_integer(number_integer_t v) override { return add(nlohmann::json(v)); }
  bool number_unsigned(number_unsigned_t v) override { return add(nlohmann::json(v)); }
  bool number_float(number_float_t v, const string_t&) override { return add(nlohmann::json(v)); }
  bool string(string_t& v) override { return add(nlohmann::json(std::move(v))); }
  bool binary(binary_t& v) override { return add(nlohmann::json::binary(std::move(v))); }
  bool start_object(std::size_t) override { return open(nlohmann::json::object(), false); }
  bool start_array(std::size_t) override { return open(nlohmann::json::array(), true); }
  bool key(string_t& k) override {
    Frame& f = stack_.back();
    if (f.value->contains(k)) {
      f.key = k;
      throw InputError(102, source_, pointer(), "duplicate key (JSON objects must not repeat a key)");
    }
    f.key = std::move(k);
    if (stack_.size() == 1 && f.key == "interactions") {
      const auto format = root_.find("format");
      streaming_ = format != root_.end() && format->is_number_integer() &&
                   format->get<long long>() >= oldest_format_version && format->get<long long>() <= format_version;
      if (streaming_) format_ = static_cast<int>(format->get<long long>());
    }
    return true;
  }
  bool end_object() override { return close(); }
  bool end_array() override { return close(); }
  bool parse_error(std::size_t position, const std::string&, const nlohmann::detail::exception& e) override {
    // "[json.exception.parse_error.101] parse error at line 1, column 2: syntax error ..." or
    // "[json.exception.out_of_range.406] number overflow parsing '1e999'": keep the reason,
    // the position is given below.
    std::string what = e.what();
    if (const auto bracket = what.find("] "); bracket != std::string::npos) what = what.substr(bracket + 2);
    if (what.rfind("parse error", 0) == 0) {
      if (const auto colon = what.find(": "); colon != std::string::npos) what = what.substr(colon + 2);
    }
    throw InputError(101, source_, synthbench::detail::line_and_column(text_, position),
                     "invalid JSON: " + synthbench::detail::nul_aware_reason(text_, position, what));
  }

  /// The document (with the streamed interactions removed from it).
  const nlohmann::json& document() const noexcept { return root_; }
  /// The interactions converted while parsing; `streamed()` says whether that happened.
  std::vector<Interaction>& interactions() noexcept { return interactions_; }
  /// True when the interactions were converted while parsing.
  bool streamed() const noexcept { return streamed_array_; }

 private:
  struct Frame {
    nlohmann::json* value;
    bool is_array;
    std::size_t index;  // next element's index (arrays)
    std::string key;    // current key (objects)
  };

  std::string pointer() const {
    std::string p;
    for (const auto& f : stack_) p = f.is_array ? pointer_append(p, f.index) : pointer_append(p, f.key);
    return p;
  }

  nlohmann::json* place(nlohmann::json&& v) {
    if (stack_.empty()) {
      root_ = std::move(v);
      return &root_;
    }
    Frame& f = stack_.back();
    if (f.is_array) {
      f.value->push_back(std::move(v));
      return &f.value->back();
    }
    nlohmann::json& slot = (*f.value)[f.key];
    slot = std::move(v);
    return &slot;
  }

  bool add(nlohmann::json&& v) {
    (void)place(std::move(v));
    convert_if_interaction();  // a scalar where an interaction belongs: reported as such
    after_value();
    return true;
  }

  bool in_interactions() const {
    return streaming_ && stack_.size() == 2 && stack_[0].key == "interactions" && stack_[1].is_array;
  }

  void convert_if_interaction() {
    if (!in_interactions()) return;
    streamed_array_ = true;
    nlohmann::json& array = *stack_[1].value;
    interactions_.push_back(
        interaction_from_json(array.back(), source_, pointer_append("/interactions", stack_[1].index), format_));
    array.erase(array.size() - 1);
  }

  bool open(nlohmann::json&& v, bool is_array) {
    if (stack_.size() >= synthbench::detail::max_json_depth) synthbench::detail::check_json_depth(text_, source_);
    nlohmann::json* p = place(std::move(v));
    stack_.push_back({p, is_array, 0, {}});
    return true;
  }

  bool close() {
    stack_.pop_back();
    convert_if_interaction();  // an element of /interactions just ended: convert it, drop its DOM
    after_value();
    return true;
  }

  void after_value() {
    if (!stack_.empty() && stack_.back().is_array) ++stack_.back().index;
  }

  const std::string& text_;
  const std::string& source_;
  nlohmann::json root_;
  std::vector<Frame> stack_;
  std::vector<Interaction> interactions_;
  bool streaming_ = false;
  int format_ = format_version;  // of the document, once "format" was seen
  bool streamed_array_ = false;
};

/// parse_cassette without its fast path: nlohmann's SAX parser for any text, and the
/// errors parse_cassette names. Public for the tests that compare the two paths.
inline Cassette parse_cassette_general(const std::string& text, const std::string& source) {
  CassetteSax sax(text, source);
  nlohmann::json::sax_parse(text, &sax, nlohmann::json::input_format_t::json, /*strict=*/true);
  synthbench::detail::check_no_nul_byte(text, source);
  return cassette_from_document(sax.document(), source, sax.streamed() ? &sax.interactions() : nullptr);
}

}  // namespace detail

/// Parses cassette text; `source` (the file name) names it in errors. Syntax errors throw
/// InputError 101 with line and column, duplicate keys 102 with the JSON pointer, and the
/// rest as cassette_from_json. Text in the form dump_cassette writes is read without a DOM
/// (compact_reader.hpp); any other text streams through nlohmann's SAX parser, one
/// interaction's DOM at a time. Either way the result is the same.
inline Cassette parse_cassette(const std::string& text, const std::string& source) {
  if (auto compact = detail::read_compact_cassette(text)) {
    // The form dump_cassette writes, read without a DOM; only the metadata, and interactions
    // of shapes the fast path leaves to the general code (failures, content arrays, other
    // providers), go through nlohmann, one interaction at a time.
    try {
      for (auto& [index, json_text] : compact->deferred) {
        compact->interactions[index] = interaction_from_json(nlohmann::json::parse(json_text), source,
                                                             detail::pointer_append("/interactions", index), compact->format);
      }
      const nlohmann::json doc = {{"format", compact->format},
                                  {"interactions", nlohmann::json::array()},
                                  {"metadata", nlohmann::json::parse(compact->metadata)}};
      return detail::cassette_from_document(doc, source, &compact->interactions);
    } catch (const Error&) {
      // Whatever is wrong, the general path names it as it names every error.
    }
  }
  return detail::parse_cassette_general(text, source);
}

}  // namespace cassette
SYNTHBENCH_NAMESPACE_END

#endif  // SYNTHBENCH_CASSETTE_FORMAT_PARSE_HPP
