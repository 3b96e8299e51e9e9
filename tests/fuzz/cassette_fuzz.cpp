// fuzz-seconds: 60
// libFuzzer target for the cassette loader (and the journal and usage parsers, and verify):
// any input must either load or throw a synthbench::Error naming the position; nothing else
// may escape, crash or trip a sanitizer. What loads must survive a write/read round trip.
// The loader's fast path (compact_reader.hpp) must agree with the general path on every
// input: the same cassette or the same error; and what dump_cassette writes must take it.
// Built with SYNTHBENCH_BUILD_FUZZERS=ON (clang); run by scripts/fuzz.sh.

#include <synthbench/cassette.hpp>

#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>

namespace {

// The error message of `load` on `text`, or "" and the cassette in `out`.
template <class Load>
std::string outcome(Load load, const std::string& text, synthbench::cassette::Cassette& out) {
  try {
    out = load(text, "<fuzz>");
  } catch (const synthbench::Error& e) {
    return e.what();
  }
  return "";
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string text(reinterpret_cast<const char*>(data), size);
  synthbench::cassette::Cassette fast, general;
  const std::string fast_error = outcome(synthbench::cassette::parse_cassette, text, fast);
  const std::string general_error = outcome(synthbench::cassette::detail::parse_cassette_general, text, general);
  if (fast_error != general_error || (fast_error.empty() && !(fast == general))) std::abort();
  try {
    const auto cassette = synthbench::cassette::parse_cassette(text, "<fuzz>");
    const std::string written = synthbench::cassette::dump_cassette(cassette);
    if (!synthbench::cassette::detail::read_compact_cassette(written)) std::abort();
    const auto again = synthbench::cassette::parse_cassette(written, "<fuzz round trip>");
    if (again.interactions.size() != cassette.interactions.size()) std::abort();
    if (synthbench::cassette::dump_cassette(again) != written) {
      // Timestamps are the only part a write may change; they were written once already.
      std::abort();
    }
  } catch (const synthbench::Error&) {
  }
  try {
    (void)synthbench::cassette::parse_journal(text, "<fuzz journal>");
  } catch (const synthbench::Error&) {
  }
  try {
    (void)synthbench::cassette::parse_usage(text, "<fuzz usage>");
  } catch (const synthbench::Error&) {
  }
  (void)synthbench::cassette::verify_cassette(text, "<fuzz verify>", {});
  return 0;
}
