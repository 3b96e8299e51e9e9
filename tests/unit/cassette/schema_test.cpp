// docs/cassette-format.schema.json and the loader agree: every property the schema lists is
// accepted, every required one is required, and nothing else is accepted where the schema
// says additionalProperties: false.

#include <synthbench/cassette.hpp>

#include <gtest/gtest.h>

#include <algorithm>
#include <string>
#include <vector>

#include "cassette_test_support.hpp"
#include "synthbench/detail/files.hpp"

namespace {

using nlohmann::json;

json schema() { return json::parse(synthbench::detail::read_file("docs/cassette-format.schema.json")); }

json full_document() {
  synthbench::cassette::Cassette c;
  synthbench::cassette::Interaction i;
  auto r = cassette_test::request("x");
  r.top_p = 0.5;
  r.max_tokens = 5;
  r.stop = {"END"};
  r.response_format = {{"type", "text"}};
  r.tools = json::array();
  r.extra = {{"n", 1}};
  i.request = synthbench::cassette::canonical_key(r, {"openai", "h"});
  i.response.content = "y";
  i.response.model = "m";
  i.response.raw_body = synthbench::llm::to_openai_json(i.response).dump();
  i.recorded_at = "2026-01-01T00:00:00Z";
  c.interactions = {i};
  c.metadata.description = "d";
  return json::parse(synthbench::cassette::dump_cassette(c));
}

// The full document with its interaction's response replaced by a failure that has every
// member but `without` ("body" or "body_text": a failure stores one of them).
json failure_document(const std::string& without) {
  synthbench::cassette::Cassette c;
  synthbench::cassette::Interaction i;
  i.request = synthbench::cassette::canonical_key(cassette_test::request("x"), {"openai", "h"});
  i.response = synthbench::llm::failure_response(synthbench::llm::Outcome::transient_failure, "HTTP 503: busy", 503, 6,
                                                 without == "body" ? "<html>busy</html>" : R"j({"error":"busy"})j");
  c.interactions = {i};
  return json::parse(synthbench::cassette::dump_cassette(c));
}

std::string load_error(const json& doc) {
  try {
    (void)synthbench::cassette::parse_cassette(doc.dump(), "s.json");
  } catch (const synthbench::InputError& e) {
    return e.id();
  }
  return "";
}

// Checks one object of the document against its schema definition.
void check_object(const json& definition, const json& doc, const json::json_pointer& at, const std::string& name) {
  ASSERT_TRUE(doc.contains(at)) << name;
  for (const auto& [key, unused] : definition["properties"].items()) {
    (void)unused;
    EXPECT_TRUE(doc.at(at).contains(key)) << name << " should exercise " << key;
    json without = doc;
    without.at(at).erase(key);
    const bool required = definition.contains("required") &&
                          std::find(definition["required"].begin(), definition["required"].end(), key) !=
                              definition["required"].end();
    EXPECT_EQ(load_error(without), required ? "synthbench.input.402" : "") << name << "/" << key;
  }
  json with_unknown = doc;
  with_unknown.at(at)["not_in_the_schema"] = 1;
  EXPECT_EQ(load_error(with_unknown), definition.value("additionalProperties", true) ? "" : "synthbench.input.404")
      << name;
}

TEST(CassetteSchema, FileIsJsonAndTheFullDocumentLoads) {
  const json s = schema();
  EXPECT_EQ(s["properties"]["format"]["const"], synthbench::cassette::format_version);
  EXPECT_EQ(load_error(full_document()), "");
}

TEST(CassetteSchema, LoaderAcceptsAndRequiresWhatTheSchemaSays) {
  const json s = schema();
  const json doc = full_document();
  check_object(s, doc, json::json_pointer(""), "root");
  check_object(s["$defs"]["metadata"], doc, json::json_pointer("/metadata"), "metadata");
  check_object(s["$defs"]["interaction"], doc, json::json_pointer("/interactions/0"), "interaction");
  check_object(s["$defs"]["request"], doc, json::json_pointer("/interactions/0/request"), "request");
  check_object(s["$defs"]["completion_response"], doc, json::json_pointer("/interactions/0/response"), "completion");
  // A failure stores "body" or "body_text", never both: each is checked without the other.
  for (const std::string without : {"body", "body_text"}) {
    json definition = s["$defs"]["failure_response"];
    definition["properties"].erase(without);
    check_object(definition, failure_document(without), json::json_pointer("/interactions/0/response"),
                 "failure without " + without);
  }
  // The two kinds of response and their outcomes are what llm/outcome.hpp names.
  std::vector<std::string> outcomes;
  for (const char* kind : {"completion_response", "failure_response"}) {
    for (const auto& o : s["$defs"][kind]["properties"]["outcome"]["enum"]) outcomes.push_back(o.get<std::string>());
  }
  std::vector<std::string> expected;
  for (const auto o : synthbench::llm::all_outcomes) expected.push_back(synthbench::llm::to_string(o));
  EXPECT_EQ(outcomes, expected);
}

}  // namespace
