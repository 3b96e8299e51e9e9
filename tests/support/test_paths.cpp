#include "support/test_paths.hpp"

#include <atomic>
#include <chrono>
#include <cstdlib>
#include <stdexcept>
#include <unistd.h>

namespace synthbench_test_support {

extern int second_translation_unit_anchor;

namespace {
std::string env_or(const char* name, const std::string& fallback) {
  const char* v = std::getenv(name);
  return v != nullptr && *v != '\0' ? std::string(v) : fallback;
}
}  // namespace

std::filesystem::path sg4nlp_dir() {
  return env_or("SYNTHBENCH_DATA_DIR", "../shared/data/sg4nlp");
}

std::filesystem::path paper_dir() { return "../shared/data/paper"; }

std::filesystem::path binary_dir() {
  (void)second_translation_unit_anchor;
#ifdef SYNTHBENCH_TEST_BINARY_DIR
  return env_or("SYNTHBENCH_BINARY_DIR", SYNTHBENCH_TEST_BINARY_DIR);
#else
  return env_or("SYNTHBENCH_BINARY_DIR", ".");
#endif
}

std::filesystem::path cli_path() { return binary_dir() / "tools" / "synthbench" / "synthbench"; }

std::filesystem::path make_temp_dir(const std::string& stem) {
  static std::atomic<unsigned> counter{0};
  const auto ticks = std::chrono::steady_clock::now().time_since_epoch().count();
  for (int attempt = 0; attempt < 100; ++attempt) {
    const auto dir = std::filesystem::temp_directory_path() /
                     (stem + "-" + std::to_string(::getpid()) + "-" + std::to_string(ticks) + "-" +
                      std::to_string(counter++));
    if (std::filesystem::create_directory(dir)) return dir;
  }
  throw std::runtime_error("cannot create a temporary directory for " + stem);
}

}  // namespace synthbench_test_support
