#include <synthbench/gtest/param_name.hpp>

#include <gtest/gtest.h>

#include <string>

namespace {

using synthbench::gtest::sanitize_test_name;

TEST(SanitizeTestName, KeepsLettersAndDigits) {
  EXPECT_EQ(sanitize_test_name("Meta-Llama-3-8B-Instruct"), "Meta_Llama_3_8B_Instruct");
  EXPECT_EQ(sanitize_test_name("mistralai/Mixtral-8x7B v0.1"), "mistralai_Mixtral_8x7B_v0_1");
  EXPECT_EQ(sanitize_test_name("--gpt--4o--"), "gpt_4o");
  EXPECT_EQ(sanitize_test_name("é"), "param");
  EXPECT_EQ(sanitize_test_name(""), "param");
}

class ParamNameSuite : public ::testing::TestWithParam<std::string> {};
TEST_P(ParamNameSuite, HasASanitizedName) {
  const std::string name = ::testing::UnitTest::GetInstance()->current_test_info()->name();
  EXPECT_EQ(name, "HasASanitizedName/" + sanitize_test_name(GetParam()));
}
INSTANTIATE_TEST_SUITE_P(Models, ParamNameSuite,
                         ::testing::Values("gpt-4o", "Meta-Llama-3-70B-Instruct", "average"),
                         synthbench::gtest::param_name);

}  // namespace
