// The published numbers: Maheshwari et al. 2024 (arXiv 2409.11968), Table I(b), CrossNER
// Politics, "entity type" column, recomputed from the per-approach scores the study released
// (../shared/data/paper/crossner_politics_ent_type_k5.json), and Table II's Politics column.

#include <synthbench/scores/agreement.hpp>
#include <synthbench/gtest/require_data.hpp>
#include <synthbench/scores/bias_factor.hpp>
#include <synthbench/scores/score_table_json.hpp>

#include <gtest/gtest.h>

#include <cmath>
#include <filesystem>
#include <map>

#include "support/test_paths.hpp"

namespace {

const std::filesystem::path kPolitics =
    synthbench_test_support::paper_dir() / "crossner_politics_ent_type_k5.json";

double round2(double v) { return std::round(v * 100) / 100; }
double round3(double v) { return std::round(v * 1000) / 1000; }

class PublishedPoliticsTable : public ::testing::Test {
 protected:
  void SetUp() override {
    SYNTHBENCH_SKIP_WITHOUT_DATA(kPolitics);
  }
};

TEST_F(PublishedPoliticsTable, SrccAndMspdMatchTableOneToTwoDecimals) {
  const auto table = synthbench::read_score_table(kPolitics);
  const auto doc = synthbench::detail::parse_json_strict(synthbench::detail::read_file(kPolitics), kPolitics.string());
  const auto& expected = doc.at("expected_table_1b_politics_entity_type");
  std::size_t checked = 0;
  for (const auto& name : table.synthetic_names()) {
    const double srcc = synthbench::srcc(table.real(), table.synthetic(name)).value();
    const double mspd = synthbench::mspd(table.real(), table.synthetic(name)).value();
    EXPECT_DOUBLE_EQ(round2(srcc), expected.at("srcc").at(name).get<double>()) << name << ": srcc " << srcc;
    EXPECT_DOUBLE_EQ(round2(mspd), expected.at("mspd").at(name).get<double>()) << name << ": mspd " << mspd;
    ++checked;
  }
  EXPECT_EQ(checked, 7u) << "six generators and the average";
}

TEST_F(PublishedPoliticsTable, BiasFactorsMatchTableTwoPoliticsColumn) {
  // Table II, Politics column as printed. (Its caption says NER uses exact F1, but the
  // published entity-type scores reproduce this column to the last printed digit.)
  const std::map<std::string, double> published = {
      {"gpt-4o", +0.062},
      {"gpt-4o-mini", -0.055},
      {"Meta-Llama-3-70B-Instruct", -0.023},
      {"Meta-Llama-3-8B-Instruct", -0.023},
      {"Mixtral-8x22B-Instruct-v0.1", +0.002},
      {"Mixtral-8x7B-Instruct-v0.1", +0.040},
  };
  const auto table = synthbench::read_score_table(kPolitics);
  const auto all = synthbench::bias_factors(table);
  ASSERT_EQ(all.size(), published.size());
  for (const auto& [model, bf] : all) {
    EXPECT_DOUBLE_EQ(round3(bf.value()), published.at(model)) << model << ": " << bf.value();
  }
}

}  // namespace
