#!/usr/bin/env bash
# The main job, the README's first command: builds synthbench, runs the examples, and
# meta-evaluates a bundled score table with `synthbench meta` (plus the published CrossNER
# Politics table of the study when ../shared/data is present). Installs missing Debian
# packages first. Works offline.
set -euo pipefail
cd "$(dirname "$0")/.."

scripts/install-deps.sh build

build=build/main
cmake -S . -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=Release -DSYNTHBENCH_BUILD_BENCHMARKS=OFF \
      -DSYNTHBENCH_BUILD_TESTS=OFF -DSYNTHBENCH_BUILD_EXAMPLES=ON -DSYNTHBENCH_BUILD_TOOLS=ON > "$build.configure.log" 2>&1 \
  || { cat "$build.configure.log"; exit 1; }
cmake --build "$build" -j "$(nproc)"

echo
echo "=== The examples (ctest -L example)"
ctest --test-dir "$build" -L example --output-on-failure

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
echo "synthbench: done. The program is $build/tools/synthbench/synthbench; try '$build/tools/synthbench/synthbench --help'."
