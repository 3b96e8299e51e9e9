#include <synthbench/cassette.hpp>

#include <gtest/gtest.h>

#include <string>

#include "cassette_test_support.hpp"

namespace {

using synthbench::cassette::find_secret;
using synthbench::cassette::SecretLeak;

const std::string fake_key = "sk-proj-" + std::string(24, 'A') + "bc12";  // the pattern, not a real key

TEST(Secrets, FindsApiKeyPatternsAndBearerTokens) {
  const std::vector<std::string> none;
  EXPECT_TRUE(find_secret("key: " + fake_key, none).has_value());
  EXPECT_EQ(find_secret("key: " + fake_key, none)->offset, 5u);
  EXPECT_EQ(find_secret("key: " + fake_key, none)->what, "an API key pattern (sk-...)");
  EXPECT_TRUE(find_secret("Authorization: Bearer abcdefghijklmnopqrstuvwxyz0123", none).has_value());
  EXPECT_TRUE(find_secret("authorization: bearer abcdefghijklmnopqrst.uvw-xyz==", none).has_value());
}

TEST(Secrets, OrdinaryTextIsNotASecret) {
  const std::vector<std::string> none;
  EXPECT_FALSE(find_secret("the task-" + std::string(30, 'a') + " is fine", none).has_value());  // "task-" is not "sk-"
  EXPECT_FALSE(find_secret("sk-short", none).has_value());
  EXPECT_FALSE(find_secret("Bearer authentication is described in RFC 6750", none).has_value());
  EXPECT_FALSE(find_secret("Bearer", none).has_value());
  EXPECT_FALSE(find_secret("", none).has_value());
}

TEST(Secrets, FindsTheLiteralValueOfSecretVariables) {
  cassette_test::ScopedEnv key("SYNTHBENCH_TEST_SECRET", std::string("hunter2-very-secret"));
  cassette_test::ScopedEnv short_value("SYNTHBENCH_TEST_SHORT", std::string("abc"));
  const std::vector<std::string> vars{"SYNTHBENCH_TEST_SECRET", "SYNTHBENCH_TEST_SHORT", "SYNTHBENCH_TEST_UNSET"};
  const auto f = find_secret("x = hunter2-very-secret", vars);
  ASSERT_TRUE(f.has_value());
  EXPECT_EQ(f->what, "the value of $SYNTHBENCH_TEST_SECRET");
  EXPECT_EQ(f->offset, 4u);
  EXPECT_FALSE(find_secret("abc abc", vars).has_value());  // values under 8 characters are not scanned
}

TEST(Secrets, ApiKeyVariableIsAlwaysScanned) {
  cassette_test::ScopedEnv name("SYNTHBENCH_API_KEY_ENV", std::string("MY_PROVIDER_KEY"));
  cassette_test::ScopedEnv value("MY_PROVIDER_KEY", std::string("local-key-1234567"));
  const auto vars = synthbench::cassette::secret_variables({"OTHER"});
  EXPECT_EQ(vars, (std::vector<std::string>{"MY_PROVIDER_KEY", "OTHER"}));
  EXPECT_TRUE(find_secret("... local-key-1234567 ...", vars).has_value());
}

TEST(Secrets, RefusalNamesPlaceAndKindButNeverTheSecret) {
  const std::string content = "{\n  \"a\": \"" + fake_key + "\"\n}\n";
  try {
    synthbench::cassette::check_no_secrets(content, "cassettes/c.json", {});
    FAIL();
  } catch (const SecretLeak& e) {
    const std::string what = e.what();
    EXPECT_EQ(e.id(), "synthbench.cassette.20");
    EXPECT_NE(what.find("cassettes/c.json"), std::string::npos);
    EXPECT_NE(what.find("line 2, column 9"), std::string::npos);
    EXPECT_EQ(what.find(fake_key), std::string::npos);
  }
  EXPECT_NO_THROW(synthbench::cassette::check_no_secrets("{}", "x", {}));
}

}  // namespace
