#ifndef SYNTHBENCH_GTEST_DETAIL_DEFERRED_HPP
#define SYNTHBENCH_GTEST_DETAIL_DEFERRED_HPP

/// @file
/// Deferred macro arguments. The assertion macros wrap each argument in a lambda and hand
/// it, with its source text, to `evaluate<Formatter>`, which evaluates the arguments inside a
/// try block. An argument that throws (`t.synthetic("typo")`) then fails the assertion with
/// the expression and the error's message, instead of gtest's bare "C++ exception thrown in
/// the test body" that would skip the rest of the test's context.

#include <gtest/gtest.h>  // ::testing::AssertionResult, ::testing::AssertionFailure

#include <exception>  // std::exception
#include <string>     // std::string
#include <utility>    // std::move

#include "synthbench/version.hpp"

SYNTHBENCH_NAMESPACE_BEGIN
namespace gtest {
namespace detail {

/// A macro argument: its source text and a callable that evaluates it.
template <class F>
struct Deferred {
  const char* text;  ///< the argument as written in the test
  F evaluate;        ///< returns the argument's value (by reference for lvalues)
};

/// Wraps `evaluate` with its source `text`.
template <class F>
Deferred<F> make_deferred(const char* text, F evaluate) {
  return Deferred<F>{text, std::move(evaluate)};
}

/// Evaluates three deferred arguments and calls `Formatter` with their texts and values;
/// an exception thrown while evaluating them, or by the formatter, becomes a failure.
template <auto Formatter, class A, class B, class C>
::testing::AssertionResult evaluate(const char*, const char*, const char*, const Deferred<A>& a,
                                    const Deferred<B>& b, const Deferred<C>& c) {
  try {
    return Formatter(a.text, b.text, c.text, a.evaluate(), b.evaluate(), c.evaluate());
  } catch (const std::exception& e) {
    return ::testing::AssertionFailure()
           << "synthbench could not evaluate the assertion on (" << a.text << ", " << b.text << ", " << c.text
           << "):\n  " << e.what();
  } catch (...) {
    return ::testing::AssertionFailure() << "synthbench could not evaluate the assertion on (" << a.text << ", "
                                         << b.text << ", " << c.text << "): unknown exception";
  }
}

/// Evaluates four deferred arguments (see deferred.hpp) and calls `Formatter`; an exception
/// becomes a failure naming the arguments.
template <auto Formatter, class A, class B, class C, class D>
::testing::AssertionResult evaluate4(const char*, const char*, const char*, const char*, const Deferred<A>& a,
                                     const Deferred<B>& b, const Deferred<C>& c, const Deferred<D>& d) {
  try {
    return Formatter(a.text, b.text, c.text, d.text, a.evaluate(), b.evaluate(), c.evaluate(), d.evaluate());
  } catch (const std::exception& e) {
    return ::testing::AssertionFailure() << "synthbench could not evaluate the assertion on (" << a.text << ", "
                                         << b.text << ", " << c.text << ", " << d.text << "):\n  " << e.what();
  } catch (...) {
    return ::testing::AssertionFailure() << "synthbench could not evaluate the assertion on (" << a.text << ", "
                                         << b.text << ", " << c.text << ", " << d.text << "): unknown exception";
  }
}

}  // namespace detail
}  // namespace gtest
SYNTHBENCH_NAMESPACE_END

/// Internal: defers a macro argument (see deferred.hpp). `decltype(auto)` with parentheses
/// returns lvalues by reference and temporaries by value, so nothing dangles.
#define SYNTHBENCH_DETAIL_DEFER(expr) \
  ::synthbench::gtest::detail::make_deferred(#expr, [&]() -> decltype(auto) { return (expr); })

/// Internal: one EXPECT/ASSERT macro over GoogleTest's predicate-formatter macro.
#define SYNTHBENCH_DETAIL_PRED_FORMAT3(gtest_macro, formatter, a, b, c)                              \
  gtest_macro(::synthbench::gtest::detail::evaluate<formatter>, SYNTHBENCH_DETAIL_DEFER(a), \
              SYNTHBENCH_DETAIL_DEFER(b), SYNTHBENCH_DETAIL_DEFER(c))

/// Internal: a four-argument EXPECT/ASSERT macro over GoogleTest's predicate-formatter macro.
#define SYNTHBENCH_DETAIL_PRED_FORMAT4(gtest_macro, formatter, a, b, c, d)                                       \
  gtest_macro(::synthbench::gtest::detail::evaluate4<formatter>, SYNTHBENCH_DETAIL_DEFER(a), SYNTHBENCH_DETAIL_DEFER(b), \
              SYNTHBENCH_DETAIL_DEFER(c), SYNTHBENCH_DETAIL_DEFER(d))

#endif  // SYNTHBENCH_GTEST_DETAIL_DEFERRED_HPP
