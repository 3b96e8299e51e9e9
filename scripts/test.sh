#!/usr/bin/env bash
# Builds and runs every test of synthbench, as the README's second command:
#   g++     -std=c++17, Debug (-g1), -Werror, no examples   (build/test-gcc)
#   clang++ -std=c++20, Debug, -Werror, with the examples  (build/test-clang)
# With SYNTHBENCH_TEST_SANITIZE (CI), the g++ build leaves the unit tests to the clang++ build
# and the clang++ build leaves the examples to the main job (scripts/run.sh), which CI runs.
# Every public header is also compiled alone (g++, C++17); the clang++ build compiles every
# header again as C++20 through the umbrella headers. With SYNTHBENCH_TEST_SANITIZE set (CI
# sets address,undefined), the clang++ build is instrumented with those sanitizers and its
# tests run under them (the CMake consumer tests, which build their own projects, and the
# benchmark smoke runs are left to the g++ run). Each unit-test program is compiled as one
# translation unit (SYNTHBENCH_UNITY_TESTS; docs/decisions.md). Installs missing Debian packages first. Exits non-zero on any failure; the last
# lines printed are ctest's summary.
set -uo pipefail
cd "$(dirname "$0")/.."

scripts/install-deps.sh test || exit 1

jobs="${SYNTHBENCH_JOBS:-$(nproc)}"
status=0

sanitize="${SYNTHBENCH_TEST_SANITIZE:-}"

configure_and_build() {  # name compiler standard header-check-standards sanitizers [cmake args...]
  local dir="build/test-$1"
  # A sanitized build leaves out the Google Benchmark programs: their timings mean nothing
  # under the sanitizers, and the plain build smoke-runs them.
  local benchmarks=ON
  if [ -n "$5" ]; then benchmarks=OFF; fi
  cmake -S . -B "$dir" -G Ninja -DCMAKE_BUILD_TYPE=Debug -DCMAKE_CXX_COMPILER="$2" \
        -DCMAKE_CXX_STANDARD="$3" -DCMAKE_CXX_STANDARD_REQUIRED=ON -DSYNTHBENCH_WERROR=ON \
        "-DSYNTHBENCH_HEADER_CHECK_STANDARDS=$4" "-DSYNTHBENCH_SANITIZE=$5" "-DSYNTHBENCH_BUILD_BENCHMARKS=$benchmarks" \
        -DSYNTHBENCH_UNITY_TESTS=ON "${@:6}" \
        > "$dir.configure.log" 2>&1 || { cat "$dir.configure.log"; return 1; }
  cmake --build "$dir" -j "$jobs"
}

mkdir -p build
echo "=== synthbench: building with g++ (C++17) in build/test-gcc"
# The g++ build leaves out the examples (the main job, scripts/run.sh, builds and runs them
# with g++, and the clang++ build below runs them once more) and keeps line tables and function
# names only (-g1): a fifth less compile time. With sanitizers (CI), the g++ build keeps what a
# user compiles with g++ (every header alone, the benchmarks, the CMake consumer projects) and
# leaves the unit tests to the sanitized clang++ build; the command-line program is compiled
# with g++ by the main job, which CI runs first (docs/decisions.md: CI within its time budget).
gcc_args=(-DSYNTHBENCH_BUILD_EXAMPLES=OFF -DCMAKE_CXX_FLAGS_DEBUG=-g1)
if [ -n "$sanitize" ]; then
  gcc_args+=(-DSYNTHBENCH_BUILD_UNIT_TESTS=OFF -DSYNTHBENCH_BUILD_TOOLS=OFF)
else
  gcc_args+=(-DSYNTHBENCH_BUILD_UNIT_TESTS=ON -DSYNTHBENCH_BUILD_TOOLS=ON)
fi
configure_and_build gcc g++ 17 17 "" "${gcc_args[@]}" || { echo "synthbench: the g++ build failed" >&2; status=1; }
echo "=== synthbench: the g++ build took $SECONDS s"
echo "=== synthbench: building with clang++ (C++20${sanitize:+, -fsanitize=$sanitize}) in build/test-clang"
started=$SECONDS
# With sanitizers (CI), the examples are left to the main job, which CI runs first (Release,
# g++) and whose report it renders in Chromium.
clang_args=(-DSYNTHBENCH_BUILD_EXAMPLES=ON)
if [ -n "$sanitize" ]; then clang_args=(-DSYNTHBENCH_BUILD_EXAMPLES=OFF); fi
# lld links a sanitized test program in 0.7 s where ld.bfd takes 2.3 s (install-deps.sh installs
# it; without it the default linker is used).
if command -v ld.lld >/dev/null 2>&1; then clang_args+=(-DCMAKE_EXE_LINKER_FLAGS=-fuse-ld=lld); fi
configure_and_build clang clang++ 20 "" "$sanitize" "${clang_args[@]}" || { echo "synthbench: the clang++ build failed" >&2; status=1; }
echo "=== synthbench: the clang++ build took $((SECONDS - started)) s"

# Run the tests of both builds; the clang run comes last so that its summary ends the output.
for name in gcc clang; do
  if [ -f "build/test-$name/CTestTestfile.cmake" ]; then
    echo "=== synthbench: ctest in build/test-$name (after $SECONDS s)"
    if [ "$name" = clang ] && [ -n "$sanitize" ]; then
      ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 \
        ctest --test-dir "build/test-$name" -j "$jobs" --output-on-failure --timeout 900 -LE cmake || status=1
    else
      ctest --test-dir "build/test-$name" -j "$jobs" --output-on-failure --timeout 600 || status=1
    fi
  else
    status=1
  fi
done
exit $status
