#ifndef SYNTHBENCH_TESTS_SUPPORT_COMMA_LOCALE_HPP
#define SYNTHBENCH_TESTS_SUPPORT_COMMA_LOCALE_HPP

// A locale whose decimal point is a comma, for the tests that prove synthbench's numbers do
// not depend on the locale (issue 12, item 6).

#include <string>

namespace synthbench_test_support {

/// Makes a comma-decimal locale the C locale of this process (setlocale(LC_ALL, ...)) and the
/// global C++ locale, until destroyed (then both are "C" again). It uses de_DE.UTF-8 when the
/// system has it; otherwise it compiles one with localedef into a temporary folder (LOCPATH):
/// LC_NUMERIC as German writes numbers (decimal_point ",", thousands_sep "."), every other
/// category copied from POSIX. That needs localedef (libc-bin) and the locale sources of the
/// Debian package `locales` (scripts/install-deps.sh test installs it). When neither works,
/// the constructor throws std::runtime_error saying why: a test must fail, never skip, for
/// want of a locale.
class CommaDecimalLocale {
 public:
  CommaDecimalLocale();
  ~CommaDecimalLocale();
  CommaDecimalLocale(const CommaDecimalLocale&) = delete;
  CommaDecimalLocale& operator=(const CommaDecimalLocale&) = delete;

  /// The locale's name, e.g. "de_DE.UTF-8".
  const std::string& name() const { return name_; }
  /// True when the locale was compiled by this helper (the system had none).
  bool built() const { return !dir_.empty(); }

 private:
  std::string name_;
  std::string dir_;  // the LOCPATH folder of a built locale, removed in the destructor
};

}  // namespace synthbench_test_support

#endif  // SYNTHBENCH_TESTS_SUPPORT_COMMA_LOCALE_HPP
