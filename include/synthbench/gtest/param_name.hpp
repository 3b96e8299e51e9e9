#ifndef SYNTHBENCH_GTEST_PARAM_NAME_HPP
#define SYNTHBENCH_GTEST_PARAM_NAME_HPP

/// @file
/// Readable names for parameterized tests. GoogleTest accepts only letters, digits and
/// underscores in a parameter's name; model names such as "Meta-Llama-3-8B-Instruct" or
/// "mistralai/Mixtral-8x7B" need sanitizing:
///
///     INSTANTIATE_TEST_SUITE_P(Generators, SnipsSynthetic,
///                              ::testing::ValuesIn(snips().generator_names()),
///                              synthbench::gtest::param_name);
///
/// gives test names like `Generators/SnipsSynthetic.RanksApproachesLikeRealData/Meta_Llama_3_8B_Instruct`.

#include <gtest/gtest.h>  // ::testing::TestParamInfo

#include <sstream>  // std::ostringstream
#include <string>   // std::string

#include "synthbench/version.hpp"

SYNTHBENCH_NAMESPACE_BEGIN
namespace gtest {

/// `text` with every character other than an ASCII letter or digit replaced by '_', runs of
/// '_' collapsed, and no leading or trailing '_'; "param" when nothing is left.
inline std::string sanitize_test_name(const std::string& text) {
  std::string out;
  for (const char c : text) {
    const bool keep = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
    if (keep) {
      out += c;
    } else if (!out.empty() && out.back() != '_') {
      out += '_';
    }
  }
  while (!out.empty() && out.back() == '_') out.pop_back();
  return out.empty() ? std::string("param") : out;
}

/// The name generator for INSTANTIATE_TEST_SUITE_P: the parameter printed with `<<` (strings
/// as they are) and sanitized.
struct ParamName {
  /// The sanitized name of `info.param`.
  template <class T>
  std::string operator()(const ::testing::TestParamInfo<T>& info) const {
    std::ostringstream os;
    os << info.param;
    return sanitize_test_name(os.str());
  }
};

/// Pass as the fourth argument of INSTANTIATE_TEST_SUITE_P.
inline constexpr ParamName param_name{};

}  // namespace gtest
SYNTHBENCH_NAMESPACE_END

#endif  // SYNTHBENCH_GTEST_PARAM_NAME_HPP
