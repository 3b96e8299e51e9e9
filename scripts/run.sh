#!/usr/bin/env bash
# The main job, the README's first command. Installs missing Debian packages, builds
# synthbench (Release), and runs the flagship suite: the examples (ctest -L example), among
# them the intent experiment on bundled fixtures (03), the LLM-backed experiment replayed from
# its committed cassette (04), and the full seed study on the SG4NLP data (06) when
# ../shared/data/sg4nlp or $SYNTHBENCH_DATA_DIR is present. Then `synthbench meta` on a bundled
# score table (and the study's published CrossNER-Politics table when ../shared/data/paper is
# there). Prints where the report is. Works offline, with no LLM.
set -euo pipefail
cd "$(dirname "$0")/.."

scripts/install-deps.sh build

build=build/main
# A fresh clone has no build/ folder: the configure log below goes beside the build tree.
mkdir -p "$build"
# -O2 (CMake's Release default is -O3): 14% less compile time for the same results, and the
# examples run as fast (docs/decisions.md: CI within its time budget).
cmake -S . -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=Release "-DCMAKE_CXX_FLAGS_RELEASE=-O2 -DNDEBUG" -DSYNTHBENCH_BUILD_BENCHMARKS=OFF \
      -DSYNTHBENCH_BUILD_TESTS=OFF -DSYNTHBENCH_BUILD_EXAMPLES=ON -DSYNTHBENCH_BUILD_TOOLS=ON > "$build.configure.log" 2>&1 \
  || { cat "$build.configure.log"; exit 1; }
cmake --build "$build" -j "$(nproc)"

# A fresh report folder for this run: the examples merge their experiments into it.
report="$(pwd)/$build/synthbench-report"
rm -rf "$report"
data="${SYNTHBENCH_DATA_DIR:-../shared/data/sg4nlp}"
echo
if [ -d "$data/real" ] && [ -d "$data/generated" ]; then
  echo "=== The flagship suite (ctest -L example), with the seed study on $data"
else
  echo "=== The flagship suite (ctest -L example); the seed study skips: no SG4NLP data in $data"
fi
SYNTHBENCH_REPORT_DIR="$report" ctest --test-dir "$build" -L example -j "$(nproc)" --output-on-failure

echo
echo "=== synthbench meta on the bundled, illustrative score table (fixtures/scores/)"
"$build/tools/synthbench/synthbench" meta --input fixtures/scores/illustrative_intent_table.json --format markdown

paper=../shared/data/paper/crossner_politics_ent_type_k5.json
if [ -f "$paper" ]; then
  echo
  echo "=== synthbench meta on the study's published CrossNER-Politics table ($paper)"
  "$build/tools/synthbench/synthbench" meta --input "$paper" --format markdown
else
  echo
  echo "(../shared/data/paper is absent: skipped the published table)"
fi
echo
echo "synthbench: done."
echo "  The report:  $report/report.html   (open it in a browser; also report.md and results.json)"
echo "  The CLI:     $build/tools/synthbench/synthbench --help"
