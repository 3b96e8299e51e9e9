#include <synthbench/cassette.hpp>

#include <gtest/gtest.h>

#include <cstdint>
#include <limits>
#include <random>
#include <string>

#include "cassette_test_support.hpp"

namespace {

using synthbench::cassette::canonical_key;
using synthbench::cassette::canonical_request;
using synthbench::cassette::canonical_text;
using synthbench::cassette::CassetteError;
using synthbench::cassette::Endpoint;
using synthbench::cassette::Redaction;
using synthbench::cassette::RequestFilter;
using nlohmann::json;

const Endpoint endpoint{"openai", "api.openai.com"};

TEST(Canonical, SortedCompactWithoutHeadersOrKeys) {
  auto r = cassette_test::request("play jazz");
  r.max_tokens = 10;
  const std::string key = canonical_key(r, endpoint);
  EXPECT_EQ(key,
            R"({"host":"api.openai.com","max_tokens":10,"messages":[{"content":"Answer briefly.","role":"system"},)"
            R"({"content":"play jazz","role":"user"}],"model":"test-model","provider":"openai","seed":1,"temperature":0.0})");
}

// The direct writer must give exactly nlohmann's bytes; random requests over every field
// and tricky characters (escapes, control characters, non-ASCII that forces the general path).
TEST(Canonical, FastPathEqualsJsonDumpOnRandomRequests) {
  std::mt19937 rng(12345);
  const std::vector<std::string> pieces = {"a", "Z", " ", "\"", "\\", "\n", "\t", "\r", "\b", "\f", std::string(1, '\x01'),
                                           std::string(1, '\x1f'), "\x7f", "é", "日本", "{", "}", "/", "0.5"};
  const auto text = [&]() {
    std::string s;
    const int n = static_cast<int>(rng() % 6);
    for (int i = 0; i < n; ++i) s += pieces[rng() % pieces.size()];
    return s;
  };
  for (int trial = 0; trial < 3000; ++trial) {
    synthbench::llm::ChatRequest r;
    r.model = "m" + text();
    const int messages = 1 + static_cast<int>(rng() % 3);
    for (int m = 0; m < messages; ++m) r.messages.push_back({rng() % 2 ? "user" : "system", text(), json::object()});
    if (rng() % 2) r.temperature = static_cast<double>(rng() % 200) / 100.0;
    if (rng() % 2) r.top_p = 1.0 / static_cast<double>(1 + rng() % 7);
    if (rng() % 2) r.max_tokens = static_cast<std::int64_t>(rng() % 5000) - 10;
    if (rng() % 2) r.seed = static_cast<std::int64_t>(rng());
    if (rng() % 3 == 0) r.stop = {text(), "END"};
    if (rng() % 4 == 0) r.response_format = {{"type", "json_object"}, {"z", text()}};
    if (rng() % 4 == 0) r.tools = json::array({{{"type", "function"}}});
    if (rng() % 4 == 0) r.extra = {{"user", text()}, {"n", 2}};
    if (rng() % 8 == 0) r.messages[0].extra = {{"name", "x"}};
    const Endpoint e{"openai", rng() % 2 ? "127.0.0.1" : "api.openai.com"};
    ASSERT_EQ(canonical_key(r, e), canonical_text(canonical_request(r, e))) << "trial " << trial;
  }
}

// canonical_text writes most values itself: it must give exactly nlohmann's dump(), and the
// same error for text that is not UTF-8.
TEST(Canonical, CanonicalTextIsJsonDump) {
  std::string every_ascii;
  for (int c = 0; c < 0x80; ++c) every_ascii += static_cast<char>(c);
  std::vector<json> values = {nullptr, true, false, 0, -7, 42u, json::object(), json::array(), "", every_ascii,
                              json{{every_ascii, every_ascii}}, "caf\xC3\xA9 \xE2\x80\x99s \"q\" \\ \n",
                              json{{"k\xC3\xA9y", "v\xF0\x9F\x98\x80"}, {"a", {1, 2.5, {{"b", nullptr}}}}},
                              std::numeric_limits<std::int64_t>::min(), std::numeric_limits<std::uint64_t>::max(),
                              json::binary({1, 2, 3})};
  for (const double d : {0.0, -0.0, 1.0, -1.0, 0.1, 1e-7, 1e14, 999999999999999.0, 1e15, -1e15, 1e20, 1e300, 5e-324,
                         std::numeric_limits<double>::quiet_NaN(), std::numeric_limits<double>::infinity(), 123456.789}) {
    values.push_back(d);
    values.push_back(json{{"t", d}, {"l", {d, d}}});
  }
  for (const auto& v : values) EXPECT_EQ(canonical_text(v), v.dump()) << v.dump();
  for (const json& bad : {json("bad \xC3 text"), json{{"a", json::array({"ok", "bad \xFF"})}}, json{{"bad\xFE", 1}}}) {
    std::string expected;
    try {
      (void)bad.dump();
    } catch (const json::type_error& e) {
      expected = e.what();
    }
    ASSERT_FALSE(expected.empty());
    try {
      (void)canonical_text(bad);
      ADD_FAILURE() << "no error";
    } catch (const CassetteError& e) {
      EXPECT_EQ(e.id(), "synthbench.cassette.4");
      EXPECT_NE(std::string(e.what()).find(expected), std::string::npos) << e.what();
    }
  }
}

TEST(Canonical, InvalidUtf8IsRejectedWithAStableId) {
  auto r = cassette_test::request(std::string("bad \xff byte"));
  try {
    (void)canonical_key(r, endpoint);
    FAIL();
  } catch (const CassetteError& e) {
    EXPECT_EQ(e.id(), "synthbench.cassette.4");
  }
}

TEST(Canonical, InvalidRequestsAreReported) {
  auto r = cassette_test::request("x");
  r.extra = {{"seed", 3}};
  EXPECT_THROW((void)canonical_key(r, endpoint), synthbench::llm::LlmError);
  r.extra = json::object();
  r.messages.clear();
  EXPECT_THROW((void)canonical_key(r, endpoint), synthbench::llm::LlmError);
}

TEST(RequestFilter, RedactsPointersAndPatternsAndRemovesIgnoredFields) {
  Redaction redaction;
  redaction.request_pointers = {"/extra/user", "/nonexistent"};
  redaction.response_pointers = {"/id"};
  redaction.patterns = {"[0-9]{3}-[0-9]{4}"};
  const RequestFilter filter(redaction, {"/temperature", "/messages/0"});
  auto r = cassette_test::request("call 555-1234 now");
  r.extra = {{"user", "alice"}};
  json c = canonical_request(r, endpoint);
  filter.redact_request(c);
  EXPECT_EQ(c["extra"]["user"], "<redacted>");
  EXPECT_EQ(c["messages"][1]["content"], "call <redacted> now");
  EXPECT_FALSE(c.contains("nonexistent"));
  filter.remove_ignored(c);
  EXPECT_FALSE(c.contains("temperature"));
  ASSERT_EQ(c["messages"].size(), 1u);
  EXPECT_EQ(c["messages"][0]["role"], "user");

  json body = {{"id", "chatcmpl-9"}, {"choices", {{{"message", {{"content", "dial 555-1234"}}}}}}};
  filter.redact_response(body);
  EXPECT_EQ(body["id"], "<redacted>");
  EXPECT_EQ(body["choices"][0]["message"]["content"], "dial <redacted>");
  EXPECT_FALSE(filter.plain_requests());
  EXPECT_TRUE(RequestFilter({}, {}).plain_requests());
}

TEST(RequestFilter, BadPointersAndPatternsAreReported) {
  const auto id_of = [](const Redaction& r, const std::vector<std::string>& ignored) -> std::string {
    try {
      const RequestFilter f(r, ignored);
      (void)f;
    } catch (const CassetteError& e) {
      return e.id();
    }
    return "no error";
  };
  Redaction bad_pattern;
  bad_pattern.patterns = {"(unclosed"};
  EXPECT_EQ(id_of(bad_pattern, {}), "synthbench.cassette.3");
  Redaction bad_pointer;
  bad_pointer.request_pointers = {"no-slash"};
  EXPECT_EQ(id_of(bad_pointer, {}), "synthbench.cassette.3");
  EXPECT_EQ(id_of({}, {"temperature"}), "synthbench.cassette.3");
}

}  // namespace
