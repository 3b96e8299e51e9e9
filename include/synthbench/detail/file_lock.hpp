#ifndef SYNTHBENCH_DETAIL_FILE_LOCK_HPP
#define SYNTHBENCH_DETAIL_FILE_LOCK_HPP

/// @file
/// An advisory lock that serializes the processes writing one file (a cassette, a report;
/// ctest -j runs each test in its own process). It is flock(2) on a lock file beside the cassette
/// (`<cassette>.lock`, never deleted: deleting a lock file lets two processes hold "the"
/// lock on two different files). flock locks belong to the open file description, so two
/// FileLocks in one process also exclude each other; the lock is released if the process
/// dies, so a killed recorder never blocks the next one. Readers take a shared lock on the
/// lock file if it exists (they never create it: replay writes nothing), so that no writer
/// changes the files between two reads.

#include <fcntl.h>     // ::open, O_* flags
#include <sys/file.h>  // ::flock, LOCK_EX, LOCK_SH, LOCK_UN
#include <unistd.h>    // ::close

#include <cerrno>      // errno, EINTR
#include <cstring>     // std::strerror
#include <filesystem>  // std::filesystem::path, create_directories
#include <string>      // std::string

#include "synthbench/error.hpp"    // IoError
#include "synthbench/version.hpp"  // SYNTHBENCH_NAMESPACE_BEGIN

SYNTHBENCH_NAMESPACE_BEGIN
namespace detail {

/// Selects FileLock's shared, read-only form.
struct SharedIfExists {};

/// Holds a flock on `path` for its lifetime: exclusive (the lock file created if missing), or
/// shared and only if the lock file exists.
class FileLock {
 public:
  /// Blocks until the exclusive lock is held. Throws IoError (synthbench.io.20) when the lock
  /// file cannot be created or locked.
  explicit FileLock(const std::filesystem::path& path) : path_(path) {
    if (path.has_parent_path()) {
      std::error_code ec;
      std::filesystem::create_directories(path.parent_path(), ec);
    }
    fd_ = ::open(path.c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0644);
    if (fd_ < 0) throw IoError(20, path.string(), std::string("cannot open lock file: ") + std::strerror(errno));
    lock(LOCK_EX);
  }
  /// Blocks until a shared lock is held, when the lock file exists; holds nothing when it
  /// does not (then no writer has ever used it) or cannot be opened for reading. Creates
  /// nothing. Throws IoError (synthbench.io.20) when locking fails.
  FileLock(const std::filesystem::path& path, SharedIfExists) : path_(path) {
    fd_ = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
    if (fd_ >= 0) lock(LOCK_SH);
  }
  FileLock(const FileLock&) = delete;
  FileLock& operator=(const FileLock&) = delete;
  /// Releases the lock.
  ~FileLock() {
    if (fd_ < 0) return;
    (void)::flock(fd_, LOCK_UN);
    ::close(fd_);
  }

  /// The lock file.
  const std::filesystem::path& path() const noexcept { return path_; }
  /// True when a lock is held (always, but for a shared lock on a missing lock file).
  bool held() const noexcept { return fd_ >= 0; }

 private:
  void lock(int operation) {
    while (::flock(fd_, operation) != 0) {
      if (errno == EINTR) continue;
      const int saved = errno;
      ::close(fd_);
      fd_ = -1;
      throw IoError(20, path_.string(), std::string("cannot lock: ") + std::strerror(saved));
    }
  }

  std::filesystem::path path_;
  int fd_ = -1;
};

}  // namespace detail
SYNTHBENCH_NAMESPACE_END

#endif  // SYNTHBENCH_DETAIL_FILE_LOCK_HPP
