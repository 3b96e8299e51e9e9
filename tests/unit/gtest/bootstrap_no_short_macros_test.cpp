// With SYNTHBENCH_NO_SHORT_MACROS the bootstrap-bound macros exist only under their canonical
// SYNTHBENCH_ names, and a user's own macro of a short name keeps working.
#define SYNTHBENCH_NO_SHORT_MACROS
#include <synthbench/gtest.hpp>

#include <gtest/gtest-spi.h>
#include <gtest/gtest.h>

#if defined(EXPECT_SRCC_CI_LOWER_GE) || defined(ASSERT_SRCC_CI_LOWER_GE) || defined(EXPECT_MSPD_CI_UPPER_LE) || \
    defined(ASSERT_MSPD_CI_UPPER_LE)
#error "SYNTHBENCH_NO_SHORT_MACROS must suppress the short names of the bootstrap-bound macros"
#endif

namespace {

#define EXPECT_MSPD_CI_UPPER_LE(a, b, c, d) EXPECT_TRUE((a) + (b) + (c) + (d) > 0)

synthbench::ScoreTable constant_table() {
  // Every approach right on all of its items or on none: every resample gives the same scores.
  const auto all = [](bool right, std::size_t n) {
    return synthbench::make_resamplable(
        n, [right](const std::vector<std::uint32_t>&) -> synthbench::Result<double> { return right ? 1.0 : 0.0; });
  };
  synthbench::ScoreTable t("accuracy");
  t.set_real("a", all(true, 5)).set_real("b", all(false, 5));
  t.set_synthetic("g", "a", all(true, 4)).set_synthetic("g", "b", all(false, 4));
  return t;
}

TEST(BootstrapNoShortMacros, CanonicalNamesWork) {
  const synthbench::ScoreTable t = constant_table();
  SYNTHBENCH_EXPECT_SRCC_CI_LOWER_GE(t, "g", 1.0, 0.95);
  SYNTHBENCH_ASSERT_MSPD_CI_UPPER_LE(t, "g", 0.0, 0.95);
  EXPECT_NONFATAL_FAILURE(SYNTHBENCH_EXPECT_MSPD_CI_UPPER_LE(t, "g", -1.0, 0.95),
                          "95% bootstrap upper bound of MSPD(real, g) <= -1");
  EXPECT_MSPD_CI_UPPER_LE(1, 2, 3, 4);
}

}  // namespace
