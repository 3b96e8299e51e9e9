// Golden test of report.md and results.json: a small experiment whose every number is worked
// out by hand below, rendered and compared character for character (report.md) and value for
// value (results.json). A swapped column, a wrong p-value or a lost interval fails here.
//
// The experiment ("toy", macro-F1): four approaches A, B, C, D; two generators, gen-a (the
// same model as solver A, for the bias factor) and gen-b; the average of both.
//
//   approach   real    gen-a   gen-b   average = (gen-a + gen-b) / 2
//   A          0.910   0.812   0.566   (0.812 + 0.566) / 2 = 0.689
//   B          0.705   0.671   0.707   (0.671 + 0.707) / 2 = 0.689   (tied with A)
//   C          0.480   0.402   0.493   (0.402 + 0.493) / 2 = 0.4475
//   D          0.215   0.137   0.319   (0.137 + 0.319) / 2 = 0.228
//
// Real ranks (ascending): A 4, B 3, C 2, D 1.
//
// gen-a: ranks 4, 3, 2, 1, as real: SRCC 1.00. Exact one-sided p: only the identity of the
//   4! = 24 orderings is as good: 1/24 = 0.042. Kendall tau-b 1.00. Top-1: A wins both: yes,
//   regret 0.000.
//   MSPD: differences 0.098, 0.034, 0.078, 0.078; squares 0.009604 + 0.001156 + 0.006084 +
//   0.006084 = 0.022928; / 4 = 0.005732 -> 0.006 (3 decimals).
//   Gap (synthetic - real): (-0.098 - 0.034 - 0.078 - 0.078) / 4 = -0.288 / 4 = -0.072.
// gen-b: ranks A 3, B 4, C 2, D 1: d = (1, -1, 0, 0), sum d^2 = 2,
//   SRCC = 1 - 6 * 2 / (4 * 15) = 0.80. p: sum d^2 <= 2 for the identity and the 3 swaps of
//   neighbours: 4/24 = 0.17. Kendall: 5 concordant pairs, 1 discordant (A, B): 4/6 = 0.67.
//   Top-1: B wins gen-b (0.707), A wins real: no; regret 0.910 - 0.705 = 0.205.
//   MSPD: differences 0.344, -0.002, -0.013, -0.104; squares 0.118336 + 0.000004 + 0.000169 +
//   0.010816 = 0.129325; / 4 = 0.03233125 -> 0.032.
//   Gap: (-0.344 + 0.002 + 0.013 + 0.104) / 4 = -0.225 / 4 = -0.05625 -> -0.056.
// average: ranks A 3.5, B 3.5, C 2, D 1 (a tie). SRCC = Pearson of the ranks: deviations from
//   2.5 are real (1.5, 0.5, -0.5, -1.5), average (1, 1, -0.5, -1.5); products 1.5 + 0.5 + 0.25
//   + 2.25 = 4.5; squares 5 and 4.5; 4.5 / sqrt(5 * 4.5) = 0.9487 -> 0.95. p: the 12 distinct
//   arrangements of the ranks (3.5, 3.5, 2, 1) each stand for 2 orderings; only the observed
//   one is as good: 1/12 = 0.083. Kendall tau-b: 5 concordant, 0 discordant, 1 pair tied in
//   the average: 5 / sqrt(6 * 5) = 0.91. Top-1: A and B tie for the synthetic win, B is not
//   the real winner: no; regret (worst case) 0.910 - 0.705 = 0.205.
//   MSPD: differences 0.221, 0.016, 0.0325, -0.013; squares 0.048841 + 0.000256 + 0.00105625
//   + 0.000169 = 0.05032225; / 4 = 0.0125805625 -> 0.013 (3 decimals), 0.0126 (4).
//   Gap: (-0.221 - 0.016 - 0.0325 + 0.013) / 4 = -0.2565 / 4 = -0.064125 -> -0.064.
// Bias factor of A (the solver of gen-a): on gen-a's data the mean is (0.812 + 0.671 + 0.402 +
//   0.137) / 4 = 0.5055, so A's normalized score is 0.812 - 0.5055 = 0.3065; on gen-b's data
//   the mean is (0.566 + 0.707 + 0.493 + 0.319) / 4 = 0.52125 and A's is 0.566 - 0.52125 =
//   0.04475; bf = 0.3065 - 0.04475 = +0.26175 -> +0.262.
//
// Given (inputs, printed as given): the bootstrap intervals; the draws of real test items
// (the average's SRCC, p and MSPD on each); the gates; the datasets and unusable answers.
// Sample spread of the average:
//   first (1 draw): SRCC 0.95 (p 0.083 > 0.05: 0/1 significant), MSPD 0.0126.
//   random (3 draws): SRCC 0.80, 1.00, 0.40: median 0.80, range [0.40, 1.00]; p 0.17, 0.042,
//     0.38: 1/3 significant; MSPD 0.020, 0.010, 0.030: median 0.0200, range [0.0100, 0.0300].
//   stratified (2 draws): SRCC 1.00, 0.80: median 0.90, range [0.80, 1.00]; p 0.042, 0.17:
//     1/2; MSPD 0.012, 0.016: median (0.012 + 0.016) / 2 = 0.0140, range [0.0120, 0.0160].
// Gates: one passed, one failed: "1/2 passed", verdict "fail".

#include <synthbench/report.hpp>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <cmath>
#include <cstddef>
#include <optional>
#include <regex>
#include <string>
#include <vector>

namespace {

using synthbench::report::ReportData;

ReportData golden_data() {
  synthbench::ScoreTable table("macro_f1");
  const char* approaches[] = {"A", "B", "C", "D"};
  const double real[] = {0.910, 0.705, 0.480, 0.215};
  const double gen_a[] = {0.812, 0.671, 0.402, 0.137};
  const double gen_b[] = {0.566, 0.707, 0.493, 0.319};
  for (int i = 0; i < 4; ++i) table.set_real(approaches[i], real[i]);
  for (int i = 0; i < 4; ++i) table.set_synthetic("gen-a", approaches[i], gen_a[i]);
  for (int i = 0; i < 4; ++i) table.set_synthetic("gen-b", approaches[i], gen_b[i]);
  table.set_solver_of("gen-a", "A");

  synthbench::report::ExperimentEntry e;
  e.name = "toy";
  e.task = "intent";
  e.solvers = {"A", "B", "C", "D"};
  e.datasets = {{"real", 40, {}}, {"gen-a", 4, {{"duplicate", 1}}}, {"gen-b", 4, {}}};
  synthbench::report::MetricSection m{table, {}};
  const auto interval = [](double lower, double upper) {
    synthbench::report::IntervalEntry i;
    i.lower = lower;
    i.upper = upper;
    i.confidence = 0.95;
    i.resamples = 1000;
    return i;
  };
  m.intervals = {{"gen-a", interval(0.80, 1.00), interval(0.0031, 0.0094)},
                 {"gen-b", interval(0.20, 1.00), interval(0.0150, 0.0512)},
                 {"average", interval(0.40, 1.00), interval(0.0061, 0.0207)}};
  e.metrics.push_back(m);
  for (const char* s : approaches) {
    for (const char* d : {"real", "gen-a", "gen-b"}) {
      synthbench::PredictionCounts c;
      c.items = std::string(d) == "real" ? 40 : 4;
      if (std::string(s) == "D" && std::string(d) == "gen-b") {
        c.parse_failures = 1;
        c.examples = {"???"};
      }
      e.predictions.push_back({s, d, c});
    }
  }
  synthbench::SampleStudy samples;
  samples.metric = "macro_f1";
  samples.population = 40;
  samples.headline = "first";
  const auto draw = [](const char* kind, std::size_t seed, double srcc, double p, double mspd) {
    // gen-a's agreement is there too (its SRCC undefined): the spread of the average must
    // ignore it, and results.json must write the undefined value as null.
    return synthbench::SampleDraw{kind, seed, 4, {{"gen-a", std::nullopt, 0.9, 0.5}, {"average", srcc, p, mspd}}};
  };
  samples.draws = {draw("first", 0, 0.9486832980505138, 1.0 / 12, 0.0125805625),
                   draw("random", 1, 0.8, 1.0 / 6, 0.020),
                   draw("random", 2, 1.0, 1.0 / 24, 0.010),
                   draw("random", 3, 0.4, 0.375, 0.030),
                   draw("stratified", 1, 1.0, 1.0 / 24, 0.012),
                   draw("stratified", 2, 0.8, 1.0 / 6, 0.016)};
  e.samples = samples;

  ReportData data;
  data.producer = "synthbench (golden test)";
  data.add(e);
  data.add(synthbench::report::GateEntry{"toy", "Toy.RanksLikeRealData", true});
  data.add(synthbench::report::GateEntry{"toy", "Toy.MspdIsSmall", false});
  return data;
}

// report.md, every number derived in the file comment.
const char* const kGoldenMarkdown = R"md(# synthbench report

Produced by synthbench (golden test). 1 experiment(s). Intervals are bootstrap percentile intervals over test items (paired within a dataset); p is the exact one-sided permutation p-value of the SRCC.

## Summary

Per experiment, on its first metric: the SRCC of the headline synthetic benchmark against the real data with its exact one-sided p-value and 95% bootstrap interval over test items, its MSPD, the SRCC over random draws of real test items, and the tests that gate it.

| Experiment | Metric | Benchmark | Approaches | SRCC | p (exact) | SRCC 95% CI | MSPD | MSPD 95% CI | Over random draws | Gates | Verdict |
| --- | --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | --- | --- | --- |
| toy | macro\_f1 | average | 4 | 0.95 | 0.0833 | [0.40, 1.00] | 0.0126 | [0.0061, 0.0207] | median 0.80 [0.40, 1.00], 1/3 significant | 1/2 passed | fail |

Failed gates:

- toy: Toy.MspdIsSmall

## toy (intent)

Datasets: real (40 items); gen-a (4 items, 1 duplicate); gen-b (4 items).

Solvers: A, B, C, D.

Table I. MSPD (lower is better) and SRCC (higher is better) against the real data.

| Generator | macro\_f1 MSPD | macro\_f1 SRCC |
| --- | ---: | ---: |
| gen-a | 0.006 [0.003, 0.009] | 1.00 (p 0.0417) [0.80, 1.00] |
| gen-b | 0.032 [0.015, 0.051] | 0.80 (p 0.167) [0.20, 1.00] |
| **Average** | 0.013 [0.006, 0.021] | 0.95 (p 0.0833) [0.40, 1.00] |

Model selection on macro\_f1: does the synthetic benchmark pick the model the real data would?

| Generator | SRCC p (exact) | Kendall tau-b | Top-1 | Regret | Difficulty gap |
| --- | ---: | ---: | :---: | ---: | ---: |
| gen-a | 0.0417 | 1.00 | yes | 0.000 | -0.072 |
| gen-b | 0.167 | 0.67 | no | 0.205 | -0.056 |
| **Average** | 0.0833 | 0.91 | no | 0.205 | -0.064 |

Sensitivity to the real test items (macro\_f1, average): SRCC and MSPD on draws of 4 of the 40 real test items; the experiment's own are the draw "first".

| Draws | Count | SRCC median | SRCC range | p <= 0.05 | MSPD median | MSPD range |
| --- | ---: | ---: | ---: | ---: | ---: | ---: |
| first | 1 | 0.95 | [0.95, 0.95] | 0/1 | 0.0126 | [0.0126, 0.0126] |
| random | 3 | 0.80 | [0.40, 1.00] | 1/3 | 0.0200 | [0.0100, 0.0300] |
| stratified | 2 | 0.90 | [0.80, 1.00] | 1/2 | 0.0140 | [0.0120, 0.0160] |

Unusable answers:

| Solver | Dataset | Unparsable | Unknown label | Example |
| --- | --- | ---: | ---: | --- |
| D | gen-b | 1 / 4 | 0 | `???` |

## Bias factor

Table II. Bias factor of each model that is both a generator and a solver, on each experiment's first metric (positive: the model does better on its own data).

| Model | toy |
| --- | ---: |
| A | +0.262 |
)md";

// results.json: the inputs as given, "meta" with the values derived in the file comment.
const char* const kGoldenJson = R"json({
 "format": "synthbench-results/1",
 "producer": "synthbench (golden test)",
 "experiments": [{
   "name": "toy", "task": "intent", "solvers": ["A", "B", "C", "D"],
   "datasets": [{"name": "real", "items": 40, "issues": {}},
                {"name": "gen-a", "items": 4, "issues": {"duplicate": 1}},
                {"name": "gen-b", "items": 4, "issues": {}}],
   "metrics": [{
     "table": {"metric": "macro_f1",
               "real": {"A": 0.910, "B": 0.705, "C": 0.480, "D": 0.215},
               "synthetic": {"gen-a": {"A": 0.812, "B": 0.671, "C": 0.402, "D": 0.137},
                             "gen-b": {"A": 0.566, "B": 0.707, "C": 0.493, "D": 0.319}},
               "models": {"gen-a": "A"}},
     "meta": {"metric": "macro_f1", "methods": ["A", "B", "C", "D"],
              "datasets": {
                "gen-a": {"mspd": 0.005732, "srcc": 1.0, "srcc_p_exact": 0.041666666666666667, "kendall_tau_b": 1.0,
                          "top1_agreement": true, "selection_regret": 0.0, "difficulty_gap": -0.072},
                "gen-b": {"mspd": 0.03233125, "srcc": 0.8, "srcc_p_exact": 0.16666666666666667,
                          "kendall_tau_b": 0.66666666666666667, "top1_agreement": false, "selection_regret": 0.205,
                          "difficulty_gap": -0.05625},
                "average": {"mspd": 0.0125805625, "srcc": 0.94868329805051380, "srcc_p_exact": 0.083333333333333333,
                            "kendall_tau_b": 0.91287092917527685, "top1_agreement": false, "selection_regret": 0.205,
                            "difficulty_gap": -0.064125}},
              "bias_factor": {"A": 0.26175}},
     "intervals": [
       {"dataset": "gen-a", "srcc": {"lower": 0.8, "upper": 1.0, "confidence": 0.95, "resamples": 1000},
                            "mspd": {"lower": 0.0031, "upper": 0.0094, "confidence": 0.95, "resamples": 1000}},
       {"dataset": "gen-b", "srcc": {"lower": 0.2, "upper": 1.0, "confidence": 0.95, "resamples": 1000},
                            "mspd": {"lower": 0.015, "upper": 0.0512, "confidence": 0.95, "resamples": 1000}},
       {"dataset": "average", "srcc": {"lower": 0.4, "upper": 1.0, "confidence": 0.95, "resamples": 1000},
                              "mspd": {"lower": 0.0061, "upper": 0.0207, "confidence": 0.95, "resamples": 1000}}]}],
   "predictions": [
     {"solver": "A", "dataset": "real", "items": 40, "parse_failures": 0, "out_of_label_set": 0, "examples": []},
     {"solver": "A", "dataset": "gen-a", "items": 4, "parse_failures": 0, "out_of_label_set": 0, "examples": []},
     {"solver": "A", "dataset": "gen-b", "items": 4, "parse_failures": 0, "out_of_label_set": 0, "examples": []},
     {"solver": "B", "dataset": "real", "items": 40, "parse_failures": 0, "out_of_label_set": 0, "examples": []},
     {"solver": "B", "dataset": "gen-a", "items": 4, "parse_failures": 0, "out_of_label_set": 0, "examples": []},
     {"solver": "B", "dataset": "gen-b", "items": 4, "parse_failures": 0, "out_of_label_set": 0, "examples": []},
     {"solver": "C", "dataset": "real", "items": 40, "parse_failures": 0, "out_of_label_set": 0, "examples": []},
     {"solver": "C", "dataset": "gen-a", "items": 4, "parse_failures": 0, "out_of_label_set": 0, "examples": []},
     {"solver": "C", "dataset": "gen-b", "items": 4, "parse_failures": 0, "out_of_label_set": 0, "examples": []},
     {"solver": "D", "dataset": "real", "items": 40, "parse_failures": 0, "out_of_label_set": 0, "examples": []},
     {"solver": "D", "dataset": "gen-a", "items": 4, "parse_failures": 0, "out_of_label_set": 0, "examples": []},
     {"solver": "D", "dataset": "gen-b", "items": 4, "parse_failures": 1, "out_of_label_set": 0, "examples": ["???"]}],
   "undefined_cells": [],
   "samples": {"metric": "macro_f1", "population": 40, "headline": "first", "draws": [
     {"kind": "first", "seed_index": 0, "items": 4, "agreements": [
       {"synthetic": "gen-a", "srcc": null, "srcc_p": 0.9, "mspd": 0.5},
       {"synthetic": "average", "srcc": 0.94868329805051380, "srcc_p": 0.083333333333333333, "mspd": 0.0125805625}]},
     {"kind": "random", "seed_index": 1, "items": 4, "agreements": [
       {"synthetic": "gen-a", "srcc": null, "srcc_p": 0.9, "mspd": 0.5},
       {"synthetic": "average", "srcc": 0.8, "srcc_p": 0.16666666666666667, "mspd": 0.02}]},
     {"kind": "random", "seed_index": 2, "items": 4, "agreements": [
       {"synthetic": "gen-a", "srcc": null, "srcc_p": 0.9, "mspd": 0.5},
       {"synthetic": "average", "srcc": 1.0, "srcc_p": 0.041666666666666667, "mspd": 0.01}]},
     {"kind": "random", "seed_index": 3, "items": 4, "agreements": [
       {"synthetic": "gen-a", "srcc": null, "srcc_p": 0.9, "mspd": 0.5},
       {"synthetic": "average", "srcc": 0.4, "srcc_p": 0.375, "mspd": 0.03}]},
     {"kind": "stratified", "seed_index": 1, "items": 4, "agreements": [
       {"synthetic": "gen-a", "srcc": null, "srcc_p": 0.9, "mspd": 0.5},
       {"synthetic": "average", "srcc": 1.0, "srcc_p": 0.041666666666666667, "mspd": 0.012}]},
     {"kind": "stratified", "seed_index": 2, "items": 4, "agreements": [
       {"synthetic": "gen-a", "srcc": null, "srcc_p": 0.9, "mspd": 0.5},
       {"synthetic": "average", "srcc": 0.8, "srcc_p": 0.16666666666666667, "mspd": 0.016}]}]}}],
 "cassettes": [],
 "gates": [{"experiment": "toy", "test": "Toy.RanksLikeRealData", "passed": true},
           {"experiment": "toy", "test": "Toy.MspdIsSmall", "passed": false}]
})json";

// Same structure (keys in the same order, same types, same strings, booleans and integers);
// floating-point numbers equal to 1e-12: the hand-worked decimals against the double
// arithmetic that computed them. Appends one line per difference to `diffs`.
void compare_json(const nlohmann::ordered_json& expected, const nlohmann::ordered_json& actual, const std::string& at,
                  std::string& diffs) {
  if (expected.is_number() && actual.is_number() && (expected.is_number_float() || actual.is_number_float())) {
    if (!(std::fabs(expected.get<double>() - actual.get<double>()) <= 1e-12)) {
      diffs += at + ": expected " + expected.dump() + ", got " + actual.dump() + "\n";
    }
    return;
  }
  if (expected.type() != actual.type()) {
    diffs += at + ": expected " + expected.dump() + ", got " + actual.dump() + "\n";
    return;
  }
  if (expected.is_object()) {
    auto e = expected.begin();
    auto a = actual.begin();
    for (; e != expected.end() && a != actual.end(); ++e, ++a) {
      if (e.key() != a.key()) {
        diffs += at + ": expected key \"" + e.key() + "\", got \"" + a.key() + "\"\n";
        return;
      }
      compare_json(e.value(), a.value(), at + "/" + e.key(), diffs);
    }
    if (e != expected.end() || a != actual.end()) diffs += at + ": the objects have different numbers of keys\n";
    return;
  }
  if (expected.is_array()) {
    if (expected.size() != actual.size()) {
      diffs += at + ": expected " + std::to_string(expected.size()) + " elements, got " + std::to_string(actual.size()) + "\n";
      return;
    }
    for (std::size_t i = 0; i < expected.size(); ++i) compare_json(expected[i], actual[i], at + "/" + std::to_string(i), diffs);
    return;
  }
  if (expected != actual) diffs += at + ": expected " + expected.dump() + ", got " + actual.dump() + "\n";
}

TEST(GoldenReport, MarkdownIsTheHandWorkedOne) {
  EXPECT_EQ(synthbench::report::render_markdown(golden_data()), kGoldenMarkdown);
}

TEST(GoldenReport, ResultsJsonIsTheHandWorkedOne) {
  const auto expected = nlohmann::ordered_json::parse(kGoldenJson);
  const auto actual = synthbench::report::results_to_json(golden_data());
  std::string diffs;
  compare_json(expected, actual, "", diffs);
  EXPECT_EQ(diffs, "") << actual.dump(1);
}

TEST(GoldenReport, ResultsJsonReadsBackToTheSameReport) {
  // What results.json holds renders the same report.md: the samples and gates survive the
  // round trip (an undefined SRCC of a draw stays undefined).
  const auto data = golden_data();
  const auto back = synthbench::report::parse_results(synthbench::report::results_to_json(data).dump(), "golden");
  EXPECT_EQ(synthbench::report::render_markdown(back), kGoldenMarkdown);
  ASSERT_TRUE(back.experiments.front().samples.has_value());
  EXPECT_FALSE(back.experiments.front().samples->draws.front().agreements.front().srcc.has_value());
  ASSERT_EQ(back.gates.size(), 2u);
  EXPECT_FALSE(back.gates[1].passed);
}

std::size_t occurrences(const std::string& text, const std::string& needle) {
  std::size_t n = 0;
  for (auto at = text.find(needle); at != std::string::npos; at = text.find(needle, at + 1)) ++n;
  return n;
}

TEST(GoldenReport, HtmlOpensWithTheSummaryBeforeAnyChart) {
  const auto data = golden_data();
  const std::string html = synthbench::report::render_html(data, synthbench::report::render_markdown(data));
  const auto summary = html.find("<section class=\"summary\">");
  ASSERT_NE(summary, std::string::npos);
  EXPECT_LT(summary, html.find("<svg")) << "the summary comes before the first chart";
  const std::string row = html.substr(summary, html.find("</section>", summary) - summary);
  // The row of the file comment: SRCC 0.95, p 0.0833, its interval, MSPD 0.0126, the random
  // draws' spread, 1 of 2 gates passed, verdict fail, the failing gate named.
  for (const char* cell : {"<td>0.95</td>", "<td>0.0833</td>", "<td>[0.40, 1.00]</td>", "<td>0.0126</td>",
                           "<td>[0.0061, 0.0207]</td>", "median 0.80 [0.40, 1.00], 1/3 significant", "1/2 passed",
                           "<span class=\"verdict fail\">fail</span>", "Toy.MspdIsSmall"}) {
    EXPECT_NE(row.find(cell), std::string::npos) << cell;
  }
}

TEST(GoldenReport, HtmlHasAnAgreementChartWithTheDiagonal) {
  const auto data = golden_data();
  const std::string html = synthbench::report::render_html(data, synthbench::report::render_markdown(data));
  const auto start = html.find("<svg class=\"agreement\"");
  ASSERT_NE(start, std::string::npos);
  const std::string svg = html.substr(start, html.find("</svg>", start) - start);
  EXPECT_EQ(occurrences(svg, "<line class=\"diagonal\""), 1u);
  EXPECT_EQ(occurrences(svg, "<circle class=\"agree\""), 4u) << "one point per approach";
  // Real against the average, as in the file comment's table.
  for (const char* point : {"data-approach=\"A\" data-real=\"0.9100\" data-synthetic=\"0.6890\"",
                            "data-approach=\"B\" data-real=\"0.7050\" data-synthetic=\"0.6890\"",
                            "data-approach=\"C\" data-real=\"0.4800\" data-synthetic=\"0.4475\"",
                            "data-approach=\"D\" data-real=\"0.2150\" data-synthetic=\"0.2280\""}) {
    EXPECT_NE(svg.find(point), std::string::npos) << point;
  }
  // The agreement chart comes before the experiment's line charts.
  EXPECT_LT(start, html.find("<svg class=\"chart\""));
}

TEST(GoldenReport, AgreementLabelsOfClosePointsDoNotOverlap) {
  // Two approaches with almost the same scores: their points nearly coincide, so the second
  // label (placed top to bottom) moves 11 pixels down, below the first.
  synthbench::ScoreTable table("f1");
  table.set_real("alpha-solver", 0.50);
  table.set_real("beta-solver", 0.51);
  table.set_synthetic("g", "alpha-solver", 0.50);
  table.set_synthetic("g", "beta-solver", 0.50);
  const std::string svg = synthbench::report::detail::agreement_chart(table, "g", "t");
  const std::regex label("<text class=\"label\" x=\"[0-9.]+\" y=\"([0-9.]+)\">([a-z-]+)</text>");
  std::vector<double> ys;
  for (auto it = std::sregex_iterator(svg.begin(), svg.end(), label); it != std::sregex_iterator(); ++it) {
    ys.push_back(std::stod((*it)[1]));
  }
  ASSERT_EQ(ys.size(), 2u);
  EXPECT_NEAR(std::fabs(ys[1] - ys[0]), 11.0, 1e-9);
  EXPECT_EQ(synthbench::report::detail::agreement_chart(table, "nope", "t"), "") << "no such benchmark";
}

TEST(GoldenReport, AgreementLabelsMoveDownWhereRoundingShortensTheRow) {
  // A synthetic score of 0.212 puts both labels at y = 16 + 300 (1 - 0.212) + 3.5 = 255.9; the
  // second moves to 255.9 + 11 = 266.9, but in doubles 266.9 - 255.9 = 10.999999999999972 < 11.
  // The layout once read that as a collision again and moved the label to the same place
  // forever (example 06 hung writing its report); rows 11 px apart within rounding are apart.
  synthbench::ScoreTable table("f1");
  table.set_real("alpha-solver", 0.50);
  table.set_real("beta-solver", 0.51);
  table.set_synthetic("g", "alpha-solver", 0.212);
  table.set_synthetic("g", "beta-solver", 0.212);
  const std::string svg = synthbench::report::detail::agreement_chart(table, "g", "t");
  const std::regex label("<text class=\"label\" x=\"[0-9.]+\" y=\"([0-9.]+)\">([a-z-]+)</text>");
  std::vector<double> ys;
  for (auto it = std::sregex_iterator(svg.begin(), svg.end(), label); it != std::sregex_iterator(); ++it) {
    ys.push_back(std::stod((*it)[1]));
  }
  ASSERT_EQ(ys.size(), 2u);
  EXPECT_NEAR(ys[0], 255.9, 1e-9);
  EXPECT_NEAR(ys[1], 266.9, 1e-9);
}

TEST(GoldenReport, LegendsAndLabelsShowWholeNames) {
  // The study's model names are long; the chart must be wide enough for each whole name
  // (report.html once cut "Meta-Llama-3-70B-Instruct" to "Meta-Llama-3-70B-I").
  synthbench::ScoreTable table("ent_type_f1");
  const std::string longest = "Mixtral-8x22B-Instruct-v0.1";
  for (const std::string& g : {std::string("Meta-Llama-3-70B-Instruct"), longest}) {
    table.set_real("gazetteer-capitalization", 0.40);
    table.set_real("averaged-perceptron", 0.55);
    table.set_synthetic(g, "gazetteer-capitalization", 0.35);
    table.set_synthetic(g, "averaged-perceptron", 0.50);
  }
  synthbench::report::ReportData data;
  data.add(synthbench::report::describe_table("long names", table));
  const std::string html = synthbench::report::render_html(data, synthbench::report::render_markdown(data));
  const auto start = html.find("<svg class=\"chart\"");
  ASSERT_NE(start, std::string::npos);
  const std::string svg = html.substr(start, html.find("</svg>", start) - start);
  EXPECT_NE(svg.find(">" + longest + "</text>"), std::string::npos);
  // The legend text starts at x = width - right + 42 and needs text_width(name, 11) pixels.
  const std::regex view_box("viewBox=\"0 0 ([0-9.]+) ");
  std::smatch m;
  ASSERT_TRUE(std::regex_search(svg, m, view_box));
  const double width = std::stod(m[1]);
  const std::regex legend("<text class=\"legend\" x=\"([0-9.]+)\"[^>]*>" + std::string("Mixtral-8x22B-Instruct-v0\\.1"));
  ASSERT_TRUE(std::regex_search(svg, m, legend));
  EXPECT_LE(std::stod(m[1]) + synthbench::report::detail::text_width(longest, 11), width);
}

}  // namespace
