#include "support/comma_locale.hpp"

#include <clocale>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <locale>
#include <stdexcept>

#include "support/process.hpp"
#include "support/test_paths.hpp"

namespace synthbench_test_support {

namespace {

bool decimal_comma() {
  const std::lconv* conv = std::localeconv();
  return conv != nullptr && conv->decimal_point != nullptr && std::string(conv->decimal_point) == ",";
}

// Sets `name` as the C and the global C++ locale; false (and "C" again) when either fails.
bool activate(const std::string& name) {
  if (std::setlocale(LC_ALL, name.c_str()) == nullptr || !decimal_comma()) {
    std::setlocale(LC_ALL, "C");
    return false;
  }
  try {
    std::locale::global(std::locale(name.c_str()));  // also sets the C locale again
  } catch (const std::runtime_error&) {
    std::setlocale(LC_ALL, "C");
    return false;
  }
  return true;
}

std::string find_localedef() {
  for (const char* dir : {"/usr/bin", "/bin", "/usr/sbin"}) {
    const auto path = std::filesystem::path(dir) / "localedef";
    if (std::filesystem::exists(path)) return path.string();
  }
  return {};
}

}  // namespace

CommaDecimalLocale::CommaDecimalLocale() {
  for (const char* candidate : {"de_DE.UTF-8", "de_DE.utf8"}) {
    if (activate(candidate)) {
      name_ = candidate;
      return;
    }
  }
  const std::string localedef = find_localedef();
  if (localedef.empty()) {
    throw std::runtime_error("no comma-decimal locale: de_DE.UTF-8 is not installed and localedef is missing");
  }
  const auto dir = make_temp_dir("synthbench-locale");
  const auto source = dir / "comma.src";
  {
    std::ofstream out(source);
    out << "comment_char %\nescape_char /\n";
    for (const char* category : {"LC_CTYPE", "LC_COLLATE", "LC_TIME", "LC_MONETARY", "LC_MESSAGES", "LC_PAPER", "LC_NAME",
                                 "LC_ADDRESS", "LC_TELEPHONE", "LC_MEASUREMENT", "LC_IDENTIFICATION"}) {
      out << category << "\ncopy \"POSIX\"\nEND " << category << "\n";
    }
    out << "LC_NUMERIC\ndecimal_point \",\"\nthousands_sep \".\"\ngrouping 3;3\nEND LC_NUMERIC\n";
  }
  // localedef exits 1 for warnings about categories it had to leave empty: the locale is
  // usable all the same, so success is judged by setlocale below.
  const ProcessResult r = run_process({localedef, "-i", source.string(), "-f", "UTF-8", (dir / "de_DE.UTF-8").string()});
  ::setenv("LOCPATH", dir.c_str(), 1);
  if (!activate("de_DE.UTF-8")) {
    ::unsetenv("LOCPATH");
    std::filesystem::remove_all(dir);
    throw std::runtime_error("no comma-decimal locale: de_DE.UTF-8 is not installed and localedef could not build one "
                             "(exit " + std::to_string(r.exit_code) + "): " + r.err +
                             " -- install the Debian package `locales` (scripts/install-deps.sh test)");
  }
  name_ = "de_DE.UTF-8";
  dir_ = dir.string();
}

CommaDecimalLocale::~CommaDecimalLocale() {
  std::locale::global(std::locale::classic());
  std::setlocale(LC_ALL, "C");
  if (!dir_.empty()) {
    ::unsetenv("LOCPATH");
    std::error_code ignored;
    std::filesystem::remove_all(dir_, ignored);
  }
}

}  // namespace synthbench_test_support

// LeakSanitizer's suppressions for the programs that use this helper. When the system has no
// de_DE.UTF-8 and the helper compiles one, glibc loads it through LOCPATH: setlocale() builds
// the search path with argz_add_sep() and keeps a block of it in its never-freed cache of
// loaded locale files (the report's only frames are realloc and argz_add_sep). That block is
// glibc's, not synthbench's; this suppression names exactly that allocation site, so every
// other leak in these programs is still reported. The sanitizer runtime calls this hook when
// it is linked in; in other builds the function is never called.
extern "C" const char* __lsan_default_suppressions();
extern "C" const char* __lsan_default_suppressions() { return "leak:argz_add_sep\n"; }
