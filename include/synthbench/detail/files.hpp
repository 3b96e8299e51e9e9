#ifndef SYNTHBENCH_DETAIL_FILES_HPP
#define SYNTHBENCH_DETAIL_FILES_HPP

/// @file
/// Reading whole files and replacing them atomically (POSIX).
///
/// write_file_atomically: the content goes to a temporary file in the same folder, is
/// flushed and fsync'd, then renamed over the target (rename within one file system is
/// atomic), and the folder is fsync'd so the rename itself survives a crash. A reader sees
/// the old file or the new one, never a torn mix.

#include <fcntl.h>     // ::open, O_* flags
#include <sys/stat.h>  // ::fstat, S_ISDIR, S_ISREG
#include <unistd.h>    // ::read, ::write, ::fsync, ::close, ::getpid

#include <atomic>      // std::atomic
#include <cerrno>      // errno
#include <cstring>     // std::strerror
#include <filesystem>  // std::filesystem::path
#include <string>      // std::string

#include "synthbench/error.hpp"
#include "synthbench/version.hpp"

SYNTHBENCH_NAMESPACE_BEGIN
namespace detail {

/// The whole content of `path`, read in one allocation of its size when it is a regular file
/// (cassettes may be 100 MB). Throws IoError synthbench.io.1 when it cannot be opened or is a
/// folder, synthbench.io.2 when a read fails: an error is never taken for the end of the file.
inline std::string read_file(const std::filesystem::path& path) {
  const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) throw IoError(1, path.string(), std::string("cannot open for reading: ") + std::strerror(errno));
  struct ::stat info {};
  if (::fstat(fd, &info) != 0 || S_ISDIR(info.st_mode)) {
    const bool folder = S_ISDIR(info.st_mode);
    const int saved = errno;
    ::close(fd);
    throw IoError(1, path.string(), folder ? std::string("cannot read: it is a folder, not a file")
                                           : std::string("cannot read: ") + std::strerror(saved));
  }
  // One byte more than the size, so that reaching the end costs no second allocation.
  std::string text(S_ISREG(info.st_mode) && info.st_size > 0 ? static_cast<std::size_t>(info.st_size) + 1 : 65536,
                   '\0');
  std::size_t used = 0;
  while (true) {
    if (used == text.size()) text.resize(text.size() * 2);
    const ssize_t n = ::read(fd, &text[used], text.size() - used);
    if (n < 0) {
      if (errno == EINTR) continue;
      const int saved = errno;
      ::close(fd);
      throw IoError(2, path.string(), std::string("read failed: ") + std::strerror(saved));
    }
    if (n == 0) break;
    used += static_cast<std::size_t>(n);
  }
  ::close(fd);
  text.resize(used);
  return text;
}

/// Writes all of `data` to the open descriptor `fd`; false on error (errno set).
inline bool write_all(int fd, const char* data, std::size_t size) {
  while (size > 0) {
    const ssize_t n = ::write(fd, data, size);
    if (n < 0) {
      if (errno == EINTR) continue;
      return false;
    }
    data += n;
    size -= static_cast<std::size_t>(n);
  }
  return true;
}

/// fsyncs the folder holding `path`, so that a rename into it is durable.
inline void sync_parent_directory(const std::filesystem::path& path) {
  std::filesystem::path dir = path.parent_path();
  if (dir.empty()) dir = ".";
  const int fd = ::open(dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (fd < 0) return;  // best effort: some file systems do not allow opening folders
  (void)::fsync(fd);
  ::close(fd);
}

/// Removes the temporary files that write_file_atomically left beside `path` when a writer
/// was killed between creating one and renaming it (`<path>.tmp.<pid>.<n>`); returns how many.
/// Only for a target whose writers all hold one lock, and with that lock held: then no other
/// writer is using one of these files.
inline std::size_t remove_stale_temporary_files(const std::filesystem::path& path) {
  std::filesystem::path dir = path.parent_path();
  if (dir.empty()) dir = ".";
  const std::string prefix = path.filename().string() + ".tmp.";
  const auto digits = [](const std::string& s, std::size_t from, std::size_t to) {
    if (from >= to) return false;
    for (std::size_t i = from; i < to; ++i) {
      if (s[i] < '0' || s[i] > '9') return false;
    }
    return true;
  };
  std::size_t removed = 0;
  std::error_code ec;
  for (std::filesystem::directory_iterator it(dir, ec), end; !ec && it != end; it.increment(ec)) {
    const std::string name = it->path().filename().string();
    if (name.compare(0, prefix.size(), prefix) != 0) continue;
    const std::size_t dot = name.find('.', prefix.size());
    if (dot == std::string::npos || !digits(name, prefix.size(), dot) || !digits(name, dot + 1, name.size())) continue;
    std::error_code removing;
    if (std::filesystem::remove(it->path(), removing)) ++removed;
  }
  return removed;
}

/// Replaces `path` with `content` atomically (temp file in the same folder, fsync, rename,
/// fsync of the folder). Creates missing parent folders. Throws IoError on failure and then
/// leaves the old file untouched.
inline void write_file_atomically(const std::filesystem::path& path, const std::string& content) {
  static std::atomic<unsigned> counter{0};
  if (path.has_parent_path()) {
    std::error_code ec;
    std::filesystem::create_directories(path.parent_path(), ec);
    if (ec) throw IoError(3, path.parent_path().string(), "cannot create folder: " + ec.message());
  }
  const std::filesystem::path tmp =
      path.string() + ".tmp." + std::to_string(::getpid()) + "." + std::to_string(counter++);
  const int fd = ::open(tmp.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0644);
  if (fd < 0) throw IoError(4, tmp.string(), std::string("cannot create: ") + std::strerror(errno));
  const bool written = write_all(fd, content.data(), content.size()) && ::fsync(fd) == 0;
  const int saved_errno = errno;
  ::close(fd);
  std::error_code ec;
  if (!written) {
    std::filesystem::remove(tmp, ec);  // never throws: the write error is the one to report
    throw IoError(5, tmp.string(), std::string("write failed: ") + std::strerror(saved_errno));
  }
  std::filesystem::rename(tmp, path, ec);
  if (ec) {
    const std::string reason = ec.message();
    std::filesystem::remove(tmp, ec);
    throw IoError(6, path.string(), "cannot replace: " + reason);
  }
  sync_parent_directory(path);
}

}  // namespace detail
SYNTHBENCH_NAMESPACE_END

#endif  // SYNTHBENCH_DETAIL_FILES_HPP
