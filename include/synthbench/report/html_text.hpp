#ifndef SYNTHBENCH_REPORT_HTML_TEXT_HPP
#define SYNTHBENCH_REPORT_HTML_TEXT_HPP

/// @file
/// Text and numbers for report.html: escaping for HTML text and attribute values, and SVG
/// coordinates with one decimal (locale-independent, detail/format.hpp).

#include <string>  // std::string

#include "synthbench/detail/format.hpp"
#include "synthbench/version.hpp"

SYNTHBENCH_NAMESPACE_BEGIN
namespace report {
namespace detail {

/// `text` safe inside HTML text and attribute values.
inline std::string html_escape(const std::string& text) {
  std::string out;
  for (const char c : text) {
    switch (c) {
      case '&': out += "&amp;"; break;
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '"': out += "&quot;"; break;
      case '\'': out += "&#39;"; break;
      default: out += c;
    }
  }
  return out;
}

/// An SVG coordinate: one decimal.
inline std::string num(double v) { return synthbench::detail::fixed(v, 1); }

/// The width in pixels that `text` needs at `font_px` in the report's sans-serif font: 0.62
/// of the font size per character (a little more than the average advance of DejaVu Sans and
/// Helvetica, so that labels are never cut), counting UTF-8 characters, not bytes.
inline double text_width(const std::string& text, double font_px) {
  double chars = 0;
  for (const char c : text) chars += (static_cast<unsigned char>(c) & 0xC0u) != 0x80u ? 1.0 : 0.0;
  return chars * 0.62 * font_px;
}

}  // namespace detail
}  // namespace report
SYNTHBENCH_NAMESPACE_END

#endif  // SYNTHBENCH_REPORT_HTML_TEXT_HPP
