#ifndef SYNTHBENCH_DETAIL_COMMAND_LINE_HPP
#define SYNTHBENCH_DETAIL_COMMAND_LINE_HPP

/// @file
/// Shell-quoting, and this process's program and command line: what the "re-run this" hints
/// of failures are made of (gtest/rerun_command.hpp builds them; the cassette client uses
/// the command line outside GoogleTest).

#include <cstddef>       // std::size_t
#include <filesystem>    // std::filesystem::read_symlink
#include <fstream>       // std::ifstream (/proc/self/cmdline)
#include <iterator>      // std::istreambuf_iterator
#include <string>        // std::string
#include <system_error>  // std::error_code
#include <vector>        // std::vector

#include "synthbench/version.hpp"

SYNTHBENCH_NAMESPACE_BEGIN
namespace detail {

/// `s` as one word of a POSIX shell: unchanged when made only of characters no shell treats
/// specially, else in single quotes, each ' written as '\'' ("it's" -> 'it'\''s').
inline std::string shell_quote(const std::string& s) {
  if (!s.empty() && s.find_first_not_of("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_-./=:,+@%") ==
                        std::string::npos) {
    return s;
  }
  std::string out = "'";
  for (const char c : s) out += c == '\'' ? std::string("'\\''") : std::string(1, c);
  return out + "'";
}

/// The arguments of this process from /proc/self/cmdline (empty where unavailable).
inline std::vector<std::string> own_arguments() {
  std::ifstream in("/proc/self/cmdline", std::ios::binary);
  const std::string raw((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  std::vector<std::string> out;
  for (std::size_t start = 0; start < raw.size();) {
    std::size_t end = raw.find('\0', start);
    if (end == std::string::npos) end = raw.size();
    out.push_back(raw.substr(start, end - start));
    start = end + 1;
  }
  return out;
}

/// This process's command line, shell-quoted ("" when unavailable).
inline std::string own_command_line() {
  std::string out;
  for (const auto& a : own_arguments()) out += (out.empty() ? "" : " ") + shell_quote(a);
  return out;
}

/// The absolute path of this program (/proc/self/exe), else its argv[0], else "" (where
/// neither is available).
inline std::string own_program() {
  std::error_code error;
  const std::filesystem::path self = std::filesystem::read_symlink("/proc/self/exe", error);
  if (!error && !self.empty()) return self.string();
  const auto args = own_arguments();
  return args.empty() ? std::string() : args.front();
}

}  // namespace detail
SYNTHBENCH_NAMESPACE_END

#endif  // SYNTHBENCH_DETAIL_COMMAND_LINE_HPP
