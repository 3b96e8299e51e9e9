// Helpers shared by the parser fuzz targets: a check that aborts (libFuzzer reports the
// input), and the failure reasons each parser may give (docs/llm-outputs.md).
#ifndef SYNTHBENCH_TESTS_FUZZ_FUZZ_SUPPORT_HPP
#define SYNTHBENCH_TESTS_FUZZ_FUZZ_SUPPORT_HPP

#include <cstdio>
#include <cstdlib>
#include <set>
#include <string>

#define FUZZ_CHECK(condition)                                                      \
  do {                                                                             \
    if (!(condition)) {                                                            \
      std::fprintf(stderr, "%s:%d: check failed: %s\n", __FILE__, __LINE__, #condition); \
      std::abort();                                                                \
    }                                                                              \
  } while (false)

namespace synthbench_fuzz {

inline bool known_json_reason(const std::string& r) {
  static const std::set<std::string> reasons = {"empty", "no_json", "invalid_json", "truncated",
                                                "duplicate_key", "ambiguous", "unexpected_shape", "not_an_object"};
  return reasons.count(r) != 0;
}

}  // namespace synthbench_fuzz

#endif  // SYNTHBENCH_TESTS_FUZZ_FUZZ_SUPPORT_HPP
