#ifndef SYNTHBENCH_GTEST_REGRESSION_HPP
#define SYNTHBENCH_GTEST_REGRESSION_HPP

/// @file
/// Model-upgrade gating against a blessed baseline (docs/assertions.md):
///
///     EXPECT_NO_REGRESSION(baseline_file, current_table, tolerance)
///
/// Fails naming every approach and dataset (real and each generator) whose score fell by more
/// than `tolerance` (absolute; scores are higher-is-better) since the baseline, and every
/// score the baseline has that the current table lacks. With SYNTHBENCH_BLESS=1 in the
/// environment it instead rewrites `baseline_file` atomically with the current table, passes,
/// and says so in the test output (selective blessing: bless.hpp). The baseline uses the score-table JSON format of
/// `synthbench meta`; a relative path resolves against the working directory (ctest's
/// WORKING_DIRECTORY).
///
/// Sample failure:
///
///     Expected: no ent_type_f1 score of current below its baseline by more than 0.02
///       Actual: 2 regressions against .../politics.json
///       real / gpt-4o-mini: 0.7430 -> 0.6000 (-0.1430)
///       synthetic gpt-4o / gpt-4o-mini: 0.5793 -> 0.5000 (-0.0793)
///     If the new scores are intended, bless them: SYNTHBENCH_BLESS=1 .../your_test --gtest_filter=...
///
/// A passing assertion records `synthbench.no_regression.<metric>.<file name>` = number of
/// scores compared.

#include <gtest/gtest.h>  // EXPECT_PRED_FORMAT3, ::testing::AssertionResult, ::testing::UnitTest

#include <exception>   // std::exception
#include <filesystem>  // std::filesystem::path, std::filesystem::exists
#include <optional>    // std::nullopt
#include <utility>     // std::move
#include <string>      // std::string
#include <vector>      // std::vector

#include "synthbench/detail/files.hpp"
#include "synthbench/detail/format.hpp"
#include "synthbench/gtest/bless.hpp"
#include "synthbench/gtest/detail/deferred.hpp"
#include "synthbench/gtest/detail/property.hpp"
#include "synthbench/gtest/rerun_command.hpp"
#include "synthbench/scores/approach_scores.hpp"
#include "synthbench/scores/score_table.hpp"
#include "synthbench/scores/score_table_json.hpp"
#include "synthbench/version.hpp"

SYNTHBENCH_NAMESPACE_BEGIN
namespace gtest {

/// One score that fell (or vanished) since the baseline.
struct Regression {
  std::string dataset;    ///< "real" or a generator
  std::string approach;   ///< the approach
  double baseline = 0.0;  ///< its baseline score
  double current = 0.0;   ///< its current score (meaningless when missing)
  bool missing = false;   ///< the current table has no such score
};

/// Every score of `baseline` that `current` lacks or that fell by more than `tolerance`.
inline std::vector<Regression> find_regressions(const ScoreTable& baseline, const ScoreTable& current, double tolerance) {
  std::vector<Regression> out;
  const auto compare = [&](const ApproachScores& before, const ApproachScores* after) {
    for (const auto& e : before) {
      const auto now = after != nullptr ? after->find(e.approach) : std::nullopt;
      if (!now) {
        out.push_back({before.dataset(), e.approach, e.score, 0.0, true});
      } else if (*now < e.score - tolerance) {
        out.push_back({before.dataset(), e.approach, e.score, *now, false});
      }
    }
  };
  compare(baseline.real(), &current.real());
  for (const auto& g : baseline.generators()) {
    compare(g, current.has_synthetic(g.dataset()) ? &current.synthetic(g.dataset()) : nullptr);
  }
  return out;
}

namespace detail {

/// What changed from `before` to `after`, one indented line per score that moved, appeared or
/// vanished ("" when nothing did).
inline std::string score_table_changes(const ScoreTable& before, const ScoreTable& after) {
  using synthbench::detail::fixed;
  using synthbench::detail::signed_fixed;
  std::string out;
  const auto compare = [&out](const std::string& where, const ApproachScores* old_scores, const ApproachScores* new_scores) {
    if (old_scores != nullptr) {
      for (const auto& e : *old_scores) {
        const auto now = new_scores != nullptr ? new_scores->find(e.approach) : std::nullopt;
        if (!now) {
          out += "  " + where + " / " + e.approach + ": " + fixed(e.score, 4) + " -> removed\n";
        } else if (*now != e.score) {
          out += "  " + where + " / " + e.approach + ": " + fixed(e.score, 4) + " -> " + fixed(*now, 4) + " (" +
                 signed_fixed(*now - e.score, 4) + ")\n";
        }
      }
    }
    if (new_scores != nullptr) {
      for (const auto& e : *new_scores) {
        if (old_scores == nullptr || !old_scores->find(e.approach)) {
          out += "  " + where + " / " + e.approach + ": new, " + fixed(e.score, 4) + "\n";
        }
      }
    }
  };
  compare("real", &before.real(), &after.real());
  for (const auto& g : before.generators()) {
    compare("synthetic " + g.dataset(), &g, after.has_synthetic(g.dataset()) ? &after.synthetic(g.dataset()) : nullptr);
  }
  for (const auto& g : after.generators()) {
    if (!before.has_synthetic(g.dataset())) compare("synthetic " + g.dataset(), nullptr, &g);
  }
  return out;
}

}  // namespace detail

/// Predicate-formatter: no score of the baseline in `baseline_file` fell by more than
/// `tolerance` in `current` (or, with SYNTHBENCH_BLESS=1, rewrite the baseline).
inline ::testing::AssertionResult no_regression(const char*, const char* current_expr, const char*,
                                                const std::filesystem::path& baseline_file, const ScoreTable& current,
                                                double tolerance) {
  using synthbench::detail::fixed;
  using synthbench::detail::signed_fixed;
  const std::string path = baseline_file.string();
  const std::string bless_hint = rerun_command({{"SYNTHBENCH_BLESS", "1"}});
  if (bless_requested()) {
    current.validate();
    BlessRequest request{baseline_file, dump_score_table(current), current.metric() + "; from " + current_expr, ""};
    if (std::filesystem::exists(baseline_file)) {
      try {
        request.changes = detail::score_table_changes(read_score_table(baseline_file), current);
      } catch (const std::exception& e) {
        request.changes = std::string("  the old baseline could not be read: ") + e.what() + "\n";
      }
    } else {
      request.changes = "  a new baseline\n";
    }
    return request_bless(std::move(request));
  }
  if (!std::filesystem::exists(baseline_file)) {
    return ::testing::AssertionFailure() << "Expected: a baseline at " << path
                                         << "\n  Actual: no such file\nCreate it from the current scores: " << bless_hint;
  }
  const ScoreTable baseline = read_score_table(baseline_file);
  if (baseline.metric() != current.metric()) {
    return ::testing::AssertionFailure() << "Expected: " << current_expr << " to be scored in the baseline's metric '"
                                         << baseline.metric() << "'\n  Actual: '" << current.metric() << "' (baseline "
                                         << path << ")";
  }
  const auto regressions = find_regressions(baseline, current, tolerance);
  if (regressions.empty()) {
    std::size_t compared = baseline.real().size();
    for (const auto& g : baseline.generators()) compared += g.size();
    detail::record_count("synthbench.no_regression." + current.metric() + "." + baseline_file.filename().string(),
                         compared);
    return ::testing::AssertionSuccess();
  }
  auto failure = ::testing::AssertionFailure();
  failure << "Expected: no " << current.metric() << " score of " << current_expr
          << " below its baseline by more than " << synthbench::detail::general(tolerance, 6) << "\n  Actual: "
          << std::to_string(regressions.size()) << (regressions.size() == 1 ? " regression" : " regressions") << " against " << path
          << "\n";
  for (const auto& r : regressions) {
    const std::string where = r.dataset == "real" ? "real" : "synthetic " + r.dataset;
    if (r.missing) {
      failure << "  " << where << " / " << r.approach << ": " << fixed(r.baseline, 4) << " -> missing\n";
    } else {
      failure << "  " << where << " / " << r.approach << ": " << fixed(r.baseline, 4) << " -> " << fixed(r.current, 4)
              << " (" << signed_fixed(r.current - r.baseline, 4) << ")\n";
    }
  }
  return failure << "If the new scores are intended, bless them: " << bless_hint;
}

}  // namespace gtest
SYNTHBENCH_NAMESPACE_END

/// No score of the baseline in `baseline_file` fell by more than `tolerance` in `current_table`.
#define SYNTHBENCH_EXPECT_NO_REGRESSION(baseline_file, current_table, tolerance)                                 \
  SYNTHBENCH_DETAIL_PRED_FORMAT3(EXPECT_PRED_FORMAT3, ::synthbench::gtest::no_regression, baseline_file, \
                                 current_table, tolerance)
/// ASSERT_ twin of SYNTHBENCH_EXPECT_NO_REGRESSION.
#define SYNTHBENCH_ASSERT_NO_REGRESSION(baseline_file, current_table, tolerance)                                 \
  SYNTHBENCH_DETAIL_PRED_FORMAT3(ASSERT_PRED_FORMAT3, ::synthbench::gtest::no_regression, baseline_file, \
                                 current_table, tolerance)

#ifndef SYNTHBENCH_NO_SHORT_MACROS
#define EXPECT_NO_REGRESSION(baseline_file, current_table, tolerance) \
  SYNTHBENCH_EXPECT_NO_REGRESSION(baseline_file, current_table, tolerance)
#define ASSERT_NO_REGRESSION(baseline_file, current_table, tolerance) \
  SYNTHBENCH_ASSERT_NO_REGRESSION(baseline_file, current_table, tolerance)
#endif  // SYNTHBENCH_NO_SHORT_MACROS

#endif  // SYNTHBENCH_GTEST_REGRESSION_HPP
