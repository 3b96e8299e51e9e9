#ifndef SYNTHBENCH_TESTS_UNIT_EXPERIMENT_DATASET_TEST_SUPPORT_HPP
#define SYNTHBENCH_TESTS_UNIT_EXPERIMENT_DATASET_TEST_SUPPORT_HPP

// Helpers of the dataset tests: a temporary folder that the tests write their hand-made input
// files into, and a check of InputError's id, source and position.

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <string>
#include <system_error>

#include <synthbench/error.hpp>

#include "support/test_paths.hpp"

namespace synthbench_test_support {

/// A temporary folder, removed with its contents at the end of the test.
class TempDir {
 public:
  TempDir() : path_(make_temp_dir("synthbench-datasets")) {}
  ~TempDir() {
    std::error_code ec;
    std::filesystem::remove_all(path_, ec);
  }
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;

  const std::filesystem::path& path() const { return path_; }

  /// Writes `content` byte for byte to `name` (which may have folders) and returns its path.
  std::filesystem::path write(const std::string& name, const std::string& content) const {
    const auto file = path_ / name;
    std::filesystem::create_directories(file.parent_path());
    std::ofstream out(file, std::ios::binary);
    out << content;
    return file;
  }

 private:
  std::filesystem::path path_;
};

/// Runs `f`, expecting an InputError with `id`, `source` and `where`; returns its message.
template <class F>
std::string expect_input_error(F&& f, const std::string& id, const std::string& source, const std::string& where) {
  try {
    f();
  } catch (const synthbench::InputError& e) {
    EXPECT_EQ(e.id(), id) << e.what();
    EXPECT_EQ(e.source(), source) << e.what();
    EXPECT_EQ(e.where(), where) << e.what();
    return e.what();
  } catch (const std::exception& e) {
    ADD_FAILURE() << "expected InputError " << id << ", got: " << e.what();
    return {};
  }
  ADD_FAILURE() << "expected InputError " << id << ", nothing was thrown";
  return {};
}

/// Runs `f`, expecting a UsageError with `id`; returns its message.
template <class F>
std::string expect_usage_error(F&& f, const std::string& id) {
  try {
    f();
  } catch (const synthbench::UsageError& e) {
    EXPECT_EQ(e.id(), id) << e.what();
    return e.what();
  } catch (const std::exception& e) {
    ADD_FAILURE() << "expected UsageError " << id << ", got: " << e.what();
    return {};
  }
  ADD_FAILURE() << "expected UsageError " << id << ", nothing was thrown";
  return {};
}

}  // namespace synthbench_test_support

#endif  // SYNTHBENCH_TESTS_UNIT_EXPERIMENT_DATASET_TEST_SUPPORT_HPP
