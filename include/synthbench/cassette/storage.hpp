#ifndef SYNTHBENCH_CASSETTE_STORAGE_HPP
#define SYNTHBENCH_CASSETTE_STORAGE_HPP

/// @file
/// Cassette files on disk: reading, the journal, merging, and atomic, secret-checked writes.
///
/// Files beside `<name>.json`:
///  - `<name>.json.journal`: one interaction per line, appended and fsync'd as each call
///    completes, so a killed recorder loses only the calls in flight; merged into the
///    cassette (and removed) by the next recorder that opens or finishes the cassette.
///  - `<name>.json.lock`: the advisory lock (file_lock.hpp).
/// Replay reads both the cassette and a leftover journal but never writes anything.

#include <fcntl.h>   // ::open, O_* flags
#include <unistd.h>  // ::fsync, ::close

#include <cerrno>      // errno
#include <cstring>     // std::strerror
#include <filesystem>  // std::filesystem
#include <fstream>     // std::ifstream
#include <map>         // std::map
#include <optional>    // std::optional
#include <string>      // std::string
#include <utility>     // std::move, std::pair
#include <vector>      // std::vector

#include "synthbench/cassette/format.hpp"   // Cassette, Interaction, parse_cassette, dump_cassette, parse_journal
#include "synthbench/cassette/secrets.hpp"  // check_no_secrets
#include "synthbench/detail/files.hpp"      // detail::read_file, write_all, write_file_atomically
#include "synthbench/error.hpp"             // IoError
#include "synthbench/version.hpp"           // SYNTHBENCH_NAMESPACE_BEGIN

SYNTHBENCH_NAMESPACE_BEGIN
namespace cassette {

/// `<cassette>.journal`.
inline std::filesystem::path journal_path(const std::filesystem::path& cassette) {
  return cassette.string() + ".journal";
}
/// `<cassette>.lock`.
inline std::filesystem::path lock_path(const std::filesystem::path& cassette) { return cassette.string() + ".lock"; }

namespace detail {

/// The whole file in one allocation of its size (detail::read_file copies it through a
/// stringstream, twice the memory for a moment; cassettes may be 100 MB).
inline std::string read_whole_file(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw IoError(1, path.string(), std::string("cannot open for reading: ") + std::strerror(errno));
  std::error_code ec;
  const auto size = std::filesystem::file_size(path, ec);
  if (ec) return synthbench::detail::read_file(path);
  std::string text(static_cast<std::size_t>(size), '\0');
  in.read(text.data(), static_cast<std::streamsize>(size));
  if (in.gcount() != static_cast<std::streamsize>(size)) return synthbench::detail::read_file(path);  // it changed
  return text;
}

}  // namespace detail

/// The cassette at `path`, or nullopt when the file does not exist. Throws IoError when it
/// cannot be read and InputError when it is malformed.
inline std::optional<Cassette> read_cassette_if_exists(const std::filesystem::path& path) {
  std::error_code ec;
  if (!std::filesystem::exists(path, ec)) return std::nullopt;
  return parse_cassette(detail::read_whole_file(path), path.string());
}

/// The cassette at `path`; throws IoError when it is missing or unreadable, InputError when malformed.
inline Cassette read_cassette(const std::filesystem::path& path) {
  return parse_cassette(detail::read_whole_file(path), path.string());
}

/// The interactions of the journal of `cassette` (none when there is no journal);
/// `torn_tail` is set when its last line was cut by a crash (that line is dropped).
inline std::vector<Interaction> read_journal(const std::filesystem::path& cassette, bool* torn_tail = nullptr) {
  const auto path = journal_path(cassette);
  if (torn_tail != nullptr) *torn_tail = false;
  std::error_code ec;
  if (!std::filesystem::exists(path, ec)) return {};
  return parse_journal(synthbench::detail::read_file(path), path.string(), torn_tail);
}

/// Appends `line` (a journal_line) to the journal of `cassette` and fsyncs it. The caller
/// holds the cassette's FileLock. The file is opened per append: another process may have
/// merged and removed the journal since the last one. A torn tail left by a crash is cut
/// off first so that the new line starts on a line of its own. Throws IoError (synthbench.io.21).
inline void append_journal(const std::filesystem::path& cassette, const std::string& line) {
  const auto path = journal_path(cassette);
  const int fd = ::open(path.c_str(), O_RDWR | O_APPEND | O_CREAT | O_CLOEXEC, 0644);
  if (fd < 0) throw IoError(21, path.string(), std::string("cannot open journal: ") + std::strerror(errno));
  // A crashed writer may have left a last line without its newline: start on a new line.
  const off_t size = ::lseek(fd, 0, SEEK_END);
  char last = '\n';
  if (size > 0 && ::pread(fd, &last, 1, size - 1) != 1) last = '\n';
  const std::string data = (last == '\n' ? std::string() : std::string("\n")) + line;
  const bool ok = synthbench::detail::write_all(fd, data.data(), data.size()) && ::fsync(fd) == 0;
  const int saved = errno;
  ::close(fd);
  if (!ok) throw IoError(21, path.string(), std::string("cannot append to journal: ") + std::strerror(saved));
}

/// Removes the journal of `cassette` (after its content reached the cassette file).
inline void remove_journal(const std::filesystem::path& cassette) {
  std::error_code ec;
  std::filesystem::remove(journal_path(cassette), ec);
}

/// Writes `cassette` to `path` atomically after checking it for secrets (SecretLeak,
/// nothing written). `variables` are the secret variables' names (secret_variables()).
inline void write_cassette(const std::filesystem::path& path, const Cassette& cassette,
                           const std::vector<std::string>& variables) {
  const std::string text = dump_cassette(cassette);
  check_no_secrets(text, path.string(), variables);
  synthbench::detail::write_file_atomically(path, text);
}

/// Merges interaction lists, later lists winning on the same (request, replicate); the
/// result is sorted as files store it.
inline std::vector<Interaction> merge_newer_wins(std::vector<std::vector<Interaction>> lists) {
  std::map<std::pair<std::string, std::size_t>, Interaction> merged;
  for (auto& list : lists) {
    for (auto& i : list) {
      auto key = std::make_pair(i.request, i.replicate);
      merged[std::move(key)] = std::move(i);
    }
  }
  std::vector<Interaction> out;
  out.reserve(merged.size());
  for (auto& [key, i] : merged) out.push_back(std::move(i));
  return out;
}

}  // namespace cassette
SYNTHBENCH_NAMESPACE_END

#endif  // SYNTHBENCH_CASSETTE_STORAGE_HPP
