#include <synthbench/cassette.hpp>

#include <gtest/gtest.h>

#include <string>

#include "cassette_test_support.hpp"

namespace {

using synthbench::InputError;
using synthbench::cassette::Cassette;
using synthbench::cassette::parse_cassette;
using nlohmann::json;

json valid_document() {
  Cassette c;
  c.interactions = {cassette_test::recorded_interaction("b", 0, "B0"), cassette_test::recorded_interaction("a", 0, "A0"), cassette_test::recorded_interaction("b", 1, "B1")};
  return json::parse(synthbench::cassette::dump_cassette(c));
}

std::string error_of(const std::string& text) {
  try {
    (void)parse_cassette(text, "cassettes/x.json");
  } catch (const InputError& e) {
    EXPECT_EQ(e.source(), "cassettes/x.json");
    EXPECT_NE(std::string(e.what()).find("cassettes/x.json"), std::string::npos);
    return e.id() + " " + e.where();
  }
  return "no error";
}

std::string error_of(const json& doc) { return error_of(doc.dump(2)); }

TEST(CassetteFormat, DumpIsSortedPrettyAndStable) {
  Cassette c;
  c.interactions = {cassette_test::recorded_interaction("b", 1, "B1"), cassette_test::recorded_interaction("b", 0, "B0"), cassette_test::recorded_interaction("a", 0, "A0")};
  c.metadata.created_at = c.metadata.updated_at = "2026-01-01T00:00:00Z";
  c.metadata.description = "test";
  const std::string text = synthbench::cassette::dump_cassette(c);
  EXPECT_EQ(text, synthbench::cassette::dump_cassette(c));
  EXPECT_EQ(text.substr(0, 16), "{\n  \"format\": 2,");
  EXPECT_EQ(text.back(), '\n');
  const Cassette back = parse_cassette(text, "<t>");
  ASSERT_EQ(back.interactions.size(), 3u);
  EXPECT_EQ(back.interactions[0].response.content, "A0");
  EXPECT_EQ(back.interactions[1].response.content, "B0");
  EXPECT_EQ(back.interactions[2].response.content, "B1");
  EXPECT_EQ(back.interactions[2].replicate, 1u);
  EXPECT_EQ(back.interactions[0].response.latency.count(), 2500);
  EXPECT_EQ(back.interactions[0].response.usage->total_tokens, 5);
  EXPECT_TRUE(back.interactions[0].response.replayed);
  EXPECT_EQ(back.metadata.hosts, std::vector<std::string>{"127.0.0.1"});
  EXPECT_EQ(back.metadata.models, std::vector<std::string>{"synthbench-local-test-server"});
  EXPECT_EQ(back.metadata.description, "test");
  EXPECT_EQ(back.metadata.recorded_with, "synthbench " SYNTHBENCH_VERSION_STRING);
  // Writing what was read gives the same bytes (reviewable diffs).
  EXPECT_EQ(synthbench::cassette::dump_cassette(back), text);
  // Keys are sorted at every level.
  EXPECT_LT(text.find("\"format\""), text.find("\"interactions\""));
  EXPECT_LT(text.find("\"interactions\""), text.find("\"metadata\""));
  EXPECT_LT(text.find("\"recorded_at\""), text.find("\"replicate\""));
}

TEST(CassetteFormat, SyntaxErrorsNameLineAndColumn) {
  EXPECT_EQ(error_of(std::string("")), "synthbench.input.101 line 1, column 1");
  const std::string text = valid_document().dump(2);
  EXPECT_EQ(error_of(text.substr(0, text.size() / 2)).substr(0, 26), "synthbench.input.101 line ");
  EXPECT_EQ(error_of(std::string("{\"format\": 1,\n \"format\": 1}")), "synthbench.input.102 /format");
  // A number beyond a double's range (found by the fuzzer) is a syntax error with a position.
  EXPECT_EQ(error_of(std::string("{\"format\": 1e999}")), "synthbench.input.101 line 1, column 16");
  std::string overflow = valid_document().dump(2);
  overflow.replace(overflow.find("\"latency_ms\": ") + 14, 1, "-1e400");
  EXPECT_EQ(error_of(overflow).substr(0, 26), "synthbench.input.101 line ");
  EXPECT_EQ(error_of(std::string("{\"format\": 1, \"interactions\": [{\"a\": 1, \"a\": 2}], \"metadata\": {}}")),
            "synthbench.input.102 /interactions/0/a");
}

TEST(CassetteFormat, StructureErrorsNameTheJsonPointer) {
  EXPECT_EQ(error_of(json::array()), "synthbench.input.401 /");
  EXPECT_EQ(error_of(json::object()), "synthbench.input.402 /");
  json doc = valid_document();
  doc["format"] = 3;
  EXPECT_EQ(error_of(doc), "synthbench.input.403 /format");
  doc["format"] = 0;
  EXPECT_EQ(error_of(doc), "synthbench.input.403 /format");
  doc["format"] = "1";
  EXPECT_EQ(error_of(doc), "synthbench.input.401 /format");
  doc = valid_document();
  doc["extra"] = 1;
  EXPECT_EQ(error_of(doc), "synthbench.input.404 /extra");
  doc = valid_document();
  doc.erase("interactions");
  EXPECT_EQ(error_of(doc), "synthbench.input.402 /");
  doc = valid_document();
  doc.erase("metadata");
  EXPECT_EQ(error_of(doc), "synthbench.input.402 /");
  doc = valid_document();
  doc["metadata"]["models"] = {1};
  EXPECT_EQ(error_of(doc), "synthbench.input.401 /metadata/models/0");
  doc = valid_document();
  doc["interactions"][1].erase("request");
  EXPECT_EQ(error_of(doc), "synthbench.input.402 /interactions/1");
  doc = valid_document();
  doc["interactions"][1]["request"].erase("model");
  EXPECT_EQ(error_of(doc), "synthbench.input.402 /interactions/1/request");
  doc = valid_document();
  doc["interactions"][0]["request"]["messages"][1]["role"] = 3;
  EXPECT_EQ(error_of(doc), "synthbench.input.401 /interactions/0/request/messages/1/role");
  doc = valid_document();
  doc["interactions"][0]["request"]["temperature"] = "0";
  EXPECT_EQ(error_of(doc), "synthbench.input.401 /interactions/0/request/temperature");
  doc = valid_document();
  doc["interactions"][0]["request"]["headers"] = json::object();
  EXPECT_EQ(error_of(doc), "synthbench.input.404 /interactions/0/request/headers");
  doc = valid_document();
  doc["interactions"][2]["replicate"] = -1;
  EXPECT_EQ(error_of(doc), "synthbench.input.407 /interactions/2/replicate");
  doc = valid_document();
  doc["interactions"][2]["replicate"] = 0.5;
  EXPECT_EQ(error_of(doc), "synthbench.input.401 /interactions/2/replicate");
  doc = valid_document();
  doc["interactions"][0]["response"].erase("latency_ms");
  EXPECT_EQ(error_of(doc), "synthbench.input.402 /interactions/0/response");
  doc = valid_document();
  doc["interactions"][0]["response"]["latency_ms"] = -2;
  EXPECT_EQ(error_of(doc), "synthbench.input.407 /interactions/0/response/latency_ms");
  doc = valid_document();
  doc["interactions"][0]["response"]["body"]["choices"] = json::array();
  EXPECT_EQ(error_of(doc), "synthbench.input.406 /interactions/0/response/body/choices");
  doc = valid_document();
  doc["interactions"][0]["response"]["body"]["choices"][0]["message"]["content"] = 1;
  EXPECT_EQ(error_of(doc), "synthbench.input.406 /interactions/0/response/body/choices/0/message/content");
  doc = valid_document();
  doc["interactions"][0]["response"]["body"] = "text";
  EXPECT_EQ(error_of(doc), "synthbench.input.406 /interactions/0/response/body");
  doc = valid_document();
  doc["interactions"][2]["replicate"] = 0;  // now the same as interactions/1
  EXPECT_EQ(error_of(doc), "synthbench.input.405 /interactions/2");
}

TEST(CassetteFormat, EveryTruncationOfAValidFileIsAnErrorNotACrash) {
  const std::string text = valid_document().dump(2);
  for (std::size_t cut = 0; cut + 1 < text.size(); cut += 7) {
    EXPECT_THROW((void)parse_cassette(text.substr(0, cut), "<cut>"), InputError) << "cut at " << cut;
  }
}

TEST(Journal, TornLastLineIsDroppedOtherBadLinesAreErrors) {
  const std::string a = synthbench::cassette::journal_line(cassette_test::recorded_interaction("a", 0, "A"));
  const std::string b = synthbench::cassette::journal_line(cassette_test::recorded_interaction("b", 0, "B"));
  bool torn = false;
  auto list = synthbench::cassette::parse_journal(a + b, "j", &torn);
  EXPECT_EQ(list.size(), 2u);
  EXPECT_FALSE(torn);
  list = synthbench::cassette::parse_journal(a + b.substr(0, b.size() / 2), "j", &torn);
  EXPECT_EQ(list.size(), 1u);
  EXPECT_TRUE(torn);
  // Issue 15: earlier versions wrote the next line after a fragment (a killed writer, a full
  // disk). The fragment, a line that ends before its JSON value does, is dropped; so is a
  // line holding a NUL byte (zeros where data did not reach the disk).
  list = synthbench::cassette::parse_journal(a + b.substr(0, b.size() / 2) + "\n" + b, "j", &torn);
  EXPECT_EQ(list.size(), 2u);
  EXPECT_TRUE(torn);
  list = synthbench::cassette::parse_journal(a + std::string(9, '\0') + "\n" + b, "j", &torn);
  EXPECT_EQ(list.size(), 2u);
  EXPECT_TRUE(torn);
  try {
    (void)synthbench::cassette::parse_journal(a + "{broken\n" + b, "x.journal");
    FAIL();
  } catch (const InputError& e) {
    EXPECT_EQ(e.id(), "synthbench.input.410");
    EXPECT_EQ(e.where(), "line 2, column 2");
  }
  try {
    (void)synthbench::cassette::parse_journal(a + "{\"replicate\":0}\n", "x.journal");
    FAIL();
  } catch (const InputError& e) {
    EXPECT_EQ(e.id(), "synthbench.input.410");
    EXPECT_EQ(e.where(), "line 2");
    EXPECT_NE(std::string(e.what()).find("synthbench.input.402"), std::string::npos);
  }
}

TEST(Journal, NumberOverflowIsABadLine) {
  try {
    (void)synthbench::cassette::parse_journal("{\"replicate\": 1e999}\n", "x.journal");
    FAIL();
  } catch (const InputError& e) {
    EXPECT_EQ(e.id(), "synthbench.input.410");
    EXPECT_EQ(e.where(), "line 1, column 15") << "the position of the 1e999 token";
    EXPECT_NE(std::string(e.what()).find("number overflow"), std::string::npos);
  }
}

TEST(InteractionId, StableAndDistinct) {
  EXPECT_EQ(synthbench::cassette::interaction_id("r", 0), synthbench::cassette::interaction_id("r", 0));
  EXPECT_NE(synthbench::cassette::interaction_id("r", 0), synthbench::cassette::interaction_id("r", 1));
  EXPECT_EQ(synthbench::cassette::interaction_id("r", 0).size(), 16u);
}

}  // namespace
