#ifndef SYNTHBENCH_REPORT_AGREEMENT_CHART_HPP
#define SYNTHBENCH_REPORT_AGREEMENT_CHART_HPP

/// @file
/// The agreement chart of report.html: agreement at a glance. One point per approach, its
/// real score on the x axis and its score on a synthetic benchmark (the average of the
/// generators) on the y axis, with the diagonal y = x. Points on the diagonal score the same on
/// both data sets (MSPD 0); points below it do worse on the synthetic data (harder data);
/// points whose order along x is their order along y are ranked alike (SRCC 1). Each point is
/// a `<circle class="agree" data-approach=... data-real=... data-synthetic=...>` with its name
/// written beside it in full (moved down, out of the way, when names of close points would
/// overlap); the diagonal is `<line class="diagonal">`.

#include <algorithm>  // std::min, std::max, std::stable_sort
#include <cmath>      // std::floor, std::ceil
#include <string>     // std::string
#include <vector>     // std::vector

#include "synthbench/detail/format.hpp"
#include "synthbench/report/html_text.hpp"
#include "synthbench/scores/score_table.hpp"
#include "synthbench/version.hpp"

SYNTHBENCH_NAMESPACE_BEGIN
namespace report {
namespace detail {

/// The agreement chart of `benchmark` ("average" or a generator) in `table` (see the file
/// comment); an empty string when the table has no such benchmark or no real score.
inline std::string agreement_chart(const ScoreTable& table, const std::string& benchmark, const std::string& title) {
  if (table.real().empty() || !table.has_synthetic(benchmark)) return "";
  const auto& real = table.real();
  const auto& synthetic = table.synthetic(benchmark);
  double lo = 0.0;
  double hi = 1.0;
  double longest = 0.0;
  for (const auto& e : real) {
    const auto s = synthetic.find(e.approach);
    if (!s) continue;
    lo = std::min({lo, e.score, *s});
    hi = std::max({hi, e.score, *s});
    longest = std::max(longest, text_width(e.approach, 10));
  }
  lo = std::floor(lo * 10.0) / 10.0;
  hi = std::ceil(hi * 10.0) / 10.0;
  const double plot = 300;
  const double left = 52;
  const double top = 16;
  const double bottom = 44;
  const double right = longest + 16;  // a label beside the rightmost point stays whole
  const double width = left + plot + right;
  const double height = top + plot + bottom;
  const auto x_of = [&](double v) { return left + plot * (v - lo) / (hi - lo); };
  const auto y_of = [&](double v) { return top + plot * (hi - v) / (hi - lo); };
  std::string svg = "<svg class=\"agreement\" role=\"img\" viewBox=\"0 0 " + num(width) + " " + num(height) + "\" width=\"" +
                    num(width) + "\" height=\"" + num(height) + "\" xmlns=\"http://www.w3.org/2000/svg\"><title>" +
                    html_escape(title) + "</title>";
  for (int t = 0; t <= 5; ++t) {
    const double v = lo + (hi - lo) * t / 5.0;
    svg += "<line class=\"grid\" x1=\"" + num(left) + "\" x2=\"" + num(left + plot) + "\" y1=\"" + num(y_of(v)) + "\" y2=\"" +
           num(y_of(v)) + "\"/><line class=\"grid\" x1=\"" + num(x_of(v)) + "\" x2=\"" + num(x_of(v)) + "\" y1=\"" + num(top) +
           "\" y2=\"" + num(top + plot) + "\"/><text class=\"tick\" x=\"" + num(left - 6) + "\" y=\"" + num(y_of(v) + 4) +
           "\" text-anchor=\"end\">" + synthbench::detail::fixed(v, 2) + "</text><text class=\"tick\" x=\"" + num(x_of(v)) +
           "\" y=\"" + num(top + plot + 16) + "\" text-anchor=\"middle\">" + synthbench::detail::fixed(v, 2) + "</text>";
  }
  svg += "<line class=\"diagonal\" x1=\"" + num(x_of(lo)) + "\" y1=\"" + num(y_of(lo)) + "\" x2=\"" + num(x_of(hi)) + "\" y2=\"" +
         num(y_of(hi)) + "\" stroke=\"#999999\" stroke-dasharray=\"5 4\"/>";
  svg += "<text class=\"axis\" x=\"" + num(left + plot / 2) + "\" y=\"" + num(height - 6) + "\" text-anchor=\"middle\">real " +
         html_escape(table.metric()) + "</text><text class=\"axis\" transform=\"translate(14," + num(top + plot / 2) +
         ") rotate(-90)\" text-anchor=\"middle\">" + html_escape(benchmark) + " " + html_escape(table.metric()) + "</text>";
  // Labels beside their points, moved down where they would overlap one placed before (points
  // of close scores cluster): placed top to bottom, each below any earlier label it collides with.
  struct Label {
    double x, y, width;
    std::string text;
  };
  std::vector<Label> labels;
  for (const auto& e : real) {
    const auto s = synthetic.find(e.approach);
    if (!s) continue;
    const std::string r4 = synthbench::detail::fixed(e.score, 4);
    const std::string s4 = synthbench::detail::fixed(*s, 4);
    svg += "<circle class=\"agree\" data-approach=\"" + html_escape(e.approach) + "\" data-real=\"" + r4 +
           "\" data-synthetic=\"" + s4 + "\" cx=\"" + num(x_of(e.score)) + "\" cy=\"" + num(y_of(*s)) +
           "\" r=\"4\" fill=\"#0072B2\"><title>" + html_escape(e.approach + ": real " + r4 + ", " + benchmark + " " + s4) +
           "</title></circle>";
    labels.push_back({x_of(e.score) + 7, y_of(*s) + 3.5, text_width(e.approach, 10), e.approach});
  }
  // Rows count as apart from 11 px less a rounding margin: y + 11 - y can be 10.999999999999972
  // in doubles, which once read as a collision moved a label to where it was, forever. So each
  // move takes a label strictly lower, to one of the i places 11 px under an earlier label, and
  // label i moves at most i times.
  const double row = 11.0 - 1e-6;
  std::stable_sort(labels.begin(), labels.end(), [](const Label& a, const Label& b) { return a.y < b.y; });
  for (std::size_t i = 0; i < labels.size(); ++i) {
    for (bool moved = true; moved;) {
      moved = false;
      for (std::size_t j = 0; j < i; ++j) {
        const bool same_row = labels[i].y - labels[j].y < row && labels[j].y - labels[i].y < row;
        const bool side_by_side = labels[i].x < labels[j].x + labels[j].width && labels[j].x < labels[i].x + labels[i].width;
        if (same_row && side_by_side) {
          labels[i].y = labels[j].y + 11.0;
          moved = true;
        }
      }
    }
    svg += "<text class=\"label\" x=\"" + num(labels[i].x) + "\" y=\"" + num(labels[i].y) + "\">" + html_escape(labels[i].text) +
           "</text>";
  }
  return svg + "</svg>";
}

}  // namespace detail
}  // namespace report
SYNTHBENCH_NAMESPACE_END

#endif  // SYNTHBENCH_REPORT_AGREEMENT_CHART_HPP
