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
#include <unistd.h>    // ::write, ::fsync, ::close, ::getpid

#include <atomic>      // std::atomic
#include <cerrno>      // errno
#include <cstring>     // std::strerror
#include <filesystem>  // std::filesystem::path
#include <fstream>     // std::ifstream
#include <sstream>     // std::ostringstream
#include <string>      // std::string

#include "synthbench/error.hpp"
#include "synthbench/version.hpp"

SYNTHBENCH_NAMESPACE_BEGIN
namespace detail {

/// The whole content of `path`; throws IoError (synthbench.io.1) when it cannot be read.
inline std::string read_file(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw IoError(1, path.string(), std::string("cannot open for reading: ") + std::strerror(errno));
  std::ostringstream buffer;
  buffer << in.rdbuf();
  if (in.bad()) throw IoError(2, path.string(), "read failed");
  return buffer.str();
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
  if (!written) {
    std::filesystem::remove(tmp);
    throw IoError(5, tmp.string(), std::string("write failed: ") + std::strerror(saved_errno));
  }
  std::error_code ec;
  std::filesystem::rename(tmp, path, ec);
  if (ec) {
    std::filesystem::remove(tmp);
    throw IoError(6, path.string(), "cannot replace: " + ec.message());
  }
  sync_parent_directory(path);
}

}  // namespace detail
SYNTHBENCH_NAMESPACE_END

#endif  // SYNTHBENCH_DETAIL_FILES_HPP
