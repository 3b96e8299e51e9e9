#ifndef SYNTHBENCH_REPORT_HTML_REPORT_HPP
#define SYNTHBENCH_REPORT_HTML_REPORT_HPP

/// @file
/// report.html: one self-contained page that opens offline. No script at all (a
/// Content-Security-Policy forbids any), no external resource; charts are inline SVG. It opens
/// with the summary (html_summary.hpp: per experiment the headline SRCC with its p-value and
/// interval, MSPD, the spread over draws of test items, the verdict of its gates), then:
///
/// - per experiment, the agreement chart (agreement_chart.hpp: real score against the score
///   on the headline synthetic benchmark, one point per approach, with the diagonal);
/// - per experiment and metric, a line chart: the approaches on the x axis (ordered by real
///   score), the score on the y axis, one line per data source (the real data, each
///   generator, the average). Lines that stay parallel to the real one mean the synthetic
///   benchmark ranks approaches as the real data does; crossings are rank swaps. Each line is
///   a <polyline data-source="..."> (tests count them). Legends and axis labels show whole
///   names: the chart widens to fit the longest (html_text.hpp's text_width).
/// - a bias-factor heatmap, model x experiment (diverging colour scale, values printed).
/// - a difficulty-gap chart: per experiment and generator, the mean of synthetic minus real
///   on the first metric, as bars left (harder) or right (easier) of zero.
/// The tables of report.md follow the charts.

#include <algorithm>  // std::min, std::max, std::stable_sort
#include <cmath>      // std::floor, std::ceil, std::fabs
#include <cstddef>    // std::size_t
#include <cstdio>     // std::snprintf
#include <map>        // std::map
#include <string>     // std::string
#include <utility>    // std::pair
#include <vector>     // std::vector

#include "synthbench/detail/format.hpp"
#include "synthbench/report/agreement_chart.hpp"
#include "synthbench/report/html_summary.hpp"
#include "synthbench/report/html_text.hpp"
#include "synthbench/report/report_data.hpp"
#include "synthbench/scores/meta_summary.hpp"
#include "synthbench/version.hpp"

SYNTHBENCH_NAMESPACE_BEGIN
namespace report {
namespace detail {

/// Colours of the data sources: real in black, generators from a colour-blind-safe palette
/// (Okabe & Ito 2008), the average in grey.
inline std::string series_colour(std::size_t generator_index) {
  static const char* palette[] = {"#E69F00", "#56B4E9", "#009E73", "#D55E00", "#CC79A7", "#0072B2", "#F0E442"};
  return palette[generator_index % 7];
}

/// A line chart of one score table (see the file comment).
inline std::string score_chart(const ScoreTable& table, const std::string& title) {
  const auto& real = table.real();
  std::vector<std::string> approaches = real.approaches();
  std::stable_sort(approaches.begin(), approaches.end(),
                   [&real](const std::string& a, const std::string& b) { return real.at(a) > real.at(b); });
  std::vector<std::pair<std::string, const ApproachScores*>> series{{"real", &real}};
  for (const auto& name : table.synthetic_names()) series.push_back({name, &table.synthetic(name)});
  double lo = 0.0;
  double hi = 1.0;
  for (const auto& [name, scores] : series) {
    for (const auto& e : *scores) {
      lo = std::min(lo, e.score);
      hi = std::max(hi, e.score);
    }
  }
  lo = std::floor(lo * 10.0) / 10.0;
  hi = std::ceil(hi * 10.0) / 10.0;
  // Room for whole names: the legend at the right, the approaches' labels (rotated 30
  // degrees) below the plot and, for the last one, to its right.
  double legend = 0.0;
  for (const auto& [name, scores] : series) legend = std::max(legend, text_width(name, 11));
  double label = 0.0;
  for (const auto& a : approaches) label = std::max(label, text_width(a, 11));
  const double left = 50;
  const double plot_w = 340;
  const double right = std::max({150.0, legend + 52.0, 0.87 * label + 12.0});
  const double width = left + plot_w + right;
  const double top = 28;
  const double bottom = std::max(92.0, 0.5 * label + 30.0);
  const double height = std::max(300.0, top + 14.0 * static_cast<double>(series.size()) + 20.0) + (bottom - 92.0);
  const double plot_h = height - top - bottom;
  const std::size_t n = approaches.size();
  const auto x_of = [&](std::size_t i) { return left + (n <= 1 ? plot_w / 2 : plot_w * static_cast<double>(i) / static_cast<double>(n - 1)); };
  const auto y_of = [&](double v) { return top + plot_h * (hi - v) / (hi - lo); };
  std::string svg = "<svg class=\"chart\" role=\"img\" viewBox=\"0 0 " + num(width) + " " + num(height) +
                    "\" width=\"" + num(width) + "\" height=\"" + num(height) + "\" xmlns=\"http://www.w3.org/2000/svg\">"
                    "<title>" + html_escape(title) + "</title>";
  // Axes and grid.
  for (int t = 0; t <= 5; ++t) {
    const double v = lo + (hi - lo) * t / 5.0;
    svg += "<line x1=\"" + num(left) + "\" x2=\"" + num(left + plot_w) + "\" y1=\"" + num(y_of(v)) + "\" y2=\"" + num(y_of(v)) +
           "\" class=\"grid\"/><text x=\"" + num(left - 6) + "\" y=\"" + num(y_of(v) + 4) + "\" class=\"tick\" text-anchor=\"end\">" +
           synthbench::detail::fixed(v, 2) + "</text>";
  }
  for (std::size_t i = 0; i < n; ++i) {
    svg += "<text class=\"tick\" transform=\"translate(" + num(x_of(i)) + "," + num(top + plot_h + 14) +
           ") rotate(30)\" text-anchor=\"start\">" + html_escape(approaches[i]) + "</text>";
  }
  svg += "<text class=\"axis\" transform=\"translate(14," + num(top + plot_h / 2) + ") rotate(-90)\" text-anchor=\"middle\">" +
         html_escape(table.metric()) + "</text>";
  // One line per data source.
  std::size_t generator_index = 0;
  for (std::size_t s = 0; s < series.size(); ++s) {
    const auto& [name, scores] = series[s];
    const bool is_real = name == "real";
    const bool is_average = name == ScoreTable::average_name;
    const std::string colour = is_real ? "#000000" : (is_average ? "#777777" : series_colour(generator_index++));
    std::string points;
    std::string marks;
    for (std::size_t i = 0; i < n; ++i) {
      const auto v = scores->find(approaches[i]);
      if (!v) continue;
      points += (points.empty() ? "" : " ") + num(x_of(i)) + "," + num(y_of(*v));
      marks += "<circle cx=\"" + num(x_of(i)) + "\" cy=\"" + num(y_of(*v)) + "\" r=\"3\" fill=\"" + colour + "\"><title>" +
               html_escape(name + ", " + approaches[i] + ": " + synthbench::detail::fixed(*v, 4)) + "</title></circle>";
    }
    svg += "<polyline class=\"series\" data-source=\"" + html_escape(name) + "\" points=\"" + points + "\" fill=\"none\" stroke=\"" +
           colour + "\" stroke-width=\"" + (is_real ? "3" : "1.8") + "\"" + (is_average ? " stroke-dasharray=\"6 4\"" : "") + "/>" +
           marks;
    const double ly = top + 14.0 * static_cast<double>(s);
    svg += "<line x1=\"" + num(width - right + 12) + "\" x2=\"" + num(width - right + 36) + "\" y1=\"" + num(ly) + "\" y2=\"" +
           num(ly) + "\" stroke=\"" + colour + "\" stroke-width=\"" + (is_real ? "3" : "1.8") + "\"" +
           (is_average ? " stroke-dasharray=\"6 4\"" : "") + "/><text class=\"legend\" x=\"" + num(width - right + 42) +
           "\" y=\"" + num(ly + 4) + "\">" + html_escape(name) + "</text>";
  }
  return svg + "</svg>";
}

/// Red for positive, blue for negative, white at zero; saturated at |v| >= limit.
inline std::string diverging_colour(double v, double limit) {
  const double t = std::min(1.0, std::fabs(v) / limit);
  const auto channel = [t](int full) { return static_cast<int>(255.0 + (full - 255.0) * t); };
  char buffer[8];
  if (v >= 0) {
    std::snprintf(buffer, sizeof buffer, "#%02x%02x%02x", channel(202), channel(0), channel(32));
  } else {
    std::snprintf(buffer, sizeof buffer, "#%02x%02x%02x", channel(5), channel(113), channel(176));
  }
  return buffer;
}

/// Our own Markdown (render_markdown's subset: "#" headings, "|" tables with a rule row,
/// "- " lists, paragraphs, **bold**, `code`, backslash escapes) as HTML.
inline std::string markdown_to_html(const std::string& md) {
  const auto inline_html = [](const std::string& text) {
    std::string out;
    bool bold = false;
    bool code = false;
    for (std::size_t i = 0; i < text.size(); ++i) {
      const char c = text[i];
      if (c == '\\' && i + 1 < text.size()) {
        out += html_escape(std::string(1, text[++i]));
      } else if (c == '`') {
        out += code ? "</code>" : "<code>";
        code = !code;
      } else if (!code && c == '*' && i + 1 < text.size() && text[i + 1] == '*') {
        out += bold ? "</strong>" : "<strong>";
        bold = !bold;
        ++i;
      } else {
        out += html_escape(std::string(1, c));
      }
    }
    if (code) out += "</code>";
    if (bold) out += "</strong>";
    return out;
  };
  const auto cells = [](const std::string& row) {
    std::vector<std::string> out;
    std::string cell;
    for (std::size_t i = 1; i < row.size(); ++i) {  // skip the leading '|'
      if (row[i] == '\\' && i + 1 < row.size()) {
        cell += row[i];
        cell += row[++i];
      } else if (row[i] == '|') {
        const auto first = cell.find_first_not_of(' ');
        const auto last = cell.find_last_not_of(' ');
        out.push_back(first == std::string::npos ? "" : cell.substr(first, last - first + 1));
        cell.clear();
      } else {
        cell += row[i];
      }
    }
    return out;
  };
  std::vector<std::string> lines;
  std::size_t start = 0;
  while (start <= md.size()) {
    const std::size_t end = md.find('\n', start);
    lines.push_back(md.substr(start, end == std::string::npos ? std::string::npos : end - start));
    if (end == std::string::npos) break;
    start = end + 1;
  }
  std::string html;
  std::size_t i = 0;
  while (i < lines.size()) {
    const std::string& line = lines[i];
    if (line.empty()) {
      ++i;
    } else if (line[0] == '#') {
      const std::size_t level = line.find_first_not_of('#');
      const std::string tag = "h" + std::to_string(std::min<std::size_t>(level + 1, 6));
      html += "<" + tag + ">" + inline_html(line.substr(std::min(level + 1, line.size()))) + "</" + tag + ">";
      ++i;
    } else if (line[0] == '|') {
      // The alignment row ("| --- | ---: | :---: |") gives each column a class: l, r or c.
      std::vector<std::string> align;
      for (std::size_t j = i; j < lines.size() && !lines[j].empty() && lines[j][0] == '|'; ++j) {
        if (lines[j].find("---") != std::string::npos && lines[j].find_first_not_of("|-: ") == std::string::npos) {
          for (const auto& c : cells(lines[j])) {
            const bool left = !c.empty() && c.front() == ':';
            const bool right = !c.empty() && c.back() == ':';
            align.push_back(left && right ? "c" : (right ? "r" : "l"));
          }
          break;
        }
      }
      html += "<table>";
      bool header = true;
      for (; i < lines.size() && !lines[i].empty() && lines[i][0] == '|'; ++i) {
        if (lines[i].find("---") != std::string::npos && lines[i].find_first_not_of("|-: ") == std::string::npos) continue;
        html += "<tr>";
        const auto row = cells(lines[i]);
        for (std::size_t c = 0; c < row.size(); ++c) {
          const std::string cls = c < align.size() ? " class=\"" + align[c] + "\"" : std::string();
          html += (header ? "<th" : "<td") + cls + ">" + inline_html(row[c]) + (header ? "</th>" : "</td>");
        }
        html += "</tr>";
        header = false;
      }
      html += "</table>";
    } else if (line.rfind("- ", 0) == 0) {
      html += "<ul>";
      for (; i < lines.size() && lines[i].rfind("- ", 0) == 0; ++i) html += "<li>" + inline_html(lines[i].substr(2)) + "</li>";
      html += "</ul>";
    } else {
      html += "<p>" + inline_html(line) + "</p>";
      ++i;
    }
  }
  return html;
}

/// `md` without its leading "# title" line (the page has its own heading).
inline std::string without_title(const std::string& md) {
  if (md.rfind("# ", 0) != 0) return md;
  const std::size_t end = md.find('\n');
  return end == std::string::npos ? std::string() : md.substr(end + 1);
}

}  // namespace detail

/// The HTML report of `data` (see the file comment); `markdown_tables` (pass
/// render_markdown(data)) follows the charts, as HTML tables.
inline std::string render_html(const ReportData& data, const std::string& markdown_tables) {
  using detail::html_escape;
  std::string body;
  // Bias factors and difficulty gaps on each experiment's first metric.
  std::map<std::string, std::map<std::string, double>> bias;
  std::vector<std::string> bias_columns;
  std::vector<std::pair<std::string, std::vector<std::pair<std::string, double>>>> gaps;
  for (const auto& e : data.experiments) {
    body += "<section><h2>" + html_escape(e.name) + " <small>(" + html_escape(e.task) + ")</small></h2><div class=\"charts\">";
    if (!e.metrics.empty() && e.metrics.front().table.problems().empty() && !e.metrics.front().table.generators().empty()) {
      const ScoreTable& first = e.metrics.front().table;
      const std::string benchmark =
          first.generators().size() == 1 ? first.synthetic_names().front() : std::string(ScoreTable::average_name);
      const auto r = srcc(first.real(), first.synthetic(benchmark));
      const auto p = srcc_exact_p(first.real(), first.synthetic(benchmark));
      body += "<figure>" +
              detail::agreement_chart(first, benchmark, e.name + ": real against " + benchmark + " " + first.metric() +
                                                             " per approach") +
              "<figcaption>" + html_escape(e.name) + ", " + html_escape(first.metric()) + ": each approach's real score "
              "against its score on the " + html_escape(benchmark) + " benchmark (SRCC " +
              (r ? synthbench::detail::fixed(r.value(), 2) : std::string("n/a")) +
              (p ? ", exact p " + synthbench::detail::general(p.value().p, 2) : std::string()) +
              "). On the dashed diagonal both agree; below it the synthetic data is harder.</figcaption></figure>";
    }
    for (const auto& m : e.metrics) {
      if (m.table.real().empty() || m.table.generators().empty()) continue;
      body += "<figure>" + detail::score_chart(m.table, e.name + ": " + m.table.metric() + " of each approach per data source") +
              "<figcaption>" + html_escape(e.name) + ", " + html_escape(m.table.metric()) +
              ": one line per data source; lines parallel to the real one rank the approaches as the real data does.</figcaption></figure>";
    }
    body += "</div></section>";
    if (e.metrics.empty() || !e.metrics.front().table.problems().empty()) continue;
    const MetaSummary s = summarize(e.metrics.front().table);
    if (!s.bias_factors.empty()) bias_columns.push_back(e.name);
    for (const auto& [model, bf] : s.bias_factors) {
      if (bf) bias[model][e.name] = bf.value();
    }
    std::vector<std::pair<std::string, double>> row;
    for (const auto& d : s.datasets) {
      if (d.difficulty_gap) row.push_back({d.dataset, d.difficulty_gap.value()});
    }
    gaps.push_back({e.name + " (" + e.metrics.front().table.metric() + ")", row});
  }
  // Bias-factor heatmap.
  std::string heatmap = "<section><h2>Bias factor</h2>";
  if (bias.empty()) {
    heatmap += "<p>No model is both a generator and a solver in these experiments.</p>";
  } else {
    const double cell_w = 110;
    const double cell_h = 28;
    const double label_w = 230;
    const double w = label_w + cell_w * static_cast<double>(bias_columns.size());
    const double h = 40 + cell_h * static_cast<double>(bias.size());
    heatmap += "<svg class=\"heatmap\" role=\"img\" viewBox=\"0 0 " + detail::num(w) + " " + detail::num(h) + "\" width=\"" +
               detail::num(w) + "\" height=\"" + detail::num(h) + "\" xmlns=\"http://www.w3.org/2000/svg\"><title>Bias factor, model x experiment</title>";
    for (std::size_t c = 0; c < bias_columns.size(); ++c) {
      heatmap += "<text class=\"tick\" x=\"" + detail::num(label_w + cell_w * (static_cast<double>(c) + 0.5)) +
                 "\" y=\"24\" text-anchor=\"middle\">" + html_escape(bias_columns[c]) + "</text>";
    }
    std::size_t r = 0;
    for (const auto& [model, row] : bias) {
      const double y = 32 + cell_h * static_cast<double>(r++);
      heatmap += "<text class=\"tick\" x=\"" + detail::num(label_w - 8) + "\" y=\"" + detail::num(y + 18) +
                 "\" text-anchor=\"end\">" + html_escape(model) + "</text>";
      for (std::size_t c = 0; c < bias_columns.size(); ++c) {
        const auto it = row.find(bias_columns[c]);
        const double x = label_w + cell_w * static_cast<double>(c);
        if (it == row.end()) continue;
        heatmap += "<rect class=\"cell\" x=\"" + detail::num(x + 1) + "\" y=\"" + detail::num(y) + "\" width=\"" +
                   detail::num(cell_w - 2) + "\" height=\"" + detail::num(cell_h - 2) + "\" fill=\"" +
                   detail::diverging_colour(it->second, 0.15) + "\"><title>" +
                   html_escape(model + " on " + bias_columns[c] + ": " + synthbench::detail::signed_fixed(it->second, 3)) +
                   "</title></rect><text class=\"value\" x=\"" + detail::num(x + cell_w / 2) + "\" y=\"" + detail::num(y + 18) +
                   "\" text-anchor=\"middle\">" + synthbench::detail::signed_fixed(it->second, 3) + "</text>";
      }
    }
    heatmap += "</svg><p class=\"note\">Red: the model does better on its own data than its standing elsewhere predicts; "
               "blue: worse. Saturated at |0.15|.</p>";
  }
  heatmap += "</section>";
  // Difficulty-gap chart.
  std::string gap_chart = "<section><h2>Difficulty gap</h2>";
  std::size_t bars = 0;
  double extent = 0.05;
  for (const auto& [name, row] : gaps) {
    bars += row.size();
    for (const auto& [g, v] : row) extent = std::max(extent, std::fabs(v));
  }
  if (bars == 0) {
    gap_chart += "<p>No difficulty gap to show.</p>";
  } else {
    const double bar_h = 16;
    const double label_w = 300;
    const double half = 220;
    double y = 10;
    std::string bars_svg;
    for (const auto& [name, row] : gaps) {
      bars_svg += "<text class=\"group\" x=\"4\" y=\"" + detail::num(y + 12) + "\">" + html_escape(name) + "</text>";
      y += 18;
      for (const auto& [g, v] : row) {
        const double len = half * std::fabs(v) / extent;
        const double x = v >= 0 ? label_w + half : label_w + half - len;
        bars_svg += "<text class=\"tick\" x=\"" + detail::num(label_w - 8) + "\" y=\"" + detail::num(y + 12) +
                    "\" text-anchor=\"end\">" + html_escape(g) + "</text><rect class=\"bar\" data-gap=\"" +
                    html_escape(g) + "\" x=\"" + detail::num(x) + "\" y=\"" + detail::num(y + 2) + "\" width=\"" +
                    detail::num(std::max(len, 0.5)) + "\" height=\"" + detail::num(bar_h - 4) + "\" fill=\"" +
                    (v >= 0 ? "#D55E00" : "#0072B2") + "\"><title>" +
                    html_escape(name + ", " + g + ": " + synthbench::detail::signed_fixed(v, 3)) + "</title></rect>";
        y += bar_h;
      }
      y += 8;
    }
    const double w = label_w + 2 * half + 20;
    gap_chart += "<svg class=\"gaps\" role=\"img\" viewBox=\"0 0 " + detail::num(w) + " " + detail::num(y + 20) + "\" width=\"" +
                 detail::num(w) + "\" height=\"" + detail::num(y + 20) + "\" xmlns=\"http://www.w3.org/2000/svg\">"
                 "<title>Difficulty gap: mean of synthetic minus real score</title>" + bars_svg +
                 "<line class=\"zero\" x1=\"" + detail::num(label_w + half) + "\" x2=\"" + detail::num(label_w + half) +
                 "\" y1=\"0\" y2=\"" + detail::num(y) + "\"/><text class=\"tick\" x=\"" + detail::num(label_w) + "\" y=\"" +
                 detail::num(y + 14) + "\">harder (" + synthbench::detail::signed_fixed(-extent, 2) + ")</text><text class=\"tick\" x=\"" +
                 detail::num(label_w + 2 * half) + "\" y=\"" + detail::num(y + 14) + "\" text-anchor=\"end\">easier (" +
                 synthbench::detail::signed_fixed(extent, 2) + ")</text></svg>"
                 "<p class=\"note\">Mean over approaches of the synthetic score minus the real score, on each "
                 "experiment's first metric. Right of zero: the synthetic data is easier than the real data.</p>";
  }
  gap_chart += "</section>";
  return "<!doctype html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
         "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'; img-src data:\">"
         "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
         "<title>synthbench report</title><style>"
         "body{font-family:system-ui,-apple-system,'Segoe UI',sans-serif;margin:24px auto;max-width:1180px;color:#222;padding:0 16px}"
         "h1{font-size:1.6em}h2{font-size:1.25em;border-bottom:1px solid #ddd;padding-bottom:4px;margin-top:32px}"
         "small{color:#666;font-weight:normal}figure{margin:12px 0}figcaption,.note{color:#555;font-size:.9em}"
         "svg text{font-family:inherit}.tick{font-size:11px;fill:#333}.axis,.group{font-size:12px;fill:#222;font-weight:600}"
         ".legend{font-size:11px;fill:#222}.value{font-size:11px;fill:#111}.grid{stroke:#e5e5e5;stroke-width:1}"
         ".zero{stroke:#222;stroke-width:1}.charts{display:flex;flex-wrap:wrap;gap:8px 24px}figure{flex:0 0 auto;display:table}figure figcaption{display:table-caption;caption-side:bottom}"
         "table{border-collapse:collapse;margin:8px 0 16px;font-size:13px}th,td{border:1px solid #ddd;padding:3px 8px;text-align:right}"
         "th.l,td.l{text-align:left}th.c,td.c{text-align:center}th{background:#f3f3f3}code{font-size:12px;background:#f6f6f6}"
         ".tables h2{font-size:1.15em}.tables h3{font-size:1.05em;margin-top:20px}svg{max-width:100%;height:auto}"
         ".label{font-size:10px;fill:#222}" + std::string(detail::summary_css()) +
         "</style></head><body><h1>synthbench report</h1><p>Produced by " + html_escape(data.producer) +
         ". Does synthetic data rank approaches as the real data does?</p>" + detail::summary_html(summary_rows(data)) + body +
         heatmap + gap_chart +
         "<section class=\"tables\"><h2>Tables</h2>" + detail::markdown_to_html(detail::without_title(markdown_tables)) +
         "</section></body></html>\n";
}

}  // namespace report
SYNTHBENCH_NAMESPACE_END

#endif  // SYNTHBENCH_REPORT_HTML_REPORT_HPP
