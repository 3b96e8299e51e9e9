#include <synthbench/cassette.hpp>

#include <gtest/gtest.h>

#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <memory>
#include <string>
#include <vector>

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

// Issue 15: ten kinds of credential, planted in every kind of field, escaped and not, are
// caught by `verify` and refused by every write.
namespace {
namespace planted {

using synthbench::cassette::SecretAllowlist;

struct Kind {
  const char* name;
  std::string secret;  // built from parts: the repository holds no credential-shaped literal
  const char* what;    // the start of the finding's description
};

const char* const kPlantedVariable = "SYNTHBENCH_TEST_PLANTED_KEY";

std::vector<Kind> kinds() {
  const std::string alnum36 = "aB3dE6gH9jK2mN5pQ8sT1vW4yZ7bC0eF3hJ6";
  return {
      {"configured key value", std::string("planted-") + "api-key-value-0123456789", "the value of $"},
      {"OpenAI", std::string("sk") + "-proj-Ab3dEf6hIj9kLm2nOp5qRs8t", "an API key pattern (sk-...)"},
      {"Bearer", std::string("Bear") + "er abcDEF123ghiJKL456mno/PQR789+stu=", "a bearer token"},
      {"AWS", std::string("AK") + "IAIOSFODNN7EXAMPLE", "an AWS access key id"},
      {"GitHub classic", std::string("gh") + "p_" + alnum36, "a GitHub token"},
      {"GitHub fine-grained", std::string("github") + "_pat_11ABCDEFG0123456789_abcdefghijklmnopqrstuvwxyz", "a GitHub token"},
      {"Google", std::string("AI") + "zaSyA1b2C3d4E5f6G7h8I9j0K1l2M3n4O5p6Q", "a Google API key"},
      {"Slack", std::string("xo") + "xb-123456789012-1234567890123-AbCdEfGhIjKlMnOpQrStUvWx", "a Slack token"},
      {"JWT", std::string("ey") + "JhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0.dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk",
       "a JSON Web Token"},
      {"PEM", std::string("-----BEGIN RSA PRIV") + "ATE KEY-----\nMIIBOgIBAAJBAKj34GkxFhD90vcNLYLInFEX6Ppy1tPf9Cnzj4p4WGeKLs1Pt8Qu\n"
                  "KUpRKfFLfRYC9AIKjbJTWit+CqvjWYzvQwECAwEAAQ==\n-----END RSA PRIVATE KEY-----",
       "a PEM private key"},
      {"Hugging Face", std::string("hf") + "_aB3dE6gH9jK2mN5pQ8sT1vW4yZ7bC0eF3h", "a Hugging Face token"},
  };
}

// The fields of a cassette a secret can reach: request (a message, an object key, a
// header-like member of extra), response (the content, a header-like member of the body),
// metadata (the description).
const std::vector<std::string> kFields = {"@MESSAGE@", "@KEY@", "@HEADER@", "@CONTENT@", "@RESPONSE_HEADER@",
                                          "@DESCRIPTION@"};

std::string cassette_text() {
  return R"({"format": 1, "interactions": [{"recorded_at": "2026-01-02T03:04:05Z", "replicate": 0,
  "request": {"extra": {"headers": {"Authorization": "@HEADER@"}, "@KEY@": 1}, "host": "127.0.0.1",
              "messages": [{"content": "@MESSAGE@", "role": "user"}], "model": "m", "provider": "openai"},
  "response": {"body": {"choices": [{"finish_reason": "stop", "message": {"content": "@CONTENT@", "role": "assistant"}}],
                        "headers": {"x-api-key": "@RESPONSE_HEADER@"}, "model": "m"}, "latency_ms": 1.0}}],
 "metadata": {"description": "@DESCRIPTION@", "hosts": ["127.0.0.1"], "models": ["m"]}})";
}

// `secret` as JSON string content: plain (only what JSON must escape), or with its second
// character written as \u00XX and every '/' as \/ (escapes that hid keys from the old scan).
std::string encode(const std::string& secret, bool escaped) {
  std::string out;
  for (std::size_t i = 0; i < secret.size(); ++i) {
    const char c = secret[i];
    char buffer[8];
    if (escaped && i == 1) {
      std::snprintf(buffer, sizeof buffer, "\\u%04x", static_cast<unsigned>(static_cast<unsigned char>(c)));
      out += buffer;
    } else if (c == '\n') {
      out += "\\n";
    } else if (c == '/' && escaped) {
      out += "\\/";
    } else if (c == '"' || c == '\\') {
      out += '\\';
      out += c;
    } else {
      out += c;
    }
  }
  return out;
}

std::string plant(const std::string& field, const std::string& encoded) {
  std::string text = cassette_text();
  for (const auto& f : kFields) {
    const std::string value = f == field ? encoded : "harmless " + f.substr(1, f.size() - 2);
    text.replace(text.find(f), f.size(), value);
  }
  return text;
}

TEST(PlantedSecrets, VerifyAndEveryWriteCatchTenKindsInEveryFieldEscapedOrNot) {
  cassette_test::ScopedEnv key(kPlantedVariable, kinds()[0].secret);
  const std::vector<std::string> variables{kPlantedVariable};
  cassette_test::TempDir dir;
  int caught = 0, cases = 0;
  for (const auto& kind : kinds()) {
    for (const auto& field : kFields) {
      for (const bool escaped : {false, true}) {
        ++cases;
        const std::string text = plant(field, encode(kind.secret, escaped));
        const std::string label = std::string(kind.name) + " in " + field + (escaped ? " (escaped)" : "");
        // The file is a valid cassette: the only finding is the secret.
        const auto findings = synthbench::cassette::verify_cassette(text, "planted.json", variables);
        ASSERT_EQ(findings.size(), 1u) << label << (findings.empty() ? "" : ": " + findings[0].message);
        EXPECT_EQ(findings[0].message.find("holds " + std::string(kind.what)), 0u) << label << ": " << findings[0].message;
        EXPECT_EQ(findings[0].message.find(kind.secret.substr(4)), std::string::npos) << label;  // never the secret
        // Its position is that of the field (the file puts each field on a known line).
        const auto line = 1 + std::count(text.begin(), text.begin() + static_cast<std::ptrdiff_t>(text.find(encode(kind.secret, escaped))), '\n');
        EXPECT_EQ(findings[0].where.rfind("line " + std::to_string(line) + ", column ", 0), 0u) << label << ": " << findings[0].where;
        // The write guard: the decoded cassette is refused, and nothing is written.
        const auto cassette = synthbench::cassette::parse_cassette(text, "planted.json");
        const auto target = dir.path / "written.json";
        try {
          synthbench::cassette::write_cassette(target, cassette, variables);
          ADD_FAILURE() << label << ": written";
        } catch (const SecretLeak& e) {
          EXPECT_NE(std::string(e.what()).find(kind.what), std::string::npos) << label << ": " << e.what();
          ++caught;
        }
        EXPECT_FALSE(std::filesystem::exists(target)) << label;
      }
    }
  }
  EXPECT_EQ(caught, cases);
  EXPECT_EQ(cases, 11 * 6 * 2);  // 10 kinds (GitHub in both of its forms) x 6 fields x 2 encodings
}

TEST(PlantedSecrets, JsonInsideAJsonStringIsDecodedToo) {
  // Tool-call arguments are JSON text inside a JSON string: a key escaped inside them is
  // escaped twice in the file.
  const std::string key = kinds()[1].secret;
  const std::string inner = "{\"key\": \"" + encode(key, true) + "\"}";  // {"key": "s\u006b-proj..."}
  const std::string text = "{\"arguments\": \"" + encode(inner, false) + "\"}";
  ASSERT_EQ(text.find("sk-"), std::string::npos);
  ASSERT_NE(text.find("\\\\u006b"), std::string::npos);  // \\u006b: escaped twice
  const auto f = find_secret(text, {});
  ASSERT_TRUE(f.has_value()) << text;
  EXPECT_EQ(f->what, "an API key pattern (sk-...)");
  EXPECT_EQ(f->offset, text.find("s\\\\u006b"));  // the position of the escaped text in the file
}

TEST(PlantedSecrets, TheJournalLineOfARecordedCallIsCheckedBeforeAnythingIsStored) {
  cassette_test::TempDir dir;
  cassette_test::ScopedEnv allow("SYNTHBENCH_RECORD_IN_CI", std::string("1"));
  cassette_test::ScopedEnv key(kPlantedVariable, kinds()[0].secret);
  for (const auto& kind : kinds()) {
    const auto path = dir.path / "recorded.json";
    auto options = cassette_test::options(synthbench::cassette::RecordMode::new_episodes);
    options.secret_variables = {kPlantedVariable};
    const std::string secret = kind.secret;
    synthbench::cassette::CassetteClient client(path, options, [secret]() -> std::shared_ptr<synthbench::llm::ChatClient> {
      return std::make_shared<synthbench::llm::FunctionClient>([secret](const synthbench::llm::ChatRequest&) {
        synthbench::llm::ChatResponse out;
        out.content = "here you go: " + secret;
        out.model = "m";
        return out;
      });
    });
    EXPECT_THROW((void)client.complete(cassette_test::request("leak")), SecretLeak) << kind.name;
    EXPECT_EQ(client.finish().recorded, 0u) << kind.name;
    EXPECT_FALSE(std::filesystem::exists(synthbench::cassette::journal_path(path))) << kind.name;
    EXPECT_FALSE(std::filesystem::exists(path)) << kind.name;
  }
}

TEST(PlantedSecrets, OrdinaryTextThatLooksCloseIsNotASecret) {
  const std::vector<std::string> none;
  for (const std::string& text : {
           std::string("-----BEGIN PUBLIC KEY-----\nMIIBIjANBgkqhkiG9w0BAQEFAAOCAQ8AMIIBCgKCAQEA\n-----END PUBLIC KEY-----"),
           std::string("the header line -----BEGIN RSA PRIVATE KEY----- alone, without a body"),
           std::string("hf_hub_download(repo_id) and hf_token"),
           std::string("xoxb- is the prefix of Slack bot tokens"),
           std::string("eyJ is what base64 of {\" starts with; eyJhbGciOiJIUzI1NiJ9 alone is a header"),
           std::string("KAKIAIOSFODNN7EXAMPLE1 is inside a word; AKIA1234 is too short"),
           std::string("AIza is a prefix; ghp_short; github_pat_short"),
           std::string("a task-") + std::string(30, 'a') + " and a desk-" + std::string(30, 'b'),
       }) {
    const auto f = find_secret(text, none);
    EXPECT_FALSE(f.has_value()) << text << ": " << (f ? f->what : "");
  }
}

TEST(PlantedSecrets, AnAllowlistBesideTheFileDeclaresAFalsePositive) {
  cassette_test::TempDir dir;
  const std::string text = plant("@CONTENT@", encode(kinds()[3].secret, false));  // AWS's documented example key
  const auto findings = synthbench::cassette::verify_cassette(text, "x.json", {});
  ASSERT_EQ(findings.size(), 1u);
  const auto fingerprint_at = findings[0].message.find("fingerprint ");
  ASSERT_NE(fingerprint_at, std::string::npos) << findings[0].message;
  const std::string fingerprint = findings[0].message.substr(fingerprint_at + 12, 16);
  EXPECT_EQ(fingerprint, find_secret(text, {})->fingerprint);

  const auto sub = dir.path / "suite";
  std::filesystem::create_directories(sub);
  const auto target = sub / "c.json";
  const auto cassette = synthbench::cassette::parse_cassette(text, "x.json");
  EXPECT_THROW(synthbench::cassette::write_cassette(target, cassette, {}), SecretLeak);
  // Declared in a folder above the cassette: allowed, and the comment after it is kept out.
  std::ofstream(dir.path / synthbench::cassette::secret_allowlist_name)
      << "# not secrets\n\n" << fingerprint << "  # AWS's example key, quoted in a prompt\n";
  const auto allowed = synthbench::cassette::secret_allowlist_for(target);
  EXPECT_EQ(allowed.fingerprints.size(), 1u);
  EXPECT_TRUE(synthbench::cassette::verify_cassette(text, "x.json", {}, allowed).empty());
  EXPECT_NO_THROW(synthbench::cassette::write_cassette(target, cassette, {}));
  // Another secret in the same file is still refused.
  auto two = cassette;
  two.metadata.description = kinds()[1].secret;
  EXPECT_THROW(synthbench::cassette::write_cassette(target, two, {}), SecretLeak);
  // A malformed allowlist is an error naming its line.
  std::ofstream(sub / synthbench::cassette::secret_allowlist_name) << fingerprint << "\nnot-a-fingerprint\n";
  try {
    (void)synthbench::cassette::secret_allowlist_for(target);
    FAIL();
  } catch (const synthbench::InputError& e) {
    EXPECT_EQ(e.id(), "synthbench.input.433");
    EXPECT_EQ(e.where(), "line 2");
  }
}

}  // namespace planted
}  // namespace
