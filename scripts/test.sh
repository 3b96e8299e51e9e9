#!/usr/bin/env bash
# Builds and runs every test of synthbench, as the README's second command:
#   g++     -std=c++17, Debug, -Werror   (build/test-gcc)
#   clang++ -std=c++20, Debug, -Werror   (build/test-clang)
# Every public header is also compiled alone: as C++17 and C++20 with g++, as C++20 with
# clang++ (CI's sanitizer run adds clang++ with C++17). Installs missing Debian packages first. Exits non-zero on
# any failure; the last lines printed are ctest's summary.
set -uo pipefail
cd "$(dirname "$0")/.."

scripts/install-deps.sh test || exit 1

jobs="${SYNTHBENCH_JOBS:-$(nproc)}"
status=0

configure_and_build() {  # name compiler standard header-check-standards
  local dir="build/test-$1"
  cmake -S . -B "$dir" -G Ninja -DCMAKE_BUILD_TYPE=Debug -DCMAKE_CXX_COMPILER="$2" \
        -DCMAKE_CXX_STANDARD="$3" -DCMAKE_CXX_STANDARD_REQUIRED=ON -DSYNTHBENCH_WERROR=ON \
        "-DSYNTHBENCH_HEADER_CHECK_STANDARDS=$4" \
        > "$dir.configure.log" 2>&1 || { cat "$dir.configure.log"; return 1; }
  cmake --build "$dir" -j "$jobs"
}

mkdir -p build
for config in "gcc g++ 17 17;20" "clang clang++ 20 20"; do
  set -- $config
  echo "=== synthbench: building with $2 (C++$3) in build/test-$1"
  configure_and_build "$1" "$2" "$3" "$4" || { echo "synthbench: the $2 build failed" >&2; status=1; }
done

# Run the tests of both builds; the clang run comes last so that its summary ends the output.
for name in gcc clang; do
  if [ -f "build/test-$name/CTestTestfile.cmake" ]; then
    echo "=== synthbench: ctest in build/test-$name"
    ctest --test-dir "build/test-$name" -j "$jobs" --output-on-failure --timeout 600 || status=1
  else
    status=1
  fi
done
exit $status
