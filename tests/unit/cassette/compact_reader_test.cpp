// The fast path of parse_cassette (synthbench/cassette/compact_reader.hpp) against the
// general path (nlohmann's SAX parser): the same cassette for every file synthbench writes,
// nothing (and so the general path's error) for every file it should not read itself.

#include <synthbench/cassette.hpp>

#include <gtest/gtest.h>

#include <filesystem>
#include <random>
#include <string>
#include <vector>

#include "cassette_test_support.hpp"

namespace {

using nlohmann::json;
using synthbench::cassette::Cassette;
using synthbench::cassette::dump_cassette;
using synthbench::cassette::parse_cassette;
using synthbench::cassette::detail::parse_cassette_general;
using synthbench::cassette::detail::read_compact_cassette;

// An interaction of request(text) whose response body is `body` (compact JSON) and whose
// outcome is what that body reads as.
synthbench::cassette::Interaction with_body(const std::string& text, const std::string& body,
                                            const std::string& provider = "openai") {
  synthbench::cassette::Interaction i = cassette_test::recorded_interaction(text, 0, "");
  i.request = synthbench::cassette::canonical_key(cassette_test::request(text), {provider, "127.0.0.1"});
  i.response = synthbench::llm::response_from_json(provider, json::parse(body), body, "test");
  i.response.latency = std::chrono::microseconds(1500);
  return i;
}

// A cassette with the kinds of text, numbers and outcomes real ones hold: the first four
// are completions of the common shape (the fast path reads them itself), then a refusal,
// two choices with reasoning and usage details (also read directly), and the shapes the fast
// path leaves to the general code: failures, a content array, tool calls, a choice without
// message, an Anthropic body.
std::string varied_cassette() {
  Cassette c;
  c.interactions = {cassette_test::recorded_interaction("b", 0, "B0"), cassette_test::recorded_interaction("a", 0, "{\"intent\": \"Play\\Music\"}\n"),
                    cassette_test::recorded_interaction("b", 1, "Schr\xc3\xb6" "der \xe2\x82\xac \xf0\x9f\x98\x80 \x01\x1f\t"),
                    cassette_test::recorded_interaction("c \"quoted\" \\ \x7f", 0, "")};
  c.interactions[3].response.usage.reset();
  c.interactions[3].response.finish_reason.clear();
  c.interactions[3].response.raw_body = synthbench::llm::to_openai_json(c.interactions[3].response).dump();
  c.interactions[2].recorded_at.clear();
  c.interactions[1].response.latency = std::chrono::microseconds(0);
  c.interactions.push_back(with_body(
      "d refused", R"j({"choices":[{"finish_reason":"stop","index":0,"message":{"content":null,"refusal":"I can't help with that.","role":"assistant"}}],"model":"m"})j"));
  c.interactions.push_back(with_body(
      "e two choices",
      R"j({"choices":[{"finish_reason":"stop","index":0,"message":{"content":"x","reasoning_content":"think","role":"assistant"}},{"finish_reason":"length","index":1,"message":{"content":"y","reasoning":"more","role":"assistant","tool_calls":[]}}],"model":"m","usage":{"completion_tokens":9,"completion_tokens_details":{"reasoning_tokens":4},"prompt_tokens":3,"prompt_tokens_details":{"cached_tokens":2},"total_tokens":12}})j"));
  c.interactions.push_back(with_body(
      "f parts", R"j({"choices":[{"finish_reason":"stop","index":0,"message":{"content":[{"thinking":[{"text":"hmm","type":"text"}],"type":"thinking"},{"text":"an","type":"text"},{"text":"swer","type":"text"}],"role":"assistant"}}],"model":"mistral"})j"));
  c.interactions.push_back(with_body(
      "g tools", R"j({"choices":[{"finish_reason":"tool_calls","index":0,"message":{"content":null,"role":"assistant","tool_calls":[{"function":{"arguments":"{\"city\":\"Paris\"}","name":"weather"},"id":"call_1","type":"function"}]}}],"model":"m"})j"));
  c.interactions.push_back(with_body(
      "h filtered", R"j({"choices":[{"content_filter_results":{"hate":{"filtered":true,"severity":"high"}},"finish_reason":"content_filter","index":0}],"model":"gpt-4o"})j"));
  c.interactions.push_back(with_body(
      "i claude", R"j({"content":[{"thinking":"plan","signature":"s","type":"thinking"},{"text":"Bonjour","type":"text"}],"model":"claude-x","role":"assistant","stop_reason":"end_turn","type":"message","usage":{"cache_read_input_tokens":4,"input_tokens":6,"output_tokens":2}})j",
      "anthropic"));
  synthbench::cassette::Interaction overloaded = cassette_test::recorded_interaction("j overloaded", 0, "");
  overloaded.response = synthbench::llm::failure_response(
      synthbench::llm::Outcome::transient_failure, "HTTP 503: overloaded (server_error) (after 6 attempts)", 503, 6,
      R"j({"error":{"message":"overloaded","type":"server_error"}})j");
  overloaded.response.latency = std::chrono::microseconds(2500000);
  c.interactions.push_back(overloaded);
  synthbench::cassette::Interaction proxy = cassette_test::recorded_interaction("k proxy", 0, "");
  proxy.response = synthbench::llm::failure_response(synthbench::llm::Outcome::provider_error,
                                                     "HTTP 413: <html>too large</html>", 413, 1, "<html>too large</html>");
  c.interactions.push_back(proxy);
  c.metadata.created_at = c.metadata.updated_at = "2026-01-01T00:00:00Z";
  c.metadata.description = "varied";
  json doc = json::parse(dump_cassette(c));
  // Bodies as servers send them: extra fields, nulls, numbers of every kind.
  auto& body = doc["interactions"][0]["response"]["body"];
  body["system_fingerprint"] = nullptr;
  body["created"] = 1732000000;
  body["choices"][0]["logprobs"] = nullptr;
  body["usage"]["prompt_tokens_details"] = {{"cached_tokens", 0}, {"ratio", 0.25}};
  // (The file is sorted by request: 0 is "a", 1 and 2 are "b", 3 is "c ...", which these
  // request fields move out of order; files need not be sorted.)
  auto& request = doc["interactions"][3]["request"];
  request["top_p"] = 0.9;
  request["max_tokens"] = 64;
  request["stop"] = {"\n\n", "###"};
  request["extra"] = {{"user", "u"}, {"n", 1}};
  request["response_format"] = {{"type", "json_object"}};
  doc["interactions"][2]["response"]["body"]["choices"][0]["message"]["content"] = nullptr;
  doc["interactions"][2]["response"]["body"]["usage"]["total_tokens"] = nullptr;
  doc["interactions"][3]["response"]["body"]["model"] = nullptr;
  doc["interactions"][3]["response"]["latency_ms"] = 12;
  return doc.dump(2) + "\n";
}

// The same cassette in format 1: only completions, no "outcome".
std::string varied_cassette_v1() {
  json doc = json::parse(varied_cassette());
  doc["format"] = 1;
  json kept = json::array();
  for (auto& i : doc["interactions"]) {
    if (!i["response"].contains("body") || i["response"].contains("error")) continue;
    if (i["request"]["provider"] != "openai") continue;
    i["response"].erase("outcome");
    kept.push_back(i);
  }
  doc["interactions"] = kept;
  return doc.dump(2) + "\n";
}

// The error message of `load` on `text` ("" when it reads the text).
std::string error_of(Cassette (*load)(const std::string&, const std::string&), const std::string& text) {
  try {
    (void)load(text, "c.json");
  } catch (const synthbench::Error& e) {
    return e.what();
  }
  return "";
}

std::string general_error(const std::string& text) { return error_of(parse_cassette_general, text); }
std::string error(const std::string& text) { return error_of(parse_cassette, text); }

TEST(CompactReader, ReadsWhatDumpCassetteWritesAsTheGeneralPathDoes) {
  using synthbench::llm::Outcome;
  const std::string text = varied_cassette();
  ASSERT_EQ(general_error(text), "");
  const auto compact = read_compact_cassette(text);
  ASSERT_TRUE(compact.has_value());
  EXPECT_EQ(compact->format, 2);
  // Failures, the content array, tool calls, the choice without message and the Anthropic
  // body are left to the general code; the rest is read directly.
  std::vector<std::size_t> deferred;
  for (const auto& d : compact->deferred) deferred.push_back(d.first);
  EXPECT_EQ(deferred, (std::vector<std::size_t>{6, 7, 8, 9, 10, 11}));
  const Cassette fast = parse_cassette(text, "c.json");
  const Cassette general = parse_cassette_general(text, "c.json");
  EXPECT_EQ(fast, general);
  ASSERT_EQ(fast.interactions.size(), 12u);
  // Spot checks against what the file says, so that "equal" is not "equally wrong".
  EXPECT_EQ(fast.interactions[0].response.content, "{\"intent\": \"Play\\Music\"}\n");
  EXPECT_EQ(fast.interactions[0].response.latency, std::chrono::microseconds(0));
  EXPECT_EQ(fast.interactions[1].response.content, "B0");
  EXPECT_EQ(fast.interactions[1].response.usage->total_tokens, 5);
  EXPECT_EQ(fast.interactions[2].response.content, "");  // content null
  EXPECT_EQ(fast.interactions[2].recorded_at, "");
  EXPECT_EQ(fast.interactions[2].response.usage->total_tokens, 0);  // null: not reported
  EXPECT_EQ(fast.interactions[3].response.model, "");  // null
  EXPECT_FALSE(fast.interactions[3].response.usage.has_value());
  EXPECT_EQ(fast.interactions[3].response.latency, std::chrono::microseconds(12000));
  EXPECT_TRUE(fast.interactions[3].response.replayed);
  const auto& refused = fast.interactions[4].response;
  EXPECT_EQ(refused.outcome, Outcome::refusal);
  EXPECT_EQ(refused.refusal, "I can't help with that.");
  EXPECT_EQ(refused.content, "");
  const auto& two = fast.interactions[5].response;
  ASSERT_EQ(two.choices.size(), 2u);
  EXPECT_EQ(two.reasoning, "think");
  EXPECT_EQ(two.choices[1].reasoning, "more");
  EXPECT_EQ(two.choices[1].outcome, Outcome::length);
  EXPECT_EQ(two.usage->cached_tokens, 2);
  EXPECT_EQ(two.usage->reasoning_tokens, 4);
  EXPECT_EQ(fast.interactions[6].response.content, "answer");
  EXPECT_EQ(fast.interactions[6].response.reasoning, "hmm");
  EXPECT_EQ(fast.interactions[7].response.tool_calls.at(0).arguments, "{\"city\":\"Paris\"}");
  EXPECT_EQ(fast.interactions[8].response.outcome, Outcome::content_filter);
  EXPECT_EQ(fast.interactions[9].response.content, "Bonjour");
  EXPECT_EQ(fast.interactions[9].response.usage->prompt_tokens, 10);  // 6 + 4 read from the cache
  EXPECT_EQ(fast.interactions[10].response.outcome, Outcome::transient_failure);
  EXPECT_EQ(fast.interactions[10].response.status, 503);
  EXPECT_EQ(fast.interactions[10].response.latency, std::chrono::microseconds(2500000));
  EXPECT_EQ(fast.interactions[11].response.raw_body, "<html>too large</html>");
  EXPECT_EQ(fast.metadata.description, "varied");
  // Written again, it is the same file but for the added body fields' order and timestamps.
  EXPECT_EQ(dump_cassette(fast), dump_cassette(general));
}

TEST(CompactReader, ReadsFormatOneAsTheGeneralPathDoes) {
  const std::string text = varied_cassette_v1();
  ASSERT_EQ(general_error(text), "");
  const auto compact = read_compact_cassette(text);
  ASSERT_TRUE(compact.has_value());
  EXPECT_EQ(compact->format, 1);
  const Cassette fast = parse_cassette(text, "c.json");
  EXPECT_EQ(fast, parse_cassette_general(text, "c.json"));
  ASSERT_EQ(fast.interactions.size(), 9u);
  EXPECT_EQ(fast.interactions[4].response.outcome, synthbench::llm::Outcome::refusal);  // derived from the body
}

TEST(CompactReader, ReadsTheRepositorysCassettesAsTheGeneralPathDoes) {
  std::size_t files = 0;
  for (const auto& entry : std::filesystem::directory_iterator("cassettes")) {
    if (entry.path().extension() != ".json") continue;
    const std::string text = synthbench::detail::read_file(entry.path());
    ASSERT_TRUE(read_compact_cassette(text).has_value()) << entry.path();
    EXPECT_EQ(parse_cassette(text, "c.json"), parse_cassette_general(text, "c.json")) << entry.path();
    ++files;
  }
  EXPECT_GE(files, 2u);
}

TEST(CompactReader, LeavesOtherFormsToTheGeneralPath) {
  const json doc = json::parse(varied_cassette());
  const Cassette expected = parse_cassette_general(doc.dump(2), "c.json");
  // Compact, as dump() writes it: still the fast path.
  ASSERT_TRUE(read_compact_cassette(doc.dump()).has_value());
  EXPECT_EQ(parse_cassette(doc.dump(), "c.json"), expected);
  // "metadata" first: valid, but not the order dump() writes.
  std::string reordered = doc.dump();
  const std::string tail = ",\"metadata\":" + doc["metadata"].dump() + "}";
  ASSERT_EQ(reordered.substr(reordered.size() - tail.size()), tail);
  reordered = "{\"metadata\":" + doc["metadata"].dump() + "," + reordered.substr(1, reordered.size() - tail.size() - 1) + "}";
  // "Answer" with an escape dump() does not write.
  std::string escaped = doc.dump(2);
  const auto answer = escaped.find("Answer briefly.");
  ASSERT_NE(answer, std::string::npos);
  escaped.replace(answer, 6, "\\u0041nswer");
  for (const std::string& text : {reordered, escaped}) {
    EXPECT_FALSE(read_compact_cassette(text).has_value());
    EXPECT_EQ(parse_cassette(text, "c.json"), expected);
  }
}

// Each edit makes the file wrong for the general path, or valid in a way the fast path
// must refuse to read itself: either way parse_cassette says what the general path says. (A
// fast read that accepted a wrong interaction would return a cassette where the general
// path throws; duplicates and the metadata are checked by code both paths share.)
TEST(CompactReader, EveryDeviationGetsTheGeneralPathsAnswer) {
  const std::string valid = varied_cassette();
  const auto edited = [&valid](const std::string& from, const std::string& to) {
    std::string text = valid;
    const auto at = text.find(from);
    EXPECT_NE(at, std::string::npos) << from;
    if (at != std::string::npos) text.replace(at, from.size(), to);
    return text;
  };
  const std::vector<std::string> texts = {
      edited("\"format\": 2", "\"format\": 3"),
      edited("\"format\": 2", "\"format\": 20"),
      edited("\"format\": 2", "\"format\": 2.0"),
      edited("\"format\": 2", "\"format\": 0"),
      edited("\"format\": 2", "\"format\": 1"),  // "outcome" is unknown in format 1
      edited("\"outcome\": \"answer\"", "\"outcome\": \"refusal\""),  // the body says otherwise: 432
      edited("\"outcome\": \"answer\"", "\"outcome\": \"fine\""),     // 430
      edited("\"outcome\": \"answer\"", "\"outcome\": 1"),
      edited("\"outcome\": \"answer\"", "\"outcom\": \"answer\""),
      edited("\"outcome\": \"refusal\"", "\"outcome\": \"answer\""),
      edited("\"outcome\": \"content_filter\"", "\"outcome\": \"answer\""),
      edited("\"outcome\": \"tool_calls\"", "\"outcome\": \"answer\""),
      edited("\"outcome\": \"transient_failure\"", "\"outcome\": \"answer\""),
      edited("\"outcome\": \"transient_failure\"", "\"outcome\": \"provider_error\""),  // valid
      edited("\"attempts\": 6", "\"attempts\": -6"),
      edited("\"status\": 503", "\"status\": 5030"),
      edited("\"status\": 503", "\"status\": \"503\""),
      edited("\"body_text\": \"<html>", "\"body\": 1, \"body_text\": \"<html>"),
      edited("\"error\": \"HTTP 413", "\"erorr\": \"HTTP 413"),
      edited("\"refusal\": \"I can't", "\"refusal\": [\"I can't"),
      edited("\"reasoning_content\": \"think\"", "\"reasoning_content\": 5"),
      edited("\"reasoning\": \"more\"", "\"reasoning\": [\"more\"]"),  // valid, left to the general code
      edited("\"tool_calls\": []", "\"tool_calls\": {}"),
      edited("\"cached_tokens\": 2", "\"cached_tokens\": -2"),
      edited("\"reasoning_tokens\": 4", "\"reasoning_tokens\": 4.5"),
      edited("\"prompt_tokens_details\": {\n", "\"prompt_tokens_details\": [{\n"),
      edited("\"type\": \"thinking\"", "\"type\": 7"),
      edited("\"provider\": \"anthropic\"", "\"provider\": \"openai\""),  // an Anthropic body read as OpenAI: 406
      edited("\"stop_reason\": \"end_turn\"", "\"stop_reason\": \"refusal\""),  // 432
      edited("\"replicate\": 0", "\"replicate\": -1"),
      edited("\"replicate\": 0", "\"replicate\": 9223372036854775808"),
      edited("\"replicate\": 0", "\"replicate\": \"0\""),
      edited("\"replicate\": 1", "\"replicate\": 0"),  // a duplicate of ("b", 0): error 405
      edited("\"latency_ms\": 12", "\"latency_ms\": -12"),
      edited("\"latency_ms\": 12", "\"latency_ms\": \"12\""),
      edited("\"recorded_at\": \"2026", "\"recorded_on\": \"2026"),
      edited("\"recorded_at\": \"2026-01-02T03:04:05Z\"", "\"recorded_at\": 5"),
      edited("\"role\": \"system\"", "\"rule\": \"system\""),
      edited("\"role\": \"system\"", "\"role\": 1"),
      edited("\"provider\": \"openai\"", "\"provider\": null"),
      edited("\"provider\": \"openai\",", ""),
      edited("\"seed\": 1", "\"seed\": 1.5"),
      edited("\"temperature\": 0.0", "\"temperature\": \"0\""),
      edited("\"top_p\": 0.9", "\"top_p\": 0.9, \"zeta\": 1"),
      edited("\"stop\": [", "\"stop\": [1, "),
      edited("\"extra\": {", "\"extra\": [{"),
      edited("\"choices\": [", "\"choices\": [], \"x\": ["),
      edited("\"choices\": [", "\"choices\": \"\", \"x\": ["),
      edited("\"completion_tokens\": 2", "\"completion_tokens\": -2"),
      edited("\"completion_tokens\": 2", "\"completion_tokens\": 9223372036854775808"),
      edited("\"completion_tokens\": 2", "\"completion_tokens\": 2.0"),
      edited("\"model\": null", "\"model\": 7"),
      edited("\"content\": null", "\"content\": false"),
      edited("\"finish_reason\": \"stop\"", "\"finish_reason\": 1"),
      edited("\"system_fingerprint\": null", "\"error\": {\"message\": \"overloaded\"}, \"system_fingerprint\": null"),
      edited("\"system_fingerprint\": null", "\"error\": null, \"system_fingerprint\": null"),  // valid
      edited("\"body\": {", "\"bodies\": 1, \"body\": {"),
      edited("\"hosts\": [", "\"hosts\": [1, "),
      edited("\"description\": \"varied\"", "\"description\": \"varied\", \"zz\": 1"),
      edited("\"created_at\": \"2026", "\"created_at\": \"2026\xc3"),
      edited("Answer briefly.", "Answer\tbriefly."),
      edited("Answer briefly.", "Answer\xed\xa0\x80."),
      valid.substr(0, valid.size() / 2),
      valid + "x",
      valid + "{}",
  };
  for (const auto& text : texts) {
    const std::string expected = general_error(text);
    EXPECT_EQ(error(text), expected) << text.substr(0, 300);
  }
}

// The property behind the fast path, on seeded random edits of a cassette: parse_cassette
// (fast path first) and the general path give the same cassette or the same error.
TEST(CompactReader, RandomEditsNeverReadDifferentlyThanTheGeneralPath) {
  const std::string valid = varied_cassette();
  const std::string alphabet = "{}[],:\"\\ 0123456789.-eEtrufalsn\x01\xc3\xa9";
  std::mt19937 rng(5);
  std::size_t fast = 0, read = 0;
  const int rounds = 600;  // the cassette has 12 interactions of every shape: about 4 s in Debug
  for (int round = 0; round < rounds; ++round) {
    std::string text = valid;
    const std::size_t at = rng() % text.size();
    if (rng() % 2 == 0) {
      text[at] = alphabet[rng() % alphabet.size()];
    } else {
      text.erase(at, 1 + rng() % 4);
    }
    if (read_compact_cassette(text)) ++fast;
    const std::string expected = general_error(text);
    ASSERT_EQ(error(text), expected) << text;
    if (expected.empty()) {
      ++read;
      ASSERT_EQ(parse_cassette(text, "c.json"), parse_cassette_general(text, "c.json")) << text;
    }
  }
  // Both paths and both outcomes must be reached for the test to mean anything.
  EXPECT_GT(fast, 0u);
  EXPECT_GT(read, 0u);
  EXPECT_LT(read, static_cast<std::size_t>(rounds));
}

}  // namespace
