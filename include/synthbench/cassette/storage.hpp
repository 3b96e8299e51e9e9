#ifndef SYNTHBENCH_CASSETTE_STORAGE_HPP
#define SYNTHBENCH_CASSETTE_STORAGE_HPP

/// @file
/// Cassette files on disk: reading, the journal, merging, and atomic, secret-checked writes.
///
/// Files beside `<name>.json`:
///  - `<name>.json.journal`: one interaction per line, appended and fsync'd as each call
///    completes, so a killed recorder loses only the calls in flight; merged into the
///    cassette (and removed) by the next recorder that opens or finishes the cassette.
///  - `<name>.json.lock`: the advisory lock (file_lock.hpp). Every writer holds it.
///  - `<name>.json.tmp.<pid>.<n>`: a rewrite in progress (files.hpp); one left by a writer
///    killed mid-rewrite is removed by the next writer.
/// Replay reads both the cassette and a leftover journal, under a shared lock when the lock
/// file exists, but never writes anything.

#include <fcntl.h>   // ::open, O_* flags
#include <unistd.h>  // ::fsync, ::close, ::pread, ::ftruncate, ::lseek, ::unlink

#include <cerrno>      // errno
#include <cstring>     // std::strerror
#include <filesystem>  // std::filesystem
#include <map>         // std::map
#include <optional>    // std::optional
#include <string>      // std::string
#include <utility>     // std::move, std::pair
#include <vector>      // std::vector

#include "synthbench/cassette/format.hpp"   // Cassette, Interaction, parse_cassette, dump_cassette, parse_journal
#include "synthbench/cassette/secrets.hpp"  // check_no_secrets
#include "synthbench/detail/files.hpp"      // detail::read_file, write_all, write_file_atomically, sync_parent_directory
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

/// The cassette at `path`, or nullopt when the file does not exist. Throws IoError when it
/// cannot be read and InputError when it is malformed.
inline std::optional<Cassette> read_cassette_if_exists(const std::filesystem::path& path) {
  std::error_code ec;
  if (!std::filesystem::exists(path, ec)) return std::nullopt;
  return parse_cassette(synthbench::detail::read_file(path), path.string());
}

/// The cassette at `path`; throws IoError when it is missing or unreadable, InputError when malformed.
inline Cassette read_cassette(const std::filesystem::path& path) {
  return parse_cassette(synthbench::detail::read_file(path), path.string());
}

/// The interactions of the journal of `cassette` (none when there is no journal);
/// `torn_tail` is set when a line cut by an interrupted write was dropped (parse_journal).
inline std::vector<Interaction> read_journal(const std::filesystem::path& cassette, bool* torn_tail = nullptr) {
  const auto path = journal_path(cassette);
  if (torn_tail != nullptr) *torn_tail = false;
  std::error_code ec;
  if (!std::filesystem::exists(path, ec)) return {};
  return parse_journal(synthbench::detail::read_file(path), path.string(), torn_tail);
}

namespace detail {

/// The size of the journal open as `fd` without its last line when that line has no
/// newline (a write cut short), else `size`.
inline off_t journal_size_without_torn_tail(int fd, off_t size) {
  char last = '\n';
  if (size == 0 || ::pread(fd, &last, 1, size - 1) != 1 || last == '\n') return size;
  char buffer[4096];
  for (off_t end = size; end > 0;) {
    const off_t begin = end > static_cast<off_t>(sizeof buffer) ? end - static_cast<off_t>(sizeof buffer) : 0;
    const ssize_t n = ::pread(fd, buffer, static_cast<std::size_t>(end - begin), begin);
    if (n <= 0) return size;  // unreadable: leave it to the reader, which drops a torn tail
    for (ssize_t k = n; k > 0; --k) {
      if (buffer[k - 1] == '\n') return begin + k;
    }
    end = begin;
  }
  return 0;
}

}  // namespace detail

/// Appends `line` (a journal_line) to the journal of `cassette` and fsyncs it (and its folder
/// when the journal is new); returns the number of bytes of a torn tail it cut off first. The
/// caller holds the cassette's FileLock. The file is opened per append: another process may
/// have merged and removed the journal since the last one. A last line without its newline
/// (a writer killed mid-write, or a write that failed on a full disk) is cut off before the
/// new line is written, so it can never join a later line. When this write fails, the
/// journal is cut back to where it was. Throws IoError (synthbench.io.21).
inline std::size_t append_journal(const std::filesystem::path& cassette, const std::string& line) {
  const auto path = journal_path(cassette);
  bool created = false;
  int fd = ::open(path.c_str(), O_RDWR | O_APPEND | O_CLOEXEC);
  if (fd < 0 && errno == ENOENT) {
    fd = ::open(path.c_str(), O_RDWR | O_APPEND | O_CREAT | O_EXCL | O_CLOEXEC, 0644);
    created = fd >= 0;
  }
  if (fd < 0) throw IoError(21, path.string(), std::string("cannot open journal: ") + std::strerror(errno));
  const auto fail = [&](const char* what) {
    const int saved = errno;
    ::close(fd);
    throw IoError(21, path.string(), std::string(what) + std::strerror(saved));
  };
  const off_t size = ::lseek(fd, 0, SEEK_END);
  if (size < 0) fail("cannot append to journal: ");
  const off_t kept = detail::journal_size_without_torn_tail(fd, size);
  if (kept != size && ::ftruncate(fd, kept) != 0) fail("cannot cut the torn last line of the journal: ");
  if (!synthbench::detail::write_all(fd, line.data(), line.size()) || ::fsync(fd) != 0) {
    const int saved = errno;
    (void)::ftruncate(fd, kept);  // a full disk may leave part of the line: take it back
    (void)::fsync(fd);
    if (created) (void)::unlink(path.c_str());  // and no empty journal is left behind
    errno = saved;
    fail("cannot append to journal: ");
  }
  ::close(fd);
  if (created) synthbench::detail::sync_parent_directory(path);  // the new name must survive a crash too
  return static_cast<std::size_t>(size - kept);
}

/// Removes the journal of `cassette` (after its content reached the cassette file).
inline void remove_journal(const std::filesystem::path& cassette) {
  std::error_code ec;
  std::filesystem::remove(journal_path(cassette), ec);
}

/// Writes `cassette` to `path` atomically after checking it for secrets (SecretLeak,
/// nothing written). `variables` are the secret variables' names (secret_variables()). The
/// caller holds the cassette's FileLock: temporary files left by a writer killed during a
/// rewrite (`<path>.tmp.<pid>.<n>`) are removed first.
inline void write_cassette(const std::filesystem::path& path, const Cassette& cassette,
                           const std::vector<std::string>& variables) {
  const std::string text = dump_cassette(cassette);
  check_no_secrets(text, path.string(), variables);
  synthbench::detail::remove_stale_temporary_files(path);
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
