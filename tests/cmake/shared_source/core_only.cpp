// Links synthbench::synthbench alone: the core never needs GoogleTest or libcurl.
#include <synthbench/synthbench.hpp>

#ifdef GTEST_API_
#error "the core must not include <gtest/gtest.h>"
#endif
#ifdef CURLINC_CURL_H
#error "the core must not include <curl/curl.h>"
#endif

#include <iostream>

int main() {
  synthbench::ScoreTable t("f1");
  t.set_real("a", 0.9).set_real("b", 0.5).set_synthetic("g", "a", 0.8).set_synthetic("g", "b", 0.3);
  const auto rho = synthbench::srcc(t.real(), t.synthetic("g"));
  std::cout << "srcc = " << rho << "\n";
  return rho.ok() && rho.value() == 1.0 ? 0 : 1;
}
