#include <synthbench/experiment/entity_repair.hpp>

#include <gtest/gtest.h>

#include <optional>
#include <string>
#include <vector>

#include "unit/experiment/dataset_test_support.hpp"

namespace {

using synthbench::DataReport;
using synthbench::NerItem;
using synthbench::NerLoadOptions;
using synthbench::repair_entities;
using synthbench::metrics::Entity;
using synthbench::metrics::SpanRepair;
using synthbench_test_support::expect_input_error;

Entity et(std::size_t start, std::size_t end, const char* type, std::optional<std::string> text) {
  return Entity{start, end, type, std::move(text)};
}

// One sentence with one entity of every kind of problem. Character positions:
//   "Macron met Merkel in paris and Berlin."
//    0     6   10    17 21   26 30    37
const std::string kText = "Macron met Merkel in paris and Berlin.";

TEST(RepairEntities, EveryKindOfProblemIsRepairedOrDroppedAndReported) {
  NerItem item{kText,
               {
                   et(0, 6, "person", "Macron"),      // 0 valid
                   et(10, 16, "person", "Merkel"),    // 1 off by one: [11, 17)
                   et(21, 26, "city", "Paris"),       // 2 recapitalized: text becomes "paris"
                   et(31, 37, "city", "Lisbon"),      // 3 does not occur: dropped
                   et(40, 46, "city", "Madrid"),      // 4 past the end, does not occur: outside_text
                   et(0, 0, "person", ""),            // 5 empty text: empty_entity
                   et(5, 5, "person", std::nullopt),  // 6 no text, empty offsets: empty_entity
                   et(31, 37, "", "Berlin"),          // 7 no type: dropped
                   et(0, 6, "person", "Macron"),      // 8 duplicate of 0
                   et(31, 37, "country", std::nullopt),  // 9 no text: gets "Berlin"; unknown type
                   et(27, 37, "city", "and Berlin"),  // 10 overlaps 9
               }};
  NerLoadOptions options;
  options.types = {"person", "city"};
  DataReport report;
  repair_entities(item, 4, "f.jsonl", "line 5, /entities/", options, report);

  ASSERT_EQ(item.entities.size(), 5u);
  EXPECT_EQ(item.entities[0].start, 0u);
  EXPECT_EQ(item.entities[1].start, 11u);
  EXPECT_EQ(item.entities[1].end, 17u);
  EXPECT_EQ(item.entities[2].text, "paris");
  EXPECT_EQ(item.entities[3].type, "country");
  EXPECT_EQ(item.entities[3].text, "Berlin");
  EXPECT_EQ(item.entities[4].text, "and Berlin");
  for (const auto& e : item.entities) EXPECT_EQ(kText.substr(e.start, e.end - e.start), *e.text);

  const std::vector<std::pair<std::string, std::string>> expected = {
      {"realigned", "line 5, /entities/1"},        {"realigned", "line 5, /entities/2"},
      {"dropped_entity", "line 5, /entities/3"},   {"outside_text", "line 5, /entities/4"},
      {"empty_entity", "line 5, /entities/5"},     {"empty_entity", "line 5, /entities/6"},
      {"dropped_entity", "line 5, /entities/7"},   {"unknown_type", "line 5, /entities/9"},
      {"duplicate_entity", "line 5, /entities/8"}, {"overlapping_entities", "line 5, /entities/10"},
  };
  ASSERT_EQ(report.issues.size(), expected.size());
  for (std::size_t i = 0; i < expected.size(); ++i) {
    EXPECT_EQ(report.issues[i].kind, expected[i].first) << i;
    EXPECT_EQ(report.issues[i].where, expected[i].second) << i;
    EXPECT_EQ(report.issues[i].item, 4u) << i;
  }
  EXPECT_EQ(report.issues[0].detail, "offsets [10, 16) hold \" Merke\", not \"Merkel\"; moved to [11, 17)");
  EXPECT_EQ(report.issues[1].detail,
            "offsets [21, 26) hold \"paris\", not \"Paris\"; moved to [21, 26) (the text occurs there with other "
            "capitalization); the entity text \"Paris\" became \"paris\"");
  EXPECT_EQ(report.issues[2].detail,
            "offsets [31, 37) hold \"Berlin\", not \"Lisbon\"; the text does not occur in the document; dropped");
  EXPECT_EQ(report.issues[3].detail,
            "offsets [40, 46) run past the end of the text (38 characters); the text does not occur in the "
            "document; dropped");
  EXPECT_EQ(report.issues[4].detail, "the entity text is empty (offsets [0, 0)); dropped");
  EXPECT_EQ(report.issues[5].detail, "offsets [5, 5) are empty or reversed and the entity has no text; dropped");
  EXPECT_EQ(report.issues[6].detail, "the entity type is empty; dropped");
  EXPECT_EQ(report.issues[7].detail, "type \"country\" is not a declared entity type; kept");
  EXPECT_EQ(report.issues[8].detail,
            "a second \"person\" entity at [0, 6) (the first is at line 5, /entities/0); dropped");
  EXPECT_EQ(report.issues[9].detail,
            "\"city\" [27, 37) overlaps \"country\" [31, 37) (at line 5, /entities/9); both kept");
}

TEST(RepairEntities, SpanRepairNoneDropsWhatRealignWouldMove) {
  NerItem item{kText, {et(10, 16, "person", "Merkel"), et(0, 6, "person", "Macron")}};
  NerLoadOptions options;
  options.span_repair = SpanRepair::none;
  DataReport report;
  repair_entities(item, 0, "f", "line 1, /entities/", options, report);
  ASSERT_EQ(item.entities.size(), 1u);
  EXPECT_EQ(item.entities[0].text, "Macron");
  ASSERT_EQ(report.issues.size(), 1u);
  EXPECT_EQ(report.issues[0].kind, "dropped_entity");
  EXPECT_EQ(report.issues[0].detail, "offsets [10, 16) hold \" Merke\", not \"Merkel\"; dropped");
}

TEST(RepairEntities, SpanRepairErrorThrowsWithThePosition) {
  DataReport report;
  NerLoadOptions options;
  options.span_repair = SpanRepair::error;
  NerItem misaligned{kText, {et(0, 6, "person", "Macron"), et(10, 16, "person", "Merkel")}};
  const auto message = expect_input_error(
      [&] { repair_entities(misaligned, 0, "f.jsonl", "line 3, /entities/", options, report); },
      "synthbench.input.508", "f.jsonl", "line 3, /entities/1");
  EXPECT_NE(message.find("offsets [10, 16) hold \" Merke\", not \"Merkel\""), std::string::npos) << message;
  NerItem empty{kText, {et(0, 0, "person", "")}};
  expect_input_error([&] { repair_entities(empty, 0, "f.jsonl", "/0/entities/", options, report); },
                     "synthbench.input.508", "f.jsonl", "/0/entities/0");
  NerItem untyped{kText, {et(0, 6, "", "Macron")}};
  expect_input_error([&] { repair_entities(untyped, 0, "f.jsonl", "/0/entities/", options, report); },
                     "synthbench.input.508", "f.jsonl", "/0/entities/0");
  // Valid entities pass; overlaps and unknown types are reported, not errors.
  NerItem valid{kText, {et(0, 6, "person", "Macron"), et(0, 6, "leader", "Macron")}};
  repair_entities(valid, 0, "f.jsonl", "/0/entities/", options, report);
  EXPECT_EQ(valid.entities.size(), 2u);
  EXPECT_EQ(report.count("overlapping_entities"), 1u);
}

TEST(RepairEntities, LowercasesTypesWhenAsked) {
  NerItem item{kText, {et(0, 6, "Person", "Macron"), et(11, 17, "PERSON", "Merkel")}};
  NerLoadOptions options;
  options.lowercase_types = true;
  options.types = {"person"};
  DataReport report;
  repair_entities(item, 0, "f", "/0/entities/", options, report);
  EXPECT_EQ(item.entities[0].type, "person");
  EXPECT_EQ(item.entities[1].type, "person");
  EXPECT_TRUE(report.issues.empty());
}

TEST(RepairEntities, ExplicitPositionsMustNameEveryEntity) {
  NerItem item{kText, {et(0, 6, "person", "Macron")}};
  DataReport report;
  synthbench_test_support::expect_usage_error(
      [&] { repair_entities(item, 0, "f", std::vector<std::string>{}, NerLoadOptions{}, report); },
      "synthbench.usage.50");
}

}  // namespace
