#!/usr/bin/env bash
# Measures what synthbench's headers cost a test translation unit, side by side in one run:
#   bare      tests/compile_time/bare_gtest.cpp   example 01's shape with GoogleTest alone
#   example   examples/01_hand_written_scores     <synthbench/gtest/assertions.hpp> on a ScoreTable
#   baseline  tests/compile_time/baseline.cpp     gtest + nlohmann_json + Boost.Math (DESIGN.md)
#   typical   tests/compile_time/typical_test.cpp the umbrella <synthbench/gtest.hpp>
# Each round compiles the four in turn at -O0 (so a change of machine load touches all of
# them alike); prints every time, the medians and the two ratios the project holds itself to:
# example / bare (target <= 2) and typical / baseline (docs/performance.md, "Compile time").
# Usage: scripts/measure-compile-time.sh [RUNS] [COMPILER]
set -euo pipefail
cd "$(dirname "$0")/.."
runs="${1:-5}"
cxx="${2:-g++}"
case "$runs" in
  '' | *[!0-9]* | 0) echo "measure-compile-time.sh: RUNS must be a positive integer, got '$runs'" >&2; exit 2 ;;
esac
command -v "$cxx" > /dev/null || { echo "measure-compile-time.sh: no compiler '$cxx'" >&2; exit 2; }
out="$(mktemp -d)"
trap 'rm -rf "$out"' EXIT

names=(bare example baseline typical)
declare -A source=(
  [bare]=tests/compile_time/bare_gtest.cpp
  [example]=examples/01_hand_written_scores/hand_written_scores_test.cpp
  [baseline]=tests/compile_time/baseline.cpp
  [typical]=tests/compile_time/typical_test.cpp
)
declare -A label=(
  [bare]="bare GoogleTest TU (example 01's shape)"
  [example]="example 01 (gtest/assertions.hpp)"
  [baseline]="baseline (gtest + nlohmann_json + Boost.Math)"
  [typical]="typical test (synthbench/gtest.hpp)"
)
for name in "${names[@]}"; do
  [ -f "${source[$name]}" ] || { echo "measure-compile-time.sh: missing ${source[$name]}" >&2; exit 2; }
done

seconds() {  # file
  local start end
  start=$(date +%s.%N)
  "$cxx" -std=c++17 -O0 -Iinclude -c "$1" -o "$out/o.o"
  end=$(date +%s.%N)
  awk -v a="$start" -v b="$end" 'BEGIN { printf "%.2f", b - a }'
}
median() { printf '%s\n' "$@" | sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2f", a / b }'; }

declare -A times
for _ in $(seq "$runs"); do
  for name in "${names[@]}"; do
    times[$name]+="$(seconds "${source[$name]}") "
  done
done

echo "compiler: $("$cxx" --version | head -1), -std=c++17 -O0, $runs rounds"
declare -A med
for name in "${names[@]}"; do
  # shellcheck disable=SC2086  # the times are a space-separated list on purpose
  med[$name]=$(median ${times[$name]})
  printf '%-48s %s s; median %s s\n' "${label[$name]}:" "${times[$name]% }" "${med[$name]}"
done
echo "ratio example 01 / bare GoogleTest TU: $(ratio "${med[example]}" "${med[bare]}") (target <= 2)"
echo "ratio typical test / baseline:         $(ratio "${med[typical]}" "${med[baseline]}")"
