#!/usr/bin/env bash
# Measures the compile time of a typical synthbench test translation unit against the
# DESIGN.md baseline (a gtest test using nlohmann_json and Boost.Math), in the same run,
# alternating the two, at -O0. Prints each run and the ratio of the medians.
# Usage: scripts/measure-compile-time.sh [RUNS] [COMPILER]
set -euo pipefail
cd "$(dirname "$0")/.."
runs="${1:-5}"
cxx="${2:-g++}"
out="$(mktemp -d)"
trap 'rm -rf "$out"' EXIT

seconds() {  # file
  local start end
  start=$(date +%s.%N)
  "$cxx" -std=c++17 -O0 -Iinclude -c "$1" -o "$out/o.o"
  end=$(date +%s.%N)
  awk -v a="$start" -v b="$end" 'BEGIN { printf "%.2f", b - a }'
}

base=()
typical=()
for _ in $(seq "$runs"); do
  base+=("$(seconds tests/compile_time/baseline.cpp)")
  typical+=("$(seconds tests/compile_time/typical_test.cpp)")
done
median() { printf '%s\n' "$@" | sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }
mb=$(median "${base[@]}")
mt=$(median "${typical[@]}")
echo "compiler: $("$cxx" --version | head -1)"
echo "baseline (gtest + nlohmann_json + Boost.Math): ${base[*]} s; median $mb s"
echo "typical synthbench test:                      ${typical[*]} s; median $mt s"
echo "ratio typical / baseline: $(awk -v a="$mt" -v b="$mb" 'BEGIN { printf "%.2f", a / b }')"
